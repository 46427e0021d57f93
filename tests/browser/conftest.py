"""Playwright driving Debian's Chromium against the live server, with axe-core on every page visited."""

import shutil
from pathlib import Path

import pytest

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def site_tree(transactional_db):
    """The live server's database is flushed after each test, taking the page tree the migrations
    made with it; put it back before each browser test."""
    from content.site_tree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _open(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server):
    context, page = _open(browser, live_server, VIEWPORTS[request.param])
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A family member's phone, 320 px wide."""
    context, page = _open(browser, live_server, VIEWPORTS["phone"])
    yield page
    context.close()


@pytest.fixture
def laptop(browser, live_server):
    """A member of staff's laptop."""
    context, page = _open(browser, live_server, {"width": 1280, "height": 900})
    yield page
    context.close()


class AccessibilityViolations(AssertionError):
    pass


def follow(page, target):
    """Click a link or button that loads a new page, and return once that page has loaded: axe run
    straight after a bare click could start on the old page and see its document go from under it."""
    with page.expect_navigation():
        target.click()


def assert_accessible(page):
    """Run axe-core on the page as it stands and fail on any WCAG 2.2 A/AA violation."""
    # evaluate() runs through the DevTools protocol, so the page's CSP (no inline script) still holds.
    page.evaluate(AXE_PATH.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    if violations:
        raise AccessibilityViolations(f"axe found problems on {page.url}:\n" + "\n".join(violations))
