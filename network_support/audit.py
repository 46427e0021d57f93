"""What the audit log calls a support request, its items and decisions: the request's reference and the case."""

from django.utils.translation import gettext_lazy as _

from fgdm.audit import describer
from network_support.models import SupportDecision, SupportItem, SupportRequest
from portal.audit import registry

ACTIONS = {
    "support.request_started": _("Support request started"),
    "support.request_submitted": _("Support request sent for a decision"),
    "support.request_withdrawn": _("Support request withdrawn"),
    "support.decision_changed": _("Support decision made or changed"),
    "support.ended_early": _("Support ended early"),
    "support.internal_note_read": _("Internal note on a support request read"),
    "support.budget_set": _("Support budget set"),
    "support.limit_set": _("Support spending limit set"),
    "support.payment_paid": _("Support payment marked as paid"),
    "support.payments_exported": _("Support payments exported"),
}


def register() -> None:
    registry.register_actions(ACTIONS)
    for object_type, describe in {
        "network_support.supportrequest": describer(
            SupportRequest, what=_("Support request"), name=lambda r: r.reference, case=lambda r: r.case_id
        ),
        "network_support.supportitem": describer(
            SupportItem,
            what=_("Support request"),
            name=lambda i: i.request.reference,
            case=lambda i: i.request.case_id,
            related=["request"],
        ),
        "network_support.supportdecision": describer(
            SupportDecision,
            what=_("Support request"),
            name=lambda d: d.request.reference,
            case=lambda d: d.request.case_id,
            related=["request"],
        ),
    }.items():
        registry.register_describer(object_type, describe)
