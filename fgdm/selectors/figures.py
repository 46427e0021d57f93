"""The service's figures, each a small table that a chart, a data table and a CSV are drawn from.

Every figure counts rows of the cases a user may see (``cases_for``), filtered by referral date,
stage and coordinator. A figure with nothing to count says so ("no data for this period") rather
than showing a zero that looks like a fact. Other apps add figures with ``register_figures``.
"""

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import (
    Attendance,
    Case,
    DutyToOfferDecision,
    InterpreterBooking,
    Invitation,
    LivingSituation,
    Meeting,
    Outcome,
    PlanAgreement,
    PlanVersion,
    Stage,
)
from fgdm.models.meetings import MeetingKind, MeetingStatus


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    stage: str = ""
    coordinator_id: int | None = None

    def apply(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if self.start:
            cases = cases.filter(referred_at__date__gte=self.start)
        if self.end:
            cases = cases.filter(referred_at__date__lte=self.end)
        if self.stage:
            cases = cases.filter(stage=self.stage)
        if self.coordinator_id:
            cases = cases.filter(coordinator_id=self.coordinator_id)
        return cases


@dataclass
class Figure:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart_column: int | None = 1  # which column the bar chart draws; None for no chart
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def bars(self) -> list[tuple[str, float, float]]:
        """(label, value, share of the largest) for the chart."""
        if self.chart_column is None:
            return []
        values = [(str(row[0]), float(row[self.chart_column] or 0)) for row in self.rows]
        top = max((v for _label, v in values), default=0) or 1
        return [(label, value, value / top) for label, value in values]


FigureSource = Callable[[QuerySet[Case], Filters], list[Figure]]
_sources: list[FigureSource] = []


def register_figures(source: FigureSource) -> None:
    if source not in _sources:
        _sources.append(source)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def referrals(cases: QuerySet[Case]) -> Figure:
    stages = list(Stage.choices)
    counts = Counter(
        (row["month"].date() if hasattr(row["month"], "date") else row["month"], row["stage"])
        for row in cases.annotate(month=TruncMonth("referred_at")).values("month", "stage")
    )
    months = sorted({month for month, _stage in counts})
    rows = [
        [
            month.strftime("%B %Y"),
            sum(counts[(month, s)] for s, _l in stages),
            *[counts[(month, s)] for s, _l in stages],
        ]
        for month in months
    ]
    return Figure(
        key="referrals",
        title=_("Referrals by month and stage"),
        columns=[_("Month"), _("All referrals"), *[str(label) for _s, label in stages]],
        rows=rows,
    )


def duty_to_offer(cases: QuerySet[Case]) -> tuple[Figure, Figure]:
    pre = list(cases.filter(stage=Stage.PRE_PROCEEDINGS).select_related("lead_practitioner"))
    decisions = {d.case_id: d for d in DutyToOfferDecision.objects.current().filter(case__in=[c.pk for c in pre])}
    offered = sum(1 for d in decisions.values() if d.offered)
    not_offered = sum(1 for d in decisions.values() if not d.offered)
    missing = [c for c in pre if c.pk not in decisions]
    summary = Figure(
        key="duty_to_offer",
        title=_("Duty to offer a meeting at pre-proceedings"),
        columns=[_("Decision"), _("Cases"), _("Share")],
        rows=[
            [_("Offered"), offered, _percent(offered, len(pre))],
            [_("Not offered, with a reason"), not_offered, _percent(not_offered, len(pre))],
            [_("Not yet recorded"), len(missing), _percent(len(missing), len(pre))],
        ]
        if pre
        else [],
    )
    chase = Figure(
        key="duty_to_offer_chase",
        title=_("Pre-proceedings cases with no duty-to-offer decision"),
        columns=[_("Case"), _("Referred"), _("Lead practitioner")],
        rows=[
            [c.reference, timezone.localdate(c.referred_at).isoformat(), c.lead_practitioner.get_full_name()]
            for c in missing
        ],
        chart_column=None,
        note=_("Chase these: the decision, and any reason not to offer, will be inspected."),
    )
    return summary, chase


def _held(cases: QuerySet[Case]) -> QuerySet[Meeting]:
    return Meeting.objects.filter(case__in=cases, status=MeetingStatus.HELD).exclude(kind=MeetingKind.SEPARATE)


def waiting_times(cases: QuerySet[Case]) -> Figure:
    days = []
    firsts = _held(cases).filter(kind=MeetingKind.FIRST).select_related("case").prefetch_related("parts")
    seen = set()
    for meeting in sorted(firsts, key=lambda m: m.created_at):
        if meeting.case_id in seen or not meeting.parts.all():
            continue
        seen.add(meeting.case_id)
        start = min(p.starts_at for p in meeting.parts.all())
        days.append((start - meeting.case.referred_at).days)
    rows = []
    if days:
        ordered = sorted(days)
        p90 = ordered[min(len(ordered) - 1, max(0, round(0.9 * len(ordered) + 0.5) - 1))]
        rows = [[_("Median"), statistics.median(ordered)], [_("90th percentile"), p90], [_("Meetings"), len(days)]]
    return Figure(
        key="days_to_first_meeting",
        title=_("Days from referral to first meeting"),
        columns=[_("Measure"), _("Days")],
        rows=rows,
        chart_column=None,
    )


def meetings(cases: QuerySet[Case]) -> Figure:
    held = _held(cases)
    count = held.count()
    if not count:
        return Figure(key="meetings", title=_("Meetings held"), columns=[_("Measure"), _("Number"), _("Share")])
    invited = Invitation.objects.filter(meeting__in=held, cancelled_at__isnull=True).count()
    attended = Attendance.objects.filter(invitation__meeting__in=held, attended=True).count()
    with_interpreter = held.filter(interpreter_bookings__status=InterpreterBooking.Status.BOOKED).distinct().count()
    return Figure(
        key="meetings",
        title=_("Meetings held"),
        columns=[_("Measure"), _("Number"), _("Share")],
        rows=[
            [_("Meetings held"), count, ""],
            [_("Network members invited"), invited, ""],
            [_("Network members who came"), attended, _percent(attended, invited)],
            [_("Meetings with an interpreter booked"), with_interpreter, _percent(with_interpreter, count)],
        ],
    )


def plans(cases: QuerySet[Case]) -> Figure:
    latest: dict[int, PlanVersion] = {}
    for version in PlanVersion.objects.filter(meeting__case__in=cases, status=PlanVersion.Status.SUBMITTED).order_by(
        "meeting_id", "number"
    ):
        latest[version.meeting_id] = version
    decisions = {d.version_id: d for d in PlanAgreement.objects.current().filter(version__in=list(latest.values()))}
    agreed = sum(1 for v in latest.values() if v.pk in decisions and decisions[v.pk].agreed)
    not_agreed = sum(1 for v in latest.values() if v.pk in decisions and not decisions[v.pk].agreed)
    waiting = len(latest) - agreed - not_agreed
    return Figure(
        key="plans",
        title=_("Family plans"),
        columns=[_("Plans"), _("Number")],
        rows=[
            [_("Sent by the family"), len(latest)],
            [_("Agreed"), agreed],
            [_("Not agreed"), not_agreed],
            [_("Waiting for a decision"), waiting],
        ]
        if latest
        else [],
    )


def reviews(cases: QuerySet[Case], *, today: date | None = None) -> Figure:
    today = today or timezone.localdate()
    due = list(
        PlanAgreement.objects.current()
        .filter(agreed=True, version__meeting__case__in=cases, review_on__lte=today)
        .select_related("version__meeting")
    )
    on_time = late = not_held = 0
    for agreement in due:
        review_meetings = _held(Case.objects.filter(pk=agreement.version.meeting.case_id)).filter(
            kind=MeetingKind.REVIEW, created_at__gt=agreement.decided_at
        )
        starts = [min((p.starts_at for p in m.parts.all()), default=None) for m in review_meetings]
        starts = [timezone.localtime(s).date() for s in starts if s]
        if not starts:
            not_held += 1
        elif min(starts) <= agreement.review_on:
            on_time += 1
        else:
            late += 1
    return Figure(
        key="reviews",
        title=_("Reviews of agreed plans that are due"),
        columns=[_("Review"), _("Plans"), _("Share")],
        rows=[
            [_("Held on time"), on_time, _percent(on_time, len(due))],
            [_("Held late"), late, _percent(late, len(due))],
            [_("Not held yet"), not_held, _percent(not_held, len(due))],
        ]
        if due
        else [],
    )


def outcomes(cases: QuerySet[Case]) -> Figure:
    """The latest living situation recorded for each child, by the case's stage."""
    latest = {}
    for outcome in Outcome.objects.current().filter(case__in=cases).select_related("case").order_by("decided_at", "pk"):
        latest[outcome.child_id] = outcome
    counts = Counter((o.living_situation, o.case.stage) for o in latest.values())
    stages = list(Stage.choices)
    rows = [
        [str(label), sum(counts[(value, s)] for s, _l in stages), *[counts[(value, s)] for s, _l in stages]]
        for value, label in LivingSituation.choices
    ]
    return Figure(
        key="outcomes",
        title=_("Where children are living, at their latest review or closure"),
        columns=[_("Living situation"), _("Children"), *[str(label) for _s, label in stages]],
        rows=rows if latest else [],
    )


def partner_replies(cases: QuerySet[Case]) -> Figure:
    """How quickly each kind of partner agency answers requests for information, and how many are waiting."""
    from fgdm.models import AgencyKind, PartnerRequest

    days: dict[str, list[int]] = {}
    waiting: Counter = Counter()
    rows = PartnerRequest.objects.filter(case__in=cases).values_list("agency_kind", "sent_at", "answered_at")
    for kind, sent_at, answered_at in rows:
        if answered_at is None:
            waiting[kind] += 1
        else:
            days.setdefault(kind, []).append((answered_at - sent_at).days)
    table = [
        [label, statistics.median(days[kind]) if kind in days else "", len(days.get(kind, [])), waiting[kind]]
        for kind, label in AgencyKind.choices
        if kind in days or waiting[kind]
    ]
    return Figure(
        key="partner_replies",
        title=_("Partner agencies: days to reply"),
        columns=[_("Agency"), _("Median days to reply"), _("Answered"), _("Waiting")],
        rows=table,
        note=_("Days from the request being sent to the agency's answer."),
    )


def all_figures(cases: QuerySet[Case], filters: Filters) -> list[Figure]:
    cases = filters.apply(cases)
    summary, chase = duty_to_offer(cases)
    figures = [
        referrals(cases),
        summary,
        chase,
        waiting_times(cases),
        meetings(cases),
        plans(cases),
        reviews(cases),
        outcomes(cases),
        partner_replies(cases),
    ]
    for source in _sources:
        figures.extend(source(cases, filters))
    return figures
