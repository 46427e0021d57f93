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


class SignInCode(models.Model):
    """A one-time code sent to the phone or email on record before a personal link shows anything."""

    link = models.ForeignKey(PersonalLink, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    tries_left = models.PositiveSmallIntegerField(default=5)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"code {self.pk}"
