"""Staff pages: a case's messages, and sending a failed one again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.audit.services import record
from portal.messaging import registry, selectors, services
from portal.messaging.models import Status

ACCESS_RULE = "staff:case (registry.may_see_case_messages)"
STATUS_TAGS = {
    Status.QUEUED: "govuk-tag--grey",
    Status.SENDING: "govuk-tag--light-blue",
    Status.SENT: "govuk-tag--blue",
    Status.DELIVERED: "govuk-tag--green",
    Status.FAILED: "govuk-tag--red",
    Status.BLOCKED: "govuk-tag--orange",
    Status.CANCELLED: "govuk-tag--grey",
}

MEANINGS = {
    "yes": gettext_lazy("Yes"),
    "no": gettext_lazy("No"),
    "maybe": gettext_lazy("Maybe"),
    "help": gettext_lazy("Asked for help"),
    "stop": gettext_lazy("Stop texts"),
    "start": gettext_lazy("Start texts again"),
}


@login_required
def case_messages(request, case_ref: str):
    outbox = list(selectors.case_messages_for(user=request.user, case_ref=case_ref))
    replies = list(selectors.case_replies_for(user=request.user, case_ref=case_ref))
    # The page shows what was said to the family, so each look at it is on the record.
    record(
        action="messaging.case_messages_viewed",
        actor=request.user,
        object_type="messaging.case",
        object_id=case_ref,
        detail={"messages": len(outbox), "replies": len(replies)},
    )
    for message in outbox:
        message.tag_class = STATUS_TAGS[message.status]
        message.kind = registry.template_label(message.template)
    names = {}
    for reply in replies:
        reply.meaning_label = MEANINGS.get(reply.meaning, "")
        if reply.recipient_ref and reply.recipient_ref not in names:
            person = registry.recipient(reply.recipient_ref)
            names[reply.recipient_ref] = person.name if person else ""
        reply.from_name = names.get(reply.recipient_ref, "")
    context = {
        "case_ref": case_ref,
        "case_label": registry.case_label(case_ref),
        "outbox": outbox,
        "replies": replies,
        "failed": Status.FAILED,
    }
    return render(request, "messaging/case_messages.html", context)


@login_required
@require_POST
def resend(request, case_ref: str, message_id: int):
    message = get_object_or_404(selectors.case_messages_for(user=request.user, case_ref=case_ref), pk=message_id)
    try:
        again = services.resend(message=message, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if again.status == Status.BLOCKED:
            messages.error(request, _("The message was not sent again: %(reason)s") % {"reason": again.blocked_reason})
        else:
            messages.success(request, _("The message will be sent again."))
    return redirect("messaging:case_messages", case_ref=case_ref)


case_messages.access_rule = ACCESS_RULE
resend.access_rule = ACCESS_RULE
