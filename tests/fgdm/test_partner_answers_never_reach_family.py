"""What partner agencies said is for professionals only: no family page, message, calendar file,
export for families or subject-access bundle (before a manager's review) carries it — not even for
the person it is about. The API is searched in tests/api/test_never_disclosed.py."""

import pytest
from django.core import mail

from fgdm.factories import ExclusionDecisionFactory, PartnerRequestFactory, all_answered
from fgdm.family_outputs import calendar_file, meeting_details
from fgdm.models import Known, Meeting, Participation, Risk
from fgdm.selectors import disclosures
from portal.messaging.backends import locmem
from portal.messaging.models import OutboundMessage
from tests.family import deliver_queued
from tests.security.routes import fill, our_routes
from tests.security.world import build_world

SECRETS = ["Zq partner detail: bail conditions until 2027", "Zq Constabulary vulnerability unit", "Zq Detective Rowe"]
FAMILY = ["family_a", "family_excluded", "family_b"]


@pytest.fixture
def world(db):
    world = build_world()
    gran, uncle = world.members["family_a"], world.members["family_excluded"]
    answered = PartnerRequestFactory(
        members=[gran, uncle],
        agency_name=SECRETS[1],
        contact_name=SECRETS[2],
        contact_email="rowe@constabulary.example",
        answers={gran: all_answered(Known.NOT_KNOWN), uncle: {**all_answered(), Risk.DOMESTIC_ABUSE: Known.YES}},
        details={gran: SECRETS[0], uncle: SECRETS[0]},
    )
    assert answered.answers.count() == 2  # the secrets are there to be found
    ExclusionDecisionFactory(
        member=uncle,
        participation=Participation.INFORMATION_ONLY,
        informed_by=list(answered.answers.filter(member=uncle)),
    )
    return world


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


def test_no_family_page_shows_a_partner_answer(world):
    pages = [
        route for route, _view in our_routes() if route.startswith("f/") and route not in ("f/sign-out/", "f/leave/")
    ]
    assert len(pages) > 15
    found = []
    for role in FAMILY:
        client = world.client(role, raise_request_exception=False)
        for route in pages:
            response = client.get(fill(route, world.ids))
            body = b"".join(response) if response.streaming else response.content
            found += [(role, route, leak) for leak in _leaks(body.decode(errors="replace"))]
    assert found == []


def test_no_message_or_calendar_file_carries_a_partner_answer(world):
    deliver_queued()
    family_messages = OutboundMessage.objects.filter(recipient_ref__startswith="fgdm.member:")
    assert family_messages.exists()
    texts = [m.subject + m.body for m in family_messages]
    texts += [sms.body for sms in locmem.outbox]
    texts += [email.subject + email.body for email in mail.outbox if "rowe@constabulary.example" not in email.to]
    for meeting in Meeting.objects.all():
        texts += [meeting_details(view) + calendar_file(view) for view in disclosures(meeting).values()]
    assert [leak for text in texts for leak in _leaks(text)] == []


def test_the_subject_access_bundle_holds_no_partner_answer(world):
    client = world.client("manager")
    for member in (world.members["family_a"], world.members["family_excluded"]):
        for fmt in ("json", "html"):
            response = client.post("/cases/subject-access/", {"record": [member.pk], "format": fmt})
            assert response.status_code == 200
            text = response.content.decode()
            assert _leaks(text) == []
            assert "Information from partner agencies" in text  # said to be held, for a manager to review


def test_no_letter_carries_a_partner_answer(world):
    import io

    from pypdf import PdfReader

    from fgdm.models import NetworkMember
    from fgdm.services.letters import letters_possible, make_letter

    coordinator = world.users["coordinator_a"]
    made = []
    for member in NetworkMember.objects.exclude(postal_address=""):
        for meeting in Meeting.objects.filter(case=member.case):
            for kind in letters_possible(member, meeting)[0]:
                letter = make_letter(member=member, meeting=meeting, kind=kind, actor=coordinator)
                made.append(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.pdf)).pages))
    assert made  # the world's parent gets letters by post
    assert [leak for text in made for leak in _leaks(text)] == []
