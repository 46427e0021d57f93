"""A family member on a 320 px phone: link → code → reply with an interpreter need → pick times →
write and send the plan; the lead practitioner agrees it; the family sees it. Once in English and
once in Arabic (right to left). axe runs on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.browser.test_coordinator_journey import _sign_in as sign_in_staff
from tests.factories import make_staff
from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _family(language):
    from datetime import date, datetime, time

    from fgdm.models import PartKind, Stage
    from fgdm.models.consent import ConsentMethod, ConsentStatus
    from fgdm.services.availability import offer_slot
    from fgdm.services.cases import assign_coordinator, create_referral
    from fgdm.services.consent import record_consent
    from fgdm.services.invitations import send_invitations
    from fgdm.services.meetings import PartPlan, arrange_meeting
    from fgdm.services.network import add_member
    from fgdm.services.plans import choose_plan_writer

    practitioner = make_staff(roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos")
    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")
    case = create_referral(
        lead_practitioner=practitioner,
        stage=Stage.CHILD_PROTECTION,
        worries="Mia misses school.\nArguments at home late at night.",
        children=[{"name": "Mia", "date_of_birth": date(2016, 5, 14), "first_language": "en"}],
        actor=practitioner,
    )
    assign_coordinator(case=case, coordinator=coordinator, actor=practitioner)
    child = case.children.get()

    def member(name, phone, **fields):
        return add_member(
            case=case,
            relationships={child.pk: "relative"},
            actor=coordinator,
            confirm_not_duplicate=True,
            name=name,
            phone=phone,
            **fields,
        )

    parent = member("Sarah Lewis", "+447400123451", has_parental_responsibility=True)
    gran = member("Amina Haddad", "+447400123452", language=language)
    record_consent(
        case=case,
        member=parent,
        status=ConsentStatus.GIVEN,
        method=ConsentMethod.IN_PERSON,
        may_share=[],
        actor=coordinator,
    )
    day = timezone.localdate() + timedelta(days=14)

    def at(hour, minute=0, days=0):
        return timezone.make_aware(datetime.combine(day + timedelta(days=days), time(hour, minute)))

    venue = {"venue_name": "Riverside Family Centre", "venue_address": "1 Riverside Walk"}
    meeting = arrange_meeting(
        case=case,
        kind="first",
        parts=[
            PartPlan(kind=PartKind.INFORMATION_SHARING, starts_at=at(10), ends_at=at(11), **venue),
            PartPlan(kind=PartKind.PRIVATE_FAMILY_TIME, starts_at=at(11, 15), ends_at=at(12, 45), **venue),
            PartPlan(kind=PartKind.PLAN_AGREEMENT, starts_at=at(13), ends_at=at(13, 30), **venue),
        ],
        actor=coordinator,
    )
    send_invitations(meeting=meeting, actor=coordinator)
    choose_plan_writer(meeting=meeting, member=gran, actor=coordinator)
    offer_slot(meeting=meeting, starts_at=at(10, days=1), actor=coordinator)
    offer_slot(meeting=meeting, starts_at=at(14, days=2), actor=coordinator)
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
    phone.locator('main a[href="/f/meeting/times/"]').click()
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
