"""Practitioner and manager pages: deciding in the browser's words, limits, reviews, figures and the export."""

from datetime import timedelta

from bs4 import BeautifulSoup

from network_support.models import SupportDecision
from network_support.services import start_request, submit_request
from portal.audit.models import AuditEvent
from tests.network_support.conftest import bunk_beds, today
from tests.network_support.test_services_decisions import decide
from tests.network_support.test_views_family import page_text


def decide_url(request):
    return f"/support/cases/{request.case_id}/requests/{request.pk}/decide/"


def test_the_practitioner_partly_approves_from_the_waiting_list(client, submitted, practitioner):
    client.force_login(practitioner)
    home = page_text(client.get("/support/"))
    assert submitted.reference in home and "£402.50" in home

    bus, beds = submitted.items.all()
    response = client.post(
        decide_url(submitted),
        {
            f"outcome_{bus.pk}": "partly_approved",
            f"amount_{bus.pk}": "10",
            f"payments_{bus.pk}": "",
            f"outcome_{beds.pk}": "declined",
            "reason_for_family": "We can pay £10 a week for the bus.",
            "internal_note": "Checked with the school.",
            "review_on": (today() + timedelta(days=60)).strftime("%d/%m/%Y"),
        },
        follow=True,
    )
    text = page_text(response)
    assert "Decision recorded. The family will be told." in text
    assert "Yes, in part · £130 agreed" in text and "Checked with the school." in text
    decision = SupportDecision.objects.get()
    assert (decision.approved_pence, decision.review_on) == (1000 * 13, today() + timedelta(days=60))
    assert AuditEvent.objects.filter(action="support.internal_note_read", actor=practitioner).exists()


def test_a_decision_error_is_plain_and_keeps_what_was_typed(client, submitted, practitioner):
    client.force_login(practitioner)
    bus, beds = submitted.items.all()
    response = client.post(
        decide_url(submitted),
        {
            f"outcome_{bus.pk}": "approved",
            f"outcome_{beds.pk}": "approved",
            "reason_for_family": "Yes to both.",
            "internal_note": "Note kept",
        },
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Recurring support needs a review date." in soup.select_one(".govuk-error-summary").get_text()
    assert soup.select_one("#id_reason_for_family").get_text().strip() == "Yes to both."
    assert not SupportDecision.objects.exists()


def test_over_the_limit_the_practitioner_is_told_and_the_manager_decides(client, consented, practitioner, manager):
    request = submit_request(
        request=start_request(member=consented, barrier="No beds.", items=[bunk_beds(amount_pence=90000)])
    )
    client.force_login(practitioner)
    page = page_text(client.get(f"/support/cases/{request.case_id}/requests/{request.pk}/"))
    assert "A service manager will decide it." in page
    item = request.items.get()
    response = client.post(decide_url(request), {f"outcome_{item.pk}": "approved", "reason_for_family": "Yes."})
    assert "This request is worth £900, more than your limit of £500. A service manager must decide it." in page_text(
        response
    )
    client.force_login(manager)
    assert request.reference in page_text(client.get("/support/manager/"))
    client.post(decide_url(request), {f"outcome_{item.pk}": "approved", "reason_for_family": "Yes."})
    assert SupportDecision.objects.get().decided_by == manager


def test_a_second_decision_from_a_stale_page_is_refused(client, submitted, practitioner):
    decide(submitted, practitioner, ("approved",), ("approved",))
    client.force_login(practitioner)
    bus, beds = submitted.items.all()
    response = client.post(
        decide_url(submitted),
        {f"outcome_{bus.pk}": "declined", f"outcome_{beds.pk}": "declined", "reason_for_family": "No."},
    )
    assert "To change it, make a new decision that replaces it." in page_text(response)
    assert SupportDecision.objects.count() == 1


def test_reviews_due_are_listed_for_the_practitioner(client, submitted, practitioner):
    decide(submitted, practitioner, ("approved",), ("approved",), review_on=today() + timedelta(days=5))
    client.force_login(practitioner)
    text = page_text(client.get("/support/"))
    assert "Reviews due" in text and submitted.reference in text


def test_the_manager_sees_figures_and_downloads_the_finance_csv(client, submitted, practitioner, manager):
    decide(submitted, practitioner, ("approved",), ("approved",))
    client.force_login(manager)
    text = page_text(client.get("/support/manager/"))
    assert "Committed" in text and "Transport" in text and "Furniture and equipment" in text
    response = client.get("/support/manager/payments.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("payment,case,request")
    assert AuditEvent.objects.filter(action="support.payments_exported").exists()
