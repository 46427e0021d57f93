"""How fgdm plugs into messaging: who its recipients are, what they may be told, and its message texts.

Messaging imports no app; this module registers fgdm's parts with it when the app is ready.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from fgdm.models import Case, Invitation, NetworkMember
from fgdm.models.meetings import Meeting, MeetingStatus
from fgdm.models.replies import Answer, Reply
from portal.messaging import registry
from portal.messaging.signals import reply_received
from portal.references import make_ref, parse_ref

PREFIX = "fgdm.member"
CASE_PREFIX = "fgdm.case"
PARTNER_PREFIX = "fgdm.partner"
LINK_SAMPLE = "https://family-meetings.example-council.gov.uk/f/" + "x" * 43
# The longest values a message is likely to carry, for the segment check.
SAMPLE = {
    "link": LINK_SAMPLE,
    "service": "Northshire Family Group Meetings",
    "council": "Northshire Council",
    "name": "Alexandra Konstantinopoulou-Smith",
    "phone": "0300 123 4567",
}

TEMPLATES = [
    registry.MessageTemplate(
        key="fgdm.invitation",
        label=_("Invitation"),
        sms=_(
            "%(service)s, %(council)s: you are invited to a family meeting, to plan for a child in your family. "
            "See when and where: %(link)s"
        ),
        discreet_sms=_("You have a new message. Open: %(link)s"),
        email_subject=_("You are invited to a family meeting"),
        email_body=_(
            "Hello %(name)s,\n\nYou are invited to a family meeting.\n\n"
            "To see when and where it is, open this link. We will text you a code to check it is you:\n%(link)s\n\n"
            "If you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=SAMPLE,
    ),
    registry.MessageTemplate(
        key="fgdm.reminder",
        label=_("Reminder"),
        sms=_(
            "%(service)s, %(council)s: a reminder of your family meeting, to plan for a child in your family. "
            "See when and where: %(link)s"
        ),
        discreet_sms=_("A reminder for you. Open: %(link)s"),
        email_subject=_("A reminder about your family meeting"),
        email_body=_(
            "Hello %(name)s,\n\nThis is a reminder about the family meeting you are invited to.\n\n"
            "To see the details, open this link:\n%(link)s\n\nIf you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=SAMPLE,
    ),
    registry.MessageTemplate(
        key="fgdm.plan_decided",
        label=_("Plan decision"),
        sms=_("%(service)s, %(council)s: your family's plan has been read and a decision made. See it here: %(link)s"),
        discreet_sms=_("You have a new message. Open: %(link)s"),
        email_subject=_("News about your family's plan"),
        email_body=_(
            "Hello %(name)s,\n\nThe lead practitioner has read your family's plan.\n\n"
            "To see what they decided, open this link:\n%(link)s\n\n"
            "If you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=SAMPLE,
    ),
    registry.MessageTemplate(
        key="fgdm.meeting_changed",
        label=_("Meeting changed"),
        sms=_(
            "%(service)s, %(council)s: the time or place of your family meeting has changed. "
            "See the new details: %(link)s"
        ),
        discreet_sms=_("You have a new message. Open: %(link)s"),
        email_subject=_("Your family meeting has changed"),
        email_body=_(
            "Hello %(name)s,\n\nThe time or place of the family meeting you are invited to has changed.\n\n"
            "To see the new details, open this link. We will text you a code to check it is you:\n%(link)s\n\n"
            "If you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=SAMPLE,
    ),
    # To the coordinator and lead practitioner, by email only: which case, and where to read the plan.
    registry.MessageTemplate(
        key="fgdm.plan_submitted",
        label=_("Plan ready to read (to staff)"),
        sms=_("A family plan is ready for you to read (%(case)s)"),
        email_subject=_("A family plan is ready for you to read (%(case)s)"),
        email_body=_("The family has sent their plan for case %(case)s. Read it here:\n%(url)s"),
        sample_context={
            "case": "FGM-2026-00001",
            "url": "https://family-meetings.example-council.gov.uk/cases/1/plan/",
        },
    ),
    # To the coordinator, by email only, ahead of an agreed plan's review date: which case, and where to arrange it.
    registry.MessageTemplate(
        key="fgdm.review_due",
        label=_("Review due (to staff)"),
        sms=_("A plan review is due on %(date)s (%(case)s)"),
        email_subject=_("A plan review is due on %(date)s (%(case)s)"),
        email_body=_(
            "The family plan for case %(case)s is due for review on %(date)s. Arrange the review meeting here:\n%(url)s"
        ),
        sample_context={
            "case": "FGM-2026-00001",
            "date": "30 September 2026",
            "url": "https://family-meetings.example-council.gov.uk/cases/1/meeting/review/",
        },
    ),
]


PARTNER_SAMPLE = {
    "link": "https://family-meetings.example-council.gov.uk/partner/" + "x" * 43,
    "service": "Northshire Family Group Meetings",
    "name": "Alexandra Konstantinopoulou-Smith",
    "date": "30 September 2026",
    "phone": "0300 123 4567",
}
# To a partner agency's contact, by work email only. The email names nobody: the names are shown
# only after the contact confirms the code sent to the same address.
TEMPLATES += [
    registry.MessageTemplate(
        key="fgdm.partner_request",
        label=_("Request to a partner agency"),
        sms=_("%(service)s: %(link)s"),  # never sent: partners are only emailed
        email_subject=_("A request for information to help keep a child safe"),
        email_body=_(
            "Hello %(name)s,\n\n"
            "We are arranging a family group meeting, where a child's family makes a plan to keep them safe. "
            "Before the meeting, we check with partner agencies whether it is safe for each person to take part.\n\n"
            "Please tell us what your agency knows about the people we name. Please reply by %(date)s.\n\n"
            "Open this link. We will email you a code to check it is you. The link works for one reply:\n"
            "%(link)s\n\n"
            "If you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=PARTNER_SAMPLE,
    ),
    registry.MessageTemplate(
        key="fgdm.partner_reminder",
        label=_("Reminder to a partner agency"),
        sms=_("%(service)s: %(link)s"),
        email_subject=_("Reminder: a request for information to help keep a child safe"),
        email_body=_(
            "Hello %(name)s,\n\n"
            "We asked your agency for information before a family group meeting, and we have not had a reply yet. "
            "We asked for a reply by %(date)s.\n\n"
            "Please open this new link. Any link we sent before no longer works. "
            "We will email you a code to check it is you:\n"
            "%(link)s\n\n"
            "If you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=PARTNER_SAMPLE,
    ),
]


class PartnerRecipients:
    """Turns "fgdm.partner:<id>" (a request to a partner agency) into its contact's work email."""

    def get(self, ref: str) -> registry.Recipient | None:
        from django.conf import settings

        from fgdm.models import PartnerRequest

        pk = parse_ref(ref, PARTNER_PREFIX)
        partner_request = PartnerRequest.objects.filter(pk=pk).first() if pk is not None else None
        if partner_request is None:
            return None
        return registry.Recipient(
            ref=ref,
            name=partner_request.contact_name,
            email=partner_request.contact_email,
            language=settings.LANGUAGE_CODE,
            case_ref=make_ref(CASE_PREFIX, partner_request.case_id),
            safe_contact=registry.SafeContact(channels=(registry.EMAIL,)),
        )

    def find_by_phone(self, phone: str) -> list[registry.Recipient]:
        return []  # partners are never texted, so a text reply is never theirs


class MemberRecipients:
    """Turns "fgdm.member:<id>" into who to contact and how, read fresh each time."""

    def get(self, ref: str) -> registry.Recipient | None:
        member = NetworkMember.objects.select_related("case").filter(pk=_member_id(ref)).first()
        return as_recipient(member) if member else None

    def get_many(self, refs) -> dict[str, registry.Recipient]:
        members = NetworkMember.objects.select_related("case").in_bulk({_member_id(ref) for ref in refs})
        return {ref: as_recipient(members[_member_id(ref)]) for ref in refs if _member_id(ref) in members}

    def find_by_phone(self, phone: str) -> list[registry.Recipient]:
        return [as_recipient(m) for m in NetworkMember.objects.filter(phone=phone)]


def _member_id(ref: str) -> int:
    return parse_ref(ref, PREFIX) or 0


def as_recipient(member: NetworkMember) -> registry.Recipient:
    channels = tuple(
        channel
        for channel, allowed in ((registry.SMS, member.allow_sms), (registry.EMAIL, member.allow_email))
        if allowed
    )
    return registry.Recipient(
        ref=member.ref,
        name=member.name,
        phone=member.phone,
        email=member.email,
        language=member.language,
        case_ref=member.case.ref,
        safe_contact=registry.SafeContact(
            channels=channels, discreet=member.discreet, quiet_start=member.quiet_start, quiet_end=member.quiet_end
        ),
    )


def may_be_told(recipient: registry.Recipient, template_key: str, about: dict) -> str | None:
    """The guard messaging asks at queue time and again at send time: the audience rule, fresh."""
    return may_be_told_many([(recipient, template_key, about)])[0]


def may_be_told_many(asks: list[tuple[registry.Recipient, str, dict]]) -> list[str | None]:
    """``may_be_told`` for a batch of messages: the members in one query, the meetings with their
    parts in two, the audience rule read once per case (fgdm.selectors.audience.reach)."""
    from fgdm.selectors.audience import reach

    ours = [recipient.ref.startswith(PREFIX + ":") for recipient, _key, _about in asks]
    ids = {_member_id(recipient.ref) for (recipient, _key, _about), mine in zip(asks, ours, strict=True) if mine}
    members = NetworkMember.objects.select_related("case").in_bulk(ids) if ids else {}
    meeting_ids = {about.get("meeting") for _recipient, _key, about in asks if about.get("meeting") is not None}
    meetings = Meeting.objects.prefetch_related("parts").in_bulk(meeting_ids) if meeting_ids else {}
    found = []  # (ask index, member, the meeting asked about, if it is this member's case's)
    for i, ((recipient, _key, about), mine) in enumerate(zip(asks, ours, strict=True)):
        member = members.get(_member_id(recipient.ref)) if mine else None
        if member is not None:
            meeting = meetings.get(about.get("meeting"))
            found.append((i, member, meeting if meeting is not None and meeting.case_id == member.case_id else None))
    reached = reach([(member, meeting) for _i, member, meeting in found])
    standing = {i: (meeting, *answer) for (i, _member, meeting), answer in zip(found, reached, strict=True)}
    answers: list[str | None] = []
    for i, ((_recipient, _key, about), mine) in enumerate(zip(asks, ours, strict=True)):
        if not mine:
            answers.append(None)
        elif i not in standing:
            answers.append("This person is no longer in the family network.")
        else:
            answers.append(_refusal(about, *standing[i]))
    return answers


def _refusal(about: dict, meeting: Meeting | None, contactable: bool, told: frozenset[str]) -> str | None:
    """The reason one member may not be told what ``about`` says, or None (``meeting``: the one it names)."""
    if not contactable:
        return "Contact is not allowed: consent, or a safeguarding decision."
    if about.get("meeting") is None:
        return None
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        return "The meeting was cancelled."
    if about.get("version") not in (None, meeting.version):
        return "The meeting changed since this message was written."
    if not set(about.get("parts", [])) <= told or not told:
        return "The audience rule no longer lets this person know about this meeting."
    return None


def may_see_case_messages(user, case_ref: str) -> bool:
    from fgdm.selectors import may_see_case

    pk = parse_ref(case_ref, CASE_PREFIX)
    return pk is not None and may_see_case(user, pk)


SMS_ANSWERS = {"yes": Answer.YES, "no": Answer.NO, "maybe": Answer.MAYBE}


@receiver(reply_received, dispatch_uid="fgdm.record_sms_reply")
def record_sms_reply(sender, recipient: registry.Recipient, meaning: str, **kwargs):
    """YES / NO / MAYBE by text answers the member's latest live invitation."""
    from fgdm.services.invitations import record_reply

    answer = SMS_ANSWERS.get(meaning)
    if answer is None or not recipient.ref.startswith(PREFIX + ":"):
        return
    invitation = (
        Invitation.objects.filter(member_id=_member_id(recipient.ref), cancelled_at__isnull=True)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .order_by("-sent_at")
        .first()
    )
    if invitation is not None:
        record_reply(invitation=invitation, answer=answer, via=Reply.Via.SMS)


def case_label(case_ref: str) -> str | None:
    pk = parse_ref(case_ref, CASE_PREFIX)
    case = Case.objects.filter(pk=pk).first() if pk is not None else None
    return case.reference if case else None


def register() -> None:
    registry.register_recipient_source(PREFIX, MemberRecipients())
    registry.register_recipient_source(PARTNER_PREFIX, PartnerRecipients())
    registry.register_case_label(case_label)
    registry.register_guard(may_be_told, many=may_be_told_many)
    registry.register_case_access(may_see_case_messages)
    for template in TEMPLATES:
        registry.register_template(template)
