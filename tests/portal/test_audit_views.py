"""Service managers see who read or changed what, filter it, and export it; reads of exclusion reasons stand out."""

import pytest
from bs4 import BeautifulSoup

from portal.accounts import roles
from portal.audit.services import record
from tests.factories import make_staff


@pytest.fixture
def events(db):
    nosy = make_staff(roles.COORDINATOR, email="nosy@council.example")
    other = make_staff(roles.LEAD_PRACTITIONER, email="other@council.example")
    record(actor=nosy, action="exclusion.reasons_viewed", object_type="fgdm.exclusiondecision", object_id=7)
    record(actor=other, action="case.referred", object_type="fgdm.case", object_id=3)
    record(actor_label="fgdm.member:42", action="invitation.replied", object_type="fgdm.reply", object_id=9)
    return nosy


def test_a_manager_filters_by_person_and_sees_reason_reads_stand_out(client, events):
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    page = BeautifulSoup(client.get("/staff/audit/", {"person": "nosy"}).content, "html.parser")
    rows = page.select("tbody tr")
    assert len(rows) == 1
    assert rows[0].select_one(".govuk-tag--red").text == "exclusion.reasons_viewed"
    family = BeautifulSoup(client.get("/staff/audit/", {"person": "fgdm.member:42"}).content, "html.parser")
    assert [r.select("td")[2].text for r in family.select("tbody tr")] == ["invitation.replied"]


def test_the_export_holds_the_filtered_events(client, events):
    client.force_login(make_staff(roles.SERVICE_MANAGER))
    lines = client.get("/staff/audit.csv", {"object_ref": "fgdm.case:3"}).content.decode().splitlines()
    assert lines[0] == "when,who,action,record,request,detail"
    assert len(lines) == 2 and "other@council.example,case.referred,fgdm.case:3" in lines[1]


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.LEAD_PRACTITIONER, roles.CONTENT_EDITOR])
def test_only_managers_see_the_audit_log(client, events, role):
    client.force_login(make_staff(role))
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/audit.csv").status_code == 403
