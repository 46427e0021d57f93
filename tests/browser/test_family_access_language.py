"""A personal link opened on a phone, in every family language: the landing and code pages speak the
member's saved language and direction before they sign in, a language picked on the code page keeps
them on it, and the code takes them to "my meeting". axe runs on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_family_journey import _family
from tests.family import code_sent_to, link_path
from tests.portal.test_family_access_language import LANGUAGES, direction, translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _speaks(page, language, heading):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction(language))
    expect(page.locator("main h1")).to_have_text(translated(language, heading))
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_personal_link_speaks_the_members_language_from_the_first_screen(phone, language):
    _case, gran, _practitioner = _family(language)
    other = "en" if language != "en" else "pl"

    phone.goto(link_path(gran))
    _speaks(phone, language, "Your family meeting")
    expect(phone.locator("body")).not_to_contain_text("Amina Haddad")
    phone.locator("main form button[type=submit]").click()

    expect(phone).to_have_url(re.compile("/f/code/$"))
    _speaks(phone, language, "Check your phone or email")

    # Another language from the switcher, and back: still the code page, still the same sign-in.
    phone.locator(f'.app-language-switcher a[lang="{other}"]').click()
    expect(phone).to_have_url(re.compile(rf"/f/code/\?lang={other}$"))
    _speaks(phone, other, "Check your phone or email")
    phone.locator(f'.app-language-switcher a[lang="{language}"]').click()
    expect(phone).to_have_url(re.compile(rf"/f/code/\?lang={language}$"))
    _speaks(phone, language, "Check your phone or email")

    phone.locator('main input[name="code"]').fill(code_sent_to(gran))
    phone.locator("main form button[type=submit]").first.click()
    expect(phone).to_have_url(re.compile("/f/meeting/$"))
    expect(phone.locator("html")).to_have_attribute("lang", language)
    expect(phone.locator("html")).to_have_attribute("dir", direction(language))
    expect(phone.locator("main")).to_contain_text("Riverside Family Centre")
    assert_accessible(phone)
