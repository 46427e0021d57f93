"""What the audit log calls a support request, its items and decisions: the request's reference and the case."""

from django.utils.translation import gettext_lazy as _

from fgdm.audit import describer
from network_support.models import SupportDecision, SupportItem, SupportRequest
from portal.audit import registry


def register() -> None:
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
