"""Guides as a family sees them: in their language, right to left where needed, English with a
notice when a translation is missing, and never an error for a language we do not have."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db

GUIDE = "/what-is-a-family-group-meeting/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_english_guide_has_its_blocks_and_easy_read_link(client, seeded):
    page = soup(client.get(GUIDE))

    assert normalize_spaces(page.h1.text) == "What is a family group meeting?"
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert next(normalize_spaces(li.strong.text) for li in page.select(".app-steps li")) == "The coordinator calls you"
    assert [normalize_spaces(s.text) for s in page.select(".govuk-details__summary-text")] == [
        "Do I have to pay?",
        "Will the child be there?",
    ]
    assert page.select_one(".app-word").find("a")["href"].startswith("/jargon-buster/#word-")
    assert page.select_one(".app-video a")["href"].startswith("https://")
    assert page.find("a", string="Read the easy read version")["href"] == GUIDE + "easy-read/"


def test_easy_read_version_and_its_pdf(client, seeded):
    page = soup(client.get(GUIDE + "easy-read/"))

    assert [normalize_spaces(li.text) for li in page.select("main li")][:2] == [
        "A meeting for your family.",
        "You make a plan to keep the child safe.",
    ]
    link = page.find("a", string="Download the easy read version (PDF)")
    assert link["href"] == GUIDE + "easy-read/pdf/"
    response = client.get(link["href"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_language(response.content) == "en"
    assert "A meeting for your family." in pdf_text(response.content)


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_language(pdf: bytes) -> str:
    """The document language of a tagged PDF (a screen reader reads it in that language)."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    return str(root["/Lang"])


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_each_language_has_its_own_easy_read_pdf(client, seeded, language):
    """The easy-read page links the PDF of its own language, with its language set and its own words."""
    page = soup(client.get(f"/{language}{GUIDE}easy-read/"))
    words = [normalize_spaces(li.text) for li in page.select("main li")][:2]
    link = page.select_one('main a[type="application/pdf"]')

    assert link["href"] == f"/{language}{GUIDE}easy-read/pdf/"
    assert link["hreflang"] == language
    pdf = client.get(link["href"]).content
    assert pdf_language(pdf) == language
    # Compared word by word: a PDF's text puts a right-to-left line's full stop where it is drawn.
    text = " ".join(re.findall(r"\w+", pdf_text(pdf)))
    assert words and words[0] != "A meeting for your family."
    for line in words:
        assert " ".join(re.findall(r"\w+", line)) in text
    assert "A meeting for your family" not in text


def test_polish_guide_is_in_polish_with_a_check_me_note(client, seeded):
    response = client.get("/pl" + GUIDE)
    page = soup(response)

    assert response.status_code == 200
    assert page.html["lang"] == "pl" and page.html["dir"] == "ltr"
    assert normalize_spaces(page.h1.text) != "What is a family group meeting?"
    assert page.select_one(".govuk-inset-text")  # seeded translations are marked for review


def test_arabic_guide_reads_right_to_left(client, seeded):
    page = soup(client.get("/ar" + GUIDE))

    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    phone = page.select_one(".app-related span[dir=ltr]")
    assert phone is not None and any(ch.isdigit() for ch in phone.text)


def test_missing_translation_shows_english_with_a_notice(client, seeded):
    """Romanian was not seeded: the English guide, marked as English, with a notice."""
    response = client.get("/ro" + GUIDE)
    page = soup(response)

    assert response.status_code == 200
    assert page.html["lang"] == "ro"
    assert normalize_spaces(page.h1.text) == "What is a family group meeting?"
    assert page.h1.find_parent(attrs={"lang": "en"}) is not None
    assert "Română" in normalize_spaces(page.select_one("#language-notice-title").find_next("p").text)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/xx" + GUIDE, GUIDE),
        ("/de" + GUIDE, GUIDE),
        ("/PL" + GUIDE, "/pl" + GUIDE),
        ("/pt-BR" + GUIDE, "/pt" + GUIDE),
        ("/xx/", "/"),
    ],
)
def test_unknown_language_code_gives_a_language_we_have(client, seeded, path, target):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == target


def test_a_missing_page_is_still_not_found(client, seeded):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/pl/no-such-page/").status_code == 404


def test_language_switcher_names_each_language_in_itself(client, seeded):
    page = soup(client.get(GUIDE))
    links = {a["hreflang"]: a for a in page.select(".app-language-switcher a")}

    assert set(links) == {"pl", "ro", "pa", "ur", "pt", "es", "ar", "cy"}
    assert normalize_spaces(links["ar"].text) == "العربية" and links["ar"]["lang"] == "ar"
    assert links["pl"]["href"] == "/pl" + GUIDE
    assert links["ro"]["href"] == "/ro" + GUIDE  # untranslated: English with a notice
    current = page.select_one(".app-language-switcher [aria-current]")
    assert normalize_spaces(current.text) == "English" and current["lang"] == "en"


def test_switcher_on_a_translated_page_links_back_to_english(client, seeded):
    page = soup(client.get("/pl" + GUIDE))
    links = {a["hreflang"]: a["href"] for a in page.select(".app-language-switcher a")}

    assert links["en"] == GUIDE


def test_home_page_lists_the_guides_in_the_visitors_language(client, seeded):
    english = soup(client.get("/"))
    polish = soup(client.get("/pl/"))

    assert english.select_one(".app-guide-list a")["href"] == GUIDE
    assert polish.select_one(".app-guide-list a")["href"] == "/pl" + GUIDE


def test_search_finds_guides_in_the_visitors_language(client, seeded):
    english = soup(client.get("/search/", {"q": "coordinator"}))
    polish = soup(client.get("/pl/search/", {"q": "koordynator"}))
    nothing = soup(client.get("/search/", {"q": "zebra"}))

    assert [a["href"] for a in english.select("main li a")] == [GUIDE]
    assert [a["href"] for a in polish.select("main li a")] == ["/pl" + GUIDE]
    assert nothing.select("main li a") == []


def test_jargon_buster_lists_each_word_with_an_anchor(client, seeded):
    page = soup(client.get("/jargon-buster/"))
    words = [normalize_spaces(dt.text) for dt in page.select(".govuk-summary-list__key")]

    assert "Independent coordinator" in words
    assert all(row["id"].startswith("word-") for row in page.select(".govuk-summary-list__row"))


def test_staff_and_family_addresses_keep_no_language_prefix(client, seeded):
    assert client.get("/help/").status_code == 200
    assert client.get("/pl/help/").status_code == 404


def test_the_switcher_on_a_staff_page_looks_the_home_pages_up_once_until_a_page_is_published(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from tests.factories import make_staff

    client.force_login(make_staff())
    client.get("/cases/")
    with CaptureQueriesContext(connection) as warm:
        page = soup(client.get("/cases/"))
    links = {a["hreflang"]: a["href"] for a in page.select(".app-language-switcher a")}

    assert links["pl"] == "/pl/" and links["ar"] == "/ar/"
    assert not [q for q in warm if "wagtailcore_page" in q["sql"]]

    Page.objects.get(depth=2, locale__language_code="en").specific.save_revision().publish()
    with CaptureQueriesContext(connection) as after_publish:
        client.get("/cases/")
    assert [q for q in after_publish if "wagtailcore_page" in q["sql"]]
