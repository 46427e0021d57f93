"""The personal link and code rules: expiry, single use, tries and lockout, resend limits, revocation,
idle sessions, and the same neutral page for any link that does not work."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db.models import F
from django.utils import timezone

from fgdm.factories import ConsentDecisionFactory, ExclusionDecisionFactory
from fgdm.models import Meeting, Participation
from fgdm.models.consent import ConsentMethod, ConsentStatus
from portal.family_access import session
from portal.family_access.models import PersonalLink, SignInCode
from portal.family_access.services import CODE_TRIES, CODES_PER_HOUR, TooSoon, check_code, live_link, send_code
from portal.messaging.backends import locmem
from tests.family import code_sent_to, deliver_queued, link_path, sign_in
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)
from tests.text import normalize_spaces

LINK = re.compile(r"/f/([A-Za-z0-9_-]{20,})")


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


def test_a_lock_longer_than_a_minute_says_how_long_and_what_to_do(client, member, meeting, settings):
    person_locked = (
        f"You have entered the wrong code too many times. Call {settings.SERVICE_CONTACT_PHONE} and ask your "
        "coordinator to let you try again, or try again tomorrow."
    )
    client.post(link_path(member))
    for round in range(2):
        code = code_sent_to(member)
        for _ in range(CODE_TRIES):
            response = client.post("/f/code/", {"code": _wrong(code)})
        if round == 0:  # this code's own five tries: a new code is the way on
            assert "You have entered the wrong code too many times. Ask for a new code below." in _text(response)
            _age_codes(member, 2)
            client.post("/f/code/new/")
    # Ten wrong codes for the person: a new code will not help, so the page says what will.
    assert person_locked in _text(response) and "Ask for a new code below" not in _text(response)
    _age_codes(member, 2)
    response = client.post("/f/code/new/", follow=True)
    assert person_locked in _text(response) and "wait a minute" not in _text(response)


def test_five_codes_in_an_hour_say_an_hour_not_a_minute(client, member, meeting):
    client.post(link_path(member))
    for _ in range(CODES_PER_HOUR - 1):
        _age_codes(member, 2)
        client.post("/f/code/new/")
    _age_codes(member, 2)
    response = client.post("/f/code/new/", follow=True)
    assert "You have asked for 5 codes in the last hour. Please try again in an hour." in _text(response)
    assert SignInCode.objects.count() == CODES_PER_HOUR


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
    ExclusionDecisionFactory(member=member, participation=Participation.NO_CONTACT, decided_by=practitioner)
    assert client.get("/f/meeting/").url == "/f/signed-out/"
    client.post(path)
    assert SignInCode.objects.filter(link__subject_ref=member.ref).count() == 1  # no new code went out


def test_withdrawing_consent_ends_every_family_session_of_the_case(client, member, meeting, consented, coordinator):
    sign_in(client, member)
    ConsentDecisionFactory(member=consented, status=ConsentStatus.WITHDRAWN, method=ConsentMethod.PHONE)
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


def _links(member, n):
    """``n`` live links for one person, as several messages would make them."""
    paths = [link_path(member) for _ in range(n)]
    return paths, list(PersonalLink.objects.filter(subject_ref=member.ref).order_by("pk"))


def _age_codes(member, minutes):
    SignInCode.objects.filter(link__subject_ref=member.ref).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_three_links_give_a_person_ten_wrong_codes_in_all_not_five_each(member, meeting):
    from portal.family_access.services import guessing_locked

    _paths, links = _links(member, 3)
    wrong = 0
    for n, link in enumerate(links * 3):
        _age_codes(member, 61)  # no resend limit in the way: this is about guesses
        try:
            send_code(link=link)
        except TooSoon:
            break
        code = code_sent_to(member)
        for _ in range(CODE_TRIES):
            check = check_code(link=link, code=_wrong(code), client_address=f"198.51.100.{n}")
            wrong += 1
            if check.locked:
                break
    assert wrong == 10
    assert guessing_locked(subject_ref=member.ref)
    # Locked now on every link, whatever address: no new code is sent and no code is checked.
    check = check_code(link=links[2], code="123456", client_address="203.0.113.1")
    assert check.locked and check.locked_for == "person"


def test_a_coordinator_sees_and_lifts_the_guessing_lock(member, meeting, coordinator):
    from portal.family_access.services import guessing_locked, lift_guessing_lock

    _paths, [link] = _links(member, 1)
    for _ in range(2):
        _age_codes(member, 61)
        send_code(link=link)
        code = code_sent_to(member)
        for _ in range(CODE_TRIES):
            check_code(link=link, code=_wrong(code))
    assert guessing_locked(subject_ref=member.ref)
    assert lift_guessing_lock(subject_ref=member.ref, actor=coordinator) == 10
    assert not guessing_locked(subject_ref=member.ref)
    _age_codes(member, 61)
    send_code(link=link)
    assert check_code(link=link, code=code_sent_to(member)).ok


def test_a_shared_phone_shares_one_allowance(member, member_factory, meeting):
    relative = member_factory("Uncle Jones", phone=member.phone)
    _paths, [gran_link] = _links(member, 1)
    _paths, [uncle_link] = _links(relative, 1)
    for link, person in [(gran_link, member), (uncle_link, relative)]:
        send_code(link=link)
        code = code_sent_to(person)
        for _ in range(CODE_TRIES):
            last = check_code(link=link, code=_wrong(code))
    assert last.locked
    from portal.family_access.services import guessing_locked

    assert guessing_locked(subject_ref=member.ref) and guessing_locked(subject_ref=relative.ref)


def test_one_client_address_is_stopped_after_thirty_wrong_codes_across_people(consented, member_factory, meeting):
    people = [member_factory(f"Cousin {n}", phone=f"+4474001230{n:02d}") for n in range(7)]
    wrong = 0
    last = None
    for person in people:
        _paths, [link] = _links(person, 1)
        send_code(link=link)
        code = code_sent_to(person)
        for _ in range(CODE_TRIES):
            last = check_code(link=link, code=_wrong(code), client_address="203.0.113.9")
            if last.locked and wrong >= 29:
                break
            wrong += 1
        if wrong >= 29:
            break
    assert wrong == 29 and last.locked and last.locked_for == "address"
    # Another address, another person: still free to sign in.
    other = member_factory("Aunt Jones", phone="+447400999999")
    _paths, [link] = _links(other, 1)
    send_code(link=link)
    assert check_code(link=link, code=code_sent_to(other), client_address="198.51.100.7").ok


def test_only_the_latest_code_works_whichever_link_asked_for_it(member, meeting):
    _paths, [first, second] = _links(member, 2)
    send_code(link=first)
    first_code = code_sent_to(member)
    _age_codes(member, 2)
    send_code(link=second)
    assert check_code(link=first, code=first_code).expired
    assert check_code(link=first, code=code_sent_to(member)).expired  # the live code came through the other link
    assert check_code(link=second, code=code_sent_to(member)).ok


def test_texts_are_capped_per_person_not_per_link(member, meeting):
    _paths, links = _links(member, 3)
    sent = 0
    for _minute in range(10):
        for link in links:
            try:
                send_code(link=link)
                sent += 1
            except TooSoon:
                pass
        _age_codes(member, 1.5)  # a minute and a half later; still within the hour
    assert sent == 5


def _links_texted_to(member) -> list[str]:
    """The personal links in the texts the member's phone received, oldest first."""
    deliver_queued()
    return [m.group(1) for sms in locmem.outbox if sms.to == member.phone for m in [LINK.search(sms.body)] if m]


def test_only_the_newest_link_sent_works_unless_the_coordinator_keeps_the_older_ones(
    client, case, member, meeting, coordinator
):
    client.force_login(coordinator)
    invite = f"/cases/{case.pk}/meeting/invite/"
    page = BeautifulSoup(client.get(invite).content, "html.parser")
    assert page.select_one("#keep_older_links").get("checked") is None  # off unless the coordinator ticks it
    working = []
    for keep in ["", "", "yes"]:
        client.post(invite, {"keep_older_links": keep} if keep else {})
        tokens = _links_texted_to(member)
        working.append([live_link(token) is not None for token in tokens])
        Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)  # the next invitation is new
    # The second invitation ends the first link; the third, sent with "keep", leaves the second working.
    assert working == [[True], [False, True], [False, True, True]]
    first, second, _third = _links_texted_to(member)
    texts = len(locmem.outbox)
    client.post(f"/f/{first}")
    deliver_queued()
    assert len(locmem.outbox) == texts  # an ended link sends no code
    client.post(f"/f/{second}")
    assert client.post("/f/code/", {"code": code_sent_to(member)}).url == "/f/home/"


def test_a_newer_link_leaves_a_signed_in_member_signed_in_but_the_older_link_no_longer_opens(
    client, case, member, meeting, coordinator
):
    from django.test import Client

    family = Client()
    staff = client
    staff.force_login(coordinator)
    invite = f"/cases/{case.pk}/meeting/invite/"
    staff.post(invite)
    [first] = _links_texted_to(member)
    family.post(f"/f/{first}")
    assert family.post("/f/code/", {"code": code_sent_to(member)}).url == "/f/home/"

    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    staff.post(invite)  # a second invitation, with a newer link, reaches the member
    assert len(_links_texted_to(member)) == 2

    assert family.get("/f/meeting/").status_code == 200  # still signed in, mid-task
    assert live_link(first) is None  # but the older link no longer opens


def test_the_coordinator_sees_the_lock_on_the_network_page_and_lifts_it(client, case, member, meeting, coordinator):
    from portal.audit.models import AuditEvent

    _paths, [link] = _links(member, 1)
    for _ in range(2):
        _age_codes(member, 61)
        send_code(link=link)
        code = code_sent_to(member)
        for _ in range(CODE_TRIES):
            check_code(link=link, code=_wrong(code))
    client.force_login(coordinator)
    network = BeautifulSoup(client.get(f"/cases/{case.pk}/network/").content, "html.parser")
    locked = [normalize_spaces(row.th.text) for row in network.select("tbody tr") if "Locked out" in row.th.text]
    assert locked == ["Gran Jones Locked out of signing in"]
    [lift] = [a["href"] for a in network.select("tbody a") if a.text.startswith("Let them try again")]
    assert "No code is sent or accepted for a day." in _text(client.get(lift))

    response = client.post(lift, follow=True)
    assert "Gran Jones can try a code again." in _text(response)
    assert "Locked out" not in _text(response)
    assert AuditEvent.objects.get(action="family_access.guessing_lock_lifted").object_id == member.ref
    _age_codes(member, 61)
    send_code(link=link)
    assert check_code(link=link, code=code_sent_to(member)).ok
