"""How other apps plug into messaging, without messaging importing them.

An app registers:
- a **recipient source** for its prefix (``"fgdm.member"``): turns a recipient ref into a
  ``Recipient`` with fresh contact details and safe-contact preferences, and finds recipients by
  phone number for inbound SMS; it may also read many refs at once (``get_many``);
- **guards**: "may this person be told this?" — asked when a message is queued and again just
  before it is sent; the first reason returned blocks the message. A guard may come with a
  ``many`` form that answers for a whole batch of messages at once, with the same answers, in
  fewer queries: the send task asks it for each batch of rows it sends;
- **message templates**: the gettext texts for each message key;
- a **case access check**: may this member of staff see the messages of this case?
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Protocol

SMS = "sms"
EMAIL = "email"
CHANNELS = (SMS, EMAIL)


@dataclass(frozen=True)
class SafeContact:
    """What a person has told us about contacting them safely."""

    channels: tuple[str, ...] = CHANNELS  # in order of preference
    discreet: bool = False  # wording that does not say what the message is about
    quiet_start: time | None = None  # no messages from this time...
    quiet_end: time | None = None  # ...until this time (may wrap past midnight)


@dataclass(frozen=True)
class Recipient:
    ref: str  # "<prefix>:<id>", e.g. "fgdm.member:42"
    name: str
    phone: str = ""  # E.164, e.g. "+447400123456"
    email: str = ""
    language: str = "en"
    case_ref: str = ""  # e.g. "fgdm.case:3"
    safe_contact: SafeContact = field(default_factory=SafeContact)


class RecipientSource(Protocol):
    def get(self, ref: str) -> Recipient | None: ...

    def find_by_phone(self, phone: str) -> list[Recipient]: ...

    # Optional: ``get_many(refs) -> {ref: Recipient}`` (refs not found left out), for a batch.


# guard(recipient, template_key, about) -> a reason to block (shown to staff), or None to allow
Guard = Callable[[Recipient, str, dict], str | None]
# many(asks) -> one answer per ask, in order: what the guard would say to each, asked at once
ManyGuard = Callable[[list[tuple[Recipient, str, dict]]], list[str | None]]
CaseAccess = Callable[[object, str], bool]
CaseLabel = Callable[[str], str | None]  # "fgdm.case:3" -> "FGM-2026-00003", or None if not this app's


@dataclass(frozen=True)
class MessageTemplate:
    """The words of one message. Strings are gettext_lazy, formatted with ``%(name)s`` placeholders.

    ``discreet_sms`` is used when the recipient asked for discreet wording: it names no service
    and no purpose beyond "a message for you", only the link.
    """

    key: str
    sms: str
    email_subject: str
    email_body: str
    discreet_sms: str = ""
    sample_context: dict = field(default_factory=dict)  # longest realistic values, for the segment check
    # Sent because the person just asked for it (a sign-in code): their quiet hours do not hold it back.
    asked_for_now: bool = False
    # What staff call this kind of message on the messages page, e.g. "Invitation".
    label: str = ""


_sources: dict[str, RecipientSource] = {}
_guards: list[Guard] = []
_many_guards: dict[Guard, ManyGuard] = {}
_templates: dict[str, MessageTemplate] = {}
_case_access: list[CaseAccess] = []
_case_labels: list[CaseLabel] = []


def register_recipient_source(prefix: str, source: RecipientSource) -> None:
    _sources[prefix] = source


def register_guard(guard: Guard, *, many: ManyGuard | None = None) -> None:
    """``many``, when given, must answer a list of asks exactly as ``guard`` answers each one."""
    if guard not in _guards:
        _guards.append(guard)
    if many is not None:
        _many_guards[guard] = many


def register_template(template: MessageTemplate) -> None:
    _templates[template.key] = template


def register_case_label(label: CaseLabel) -> None:
    if label not in _case_labels:
        _case_labels.append(label)


def case_label(case_ref: str) -> str:
    """What staff call a case (its reference), never the internal ``prefix:id``."""
    for label in _case_labels:
        found = label(case_ref)
        if found:
            return found
    return ""


def template_label(key: str) -> str:
    """What staff call a kind of message, e.g. "Invitation"; the key if nobody named it."""
    found = _templates.get(key)
    return str(found.label) if found is not None and found.label else key


def register_case_access(check: CaseAccess) -> None:
    if check not in _case_access:
        _case_access.append(check)


def recipient(ref: str) -> Recipient | None:
    prefix = ref.split(":", 1)[0]
    source = _sources.get(prefix)
    return source.get(ref) if source else None


def recipients(refs) -> dict[str, Recipient | None]:
    """``recipient`` for many refs, each source asked once for all of its own (``get_many``) where it can."""
    by_prefix: dict[str, list[str]] = {}
    for ref in refs:
        by_prefix.setdefault(ref.split(":", 1)[0], []).append(ref)
    found: dict[str, Recipient | None] = {}
    for prefix, own in by_prefix.items():
        source = _sources.get(prefix)
        get_many = getattr(source, "get_many", None)
        if get_many is not None:
            many = get_many(own)
            found.update({ref: many.get(ref) for ref in own})
        else:
            found.update({ref: source.get(ref) if source else None for ref in own})
    return found


def recipients_with_phone(phone: str) -> list[Recipient]:
    found: list[Recipient] = []
    for source in _sources.values():
        found.extend(source.find_by_phone(phone))
    return found


def guards() -> list[Guard]:
    return list(_guards)


def many_guard(guard: Guard) -> ManyGuard:
    """The batch form of ``guard``: its own ``many`` if it registered one, else ``guard`` asked per message."""
    return _many_guards.get(guard) or (lambda asks: [guard(*ask) for ask in asks])


def template(key: str) -> MessageTemplate:
    return _templates[key]


def templates() -> list[MessageTemplate]:
    return list(_templates.values())


def may_see_case_messages(user, case_ref: str) -> bool:
    return any(check(user, case_ref) for check in _case_access)


# Tests register a tiny source, guard or template of their own and must leave no trace behind.
def unregister_recipient_source(prefix: str) -> None:
    _sources.pop(prefix, None)


def unregister_guard(guard: Guard) -> None:
    if guard in _guards:
        _guards.remove(guard)
    _many_guards.pop(guard, None)


def unregister_template(key: str) -> None:
    _templates.pop(key, None)


def unregister_case_access(check: CaseAccess) -> None:
    if check in _case_access:
        _case_access.remove(check)
