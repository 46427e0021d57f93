"""The personal link and code rules: expiry, single use, tries and lockout, resend limits, revocation,
idle sessions, and the same neutral page for any link that does not work."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from fgdm.models import ExclusionReason, Participation
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.services.consent import record_consent
from fgdm.services.exclusions import record_exclusion
from portal.family_access import session
from portal.family_access.models import PersonalLink, SignInCode
from portal.family_access.services import CODE_TRIES, TooSoon, check_code, send_code
from tests.family import code_sent_to, link_path, sign_in
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)
from tests.text import normalize_spaces


def _text(response, selector="main"):
    return normalize_spaces(BeautifulSoup(response.content, "html.parser").select_one(selector).text)


def _wrong(code):
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.fixture
def member(consented, member_factory):
    return member_factory("Gran Jones")


def test_the_code_signs_the_member_in_and_shows_their_meeting(client, member, meeting):
    response = sign_in(client, member)
    assert response.status_code == 302 and response.url == "/f/home/"
    page = client.get("/f/meeting/")
    assert "For Gran Jones" in _text(page)
    assert "no-store" in page.headers["Cache-Control"]


def test_the_landing_page_shows_nothing_personal_and_is_the_same_for_any_link(client, member, meeting):
    live = client.get(link_path(member))
    unknown = client.get("/f/" + "x" * 43)
    assert live.status_code == unknown.status_code == 200
    assert _text(live) == _text(unknown)
    assert "Gran Jones" not in live.content.decode()


@pytest.mark.parametrize("spoil", ["expired", "revoked", "unknown"])
def test_a_link_that_does_not_work_gets_the_same_pages_and_never_signs_in(client, member, meeting, spoil):
    path = link_path(member)
    link = PersonalLink.objects.get(subject_ref=member.ref)
    if spoil == "expired":
        PersonalLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif spoil == "revoked":
        PersonalLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    else:
        path = "/f/" + "y" * 43
    client.post(path)
    assert not SignInCode.objects.exists()
    page = client.get("/f/code/")
    assert "we have sent a 6-digit code" in _text(page)
    response = client.post("/f/code/", {"code": "123456"})
    assert "The code is not right. You have 4 more tries." in _text(response)
    assert client.get("/f/meeting/").url == "/f/signed-out/"


def test_a_code_works_once(client, member, meeting):
    path = link_path(member)
    sign_in(client, member, path)
    code = code_sent_to(member)
    client.get("/f/sign-out/")
    client.post(path)  # a new code is sent; the old one must not work
    client.post("/f/code/", {"code": code})
    assert client.get("/f/meeting/").status_code == 302
    link = PersonalLink.objects.get(subject_ref=member.ref)
    assert check_code(link=link, code=code).ok is False


def test_a_code_stops_working_after_ten_minutes(client, member, meeting):
    client.post(link_path(member))
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post("/f/code/", {"code": code_sent_to(member)})
    assert "This code has stopped working. Ask for a new code." in _text(response)
    assert client.get("/f/meeting/").status_code == 302


def test_wrong_codes_count_down_then_lock_even_the_right_code(client, member, meeting):
    client.post(link_path(member))
    code = code_sent_to(member)
    for left in range(CODE_TRIES - 1, 0, -1):
        response = client.post("/f/code/", {"code": _wrong(code)})
        tries = "try" if left == 1 else "tries"
        assert f"The code is not right. You have {left} more {tries}." in _text(response)
        assert response.context["form"]["code"].value() == _wrong(code)  # what was typed stays
    response = client.post("/f/code/", {"code": _wrong(code)})
    assert "You have entered the wrong code too many times. Ask for a new code below." in _text(response)
    client.post("/f/code/", {"code": code})
    assert client.get("/f/meeting/").status_code == 302


def test_a_code_that_is_not_six_numbers_gets_a_plain_error_and_no_try_is_used(client, member, meeting):
    client.post(link_path(member))
    response = client.post("/f/code/", {"code": "12ab"})
    assert "There is a problem The code must be 6 numbers." in _text(response)
    assert SignInCode.objects.get().tries_left == CODE_TRIES


def test_new_codes_are_rate_limited(client, member, meeting):
    client.post(link_path(member))
    response = client.post("/f/code/new/", follow=True)
    assert "Please wait a minute before asking for another code." in _text(response)
    link = PersonalLink.objects.get(subject_ref=member.ref)
    SignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    send_code(link=link)
    for _ in range(3):
        SignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
        send_code(link=link)
    SignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    with pytest.raises(TooSoon):  # five in the last hour
        send_code(link=link)


def test_the_code_box_is_the_govuk_confirm_a_phone_number_pattern(client, member, meeting):
    client.post(link_path(member))
    box = BeautifulSoup(client.get("/f/code/").content, "html.parser").select_one("input[name=code]")
    assert box["autocomplete"] == "one-time-code"
    assert box["inputmode"] == "numeric"
    assert "govuk-input--width-5" in box["class"]


def test_the_code_goes_even_in_quiet_hours_because_the_member_just_asked(client, member_factory, consented, meeting):
    now = timezone.localtime()
    night_owl = member_factory(
        "Night Owl", quiet_start=(now - timedelta(hours=1)).time(), quiet_end=(now + timedelta(hours=1)).time()
    )
    client.post(link_path(night_owl))
    assert code_sent_to(night_owl)


def test_excluding_the_member_ends_their_session_and_link(client, member, meeting, practitioner):
    path = link_path(member)
    sign_in(client, member, path)
    assert client.get("/f/meeting/").status_code == 200
    record_exclusion(
        member=member,
        participation=Participation.NO_CONTACT,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        note="",
        agencies_consulted="",
        review_on=timezone.localdate() + timedelta(days=30),
        actor=practitioner,
    )
    assert client.get("/f/meeting/").url == "/f/signed-out/"
    client.post(path)
    assert SignInCode.objects.filter(link__subject_ref=member.ref).count() == 1  # no new code went out


def test_withdrawing_consent_ends_every_family_session_of_the_case(client, member, meeting, consented, coordinator):
    sign_in(client, member)
    record_consent(
        case=member.case,
        member=consented,
        status=ConsentStatus.WITHDRAWN,
        method=ConsentMethod.PHONE,
        may_share=[],
        actor=coordinator,
    )
    assert client.get("/f/meeting/").url == "/f/signed-out/"


def test_thirty_idle_minutes_end_the_session(client, member, meeting):
    sign_in(client, member)
    stored = client.session
    stored[session.SESSION_KEY]["seen"] -= session.IDLE_LIMIT_SECONDS + 1
    stored.save()
    assert client.get("/f/meeting/").url == "/f/signed-out/"


def test_leave_quickly_and_sign_out_end_the_session(client, member, meeting):
    sign_in(client, member)
    page = BeautifulSoup(client.get("/f/meeting/").content, "html.parser")
    assert page.select_one(".govuk-exit-this-page a")["href"] == "/f/leave/"
    response = client.get("/f/leave/")
    assert response.url == "https://www.bbc.co.uk/weather"
    assert client.get("/f/meeting/").status_code == 302
