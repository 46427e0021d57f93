"""The figures a council reports each year on family group decision making and support packages.

The family group decision-making figures are the figures page's own (``fgdm.selectors.figures``),
counted over the cases referred in the period; support spend is every payment due in the period and
not stopped, on the same person's cases. One list of tables feeds the CSV and the API's JSON.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fgdm.models import Case, DutyToOfferDecision, Stage
from fgdm.selectors import figures as fgdm_figures
from network_support.models import Category, Frequency, Payment

# Recurring support planned to last longer than this is long-term; up to it, short-term.
SHORT_TERM_DAYS = 183


@dataclass(frozen=True)
class Period:
    start: date
    end: date


def _pounds(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def _reasons_not_offered(cases: QuerySet[Case]) -> fgdm_figures.Figure:
    decisions = (
        DutyToOfferDecision.objects.current()
        .filter(case__in=cases, case__stage=Stage.PRE_PROCEEDINGS, offered=False)
        .order_by("case_id")
    )
    return fgdm_figures.Figure(
        key="reasons_not_offered",
        title=_("Pre-proceedings cases not offered a meeting, and why"),
        columns=[_("Case"), _("Decided on"), _("Reason")],
        rows=[
            [f"FG-{d.case_id:05d}", timezone.localdate(d.decided_at).isoformat(), d.reason_not_offered]
            for d in decisions
        ],
        chart_column=None,
    )


def _duration(item) -> str:
    if item.frequency == Frequency.ONE_OFF:
        return "one_off"
    return "short_term" if (item.ends_on - item.starts_on).days <= SHORT_TERM_DAYS else "long_term"


DURATIONS = {
    "one_off": gettext_lazy("One-off"),
    "short_term": gettext_lazy("Short-term (up to 6 months)"),
    "long_term": gettext_lazy("Long-term"),
}


def _support_spend(cases: QuerySet[Case], period: Period) -> tuple[fgdm_figures.Figure, fgdm_figures.Figure]:
    payments = (
        Payment.objects.filter(
            due_on__gte=period.start,
            due_on__lte=period.end,
            item_decision__decision__request__case__in=cases,
        )
        .exclude(status=Payment.Status.STOPPED)
        .select_related("item_decision__item")
    )
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_duration: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for payment in payments:
        item = payment.item_decision.item
        paid = payment.amount_pence if payment.status == Payment.Status.PAID else 0
        for table, key in ((by_category, item.category), (by_duration, _duration(item))):
            table[key][0] += payment.amount_pence
            table[key][1] += paid
    columns = [_("Committed (£)"), _("Paid (£)")]
    category = fgdm_figures.Figure(
        key="support_spend_by_category",
        title=_("Support spend by category"),
        columns=[_("Category"), *columns],
        rows=[
            [str(label), _pounds(by_category[value][0]), _pounds(by_category[value][1])]
            for value, label in Category.choices
            if value in by_category
        ],
    )
    duration = fgdm_figures.Figure(
        key="support_spend_by_duration",
        title=_("Support spend by duration"),
        columns=[_("Duration"), *columns],
        rows=[
            [str(label), _pounds(by_duration[value][0]), _pounds(by_duration[value][1])]
            for value, label in DURATIONS.items()
            if value in by_duration
        ],
    )
    return category, duration


def statutory_figures(cases: QuerySet[Case], period: Period) -> list[fgdm_figures.Figure]:
    """The year's return, for the cases ``cases`` (already scoped to who is asking)."""
    referred = fgdm_figures.Filters(start=period.start, end=period.end).apply(cases)
    offers, _chase = fgdm_figures.duty_to_offer(referred)
    return [
        offers,
        _reasons_not_offered(referred),
        fgdm_figures.meetings(referred),
        fgdm_figures.plans(referred),
        fgdm_figures.outcomes(referred),
        *_support_spend(cases, period),
    ]


def as_rows(figures: list[fgdm_figures.Figure]) -> list[list]:
    """One CSV: each table's title, its columns, its rows, then a blank line."""
    rows: list[list] = []
    for figure in figures:
        rows.append([figure.title])
        rows.append([str(c) for c in figure.columns])
        rows.extend([[str(v) for v in row] for row in figure.rows] or [[_("No data for this period.")]])
        rows.append([])
    return rows
