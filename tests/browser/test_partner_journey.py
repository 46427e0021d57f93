"""The coordinator asks the police about a person, the police answer through their link and an emailed
code, and the coordinator records a safety decision informed by the answer. axe runs on every page,
at 320 px and 1280 px."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.browser.test_coordinator_journey import _sign_in as sign_in_staff
from tests.factories import make_staff
from tests.partners import code_sent_to, link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "Two domestic abuse callouts in 2025. A non-molestation order runs until June 2027."


def _case():
    from fgdm.factories import CaseFactory, ConsentDecisionFactory, NetworkMemberFactory
    from fgdm.models import NetworkMember

    practitioner = make_staff(roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos")
    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")
    case = CaseFactory(lead_practitioner=practitioner, coordinator=coordinator, worries="Arguments at home.")
    ConsentDecisionFactory(member__case=case, member__name="Sarah Lewis")
    gary = NetworkMemberFactory(case=case, name="Gary Shaw")
    NetworkMember.objects.filter(pk=gary.pk).update(date_of_birth=date(1984, 2, 9))
    return case, gary, coordinator


def test_a_partner_answer_informs_the_safety_decision(page, browser, live_server):
    from fgdm.models import ExclusionDecision, PartnerRequest, Risk

    case, gary, coordinator = _case()
    sign_in_staff(page, coordinator)

    # The coordinator asks the police.
    page.goto(f"/cases/{case.pk}/safety-check/")
    assert_accessible(page)
    page.get_by_role("link", name="Ask a partner agency").click()
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Police").check()
    page.get_by_label("Contact's name").fill("DC Sam Patel")
    page.get_by_label("Contact's work email address").fill("sam.patel@police.example")
    page.get_by_label("Gary Shaw").check()
    page.get_by_label("Reply by").fill((timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/safety-check/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Request sent to DC Sam Patel")
    assert_accessible(page)
    partner_request = PartnerRequest.objects.get()

    # The police answer through their link, on their own browser.
    context = browser.new_context(viewport=page.viewport_size, base_url=live_server.url)
    partner = context.new_page()
    partner.set_default_timeout(10_000)
    try:
        partner.goto(link_path(partner_request))
        assert_accessible(partner)
        expect(partner.locator("main")).not_to_contain_text("Gary")
        partner.get_by_role("button", name="Email me a code").click()
        code_box = partner.locator('main input[name="code"]')
        code_box.wait_for()
        assert_accessible(partner)
        code_box.fill(code_sent_to(partner_request))
        partner.get_by_role("button", name="Continue").click()
        expect(partner).to_have_url(re.compile("/partner/answer/$"))
        expect(partner.locator("main")).to_contain_text("9 February 1984")
        assert_accessible(partner)
        details = partner.locator(f'textarea[name="person_{gary.pk}_details"]')
        details.fill(ANSWER)
        partner.get_by_role("button", name="Send answer").click()  # nothing chosen yet: every question named
        expect(partner.locator(".govuk-error-summary")).to_contain_text("about Gary Shaw")
        expect(details).to_have_value(ANSWER)
        assert_accessible(partner)
        for risk in Risk.values:
            value = "yes" if risk == Risk.DOMESTIC_ABUSE else "no"
            partner.locator(f'input[name="person_{gary.pk}_{risk}"][value="{value}"]').check()
        partner.get_by_role("button", name="Send answer").click()
        expect(partner).to_have_url(re.compile("/partner/thank-you/$"))
        assert_accessible(partner)
    finally:
        context.close()

    # The coordinator reads the answer beside Gary and records a decision informed by it.
    page.goto(f"/cases/{case.pk}/network/{gary.pk}/participation/")
    expect(page.locator("main")).to_contain_text(ANSWER)
    assert_accessible(page)
    page.get_by_label("Not contacted at all").check()
    page.get_by_label("Domestic abuse").first.check()
    page.locator('input[name="informed_by"]').check()
    page.get_by_label("Review this decision by").fill((timezone.localdate() + timedelta(days=60)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Record decision").click()
    expect(page).to_have_url(re.compile("/network/$"))
    decision = ExclusionDecision.objects.current().get(member=gary)
    assert [answer.details for answer in decision.informed_by.all()] == [ANSWER]
