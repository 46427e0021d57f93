"""A coordinator looks at the family network map: it is axe-clean, and it prints on one A4 page."""

import pytest
from playwright.sync_api import expect

from fgdm.factories import CaseFactory, ExclusionDecisionFactory, NetworkMemberFactory
from fgdm.models import Participation
from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.browser.test_coordinator_journey import _sign_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_is_accessible_and_prints_on_one_a4_page(laptop):
    coordinator = make_staff(roles.COORDINATOR, email="coordinator@council.example")
    case = CaseFactory(coordinator=coordinator)
    for i in range(14):  # a large family: four households of three or four, and two unrecorded
        member = NetworkMemberFactory(
            case=case, name=f"Person {i} Example", household=f"House {i % 4}" if i < 12 else ""
        )
        if i % 5 == 1:
            ExclusionDecisionFactory(member=member, participation=Participation.SEPARATE_MEETING)
    _sign_in(laptop, coordinator)
    laptop.goto(f"/cases/{case.pk}/network/")
    laptop.get_by_role("link", name="See the family network as a map").click()

    expect(laptop.locator("h1")).to_have_text("Family network map")
    expect(laptop.get_by_role("img", name="Family network map")).to_be_visible()
    assert_accessible(laptop)
    # Printed: landscape A4 with 10 mm margins leaves 277 x 190 mm, 1047 x 718 CSS pixels. Laid out at
    # that width for print, the heading and the whole map must end within the first page.
    laptop.set_viewport_size({"width": 1047, "height": 718})
    laptop.emulate_media(media="print")
    expect(laptop.get_by_role("banner")).to_be_hidden()
    box = laptop.locator(".app-network-map svg").bounding_box()
    assert box["width"] <= 1047
    assert box["y"] + box["height"] <= 718
