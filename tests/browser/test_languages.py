"""The home page and a guide in every family language: right language and direction, axe clean,
at 320 px and on a desktop (the `page` fixture runs each test at both sizes)."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE = "what-is-a-family-group-meeting"
LANGUAGES = ["en", "pl", "ro", "pa", "ur", "pt", "es", "ar", "cy"]
RIGHT_TO_LEFT = {"ur", "ar"}


@pytest.fixture(scope="module")
def _guides_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The home page and one guide in every language, seeded once for the module and committed so
    the live server sees them (seeding nine languages, with their easy-read PDFs, is most of what
    these tests cost). The tests only read them; the database is flushed after the last one, as
    each browser test's database is."""
    from content import demo
    from content.site_tree import ensure_site_tree

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), django_db_blocker.unblock():
        ensure_site_tree()
        demo.seed(io.StringIO(), languages=LANGUAGES, guide_slugs=[GUIDE])
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def _django_db_helper(_guides_once, django_db_blocker):
    """In this module the database is not flushed after each test (pytest-django's helper would,
    for the live server): the seeded guides stay for the next test."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def guides(_guides_once):
    return GUIDE


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_and_a_guide_in_every_language(page, guides, language):
    prefix = "" if language == "en" else f"/{language}"
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"

    page.goto(f"{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert_accessible(page)

    page.locator(".app-guide-list a").first.click()
    expect(page).to_have_url(f"{prefix}/{GUIDE}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator(".app-language-switcher [aria-current]")).to_have_attribute("lang", language)
    assert_accessible(page)

    page.locator(".govuk-details__summary").first.click()  # questions open without our script
    assert_accessible(page)


@pytest.mark.parametrize("language", sorted(RIGHT_TO_LEFT))
def test_right_to_left_layout_mirrors_and_phone_numbers_read_left_to_right(page, guides, language):
    page.goto(f"/{language}/{GUIDE}/")

    main = page.locator("main .govuk-grid-column-two-thirds").first.bounding_box()
    aside = page.locator(".app-related").bounding_box()
    width = page.viewport_size["width"]
    if width > 640:  # side by side: the guide on the right, help on the left
        assert main["x"] > aside["x"]
    else:  # stacked on a phone, nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.locator(".app-related span[dir=ltr]")).to_have_text("0300 123 4567")


def test_switching_language_keeps_the_page(page, guides):
    page.goto(f"/{GUIDE}/")

    page.locator(".app-language-switcher a[hreflang=ar]").click()

    expect(page).to_have_url(f"/ar/{GUIDE}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_unknown_language_opens_the_default(page, guides):
    page.goto(f"/xx/{GUIDE}/")

    expect(page).to_have_url(f"/{GUIDE}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
