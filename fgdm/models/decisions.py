from django.conf import settings
from django.db import models

from portal.records import Final


class DecisionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_by__isnull=True)


class Decision(Final):
    """A decision about a child or a person: who decided, when and why. Never edited.

    A change is a new row; the old one points at it through ``superseded_by`` (``portal.records.supersede``).
    The row is otherwise final: ``save()`` on an existing row may only set ``superseded_by``.
    """

    final_settable = ("superseded_by",)

    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-decided_at", "-pk"]
