"""One case's whole life, through HTTP, as each person: referral, coordinator, consent, network,
exclusions (written views only; a separate meeting), first meeting, plan sent and agreed, the meeting
held, a review meeting recorded after it happened, the revised plan sent and agreed, outcome, closure.

At each step the test reads what each person sees, in their words; the two people kept from the
meeting see nothing of it; and no link any member of staff is shown leads to a 403.
"""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from fgdm.models import Case, MeetingPart, NetworkMember, PlanAgreement
from portal.accounts import roles
from tests.factories import make_staff
from tests.family import sign_in
from tests.text import normalize_spaces, words_of

pytestmark = pytest.mark.django_db

WORRIES = "Mia often misses school.\nMia is shouted at when Gary Shaw visits."
BOTTOM_LINE = "Mia must not be left alone with Gary Shaw."
WITHHELD = ("Info Hall", "1 Info Street", "Family Room", "2 Private Road", "Gran walks Mia", "Gran Jones", BOTTOM_LINE)


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _main(response) -> str:
    return words_of(_soup(response).select_one("main"))


def _tasks(response) -> dict[str, str]:
    """The case page's steps: name → status, as read on the page."""
    found = {}
    for item in _soup(response).select(".govuk-task-list__item"):
        name = normalize_spaces(item.select_one(".govuk-task-list__name-and-hint").get_text(" "))
        found[name] = normalize_spaces(item.select_one(".govuk-task-list__status").get_text(" "))
    return found


def _task_links(response) -> set[str]:
    return {normalize_spaces(a.get_text()) for a in _soup(response).select(".govuk-task-list__link")}


def _errors(response) -> list[str]:
    return [normalize_spaces(li.text) for li in _soup(response).select(".govuk-error-summary__list li")]


def _follow_every_link(client, path: str) -> None:
    """Every link on the page's main content opens for this person: none leads to a 403."""
    page = _soup(client.get(path))
    hrefs = {a["href"] for a in page.select("main a[href]") if a["href"].startswith("/")}
    refused = [href for href in hrefs if client.get(href).status_code == 403]
    assert refused == [], f"{path} links to pages this person may not open: {refused}"


def _crawl(client, start: str, depth: int = 3) -> None:
    """Every link on every staff page reached from ``start`` (``depth`` clicks away) opens: none is a 403."""
    seen, frontier, refused = {start}, [start], []
    for _level in range(depth + 1):
        found = []
        for path in frontier:
            response = client.get(path)
            if response.status_code == 403:
                refused.append(path)
                continue
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for a in BeautifulSoup(response.content, "html.parser").select("main a[href]"):
                href = a["href"].split("#")[0]
                if href.startswith(("/cases/", "/staff/")) and href not in seen:
                    seen.add(href)
                    found.append(href)
        frontier = found
    assert refused == [], f"links from {start} lead to pages this person may not open: {refused}"


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def _post_ok(client, path, data):
    response = client.post(path, data)
    assert response.status_code == 302, _errors(response) or response.status_code
    return response


@pytest.fixture
def staff():
    people = {
        "practitioner": make_staff(roles.LEAD_PRACTITIONER, first_name="Lee", last_name="Practitioner"),
        "coordinator": make_staff(roles.COORDINATOR, first_name="Chris", last_name="Coordinator"),
        "manager": make_staff(roles.SERVICE_MANAGER, first_name="Morgan", last_name="Manager"),
        "editor": make_staff(roles.CONTENT_EDITOR, first_name="Eddie", last_name="Editor"),
    }
    clients = {}
    for name, user in people.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return people, clients


def _add_member(coordinator, case, child, name, relationship, *, pr=False):
    data = {
        "name": name,
        "phone": f"07400 {100000 + NetworkMember.objects.count():06d}",
        "allow_sms": "on",
        "language": "en",
        f"relationship_{child.pk}": relationship,
        "confirm_not_duplicate": "on",
    }
    if pr:
        data["has_parental_responsibility"] = "on"
    _post_ok(coordinator, f"/cases/{case.pk}/network/add/", data)
    return NetworkMember.objects.get(case=case, name=name)


def test_a_case_from_referral_to_closure_as_every_person_sees_it(staff):
    people, clients = staff
    practitioner, coordinator, manager, editor = (
        clients["practitioner"],
        clients["coordinator"],
        clients["manager"],
        clients["editor"],
    )

    # The editor has nothing to do with cases; the coordinator may not refer a family.
    assert editor.get("/cases/").status_code == 403
    assert "Refer a family" not in _main(coordinator.get("/cases/"))
    assert "Refer a family" in _main(practitioner.get("/cases/"))

    # Referral, by the lead practitioner.
    _post_ok(
        practitioner,
        "/cases/new/",
        {
            "stage": "child_protection",
            "lead_practitioner": people["practitioner"].pk,
            "child_name": "Mia Jones",
            "child_date_of_birth": "14/05/2016",
            "child_first_language": "en",
            "worries": WORRIES,
            "bottom_lines": BOTTOM_LINE,
        },
    )
    case = Case.objects.get()
    child = case.children.get()
    page = practitioner.get(f"/cases/{case.pk}/")
    assert _tasks(page)["Independent coordinator"] == "Not assigned"
    assert "Independent coordinator" not in _task_links(page)  # only a manager assigns one
    _follow_every_link(practitioner, f"/cases/{case.pk}/")

    # The manager assigns the coordinator.
    assert "Independent coordinator" in _task_links(manager.get(f"/cases/{case.pk}/"))
    _post_ok(manager, f"/cases/{case.pk}/coordinator/", {"coordinator": people["coordinator"].pk})

    # Network and consent, by the coordinator.
    parent = _add_member(coordinator, case, child, "Sarah Jones", "mother", pr=True)
    gran = _add_member(coordinator, case, child, "Gran Jones", "grandmother")
    uncle = _add_member(coordinator, case, child, "Bob Jones", "uncle")
    gary = _add_member(coordinator, case, child, "Gary Shaw", "mother's partner")
    _post_ok(
        coordinator,
        f"/cases/{case.pk}/consent/",
        {"member": parent.pk, "status": "given", "method": "in_person"},
    )

    # Exclusions: the uncle gives his views in writing; Gary Shaw has a separate meeting.
    review_exclusion = _day(60)
    _post_ok(
        practitioner,
        f"/cases/{case.pk}/network/{uncle.pk}/participation/",
        {"participation": "written_views", "reasons": ["violence"], "review_on": review_exclusion},
    )
    _post_ok(
        coordinator,
        f"/cases/{case.pk}/network/{gary.pk}/participation/",
        {
            "participation": "separate_meeting",
            "reasons": ["domestic_abuse", "coercive_control"],
            "review_on": review_exclusion,
        },
    )
    history = _main(coordinator.get(f"/cases/{case.pk}/network/{gary.pk}/participation/"))
    assert "Reasons Coercive control, Domestic abuse" in history
    assert "domestic_abuse" not in history

    # The first meeting, arranged and invited to.
    meeting_day = _day(10)
    _post_ok(
        coordinator,
        f"/cases/{case.pk}/meeting/",
        {
            "kind": "first",
            "information_sharing_date": meeting_day,
            "information_sharing_start": "10:00",
            "information_sharing_end": "11:00",
            "information_sharing_venue_name": "Info Hall",
            "information_sharing_venue_address": "1 Info Street",
            "private_family_time_date": meeting_day,
            "private_family_time_start": "11:15",
            "private_family_time_end": "12:30",
            "private_family_time_venue_name": "Family Room",
            "private_family_time_venue_address": "2 Private Road",
        },
    )
    _post_ok(coordinator, f"/cases/{case.pk}/meeting/invite/", {})
    _post_ok(coordinator, f"/cases/{case.pk}/meeting/plan-writer/", {"plan_writer": gran.pk})
    page = practitioner.get(f"/cases/{case.pk}/")
    assert _tasks(page)["Family plan"] == "Being written"
    assert _tasks(page)["Review"] == "Cannot start yet"
    for who in ("practitioner", "coordinator", "manager"):
        _follow_every_link(clients[who], f"/cases/{case.pk}/")

    # The family writes the plan: the bottom line in view, two actions for the first worry.
    family = {name: Client() for name in ("parent", "gran", "uncle", "gary")}
    for name, member in (("parent", parent), ("gran", gran), ("uncle", uncle), ("gary", gary)):
        sign_in(family[name], member)
    # Written views: the uncle's own page asks what he thinks and tells him nothing of the meeting.
    assert family["gary"].get("/f/views/").status_code == 404
    assert family["parent"].get("/f/views/").status_code == 404
    assert "Tell us your views in writing" in _main(family["uncle"].get("/f/meeting/"))
    assert "Tell us your views in writing" not in _main(family["gary"].get("/f/meeting/"))
    views_page = _main(family["uncle"].get("/f/views/"))
    assert views_page.startswith("Your views Tell us what you think about the child's care.")
    for withheld in WITHHELD:
        assert withheld not in views_page
    _post_ok(
        family["uncle"],
        "/f/views/",
        {"going_well": "Mia loves football.", "worries": "", "can_offer": "I can drive Mia to football on Saturdays."},
    )
    # What Gary said at his separate meeting, recorded by the coordinator and not shared.
    _post_ok(
        coordinator,
        f"/cases/{case.pk}/views/",
        {"member": gary.pk, "going_well": "", "worries": "I want to see Mia.", "can_offer": "I can buy school shoes."},
    )
    views = _main(coordinator.get(f"/cases/{case.pk}/views/"))
    assert "Bob Jones: In writing" in views and "Gary Shaw: At a separate meeting" in views
    # The uncle's views are shared whole; of Gary's, only his offer of help: his worry stays here.
    shared = case.contributions.get(member=uncle)
    _post_ok(coordinator, f"/cases/{case.pk}/views/", {"share": shared.pk, "parts": ["going_well", "can_offer"]})
    from_gary = case.contributions.get(member=gary)
    nothing_chosen = coordinator.post(f"/cases/{case.pk}/views/", {"share": from_gary.pk})
    assert _errors(nothing_chosen) == ["Choose what to share with the meeting."]
    _post_ok(coordinator, f"/cases/{case.pk}/views/", {"share": from_gary.pk, "parts": ["can_offer"]})
    views = _main(coordinator.get(f"/cases/{case.pk}/views/"))
    assert "Shared by Chris Coordinator on " in views and ": What they can offer" in views
    parent_plan = _main(family["parent"].get("/f/plan/"))
    assert (
        "Views from people not at the meeting Bob Jones What is going well Mia loves football. "
        "What they can offer I can drive Mia to football on Saturdays. "
        "Gary Shaw What they can offer I can buy school shoes."
    ) in parent_plan
    assert "I want to see Mia." not in parent_plan

    writing = _main(family["gran"].get("/f/plan/write/"))
    assert "What the plan must do The lead practitioner can only agree a plan that meets these." in writing
    assert BOTTOM_LINE in writing
    plan = {
        "rows_0": "1",
        "rows_1": "1",
        "bottom_line_0": "Gary Shaw does not come to the house.",
        "action_0_what": "Gran walks Mia to school.",
        "action_0_who": "Gran",
        "action_0_by_when": "From Monday",
        "action_1_what": "Mum tells Gary Shaw not to visit.",
        "action_1_who": "Sarah",
        "action_1_by_when": "Now",
        "contingency": "Uncle Tom steps in.",
        "how_checked": "We meet on Sundays.",
    }
    added = family["gran"].post("/f/plan/write/", {**plan, "add": "0"})
    assert "Action 2" in _main(added)
    assert _soup(added).select_one("#id_action_0_what").text.strip() == "Gran walks Mia to school."
    assert _soup(added).select_one("#id_action_0_1_what") is not None
    plan.update(
        {
            "rows_0": "2",
            "action_0_1_what": "The school rings Sarah if Mia is not there by 9.",
            "action_0_1_who": "Sarah",
            "action_0_1_by_when": "This term",
        }
    )
    _post_ok(family["gran"], "/f/plan/write/", {**plan, "submit": ""})

    # The lead practitioner reads each bottom line beside the family's answer, and agrees the plan.
    reading = _main(practitioner.get(f"/cases/{case.pk}/plan/"))
    assert f"How the plan meets the bottom lines {BOTTOM_LINE} Gary Shaw does not come to the house." in reading
    assert "The school rings Sarah if Mia is not there by 9." in reading
    assert _tasks(practitioner.get(f"/cases/{case.pk}/"))["Family plan"] == "Waiting for agreement"
    review_on = timezone.localdate() + timedelta(days=90)
    _post_ok(
        practitioner,
        f"/cases/{case.pk}/plan/",
        {"agreed": "yes", "review_on": review_on.strftime("%d/%m/%Y")},
    )
    due = date_format(review_on, "j F Y")
    steps = _tasks(coordinator.get(f"/cases/{case.pk}/"))
    assert steps["Family plan"] == "Agreed"
    assert steps["Review"] == f"Due on {due}"
    assert steps["Outcome and closure"] == "Record the outcome"
    assert f"Your plan is agreed It will be looked at again on {due}." in _main(family["parent"].get("/f/plan/"))

    # The day of the meeting comes and goes; the coordinator records who came.
    MeetingPart.objects.update(starts_at=F("starts_at") - timedelta(days=11), ends_at=F("ends_at") - timedelta(days=11))
    _post_ok(coordinator, f"/cases/{case.pk}/meeting/held/", {"attended": [parent.pk, gran.pk]})

    # The review meeting, recorded after it happened (past times allowed here, with a confirmation).
    yesterday = _day(-1)
    refused = coordinator.post(
        f"/cases/{case.pk}/meeting/record-past/",
        {"kind": "review", "day": yesterday, "start": "10:00", "end": "11:00", "venue_name": "Family Centre"},
    )
    assert _errors(refused) == ["Confirm that this meeting has already taken place."]
    not_allowed = coordinator.post(
        f"/cases/{case.pk}/meeting/record-past/",
        {
            "kind": "review",
            "day": yesterday,
            "start": "10:00",
            "end": "11:00",
            "venue_name": "Family Centre",
            "attended": [gary.pk],
            "confirm": "on",
        },
    )
    assert _errors(not_allowed) == [f"Select a valid choice. {gary.pk} is not one of the available choices."]
    _post_ok(
        coordinator,
        f"/cases/{case.pk}/meeting/record-past/",
        {
            "kind": "review",
            "day": yesterday,
            "start": "10:00",
            "end": "11:00",
            "venue_name": "Family Centre",
            "attended": [parent.pk, gran.pk],
            "confirm": "on",
        },
    )

    # At the review the agreed plan stays in view for staff and family, and the Review step is done.
    reading = _main(practitioner.get(f"/cases/{case.pk}/plan/"))
    assert "This is the plan agreed at an earlier meeting." in reading
    assert "Gran walks Mia to school." in reading
    steps = _tasks(practitioner.get(f"/cases/{case.pk}/"))
    assert steps["Family plan"] == "Agreed"
    assert steps["Review"] == "Review meeting held"
    parent_view = _main(family["parent"].get("/f/plan/"))
    assert "This is the plan agreed at your last meeting. At the review your family can change it." in parent_view
    assert "Gran walks Mia to school." in parent_view

    # The plan writer starts the revised plan from the agreed one: every section filled in.
    _post_ok(coordinator, f"/cases/{case.pk}/meeting/plan-writer/", {"plan_writer": gran.pk})
    assert "Change the plan" in _main(family["gran"].get("/f/plan/"))
    form = _soup(family["gran"].get("/f/plan/write/"))
    assert form.select_one("#id_action_0_what").text.strip() == "Gran walks Mia to school."
    assert form.select_one("#id_action_0_1_what").text.strip() == "The school rings Sarah if Mia is not there by 9."
    assert form.select_one("#id_bottom_line_0").text.strip() == "Gary Shaw does not come to the house."
    assert form.select_one("#id_contingency").text.strip() == "Uncle Tom steps in."
    _post_ok(
        family["gran"],
        "/f/plan/write/",
        {**plan, "action_0_what": "Mia takes the school bus with her cousin.", "submit": ""},
    )

    # The revised plan is agreed; the first one is kept with its decision.
    reading = _main(practitioner.get(f"/cases/{case.pk}/plan/"))
    assert "Mia takes the school bus with her cousin." in reading
    agreed_on = date_format(timezone.localdate(), "j F Y")
    assert f"Family group meeting 1 Gran Jones, {agreed_on} Agreed by Lee Practitioner on {agreed_on}" in reading
    next_review = timezone.localdate() + timedelta(days=120)
    _post_ok(
        practitioner,
        f"/cases/{case.pk}/plan/",
        {"agreed": "yes", "review_on": next_review.strftime("%d/%m/%Y")},
    )
    assert PlanAgreement.objects.current().filter(agreed=True).count() == 2
    assert _tasks(practitioner.get(f"/cases/{case.pk}/"))["Review"] == f"Due on {date_format(next_review, 'j F Y')}"
    assert "Mia takes the school bus with her cousin." in _main(family["parent"].get("/f/plan/"))

    # Outcome and closure.
    _post_ok(coordinator, f"/cases/{case.pk}/outcome/", {f"living_{child.pk}": "at_home", "close_case": "on"})
    steps = _tasks(manager.get(f"/cases/{case.pk}/"))
    assert steps["Outcome and closure"] == "Case closed"
    for who in ("practitioner", "coordinator", "manager"):
        _crawl(clients[who], "/cases/")

    # The two kept from the meeting learnt nothing of it at any point: no plan, no time, venue or names.
    for name in ("uncle", "gary"):
        assert family[name].get("/f/plan/").status_code == 404
        assert family[name].get("/f/plan/write/").status_code == 404
        seen = _main(family[name].get("/f/meeting/"))
        for withheld in WITHHELD:
            assert withheld not in seen, (name, withheld)


def test_a_case_where_the_meeting_was_not_offered_says_why_and_asks_for_nothing_more(staff):
    people, clients = staff
    from fgdm.services.cases import create_referral, record_duty_to_offer

    case = create_referral(
        lead_practitioner=people["practitioner"],
        stage="pre_proceedings",
        worries=WORRIES,
        children=[{"name": "Mia Jones", "date_of_birth": date(2016, 5, 14), "first_language": "en"}],
        actor=people["practitioner"],
    )
    record_duty_to_offer(
        case=case,
        offered=False,
        offered_on=None,
        reason_not_offered="Mia's father has a court order against the whole family.",
        actor=people["practitioner"],
    )
    page = clients["practitioner"].get(f"/cases/{case.pk}/")
    text = _main(page)
    assert (
        "A family group meeting was not offered Mia's father has a court order against the whole family. "
        f"Decided by Lee Practitioner on {date_format(timezone.localdate(), 'j F Y')}."
    ) in text
    assert _tasks(page) == {"Referral": "Completed", "Duty to offer a meeting": "Not offered"}
    assert "Not assigned" not in text
    row = _soup(clients["manager"].get("/cases/")).select_one("tbody tr")
    assert normalize_spaces(row.select("td")[-1].get_text()) == "Nothing to do"
