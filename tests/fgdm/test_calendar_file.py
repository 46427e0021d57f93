"""The calendar file a family member downloads: a real iCalendar file, one event per part they may know of,
moved (not doubled) when the time changes, and cancelled — with nothing of the part in it — when they
are excluded after being told."""

from datetime import UTC, timedelta

import pytest
from icalendar import Calendar

from fgdm.factories import ExclusionDecisionFactory
from fgdm.family_outputs import calendar_file
from fgdm.models import Participation, PartKind
from fgdm.selectors import disclosure
from fgdm.selectors.family import calendar_history
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, change_meeting
from tests.family import sign_in
from tests.fgdm.conftest import at

pytestmark = pytest.mark.django_db

ARABIC_ADDRESS = "مركز الأسرة المجتمعي، الطابق الثاني، شارع الملكة فيكتوريا رقم ٢٧، برمنغهام"


def _exclude(member, participation, actor):
    return ExclusionDecisionFactory(
        member=member, participation=participation, note="Police report about the shed.", decided_by=actor
    )


def _file_for(member, meeting) -> str:
    return calendar_file(disclosure(member, meeting), calendar_history(member, meeting))


def _events(ics: str) -> dict[str, dict]:
    calendar = Calendar.from_ical(ics)
    return {
        str(e["SUMMARY"]) if "SUMMARY" in e else str(e["UID"]): {
            "uid": str(e["UID"]),
            "sequence": int(e["SEQUENCE"]),
            "start": e["DTSTART"].dt if "DTSTART" in e else None,
            "location": str(e.get("LOCATION", "")),
            "status": str(e.get("STATUS", "")),
        }
        for e in calendar.walk("VEVENT")
    }


def _moved(meeting, coordinator, *, days):
    """The same three parts, ``days`` later."""
    parts = [
        PartPlan(
            kind=p.kind,
            starts_at=p.starts_at + timedelta(days=days),
            ends_at=p.ends_at + timedelta(days=days),
            venue_name=p.venue_name,
            venue_address=p.venue_address,
        )
        for p in meeting.parts.all()
    ]
    return change_meeting(meeting=meeting, parts=parts, actor=coordinator).meeting


def test_the_file_parses_and_holds_one_event_per_part(consented, meeting, member_factory, coordinator):
    gran = member_factory("Janet Gran")
    send_invitations(meeting=meeting, actor=coordinator)

    calendar = Calendar.from_ical(_file_for(gran, meeting))
    events = _events(_file_for(gran, meeting))

    assert str(calendar["METHOD"]) == "PUBLISH"
    assert list(events) == ["Information sharing", "Private family time", "Agreeing the plan"]
    assert events["Private family time"]["location"] == "Family Room, 2 Private Road"
    assert events["Private family time"]["start"] == at(10, 11, 17)
    assert events["Private family time"]["sequence"] == 0
    assert len({e["uid"] for e in events.values()}) == 3


def test_a_change_of_time_keeps_each_uid_and_raises_the_sequence(consented, meeting, member_factory, coordinator):
    gran = member_factory("Janet Gran")
    send_invitations(meeting=meeting, actor=coordinator)
    before = _events(_file_for(gran, meeting))

    meeting = _moved(meeting, coordinator, days=2)
    after = _events(_file_for(gran, meeting))

    for part in ("Information sharing", "Private family time", "Agreeing the plan"):
        assert after[part]["uid"] == before[part]["uid"]
        assert after[part]["sequence"] > before[part]["sequence"]
        assert after[part]["start"] == before[part]["start"] + timedelta(days=2)


def test_each_member_has_their_own_uid_for_the_same_part(consented, meeting, member_factory, coordinator):
    gran = member_factory("Janet Gran")
    uncle = member_factory("Uncle Bob")
    send_invitations(meeting=meeting, actor=coordinator)

    gran_uid = _events(_file_for(gran, meeting))["Information sharing"]["uid"]
    uncle_uid = _events(_file_for(uncle, meeting))["Information sharing"]["uid"]

    assert gran_uid != uncle_uid


def test_a_long_arabic_address_is_folded_at_75_octets(consented, meeting, member_factory, coordinator):
    gran = member_factory("Janet Gran", language="ar")
    part = meeting.parts.get(kind=PartKind.INFORMATION_SHARING)
    part.venue_address = ARABIC_ADDRESS
    part.save()
    assert len(ARABIC_ADDRESS.encode()) > 75

    ics = _file_for(gran, meeting)
    lines = ics.encode().split(b"\r\n")

    assert max(len(line) for line in lines) <= 75
    location_at = next(i for i, line in enumerate(lines) if line.startswith(b"LOCATION:Info Hall"))
    assert lines[location_at + 1].startswith(b" ")  # the address goes on in a folded line
    assert _events(ics)["Information sharing"]["location"] == f"Info Hall, {ARABIC_ADDRESS}"


def test_someone_excluded_after_being_told_gets_a_cancellation_that_tells_nothing(
    client, consented, meeting, member_factory, coordinator
):
    uncle = member_factory("Uncle Bob")
    member_factory("Janet Gran")
    send_invitations(meeting=meeting, actor=coordinator)
    sign_in(client, uncle)
    told = _events(client.get("/f/meeting/calendar.ics").content.decode())

    _exclude(uncle, Participation.WRITTEN_VIEWS, coordinator)
    response = client.get("/f/meeting/calendar.ics")
    ics = response.content.decode()
    cancelled = Calendar.from_ical(ics)

    assert response.status_code == 200
    assert str(cancelled["METHOD"]) == "CANCEL"
    events = {str(e["UID"]): e for e in cancelled.walk("VEVENT")}
    assert set(events) == {e["uid"] for e in told.values()}
    for uid, event in events.items():
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) > next(e["sequence"] for e in told.values() if e["uid"] == uid)
    for withheld in ("DTSTART", "DTEND", "SUMMARY", "LOCATION", "ATTENDEE", "URL", "DESCRIPTION"):
        assert f"\n{withheld}" not in ics
    for word in ("Info Hall", "1 Info Street", "Family Room", "2 Private Road", "Agreement Suite", "Janet Gran"):
        assert word not in ics
    for part in meeting.parts.all():
        assert part.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M") not in ics


def test_someone_never_told_has_no_calendar_file(client, consented, meeting, member_factory, coordinator):
    uncle = member_factory("Uncle Bob")
    _exclude(uncle, Participation.WRITTEN_VIEWS, coordinator)
    send_invitations(meeting=meeting, actor=coordinator)
    sign_in(client, uncle)

    assert client.get("/f/meeting/calendar.ics").status_code == 404


def test_a_lifted_exclusion_publishes_events_newer_than_the_cancellation(
    consented, meeting, member_factory, coordinator
):
    uncle = member_factory("Uncle Bob")
    send_invitations(meeting=meeting, actor=coordinator)
    _exclude(uncle, Participation.WRITTEN_VIEWS, coordinator)
    cancelled = _events(_file_for(uncle, meeting))

    ExclusionDecisionFactory(member=uncle, participation=Participation.ALL, reasons=[], decided_by=coordinator)
    published = _events(_file_for(uncle, meeting))

    assert min(e["sequence"] for e in published.values()) > max(e["sequence"] for e in cancelled.values())
    assert {e["uid"] for e in published.values()} == {e["uid"] for e in cancelled.values()}
