"""Texts that say who and what, in every language: the service's name in the member's language, the
council's name, and that it is an invitation to a family meeting for a child in their family; the
link in the text opens the member's pages in their language."""

from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from fgdm.services.invitations import send_invitations
from portal.messaging.backends import locmem
from portal.messaging.segments import count_segments, segment_budget
from tests.family import deliver_queued
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
INVITATION = (
    "%(service)s, %(council)s: you are invited to a family meeting, to plan for a child in your family. "
    "See when and where: %(link)s"
)
# The words that say "an invitation to a family meeting for a child in your family", as each
# language's text says them (ar, ur and pa used to say one word: "invitation").
WHAT = {
    "en": ["invited to a family meeting", "a child in your family"],
    "pl": ["zaproszenie na spotkanie rodzinne", "dziecka z Twojej rodziny"],
    "ro": ["invitat la o intalnire de familie", "un copil din familia ta"],
    "pa": ["ਪਰਿਵਾਰਕ ਮੀਟਿੰਗ ਦਾ ਸੱਦਾ", "ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਦੇ ਇੱਕ ਬੱਚੇ"],
    "ur": ["خاندانی میٹنگ کی دعوت", "آپ کے خاندان کے ایک بچے"],
    "pt": ["convidado para uma reuniao familiar", "uma crianca da sua familia"],
    "es": ["te invitamos a una reunion familiar", "un niño de tu familia"],
    "ar": ["دعوة إلى اجتماع عائلي", "طفل في عائلتك"],
    "cy": ["gwahoddiad i gyfarfod teulu", "plentyn yn eich teulu"],
}


def sms_service_name(code: str) -> str:
    """The default service name as the translators wrote it for text messages."""
    if code == "en":
        return "Family group meetings"
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
    return po.find("Family group meetings", msgctxt="text message").msgstr


def test_every_language_says_what_the_invitation_is():
    assert sorted(WHAT) == sorted(LANGUAGES)


@override_settings(SERVICE_NAME="Family group meetings", COUNCIL_NAME="Demo Borough Council")
@pytest.mark.parametrize("code", LANGUAGES)
def test_an_invitation_says_who_it_is_from_and_what_it_is_and_its_link_speaks_the_members_language(
    client, consented, meeting, member_factory, coordinator, code
):
    gran = member_factory("Gran Jones", language=code)
    send_invitations(meeting=meeting, actor=coordinator)
    deliver_queued()

    [text] = [sms.body for sms in locmem.outbox if sms.to == gran.phone]
    service = sms_service_name(code)
    assert service and text.startswith(service), text
    assert "Demo Borough Council" in text
    for words in WHAT[code]:
        assert words in text
    assert "Gran Jones" not in text and "Mia" not in text  # who the meeting is about stays off the phone
    count = count_segments(text)
    assert count.segments <= segment_budget(code)

    link = next(word for word in text.split() if word.startswith("http"))
    page = BeautifulSoup(client.get(urlsplit(link).path, headers={"accept-language": "en"}).content, "html.parser")
    assert page.select_one("html")["lang"] == code


@pytest.mark.parametrize(("code", "budget"), [("ar", 3), ("ur", 3), ("pa", 3), ("en", 2), ("pl", 2), ("cy", 2)])
def test_languages_sent_as_ucs2_may_use_three_segments_and_the_rest_keep_two(code, budget):
    assert segment_budget(code) == budget


@override_settings(SERVICE_NAME="Family group meetings")
def test_a_text_in_a_gsm7_language_stays_gsm7_with_the_default_service_name(
    consented, meeting, member_factory, coordinator
):
    # The Welsh and Portuguese service names on pages have ŵ and õ, which would make the text UCS-2.
    welsh = member_factory("Nain Jones", language="cy")
    portuguese = member_factory("Avó Silva", language="pt")
    send_invitations(meeting=meeting, actor=coordinator)
    deliver_queued()

    for member in (welsh, portuguese):
        [text] = [sms.body for sms in locmem.outbox if sms.to == member.phone]
        assert count_segments(text).encoding == "GSM-7", text
