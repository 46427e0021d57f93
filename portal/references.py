"""References to records across apps: ``"<prefix>:<pk>"``, e.g. ``"fgdm.member:42"``.

Messaging, family access, data rights and the audit log name records this way so that portal never
imports the app that owns them. Build one with ``make_ref`` and read one with ``parse_ref``.
"""


def make_ref(prefix: str, pk: int) -> str:
    return f"{prefix}:{pk}"


def parse_ref(ref: str, prefix: str) -> int | None:
    """The primary key in ``ref`` if it is a reference with exactly this ``prefix``, else ``None``."""
    found, sep, pk = (ref or "").partition(":")
    if not sep or found != prefix or not pk.isascii() or not pk.isdigit():
        return None
    return int(pk)


def parse_refs(refs, prefix: str) -> list[int]:
    """The primary keys of those ``refs`` that carry ``prefix``; others are left out."""
    return [pk for pk in (parse_ref(ref, prefix) for ref in refs) if pk is not None]
