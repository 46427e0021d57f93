"""How fgdm tells a member something: always through ``portal.messaging.notify.notify_member``.

The words every fgdm message may carry are the service's and council's names, the service's phone and
the member's own name;
the personal link is made by ``notify_member`` and the audience rule is asked by the messaging
guard (``fgdm.messaging.may_be_told``) when the message is queued and again when it is sent.
"""

from django.conf import settings

from fgdm.models import NetworkMember
from portal.messaging.notify import Notice, notify_member


def message_context(member: NetworkMember, **extra) -> dict:
    """What every fgdm message may say: the service's and council's names, the service's phone, the
    member's own name."""
    return {
        "service": settings.SERVICE_NAME,
        "council": settings.COUNCIL_NAME,
        "phone": settings.SERVICE_CONTACT_PHONE,
        "name": member.name,
        **extra,
    }


def tell(
    member: NetworkMember,
    *,
    template: str,
    key: str,
    topic: str = "",
    about: dict | None = None,
    send_after=None,
    actor=None,
    keep_older_links: bool = False,
) -> Notice:
    """Queue ``template`` to ``member`` with a fresh personal link; the same ``key`` never sends twice.
    Once it is sent, the member's older links stop working unless the coordinator chose to keep them."""
    return notify_member(
        recipient_ref=member.ref,
        case_ref=member.case.ref,
        template=template,
        context=message_context(member),
        idempotency_key=key,
        topic=topic,
        about=about,
        send_after=send_after,
        actor=actor,
        keep_older_links=keep_older_links,
    )
