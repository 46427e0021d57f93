from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import FeedbackGiven, FeedbackResponse, Meeting, NetworkMember
from fgdm.models.meetings import MeetingStatus


def may_give_feedback(member: NetworkMember, meeting: Meeting | None) -> bool:
    """After the meeting has begun, once per person; only for someone who was invited."""
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        return False
    first = meeting.parts.order_by("starts_at").first()
    started = meeting.status == MeetingStatus.HELD or (first is not None and first.starts_at <= timezone.now())
    invited = meeting.invitations.filter(member=member).exists()
    return started and invited and not FeedbackGiven.objects.filter(meeting=meeting, member=member).exists()


@transaction.atomic
def give_feedback(
    *, member: NetworkMember, meeting: Meeting, explained: str, heard: str, language_and_access: str, comments: str = ""
) -> None:
    """Answers are kept apart from who gave them: the response holds no person, case or exact date."""
    if not may_give_feedback(member, meeting):
        raise ValidationError(_("You have already told us what you think, thank you."))
    try:
        with transaction.atomic():
            FeedbackGiven.objects.create(meeting=meeting, member=member)
    except IntegrityError:
        raise ValidationError(_("You have already told us what you think, thank you.")) from None
    FeedbackResponse.objects.create(
        explained=explained,
        heard=heard,
        language_and_access=language_and_access,
        comments=comments.strip(),
        language=member.language,
        month=timezone.localdate().replace(day=1),
    )
