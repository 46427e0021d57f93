"""Right to left done properly, as the phone draws it: in Arabic, Urdu and Panjabi pages a phone
number and an address keep their own order (measured from where the browser put each part, not
read from the markup), and a closed disclosure's arrow points the way the text reads. Screenshots,
drawn with Noto fonts, are left in a temporary folder for a person to look at."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.family import code_sent_to, link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "0300 123 4567"
ADDRESS = "1 Riverside Walk, Northtown NT1 1AA"
# Where each given piece of text starts and ends on screen: a Range over the characters themselves,
# so nothing is wrapped or added to the page to measure it.
BOXES = """
([needle, parts]) => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let found = null;
  const text = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text.push(node);
  // The needle may be split over several text nodes (a <bdi> or <span> starts a new one).
  const whole = text.map(n => n.data).join("");
  const at = whole.indexOf(needle);
  if (at < 0) return null;
  const boxes = {};
  for (const part of parts) {
    const start = at + needle.indexOf(part);
    const end = start + part.length;
    let offset = 0, range = document.createRange(), begun = false;
    for (const node of text) {
      const next = offset + node.data.length;
      if (!begun && start < next) { range.setStart(node, start - offset); begun = true; }
      if (begun && end <= next) { range.setEnd(node, end - offset); break; }
      offset = next;
    }
    const box = range.getBoundingClientRect();
    boxes[part] = {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  }
  return boxes;
}
"""


def _member_with_a_meeting(language):
    from fgdm.factories import CaseFactory, ConsentDecisionFactory, MeetingFactory, NetworkMemberFactory
    from fgdm.services.invitations import send_invitations

    case = CaseFactory()
    ConsentDecisionFactory(member__case=case, member__name="Sarah Lewis")
    member = NetworkMemberFactory(case=case, name="Amina Haddad", language=language)
    meeting = MeetingFactory(case=case, venue_address=ADDRESS)
    send_invitations(meeting=meeting, actor=case.coordinator)
    return member


def _in_reading_order(boxes, first, then):
    """``first`` is drawn left of ``then`` on the same line: the left-to-right order it is written in."""
    a, b = boxes[first], boxes[then]
    assert abs(a["top"] - b["top"]) < 4, f"{first!r} and {then!r} are on different lines: {boxes}"
    assert a["right"] <= b["left"] + 1, f"{first!r} is drawn after {then!r}: {boxes}"


def test_noto_fonts_are_installed_for_the_scripts():
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fontconfig is not installed")
    families = subprocess.run(  # noqa: S603 - our own command line
        [fc_list, ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    for family in ("Noto Sans Arabic", "Noto Sans Gurmukhi", "Noto Naskh Arabic"):
        assert family in families, f"{family} missing: apt-get install fonts-noto-core"


@pytest.mark.parametrize("language", ["ar", "ur", "pa"])
def test_a_phone_number_and_an_address_keep_their_order_and_the_arrow_points_the_reading_way(
    browser, live_server, tmp_path_factory, language
):
    member = _member_with_a_meeting(language)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    shots = tmp_path_factory.mktemp("right-to-left")
    try:
        # The code page: its "Not received a code?" arrow, closed, points the way the page reads.
        page.goto(link_path(member))
        page.locator("main form button[type=submit]").first.click()
        page.locator('main input[name="code"]').wait_for()
        direction = page.evaluate("document.documentElement.dir")
        assert direction == ("ltr" if language == "pa" else "rtl")
        arrow = page.evaluate(
            """() => {
              const style = getComputedStyle(document.querySelector(".govuk-details__summary"), "::before");
              return {left: parseFloat(style.borderLeftWidth), right: parseFloat(style.borderRightWidth)};
            }"""
        )
        # A right-pointing triangle is drawn by its left border, a left-pointing one by its right border.
        drawn_by = "right" if direction == "rtl" else "left"
        assert arrow[drawn_by] > 0 and arrow["left" if drawn_by == "right" else "right"] == 0, arrow
        page.screenshot(path=str(shots / f"{language}-code.png"), full_page=True)
        page.locator('main input[name="code"]').fill(code_sent_to(member))
        page.locator("main form button[type=submit]").first.click()

        page.goto(reverse("family:meeting"))
        assert page.evaluate("document.documentElement.lang") == language

        phone = page.evaluate(BOXES, [PHONE, ["0300", "123", "4567"]])
        assert phone is not None, "the phone number is not on the page"
        _in_reading_order(phone, "0300", "123")
        _in_reading_order(phone, "123", "4567")

        address = page.evaluate(BOXES, [ADDRESS, ["1 ", "Riverside", "Walk", "Northtown", "NT1", "1AA"]])
        assert address is not None, "the address is not on the page"
        for first, then in [("1 ", "Riverside"), ("Riverside", "Walk"), ("Walk", "Northtown"), ("NT1", "1AA")]:
            _in_reading_order(address, first, then)

        page.screenshot(path=str(shots / f"{language}-meeting.png"), full_page=True)
        assert (shots / f"{language}-meeting.png").stat().st_size > 10_000
        print(f"\nscreenshots: {shots}")
    finally:
        context.close()
