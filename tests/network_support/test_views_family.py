"""The family's pages: asking from the plan on a phone, drafts, and seeing only their own requests.

Assertions are on the words a person sees in the rendered page.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from network_support.models import SupportRequest
from network_support.services import start_request, submit_request
from tests.family import sign_in
from tests.network_support.conftest import bunk_beds, today
from tests.network_support.test_services_decisions import decide
from tests.text import normalize_spaces

SECRET_NOTE = "Internal: grandmother has a caution from 2019, checked with police."


def page_text(response) -> str:
    return normalize_spaces(BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" "))


def form_data(**overrides):
    data = {
        "barrier": "Nan cannot afford the bus three times a week.",
        "category": "transport",
        "description": "Bus pass for Nan",
        "amount": "12.50",
        "frequency": "weekly",
        "starts_on": (today() + timedelta(days=7)).strftime("%d/%m/%Y"),
        "ends_on": "",
        "payments": "13",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in(client, consented):
    sign_in(client, consented)
    return client


def test_a_member_asks_for_help_with_a_plan_action_and_sends_it(signed_in, consented, plan_action):
    listing = signed_in.get("/f/help/")
    assert "Ask for help with this" in page_text(listing)
    assert "Nan takes Mia to school" in page_text(listing)

    form = signed_in.get(f"/f/help/ask/?action={plan_action.pk}")
    assert "Bus fares for Nan." in form.content.decode()  # the plan's "help needed" starts the barrier

    response = signed_in.post(f"/f/help/ask/?action={plan_action.pk}", {**form_data(), "send": "1"}, follow=True)

    request = SupportRequest.objects.get()
    assert (request.status, request.plan_action, request.member) == ("submitted", plan_action, consented)
    assert request.total_pence == 1250 * 13
    text = page_text(response)
    assert "Your request has been sent. We will tell you what we decide." in text
    assert "Waiting for a decision" in text and "£12.50 every week, 13 times" in text


def test_a_draft_is_saved_added_to_and_sent_later(signed_in):
    response = signed_in.post("/f/help/ask/", {**form_data(), "save": "1"}, follow=True)
    request = SupportRequest.objects.get()
    assert request.status == "draft"
    assert "Your request is saved. It has not been sent yet." in page_text(response)

    signed_in.post(
        f"/f/help/{request.pk}/add/",
        {
            "category": "furniture",
            "description": "Bunk beds",
            "amount": "240",
            "frequency": "one_off",
            "starts_on": (today() + timedelta(days=3)).strftime("%d/%m/%Y"),
        },
    )
    assert request.items.count() == 2
    response = signed_in.post(f"/f/help/{request.pk}/send/", follow=True)
    assert "Waiting for a decision" in page_text(response)


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"amount": "-5"}, "The amount must be more than £0."),
        ({"amount": "twelve"}, "Enter an amount in pounds, like 12.50"),
        ({"amount": "999999"}, "The amount must be £10,000 or less each time. Check it is right."),
        (
            {"payments": "", "ends_on": (today() - timedelta(days=1)).strftime("%d/%m/%Y")},
            "The last date must be the same as or after the first date.",
        ),
        ({"barrier": ""}, "This field is required."),
    ],
)
def test_bad_input_is_a_plain_error_and_nothing_typed_is_lost(signed_in, overrides, error):
    data = form_data(**overrides)
    response = signed_in.post("/f/help/ask/", {**data, "send": "1"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert error in normalize_spaces(soup.select_one(".govuk-error-summary").get_text(" "))
    assert soup.select_one("#id_description")["value"] == "Bus pass for Nan"
    if overrides.get("barrier") != "":
        assert "Nan cannot afford the bus" in soup.select_one("#id_barrier").get_text()
    assert not SupportRequest.objects.exists()


def test_the_family_sees_the_decision_in_plain_words_and_never_the_internal_note(signed_in, submitted, practitioner):
    decide(
        submitted,
        practitioner,
        ("partly_approved", 1000, 13),
        ("declined",),
        reason_for_family="We can pay £10 a week for the bus. We cannot pay for beds.",
        internal_note=SECRET_NOTE,
    )
    response = signed_in.get(f"/f/help/{submitted.pk}/")
    text = page_text(response)
    assert "Yes, in part: we agreed to some of it" in text
    assert "We can pay £10 a week for the bus. We cannot pay for beds." in text
    assert "Yes, we will pay for part of this: £10 each time, 13 times" in text and "No, we cannot pay for this" in text
    html = response.content.decode()
    assert SECRET_NOTE not in html and "caution" not in html
    assert SECRET_NOTE not in signed_in.get("/f/help/").content.decode()


def test_a_member_sees_only_their_own_requests(client, submitted, member_factory, consented, practitioner):
    nan = member_factory("Nan Jones")
    sign_in(client, nan)
    assert client.get(f"/f/help/{submitted.pk}/").status_code == 404
    assert "Weekly bus pass" not in client.get("/f/help/").content.decode()
    assert client.post(f"/f/help/{submitted.pk}/withdraw/").status_code == 404
    assert SupportRequest.objects.get().status == "submitted"


def test_no_asking_after_consent_is_withdrawn(signed_in, case, consented, coordinator):
    from fgdm.factories import ConsentDecisionFactory

    draft = start_request(member=consented, barrier="No beds.", items=[bunk_beds()])
    ConsentDecisionFactory(member=consented, status="withdrawn", method="phone")
    # With consent withdrawn the member may not be contacted, so their pages are gone.
    assert signed_in.get("/f/help/").status_code in (302, 404)
    assert signed_in.post(f"/f/help/{draft.pk}/send/").status_code in (302, 404)
    assert SupportRequest.objects.get().status == "draft"
    assert submit_request  # the service refuses too: see test_services_requests
