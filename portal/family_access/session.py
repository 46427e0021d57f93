"""A family member's signed-in session: scoped to one person and one case, ended after 30 idle minutes.

Nothing personal is kept in the session: only the link's id and the refs it was issued for.
"""

from dataclasses import dataclass

from django.utils import timezone

from portal.family_access import language
from portal.family_access.models import PersonalLink
from portal.family_access.services import live_link_by_id
from portal.sessions import REFRESH_EVERY_SECONDS

SESSION_KEY = "family"
PENDING_KEY = "family_pending"
IDLE_LIMIT_SECONDS = 30 * 60


@dataclass(frozen=True)
class FamilySession:
    link_id: int
    subject_ref: str  # e.g. "fgdm.member:42"
    case_ref: str  # e.g. "fgdm.case:3"


def begin(request, link: PersonalLink) -> None:
    """Sign in with a checked code: a new session key, so nothing from before carries over."""
    request.session.flush()
    request.session[SESSION_KEY] = {
        "link": link.pk,
        "subject": link.subject_ref,
        "case": link.case_ref,
        "seen": timezone.now().timestamp(),
    }


def current(request) -> FamilySession | None:
    """The signed-in member, or None: idle too long, never signed in, or the link was revoked since."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    now = timezone.now().timestamp()
    if now - data.get("seen", 0) > IDLE_LIMIT_SECONDS or live_link_by_id(data["link"]) is None:
        end(request, keep_language=True)
        return None
    if now - data.get("seen", 0) >= REFRESH_EVERY_SECONDS:  # a write at most once a minute
        data["seen"] = now
        request.session[SESSION_KEY] = data
    return FamilySession(link_id=data["link"], subject_ref=data["subject"], case_ref=data["case"])


def end(request, *, keep_language: bool = False) -> None:
    """A new, empty session. With ``keep_language`` (signing out, or idle too long) the language the
    person was reading in is kept, so the signed-out page is in it; "leave quickly" keeps nothing."""
    kept = _reading_language(request) if keep_language else None
    request.session.flush()
    if kept:
        language.choose(request, kept)


def _reading_language(request) -> str | None:
    data = request.session.get(SESSION_KEY)
    refs = FamilySession(link_id=data["link"], subject_ref=data["subject"], case_ref=data["case"]) if data else None
    return language.chosen(request) or language.of_member(refs) or language.of_member(pending(request))


def remember_pending(request, link: PersonalLink | None) -> None:
    """Between opening the link and entering the code: which link (0 when the link was not live)."""
    request.session[PENDING_KEY] = link.pk if link else 0


def pending(request) -> PersonalLink | None:
    link_id = request.session.get(PENDING_KEY)
    return live_link_by_id(link_id) if link_id else None


def has_pending(request) -> bool:
    return PENDING_KEY in request.session
