"""django-q2 tasks: thin, each calls one service."""

from portal.messaging.delivery import deliver, sweep_outbox


def send_message(message_id: int) -> None:
    deliver(message_id)


def sweep() -> dict:
    """Every minute (a schedule kept in the database): nothing in the outbox is left behind."""
    return vars(sweep_outbox())
