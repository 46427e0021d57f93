def send_message(message_id: int) -> None:
    """Thin: the service decides whether it is still due and allowed."""
    from portal.messaging.services import deliver

    deliver(message_id)
