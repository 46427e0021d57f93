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
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, arrange_separate_meeting
from portal.accounts import roles
from portal.messaging.models import OutboundMessage
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


def _step(case):
    return next((t for t in case_progress(case).tasks if t.key == "separate_meeting"), None)


def test_the_case_steps_show_the_separate_meeting_only_when_someone_is_given_one(world, coordinator, client):
    _parent, father, main = world
    case = main.case
    step = _step(case)
    assert (step.label, step.status, step.status_text, step.url_name) == (
        "Separate meeting",
        "to_do",
        "Not arranged",
        "fgdm:separate_meeting",
    )
    separate = arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    assert (_step(case).status, _step(case).status_text) == ("to_do", "Arranged")
    separate.status = "held"
    separate.save(update_fields=["status"])
    assert (_step(case).status, _step(case).status_text) == ("done", "Held")

    case.coordinator = make_staff(roles.COORDINATOR)
    case.save(update_fields=["coordinator"])
    client.force_login(case.coordinator)
    page = BeautifulSoup(client.get(f"/cases/{case.pk}/").content, "html.parser")
    link = page.find("a", string=lambda s: s and s.strip() == "Separate meeting")
    assert link is not None and link["href"] == f"/cases/{case.pk}/meeting/separate/"
    assert normalize_spaces(page.select_one("#task-separate_meeting-status").text) == "Held"


def test_no_separate_meeting_step_for_a_case_without_that_decision(case, coordinator):
    MeetingFactory(case=case)
    ExclusionDecisionFactory(
        member=NetworkMemberFactory(case=case), participation=Participation.WRITTEN_VIEWS, decided_by=coordinator
    )
    assert _step(case) is None


def test_the_reply_board_says_a_separate_meeting_exists_for_how_many_never_when_or_where(world, coordinator, client):
    _parent, father, main = world
    case = main.case
    client.force_login(coordinator)
    board = f"/cases/{case.pk}/meeting/replies/"
    before = BeautifulSoup(client.get(board).content, "html.parser")
    assert before.select_one("#separate-meeting") is None
    arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    page = BeautifulSoup(client.get(board).content, "html.parser")
    said = normalize_spaces(page.select_one("main").text)
    assert normalize_spaces(page.select_one("#separate-meeting").text).startswith("A separate meeting has been")
    assert "A separate meeting has been arranged for 1 person. They are not invited to this meeting." in said
    assert "Library Room 2" not in said and "3 Book Street" not in said and "15:00" not in said


def _separate_form(day, start="15:00", venue="Library Room 2"):
    return {
        "information_sharing_date": day,
        "information_sharing_start": start,
        "information_sharing_end": "17:00",
        "information_sharing_venue_name": venue,
    }


def test_the_coordinator_changes_the_separate_meeting_and_only_its_people_are_told(world, coordinator, client):
    _parent, father, main = world
    case = main.case
    separate = arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    send_invitations(meeting=main, actor=coordinator)
    send_invitations(meeting=separate, actor=coordinator)
    main_waiting = set(OutboundMessage.objects.filter(topic=main.topic, status="queued").values_list("pk", flat=True))
    assert main_waiting
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/meeting/separate/"
    shown = BeautifulSoup(client.get(url).content, "html.parser")
    assert shown.find("a", string="Change the time or venue")["href"] == f"{url}change/"
    form = BeautifulSoup(client.get(f"{url}change/").content, "html.parser")
    assert form.select_one("#id_information_sharing_venue_name")["value"] == "Library Room 2"
    assert form.select_one("#id_members") is None  # who it is for stays as arranged

    day = (timezone.localdate() + timedelta(days=14)).strftime("%d/%m/%Y")
    saved = client.post(f"{url}change/", _separate_form(day, venue="Garden Room"))
    assert saved.status_code == 302 and saved["Location"] == url
    told = OutboundMessage.objects.filter(template="fgdm.meeting_changed")
    assert [m.recipient_ref for m in told] == [father.ref]
    assert told.get().about["meeting"] == separate.pk
    page = normalize_spaces(BeautifulSoup(client.get(url).content, "html.parser").select_one("main").text)
    assert "Garden Room" in page and "Library Room 2" not in page
    # The family's meeting and the messages about it are untouched.
    assert (
        set(OutboundMessage.objects.filter(pk__in=main_waiting, status="queued").values_list("pk", flat=True))
        == main_waiting
    )
    assert main.parts.filter(venue_name="Garden Room").count() == 0


def test_the_coordinator_cancels_the_separate_meeting_after_confirming(world, coordinator, client):
    _parent, father, main = world
    case = main.case
    separate = arrange_separate_meeting(main=main, members=[father], parts=_separate_parts(), actor=coordinator)
    send_invitations(meeting=separate, actor=coordinator)
    send_invitations(meeting=main, actor=coordinator)
    assert OutboundMessage.objects.filter(topic=separate.topic, status="queued").exists()
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/meeting/separate/cancel/"
    confirm = normalize_spaces(BeautifulSoup(client.get(url).content, "html.parser").select_one("main").text)
    assert "Cancel the separate meeting" in confirm and "The family's meeting is not affected." in confirm
    separate.refresh_from_db()
    assert separate.status != "cancelled"  # looking at the question cancels nothing

    assert client.post(url)["Location"] == f"/cases/{case.pk}/meeting/separate/"
    separate.refresh_from_db()
    assert separate.status == "cancelled"
    assert not OutboundMessage.objects.filter(topic=separate.topic, status="queued").exists()
    assert OutboundMessage.objects.filter(topic=main.topic, status="queued").exists()
    assert (_step(case).status_text, _step(case).url_name) == ("Not arranged", "fgdm:separate_meeting")
    board = BeautifulSoup(client.get(f"/cases/{case.pk}/meeting/replies/").content, "html.parser")
    assert board.select_one("#separate-meeting") is None
    # Nothing left to change or cancel: both pages lead back to arranging one.
    assert client.get(url)["Location"] == f"/cases/{case.pk}/meeting/separate/"
    assert client.get(f"/cases/{case.pk}/meeting/separate/change/")["Location"] == f"/cases/{case.pk}/meeting/separate/"
