"""A personal link knows whose it is: its pages speak that member's saved language and direction, and
nothing else about them. A link that does not work speaks the visitor's own language, so it gives
away nothing; a language picked on these pages keeps the person where they were."""

from datetime import timedelta
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info

from portal.family_access import session
from portal.family_access.models import PersonalLink
from tests.family import link_path, sign_in
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)
from tests.text import normalize_spaces

LANGUAGES = [code for code, _name in settings.LANGUAGES]
_catalogues: dict[str, polib.POFile] = {}


def translated(code: str, msgid: str) -> str:
    """The words the translators wrote for ``msgid`` in ``code`` (English is its own msgid)."""
    if code not in _catalogues:
        _catalogues[code] = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
    entry = _catalogues[code].find(msgid)
    return (entry.msgstr if entry and entry.msgstr else msgid) if code != "en" else msgid


def direction(code: str) -> str:
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def _page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _speaks(response, code):
    page = _page(response)
    html = page.select_one("html")
    assert (html["lang"], html["dir"]) == (code, direction(code))
    assert response.headers["Content-Language"] == code
    return page


def _heading(page) -> str:
    return normalize_spaces(page.select_one("h1").text)


def _switcher(page) -> dict[str, str]:
    return {a["lang"]: a["href"] for a in page.select(".app-language-switcher a")}


@pytest.fixture
def member_speaking(consented, member_factory):
    return lambda code: member_factory("Gran Jones", language=code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_members_link_opens_in_their_saved_language_and_direction(client, member_speaking, meeting, code):
    member = member_speaking(code)
    path = link_path(member)
    landing = client.get(path, headers={"accept-language": "en" if code != "en" else "pl"})
    page = _speaks(landing, code)
    assert _heading(page) == translated(code, "Your family meeting")
    assert "Gran Jones" not in landing.content.decode() and member.case.ref not in landing.content.decode()

    client.post(path, headers={"accept-language": "en" if code != "en" else "pl"})
    page = _speaks(client.get("/f/code/"), code)
    assert _heading(page) == translated(code, "Check your phone or email")
    assert "Gran Jones" not in page.text


@pytest.mark.parametrize("spoil", ["expired", "revoked"])
@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_a_link_that_does_not_work_speaks_the_visitors_language_not_the_members(
    client, member_speaking, meeting, code, spoil
):
    member = member_speaking(code)
    path = link_path(member)
    link = PersonalLink.objects.get(subject_ref=member.ref)
    if spoil == "expired":
        PersonalLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        PersonalLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    visitor = "cy" if code != "cy" else "es"

    spoiled = _speaks(client.get(path, headers={"accept-language": visitor}), visitor)
    unknown = _speaks(client.get("/f/" + "y" * 43, headers={"accept-language": visitor}), visitor)
    assert normalize_spaces(spoiled.select_one("main").text) == normalize_spaces(unknown.select_one("main").text)
    assert _heading(spoiled) == translated(visitor, "Your family meeting")

    client.post(path, headers={"accept-language": visitor})
    code_page = _speaks(client.get("/f/code/", headers={"accept-language": visitor}), visitor)
    assert _heading(code_page) == translated(visitor, "Check your phone or email")


def test_a_language_picked_on_the_landing_page_stays_on_it_and_carries_to_the_code_page(
    client, member_speaking, meeting
):
    member = member_speaking("pl")
    path = link_path(member)
    links = _switcher(_page(client.get(path)))
    assert links["ar"] == f"{path}?lang=ar"
    page = _speaks(client.get(links["ar"]), "ar")
    assert _heading(page) == translated("ar", "Your family meeting")
    client.post(links["ar"])
    assert _heading(_speaks(client.get("/f/code/"), "ar")) == translated("ar", "Check your phone or email")


def test_a_language_picked_on_the_code_page_keeps_the_person_on_the_code_page(client, member_speaking, meeting):
    member = member_speaking("pl")
    path = link_path(member)
    client.post(path)
    links = _switcher(_speaks(client.get("/f/code/"), "pl"))
    assert links["ur"] == "/f/code/?lang=ur"

    page = _speaks(client.get(links["ur"]), "ur")
    assert _heading(page) == translated("ur", "Check your phone or email")
    # Still the same step, in the picked language: a wrong code, then a new code, are both in Urdu.
    wrong = _speaks(client.post("/f/code/", {"code": "000000"}), "ur")
    assert _heading(wrong) == translated("ur", "Check your phone or email")
    assert normalize_spaces(wrong.select_one(".govuk-error-summary__title").text) == translated(
        "ur", "There is a problem"
    )
    resent = client.post("/f/code/new/")
    assert resent.url == "/f/code/"
    _speaks(client.get("/f/code/"), "ur")


def test_the_sign_in_still_works_after_picking_a_language_and_the_member_pages_keep_the_saved_one(
    client, member_speaking, meeting
):
    member = member_speaking("pl")
    path = link_path(member)
    client.get(f"{path}?lang=ar")
    response = sign_in(client, member, path)
    assert response.url == "/f/home/"
    _speaks(client.get("/f/meeting/"), "pl")


@pytest.mark.parametrize("code", ["pl", "ar", "cy"])
def test_signing_out_shows_the_signed_out_page_in_the_members_language(client, member_speaking, meeting, code):
    member = member_speaking(code)
    sign_in(client, member)
    signed_out = client.get("/f/sign-out/")
    assert signed_out.url == "/f/signed-out/"
    page = _speaks(client.get("/f/signed-out/", headers={"accept-language": "en"}), code)
    assert _heading(page) == translated(code, "You are signed out")


def test_after_thirty_idle_minutes_the_signed_out_page_is_in_the_members_language(client, member_speaking, meeting):
    sign_in(client, member_speaking("ar"))
    stored = client.session
    stored[session.SESSION_KEY]["seen"] -= session.IDLE_LIMIT_SECONDS + 1
    stored.save()
    assert client.get("/f/meeting/").url == "/f/signed-out/"
    page = _speaks(client.get("/f/signed-out/", headers={"accept-language": "en"}), "ar")
    assert _heading(page) == translated("ar", "You are signed out")
    assert client.get("/f/meeting/").url == "/f/signed-out/"  # the language is all that was kept


def test_leaving_quickly_keeps_no_language(client, member_speaking, meeting):
    member = member_speaking("ar")
    sign_in(client, member)
    client.get("/f/leave/")
    _speaks(client.get("/f/signed-out/", headers={"accept-language": "en"}), "en")


FOOTER = {"/privacy/": "Privacy notice", "/help/": "Help and contact", "/accessibility/": "Accessibility statement"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_footer_pages_follow_the_signed_in_members_language(client, member_speaking, meeting, code):
    visitor = "en" if code != "en" else "pl"
    for path, heading in FOOTER.items():
        page = _speaks(client.get(path, headers={"accept-language": visitor}), visitor)
        assert _heading(page) == translated(visitor, heading)
    sign_in(client, member_speaking(code))
    for path, heading in FOOTER.items():
        response = client.get(path, headers={"accept-language": visitor})
        page = _speaks(response, code)
        assert _heading(page) == translated(code, heading)
        assert not page.select(".app-language-switcher")  # their saved language wins, as on their pages
        assert "no-store" in response.headers["Cache-Control"]
