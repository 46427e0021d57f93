from django.conf import settings
from django.db import models


class DecisionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_by__isnull=True)


class Decision(models.Model):
    """A decision about a child or a person: who decided, when and why. Never edited.

    A change is a new row; the old one points at it through ``superseded_by``. The row is
    otherwise immutable: ``save()`` on an existing row may only set ``superseded_by``.
    """

    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-decided_at", "-pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None and kwargs.get("update_fields") != ["superseded_by"]:
            raise DecisionIsFinal(f"{type(self).__name__} {self.pk} is a recorded decision and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DecisionIsFinal(f"{type(self).__name__} {self.pk} is a recorded decision and cannot be deleted.")


class DecisionIsFinal(Exception):
    pass
