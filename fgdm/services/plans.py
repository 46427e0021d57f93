"""The family's plan: written by the member the family chose, read by those in private family time,
agreed (or not, with reasons) by the lead practitioner. The family's words are never edited."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Meeting, NetworkMember, PartKind, PlanAction, PlanAgreement, PlanVersion
from fgdm.notices import tell
from fgdm.selectors import disclosures
from fgdm.selectors.access import may_decide_plans_of, may_read_plan, may_write_plan
from fgdm.selectors.family import latest_plan, plan_decision
from portal.accounts.messaging import staff_ref
from portal.audit.services import record
from portal.messaging.notify import notify_member
from portal.records import supersede


@dataclass(frozen=True)
class ActionText:
    worry: str
    what: str = ""
    who: str = ""
    by_when: str = ""
    help_needed: str = ""


PLAN_FIELDS = ("contingency", "how_checked", "childs_words")


def plan_is_agreed(meeting: Meeting) -> bool:
    decision = plan_decision(latest_plan(meeting))
    return bool(decision and decision.agreed)


def _missing_sections(actions: list[ActionText], texts: dict, answers: list[tuple[str, str]]) -> dict:
    errors = {}
    for index, (line, answer) in enumerate(answers):
        if not answer.strip():
            errors[f"bottom_line_{index}"] = _("Say how your plan meets: %(line)s") % {"line": line}
    for index, action in enumerate(actions):
        if not action.what.strip():
            errors[f"action_{index}_what"] = _("Say what you will do about: %(worry)s") % {"worry": action.worry}
        if not action.who.strip():
            errors[f"action_{index}_who"] = _("Say who will do it, for: %(worry)s") % {"worry": action.worry}
        if not action.by_when.strip():
            errors[f"action_{index}_by_when"] = _("Say by when, for: %(worry)s") % {"worry": action.worry}
    if not texts.get("contingency", "").strip():
        errors["contingency"] = _("Say what you will do if the plan is not working.")
    if not texts.get("how_checked", "").strip():
        errors["how_checked"] = _("Say how you will check the plan is working.")
    return errors


@transaction.atomic
def save_plan(
    *,
    meeting: Meeting,
    member: NetworkMember,
    actions: list[ActionText],
    submit: bool,
    bottom_line_answers: list[tuple[str, str]] = (),
    **texts: str,
) -> PlanVersion:
    """Keep the plan as the family wrote it, as a new version. Submitting needs every section filled
    in, an answer to each bottom line included, and sends the plan to the coordinator and the lead
    practitioner. An agreed plan is final at its meeting; a review meeting starts a revised one."""
    meeting = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    if not may_write_plan(member, meeting):
        raise PermissionDenied
    if plan_is_agreed(meeting):
        raise ValidationError(_("Your plan has been agreed, so it cannot be changed now."))
    if submit:
        missing = _missing_sections(actions, texts, list(bottom_line_answers))
        if missing:
            raise ValidationError(missing)
    number = (meeting.plan_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        meeting=meeting,
        number=number,
        written_by=member,
        status=PlanVersion.Status.SUBMITTED if submit else PlanVersion.Status.DRAFT,
        bottom_line_answers=[[line, answer] for line, answer in bottom_line_answers],
        **{name: texts.get(name, "") for name in PLAN_FIELDS},
    )
    PlanAction.objects.bulk_create(
        PlanAction(version=version, position=index, **vars(action)) for index, action in enumerate(actions)
    )
    record(
        actor_label=member.ref,
        action="plan.submitted" if submit else "plan.saved",
        target=version,
        detail={"meeting": meeting.pk, "number": number},
    )
    if submit:
        _tell_staff_plan_submitted(meeting, version)
    return version


def _tell_staff_plan_submitted(meeting: Meeting, version: PlanVersion) -> None:
    """The coordinator and lead practitioner hear the plan is ready, through the outbox like every message."""
    case = meeting.case
    for user in {u for u in (case.lead_practitioner, case.coordinator) if u is not None}:
        notify_member(
            recipient_ref=staff_ref(user),
            case_ref=case.ref,
            template="fgdm.plan_submitted",
            # No names and nothing of the plan: only which case, and where to read it.
            context={"case": case.reference, "url": f"{settings.PUBLIC_BASE_URL}/cases/{case.pk}/plan/"},
            idempotency_key=f"fgdm.plan_submitted:{version.pk}:{user.pk}",
            with_link=False,
        )


@transaction.atomic
def decide_plan(*, version: PlanVersion, agreed: bool, reason: str, review_on: date | None, actor) -> PlanAgreement:
    """The lead practitioner agrees the plan, or does not and says why in plain words.

    An agreed plan has a review date. The family is told, as far as the audience rule allows. A
    changed mind is a new decision that supersedes the last one.
    """
    meeting = Meeting.objects.select_for_update().select_related("case").get(pk=version.meeting_id)
    if not may_decide_plans_of(actor, meeting.case):
        raise PermissionDenied
    if not version.submitted or latest_plan(meeting).pk != version.pk:
        raise ValidationError(_("Only the latest plan the family sent can be agreed."))
    errors = {}
    if agreed and review_on is None:
        errors["review_on"] = _("Enter the date the plan will be reviewed.")
    elif agreed and review_on <= timezone.localdate():
        errors["review_on"] = _("The review date must be in the future.")
    if not agreed and not reason.strip():
        errors["reason"] = _("Say why the plan is not agreed, in words the family will understand.")
    if errors:
        raise ValidationError(errors)
    previous = plan_decision(version)
    decision = PlanAgreement.objects.create(
        version=version, agreed=agreed, reason=reason.strip(), review_on=review_on if agreed else None, decided_by=actor
    )
    supersede(previous, decision)
    record(
        actor=actor,
        action="plan.agreed" if agreed else "plan.not_agreed",
        target=decision,
        detail={"version": version.pk, "supersedes": previous.pk if previous else None},
    )
    _tell_family_plan_decided(meeting, decision, actor)
    return decision


def _tell_family_plan_decided(meeting: Meeting, decision: PlanAgreement, actor) -> None:
    about = {"meeting": meeting.pk, "parts": [PartKind.PRIVATE_FAMILY_TIME]}
    for seen in disclosures(meeting).values():
        if seen.may_see_plan and seen.may_be_contacted:
            key = f"fgdm.plan_decided:{decision.pk}:{seen.member.pk}"
            tell(seen.member, template="fgdm.plan_decided", key=key, topic=meeting.topic, about=about, actor=actor)


@transaction.atomic
def choose_plan_writer(*, meeting: Meeting, member: NetworkMember, actor) -> Meeting:
    """Record who the family chose to write their plan: someone who may be in private family time."""
    if member.case_id != meeting.case_id or not may_read_plan(member, meeting):
        raise ValidationError({"plan_writer": _("Only someone invited to private family time can write the plan.")})
    meeting.plan_writer = member
    meeting.save(update_fields=["plan_writer"])
    record(actor=actor, action="plan.writer_chosen", target=meeting, detail={"member": member.pk})
    return meeting
