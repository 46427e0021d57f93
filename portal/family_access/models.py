from django.db import models


class PersonalLink(models.Model):
    """A personal link sent to one family member. Only a hash of its token is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    subject_ref = models.CharField(max_length=64, db_index=True)  # e.g. "fgdm.member:42"
    case_ref = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The outbox message that carries it (its idempotency key): when that message is sent, the
    # person's older links stop working, unless the coordinator chose to keep them (keeps_older).
    message_key = models.CharField(max_length=200, blank=True, db_index=True)
    keeps_older = models.BooleanField(default=False)
    # A newer link reached the person: this one no longer opens, but a session already signed in
    # with it goes on (the person proved who they are; a revocation, above, ends that too).
    superseded_at = models.DateTimeField(null=True, blank=True)

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


class WrongCode(models.Model):
    """One wrong code typed, whichever link it came through: guesses are counted per person, per
    phone and per client address, not per link (portal/family_access/services.py)."""

    subject_ref = models.CharField(max_length=64, db_index=True)
    # An HMAC of the phone on record, so people sharing a phone share one allowance without the
    # number being stored here.
    phone_key = models.CharField(max_length=64, blank=True, db_index=True)
    client_address = models.CharField(max_length=45, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)
    # A coordinator lifted the lock: these no longer count.
    forgiven_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"wrong code for {self.subject_ref}"
