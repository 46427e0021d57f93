"""Where a case has got to: the task list on the case page and the next step on "my cases"."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from fgdm.models import (
    Case,
    DutyToOfferDecision,
    ExclusionDecision,
    Invitation,
    Meeting,
    NetworkMember,
    Participation,
    PartnerRequest,
    PlanAgreement,
    PlanVersion,
    Stage,
)
from fgdm.models.meetings import MeetingKind, MeetingStatus
from fgdm.selectors.audience import consent_states
from fgdm.selectors.reviews import reviews
from portal.prepared import Prepared

DONE, TO_DO, CANNOT_START, PROBLEM = "done", "to_do", "cannot_start", "problem"


@dataclass(frozen=True)
class Task:
    key: str
    label: str
    status: str
    status_text: str
    url_name: str = ""


@dataclass(frozen=True)
class Progress:
    tasks: list[Task]
    consent_withdrawn: bool
    meeting: Meeting | None
    not_offered: DutyToOfferDecision | None = None  # why no meeting was offered, when that was decided

    @property
    def next_step(self) -> Task | None:
        return next((t for t in self.tasks if t.status in (TO_DO, PROBLEM)), None)


@dataclass(frozen=True)
class _Facts:
    """What the task list needs to know about one case."""

    duty_recorded: bool
    duty: DutyToOfferDecision | None
    consent: str
    members: int
    decisions: int
    meeting: Meeting | None
    invited: int
    submitted: PlanVersion | None  # the newest plan sent, at any meeting of the case
    decision: PlanAgreement | None
    agreed: PlanAgreement | None  # the newest agreement in force, at any meeting
    review: Meeting | None  # a review meeting arranged after the agreed plan
    separate_people: int = 0  # people with a current "separate meeting" decision
    separate: Meeting | None = None  # the separate meeting linked to the current meeting, if arranged
    late_partners: int = 0  # requests to partner agencies past their reply-by date, unanswered


def _count(queryset, field: str) -> Coalesce:
    """How many rows of ``queryset`` have ``field`` pointing at the outer row (a case, a meeting), as a
    subquery of that row: 0 for none."""
    per_row = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(per_row.annotate(n=Count("pk")).values("n")), 0)


def _counts(ids, today):
    current = ExclusionDecision.objects.current()
    return (
        Case.objects.filter(pk__in=ids)
        .annotate(
            n_members=_count(NetworkMember.objects.all(), "case"),
            n_decisions=_count(current, "member__case"),
            n_separate=_count(current.filter(participation=Participation.SEPARATE_MEETING), "member__case"),
            n_late=_count(PartnerRequest.objects.filter(answered_at__isnull=True, reply_by__lt=today), "case"),
        )
        .values_list("pk", "n_members", "n_decisions", "n_separate", "n_late")
    )


_COUNTS = Prepared(_counts)  # built once per process (and per number of cases asked about)


def _facts(cases: list[Case]) -> dict[int, _Facts]:
    """The facts for many cases in a fixed number of queries, however many cases there are."""
    ids = [c.pk for c in cases]
    duty = {d.case_id: d for d in DutyToOfferDecision.objects.current().filter(case_id__in=ids)}
    consent = consent_states(ids)
    # The counts of each case, in one query: its people, their current decisions (and how many of
    # those are "separate meeting"), and its requests to partner agencies past their reply-by date.
    members: dict[int, int] = {}
    decisions: dict[int, int] = {}
    separate_people: dict[int, int] = {}
    late_partners: dict[int, int] = {}
    for case_id, n_members, n_decisions, n_separate, n_late in _COUNTS.rows(ids=ids, today=timezone.localdate()):
        members[case_id], decisions[case_id], late_partners[case_id] = n_members, n_decisions, n_late
        if n_separate:
            separate_people[case_id] = n_separate
    meetings: dict[int, Meeting] = {}
    every_meeting: dict[int, list[Meeting]] = {}
    separate_meetings: list[Meeting] = []  # a separate meeting is in the case of the meeting it is linked to
    live_invitations = Invitation.objects.filter(cancelled_at__isnull=True)
    for meeting in (
        Meeting.objects.filter(case_id__in=ids)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(n_invited=_count(live_invitations, "meeting"))
        .order_by("created_at", "pk")
    ):
        if meeting.kind == MeetingKind.SEPARATE:
            separate_meetings.append(meeting)
            continue
        meetings[meeting.case_id] = meeting  # the latest one counts, as in current_meeting
        every_meeting.setdefault(meeting.case_id, []).append(meeting)
    meeting_ids = [m.pk for m in meetings.values()]
    case_of_meeting = {m.pk: m.case_id for ms in every_meeting.values() for m in ms}
    invited = {m.pk: m.n_invited for m in meetings.values()}
    submitted: dict[int, PlanVersion] = {}
    for version in PlanVersion.objects.filter(
        meeting_id__in=list(case_of_meeting), status=PlanVersion.Status.SUBMITTED
    ).order_by("meeting__created_at", "meeting_id", "number"):
        submitted[case_of_meeting[version.meeting_id]] = version  # the newest, across the case's meetings
    agreements = {
        a.version_id: a
        for a in PlanAgreement.objects.current().filter(version_id__in=[v.pk for v in submitted.values()])
    }
    separate_of = {m.linked_to_id: m for m in separate_meetings if m.linked_to_id in meeting_ids}
    review_of_case = reviews(ids)
    facts = {}
    for case in cases:
        meeting = meetings.get(case.pk)
        version = submitted.get(case.pk)
        review = review_of_case.get(case.pk)
        facts[case.pk] = _Facts(
            duty_recorded=case.pk in duty,
            duty=duty.get(case.pk),
            consent=consent[case.pk],
            members=members.get(case.pk, 0),
            decisions=decisions.get(case.pk, 0),
            meeting=meeting,
            invited=invited.get(meeting.pk, 0) if meeting else 0,
            submitted=version,
            decision=agreements.get(version.pk) if version else None,
            agreed=review.agreement if review else None,
            review=review.meeting if review else None,
            separate_people=separate_people.get(case.pk, 0),
            separate=separate_of.get(meeting.pk) if meeting else None,
            late_partners=late_partners.get(case.pk, 0),
        )
    return facts


def case_progress(case: Case) -> Progress:
    return _progress(case, _facts([case])[case.pk])


def next_steps(cases) -> dict[int, Task | None]:
    """The next step of each case on a list, in a fixed number of queries."""
    cases = list(cases)
    facts = _facts(cases)
    return {case.pk: _progress(case, facts[case.pk]).next_step for case in cases}


def _progress(case: Case, facts: _Facts) -> Progress:
    tasks = [Task("referral", _("Referral"), DONE, _("Completed"), "fgdm:case")]
    duty = facts.duty
    if case.stage == Stage.PRE_PROCEEDINGS and duty is not None and not duty.offered:
        # Nothing more to do: the case page says why, and nobody is nagged to assign a coordinator.
        tasks.append(Task("duty_to_offer", _("Duty to offer a meeting"), DONE, _("Not offered"), "fgdm:duty_to_offer"))
        return Progress(tasks=tasks, consent_withdrawn=False, meeting=None, not_offered=duty)
    if case.coordinator_id:
        tasks.append(Task("coordinator", _("Independent coordinator"), DONE, _("Assigned"), "fgdm:coordinator"))
    else:
        tasks.append(Task("coordinator", _("Independent coordinator"), TO_DO, _("Not assigned"), "fgdm:coordinator"))
    if case.stage == Stage.PRE_PROCEEDINGS:
        recorded = facts.duty_recorded
        tasks.append(
            Task(
                "duty_to_offer",
                _("Duty to offer a meeting"),
                DONE if recorded else TO_DO,
                _("Recorded") if recorded else _("Not recorded"),
                "fgdm:duty_to_offer",
            )
        )
    consent = facts.consent
    consent_task = {
        "given": Task("consent", _("Consent"), DONE, _("Given"), "fgdm:consent"),
        "none": Task("consent", _("Consent"), TO_DO, _("Not recorded"), "fgdm:consent"),
        "stopped": Task("consent", _("Consent"), PROBLEM, _("Refused or withdrawn"), "fgdm:consent"),
    }[consent]
    tasks.append(consent_task)
    members = facts.members
    tasks.append(
        Task(
            "network",
            _("Family network"),
            DONE if members else TO_DO,
            _("%(count)s people") % {"count": members} if members else _("No one added yet"),
            "fgdm:network",
        )
    )
    tasks.append(_safety_task(facts))
    meeting = facts.meeting
    first = meeting if facts.review is None else None
    tasks.append(
        Task(
            "meeting",
            _("Meeting"),
            DONE if meeting else (TO_DO if members else CANNOT_START),
            (first.get_status_display() if first else _("Held")) if meeting else _("Not arranged"),
            "fgdm:meeting" if first is not None or meeting is None else "",
        )
    )
    invited = facts.invited
    can_invite = meeting is not None and consent == "given"
    tasks.append(
        Task(
            "invitations",
            _("Invitations"),
            DONE if invited else (TO_DO if can_invite else CANNOT_START),
            _("%(count)s invited") % {"count": invited} if invited else _("Not sent"),
            "fgdm:invite",
        )
    )
    if facts.separate_people:
        tasks.append(_separate_task(facts))
    tasks.append(_plan_task(facts))
    tasks.append(_review_task(facts))
    if case.closed_at:
        tasks.append(Task("closure", _("Outcome and closure"), DONE, _("Case closed"), "fgdm:outcome"))
    elif facts.agreed is not None:
        tasks.append(Task("closure", _("Outcome and closure"), TO_DO, _("Record the outcome"), "fgdm:outcome"))
    return Progress(tasks=tasks, consent_withdrawn=consent == "stopped", meeting=meeting)


def _safety_task(facts: _Facts) -> Task:
    """Done once people are in the network, unless a partner agency is late to answer: then a reminder is due."""
    label = _("Safety check and exclusions")
    if not facts.members:
        return Task("safety", label, CANNOT_START, _("Cannot start yet"), "fgdm:safety_check")
    if facts.late_partners:
        late = ngettext_lazy(
            "%(count)s partner agency is late to reply", "%(count)s partner agencies are late to reply", "count"
        ) % {"count": facts.late_partners}
        return Task("safety", label, TO_DO, late, "fgdm:safety_check")
    return Task("safety", label, DONE, _("%(count)s decisions") % {"count": facts.decisions}, "fgdm:safety_check")


def _separate_task(facts: _Facts) -> Task:
    """Shown only when someone is given a separate meeting: arranged once the main meeting is."""
    label = _("Separate meeting")
    if facts.meeting is None:
        return Task("separate_meeting", label, CANNOT_START, _("Cannot start yet"))
    separate = facts.separate
    if separate is None:
        return Task("separate_meeting", label, TO_DO, _("Not arranged"), "fgdm:separate_meeting")
    if separate.status == MeetingStatus.HELD:
        return Task("separate_meeting", label, DONE, _("Held"), "fgdm:separate_meeting")
    return Task("separate_meeting", label, TO_DO, _("Arranged"), "fgdm:separate_meeting")


def _plan_task(facts: _Facts) -> Task:
    meeting = facts.meeting
    decision = facts.decision
    if facts.submitted is None and (meeting is None or not facts.invited):
        return Task("plan", _("Family plan"), CANNOT_START, _("Cannot start yet"))
    if decision is not None:
        status = _("Agreed") if decision.agreed else _("Not agreed")
        return Task("plan", _("Family plan"), DONE if decision.agreed else PROBLEM, status, "fgdm:plan")
    if facts.submitted is not None:
        return Task("plan", _("Family plan"), TO_DO, _("Waiting for agreement"), "fgdm:plan")
    if meeting.plan_writer_id is None:
        return Task("plan", _("Family plan"), TO_DO, _("Choose the plan writer"), "fgdm:plan_writer")
    return Task("plan", _("Family plan"), TO_DO, _("Being written"), "fgdm:plan")


def _review_task(facts: _Facts) -> Task:
    """The review opens when a plan is agreed, with its date; arranging the review meeting starts here."""
    agreed, review = facts.agreed, facts.review
    if agreed is None:
        return Task("review", _("Review"), CANNOT_START, _("Cannot start yet"))
    if review is None:
        due = date_format(agreed.review_on, "j F Y")
        return Task("review", _("Review"), TO_DO, _("Due on %(date)s") % {"date": due}, "fgdm:review_meeting")
    if review.status == MeetingStatus.HELD:
        return Task("review", _("Review"), DONE, _("Review meeting held"), "fgdm:plan")
    return Task("review", _("Review"), TO_DO, review.get_status_display(), "fgdm:meeting")
