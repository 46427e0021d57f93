"""Scheduled jobs. Thin: each calls a service."""

from fgdm.services.data_rights import apply_retention
from fgdm.services.reviews import remind_of_reviews


def retention() -> int:
    """Daily: remove personal details from closed cases past the retention period (never open or held ones)."""
    return len(apply_retention(dry_run=False))


def review_reminders() -> int:
    """Daily: remind coordinators of agreed plans due for review, to arrange the review meeting."""
    return remind_of_reviews()
