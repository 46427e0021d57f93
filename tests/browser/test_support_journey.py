"""A member asks for help with part of the plan on a phone; the practitioner partly approves; the member sees why.

axe-core runs on every page visited, at 320 px for the member and 1280 px for the practitioner.
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, follow
from tests.browser.test_coordinator_journey import _sign_in
from tests.family import sign_in_page
from tests.network_support.conftest import *  # noqa: F403

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_from_the_plan_partly_approved_seen_by_the_member(phone, laptop, consented, plan_action, practitioner):
    page, desk = phone, laptop
    from network_support.models import SupportRequest

    # The member signs in on their phone and asks for help with the school run.
    sign_in_page(page, consented)
    page.goto("/f/help/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Ask for help with this")).click()
    expect(page).to_have_url(re.compile(r"/f/help/ask/\?action=\d+$"))
    assert_accessible(page)
    page.get_by_label("Transport").check()
    page.get_by_label("What exactly do you need?").fill("Weekly bus pass for Nan")
    page.get_by_label("How much does it cost each time, in pounds?").fill("twelve")
    page.get_by_label("Every week").check()
    page.get_by_label("When do you need it from?").fill((date.today() + timedelta(days=7)).strftime("%d/%m/%Y"))
    page.get_by_label("Or: how many times do you need it? (optional)").fill("13")
    page.get_by_role("button", name="Send request").click()
    # A plain error, and nothing typed is lost.
    assert "Enter an amount in pounds, like 12.50" in page.locator(".govuk-error-summary").inner_text()
    expect(page.get_by_label("What exactly do you need?")).to_have_value("Weekly bus pass for Nan")
    assert_accessible(page)
    page.get_by_label("How much does it cost each time, in pounds?").fill("12.50")
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/f/help/\d+/$"))
    expect(page.locator("main")).to_contain_text("Waiting for a decision")
    assert_accessible(page)
    request = SupportRequest.objects.get()
    assert request.plan_action == plan_action and request.status == "submitted"

    # The practitioner partly approves: £10 a week instead of £12.50.
    _sign_in(desk, practitioner)
    desk.goto("/support/")
    assert_accessible(desk)
    desk.get_by_role("link", name=request.reference).click()
    expect(desk).to_have_url(re.compile(rf"/support/cases/\d+/requests/{request.pk}/$"))
    assert_accessible(desk)
    follow(desk, desk.get_by_role("link", name="Decide"))
    assert_accessible(desk)
    desk.get_by_label("Yes, in part").check()
    desk.get_by_label(re.compile("If in part: amount agreed each time")).fill("10")
    desk.get_by_label("Reason for the family").fill("We can pay £10 a week towards the bus for 13 weeks.")
    desk.get_by_label("Note for professionals (optional)").fill("Cheaper weekly ticket exists; checked.")
    desk.get_by_label("Review date").fill((date.today() + timedelta(days=60)).strftime("%d/%m/%Y"))
    desk.get_by_role("button", name="Record decision").click()
    expect(desk).to_have_url(re.compile(rf"/requests/{request.pk}/$"))
    expect(desk.locator("main")).to_contain_text("Decision recorded")
    assert_accessible(desk)

    # The member sees the decision in plain words, and never the note.
    page.reload()
    expect(page.locator("#decision")).to_contain_text("Yes, in part: we agreed to some of it")
    expect(page.locator("#reason")).to_contain_text("We can pay £10 a week towards the bus for 13 weeks.")
    assert "Cheaper weekly ticket" not in page.content()
    assert_accessible(page)
