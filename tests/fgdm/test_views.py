from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from fgdm.factories import CaseFactory, ConsentDecisionFactory, ExclusionDecisionFactory
from fgdm.models import ExclusionReason, Participation
from portal.audit.models import AuditEvent
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [normalize_spaces(li.text) for li in page.select(".govuk-error-summary__list li")]


def test_a_meeting_in_the_past_or_ending_before_it_starts_is_refused_and_keeps_what_was_typed(
    client, case, coordinator
):
    client.force_login(coordinator)
    past = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    future = (date.today() + timedelta(days=7)).strftime("%d/%m/%Y")

    first = client.post(
        f"/cases/{case.pk}/meeting/",
        {
            "kind": "first",
            "information_sharing_date": past,
            "information_sharing_start": "10:00",
            "information_sharing_end": "11:00",
            "information_sharing_venue_name": "Hall",
        },
    )
    second = client.post(
        f"/cases/{case.pk}/meeting/",
        {
            "kind": "first",
            "information_sharing_date": future,
            "information_sharing_start": "10:00",
            "information_sharing_end": "09:00",
            "information_sharing_venue_name": "Hall",
        },
    )

    assert errors(first) == ["The start time must be in the future."]
    assert errors(second) == ["The end time must be after the start time."]
    assert (
        BeautifulSoup(second.content, "html.parser").select_one("#id_information_sharing_venue_name")["value"] == "Hall"
    )
    assert not case.meetings.exists()


def test_a_member_with_no_safe_way_to_contact_them_is_refused(client, case, coordinator):
    client.force_login(coordinator)

    response = client.post(
        f"/cases/{case.pk}/network/add/", {"name": "Tom Uncle", "language": "en", "phone": "07400 123456"}
    )

    assert errors(response) == [
        "Enter a mobile number, an email address or a postal address that is safe to use, so we can contact them."
    ]
    assert not case.members.exists()


def test_reading_exclusion_reasons_is_audited_and_they_are_shown_only_to_staff(
    client, case, coordinator, member_factory
):
    uncle = member_factory("Tom Uncle")
    ExclusionDecisionFactory(
        member=uncle,
        participation=Participation.NO_CONTACT,
        reasons=[ExclusionReason.COERCIVE_CONTROL],
        note="Bail conditions",
        decided_by=coordinator,
    )
    client.force_login(coordinator)

    response = client.get(f"/cases/{case.pk}/network/{uncle.pk}/participation/")

    assert "Bail conditions" in response.content.decode()
    event = AuditEvent.objects.get(action="exclusion.reasons_viewed")
    assert (event.actor, event.object_id) == (coordinator, str(uncle.pk))


def test_withdrawn_consent_is_shown_prominently_on_the_case(client, case, coordinator, consented):
    from fgdm.models.consent import ConsentMethod, ConsentStatus

    ConsentDecisionFactory(member=consented, status=ConsentStatus.WITHDRAWN, method=ConsentMethod.PHONE)
    client.force_login(coordinator)

    page = BeautifulSoup(client.get(f"/cases/{case.pk}/").content, "html.parser")

    assert "Nobody in the family network will be contacted" in normalize_spaces(
        page.select_one(".govuk-warning-text").text
    )


def test_the_case_list_shows_a_page_of_cases_at_a_time_in_the_same_number_of_queries(client, practitioner):

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fgdm.views.cases import CASES_PER_PAGE

    def refer(count):
        CaseFactory.create_batch(
            count, lead_practitioner=practitioner, coordinator=None, stage="pre_proceedings", worries="x"
        )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/cases/")
        return len(captured), response

    client.force_login(practitioner)
    refer(3)
    few, _response = queries()
    refer(2 * CASES_PER_PAGE + 2)
    many, response = queries()
    assert many <= few + 1  # at most the page count more, however many cases
    assert len(response.context["rows"]) == CASES_PER_PAGE
    assert response.context["rows"][0][1].label == "Independent coordinator"  # the next step, read in bulk
    assert "Page 1 of 3" in response.content.decode()
    assert len(client.get("/cases/", {"page": 3}).context["rows"]) == 5


def test_a_member_with_only_a_postal_address_can_be_added(client, case, coordinator):
    client.force_login(coordinator)

    response = client.post(
        f"/cases/{case.pk}/network/add/",
        {
            "name": "Stan Grandad",
            "language": "pa",
            "postal_address": "1 Mill Lane\r\nNorthtown NT1 1AA",
            "allow_post": "on",
        },
    )

    assert response.status_code == 302
    stan = case.members.get(name="Stan Grandad")
    assert (stan.phone, stan.email, stan.postal_address) == ("", "", "1 Mill Lane\nNorthtown NT1 1AA")


def test_a_postal_address_that_is_not_safe_is_refused_and_what_was_typed_is_kept(client, case, coordinator):
    client.force_login(coordinator)

    response = client.post(
        f"/cases/{case.pk}/network/add/",
        {"name": "Stan Grandad", "language": "pa", "postal_address": "1 Mill Lane\r\nNorthtown NT1 1AA"},
    )

    page = BeautifulSoup(response.content, "html.parser")
    assert errors(response) == [
        "Enter a mobile number, an email address or a postal address that is safe to use, so we can contact them."
    ]
    assert page.select_one("#id_postal_address").text.strip().splitlines() == ["1 Mill Lane", "Northtown NT1 1AA"]
    assert page.select_one("#id_name")["value"] == "Stan Grandad"
    assert not page.select_one("#id_allow_post").has_attr("checked")
    assert not case.members.exists()
