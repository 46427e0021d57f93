"""Radio buttons and checkboxes: each label sits next to its circle or box, as GOV.UK Frontend lays
them out, on a phone, left to right and right to left."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_family_journey import _family
from tests.family import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where each choice's item, its input (the drawn circle sits on it) and its label's words are.
GEOMETRY = """
selector => Array.from(document.querySelectorAll(selector)).map(item => {
  const input = item.querySelector("input").getBoundingClientRect();
  const label = item.querySelector("label");
  const text = document.createRange();
  text.selectNodeContents(label);
  const words = text.getBoundingClientRect();
  return {
    item: [item.getBoundingClientRect().left, item.getBoundingClientRect().right],
    input: [input.left, input.right],
    words: [words.left, words.right],
  };
})
"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_label_sits_next_to_its_circle(phone, language):
    _case, gran, _practitioner = _family(language)
    sign_in_page(phone, gran)
    expect(phone).to_have_url(re.compile("/f/meeting/$"))

    for path, selector, gap in [
        ("/f/meeting/reply/", ".govuk-radios__item", 15),  # 44 px circle target, 15 px to the words
        ("/f/meeting/times/", ".govuk-radios--small .govuk-radios__item", 1),
    ]:
        phone.goto(path)
        choices = phone.evaluate(GEOMETRY, selector)
        assert choices, path
        for choice in choices:
            if language == "en":
                assert choice["input"][0] == pytest.approx(choice["item"][0], abs=11)
                assert choice["words"][0] - choice["input"][1] == pytest.approx(gap, abs=1)
            else:
                assert choice["input"][1] == pytest.approx(choice["item"][1], abs=11)
                assert choice["input"][0] - choice["words"][1] == pytest.approx(gap, abs=1)
        assert_accessible(phone)
