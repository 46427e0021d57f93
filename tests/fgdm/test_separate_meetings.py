"""A separate meeting, linked to the main one, for people given that decision: its own parts and
audience; the main meeting, the case steps and the family's pages go on as if it were not there."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from fgdm.factories import ConsentDecisionFactory, ExclusionDecisionFactory, MeetingFactory, NetworkMemberFactory
from fgdm.models import Participation, PartKind
from fgdm.selectors import disclosures
from fgdm.selectors.family import current_meeting
from fgdm.selectors.progress import case_progress
from fgdm.services.meetings import PartPlan, arrange_separate_meeting
from portal.accounts import roles
from tests.factories import make_staff
from tests.family import sign_in
from tests.fgdm.conftest import at
from tests.text import errors_of, normalize_spaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(case, coordinator):
    parent = NetworkMemberFactory(
        case=case, name="Sarah Jones", phone="+447400123401", has_parental_responsibility=True
    )
    ConsentDecisionFactory(member=parent)
    father = NetworkMemberFactory(case=case, name="Gary Shaw", phone="+447400123402")
    ExclusionDecisionFactory(member=father, participation=Participation.SEPARATE_MEETING, decided_by=coordinator)
    main = MeetingFactory(case=case)
    return parent, father, main


def _separate_parts():
    return [PartPlan(PartKind.INFORMATION_SHARING, at(12, 15), at(12, 16), "Library Room 2", "3 Book Street")]


def test_only_the_person_it_is_for_learns_of_the_separate_meeting(world, coordinator):
    parent, father, main = world
    separate = arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)

    assert (separate.kind, separate.linked_to) == ("separate", main)
    at_separate = disclosures(separate)
    assert [p.venue_name for p in at_separate[father.pk].parts] == ["Library Room 2"]
    assert at_separate[father.pk].parts[0].attendees == ()  # nobody from the main meeting is named
    assert at_separate[father.pk].may_see_plan is False
    assert at_separate[parent.pk].parts == ()
    at_main = disclosures(main)
    assert at_main[father.pk].parts == ()
    assert "Gary Shaw" not in [name for part in at_main[parent.pk].parts for name in part.attendees]
    # The family's meeting and the case steps stay with the main meeting.
    assert current_meeting(main.case) == main
    assert case_progress(main.case).meeting == main


def test_a_separate_meeting_is_only_for_people_given_that_decision(world, coordinator):
    parent, _father, main = world
    with pytest.raises(ValidationError) as refused:
        arrange_separate_meeting(main=main, members=[parent], parts=_separate_parts(), actor=coordinator)
    assert errors_of(refused) == {"members": ["A separate meeting is only for people given that decision."]}
    with pytest.raises(ValidationError) as nobody:
        arrange_separate_meeting(main=main, members=[], parts=_separate_parts(), actor=coordinator)
    assert errors_of(nobody) == {"members": ["Choose who the separate meeting is for."]}


def test_a_phone_shared_with_someone_from_the_main_meeting_holds_the_separate_meeting_back(world, coordinator):
    parent, father, main = world
    father.phone = parent.phone
    father.save(update_fields=["phone"])
    separate = arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    assert disclosures(separate)[father.pk].parts == ()
    assert disclosures(main)[parent.pk].parts == ()  # and the main meeting from the one who shares it


def test_each_person_reads_only_their_own_meeting_on_their_page(world, coordinator, client):
    parent, father, main = world
    arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    sign_in(client, father)
    theirs = normalize_spaces(BeautifulSoup(client.get("/f/meeting/").content, "html.parser").select_one("main").text)
    assert "Library Room 2" in theirs and "3 Book Street" in theirs
    assert "Riverside Family Centre" not in theirs and "Sarah Jones" not in theirs
    client.post("/f/sign-out/")
    sign_in(client, parent)
    ours = normalize_spaces(BeautifulSoup(client.get("/f/meeting/").content, "html.parser").select_one("main").text)
    assert "Riverside Family Centre" in ours
    assert "Library Room 2" not in ours and "Gary Shaw" not in ours


def test_the_coordinator_arranges_the_separate_meeting_and_invites_only_its_people(world, client):
    _parent, father, main = world
    coordinator = make_staff(roles.COORDINATOR)
    case = main.case
    case.coordinator = coordinator
    case.save(update_fields=["coordinator"])
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/meeting/separate/"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert [normalize_spaces(label.text) for label in page.select("label[for^=id_members_]")] == ["Gary Shaw"]

    day = (timezone.localdate() + timedelta(days=12)).strftime("%d/%m/%Y")
    missing = client.post(url, {"information_sharing_date": day})
    assert "Choose who the separate meeting is for." in normalize_spaces(missing.content.decode())
    saved = client.post(
        url,
        {
            "members": [father.pk],
            "information_sharing_date": day,
            "information_sharing_start": "15:00",
            "information_sharing_end": "16:00",
            "information_sharing_venue_name": "Library Room 2",
        },
    )
    assert saved.status_code == 302
    rows = BeautifulSoup(client.get(url).content, "html.parser").select(".govuk-summary-list__row")
    shown = [normalize_spaces(row.get_text(" ")) for row in rows]
    assert shown[0] == "Who it is for Gary Shaw"
    assert "Library Room 2" in shown[1] and "Riverside" not in shown[1]

    client.post(url, {"invite": "1"})
    separate = main.separate_meetings.get()
    invited = set(separate.invitations.values_list("member__name", flat=True))
    assert invited == {"Gary Shaw"}
    assert not main.invitations.filter(member=father).exists()
