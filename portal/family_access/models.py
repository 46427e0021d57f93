from django.db import models


class PersonalLink(models.Model):
    """A personal link sent to one family member. Only a hash of its token is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    subject_ref = models.CharField(max_length=64, db_index=True)  # e.g. "fgdm.member:42"
    case_ref = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"link for {self.subject_ref}"
