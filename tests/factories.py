"""Factories for the records tests need. Staff are made with a role and, unless told otherwise, MFA."""

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from portal.accounts import roles
from portal.accounts.models import User


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@council.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


def make_staff(role: str | None = roles.COORDINATOR, *, mfa: bool = True, **fields) -> User:
    user = StaffFactory(**fields)
    user.save()
    if role:
        user.groups.add(roles.group_for(role))
    if mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user
