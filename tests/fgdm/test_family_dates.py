"""A member's meeting page dates the meeting in their language's own grammar."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from fgdm.factories import MeetingFactory
from fgdm.models import PartKind
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan
from tests.family import sign_in
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db

WHEN = {
    "en": "Tuesday, 22 December 2037",
    "pl": "wtorek, 22 grudnia 2037",
    "ro": "marți, 22 decembrie 2037",
    "pa": "ਮੰਗਲਵਾਰ, 22 ਦਸੰਬਰ 2037",
    "ur": "منگل، 22 دسمبر، 2037",
    "pt": "terça-feira, 22 de dezembro de 2037",
    "es": "martes, 22 de diciembre de 2037",
    "ar": "الثلاثاء، 22 ديسمبر 2037",
    "cy": "Dydd Mawrth, 22 Rhagfyr 2037",
}


@pytest.mark.parametrize("language", list(WHEN))
def test_the_meeting_page_dates_the_meeting_in_the_members_language(client, case, coordinator, consented, language):
    consented.language = language
    consented.save(update_fields=["language"])
    starts = timezone.make_aware(datetime(2037, 12, 22, 10, 0))
    meeting = MeetingFactory(
        case=case,
        parts=[PartPlan(PartKind.INFORMATION_SHARING, starts, starts.replace(hour=12, minute=30), "Hall", "1 Street")],
    )
    send_invitations(meeting=meeting, actor=coordinator)
    sign_in(client, consented)
    page = BeautifulSoup(client.get("/f/meeting/").content, "html.parser")
    when = [normalize_spaces(row.select_one("dd").get_text()) for row in page.select(".govuk-summary-list__row")]
    assert any(row.startswith(f"{WHEN[language]}, 10:00 ") for row in when), when
