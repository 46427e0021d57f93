"""A service manager opens the figures dashboard, filters it, and it stays axe-clean at both widths."""

import re

import pytest
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.browser.test_coordinator_journey import _sign_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_is_readable_and_accessible(page):
    from tests.fgdm.test_figures import World

    world = World()
    manager = make_staff(roles.SERVICE_MANAGER, email="manager@council.example")
    _sign_in(page, manager)
    page.goto("/cases/figures/")
    expect(page.locator("h1")).to_have_text("Figures")
    expect(page.locator("svg.app-chart").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(world.c.reference)  # a case to chase
    assert_accessible(page)
    page.get_by_label("Stage", exact=True).select_option("pre_proceedings")
    page.get_by_role("button", name="Show figures").click()
    expect(page).to_have_url(re.compile("stage=pre_proceedings"))
    assert_accessible(page)
    page.goto("/staff/audit/")
    assert_accessible(page)
