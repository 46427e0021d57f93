"""One case's whole life in a real browser, as the four staff roles and three family members.

Referral, coordinator, network, consent, exclusions (one person gives written views only, one has a
separate meeting), the first meeting, the plan sent and agreed, a support package decided, the review
meeting recorded after it happened, the revised plan agreed, the outcome recorded and the case closed.
At each step the test reads what each person sees; axe-core runs on every page visited: staff at
1280 px, the family on 320 px phones.
"""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from tests.browser.conftest import VIEWPORTS, assert_accessible, follow
from tests.browser.test_coordinator_journey import _sign_in
from tests.factories import make_staff
from tests.family import sign_in_page
from tests.text import normalize_spaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORRIES = "Mia often misses school.\nMia is shouted at when Gary Shaw visits."
BOTTOM_LINE = "Mia must not be left alone with Gary Shaw."
# What the uncle (written views only) and Gary (a separate meeting) must never learn of the main meeting.
MAIN_MEETING = ("Info Hall", "1 Info Street", "Family Room", "2 Private Road", "Gran walks Mia", BOTTOM_LINE)


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def _main(page) -> str:
    return normalize_spaces(page.locator("main").inner_text())


def _step(page, name: str) -> str:
    """A case step's status as the case page shows it."""
    item = page.locator(".govuk-task-list__item", has=page.locator(".govuk-task-list__name-and-hint", has_text=name))
    return normalize_spaces(item.first.locator(".govuk-task-list__status").inner_text())


def _visit(page, path: str) -> None:
    """Open a page; it must open (no 403, no 404) and pass axe."""
    response = page.goto(path)
    assert response is not None and response.status == 200, (path, response and response.status)
    assert_accessible(page)


def _no_link_refused(page) -> None:
    """Every link in the page's main content opens for the person looking at it."""
    hrefs = page.eval_on_selector_all("main a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    refused = [href for href in set(hrefs) if page.request.get(href, max_redirects=0).status == 403]
    assert refused == [], f"{page.url} links to pages this person may not open: {refused}"


def _saved(page, button: str, url: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(re.compile(url))


def _open(browser, live_server, width: str):
    context = browser.new_context(viewport=VIEWPORTS[width], base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_case_from_referral_to_closure_in_the_browser(browser, live_server):
    from fgdm.models import Case, MeetingPart, NetworkMember
    from network_support.models import SupportRequest

    users = {
        "practitioner": make_staff(
            roles.LEAD_PRACTITIONER, email="lee@council.example", first_name="Lee", last_name="Amos"
        ),
        "coordinator": make_staff(
            roles.COORDINATOR, email="chris@council.example", first_name="Chris", last_name="Okafor"
        ),
        "manager": make_staff(roles.SERVICE_MANAGER, email="morgan@council.example", first_name="Morgan"),
        "editor": make_staff(roles.CONTENT_EDITOR, email="eddie@council.example", first_name="Eddie"),
    }
    desk = {name: _open(browser, live_server, "desktop") for name in users}
    for name, user in users.items():
        _sign_in(desk[name], user)
    practitioner, coordinator, manager, editor = (desk[n] for n in ("practitioner", "coordinator", "manager", "editor"))

    # The content editor edits guides; cases are not theirs, so no link leads there.
    _visit(editor, "/staff/")
    assert "/cases/" not in editor.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    _no_link_refused(editor)
    # The coordinator is not offered "Refer a family"; the lead practitioner is.
    _visit(coordinator, "/cases/")
    assert "Refer a family" not in _main(coordinator)

    # Referral, by the lead practitioner.
    _visit(practitioner, "/cases/")
    follow(practitioner, practitioner.get_by_role("link", name="Refer a family"))
    assert_accessible(practitioner)
    practitioner.get_by_label("Child protection").check()
    practitioner.get_by_label("Child's full name").fill("Mia Jones")
    practitioner.get_by_label("Child's date of birth").fill("14/05/2016")
    practitioner.get_by_label("What are you worried about?").fill(WORRIES)
    practitioner.get_by_label("Bottom lines").fill(BOTTOM_LINE)
    _saved(practitioner, "Create referral", r"/cases/\d+/$")
    case = Case.objects.get()
    assert _step(practitioner, "Independent coordinator") == "Not assigned"
    assert_accessible(practitioner)
    _no_link_refused(practitioner)

    # The service manager assigns the coordinator.
    _visit(manager, f"/cases/{case.pk}/")
    follow(manager, manager.locator(".govuk-task-list__link", has_text="Independent coordinator"))
    assert_accessible(manager)
    manager.get_by_label("Independent coordinator").select_option(label="Chris Okafor")
    manager.locator("main form button[type=submit]").click()
    expect(manager).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    assert _step(manager, "Independent coordinator") != "Not assigned"

    # The coordinator builds the network and records the parent's consent.
    for name, relationship, phone, pr in (
        ("Sarah Jones", "mother", "07400 123451", True),
        ("Gran Jones", "grandmother", "07400 123452", False),
        ("Bob Jones", "uncle", "07400 123453", False),
        ("Gary Shaw", "mother's partner", "07400 123454", False),
    ):
        _visit(coordinator, f"/cases/{case.pk}/network/add/")
        coordinator.get_by_label("Full name").fill(name)
        coordinator.get_by_label("Relationship to Mia Jones").fill(relationship)
        coordinator.get_by_label("Mobile phone number").fill(phone)
        if pr:
            coordinator.get_by_label("Has parental responsibility").check()
        _saved(coordinator, "Add person", "/network/$")
    assert_accessible(coordinator)
    members = {m.name.split()[0]: m for m in NetworkMember.objects.filter(case=case)}
    gran, uncle, gary = members["Gran"], members["Bob"], members["Gary"]
    _visit(coordinator, f"/cases/{case.pk}/consent/")
    coordinator.get_by_label("Consent given").check()
    coordinator.get_by_label("In person").check()
    _saved(coordinator, "Record consent decision", rf"/cases/{case.pk}/$")

    # Exclusions: the uncle gives his views in writing; Gary Shaw has a separate meeting.
    for page, member, choice, reason in (
        (practitioner, uncle, "Gives views in writing only", "Violent behaviour"),
        (coordinator, gary, "A separate meeting", "Domestic abuse"),
    ):
        _visit(page, f"/cases/{case.pk}/network/{member.pk}/participation/")
        page.get_by_label(choice).check()
        page.get_by_label(reason, exact=True).check()
        page.get_by_label("Review this decision by").fill(_day(60))
        _saved(page, "Record decision", "/network/$")
        assert_accessible(page)

    # The first meeting, arranged and invited to; the plan writer chosen.
    meeting_day = _day(10)
    _visit(coordinator, f"/cases/{case.pk}/meeting/")
    for part, start, end, venue, address in (
        ("information_sharing", "10:00", "11:00", "Info Hall", "1 Info Street"),
        ("private_family_time", "11:15", "12:30", "Family Room", "2 Private Road"),
    ):
        coordinator.locator(f"#id_{part}_date").fill(meeting_day)
        coordinator.locator(f"#id_{part}_start").fill(start)
        coordinator.locator(f"#id_{part}_end").fill(end)
        coordinator.locator(f"#id_{part}_venue_name").fill(venue)
        coordinator.locator(f"#id_{part}_venue_address").fill(address)
    _saved(coordinator, "Save meeting", rf"/cases/{case.pk}/$")
    _visit(coordinator, f"/cases/{case.pk}/meeting/invite/")
    _saved(coordinator, "Send invitations", "/meeting/replies/$")
    assert_accessible(coordinator)

    # Gary's separate meeting: its own time and venue, and only he is invited.
    _visit(coordinator, f"/cases/{case.pk}/meeting/separate/")
    coordinator.get_by_label("Gary Shaw").check()
    coordinator.locator("#id_information_sharing_date").fill(_day(12))
    coordinator.locator("#id_information_sharing_start").fill("15:00")
    coordinator.locator("#id_information_sharing_end").fill("16:00")
    coordinator.locator("#id_information_sharing_venue_name").fill("Library Room 2")
    _saved(coordinator, "Save meeting", "/meeting/separate/$")
    assert_accessible(coordinator)
    _saved(coordinator, "Send invitations", "/meeting/separate/$")
    assert_accessible(coordinator)
    # The main meeting's reply board says a separate meeting exists, never when or where.
    _visit(coordinator, f"/cases/{case.pk}/meeting/replies/")
    assert "A separate meeting has been arranged for 1 person." in _main(coordinator)
    assert "Library Room 2" not in _main(coordinator)

    _visit(coordinator, f"/cases/{case.pk}/meeting/plan-writer/")
    coordinator.get_by_label("Gran Jones").check()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"/cases/{case.pk}/"))
    _visit(coordinator, f"/cases/{case.pk}/")
    assert _step(coordinator, "Family plan") == "Being written"
    _no_link_refused(coordinator)

    # Three family members on their phones, each seeing only their own part.
    phones = {name: _open(browser, live_server, "phone") for name in ("gran", "uncle", "gary")}
    for name, member in (("gran", gran), ("uncle", uncle), ("gary", gary)):
        sign_in_page(phones[name], member)
        _visit(phones[name], "/f/meeting/")
    assert "Info Hall" in _main(phones["gran"]) and "Library Room 2" not in _main(phones["gran"])
    gary_sees = _main(phones["gary"])
    assert "Library Room 2" in gary_sees
    for withheld in MAIN_MEETING:
        assert withheld not in gary_sees, withheld
        assert withheld not in _main(phones["uncle"]), withheld

    # The uncle writes his views; the coordinator records Gary's, shares the uncle's with the meeting.
    follow(phones["uncle"], phones["uncle"].get_by_role("link", name="Tell us your views in writing"))
    assert_accessible(phones["uncle"])
    phones["uncle"].get_by_label("What is going well?").fill("Mia loves football.")
    phones["uncle"].get_by_label("What could you do to help?").fill("I can drive Mia to football on Saturdays.")
    follow(phones["uncle"], phones["uncle"].get_by_role("button", name="Send your views"))
    assert_accessible(phones["uncle"])
    _visit(coordinator, f"/cases/{case.pk}/views/")
    coordinator.get_by_role("textbox", name="Their worries").fill("I want to see Mia.")
    coordinator.get_by_role("textbox", name="What they can offer").fill("I can buy Mia's school shoes.")
    _saved(coordinator, "Record views", "/views/$")
    views = _main(coordinator)
    assert "Bob Jones: In writing" in views and "Gary Shaw: At a separate meeting" in views
    assert_accessible(coordinator)
    # The uncle's views go to the meeting whole; of Gary's, only his offer of help.
    for said, keep_back in (("Mia loves football.", ()), ("I want to see Mia.", ("Worries",))):
        card = coordinator.locator(".govuk-summary-card", has_text=said)
        for label in keep_back:
            card.get_by_role("checkbox", name=label, exact=True).uncheck()
        card.get_by_role("button", name="Share with the meeting").click()
        expect(coordinator.locator(".govuk-notification-banner")).to_contain_text("Shared with the meeting.")
    assert_accessible(coordinator)

    # The plan writer writes the plan with the bottom line in view, two actions for the first worry.
    gran_phone = phones["gran"]
    _visit(gran_phone, "/f/plan/")
    shared_views = _main(gran_phone)
    assert "Mia loves football." in shared_views and "I can buy Mia's school shoes." in shared_views
    assert "I want to see Mia." not in shared_views
    _visit(gran_phone, "/f/plan/write/")
    assert BOTTOM_LINE in _main(gran_phone)
    gran_phone.locator("#id_action_0_what").fill("Gran walks Mia to school.")
    gran_phone.locator("#id_action_0_who").fill("Gran")
    gran_phone.locator("#id_action_0_by_when").fill("From Monday")
    gran_phone.locator("#id_action_0_help_needed").fill("Bus fares for Gran.")
    gran_phone.locator("#id_action_1_what").fill("Mum tells Gary Shaw not to visit.")
    gran_phone.locator("#id_action_1_who").fill("Sarah")
    gran_phone.locator("#id_action_1_by_when").fill("Now")
    gran_phone.locator("#id_bottom_line_0").fill("Gary Shaw does not come to the house.")
    gran_phone.locator("#id_contingency").fill("Uncle Bob steps in.")
    gran_phone.locator("#id_how_checked").fill("We meet on Sundays.")
    gran_phone.get_by_role("button", name="Add another action for this worry").first.click()
    expect(gran_phone.locator("#id_action_0_1_what")).to_be_visible()
    assert_accessible(gran_phone)
    gran_phone.locator("#id_action_0_1_what").fill("The school rings Sarah if Mia is not there by 9.")
    gran_phone.locator("#id_action_0_1_who").fill("Sarah")
    gran_phone.locator("#id_action_0_1_by_when").fill("This term")
    _saved(gran_phone, "Send the plan", "/f/plan/$")
    assert_accessible(gran_phone)

    # The lead practitioner reads each bottom line beside the family's answer and agrees the plan.
    _visit(practitioner, f"/cases/{case.pk}/plan/")
    assert BOTTOM_LINE in _main(practitioner) and "Gary Shaw does not come to the house." in _main(practitioner)
    practitioner.get_by_label("Yes, I agree the plan").check()
    practitioner.get_by_label("Review date").fill(_day(90))
    practitioner.get_by_role("button", name="Record decision").click()
    expect(practitioner.locator(".govuk-notification-banner")).to_contain_text("Decision recorded.")
    assert_accessible(practitioner)
    _visit(coordinator, f"/cases/{case.pk}/")
    assert _step(coordinator, "Family plan") == "Agreed"
    assert _step(coordinator, "Review").startswith("Due on")
    _visit(gran_phone, "/f/plan/")
    assert "Your plan is agreed" in _main(gran_phone)

    # A support package: the plan writer asks for bus fares; the lead practitioner agrees it.
    _visit(gran_phone, "/f/help/")
    follow(gran_phone, gran_phone.get_by_role("link", name=re.compile("Ask for help with this")).first)
    assert_accessible(gran_phone)
    gran_phone.get_by_label("Transport").check()
    gran_phone.get_by_label("What exactly do you need?").fill("Weekly bus pass for Gran")
    gran_phone.get_by_label("How much does it cost each time, in pounds?").fill("12.50")
    gran_phone.get_by_label("Every week").check()
    gran_phone.get_by_label("When do you need it from?").fill(_day(7))
    gran_phone.get_by_label("Or: how many times do you need it? (optional)").fill("13")
    _saved(gran_phone, "Send request", r"/f/help/\d+/$")
    assert_accessible(gran_phone)
    support = SupportRequest.objects.get()
    _visit(practitioner, "/support/")
    follow(practitioner, practitioner.get_by_role("link", name=support.reference))
    assert_accessible(practitioner)
    follow(practitioner, practitioner.get_by_role("link", name="Decide"))
    assert_accessible(practitioner)
    practitioner.get_by_label("Yes", exact=True).check()
    practitioner.get_by_label("Reason for the family").fill("We will pay for the bus pass for 13 weeks.")
    practitioner.get_by_label("Review date").fill(_day(60))
    _saved(practitioner, "Record decision", rf"/requests/{support.pk}/$")
    assert "Short-term" in _main(practitioner)
    assert_accessible(practitioner)
    gran_phone.reload()
    expect(gran_phone.locator("#reason")).to_contain_text("We will pay for the bus pass for 13 weeks.")
    assert_accessible(gran_phone)

    # The meeting day comes and goes; the coordinator records who came.
    MeetingPart.objects.filter(meeting__kind="first").update(
        starts_at=F("starts_at") - timedelta(days=11), ends_at=F("ends_at") - timedelta(days=11)
    )
    _visit(coordinator, f"/cases/{case.pk}/meeting/held/")
    coordinator.get_by_label("Sarah Jones").check()
    coordinator.get_by_label("Gran Jones").check()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"/cases/{case.pk}/"))

    # The review meeting, recorded after it happened, with a confirmation.
    _visit(coordinator, f"/cases/{case.pk}/meeting/record-past/")
    coordinator.get_by_label("Date it was held").fill(_day(-1))
    coordinator.get_by_label("Started at").fill("10:00")
    coordinator.get_by_label("Ended at").fill("11:00")
    coordinator.get_by_label("Where it was held").fill("Family Centre")
    coordinator.get_by_label("Gran Jones").check()
    coordinator.locator("main form button[type=submit]").click()
    assert (
        "Confirm that this meeting has already taken place." in coordinator.locator(".govuk-error-summary").inner_text()
    )
    expect(coordinator.get_by_label("Where it was held")).to_have_value("Family Centre")
    assert_accessible(coordinator)
    coordinator.get_by_label(re.compile("I confirm this meeting has already taken place")).check()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"/cases/{case.pk}/"))
    _visit(coordinator, f"/cases/{case.pk}/")
    assert _step(coordinator, "Review") == "Review meeting held"
    assert _step(coordinator, "Family plan") == "Agreed"

    # The agreed plan stays in view; the plan writer starts the revised plan from it.
    _visit(coordinator, f"/cases/{case.pk}/meeting/plan-writer/")
    coordinator.get_by_label("Gran Jones").check()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"/cases/{case.pk}/"))
    _visit(gran_phone, "/f/plan/")
    assert "This is the plan agreed at your last meeting." in _main(gran_phone)
    gran_phone.get_by_role("link", name="Change the plan").click()
    expect(gran_phone.locator("#id_action_0_what")).to_have_value("Gran walks Mia to school.")
    expect(gran_phone.locator("#id_action_0_1_what")).to_have_value("The school rings Sarah if Mia is not there by 9.")
    expect(gran_phone.locator("#id_bottom_line_0")).to_have_value("Gary Shaw does not come to the house.")
    assert_accessible(gran_phone)
    gran_phone.locator("#id_action_0_what").fill("Mia takes the school bus with her cousin.")
    _saved(gran_phone, "Send the plan", "/f/plan/$")
    assert_accessible(gran_phone)

    # The revised plan is agreed; the first is kept with its decision.
    _visit(practitioner, f"/cases/{case.pk}/plan/")
    assert "Mia takes the school bus with her cousin." in _main(practitioner)
    assert "Earlier versions" in _main(practitioner)
    practitioner.get_by_label("Yes, I agree the plan").check()
    practitioner.get_by_label("Review date").fill(_day(120))
    practitioner.get_by_role("button", name="Record decision").click()
    expect(practitioner.locator(".govuk-notification-banner")).to_contain_text("Decision recorded.")
    _visit(gran_phone, "/f/plan/")
    assert "Mia takes the school bus with her cousin." in _main(gran_phone)

    # Outcome recorded, case closed; the manager sees it closed.
    _visit(coordinator, f"/cases/{case.pk}/outcome/")
    coordinator.get_by_label("At home").check()
    coordinator.get_by_label("Close the case").check()
    _saved(coordinator, "Save outcome", rf"/cases/{case.pk}/")
    _visit(manager, f"/cases/{case.pk}/")
    assert _step(manager, "Outcome and closure") == "Case closed"
    for page in (practitioner, coordinator, manager):
        _visit(page, f"/cases/{case.pk}/")
        _no_link_refused(page)

    # The two kept from the meeting learnt nothing of it at any point.
    for name in ("uncle", "gary"):
        _visit(phones[name], "/f/meeting/")
        seen = _main(phones[name])
        for withheld in MAIN_MEETING:
            assert withheld not in seen, (name, withheld)
        assert phones[name].goto("/f/plan/").status == 404
