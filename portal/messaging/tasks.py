"""django-q2 tasks: thin, each calls one service."""

from portal.messaging.services import deliver


def send_message(message_id: int) -> None:
    deliver(message_id)
