"""Views from people who do not come to the meeting: sent in writing, or said at a separate meeting.
The coordinator chooses what reaches the meeting; nothing about the meeting reaches them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Contribution, NetworkMember
from fgdm.selectors.access import may_give_written_views, may_have_views_recorded_from_separate_meeting
from portal.audit.services import record

TEXTS = ("going_well", "worries", "can_offer")


def _check_texts(texts: dict) -> None:
    if not any(texts.get(name, "").strip() for name in TEXTS):
        raise ValidationError({"going_well": _("Write something in at least one of the boxes.")})


@transaction.atomic
def give_written_views(*, member: NetworkMember, going_well: str, worries: str, can_offer: str) -> Contribution:
    """Someone limited to written views sends them. Only such a person may, and only about their own case."""
    if not may_give_written_views(member):
        raise PermissionDenied
    texts = {"going_well": going_well, "worries": worries, "can_offer": can_offer}
    _check_texts(texts)
    contribution = Contribution.objects.create(
        case=member.case, member=member, source=Contribution.Source.WRITTEN, **{k: v.strip() for k, v in texts.items()}
    )
    record(actor_label=member.ref, action="views.given_in_writing", target=contribution, detail={})
    return contribution


@transaction.atomic
def record_separate_meeting_views(
    *, member: NetworkMember, going_well: str, worries: str, can_offer: str, actor
) -> Contribution:
    """The coordinator records what a person given a separate meeting said at it."""
    if not may_have_views_recorded_from_separate_meeting(member):
        raise ValidationError({"member": _("Only someone given a separate meeting can be chosen.")})
    texts = {"going_well": going_well, "worries": worries, "can_offer": can_offer}
    _check_texts(texts)
    contribution = Contribution.objects.create(
        case=member.case,
        member=member,
        source=Contribution.Source.SEPARATE_MEETING,
        recorded_by=actor,
        **{k: v.strip() for k, v in texts.items()},
    )
    record(actor=actor, action="views.recorded_from_separate_meeting", target=contribution, detail={})
    return contribution


@transaction.atomic
def share_with_meeting(*, contribution: Contribution, actor, parts=Contribution.PARTS) -> Contribution:
    """The coordinator shares these views, or the parts of them they choose, with the meeting: those
    who may read the plan see the parts shared and nothing of the rest."""
    chosen = [part for part in Contribution.PARTS if part in parts and getattr(contribution, part).strip()]
    if not chosen:
        raise ValidationError({"parts": _("Choose what to share with the meeting.")})
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.shared_at is None:
        contribution.shared_by, contribution.shared_at, contribution.shared_parts = actor, timezone.now(), chosen
        contribution.save(update_fields=["shared_by", "shared_at", "shared_parts"])
        record(actor=actor, action="views.shared_with_meeting", target=contribution, detail={"parts": chosen})
    return contribution
