"""Scheduled jobs. Thin: each calls a service."""

from fgdm.services.data_rights import apply_retention


def retention() -> int:
    """Daily: remove personal details from closed cases past the retention period (never open or held ones)."""
    return len(apply_retention(dry_run=False))
