"""Reminding the coordinator that an agreed plan is due for review, so they arrange the review meeting."""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from fgdm.selectors.reviews import reviews_to_remind
from portal.accounts.messaging import staff_ref
from portal.messaging.notify import notify_member


def remind_of_reviews(*, today: date | None = None) -> int:
    """Email each open case's coordinator ``REVIEW_REMINDER_DAYS_AHEAD`` days before its review date,
    while no review meeting is arranged. Once per case and review date, however often it runs:
    the idempotency key holds the date, so a new review date is a new reminder. Returns how many
    reminders were queued now."""
    today = today or timezone.localdate()
    queued = 0
    for case, review in reviews_to_remind(today=today, days_ahead=settings.REVIEW_REMINDER_DAYS_AHEAD):
        coordinator = case.coordinator
        if coordinator is None:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            when = date_format(review.review_on, "j F Y")
        notice = notify_member(
            recipient_ref=staff_ref(coordinator),
            case_ref=case.ref,
            template="fgdm.review_due",
            # No names and nothing of the plan: which case, when, and where to arrange the meeting.
            context={
                "case": case.reference,
                "date": when,
                "url": f"{settings.PUBLIC_BASE_URL}/cases/{case.pk}/meeting/review/",
            },
            idempotency_key=f"fgdm.review_due:{case.pk}:{review.review_on.isoformat()}:{coordinator.pk}",
            with_link=False,
        )
        queued += notice.new
    return queued
