"""The family network map: the child in the middle, households grouped, each person's part shown by
shape and words, and a table beside it that says the same. Staff only."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fgdm.factories import ExclusionDecisionFactory, InvitationFactory, ReplyFactory
from fgdm.models import Participation
from fgdm.models.network import InterpreterNeed
from fgdm.network_map import shape
from tests.factories import make_staff
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(case, member_factory, meeting, consented):
    """Sarah (the parent, PR) and Gran at 12 Oak Road; Tom kept to a separate meeting; Ali to
    written views; Dan not contacted; Jo, with no household recorded, invited and needing an interpreter."""
    consented.household = "12 Oak Road"
    consented.save()
    gran = member_factory("Gran Oak", household="12 Oak Road")
    tom = member_factory("Tom Uncle", household="Flat 3, Mill Lane")
    ali = member_factory("Ali Friend", household="Flat 3, Mill Lane")
    dan = member_factory("Dan Father", pr=True, household="Unknown address")
    jo = member_factory("Jo Neighbour")
    for member, participation in [
        (tom, Participation.SEPARATE_MEETING),
        (ali, Participation.WRITTEN_VIEWS),
        (dan, Participation.NO_CONTACT),
    ]:
        ExclusionDecisionFactory(member=member, participation=participation)
    ReplyFactory(
        invitation=InvitationFactory(meeting=meeting, member=jo),
        interpreter=InterpreterNeed.SPOKEN,
        interpreter_language="Polish",
        travel_help=True,
    )
    InvitationFactory(meeting=meeting, member=gran)
    return {"sarah": consented, "gran": gran, "tom": tom, "ali": ali, "dan": dan, "jo": jo}


def _map(client, user, case):
    client.force_login(user)
    response = client.get(f"/cases/{case.pk}/network/map/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _people_on_the_map(page):
    """Per person on the drawing: their household's title, the shape drawn, and the three lines of words."""
    found = {}
    for household in page.select("svg .app-network-map__household"):
        title = household.find("text").text
        for person in household.select(".app-network-map__person"):
            lines = [normalize_spaces(t.text) for t in person.find_all("text")]
            found[lines[0]] = {"household": title, "shape": person.find("path")["d"], "lines": lines[1:]}
    return found


def _table(page):
    """Each row of the people table, by the name in its header cell."""
    rows = page.select("table tbody tr")
    return {normalize_spaces(row.th.text): [normalize_spaces(td.text) for td in row.select("td")] for row in rows}


def test_the_map_groups_households_around_the_child_and_shows_each_part_by_shape_and_words(client, case, network):
    page = _map(client, case.coordinator, case)
    svg = page.select_one("svg")
    people = _people_on_the_map(page)

    assert svg["role"] == "img"
    assert normalize_spaces(svg.select_one(".app-network-map__child").text) == "The child Mia"
    assert sorted(people) == [
        "Ali Friend",
        "Dan Father · PR",
        "Gran Oak",
        "Jo Neighbour",
        "Sarah Parent · PR",
        "Tom Uncle",
    ]
    assert people["Sarah Parent · PR"]["household"] == people["Gran Oak"]["household"] == "12 Oak Road"
    assert people["Tom Uncle"]["household"] == people["Ali Friend"]["household"] == "Flat 3, Mill Lane"
    assert people["Jo Neighbour"]["household"] == "Household not recorded"
    assert people["Tom Uncle"]["lines"][0] == "relative (Mia)"
    assert people["Tom Uncle"]["lines"][1:] == ["Separate meeting", "Not invited"]
    assert people["Ali Friend"]["lines"][1:] == ["Written views only", "Not invited"]
    assert people["Dan Father · PR"]["lines"][1:] == ["Not contacted", "Not invited"]
    assert people["Gran Oak"]["lines"][1:] == ["Invited to all of the meeting", "No reply yet"]
    assert people["Jo Neighbour"]["lines"][1:] == [
        "Invited to all of the meeting",
        "Coming · Interpreter (Polish) · Travel",
    ]
    # Shapes, not colours: each kind of taking part has its own outline, and the legend names each.
    outlines = {name: "".join(re.findall("[A-Za-z]", person["shape"])) for name, person in people.items()}
    assert outlines["Gran Oak"] == outlines["Jo Neighbour"] == "MaaZ"  # a circle
    assert outlines["Ali Friend"] == "MLLLZ"  # a diamond
    assert outlines["Tom Uncle"] == "MLLZ"  # a triangle
    assert outlines["Dan Father · PR"] == "MhvhZMLML"  # a square crossed through
    legend = [normalize_spaces(t.text) for t in page.select(".app-network-map__legend text")]
    assert legend == [
        "Shapes: how far each person takes part",
        "Invited to all of the meeting",
        "Information sharing only",
        "Written views only",
        "Separate meeting",
        "Not contacted",
    ]
    # One line from the child to each household.
    assert len(svg.select("line")) == len(page.select(".app-network-map__household")) == 4


def test_the_table_beside_the_map_says_the_same_for_screen_readers(client, case, network):
    page = _map(client, case.coordinator, case)
    rows = _table(page)

    assert rows["Tom Uncle"] == [
        "Flat 3, Mill Lane",
        "relative (Mia)",
        "English",
        "Separate meeting",
        "Not invited",
        "—",
    ]
    assert rows["Jo Neighbour"] == [
        "—",
        "relative (Mia)",
        "English",
        "Invited to all of the meeting",
        "Coming",
        "Interpreter (Polish), Travel",
    ]
    assert rows["Dan Father PR"][3:5] == ["Not contacted", "Not invited"]
    assert page.select_one("svg")["aria-labelledby"] == "network-map-title network-map-description"


def test_each_participation_has_a_shape_of_its_own():
    outlines = {"".join(re.findall("[A-Za-z]", shape(value, 50, 50))) for value in Participation.values}
    assert len(outlines) == len(Participation.values)


def test_the_map_costs_the_same_queries_for_six_people_or_sixteen(client, case, network, member_factory):
    client.force_login(case.coordinator)
    client.get(f"/cases/{case.pk}/network/map/")  # the session's and the site's first reads
    with CaptureQueriesContext(connection) as few:
        client.get(f"/cases/{case.pk}/network/map/")
    for i in range(10):
        member_factory(f"Cousin {i}", household=f"House {i % 3}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/cases/{case.pk}/network/map/")

    assert len(_people_on_the_map(BeautifulSoup(response.content, "html.parser"))) == 16
    assert len(many) == len(few)


def test_only_staff_of_the_case_see_the_map(client, case, network):
    other = make_staff("coordinator", first_name="Other", last_name="Coordinator")
    client.force_login(other)
    assert client.get(f"/cases/{case.pk}/network/map/").status_code == 404
    client.logout()
    assert client.get(f"/cases/{case.pk}/network/map/").status_code == 302
    assert _map(client, case.lead_practitioner, case).select_one("svg") is not None


def test_the_network_page_links_to_the_map_and_shows_the_same_words(client, case, network):
    client.force_login(case.coordinator)
    page = BeautifulSoup(client.get(f"/cases/{case.pk}/network/").content, "html.parser")
    rows = _table(page)

    assert page.find("a", string="See the family network as a map")["href"] == f"/cases/{case.pk}/network/map/"
    assert rows["Ali Friend"][3:6] == ["Written views only", "Not invited", "—"]


def test_someone_given_a_separate_meeting_shows_their_invitation_to_it(client, case, network, meeting):
    from fgdm.models import PartKind
    from fgdm.services.invitations import send_invitations
    from fgdm.services.meetings import PartPlan, arrange_separate_meeting
    from tests.fgdm.conftest import at

    parts = [PartPlan(PartKind.INFORMATION_SHARING, at(12, 15), at(12, 16), "Library Room 2", "3 Book Street")]
    separate = arrange_separate_meeting(main=meeting, members=[network["tom"]], parts=parts, actor=case.coordinator)
    send_invitations(meeting=separate, actor=case.coordinator)

    people = _people_on_the_map(_map(client, case.coordinator, case))
    assert people["Tom Uncle"]["lines"][1:] == ["Separate meeting", "No reply yet"]
    assert people["Ali Friend"]["lines"][1:] == ["Written views only", "Not invited"]
