"""Records that are written once and never edited: decisions, the family's plan, audit events.

One mixin and one exception for all of them. A change to a decision is a new row that the old row
points at (``supersede``); nothing else about a final record may change after it is saved.
"""

from django.db import models


class FinalRecordError(Exception):
    """Raised on any attempt to change or delete a record that is never edited."""


class Final(models.Model):
    """A row that is saved once. ``save()`` on an existing row and ``delete()`` raise ``FinalRecordError``.

    ``final_settable`` names the fields that may still be set afterwards, alone, with
    ``save(update_fields=[...])`` — for a decision, only the pointer to the decision that replaces it.
    Bulk erasure for data rights goes through querysets on purpose and is audited there.
    """

    final_settable: tuple[str, ...] = ()
    final_words = "is a recorded decision"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and not self._only_settable(update_fields):
            raise FinalRecordError(f"{type(self).__name__} {self.pk} {self.final_words} and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FinalRecordError(f"{type(self).__name__} {self.pk} {self.final_words} and cannot be deleted.")

    def _only_settable(self, update_fields) -> bool:
        return bool(update_fields) and set(update_fields) <= set(self.final_settable)


class FinalQuerySet(models.QuerySet):
    """For records that even bulk operations may not change (the audit log)."""

    def update(self, **kwargs):
        raise FinalRecordError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise FinalRecordError(f"{self.model.__name__} rows cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise FinalRecordError(f"{self.model.__name__} rows cannot be changed.")


def supersede(previous, replacement) -> None:
    """Point the record ``previous`` (if any) at the ``replacement`` that now stands in its place."""
    if previous is not None:
        previous.superseded_by = replacement
        previous.save(update_fields=["superseded_by"])
