from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import FeedbackGiven, FeedbackResponse, Meeting, NetworkMember
from fgdm.selectors.access import may_give_feedback


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
