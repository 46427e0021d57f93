"""Secrets inside a message — a sign-in code, a personal link — are never stored in the clear.

The outbox keeps two versions of a message's words: ``body``, with each secret replaced by a label
such as "sign-in code (hidden)", which is what staff screens, exports and logs can ever show; and
``sealed_body``, the words as sent, encrypted with a key derived from ``SECRET_KEY``, read only by
the code that hands the message to the provider and wiped once the provider has it.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Context values that are secrets, by the name templates give them, with what staff see instead.
SECRET_LABELS = {
    "code": _("sign-in code (hidden)"),
    "link": _("personal link (hidden)"),
}


class Unreadable(Exception):
    """The sealed words cannot be opened: SECRET_KEY changed and the old key is not in the fallbacks."""


def masked(context: dict) -> dict:
    """The context with every secret replaced by its label, in the site's language (for staff)."""
    if not SECRET_LABELS.keys() & context.keys():
        return context
    with translation.override(settings.LANGUAGE_CODE):
        return {key: str(SECRET_LABELS[key]) if key in SECRET_LABELS else value for key, value in context.items()}


def has_secrets(context: dict) -> bool:
    return bool(SECRET_LABELS.keys() & context.keys())


def _fernet(secret: str) -> Fernet:
    digest = hashlib.sha256(b"portal.messaging.sealing:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    return MultiFernet([_fernet(key) for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]])


def seal(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken:
        raise Unreadable from None
