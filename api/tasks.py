"""django-q2 tasks: thin, each calls one service."""

from api.services import webhooks


def deliver_webhook(delivery_id: int) -> None:
    webhooks.deliver(delivery_id)


def retry_due_webhooks() -> int:
    return webhooks.retry_due()
