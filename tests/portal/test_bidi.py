"""Phone numbers, codes, times and references are set left to right, and addresses, names and dates
are isolated (<bdi>), on family pages in every direction: the markup half of right to left done
properly (tests/browser/test_right_to_left.py measures what the browser draws)."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse

from tests.family import link_path, sign_in
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)


def test_the_filters_wrap_and_escape():
    template = Template("{% load bidi %}{{ phone|ltr }}|{{ address|linebreaksbr|isolate }}|{{ empty|ltr }}")
    html = template.render(Context({"phone": "0300 <123>", "address": "1 Riverside Walk\nNT1 1AA", "empty": ""}))
    assert html == '<span dir="ltr">0300 &lt;123&gt;</span>|<bdi>1 Riverside Walk<br>NT1 1AA</bdi>|'


@pytest.mark.parametrize("language", ["ar", "ur", "en"])
def test_my_meeting_isolates_the_phone_times_dates_and_addresses(client, consented, meeting, member_factory, language):
    from fgdm.services.invitations import send_invitations

    gran = member_factory("Gran Jones", language=language)
    send_invitations(meeting=meeting, actor=meeting.case.coordinator)
    sign_in(client, gran)
    page = BeautifulSoup(client.get(reverse("family:meeting")).content, "html.parser")

    assert "0300 123 4567" in [span.text for span in page.select('main span[dir="ltr"]')]
    isolated = [bdi.text for bdi in page.select("main bdi")]
    assert "1 Info Street" in isolated and "Info Hall" in isolated and "Gran Jones" in isolated
    times = [span.text for span in page.select('main .govuk-summary-list__value span[dir="ltr"]')]
    assert "10:05" in times and "11:00" in times


def test_the_code_box_is_left_to_right(client, consented, member_factory):
    gran = member_factory("Gran Jones", language="ar")
    client.post(link_path(gran))
    page = BeautifulSoup(client.get("/f/code/").content, "html.parser")
    assert page.select_one('input[name="code"]')["dir"] == "ltr"
    assert page.select_one('.govuk-details span[dir="ltr"]').text == "0300 123 4567"
