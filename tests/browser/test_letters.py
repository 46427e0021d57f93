"""A coordinator adds someone who has only a postal address and downloads their letter, axe-clean."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.browser.test_coordinator_journey import _sign_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_a_person_with_only_a_postal_address_gets_a_letter_in_their_language(page):
    from fgdm.factories import CaseFactory, ConsentDecisionFactory, MeetingFactory, ParentFactory, meeting_day

    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")
    case = CaseFactory(coordinator=coordinator)
    ConsentDecisionFactory(member=ParentFactory(case=case, name="Sarah Lewis"))
    MeetingFactory(case=case, parts=meeting_day(10, venue_name="Riverside Family Centre", venue_address="1 River Walk"))

    _sign_in(page, coordinator)
    page.goto(f"/cases/{case.pk}/network/add/")
    page.get_by_label("Full name").fill("Stan Lewis")
    page.get_by_label("Postal address (optional)").fill("1 Mill Lane\nNorthtown NT1 1AA")
    page.get_by_label("Text messages are safe for this person").uncheck()
    page.get_by_label("Letters by post are safe for this person").uncheck()
    page.get_by_label("Preferred language").select_option("ar")
    page.get_by_role("button", name="Add person").click()
    assert "postal address that is safe to use" in page.locator(".govuk-error-summary").inner_text()
    expect(page.get_by_label("Postal address (optional)")).to_have_value("1 Mill Lane\nNorthtown NT1 1AA")
    assert_accessible(page)
    page.get_by_label("Letters by post are safe for this person").check()
    page.get_by_role("button", name="Add person").click()
    expect(page).to_have_url(re.compile("/network/$"))

    page.get_by_role("link", name="Letters Stan Lewis").click()
    expect(page.locator("h1")).to_have_text("Letters for Stan Lewis")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter: You are invited to a family meeting (PDF)").click()
    assert re.fullmatch(r"letter-invitation-\d+-\d+\.pdf", download.value.suggested_filename)
    reader = PdfReader(download.value.path())
    assert str(reader.trailer["/Root"]["/Lang"]) == "ar"
    assert "Riverside Family Centre" in " ".join(p.extract_text() for p in reader.pages)
