"""A plan agreed with a review date opens the Review step; arranging the review meeting starts from
that date (a new meeting, never an edit of the first); the coordinator is reminded ahead of the date."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format
from django_q.models import Schedule

from fgdm.factories import PlanAgreementFactory
from fgdm.models import Meeting
from fgdm.models.meetings import MeetingKind
from fgdm.services.reviews import remind_of_reviews
from fgdm.tasks import review_reminders
from portal.accounts import roles
from portal.messaging.models import OutboundMessage
from tests.factories import make_staff
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


def _agreed(**fields):
    """A plan agreed on a case whose coordinator has signed in with MFA, as staff must."""
    return PlanAgreementFactory(version__meeting__case__coordinator=make_staff(roles.COORDINATOR), **fields)


def _review_step(client, case):
    page = BeautifulSoup(client.get(f"/cases/{case.pk}/").content, "html.parser")
    for item in page.select(".govuk-task-list__item"):
        if normalize_spaces(item.select_one(".govuk-task-list__name-and-hint").get_text(" ")) == "Review":
            link = item.select_one("a")
            status = normalize_spaces(item.select_one(".govuk-task-list__status").get_text(" "))
            return status, link["href"] if link else ""
    raise AssertionError("no Review step")


def test_arranging_the_review_starts_from_its_date_and_leaves_the_first_meeting_alone(client):
    review_on = timezone.localdate() + timedelta(days=60)
    agreement = _agreed(review_on=review_on)
    first = agreement.version.meeting  # still "Being arranged": nobody marked it held
    case = first.case
    first_parts = list(first.parts.values_list("kind", "starts_at", "venue_name"))
    client.force_login(case.coordinator)

    assert _review_step(client, case) == (
        f"Due on {date_format(review_on, 'j F Y')}",
        f"/cases/{case.pk}/meeting/review/",
    )
    page = BeautifulSoup(client.get(f"/cases/{case.pk}/meeting/review/").content, "html.parser")
    assert normalize_spaces(page.select_one("h1").text) == "Arrange the review meeting"
    assert normalize_spaces(page.select_one(".govuk-inset-text").text) == (
        f"The plan is due for review on {date_format(review_on, 'j F Y')}. "
        "The form starts from that date and the last meeting's times and venues."
    )
    assert page.select_one("#id_information_sharing_date")["value"] == review_on.strftime("%d/%m/%Y")
    assert page.select_one("#id_information_sharing_venue_name")["value"] == "Riverside Family Centre"
    assert page.select_one("[name=kind]") is None  # it is a review meeting; nothing to choose

    form = {
        field["name"]: field.get("value", "")
        for field in page.select("main form input")
        if field.get("name") and field.get("type") != "radio"
    }
    response = client.post(f"/cases/{case.pk}/meeting/review/", {**form, "information_sharing_venue_name": "Town Hall"})
    assert response.status_code == 302, [
        normalize_spaces(li.text)
        for li in BeautifulSoup(response.content, "html.parser").select(".govuk-error-summary li")
    ]

    review = Meeting.objects.exclude(pk=first.pk).get(case=case)
    assert review.kind == MeetingKind.REVIEW
    assert review.parts.get(kind="information_sharing").venue_name == "Town Hall"
    assert timezone.localtime(review.parts.get(kind="information_sharing").starts_at).date() == review_on
    assert list(first.parts.values_list("kind", "starts_at", "venue_name")) == first_parts
    # Now the step follows the review meeting, and arranging a second one is not offered.
    assert _review_step(client, case) == ("Being arranged", f"/cases/{case.pk}/meeting/")
    again = client.get(f"/cases/{case.pk}/meeting/review/")
    assert again.status_code == 302 and again["Location"] == f"/cases/{case.pk}/meeting/"


def test_without_an_agreed_plan_the_review_cannot_start(client):
    agreement = _agreed(agreed=False, reason="The plan does not say who collects Mia.", review_on=None)
    case = agreement.version.meeting.case
    client.force_login(case.coordinator)
    assert _review_step(client, case) == ("Cannot start yet", "")
    assert client.get(f"/cases/{case.pk}/meeting/review/")["Location"] == f"/cases/{case.pk}/"


@override_settings(REVIEW_REMINDER_DAYS_AHEAD=7)
def test_the_coordinator_is_reminded_once_a_week_ahead_of_the_review_date(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    agreement = _agreed(review_on=today + timedelta(days=10))
    case = agreement.version.meeting.case
    mail.outbox.clear()

    assert remind_of_reviews(today=today) == 0  # ten days ahead: not yet
    with django_capture_on_commit_callbacks(execute=True):  # the worker sends it once the queueing commits
        assert remind_of_reviews(today=today + timedelta(days=3)) == 1
    assert remind_of_reviews(today=today + timedelta(days=4)) == 0  # once per review date, however often it runs

    row = OutboundMessage.objects.get(template="fgdm.review_due")
    assert (row.recipient_ref, row.case_ref, row.channel, row.status) == (
        f"accounts.user:{case.coordinator.pk}",
        case.ref,
        "email",
        "sent",
    )
    due = date_format(agreement.review_on, "j F Y")
    [email] = mail.outbox
    assert email.to == [case.coordinator.email]
    assert email.subject == f"A plan review is due on {due} ({case.reference})"
    assert email.body == (
        f"The family plan for case {case.reference} is due for review on {due}. "
        f"Arrange the review meeting here:\n{settings.PUBLIC_BASE_URL}/cases/{case.pk}/meeting/review/"
    )


def test_no_reminder_once_the_review_meeting_is_arranged_or_the_case_is_closed(client):
    today = timezone.localdate()
    arranged = _agreed(review_on=today + timedelta(days=5)).version.meeting.case
    client.force_login(arranged.coordinator)
    page = BeautifulSoup(client.get(f"/cases/{arranged.pk}/meeting/review/").content, "html.parser")
    form = {f["name"]: f.get("value", "") for f in page.select("main form input") if f.get("name")}
    assert client.post(f"/cases/{arranged.pk}/meeting/review/", form).status_code == 302
    closed = _agreed(review_on=today + timedelta(days=5)).version.meeting.case
    closed.closed_at = timezone.now()
    closed.save(update_fields=["closed_at"])

    assert remind_of_reviews(today=today) == 0
    assert not OutboundMessage.objects.filter(template="fgdm.review_due").exists()


def test_the_reminders_run_every_day():
    schedule = Schedule.objects.get(func="fgdm.tasks.review_reminders")
    assert schedule.schedule_type == Schedule.DAILY
    assert review_reminders() == 0
