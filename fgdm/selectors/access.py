"""Which cases a member of staff may see. Every case view goes through ``cases_for``."""

from functools import cache

from django.db.models import QuerySet
from django.urls import NoReverseMatch, resolve, reverse

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


@cache
def _roles_of_view(url_name: str) -> frozenset[str]:
    """The roles the view behind a URL name admits, read from the view's own access rule."""
    for arity in range(4):  # the URL's ids do not change who may open it: any will do to find the view
        try:
            path = reverse(url_name, args=[1] * arity)
        except NoReverseMatch:
            continue
        view = resolve(path).func
        break
    else:
        raise NoReverseMatch(url_name)
    allowed = getattr(view, "allowed_roles", None)
    if allowed is None:
        _kind, _sep, names = getattr(view, "access_rule", "").partition(":")
        allowed = frozenset(names.split(",")) if names and names != "any" else frozenset()
    return frozenset(allowed)


def may_follow(user, url_name: str, case: Case | None = None) -> bool:
    """May this person open the page a link points to? The answer comes from the same rule the view
    enforces, so no link we draw leads to a 403. ``case`` is one already in ``cases_for(user)``: the
    page drawing the link was reached through it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.roles & _roles_of_view(url_name))


def links_for(user, case: Case | None, url_names) -> frozenset[str]:
    """Of these URL names, the ones this person may follow (for a case page or a list)."""
    return frozenset(name for name in url_names if may_follow(user, name, case))


def may_refer(user) -> bool:
    return may_follow(user, "fgdm:new_referral")


def may_decide_plan(user, case: Case, sent, latest) -> bool:
    """Only the case's lead practitioner decides, and only on the newest version the family sent."""
    return user == case.lead_practitioner and sent is not None and latest is not None and latest.pk == sent.pk


def may_give_written_views(member) -> bool:
    """A person limited to written views may send them through their own page, and nothing else of the
    meeting: not its time, venue or attendees. Consent and safe contact still apply."""
    from fgdm.models import Participation
    from fgdm.selectors.audience import current_exclusion, may_be_contacted

    decision = current_exclusion(member)
    return decision is not None and decision.participation == Participation.WRITTEN_VIEWS and may_be_contacted(member)


def may_have_views_recorded_from_separate_meeting(member) -> bool:
    """The coordinator records what a person given a separate meeting said there."""
    from fgdm.models import Participation
    from fgdm.selectors.audience import current_exclusion

    decision = current_exclusion(member)
    return decision is not None and decision.participation == Participation.SEPARATE_MEETING
