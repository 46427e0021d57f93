"""Plain words: the check itself, the editor's panel, and every family-facing English text in CI."""

from pathlib import Path

import pytest
from django.conf import settings

from content import readability

ROOT = Path(settings.BASE_DIR)
FAMILY_TEMPLATE_DIRS = [
    "fgdm/templates/fgdm/family",
    "portal/family_access/templates",
    "portal/templates/family",
    "network_support/templates/network_support/family",
    "content/templates/content",
]


def family_templates():
    for folder in FAMILY_TEMPLATE_DIRS:
        yield from sorted((ROOT / folder).rglob("*.html"))


def family_messages():
    """Every message a family member can be sent, in English, with sample values filled in."""
    from portal.messaging import registry

    for template in registry.templates():
        for part in ("sms", "discreet_sms", "email_subject", "email_body"):
            text = str(getattr(template, part) or "")
            if text:
                yield f"{template.key}.{part}", text


def test_reading_age_of_plain_and_hard_text():
    plain = readability.check("We will call you. You can bring a friend. It is free.")
    hard = readability.check(
        "Notwithstanding the aforementioned considerations, practitioners should endeavour to facilitate "
        "comprehensive multi-agency collaboration."
    )

    assert plain.reading_age < 9 < hard.reading_age
    assert set(hard.jargon) == {"notwithstanding", "aforementioned", "endeavour", "facilitate", "multi-agency"}
    assert hard.jargon["facilitate"] == "help, run"


def test_long_sentences_are_named_and_headings_are_not_joined_to_paragraphs():
    long_sentence = " ".join(["word"] * 26) + "."
    report = readability.check_html(f"<h2>A heading without a full stop</h2><p>{long_sentence} Short one.</p>")

    assert report.long_sentences == [long_sentence]
    assert report.sentences[0] == "A heading without a full stop"


def test_template_code_is_not_read_as_words():
    text = readability.text_from_html(
        '{% load i18n %}<p>{% translate "Hello" %} {{ member.name }}, {# note #}see you.</p>'
    )

    assert "load" not in text and "member" not in text and "note" not in text


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("meeting", 2),
        ("people", 2),  # a silent final e the dictionary knows is sounded here
        ("family", 3),
        ("coordinator", 5),  # co-or-di-na-tor
        ("interpreter", 4),
        ("safeguarding", 3),
        ("easy-read", 3),  # each half of a hyphenated word on its own
        ("Panjabi", 3),  # not in the dictionary: counted from its hyphenation, pan-ja-bi
        ("don\u2019t", 1),
        ("2026", 4),  # a figure is read as a few short words
    ],
)
def test_syllables(word, count):
    assert readability.syllables(word) == count


@pytest.mark.parametrize("path", list(family_templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_family_template_is_in_plain_words(path):
    report = readability.check_html(path.read_text(encoding="utf-8"))

    assert report.long_sentences == [], f"sentences over {readability.MAX_SENTENCE_WORDS} words"
    assert report.jargon == {}, "jargon: use the plain alternative"


def test_family_messages_are_in_plain_words(db):
    texts = dict(family_messages())
    assert texts, "no family messages registered"
    problems = {}
    for key, text in texts.items():
        report = readability.check(text)
        if report.long_sentences or report.jargon:
            problems[key] = (report.long_sentences, report.jargon)

    assert problems == {}


def test_reading_age_of_everything_families_read_in_english(db):
    """Reported, not enforced: the hard rules are sentence length and jargon. Aim for about 9."""
    from content.guides import english

    text = "\n".join(readability.text_from_html(p.read_text(encoding="utf-8")) for p in family_templates())
    text += "\n" + "\n".join(dict(family_messages()).values())
    for guide in english.GUIDES:
        text += "\n" + "\n".join(_guide_text(guide))
    report = readability.check(text)

    print(f"\nFamily-facing English: reading age about {report.reading_age}, {len(report.sentences)} sentences")
    assert report.reading_age < 14


def _guide_text(guide):
    yield guide["title"]
    yield guide["summary"]
    for _kind, value in guide["body"]:
        yield from (readability.text_from_html(s) for s in _flatten(value))
    yield from guide["easy_read"]


def _flatten(value):
    if isinstance(value, str):
        if not value.startswith("http"):
            yield value
    else:
        for item in value:
            yield from _flatten(item)


def test_core_guides_are_plain():
    from content.guides import english

    for guide in english.GUIDES:
        report = readability.check("\n".join(_guide_text(guide)))
        assert report.long_sentences == [], guide["slug"]
        assert report.jargon == {}, guide["slug"]
        assert report.reading_age <= 10, (guide["slug"], report.reading_age)


def test_editor_panel_shows_reading_age_and_words_to_change(client, staff_factory):
    import io

    from content import demo
    from content.models import GuidePage
    from portal.accounts import roles

    demo.seed(io.StringIO(), languages=[], guide_slugs=["private-family-time"])
    guide = GuidePage.objects.get(slug="private-family-time", locale__language_code="en")
    guide.summary = "Practitioners facilitate the meeting."
    guide.save_revision()

    client.force_login(staff_factory(roles.CONTENT_EDITOR))
    response = client.get(f"/cms/pages/{guide.pk}/edit/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Reading age: about" in html
    assert "“facilitate” — try “help, run”" in html


# The footer's pages, read by every family member: measured as a person gets them, with the
# council's name, the phone number and the email address filled in.
FOOTER_PAGES = ["/privacy/", "/accessibility/", "/help/"]
MAX_FOOTER_GRADE = 4  # Flesch-Kincaid grade; the other family pages read at 0.7 to 3.4


@pytest.mark.parametrize("path", FOOTER_PAGES)
def test_footer_pages_read_at_grade_4_or_below(db, client, path):
    from bs4 import BeautifulSoup

    response = client.get(path, headers={"accept-language": "en"})
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    report = readability.check_html(str(main))

    grade = round(report.reading_age - 5, 1)
    assert grade <= MAX_FOOTER_GRADE, (grade, report.longest())
    assert report.long_sentences == [] and report.jargon == {}
