from functools import wraps

from django.shortcuts import get_object_or_404

from fgdm.selectors import cases_for
from portal.permissions import staff_view

CASE_ROLES = ("coordinator", "lead_practitioner", "service_manager")


def case_view(*allowed_roles: str):
    """A staff view about one case: the case comes from the user's own case-scoped queryset, or 404."""
    allowed_roles = allowed_roles or CASE_ROLES

    def decorator(view):
        @staff_view(*allowed_roles)
        @wraps(view)
        def wrapped(request, case_id, *args, **kwargs):
            case = get_object_or_404(
                cases_for(request.user).select_related("lead_practitioner", "coordinator"), pk=case_id
            )
            return view(request, case, *args, **kwargs)

        wrapped.access_rule = "case:" + ",".join(sorted(allowed_roles))
        return wrapped

    return decorator
