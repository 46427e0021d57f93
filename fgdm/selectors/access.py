"""Every "may this person do or see this?" rule of family group decision making, each one function.

Views, templates (through flags in their context), services and the navigation ask these; no role
check or ownership test is written anywhere else. ``tests/test_architecture.py`` holds them to it.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import QuerySet
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

from fgdm.models import Case, FeedbackGiven, Invitation, Meeting, NetworkMember, PartnerRequest, PlanVersion
from fgdm.models.meetings import MeetingStatus
from fgdm.selectors.audience import Disclosure, disclosure, may_be_contacted, meeting_parts
from fgdm.selectors.family import latest_plan, plan_decision
from portal.accounts import roles
from portal.accounts.roles import has_role
from portal.references import parse_ref

# Who arranges a case's meeting and its network: its coordinator, or a service manager.
ARRANGERS = (roles.COORDINATOR, roles.SERVICE_MANAGER)
# Who reads a person's exclusion decisions and records new ones.
EXCLUSION_DECIDERS = (roles.COORDINATOR, roles.LEAD_PRACTITIONER, roles.SERVICE_MANAGER)
# Who asks partner agencies about people in the network, and reminds them: those who arrange the case.
PARTNER_ASKERS = ARRANGERS


# --- staff: cases ---------------------------------------------------------------------------------


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
def _view_of(url_name: str):
    """The view behind a URL name (the URL's ids do not change who may open it: any will do to find it)."""
    for arity in range(4):
        try:
            return resolve(reverse(url_name, args=[1] * arity)).func
        except NoReverseMatch:
            continue
    raise NoReverseMatch(url_name)


def _roles_of_view(view) -> frozenset[str]:
    """The roles a role-gated view admits, read from the view's own access rule."""
    allowed = getattr(view, "allowed_roles", None)
    if allowed is None:
        _kind, _sep, names = getattr(view, "access_rule", "").partition(":")
        allowed = frozenset(names.split(",")) if names and names != "any" else frozenset()
    return frozenset(allowed)


def may_follow(user, url_name: str, case: Case | None = None) -> bool:
    """May this person open the page a link points to? The answer comes from the same rule the view
    enforces (its ``may_…`` rule, or the roles it admits), so no link we draw leads to a 403.
    ``case`` is one already in ``cases_for(user)``: the page drawing the link was reached through it."""
    if not getattr(user, "is_authenticated", False):
        return False
    view = _view_of(url_name)
    rule = getattr(view, "rule", None)
    if rule is not None:
        return bool(rule(user))
    return bool(user.roles & _roles_of_view(view))


def links_for(user, case: Case | None, url_names) -> frozenset[str]:
    """Of these URL names, the ones this person may follow (for a case page or a list)."""
    return frozenset(name for name in url_names if may_follow(user, name, case))


def may_give_written_views(member) -> bool:
    """A person limited to written views may send them through their own page, and nothing else of the
    meeting: not its time, venue or attendees. Consent and safe contact still apply."""
    from fgdm.models import Participation
    from fgdm.selectors.audience import current_exclusion

    decision = current_exclusion(member)
    return decision is not None and decision.participation == Participation.WRITTEN_VIEWS and may_be_contacted(member)


def may_have_views_recorded_from_separate_meeting(member) -> bool:
    """The coordinator records what a person given a separate meeting said there."""
    from fgdm.models import Participation
    from fgdm.selectors.audience import current_exclusion

    decision = current_exclusion(member)
    return decision is not None and decision.participation == Participation.SEPARATE_MEETING


def case_for_staff(user, case_id: int) -> Case | None:
    """The case loader ``portal.permissions.case_view`` asks: the case if ``user`` may see it."""
    return cases_for(user).select_related("lead_practitioner", "coordinator").filter(pk=case_id).first()


def may_work_on_cases(user) -> bool:
    """The case list, and the "Cases" entry in the staff navigation."""
    return has_role(user, *roles.CASE_ROLES)


def may_hold_cases(user) -> bool:
    """A case is held by someone with the lead practitioner role."""
    return has_role(user, roles.LEAD_PRACTITIONER)


def may_coordinate(user) -> bool:
    """A case's independent coordinator has the coordinator role (independence is the service's check)."""
    return has_role(user, roles.COORDINATOR)


def may_refer(user) -> bool:
    """A lead practitioner refers a child; a service manager may do it for them."""
    return has_role(user, roles.LEAD_PRACTITIONER, roles.SERVICE_MANAGER)


def may_see_figures(user) -> bool:
    """The service's figures: lead practitioners and service managers."""
    return has_role(user, roles.LEAD_PRACTITIONER, roles.SERVICE_MANAGER)


def may_handle_data_rights(user) -> bool:
    """Subject access requests: service managers only."""
    return has_role(user, roles.SERVICE_MANAGER)


def may_read_service_feedback(user) -> bool:
    """What families said after their meetings, counted across the service: service managers."""
    return has_role(user, roles.SERVICE_MANAGER)


def may_decide_plans_of(user, case: Case) -> bool:
    """Only the case's lead practitioner, holding that role, agrees the family's plan or does not."""
    return has_role(user, roles.LEAD_PRACTITIONER) and case.lead_practitioner_id == user.pk


def may_decide_plan(user, case: Case, sent: PlanVersion | None, latest: PlanVersion | None) -> bool:
    """The case's lead practitioner decides the latest version the family sent, and no other
    (rule 4: they agree it or not; they never rewrite it)."""
    return may_decide_plans_of(user, case) and sent is not None and latest is not None and latest.pk == sent.pk


def may_see_every_child_voice(user, case: Case) -> bool:
    """A child's words shared "with the coordinator only" are for the case's coordinator alone;
    everyone else on the case sees what the child shared with the meeting."""
    return has_role(user, roles.COORDINATOR) and case.coordinator_id == user.pk


def may_already_know(invitation: Invitation, seen: Disclosure) -> bool:
    """Were they told more than they may know now? Either a part they are now kept from, or the venue's
    address that is now withheld from them — when they were invited before it was withheld.

    The exclusion service warns with this when a decision is recorded, and the reply board shows it.
    """
    told = set(invitation.parts)
    if not told or invitation.cancelled_at is not None:
        return False
    if told - seen.allowed:
        return True
    since = seen.address_withheld_since
    return since is not None and invitation.sent_at < since


# --- family members -------------------------------------------------------------------------------


def member_for_family(family) -> NetworkMember | None:
    """The member loader ``portal.permissions.member_view`` asks: the member the session names, on the
    session's own case, if they may still be contacted."""
    member_pk = parse_ref(family.subject_ref, "fgdm.member")
    case_pk = parse_ref(family.case_ref, "fgdm.case")
    if member_pk is None or case_pk is None:
        return None
    member = NetworkMember.objects.select_related("case__coordinator").filter(pk=member_pk, case_id=case_pk).first()
    if member is None or not may_be_contacted(member):
        return None
    return member


def may_read_plan(member: NetworkMember, meeting: Meeting | None) -> bool:
    """Only those who may know of private family time may see the plan (rule 1)."""
    return meeting is not None and disclosure(member, meeting).may_see_plan


def may_write_plan(member: NetworkMember, meeting: Meeting | None) -> bool:
    """The one member the family chose to write the plan, while they may still read it."""
    return may_read_plan(member, meeting) and meeting.plan_writer_id == member.pk


def may_change_plan(member: NetworkMember, meeting: Meeting | None) -> bool:
    """The plan writer may change the plan until it is agreed at this meeting (a review starts a new one)."""
    if not may_write_plan(member, meeting):
        return False
    decision = plan_decision(latest_plan(meeting))
    return not (decision and decision.agreed)


def may_give_feedback(member: NetworkMember, meeting: Meeting | None) -> bool:
    """After the meeting has begun, once per person; only for someone who was invited."""
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        return False
    parts = meeting_parts(meeting)
    first = parts[0] if parts else None
    started = meeting.status == MeetingStatus.HELD or (first is not None and first.starts_at <= timezone.now())
    invited = meeting.invitations.filter(member=member).exists()
    return started and invited and not FeedbackGiven.objects.filter(meeting=meeting, member=member).exists()


def may_pick_times(meeting: Meeting) -> bool:
    """Members answer which times suit them only while the meeting is being arranged."""
    return meeting.status == MeetingStatus.ARRANGING and meeting.slots.filter(withdrawn_at__isnull=True).exists()


# --- partner agencies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonAskedAbout:
    """All a partner is shown of a person: a name, and a date of birth where one is held."""

    id: int
    name: str
    date_of_birth: date | None


def _open_partner_requests() -> QuerySet[PartnerRequest]:
    """A partner's link works while the request is unanswered, not locked by wrong codes, and in date."""
    return PartnerRequest.objects.filter(
        answered_at__isnull=True, locked_at__isnull=True, expires_at__gt=timezone.now()
    )


def partner_request_for_link(token: str) -> PartnerRequest | None:
    """The request a followed partner link opens: None for an unknown, used, locked or expired one alike."""
    from portal.family_access.services import hash_token

    return _open_partner_requests().filter(token_hash=hash_token(token)).first()


def partner_request_for_session(request_id: int | None) -> PartnerRequest | None:
    """The request a partner's session was begun with, while it may still be answered. The id comes
    from the session, never from the URL, so changing an address reaches nothing."""
    if request_id is None:
        return None
    return _open_partner_requests().filter(pk=request_id).first()


def people_for_partner(partner_request: PartnerRequest) -> list[PersonAskedAbout]:
    """Only the people the partner was asked about, and only their names and dates of birth."""
    return [
        PersonAskedAbout(id=pk, name=name, date_of_birth=born)
        for pk, name, born in partner_request.members.order_by("name", "pk").values_list("pk", "name", "date_of_birth")
    ]
