"""Asking partner agencies about named people, and their answers.

The rules:
- the coordinator asks one contact at an agency about one or more people in the case's network,
  with a reply-by date; the contact gets an email with a link (only a hash of its token is kept);
- the link alone shows nothing: a 6-digit code goes to the contact's work email; it lasts 10
  minutes and works once; 5 wrong codes, across every code sent for the request, lock the request
  until the coordinator asks again;
- the contact answers once, for every person asked about (yes, no or not known for each risk, with
  their own words), or says the agency holds nothing; then the link is used up;
- a reminder sends a fresh link (the last one stops working) and lifts a lock, since whoever typed
  the wrong codes does not have the new link; reading the answers is audited.
"""

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fgdm.models import AgencyKind, Case, Known, NetworkMember, PartnerAnswer, PartnerRequest, Risk
from portal.audit.services import record
from portal.family_access.services import CODE_MESSAGE, CodeCheck, TooSoon, hash_token
from portal.messaging.services import queue_message

REQUEST_MESSAGE = "fgdm.partner_request"
REMINDER_MESSAGE = "fgdm.partner_reminder"
LINK_DAYS_AFTER_REPLY_BY = 28
CODE_LIFETIME = timedelta(minutes=10)
CODE_TRIES = 5
RESEND_AFTER = timedelta(minutes=1)
REMIND_AFTER = timedelta(minutes=1)  # a double click on "send a reminder" sends one


def link_url(token: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/partner/{token}"


def _link_expiry(reply_by: date):
    """The link works until four weeks after the reply-by date (or after today, if that has passed)."""
    return (
        timezone.now() + max(reply_by - timezone.localdate(), timedelta(0)) + timedelta(days=LINK_DAYS_AFTER_REPLY_BY)
    )


def _send_link(partner_request: PartnerRequest, *, template: str, key: str, actor) -> str:
    """A fresh token for the request, sent by email; returns the token (tests read it)."""
    token = secrets.token_urlsafe(32)
    partner_request.token_hash = hash_token(token)
    partner_request.expires_at = _link_expiry(partner_request.reply_by)
    partner_request.save(update_fields=["token_hash", "expires_at"])
    queue_message(
        recipient_ref=partner_request.ref,
        template=template,
        context={
            "link": link_url(token),
            "service": settings.SERVICE_NAME,
            "name": partner_request.contact_name,
            "date": date_format(partner_request.reply_by, "j F Y"),
            "phone": settings.SERVICE_CONTACT_PHONE,
        },
        idempotency_key=key,
        case_ref=partner_request.case.ref,
        actor=actor,
    )
    return token


@transaction.atomic
def ask_partner(
    *,
    case: Case,
    agency_kind: str,
    contact_name: str,
    contact_email: str,
    members: list[NetworkMember],
    reply_by: date,
    actor,
    agency_name: str = "",
) -> PartnerRequest:
    """Ask a partner agency's contact about named people in this case's network, by a date."""
    errors = {}
    if agency_kind not in AgencyKind.values:
        errors["agency_kind"] = _("Choose the kind of agency.")
    if not contact_name.strip():
        errors["contact_name"] = _("Enter the contact's name.")
    if not contact_email.strip():
        errors["contact_email"] = _("Enter the contact's work email address.")
    if not members:
        errors["members"] = _("Choose at least one person to ask about.")
    elif any(member.case_id != case.pk for member in members):
        errors["members"] = _("Choose people from this family's network.")
    if reply_by <= timezone.localdate():
        errors["reply_by"] = _("The reply-by date must be in the future.")
    if errors:
        raise ValidationError(errors)
    partner_request = PartnerRequest.objects.create(
        case=case,
        agency_kind=agency_kind,
        agency_name=agency_name.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        reply_by=reply_by,
        sent_by=actor,
        token_hash=hash_token(secrets.token_urlsafe(32)),  # replaced at once by the link sent
        expires_at=timezone.now(),
    )
    partner_request.members.set(members)
    _send_link(partner_request, template=REQUEST_MESSAGE, key=f"{REQUEST_MESSAGE}:{partner_request.pk}", actor=actor)
    record(
        actor=actor,
        action="partner.asked",
        target=partner_request,
        detail={"case": case.pk, "agency": agency_kind, "members": sorted(m.pk for m in members)},
    )
    return partner_request


@transaction.atomic
def remind_partner(*, partner_request: PartnerRequest, actor) -> PartnerRequest:
    """Send the request again with a fresh link; the last link stops working and a lock by wrong codes
    is lifted. Not once it is answered."""
    partner_request = PartnerRequest.objects.select_for_update().select_related("case").get(pk=partner_request.pk)
    if partner_request.answered_at is not None:
        raise ValidationError(_("This request has been answered."))
    now = timezone.now()
    if partner_request.reminded_at is not None and partner_request.reminded_at > now - REMIND_AFTER:
        return partner_request
    unlocked = partner_request.locked_at is not None
    partner_request.reminders += 1
    partner_request.reminded_at = now
    # A fresh link to the same work email lets the contact try codes again: whoever typed the wrong
    # ones does not have it.
    partner_request.locked_at, partner_request.wrong_codes, partner_request.code_hash = None, 0, ""
    partner_request.save(update_fields=["reminders", "reminded_at", "locked_at", "wrong_codes", "code_hash"])
    key = f"{REMINDER_MESSAGE}:{partner_request.pk}:{partner_request.reminders}"
    _send_link(partner_request, template=REMINDER_MESSAGE, key=key, actor=actor)
    record(
        actor=actor,
        action="partner.reminded",
        target=partner_request,
        detail={"reminders": partner_request.reminders, "unlocked": unlocked},
    )
    return partner_request


def _hash_code(partner_request: PartnerRequest, code: str) -> str:
    # Keyed with the request, so the same code for two requests hashes differently.
    message = f"partner:{partner_request.pk}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def send_partner_code(*, partner_request: PartnerRequest) -> None:
    """A fresh 6-digit code to the contact's work email; the one before stops working.
    Raises ``TooSoon`` when one was sent less than a minute ago."""
    partner_request = PartnerRequest.objects.select_for_update().get(pk=partner_request.pk)
    now = timezone.now()
    if partner_request.code_sent_at is not None and partner_request.code_sent_at > now - RESEND_AFTER:
        raise TooSoon(TooSoon.MINUTE)
    code = f"{secrets.randbelow(10**6):06d}"
    partner_request.code_hash = _hash_code(partner_request, code)
    partner_request.code_sent_at = now
    partner_request.code_expires_at = now + CODE_LIFETIME
    partner_request.save(update_fields=["code_hash", "code_sent_at", "code_expires_at"])
    queue_message(
        recipient_ref=partner_request.ref,
        template=CODE_MESSAGE,
        context={"code": code, "service": settings.SERVICE_NAME},
        idempotency_key=f"fgdm.partner_code:{partner_request.pk}:{secrets.token_hex(8)}",
        case_ref=f"fgdm.case:{partner_request.case_id}",
    )
    record(action="partner.code_sent", actor_label=partner_request.ref, target=partner_request, detail={})


@transaction.atomic
def check_partner_code(*, partner_request: PartnerRequest, code: str) -> CodeCheck:
    """Is this the latest code, in time and unused? Each wrong code counts against the request:
    the fifth locks it."""
    partner_request = PartnerRequest.objects.select_for_update().get(pk=partner_request.pk)
    if partner_request.locked_at is not None:
        return CodeCheck(ok=False, tries_left=0)
    now = timezone.now()
    if not partner_request.code_hash or partner_request.code_expires_at <= now:
        return CodeCheck(ok=False, expired=True)
    code = "".join(ch for ch in code if ch.isdigit())
    if hmac.compare_digest(partner_request.code_hash, _hash_code(partner_request, code)):
        partner_request.code_hash = ""
        partner_request.save(update_fields=["code_hash"])
        record(action="partner.signed_in", actor_label=partner_request.ref, target=partner_request, detail={})
        return CodeCheck(ok=True)
    partner_request.wrong_codes += 1
    fields = ["wrong_codes"]
    if partner_request.wrong_codes >= CODE_TRIES:
        partner_request.locked_at = now
        partner_request.code_hash = ""
        fields += ["locked_at", "code_hash"]
        record(action="partner.locked", actor_label=partner_request.ref, target=partner_request, detail={})
    partner_request.save(update_fields=fields)
    return CodeCheck(ok=False, tries_left=max(CODE_TRIES - partner_request.wrong_codes, 0))


def missing_answers(partner_request: PartnerRequest, answers: dict[int, dict]) -> dict[int, list[str]]:
    """For each person asked about, the questions not answered (``answers``: member id -> risks)."""
    missing = {}
    for member in partner_request.members.all():
        risks = answers.get(member.pk, {})
        gaps = [value for value in Risk.values if risks.get(value) not in Known.values]
        if gaps:
            missing[member.pk] = gaps
    return missing


@transaction.atomic
def answer_request(
    *, partner_request: PartnerRequest, answers: dict[int, dict], details: dict[int, str], holds_nothing: bool
) -> list[PartnerAnswer]:
    """The partner's answer, once: for every person asked about, or "we hold nothing" for them all.
    The link is used up."""
    partner_request = PartnerRequest.objects.select_for_update().get(pk=partner_request.pk)
    if partner_request.answered_at is not None or partner_request.locked_at is not None:
        raise ValidationError(_("This request has already been answered."))
    if not holds_nothing and missing_answers(partner_request, answers):
        raise ValidationError(_("Answer every question for each person, or say you hold nothing."))
    now = timezone.now()
    rows = [
        PartnerAnswer(
            request=partner_request,
            member=member,
            risks={} if holds_nothing else {value: answers[member.pk][value] for value in Risk.values},
            details="" if holds_nothing else details.get(member.pk, "").strip(),
            holds_nothing=holds_nothing,
            answered_at=now,
        )
        for member in partner_request.members.all()
    ]
    PartnerAnswer.objects.bulk_create(rows)
    partner_request.answered_at = now
    partner_request.holds_nothing = holds_nothing
    partner_request.code_hash = ""
    partner_request.save(update_fields=["answered_at", "holds_nothing", "code_hash"])
    record(
        action="partner.answered",
        actor_label=partner_request.ref,
        target=partner_request,
        detail={"people": len(rows), "holds_nothing": holds_nothing},
    )
    return rows


@transaction.atomic
def read_partner_answers(*, member: NetworkMember, actor) -> list[PartnerAnswer]:
    """What partner agencies said about a person, for professionals only; each read is audited."""
    answers = list(
        PartnerAnswer.objects.filter(member=member).select_related("request").order_by("-answered_at", "-pk")
    )
    if answers:
        record(actor=actor, action="partner.answers_read", target=member, detail={"answers": len(answers)})
    return answers
