"""Support spend on the service's dashboard equals the payments beneath it, partly approved items included."""

from fgdm.models import Case
from fgdm.selectors.figures import Filters, all_figures
from network_support.models import Payment
from tests.network_support.test_figures import spending  # noqa: F401  (the fixture)


def test_support_spend_counts_partly_approved_items_at_their_approved_amounts(spending):  # noqa: F811
    figure = next(f for f in all_figures(Case.objects.all(), Filters()) if f.key == "support_spend")
    committed = Payment.objects.exclude(status=Payment.Status.STOPPED)
    paid = committed.filter(status=Payment.Status.PAID)
    assert round(sum(row[1] for row in figure.rows), 2) == sum(p.amount_pence for p in committed) / 100
    assert round(sum(row[2] for row in figure.rows), 2) == sum(p.amount_pence for p in paid) / 100
    assert any(p.item_decision.outcome == "partly_approved" for p in committed)
