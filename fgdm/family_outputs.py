"""What a family member receives about a meeting, on every channel other than the outbox: the
calendar file and the meeting details page. Both are drawn from a ``Disclosure`` and nothing else,
so they can only hold what the audience rule allows."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from fgdm.selectors import Disclosure
from fgdm.selectors.family import CalendarHistory


def event_uid(disclosure: Disclosure, part_kind: str) -> str:
    """One UID per member and part of a meeting, kept when the time or venue changes, so a calendar
    app moves the event it holds instead of adding a second one (RFC 5545 §3.8.4.7)."""
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or "family-meetings"
    return f"meeting-{disclosure.meeting.pk}-{part_kind}-member-{disclosure.member.pk}@{host}"


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SERVICE_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _event(disclosure: Disclosure, part_kind: str, sequence: int) -> Event:
    event = Event()
    event.add("uid", event_uid(disclosure, part_kind))
    event.add("dtstamp", timezone.now())
    event.add("sequence", sequence)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(settings.SERVICE_NAME)
    event.add("organizer", organizer)
    return event


def calendar_file(disclosure: Disclosure, history: CalendarHistory | None = None) -> str:
    """An .ics file with one event per part the member may know of.

    When the member may now know of no part but was told of some (they were excluded after the
    invitation went out), the file cancels those events instead: ``METHOD:CANCEL`` with each event's
    UID and a higher ``SEQUENCE``, and nothing else — no time, no venue, no attendees.
    """
    history = history or CalendarHistory(sequence=disclosure.meeting.version - 1, told=frozenset())
    withdrawn = sorted(history.told - {part.kind for part in disclosure.parts})
    if not disclosure.parts and withdrawn:
        calendar = _calendar("CANCEL")
        for kind in withdrawn:
            event = _event(disclosure, kind, history.sequence)
            event.add("status", "CANCELLED")
            calendar.add_component(event)
        return calendar.to_ical().decode()

    calendar = _calendar("PUBLISH")
    for part in disclosure.parts:
        event = _event(disclosure, part.kind, history.sequence)
        event.add("dtstart", part.starts_at.astimezone(UTC))
        event.add("dtend", part.ends_at.astimezone(UTC))
        event.add("summary", str(part.label))
        location = ", ".join(v for v in (part.venue_name, part.venue_address.replace("\n", ", ")) if v)
        if location or part.remote_link:
            event.add("location", location or part.remote_link)
        if part.remote_link:
            event.add("url", part.remote_link)
        calendar.add_component(event)
    return calendar.to_ical().decode()


def meeting_details(disclosure: Disclosure) -> str:
    """The "my meeting" page body for one member."""
    return render_to_string("fgdm/family/meeting_details.html", {"disclosure": disclosure})
