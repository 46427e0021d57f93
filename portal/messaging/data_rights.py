"""Messaging's part in data rights: erase a case's message texts; show a person the messages sent to them."""

from django.utils.translation import gettext as _

from portal.data_rights import Section, register_case_eraser, register_subject_source
from portal.messaging.models import OutboundMessage
from portal.messaging.services import erase_case_messages


def messages_sent(refs: list[str]) -> list[Section]:
    rows = [
        {
            _("Sent"): message.created_at.isoformat(timespec="minutes"),
            _("By"): message.get_channel_display(),
            _("To"): message.address,
            _("Status"): message.get_status_display(),
            _("Words"): message.body,
        }
        for message in OutboundMessage.objects.filter(recipient_ref__in=refs).order_by("created_at")
    ]
    return [Section(title=_("Messages we sent you"), rows=rows)] if rows else []


def register() -> None:
    register_case_eraser(erase_case_messages)
    register_subject_source(messages_sent)
