"""'Listen to this page': the browser's own voice reads the main content in the page's language,
offered only where such a voice exists, and never in the way without JavaScript."""

import io
import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_accessible
from tests.browser.test_family_journey import _family
from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE = "what-is-a-family-group-meeting"

# The phone's speech, as far as the page can tell: the voices it has, and a record of what it was asked.
SPEECH = """
(voices => {
  window.spoken = [];
  window.speechCalls = [];
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.listeners = {}; }
    addEventListener(name, listener) { this.listeners[name] = listener; }
  };
  const speech = {
    getVoices: () => voices.map(lang => ({lang, name: lang, default: false, localService: true})),
    speak: utterance => { window.spoken.push({text: utterance.text, lang: utterance.lang}); },
    pause: () => window.speechCalls.push("pause"),
    resume: () => window.speechCalls.push("resume"),
    cancel: () => window.speechCalls.push("cancel"),
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: speech, configurable: true});
})(VOICES);
"""


@pytest.fixture
def guides(settings, tmp_path):
    from content import demo

    settings.MEDIA_ROOT = tmp_path
    demo.seed(io.StringIO(), languages=["en", "pl"], guide_slugs=[GUIDE])


def _phone(browser, live_server, voices=None, javascript=True):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server.url, java_script_enabled=javascript)
    if voices is not None:
        context.add_init_script(SPEECH.replace("VOICES", json.dumps(voices)))
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def test_a_guide_is_read_aloud_in_english_with_pause_and_stop(browser, live_server, guides):
    context, page, errors = _phone(browser, live_server, voices=["fr-FR", "en-GB"])
    page.goto(f"/{GUIDE}/")
    listen = page.get_by_role("button", name="Listen to this page")
    expect(listen).to_be_visible()
    assert_accessible(page)

    listen.click()
    spoken = page.evaluate("window.spoken")
    heading = page.locator("main h1").inner_text()
    summary = page.locator("main .govuk-body-l").inner_text()
    assert spoken[0] == {"text": heading, "lang": "en-GB"}
    assert {"text": summary, "lang": "en-GB"} in spoken
    assert "Listen to this page" not in " ".join(part["text"] for part in spoken)
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    assert_accessible(page)

    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Carry on listening")).to_be_focused()
    page.get_by_role("button", name="Carry on listening").click()
    page.get_by_role("button", name="Stop").click()
    expect(listen).to_be_focused()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    assert page.evaluate("window.speechCalls") == ["cancel", "pause", "resume", "cancel"]
    assert errors == []
    context.close()


def test_a_family_page_is_read_aloud_in_the_members_language(browser, live_server):
    _case, gran, _practitioner = _family("ar")
    context, page, errors = _phone(browser, live_server, voices=["en-GB", "ar-SA"])
    sign_in_page(page, gran)
    expect(page).to_have_url(re.compile("/f/meeting/$"))
    listen = page.locator("[data-read-aloud-play]")
    expect(listen).to_be_visible()
    expect(listen).to_have_text("استمع إلى هذه الصفحة")
    assert_accessible(page)
    listen.click()
    spoken = page.evaluate("window.spoken")
    assert {"text": page.locator("main h1").inner_text(), "lang": "ar-SA"} in spoken
    assert {part["lang"] for part in spoken} == {"ar-SA"}
    assert errors == []
    context.close()


@pytest.mark.parametrize(
    "path,voices", [(f"/{GUIDE}/", ["fr-FR", "pl-PL"]), (f"/pl/{GUIDE}/", ["en-GB"]), (f"/{GUIDE}/", [])]
)
def test_no_voice_for_the_pages_language_shows_no_control(browser, live_server, guides, path, voices):
    context, page, errors = _phone(browser, live_server, voices=voices)
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    assert page.get_by_role("button", name=re.compile("Listen|Posłuchaj")).count() == 0
    assert_accessible(page)
    assert errors == []
    context.close()


def test_without_javascript_there_is_no_control_and_the_page_reads_as_before(browser, live_server, guides):
    context, page, errors = _phone(browser, live_server, javascript=False)
    page.goto(f"/{GUIDE}/")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    assert page.get_by_role("button", name="Listen to this page").count() == 0
    assert errors == []
    context.close()
