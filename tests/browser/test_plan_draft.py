"""Plan writing that survives a lost signal: the draft waits on the phone through a dropped
connection and a reload, is sent whole, and the phone forgets it once the server has it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_family_journey import _family
from tests.family import code_sent_to, link_path, sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = {
    'textarea[name="action_0_what"]': "Gran walks Mia to school every day, rain or shine.",
    'input[name="action_0_who"]': "Gran and Uncle Tom",
    'input[name="action_0_by_when"]': "From Monday 4 January",
    'textarea[name="action_1_what"]': "Dad leaves the house for a walk when he feels angry.",
    'input[name="action_1_who"]': "Dad",
    'input[name="action_1_by_when"]': "Starting tonight",
    'textarea[name="contingency"]': "Uncle Tom steps in and calls the coordinator.",
    'textarea[name="how_checked"]': "We meet every Sunday after lunch at Gran's.",
}
KEPT = "Object.keys(localStorage).filter(key => key.startsWith('fgdm-plan-draft:'))"


def _write(page):
    page.goto("/f/plan/write/")
    for selector, text in TYPED.items():
        # Typed key by key, as a person does, so every keystroke is an input event.
        page.locator(selector).press_sequentially(text)


def test_a_plan_typed_before_the_signal_drops_comes_back_and_is_sent_whole(phone):
    from fgdm.models import PlanVersion

    _case, gran, _practitioner = _family("en")
    sign_in_page(phone, gran)
    _write(phone)
    stored = phone.evaluate(f"{KEPT}.map(key => key + localStorage.getItem(key)).join()")
    assert "Gran walks Mia" in stored
    [key] = phone.evaluate(KEPT)
    assert re.fullmatch(r"fgdm-plan-draft:[0-9a-f]{32}", key)  # says nothing of whose plan it is

    phone.context.set_offline(True)
    with pytest.raises(PlaywrightError):
        phone.reload()
    phone.context.set_offline(False)
    phone.goto("/f/plan/write/")

    for selector, text in TYPED.items():
        expect(phone.locator(selector)).to_have_value(text)
    expect(phone.locator("[data-plan-draft-restored]")).to_be_visible()
    assert_accessible(phone)

    phone.get_by_role("button", name="Send the plan").click()
    expect(phone).to_have_url(re.compile("/f/plan/$"))
    expect(phone.locator(".govuk-notification-banner--success")).to_contain_text("Your plan has been sent")
    assert phone.evaluate(KEPT) == []

    version = PlanVersion.objects.get(meeting__case=gran.case)
    assert version.submitted
    actions = list(version.actions.order_by("pk"))
    assert [(a.what, a.who, a.by_when) for a in actions] == [
        (TYPED['textarea[name="action_0_what"]'], "Gran and Uncle Tom", "From Monday 4 January"),
        (TYPED['textarea[name="action_1_what"]'], "Dad", "Starting tonight"),
    ]
    assert version.contingency == TYPED['textarea[name="contingency"]']
    assert version.how_checked == TYPED['textarea[name="how_checked"]']


def test_a_plan_draft_comes_back_after_signing_in_again_and_goes_on_signing_out(phone):
    from portal.family_access.models import SignInCode

    _case, gran, _practitioner = _family("en")
    sign_in_page(phone, gran)
    _write(phone)
    # Half an hour later the family session has run out.
    SignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=31))
    phone.context.clear_cookies()

    phone.goto(link_path(gran))
    phone.get_by_role("button", name="Send me a code").click()
    expect(phone).to_have_url(re.compile("/f/code/$"))  # the new code is sent before it is read
    phone.get_by_label("Code").fill(code_sent_to(gran))
    phone.get_by_role("button", name="Continue").click()
    expect(phone).to_have_url(re.compile("/f/meeting/$"))
    phone.goto("/f/plan/write/")
    expect(phone.locator('textarea[name="contingency"]')).to_have_value(TYPED['textarea[name="contingency"]'])

    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("link", name="Sign out").click()
    expect(phone).to_have_url(re.compile("/signed-out/$"))
    assert phone.evaluate(KEPT) == []


@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_leaving_quickly_leaves_no_draft_on_the_phone(phone, live_server, settings, how):
    # The everyday website the exit goes to, here: the tests reach no other site.
    settings.FAMILY_EXIT_URL = f"{live_server.url}/accessibility/"
    _case, gran, _practitioner = _family("en")
    sign_in_page(phone, gran)
    _write(phone)
    assert phone.evaluate(KEPT)

    if how == "button":
        phone.get_by_role("button", name="Leave this page quickly").click()
    else:
        phone.locator("main h1").click()
        for _press in range(3):
            phone.keyboard.press("Shift")
    phone.wait_for_url(settings.FAMILY_EXIT_URL)
    assert phone.evaluate(KEPT) == []
