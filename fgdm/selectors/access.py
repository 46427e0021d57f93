"""Which cases a member of staff may see. Every case view goes through ``cases_for``."""

from django.db.models import QuerySet

from fgdm.models import Case
from portal.accounts import roles


def cases_for(user) -> QuerySet[Case]:
    """Managers see every case; a coordinator the cases assigned to them; a lead practitioner their referrals."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    user_roles = user.roles
    if roles.SERVICE_MANAGER in user_roles:
        return Case.objects.all()
    scoped = Case.objects.none()
    if roles.COORDINATOR in user_roles:
        scoped = scoped | Case.objects.filter(coordinator=user)
    if roles.LEAD_PRACTITIONER in user_roles:
        scoped = scoped | Case.objects.filter(lead_practitioner=user)
    return scoped.distinct()


def may_see_case(user, case_id) -> bool:
    return cases_for(user).filter(pk=case_id).exists()
