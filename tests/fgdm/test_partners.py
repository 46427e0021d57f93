"""Partner agencies' input to the safety check: a partner sees only the people asked about, answers
once, and their answers reach the coordinator's decision and nobody in the family."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fgdm.factories import ExclusionDecisionFactory, PartnerRequestFactory, all_answered
from fgdm.models import AgencyKind, Case, ExclusionDecision, Known, NetworkMember, PartnerRequest, Risk
from fgdm.selectors.figures import Filters, all_figures
from portal.audit.models import AuditEvent
from tests.partners import code_sent_to, confirm, link_path
from tests.text import normalize_spaces

SECRET = "Zq-partner-secret: two callouts in March"


@pytest.fixture
def asked(case, member_factory, coordinator):
    """The police are asked about Gary (born 9 February 1984) and nobody else."""
    gary = member_factory("Gary Shaw")
    NetworkMember.objects.filter(pk=gary.pk).update(date_of_birth=date(1984, 2, 9))
    member_factory("Denise Clarke")
    return PartnerRequestFactory(members=[gary], sent_by=coordinator)


def _answer_data(partner_request, value=Known.NO, details=SECRET, **extra):
    data = {}
    for member in partner_request.members.all():
        data.update({f"person_{member.pk}_{risk}": value for risk in Risk.values})
        data[f"person_{member.pk}_details"] = details
    data.update(extra)
    return data


def _text(response) -> str:
    return response.content.decode()


def test_the_email_names_nobody_and_the_link_alone_shows_nothing(asked, client):
    email = next(e for e in _deliver_all() if asked.contact_email in e.to)
    assert "Gary" not in email.body and asked.case.reference not in email.body
    landing = client.get(link_path(asked))
    assert landing.status_code == 200
    assert "Gary" not in _text(landing) and "Email me a code" in _text(landing)
    assert "no-store" in landing["Cache-Control"]


def _deliver_all():
    from tests.family import deliver_queued

    deliver_queued()
    return mail.outbox


def test_a_partner_sees_only_the_people_asked_about(asked, case, client):
    response = confirm(client, asked)
    assert response.status_code == 302 and response["Location"] == "/partner/answer/"
    page = _text(client.get("/partner/answer/"))
    assert "Gary Shaw" in page and "9 February 1984" in page
    for never in ("Denise Clarke", "Sarah Parent", case.children.get().name, case.reference, case.worries):
        assert never not in page


def test_changing_ids_reaches_nothing_else(asked, case, client, practitioner, coordinator):
    from fgdm.factories import CaseFactory, NetworkMemberFactory

    other_case = CaseFactory(lead_practitioner=practitioner, coordinator=coordinator)
    stranger = NetworkMemberFactory(case=other_case, name="Stranger Danger")
    other = PartnerRequestFactory(members=[stranger], contact_email="other@police.example")
    confirm(client, asked)
    # The request comes from the session, never from an address; a made-up field for someone else is ignored.
    assert "Stranger" not in _text(client.get(f"/partner/answer/?id={other.pk}"))
    data = _answer_data(asked, **{f"person_{stranger.pk}_{Risk.DOMESTIC_ABUSE}": Known.YES})
    assert client.post("/partner/answer/", data)["Location"] == "/partner/thank-you/"
    assert list(asked.answers.values_list("member__name", flat=True)) == ["Gary Shaw"]
    assert not other.answers.exists()
    # No staff page opens for a partner's session.
    for url in (f"/cases/{case.pk}/", f"/cases/{case.pk}/safety-check/", f"/cases/{other_case.pk}/network/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.get("/f/meeting/")["Location"] == "/f/signed-out/"


def test_an_expired_used_or_unknown_link_shows_the_same_neutral_page(asked, member_factory, client):
    expired = PartnerRequestFactory(members=[member_factory("Tom Lewis")], contact_email="x@health.example")
    expired_path = link_path(expired)
    PartnerRequest.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    used_path = link_path(asked)
    confirm(client, asked)
    client.post("/partner/answer/", _answer_data(asked))
    pages = [Client().get(path) for path in (expired_path, used_path, "/partner/not-a-real-token-at-all")]
    assert {page.status_code for page in pages} == {200}
    assert len({_text(page) for page in pages}) == 1
    assert "This link does not work" in _text(pages[0])
    # Asking for a code through a dead link sends nothing and shows the same page.
    before = len(_deliver_all())
    assert _text(Client().post(used_path)) == _text(pages[0])
    assert len(_deliver_all()) == before


def test_five_wrong_codes_lock_the_request(asked, client):
    client.post(link_path(asked))
    right = code_sent_to(asked)
    wrong = "000000" if right != "000000" else "111111"
    for tries_left in (4, 3, 2, 1):
        page = client.post("/partner/code/", {"code": wrong})
        assert f"You have {tries_left} more tr" in normalize_spaces(_text(page))
    locked = client.post("/partner/code/", {"code": wrong})
    assert "this request is locked" in _text(locked)
    asked.refresh_from_db()
    assert asked.locked_at is not None
    assert AuditEvent.objects.filter(action="partner.locked", object_id=str(asked.pk)).exists()
    # The right code no longer helps, and the link shows the neutral page.
    assert client.post("/partner/code/", {"code": right})["Location"] == "/partner/closed/"
    assert "This link does not work" in _text(Client().get(link_path(asked)))


def test_a_reply_missing_answers_names_them_and_keeps_what_was_typed(asked, client):
    gary = asked.members.get()
    confirm(client, asked)
    data = _answer_data(asked, details="Typed before the mistake")
    del data[f"person_{gary.pk}_{Risk.COERCIVE_CONTROL}"]
    data[f"person_{gary.pk}_{Risk.DOMESTIC_ABUSE}"] = Known.YES
    response = client.post("/partner/answer/", data)
    assert response.status_code == 200
    summary = normalize_spaces(re.search(r'<div class="govuk-error-summary".*?</ul>', _text(response), re.S).group(0))
    assert "Say yes, no or not known for “Coercive control” about Gary Shaw" in summary
    assert "Domestic abuse" not in summary
    assert "Typed before the mistake" in _text(response)
    assert re.search(rf'name="person_{gary.pk}_{Risk.DOMESTIC_ABUSE}" value="yes"[^>]*checked', _text(response))
    assert not asked.answers.exists()


def test_we_hold_nothing_answers_for_everyone_and_uses_the_link_up(asked, client):
    confirm(client, asked)
    assert client.post("/partner/answer/", {"holds_nothing": "on"})["Location"] == "/partner/thank-you/"
    answer = asked.answers.get()
    assert answer.holds_nothing and answer.risks == {}
    assert client.get("/partner/answer/")["Location"] == "/partner/closed/"


def test_the_coordinator_records_a_decision_informed_by_the_answer_and_reading_it_is_audited(
    asked, case, coordinator, client
):
    gary = asked.members.get()
    partner = Client()
    confirm(partner, asked)
    partner.post("/partner/answer/", _answer_data(asked, value=Known.YES))
    answer = asked.answers.get()
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/network/{gary.pk}/participation/"
    page = _text(client.get(url))
    assert SECRET in page and "Agencies consulted" not in page
    assert AuditEvent.objects.filter(action="partner.answers_read", actor=coordinator).count() == 1
    response = client.post(
        url,
        {
            "participation": "no_contact",
            "reasons": ["domestic_abuse"],
            "informed_by": [answer.pk],
            "review_on": (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    decision = ExclusionDecision.objects.current().get(member=gary)
    assert list(decision.informed_by.all()) == [answer]
    assert decision.agencies_consulted == ""


def test_old_decisions_still_show_the_agencies_typed_in(case, member_factory, coordinator, client):
    uncle = member_factory("Uncle Ray")
    ExclusionDecisionFactory(member=uncle, agencies_consulted="Police, health visitor")
    client.force_login(coordinator)
    page = _text(client.get(f"/cases/{case.pk}/network/{uncle.pk}/participation/"))
    assert "Police, health visitor" in page
    assert 'name="agencies_consulted"' not in page


def test_a_late_request_is_listed_with_a_reminder_that_sends_a_fresh_link(asked, case, coordinator, client):
    old_path = link_path(asked)
    PartnerRequest.objects.filter(pk=asked.pk).update(reply_by=timezone.localdate() - timedelta(days=1))
    client.force_login(coordinator)
    page = _text(client.get(f"/cases/{case.pk}/safety-check/"))
    late = page.split("Past their reply-by date")[1].split("Waiting for an answer")[0]
    assert "Sam Patel" in late and "Send a reminder" in late
    remind = f"/cases/{case.pk}/safety-check/{asked.pk}/remind/"
    assert client.get(remind).status_code == 405
    assert client.post(remind)["Location"] == f"/cases/{case.pk}/safety-check/"
    emails = [e for e in _deliver_all() if asked.contact_email in e.to]
    assert emails[-1].subject.startswith("Reminder:")
    new_path = link_path(asked)
    assert new_path != old_path
    assert "This link does not work" in _text(Client().get(old_path))
    assert "Email me a code" in _text(Client().get(new_path))
    assert AuditEvent.objects.filter(action="partner.reminded", actor=coordinator).exists()


def test_the_reminder_needs_the_csrf_token(asked, case, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(f"/cases/{case.pk}/safety-check/{asked.pk}/remind/").status_code == 403


def test_the_figures_show_days_to_reply_by_agency(case, member_factory):
    gary, tom = member_factory("Gary Shaw"), member_factory("Tom Lewis")
    now = timezone.now()
    for days in (2, 4, 9):
        answered = PartnerRequestFactory(members=[gary], answers={gary: all_answered()})
        PartnerRequest.objects.filter(pk=answered.pk).update(sent_at=now - timedelta(days=days), answered_at=now)
    PartnerRequestFactory(members=[tom], agency_kind=AgencyKind.SCHOOL)
    figure = next(f for f in all_figures(Case.objects.all(), Filters()) if f.key == "partner_replies")
    assert figure.rows == [["Police", 4, 3, 0], ["School", "", 0, 1]]


def test_the_case_task_list_says_when_a_partner_is_late(asked, case):
    from fgdm.selectors.progress import DONE, TO_DO, case_progress

    safety = next(t for t in case_progress(case).tasks if t.key == "safety")
    assert (safety.status, safety.url_name) == (DONE, "fgdm:safety_check")
    PartnerRequest.objects.filter(pk=asked.pk).update(reply_by=timezone.localdate() - timedelta(days=1))
    safety = next(t for t in case_progress(case).tasks if t.key == "safety")
    assert (safety.status, str(safety.status_text)) == (TO_DO, "1 partner agency is late to reply")


def test_staff_never_see_the_partner_link_or_code_and_partners_are_only_emailed(asked, client):
    from portal.messaging.models import OutboundMessage

    token = link_path(asked).rsplit("/", 1)[1]
    client.post(link_path(asked))
    code = code_sent_to(asked)
    rows = OutboundMessage.objects.filter(recipient_ref=asked.ref)
    assert {row.channel for row in rows} == {"email"} and rows.count() == 2
    assert all(token not in row.body and code not in row.body for row in rows)


def test_retention_blanks_what_partners_said_and_who_they_are(asked, case, client):
    from fgdm.data_rights import erase_case

    confirm(client, asked)
    client.post("/partner/answer/", _answer_data(asked))
    erase_case(case.ref)
    asked.refresh_from_db()
    answer = asked.answers.get()
    assert (answer.details, answer.risks) == ("", {})
    assert (asked.contact_name, asked.contact_email) == ("Removed", "")
    assert asked.members.get().date_of_birth is None


def test_a_new_link_lifts_a_lock_by_wrong_codes(asked, case, coordinator, client):
    PartnerRequest.objects.filter(pk=asked.pk).update(locked_at=timezone.now(), wrong_codes=5)
    staff = Client()
    staff.force_login(coordinator)
    page = _text(staff.get(f"/cases/{case.pk}/safety-check/"))
    assert "Locked: wrong codes" in page and "Send a new link" in page
    staff.post(f"/cases/{case.pk}/safety-check/{asked.pk}/remind/")
    assert confirm(client, asked)["Location"] == "/partner/answer/"
    event = AuditEvent.objects.get(action="partner.reminded")
    assert event.detail["unlocked"] is True


def test_the_case_messages_page_lists_the_request_without_its_link(asked, case, coordinator, client):
    token = link_path(asked).rsplit("/", 1)[1]
    client.force_login(coordinator)
    page = _text(client.get(f"/staff/messages/{case.ref}/"))
    assert "Request to a partner agency" in page and "Sam Patel" in page
    assert token not in page


def test_asked_about_two_people_each_question_says_whose_it_is(case, member_factory, coordinator, client):
    """A screen reader hears each question's legend, not the heading above it: the legend names the person."""
    from bs4 import BeautifulSoup

    from tests.text import normalize_spaces

    two = PartnerRequestFactory(members=[member_factory("Gary Shaw"), member_factory("Tom Lewis")], sent_by=coordinator)
    confirm(client, two)
    page = BeautifulSoup(client.get("/partner/answer/").content, "html.parser")
    legends = [normalize_spaces(legend.get_text(" ")) for legend in page.select("main form fieldset legend")]
    assert len(legends) == 2 * len(Risk.values)
    assert all(legend.endswith(("(Gary Shaw)", "(Tom Lewis)")) for legend in legends), legends
    assert sum(legend.endswith("(Tom Lewis)") for legend in legends) == len(Risk.values)
