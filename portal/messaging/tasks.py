"""django-q2 tasks: thin, each calls one service."""

from portal.messaging.delivery import deliver, deliver_many, sweep_outbox


def send_messages(message_ids: list[int]) -> None:
    """A batch queued together; rows it had no time for go to a new job (the sweep is the backstop)."""
    from portal.messaging.services import nudge

    left = deliver_many(message_ids)
    if left:
        nudge(left)


def send_message(message_id: int) -> None:
    """One message (jobs queued before batches, and tests)."""
    deliver(message_id)


def sweep() -> dict:
    """Every minute (a schedule kept in the database): nothing in the outbox is left behind."""
    return vars(sweep_outbox())
