"""Service managers see who read or changed what, filter it, and export it; reads of exclusion reasons stand out."""

import pytest
from bs4 import BeautifulSoup

from fgdm.factories import CaseFactory, ExclusionDecisionFactory, MeetingFactory, NetworkMemberFactory
from fgdm.models import Case
from fgdm.models.meetings import MeetingKind
from portal.accounts import roles
from portal.audit import registry
from portal.audit.services import record
from tests.factories import make_staff
from tests.text import normalize_spaces


@pytest.fixture
def events(db):
    nosy = make_staff(roles.COORDINATOR, email="nosy@council.example", first_name="Nora", last_name="Nosy")
    other = make_staff(roles.LEAD_PRACTITIONER, email="other@council.example", first_name="Olu", last_name="Other")
    record(actor=nosy, action="exclusion.reasons_viewed", object_type="fgdm.exclusiondecision", object_id=7)
    record(actor=other, action="case.referred", object_type="fgdm.case", object_id=CaseFactory().pk)
    record(actor_label="fgdm.member:42", action="invitation.replied", object_type="fgdm.reply", object_id=9)
    return nosy


def test_a_manager_filters_by_person_and_sees_reason_reads_stand_out(client, events):
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    page = BeautifulSoup(client.get("/staff/audit/", {"person": "nosy"}).content, "html.parser")
    rows = page.select("tbody tr")
    assert len(rows) == 1
    assert rows[0].select_one(".govuk-tag--red").text == "Reasons for a safety decision read"
    family = BeautifulSoup(client.get("/staff/audit/", {"person": "fgdm.member:42"}).content, "html.parser")
    assert [r.select("td")[2].text for r in family.select("tbody tr")] == ["Replied to an invitation"]


def test_the_export_holds_the_filtered_events(client, events):
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    case = Case.objects.get()
    lines = client.get("/staff/audit.csv", {"object_ref": case.ref, "person": "other@council"}).content.decode()
    lines = lines.splitlines()
    assert lines[0] == "when,who,action,record,request,detail"
    assert len(lines) == 2 and f",Olu Other,Family referred,Case {case.reference}," in lines[1]


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.LEAD_PRACTITIONER, roles.CONTENT_EDITOR])
def test_only_managers_see_the_audit_log(client, events, role):
    client.force_login(make_staff(role))
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/audit.csv").status_code == 403


def _rows(client, **filters):
    page = BeautifulSoup(client.get("/staff/audit/", filters).content, "html.parser")
    return [[normalize_spaces(td.text) for td in tr.select("td")][1:] for tr in page.select("tbody tr")]


def test_the_log_names_people_and_records_in_words(client, db):
    """Who did what to which record reads as names and plain descriptions, not ``fgdm.member:12``."""
    manager = make_staff(roles.SERVICE_MANAGER, first_name="Mina", last_name="Manager")
    jane = NetworkMemberFactory(name="Jane Okafor")
    case = jane.case
    review = MeetingFactory(case=case, kind=MeetingKind.REVIEW)
    decision = ExclusionDecisionFactory(member=NetworkMemberFactory(case=case, name="Sam Okafor"))
    record(actor_label=jane.ref, action="meeting.times_answered", target=review)
    record(actor=manager, action="exclusion.reasons_viewed", target=decision)
    record(actor_label="retention", action="case.anonymised", target=case)
    ref = case.reference
    client.force_login(manager)
    assert _rows(client, action="meeting.times_answered") == [
        [f"Jane Okafor, case {ref}", "Said which meeting times suit", f"Meeting: Review meeting, case {ref}"]
    ]
    assert _rows(client, action="exclusion.reasons_viewed") == [
        ["Mina Manager", "Reasons for a safety decision read", f"Safety decision: Sam Okafor, case {ref}"]
    ]
    assert _rows(client, action="case.anonymised") == [["retention", "Case anonymised", f"Case {ref}"]]
    table = BeautifulSoup(client.get("/staff/audit/").content, "html.parser").select_one("tbody").text
    assert "fgdm." not in table and "accounts.user" not in table
    lines = client.get("/staff/audit.csv", {"action": "meeting.times_answered"}).content.decode().splitlines()
    assert f'"Jane Okafor, case {ref}",Said which meeting times suit,"Meeting: Review meeting, case {ref}"' in lines[1]


def test_the_number_of_queries_does_not_grow_with_the_rows(client, db, django_assert_max_num_queries):
    manager = make_staff(roles.SERVICE_MANAGER)
    client.force_login(manager)
    member = NetworkMemberFactory()
    record(actor_label=member.ref, action="member.language_chosen", target=member)
    client.get("/staff/audit/")  # warm: sessions, permissions
    with django_assert_max_num_queries(40) as few:
        client.get("/staff/audit/")
    for _ in range(30):
        other = NetworkMemberFactory(case=member.case)
        record(actor_label=other.ref, action="member.language_chosen", target=other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/staff/audit/")


def test_a_record_nobody_describes_reads_as_its_kind_and_number(db):
    refs = ["fgdm.meetingpart:999", "fgdm.member:998", "fgdm.timeslot:4", "retention", "API client: Case system"]
    assert registry.describe(refs) == {
        "fgdm.meetingpart:999": "Meeting part 999",
        "fgdm.timeslot:4": "Time slot 4",
        "fgdm.member:998": "Network member 998",
        "retention": "retention",
        "API client: Case system": "API client: Case system",
    }


def test_no_action_on_the_log_reads_as_a_code(client, db):
    """Every action some part of the portal records has words; one nobody registered is still readable."""
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    for action in ("support.budget_set", "family_access.signed_in", "api.read", "account.sign_in_locked"):
        record(action=action, actor_label="retention")
    record(action="meeting.new_thing_done", actor_label="retention")
    words = [row[1] for row in _rows(client)]
    assert "Meeting: new thing done" in words
    assert "Support budget set" in words and "Family member signed in" in words
    assert not [w for w in words if "." in w or "_" in w]
    assert registry.action_words("exclusion.reasons_viewed") == "Reasons for a safety decision read"


def test_staff_filter_actions_by_the_words_they_read(client, events):
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    assert [row[1] for row in _rows(client, action="safety decision")] == ["Reasons for a safety decision read"]
    assert [row[1] for row in _rows(client, action="exclusion")] == ["Reasons for a safety decision read"]


def test_staff_filter_by_the_case_reference_they_know(client, db):
    """ "FG-00003" finds the case and what happened to its people and meetings; other cases stay out."""
    manager = make_staff(roles.SERVICE_MANAGER)
    jane = NetworkMemberFactory(name="Jane Okafor")
    case = jane.case
    meeting = MeetingFactory(case=case)
    elsewhere = NetworkMemberFactory(name="Pat Elsewhere")
    record(actor=manager, action="case.referred", target=case)
    record(actor_label=jane.ref, action="member.language_chosen", object_type="fgdm.member", object_id=jane.pk)
    record(actor=manager, action="meeting.arranged", target=meeting)
    record(actor_label=elsewhere.ref, action="member.language_chosen", target=elsewhere)
    record(actor=manager, action="case.referred", target=elsewhere.case)
    client.force_login(manager)
    expected = {
        ("Family referred", f"Case {case.reference}"),
        ("Language chosen", f"Jane Okafor, case {case.reference}"),
        ("Meeting arranged", f"Meeting: Family group meeting, case {case.reference}"),
    }
    for typed in (case.reference, case.reference.lower(), f"FG-{case.pk}"):
        found = {(row[1], row[2]) for row in _rows(client, object_ref=typed)}
        assert expected <= found
        assert all(what.endswith(f"ase {case.reference}") for _action, what in found)
    # The stored form still works for those who know it: the case's own events.
    assert {row[2] for row in _rows(client, object_ref=case.ref)} == {f"Case {case.reference}"}
    page = client.get("/staff/audit/").content.decode()
    assert "A case reference, for example FG-00003" in normalize_spaces(page)
