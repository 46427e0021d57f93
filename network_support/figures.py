"""The service's spending figures and the finance export, for one financial year (April to March).

Committed spend is every scheduled payment not stopped (due or paid); paid is the paid ones. Both
are counted by the payment's due date, so the by-month rows of the two line up.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fgdm.models import Stage
from network_support.models import Budget, Category, Outcome, Payment, SupportDecision
from network_support.money import financial_year, financial_year_bounds
from portal.downloads import csv_text


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    committed_pence: int
    paid_pence: int


@dataclass(frozen=True)
class Figures:
    year: int
    budget_pence: int | None
    committed_pence: int
    paid_pence: int
    by_category: list[Row]
    by_stage: list[Row]
    by_month: list[Row]
    decisions: int
    outcomes: dict[str, int] = field(default_factory=dict)  # Outcome value -> number of decisions
    average_days_to_decision: float | None = None

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def remaining_pence(self) -> int | None:
        return None if self.budget_pence is None else self.budget_pence - self.committed_pence

    def share(self, outcome: str) -> int:
        """Whole per cent of the year's decisions with this outcome."""
        return round(100 * self.outcomes.get(outcome, 0) / self.decisions) if self.decisions else 0

    @property
    def shares(self) -> list[tuple[str, int, int]]:
        return [(str(label), self.outcomes.get(value, 0), self.share(value)) for value, label in Outcome.choices]


def _payments(year: int):
    first, last = financial_year_bounds(year)
    return Payment.objects.filter(due_on__gte=first, due_on__lte=last).exclude(status=Payment.Status.STOPPED)


def _grouped(payments, key: str) -> dict:
    rows = payments.values(key).annotate(
        committed=Sum("amount_pence"), paid=Sum("amount_pence", filter=Q(status=Payment.Status.PAID))
    )
    return {row[key]: (row["committed"] or 0, row["paid"] or 0) for row in rows.order_by(key)}


def figures(year: int, *, service: str | None = None) -> Figures:
    payments = _payments(year)
    totals = payments.aggregate(
        committed=Sum("amount_pence"), paid=Sum("amount_pence", filter=Q(status=Payment.Status.PAID))
    )
    categories = _grouped(payments, "item_decision__item__category")
    stages = _grouped(payments, "item_decision__decision__request__case__stage")
    months = _grouped(payments.annotate(month=TruncMonth("due_on")), "month")
    budget = Budget.objects.filter(service=service or settings.SERVICE_NAME, year=year).first()

    first, last = financial_year_bounds(year)
    decided_in_year = SupportDecision.objects.filter(decided_at__date__gte=first, decided_at__date__lte=last)
    current = decided_in_year.filter(superseded_by__isnull=True)
    outcome_counts = dict(current.values_list("outcome").annotate(n=Count("pk")).order_by())
    # From the first decision on: a request sent on the day it was decided waits 0 days, which is a figure,
    # and a request the coordinator entered without sending counts from when it was made.
    waits = [
        (decided_at - (submitted_at or created_at)).total_seconds() / 86400
        for decided_at, submitted_at, created_at in decided_in_year.filter(number=1).values_list(
            "decided_at", "request__submitted_at", "request__created_at"
        )
    ]
    return Figures(
        year=year,
        budget_pence=budget.amount_pence if budget else None,
        committed_pence=totals["committed"] or 0,
        paid_pence=totals["paid"] or 0,
        by_category=[Row(k, str(label), *categories[k]) for k, label in Category.choices if k in categories],
        by_stage=[Row(k, str(label), *stages[k]) for k, label in Stage.choices if k in stages],
        by_month=[Row(m.strftime("%Y-%m"), m.strftime("%B %Y"), *v) for m, v in months.items()],
        decisions=sum(outcome_counts.values()),
        outcomes=outcome_counts,
        average_days_to_decision=round(sum(waits) / len(waits), 1) if waits else None,
    )


CSV_COLUMNS = [
    "payment",
    "case",
    "request",
    "item",
    "category",
    "frequency",
    "due_on",
    "amount_gbp",
    "status",
    "paid_on",
    "decision",
    "decided_by",
    "decided_on",
]


def payments_csv(year: int) -> str:
    return csv_text(CSV_COLUMNS, payment_rows(year))


def payment_rows(year: int):
    """Every payment due in the year, stopped ones included, for finance. Ids and codes, no family's words."""
    first, last = financial_year_bounds(year)
    rows = (
        Payment.objects.filter(due_on__gte=first, due_on__lte=last)
        .select_related(
            "item_decision__item", "item_decision__decision__request", "item_decision__decision__decided_by"
        )
        .order_by("due_on", "pk")
    )
    for payment in rows:
        item = payment.item_decision.item
        decision = payment.item_decision.decision
        yield (
            [
                payment.pk,
                f"FG-{decision.request.case_id:05d}",
                f"SR-{decision.request_id:05d}",
                item.pk,
                item.category,
                item.frequency,
                payment.due_on.isoformat(),
                f"{payment.amount_pence // 100}.{payment.amount_pence % 100:02d}",
                payment.status,
                payment.paid_on.isoformat() if payment.paid_on else "",
                decision.pk,
                decision.decided_by.email,
                timezone.localdate(decision.decided_at).isoformat(),
            ]
        )


def this_financial_year(today: date | None = None) -> int:
    return financial_year(today or date.today())
