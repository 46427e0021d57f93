"""Staff as recipients of the outbox: the few emails staff get (a family plan is ready) go through
the same outbox as family messages, so each has an idempotency key, retries and a record."""

from portal.accounts.models import User
from portal.messaging import registry
from portal.references import make_ref, parse_ref

PREFIX = "accounts.user"


def staff_ref(user: User) -> str:
    return make_ref(PREFIX, user.pk)


class StaffRecipients:
    def get(self, ref: str) -> registry.Recipient | None:
        pk = parse_ref(ref, PREFIX)
        user = User.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
        if user is None or not user.email:
            return None
        name = user.get_full_name() or user.email
        return registry.Recipient(
            ref=ref, name=name, email=user.email, safe_contact=registry.SafeContact(channels=(registry.EMAIL,))
        )

    def find_by_phone(self, phone: str) -> list[registry.Recipient]:
        return []  # staff are never texted, so a text reply is never theirs


def register() -> None:
    registry.register_recipient_source(PREFIX, StaffRecipients())
