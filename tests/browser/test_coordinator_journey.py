"""A coordinator takes a referral through to invitations sent, at desktop width, axe-clean on every page."""

import re

import pytest
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.factories import make_staff, totp_code
from tests.text import normalize_spaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["desktop"])
def page(request, browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_referral_to_invitations(page):
    from fgdm.models import Case
    from fgdm.services.cases import assign_coordinator

    practitioner = make_staff(roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos")
    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")

    # The lead practitioner refers.
    page.context.clear_cookies()
    _sign_in(page, practitioner)
    page.goto("/cases/new/")
    assert_accessible(page)
    page.get_by_role("button", name="Create referral").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Child protection").check()
    page.get_by_label("Child's full name").fill("Mia Lewis")
    page.get_by_label("Child's date of birth").fill("14/05/2016")
    page.get_by_label("What are you worried about?").fill("Missed school and arguments at home.")
    page.get_by_role("button", name="Create referral").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get()
    assign_coordinator(case=case, coordinator=coordinator, actor=practitioner)

    # The coordinator builds the network, records consent, arranges and invites.
    page.context.clear_cookies()
    _sign_in(page, coordinator)
    page.goto(f"/cases/{case.pk}/")
    assert "Mia Lewis" in page.locator("h1").inner_text()
    assert_accessible(page)
    for name, phone, pr in (("Sarah Lewis", "07400 123451", True), ("Janet Lewis", "07400 123452", False)):
        page.goto(f"/cases/{case.pk}/network/add/")
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Relationship to Mia Lewis").fill("mother" if pr else "grandmother")
        page.get_by_label("Mobile phone number").fill(phone)
        if pr:
            page.get_by_label("Has parental responsibility").check()
        page.get_by_role("button", name="Add person").click()
        expect(page).to_have_url(re.compile("/network/$"))
    assert_accessible(page)

    page.goto(f"/cases/{case.pk}/consent/")
    page.get_by_label("Consent given").check()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Record consent decision").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))

    page.goto(f"/cases/{case.pk}/meeting/")
    assert_accessible(page)
    page.locator("#id_information_sharing_date").fill("01/12/2099")
    page.locator("#id_information_sharing_start").fill("10:00")
    page.locator("#id_information_sharing_end").fill("11:00")
    page.locator("#id_information_sharing_venue_name").fill("Riverside Family Centre")
    page.get_by_role("button", name="Save meeting").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))

    page.goto(f"/cases/{case.pk}/meeting/invite/")
    assert_accessible(page)
    page.get_by_role("button", name="Send invitations").click()
    expect(page).to_have_url(re.compile("/meeting/replies/$"))
    assert (
        normalize_spaces(page.locator(".govuk-notification-banner").inner_text())
        == "Success 2 messages queued to send."
    )
    assert_accessible(page)


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(user.totp_secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile("/staff/"))
