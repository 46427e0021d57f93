from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffUserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A staff account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A member of staff. Family members never have one: they take part through personal links."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = StaffUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def roles(self) -> set[str]:
        from portal.accounts.roles import roles_of

        return roles_of(self)

    @property
    def role_labels(self) -> list[str]:
        from django.conf import settings

        return [str(settings.ROLE_NAMES[role]) for role in sorted(self.roles)]


class SignInLock(models.Model):
    """Wrong passwords counted per email address typed, so one person can lock at most that account.

    Kept in the database, not the cache: it holds while Redis is down, and a service manager can
    see and lift it. Counting per client address is allauth's (``ACCOUNT_RATE_LIMITS``), with the
    real address taken from the trusted proxy.
    """

    email = models.CharField(max_length=254, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_client_address = models.CharField(max_length=45, blank=True)

    class Meta:
        ordering = ["-locked_until", "email"]

    def __str__(self):
        return f"sign-in lock for {self.email}"
