"""When a case's agreed plan is reviewed: the review date, and the review meeting arranged for it.

A plan agreed with a review date opens the review. The review meeting is the latest meeting (not
cancelled) arranged after the meeting whose plan is in force; until there is one, arranging it is
the coordinator's next step and they are reminded ahead of the date. Read for many cases in a fixed
number of queries.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from fgdm.models import Case, Meeting, PlanAgreement
from fgdm.models.meetings import MeetingKind, MeetingStatus


@dataclass(frozen=True)
class Review:
    agreement: PlanAgreement  # the agreed plan in force
    review_on: date
    meeting: Meeting | None  # the review meeting, once arranged


def reviews(case_ids) -> dict[int, Review]:
    """The review of each case with an agreed plan in force, by case id; cases without one are left out."""
    case_ids = list(case_ids)
    in_force: dict[int, PlanAgreement] = {}
    for agreement in (
        PlanAgreement.objects.current()
        .filter(agreed=True, version__meeting__case_id__in=case_ids)
        .select_related("version__meeting")
        .order_by("version__meeting__created_at", "version__meeting_id", "version__number")
    ):
        in_force[agreement.version.meeting.case_id] = agreement  # the newest agreed plan counts
    later: dict[int, list[Meeting]] = {}
    for meeting in (
        Meeting.objects.filter(case_id__in=list(in_force))
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(kind=MeetingKind.SEPARATE)
        .order_by("created_at", "pk")
    ):
        later.setdefault(meeting.case_id, []).append(meeting)
    found = {}
    for case_id, agreement in in_force.items():
        meetings = later.get(case_id, [])
        position = next(i for i, m in enumerate(meetings) if m.pk == agreement.version.meeting_id)
        after = meetings[position + 1 :]
        review_meeting = after[-1] if after else None
        found[case_id] = Review(agreement=agreement, review_on=agreement.review_on, meeting=review_meeting)
    return found


def review_of(case: Case) -> Review | None:
    return reviews([case.pk]).get(case.pk)


def reviews_to_remind(*, today: date, days_ahead: int) -> list[tuple[Case, Review]]:
    """Open cases whose review falls within ``days_ahead`` days and has no review meeting arranged yet.

    The window, not one exact day, so a day the scheduler missed is made up the next day.
    """
    candidates = (
        PlanAgreement.objects.current()
        .filter(
            agreed=True,
            review_on__gte=today,
            review_on__lte=today + timedelta(days=days_ahead),
            version__meeting__case__closed_at__isnull=True,
        )
        .values_list("version__meeting__case_id", flat=True)
    )
    cases = {c.pk: c for c in Case.objects.filter(pk__in=list(candidates)).select_related("coordinator")}
    due = reviews(cases)
    return [
        (cases[case_id], review)
        for case_id, review in sorted(due.items())
        if review.meeting is None and today <= review.review_on <= today + timedelta(days=days_ahead)
    ]
