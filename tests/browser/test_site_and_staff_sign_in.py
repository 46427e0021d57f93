import re

import pytest

from portal.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.factories import make_staff, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret):
    return totp_code(secret)


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_home_page(page):
    page.goto("/")

    assert page.locator("h1").inner_text() == "Family group meetings"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_not_found_page(page):
    page.goto("/no-such-page/")

    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)


def test_staff_sign_in_with_password_and_authenticator_code(page):
    user = make_staff(roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor")

    sign_in(page, "chris@council.example", "correct-horse-battery")
    page.wait_for_url(re.compile("/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_label("Code").fill(code_for(user.totp_secret))
    page.get_by_role("button", name="Sign In").click()

    page.wait_for_url(re.compile("/staff/"))
    assert page.locator("h1").inner_text() == "Welcome, Chris Okafor"
    assert_accessible(page)


def test_wrong_password_shows_an_error_summary(page):
    make_staff(email="chris@council.example")

    sign_in(page, "chris@council.example", "not-the-password")

    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_new_staff_member_sets_up_an_authenticator_before_anything_else(page):
    make_staff(roles.LEAD_PRACTITIONER, mfa=False, email="lee@council.example")

    sign_in(page, "lee@council.example", "correct-horse-battery")
    page.wait_for_url(re.compile("/accounts/2fa/$"))
    assert_accessible(page)
    page.goto("/accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile("/accounts/2fa/totp/activate/"))
    assert_accessible(page)

    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()

    page.goto("/staff/")
    assert page.locator("h1").inner_text().startswith("Welcome")
    assert_accessible(page)
