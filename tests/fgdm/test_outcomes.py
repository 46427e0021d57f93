"""After the meeting, through the pages: who came, outcomes, interpreter bookings and legal holds."""

from bs4 import BeautifulSoup
from django.test import Client

from fgdm.models import Attendance, InterpreterBooking, LegalHold, MeetingPart, Outcome
from fgdm.models.meetings import MeetingStatus
from fgdm.services.invitations import send_invitations
from portal.accounts import roles
from tests.factories import make_staff
from tests.fgdm.conftest import at
from tests.text import normalize_spaces


def _main(response):
    return normalize_spaces(BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" "))


def test_who_came_can_only_be_recorded_once_the_meeting_has_started(client, case, consented, meeting, coordinator):
    send_invitations(meeting=meeting, actor=coordinator)
    client.force_login(coordinator)
    too_soon = client.post(f"/cases/{case.pk}/meeting/held/", {"attended": [consented.pk]})
    assert "You can record who came once the meeting has started." in _main(too_soon)
    MeetingPart.objects.filter(meeting=meeting).update(starts_at=at(-1, 10), ends_at=at(-1, 15))
    client.post(f"/cases/{case.pk}/meeting/held/", {"attended": [consented.pk]})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert Attendance.objects.get(invitation__member=consented).attended is True
    # The meeting took place, so the meeting page now plans a review meeting rather than changing this one.
    assert client.get(f"/cases/{case.pk}/meeting/").context["meeting"] is None


def test_closing_a_case_needs_where_each_child_lives(client, case, coordinator):
    client.force_login(coordinator)
    child = case.children.get()
    missing = client.post(f"/cases/{case.pk}/outcome/", {"close_case": "on"})
    assert f"Say where {child.name} is living." in _main(missing)
    client.post(f"/cases/{case.pk}/outcome/", {"close_case": "on", f"living_{child.pk}": "with_network"})
    case.refresh_from_db()
    assert case.closed_at is not None
    outcome = Outcome.objects.get(case=case)
    assert (outcome.at_closure, outcome.living_situation, outcome.decided_by) == (True, "with_network", coordinator)
    assert "This case was closed on" in _main(client.get(f"/cases/{case.pk}/outcome/"))


def test_a_correction_to_an_outcome_supersedes_it(client, case, coordinator):
    client.force_login(coordinator)
    child = case.children.get()
    client.post(f"/cases/{case.pk}/outcome/", {f"living_{child.pk}": "at_home"})
    client.post(f"/cases/{case.pk}/outcome/", {f"living_{child.pk}": "in_care", f"proceedings_{child.pk}": "on"})
    assert list(Outcome.objects.current().values_list("living_situation", "proceedings_issued")) == [("in_care", True)]
    assert Outcome.objects.count() == 2


def test_interpreters_are_booked_for_named_members(client, case, consented, meeting, coordinator):
    send_invitations(meeting=meeting, actor=coordinator)
    client.force_login(coordinator)
    empty = client.post(f"/cases/{case.pk}/meeting/interpreters/", {"language": "Polish"})
    assert "Choose who the interpreter is for." in _main(empty)
    client.post(f"/cases/{case.pk}/meeting/interpreters/", {"language": "Polish", "members": [consented.pk]})
    booking = InterpreterBooking.objects.get()
    assert (booking.language, booking.status, list(booking.for_members.all())) == ("Polish", "booked", [consented])


def test_only_a_manager_places_and_lifts_a_legal_hold(client, case, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/cases/{case.pk}/hold/").status_code == 403
    manager = Client()
    manager.force_login(make_staff(roles.SERVICE_MANAGER))
    assert "Say why the records must be kept." in _main(manager.post(f"/cases/{case.pk}/hold/", {"reason": ""}))
    manager.post(f"/cases/{case.pk}/hold/", {"reason": "Court case"})
    hold = LegalHold.objects.get()
    manager.post(f"/cases/{case.pk}/hold/", {"lift": str(hold.pk)})
    hold.refresh_from_db()
    assert hold.lifted_at is not None
    assert manager.post(f"/cases/{case.pk}/hold/", {"lift": "nonsense"}).status_code == 404
