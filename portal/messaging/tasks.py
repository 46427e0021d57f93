"""django-q2 tasks: thin, each calls one service."""

from portal.messaging.services import deliver


def send_message(message_id: int) -> None:
    deliver(message_id)


def settle_stuck_sends() -> int:
    from portal.messaging.services import settle_stuck_sends as settle

    return settle()
