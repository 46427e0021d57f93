"""Wagtail's admin in a real browser under the /cms/ Content-Security-Policy: nothing it needs is refused."""

import re

import pytest
from wagtail.models import Page

from tests.browser.test_site_and_staff_sign_in import code_for, sign_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_wagtail_admin_runs_under_its_policy_without_a_violation(laptop):
    editor = make_staff(None, is_superuser=True, email="eli@council.example")
    refused = []
    laptop.context.add_init_script(  # runs through DevTools, outside the page's policy
        "document.addEventListener('securitypolicyviolation',"
        " e => (window.__refused = window.__refused || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    sign_in(laptop, "eli@council.example", "correct-horse-battery")
    laptop.wait_for_url(re.compile("/accounts/2fa/authenticate/"))
    laptop.get_by_label("Code").fill(code_for(editor.totp_secret))
    laptop.get_by_role("button", name="Sign In").click()
    laptop.wait_for_url(re.compile("/staff/|/cms/"))
    page = Page.objects.filter(depth__gt=1).first()
    for path in ["/cms/", "/cms/pages/", f"/cms/pages/{page.pk}/edit/"]:
        laptop.goto(path)
        laptop.wait_for_load_state("networkidle")
        refused += [f"{path}: {v}" for v in laptop.evaluate("window.__refused || []")]
    # The edit page holds Wagtail's inline date picker script: without its nonce this list names it.
    assert refused == []
