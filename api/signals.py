"""Where webhook events come from: the decisions fgdm and network_support record.

The API listens to their rows being written, so neither app knows the API exists (they may never
import it). Decisions are written once (``fgdm.models.decisions.Decision``), so "a row was created"
is "a decision was made"; a closed case is a case saved with ``closed_at`` set, and its event key
makes a second save of it no second event. Deliveries are queued only after the transaction commits.
"""

from django.db.models.signals import post_save

from api.models import Event
from api.services.webhooks import emit
from fgdm.models import Case, Outcome, PlanAgreement
from network_support.models import SupportDecision


def plan_decided(sender, instance: PlanAgreement, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    version = instance.version
    emit(
        event_type=Event.PLAN_AGREED if instance.agreed else Event.PLAN_NOT_AGREED,
        event_key=f"decision:{instance.pk}",
        case_id=version.meeting.case_id,
        data={"plan_id": version.pk, "decision_id": instance.pk},
    )


def outcome_recorded(sender, instance: Outcome, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    emit(
        event_type=Event.OUTCOME_RECORDED,
        event_key=f"outcome:{instance.pk}",
        case_id=instance.case_id,
        data={"outcome_id": instance.pk, "child_id": instance.child_id},
    )


def support_decided(sender, instance: SupportDecision, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    emit(
        event_type=Event.SUPPORT_DECIDED,
        event_key=f"decision:{instance.pk}",
        case_id=instance.request.case_id,
        data={"support_request_id": instance.request_id, "decision_id": instance.pk},
    )


def case_saved(sender, instance: Case, created: bool, raw: bool = False, update_fields=None, **kwargs):
    if raw or instance.closed_at is None or (update_fields is not None and "closed_at" not in update_fields):
        return
    emit(event_type=Event.CASE_CLOSED, event_key=f"case:{instance.pk}", case_id=instance.pk, data={})


def connect() -> None:
    post_save.connect(plan_decided, sender=PlanAgreement, dispatch_uid="api.plan_decided")
    post_save.connect(outcome_recorded, sender=Outcome, dispatch_uid="api.outcome_recorded")
    post_save.connect(support_decided, sender=SupportDecision, dispatch_uid="api.support_decided")
    post_save.connect(case_saved, sender=Case, dispatch_uid="api.case_saved")
