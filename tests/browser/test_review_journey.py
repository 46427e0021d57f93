"""The review step in a real browser: the agreed plan stays in view at the review, the plan writer
starts from it on a phone (adding an action without JavaScript), and the lead practitioner agrees the
revised plan beside each bottom line. axe-core runs on every page."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.factories import make_staff, totp_code
from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOTTOM_LINE = "Mia must not be left alone with Gary Shaw."


def _staff_sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(user.totp_secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile("/staff/"))


def _case_with_an_agreed_plan_and_a_review_held():
    from fgdm.models import PartKind
    from fgdm.models.consent import ConsentMethod, ConsentStatus
    from fgdm.services.cases import assign_coordinator, create_referral
    from fgdm.services.consent import record_consent
    from fgdm.services.invitations import send_invitations
    from fgdm.services.meetings import PartPlan, arrange_meeting
    from fgdm.services.network import add_member
    from fgdm.services.outcomes import record_past_meeting
    from fgdm.services.plans import ActionText, choose_plan_writer, decide_plan, save_plan

    practitioner = make_staff(roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos")
    coordinator = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")
    case = create_referral(
        lead_practitioner=practitioner,
        stage="child_protection",
        worries="Mia often misses school.",
        bottom_lines=BOTTOM_LINE,
        children=[{"name": "Mia Lewis", "date_of_birth": date(2016, 5, 14), "first_language": "en"}],
        actor=practitioner,
    )
    assign_coordinator(case=case, coordinator=coordinator, actor=practitioner)
    child = case.children.get()
    people = {}
    for name, phone, pr in (("Sarah Lewis", "07400 123451", True), ("Janet Lewis", "07400 123452", False)):
        people[name] = add_member(
            case=case,
            relationships={child.pk: "relative"},
            actor=coordinator,
            confirm_not_duplicate=True,
            name=name,
            phone=phone,
            has_parental_responsibility=pr,
        )
    record_consent(
        case=case,
        member=people["Sarah Lewis"],
        status=ConsentStatus.GIVEN,
        method=ConsentMethod.IN_PERSON,
        may_share=[],
        actor=coordinator,
    )
    soon = timezone.now() + timedelta(days=3)
    first = arrange_meeting(
        case=case,
        kind="first",
        parts=[
            PartPlan(
                kind=PartKind.INFORMATION_SHARING,
                starts_at=soon,
                ends_at=soon + timedelta(hours=1),
                venue_name="Family Centre",
            )
        ],
        actor=coordinator,
    )
    send_invitations(meeting=first, actor=coordinator)
    writer = people["Janet Lewis"]
    choose_plan_writer(meeting=first, member=writer, actor=coordinator)
    sent = save_plan(
        meeting=first,
        member=writer,
        actions=[
            ActionText(worry="Mia often misses school.", what="Gran walks Mia to school.", who="Gran", by_when="Now")
        ],
        submit=True,
        bottom_line_answers=[(BOTTOM_LINE, "Gary does not come to the house.")],
        contingency="Uncle Tom steps in.",
        how_checked="We meet on Sundays.",
    )
    decide_plan(version=sent, agreed=True, reason="", review_on=date.today() + timedelta(days=90), actor=practitioner)
    yesterday = timezone.now() - timedelta(days=1)
    review = record_past_meeting(
        case=case,
        kind="review",
        starts_at=yesterday,
        ends_at=yesterday + timedelta(hours=1),
        venue_name="Family Centre",
        attended={writer.pk},
        confirmed=True,
        actor=coordinator,
    )
    choose_plan_writer(meeting=review, member=writer, actor=coordinator)
    return case, practitioner, writer


def test_the_review_starts_from_the_agreed_plan_and_ends_with_a_revised_one(phone, laptop):
    case, practitioner, writer = _case_with_an_agreed_plan_and_a_review_held()

    # The plan writer, on her phone, sees the agreed plan and changes it.
    sign_in_page(phone, writer)
    phone.goto("/f/plan/")
    assert "This is the plan agreed at your last meeting." in phone.locator("main").inner_text()
    assert_accessible(phone)
    phone.get_by_role("link", name="Change the plan").click()
    expect(phone.locator("#id_action_0_what")).to_have_value("Gran walks Mia to school.")
    expect(phone.locator("#id_bottom_line_0")).to_have_value("Gary does not come to the house.")
    assert BOTTOM_LINE in phone.locator("main").inner_text()
    assert_accessible(phone)
    phone.get_by_role("button", name="Add another action for this worry").click()
    expect(phone.locator("#id_action_0_1_what")).to_be_visible()
    assert_accessible(phone)
    phone.locator("#id_action_0_1_what").fill("Mia takes the school bus with her cousin.")
    phone.locator("#id_action_0_1_who").fill("Cousin Amy")
    phone.locator("#id_action_0_1_by_when").fill("From next term")
    phone.get_by_role("button", name="Send the plan").click()
    expect(phone).to_have_url(re.compile("/f/plan/$"))
    assert "Mia takes the school bus with her cousin." in phone.locator("main").inner_text()
    assert_accessible(phone)

    # The lead practitioner reads each bottom line beside the family's answer and agrees the revised plan.
    _staff_sign_in(laptop, practitioner)
    laptop.goto(f"/cases/{case.pk}/plan/")
    text = laptop.locator("main").inner_text()
    assert BOTTOM_LINE in text and "Gary does not come to the house." in text
    assert "Earlier versions" in text
    assert_accessible(laptop)
    laptop.get_by_label("Yes, I agree the plan").check()
    laptop.get_by_label("Review date").fill((date.today() + timedelta(days=120)).strftime("%d/%m/%Y"))
    laptop.get_by_role("button", name="Record decision").click()
    expect(laptop.locator(".govuk-notification-banner")).to_contain_text("Decision recorded.")
    laptop.goto(f"/cases/{case.pk}/")
    review_step = laptop.locator(".govuk-task-list__item", has_text="Review")
    expect(review_step).to_contain_text("Due on")
    assert_accessible(laptop)
