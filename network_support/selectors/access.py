"""Every "may this person do or see this?" rule of Family Network Support Packages, each one function.

The decision service, the staff views, the request page's flags and the navigation all ask these.
"""

from django.utils.translation import gettext as _

from network_support.models import DelegatedLimit, SupportRequest
from network_support.money import pounds
from portal.accounts import roles
from portal.accounts.roles import has_role

# A lead practitioner with no limit set by a manager may decide requests up to this value.
DEFAULT_LIMIT_PENCE = 50_000  # £500
# Who decides support and ends it: the case's lead practitioner, or a service manager.
DECIDERS = (roles.LEAD_PRACTITIONER, roles.SERVICE_MANAGER)
# Who keeps the budget, the limits and the payments.
SUPPORT_MANAGERS = (roles.SERVICE_MANAGER,)


def may_see_support(user) -> bool:
    """The support pages of the cases this person works on, and the "Support" navigation entry."""
    return has_role(user, *roles.CASE_ROLES)


def may_manage_support(user) -> bool:
    """Budgets, delegated limits, the payments export, marking payments paid: service managers."""
    return has_role(user, *SUPPORT_MANAGERS)


def limit_for(user) -> int | None:
    """The most ``user`` may decide alone, in pence; ``None`` for a service manager with no limit set."""
    latest = DelegatedLimit.objects.filter(decider=user).first()
    if latest is not None:
        return latest.limit_pence
    if roles.SERVICE_MANAGER in user.roles:
        return None
    return DEFAULT_LIMIT_PENCE


def why_may_not_decide(user, request: SupportRequest) -> str:
    """Why ``user`` may not decide ``request``, in words for them; empty when they may.

    A service manager may, within their own limit if a manager set one. Otherwise only the case's
    lead practitioner, still holding that role, within their delegated limit; a request worth more
    goes to a service manager.
    """
    is_manager = has_role(user, roles.SERVICE_MANAGER)
    is_case_lead = has_role(user, roles.LEAD_PRACTITIONER) and request.case.lead_practitioner_id == user.pk
    if not (is_manager or is_case_lead):
        return _("Only the case's lead practitioner or a service manager can decide this request.")
    limit = limit_for(user)
    total = request.total_pence
    if limit is not None and total > limit:
        return _(
            "This request is worth %(total)s, more than your limit of %(limit)s. A service manager must decide it."
        ) % {"total": pounds(total), "limit": pounds(limit)}
    return ""


def may_decide(user, request: SupportRequest) -> bool:
    return not why_may_not_decide(user, request)
