"""A family member on a 320 px phone: link → code → reply with an interpreter need → pick times →
write and send the plan; the lead practitioner agrees it; the family sees it. Once in English and
once in Arabic (right to left). axe runs on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible, follow
from tests.browser.test_coordinator_journey import _sign_in as sign_in_staff
from tests.factories import make_staff
from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _family(language):
    from fgdm.factories import (
        CaseFactory,
        ConsentDecisionFactory,
        MeetingFactory,
        NetworkMemberFactory,
        TimeSlotFactory,
        at,
    )
    from fgdm.services.invitations import send_invitations
    from fgdm.services.plans import choose_plan_writer

    practitioner = make_staff(roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos")
    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")
    case = CaseFactory(
        lead_practitioner=practitioner,
        coordinator=coordinator,
        worries="Mia misses school.\nArguments at home late at night.",
    )
    ConsentDecisionFactory(member__case=case, member__name="Sarah Lewis")
    gran = NetworkMemberFactory(case=case, name="Amina Haddad", language=language)
    meeting = MeetingFactory(case=case, days_ahead=14)
    send_invitations(meeting=meeting, actor=coordinator)
    choose_plan_writer(meeting=meeting, member=gran, actor=coordinator)
    TimeSlotFactory(meeting=meeting, starts_at=at(15, 10))
    TimeSlotFactory(meeting=meeting, starts_at=at(16, 14))
    return case, gran, practitioner


def _submit(page, name=None):
    selector = f'main form button[name="{name}"]' if name else "main form button[type=submit]"
    page.locator(selector).first.click()


@pytest.mark.parametrize("language,direction", [("en", "ltr"), ("ar", "rtl")])
def test_a_family_member_takes_part_from_their_phone(phone, laptop, language, direction):
    case, gran, practitioner = _family(language)

    sign_in_page(phone, gran)
    expect(phone).to_have_url(re.compile("/f/meeting/$"))
    html = phone.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)
    expect(phone.locator("main")).to_contain_text("Riverside Family Centre")
    assert_accessible(phone)

    # Reply, with an interpreter need.
    phone.locator('main a[href="/f/meeting/reply/"]').first.click()
    phone.locator('input[name="answer"][value="yes"]').check()
    phone.locator('input[name="interpreter"][value="spoken"]').check()
    _submit(phone)  # no language yet: a plain error, nothing lost
    expect(phone.locator(".govuk-error-summary")).to_be_visible()
    expect(phone.locator('input[name="answer"][value="yes"]')).to_be_checked()
    assert_accessible(phone)
    phone.locator('input[name="interpreter_language"]').fill("Arabic")
    _submit(phone)
    expect(phone).to_have_url(re.compile("/f/meeting/$"))

    # Pick times.
    follow(phone, phone.locator('main a[href="/f/meeting/times/"]'))
    assert_accessible(phone)
    phone.locator('input[type=radio][value="yes"]').first.check()
    phone.locator('input[type=radio][value="no"]').last.check()
    _submit(phone)
    expect(phone).to_have_url(re.compile("/f/meeting/$"))

    # Write the plan: sending it half done says what is missing and keeps what was typed.
    phone.goto("/f/plan/write/")
    assert_accessible(phone)
    phone.locator('textarea[name="action_0_what"]').fill("Gran walks Mia to school every day.")
    _submit(phone, "submit")
    expect(phone.locator(".govuk-error-summary")).to_be_visible()
    expect(phone.locator('textarea[name="action_0_what"]')).to_have_value("Gran walks Mia to school every day.")
    assert_accessible(phone)
    phone.locator('input[name="action_0_who"]').fill("Gran")
    phone.locator('input[name="action_0_by_when"]').fill("From Monday")
    phone.locator('textarea[name="action_1_what"]').fill("Dad leaves the house when he is angry.")
    phone.locator('input[name="action_1_who"]').fill("Dad")
    phone.locator('input[name="action_1_by_when"]').fill("Now")
    phone.locator('textarea[name="contingency"]').fill("Uncle Tom steps in.")
    phone.locator('textarea[name="how_checked"]').fill("We meet every Sunday.")
    _submit(phone, "submit")
    expect(phone).to_have_url(re.compile("/f/plan/$"))
    assert_accessible(phone)

    # The lead practitioner agrees it.
    sign_in_staff(laptop, practitioner)
    laptop.goto(f"/cases/{case.pk}/plan/")
    expect(laptop.locator("main")).to_contain_text("Gran walks Mia to school every day.")
    laptop.locator('input[name="agreed"][value="yes"]').check()
    review_on = timezone.localdate() + timedelta(days=90)
    laptop.locator('input[name="review_on"]').fill(review_on.strftime("%d/%m/%Y"))
    assert_accessible(laptop)
    _submit(laptop)
    expect(laptop.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(laptop)

    # The family sees it.
    phone.reload()
    expect(phone.locator(".govuk-panel--confirmation")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("dir", direction)
    assert_accessible(phone)
