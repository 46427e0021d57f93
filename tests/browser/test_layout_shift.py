"""'My meeting' stands still once it has loaded: nothing appears or moves after the first paint, so
a person who starts reading (or tapping) is not thrown off. Measured as the browser measures it
(Cumulative Layout Shift, from 'layout-shift' entries), on a meeting that has started."""

import pytest
from django.urls import reverse

from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every shift the page makes, with what moved, from before the first paint until we ask.
OBSERVE = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.layoutShifts.push({
      value: entry.value,
      moved: entry.sources.map((s) => s.node ? (s.node.nodeName + "." + (s.node.className || "")) : "?"),
    });
  }
}).observe({type: "layout-shift", buffered: true});
"""
# A phone whose voices arrive after the page (as many do): "Listen to this page" then appears above
# the content. It moves the page a little (about 0.05); it must stay well inside the budget.
LATE_VOICE = """
(() => {
  let voices = [];
  const listeners = [];
  const speech = {
    getVoices: () => voices,
    speak() {}, pause() {}, resume() {}, cancel() {},
    addEventListener: (name, listener) => listeners.push(listener),
  };
  Object.defineProperty(window, "speechSynthesis", {value: speech, configurable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } addEventListener() {} };
  setTimeout(() => {
    voices = ["en-GB", "ar-SA"].map((lang) => ({lang, name: lang, default: false, localService: true}));
    listeners.forEach((listener) => listener());
  }, 800);
})();
"""
# A phone as Lighthouse's mobile run has it, and the narrowest phone the service is built for.
PHONES = {"lighthouse": {"width": 412, "height": 823}, "small": {"width": 320, "height": 640}}


def _started_meeting_member(language):
    from fgdm.factories import CaseFactory, ConsentDecisionFactory, MeetingFactory, NetworkMemberFactory
    from fgdm.models.meetings import MeetingStatus
    from fgdm.services.invitations import send_invitations
    from fgdm.services.plans import choose_plan_writer

    case = CaseFactory()
    ConsentDecisionFactory(member__case=case, member__name="Sarah Lewis")
    member = NetworkMemberFactory(case=case, name="Amina Haddad", language=language)
    meeting = MeetingFactory(case=case, days_ahead=3)
    send_invitations(meeting=meeting, actor=case.coordinator)
    choose_plan_writer(meeting=meeting, member=member, actor=case.coordinator)
    # The meeting has begun: held, so the plan and the feedback questions are open to the family.
    type(meeting).objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    return member


@pytest.mark.parametrize("voice", ["none", "late"])
@pytest.mark.parametrize("viewport", list(PHONES))
@pytest.mark.parametrize("language", ["en", "ar"])
def test_my_meeting_does_not_shift_once_the_meeting_has_started(browser, live_server, viewport, language, voice):
    member = _started_meeting_member(language)
    context = browser.new_context(viewport=PHONES[viewport], base_url=live_server.url)
    context.add_init_script(OBSERVE)
    if voice == "late":
        context.add_init_script(LATE_VOICE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in_page(page, member)
        page.goto(reverse("family:meeting"), wait_until="load")
        assert page.locator("main a[href$='/feedback/']").count() == 1  # the page as it is once begun
        page.wait_for_timeout(1500)  # scripts, late voices and fonts have had their turn
        shifts = page.evaluate("window.layoutShifts")
        total = sum(shift["value"] for shift in shifts)
        assert total < 0.1, shifts
        if voice == "none":
            assert total < 0.01, shifts  # in fact, nothing moves at all
        else:
            assert page.locator("[data-read-aloud]").is_visible()
    finally:
        context.close()
