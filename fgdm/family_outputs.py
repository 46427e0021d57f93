"""What a family member receives about a meeting, on every channel other than the outbox: the
calendar file and the meeting details page. Both are drawn from a ``Disclosure`` and nothing else,
so they can only hold what the audience rule allows."""

from datetime import UTC

from django.template.loader import render_to_string
from django.utils import timezone

from fgdm.selectors import Disclosure


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def calendar_file(disclosure: Disclosure) -> str:
    """An .ics file with one event per part the member may know of."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Family group meetings//EN", "METHOD:PUBLISH"]
    for part in disclosure.parts:
        location = ", ".join(v for v in (part.venue_name, part.venue_address.replace("\n", ", ")) if v)
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{disclosure.meeting.pk}-{part.kind}-v{disclosure.meeting.version}@family-meetings",
            f"DTSTAMP:{timezone.now():%Y%m%dT%H%M%SZ}",
            f"DTSTART:{part.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{part.ends_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_ics_text(str(part.label))}",
            f"LOCATION:{_ics_text(location or part.remote_link)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def meeting_details(disclosure: Disclosure) -> str:
    """The "my meeting" page body for one member."""
    return render_to_string("fgdm/family/meeting_details.html", {"disclosure": disclosure})
