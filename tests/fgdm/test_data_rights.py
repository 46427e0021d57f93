"""Subject access gathers one person's data from every case and nothing of anyone else's; retention
anonymises exactly the closed cases past the period that are not on hold, and the figures stay."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fgdm.factories import (
    CaseFactory,
    ConsentDecisionFactory,
    ExclusionDecisionFactory,
    NetworkMemberFactory,
    ParentFactory,
)
from fgdm.models import Case, ExclusionReason, LivingSituation, NetworkMember, Participation
from fgdm.selectors.figures import Filters, all_figures
from fgdm.services.data_rights import apply_retention, due_for_retention, find_member_records
from fgdm.services.outcomes import close_case, place_hold
from portal.accounts import roles
from portal.audit.models import AuditEvent
from portal.messaging.models import OutboundMessage
from tests.factories import make_staff

GRAN_PHONE = "+447400555001"


def _case(lp, co, worries):
    return CaseFactory(lead_practitioner=lp, coordinator=co, worries=worries, child_name="Mia Child")


@pytest.fixture
def people(db):
    lp, co = make_staff(roles.LEAD_PRACTITIONER), make_staff(roles.COORDINATOR)
    manager = make_staff(roles.SERVICE_MANAGER)
    first, second = _case(lp, co, "First family worries."), _case(lp, co, "Second family worries.")
    gran = {"name": "Gran Smith", "phone": GRAN_PHONE, "relationship": "grandmother"}
    gran_1 = NetworkMemberFactory(case=first, access_needs="Wheelchair user", **gran)
    gran_2 = NetworkMemberFactory(case=second, **gran)
    parent = ParentFactory(case=first, name="Pat Parent", phone="+447400555002")
    uncle = NetworkMemberFactory(case=first, name="Uncle Ray", phone="+447400555003")
    ConsentDecisionFactory(member=parent)
    ExclusionDecisionFactory(
        member=uncle, participation=Participation.NO_CONTACT, note="Uncle's police record.", agencies_consulted="Police"
    )
    ExclusionDecisionFactory(
        member=gran_1,
        participation=Participation.INFORMATION_ONLY,
        reasons=[ExclusionReason.OTHER],
        note="Gran's own reason, professionals only.",
    )
    return {
        "lp": lp,
        "co": co,
        "manager": manager,
        "first": first,
        "second": second,
        "gran_1": gran_1,
        "gran_2": gran_2,
        "parent": parent,
        "uncle": uncle,
    }


def _bundle_text(client, people, fmt="json"):
    client.force_login(people["manager"])
    found = client.get("/cases/subject-access/", {"phone": "07400 555001"})
    assert found.status_code == 200
    records = [m.pk for m in found.context["records"]]
    response = client.post("/cases/subject-access/?phone=07400+555001", {"record": records, "format": fmt})
    return response.content.decode()


def test_a_person_with_records_in_two_cases_gets_both(people, client):
    assert {m.pk for m in find_member_records(phone="07400 555001")} == {people["gran_1"].pk, people["gran_2"].pk}
    data = json.loads(_bundle_text(client, people))
    held = next(s for s in data if s["title"] == "What we hold about you")
    assert sorted(row["Case"] for row in held["rows"]) == sorted(
        [people["first"].reference, people["second"].reference]
    )
    assert any(row["Access needs"] == "Wheelchair user" for row in held["rows"])


def test_the_bundle_leaves_out_other_people_and_every_exclusion_reason(people, client):
    text = _bundle_text(client, people) + _bundle_text(client, people, "html")
    for other in (
        "Pat Parent",
        "Uncle Ray",
        "+447400555002",
        "Uncle's police record",
        "Police",
        "Domestic abuse",
        "First family worries",
        "Second family worries",
    ):
        assert other not in text
    assert "Gran's own reason" not in text
    assert "Information sharing part only (not private family time)" in text  # her own decision, without its reason
    assert "A manager must review them" in text


def test_producing_a_bundle_is_logged(people, client):
    _bundle_text(client, people)
    event = AuditEvent.objects.get(action="subject_access.produced")
    assert event.actor == people["manager"] and event.detail["records"] == 2


def test_the_subject_access_command_writes_html_and_json(people, tmp_path):
    call_command("subject_access", phone=GRAN_PHONE, out=str(tmp_path), by=people["manager"].email, stdout=None)
    assert "Gran Smith" in (tmp_path / "bundle.html").read_text()
    assert json.loads((tmp_path / "bundle.json").read_text())[0]["title"] == "What we hold about you"


def test_only_a_service_manager_may_produce_a_bundle(people):
    for role in ("lp", "co"):
        client = Client()
        client.force_login(people[role])
        assert client.get("/cases/subject-access/").status_code == 403


def _close(case, co, days_ago):
    close_case(case=case, outcomes={case.children.get().pk: (LivingSituation.WITH_NETWORK, False)}, actor=co)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))


def test_retention_anonymises_exactly_the_closed_cases_past_the_period_not_on_hold(people, settings):
    settings.RETENTION_DAYS_AFTER_CLOSURE = 365
    lp, co = people["lp"], people["co"]
    old, recent, held = people["first"], people["second"], _case(lp, co, "Held family worries.")
    still_open = _case(lp, co, "Open family worries.")
    NetworkMemberFactory(case=held, name="Held Person", phone="+447400555009")
    _close(old, co, 400)
    _close(recent, co, 100)
    _close(held, co, 400)
    place_hold(case=held, reason="Court case", actor=people["manager"])
    Case.objects.filter(pk=still_open.pk).update(referred_at=timezone.now() - timedelta(days=2000))
    before = [(f.key, f.rows) for f in all_figures(Case.objects.all(), Filters()) if f.key != "referrals"]

    assert [item.case for item in apply_retention(dry_run=True)] == [old]
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()  # a dry run changes nothing

    apply_retention(dry_run=False)
    assert list(Case.objects.filter(anonymised_at__isnull=False)) == [old]
    old.refresh_from_db()
    assert old.worries == "" and old.children.get().name == "Removed"
    assert set(NetworkMember.objects.filter(case=old).values_list("name", "phone")) == {("Removed", "")}
    assert NetworkMember.objects.get(case=held, name="Held Person").phone == "+447400555009"
    assert NetworkMember.objects.get(pk=people["gran_2"].pk).name == "Gran Smith"
    assert not OutboundMessage.objects.filter(case_ref=old.ref).exclude(body="").exists()
    after = [(f.key, f.rows) for f in all_figures(Case.objects.all(), Filters()) if f.key != "referrals"]
    assert after == before
    assert AuditEvent.objects.filter(action="case.anonymised", object_id=str(old.pk)).exists()
    assert due_for_retention() == []  # never twice


def test_the_retention_command_reports_a_dry_run(people, settings, capsys):
    settings.RETENTION_DAYS_AFTER_CLOSURE = 30
    _close(people["first"], people["co"], 31)
    call_command("retention")
    assert f"Would anonymise {people['first'].reference}" in capsys.readouterr().out
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()


def test_reading_exclusion_reasons_is_audited(people, client):
    client.force_login(people["lp"])
    url = f"/cases/{people['first'].pk}/network/{people['uncle'].pk}/participation/"
    client.get(url)
    assert AuditEvent.objects.filter(action="exclusion.reasons_viewed", actor=people["lp"]).exists()


def test_a_child_gets_their_own_records_from_every_case(people, client):
    client.force_login(people["manager"])
    found = client.get("/cases/subject-access/", {"name": "Mia Child", "date_of_birth": "14/05/2016"})
    children = [c.pk for c in found.context["children"]]
    assert len(children) == 2
    data = json.loads(client.post("/cases/subject-access/", {"child": children, "format": "json"}).content.decode())
    held = next(s for s in data if s["title"] == "What we hold about the child")
    assert len(held["rows"]) == 2
    text = json.dumps(data)
    assert "Gran Smith" not in text and "Uncle Ray" not in text
