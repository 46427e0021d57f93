"""Staff accounts for the factories of the case world (fgdm, network_support) and for the tests.

A factory-made account has a role and no usable password; tests that sign in through the forms
set one (``tests/factories.py``), and the demo uses its own published accounts.
"""

import factory

from portal.accounts import roles
from portal.accounts.models import User


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@council.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_unusable_password")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """``StaffFactory(role=roles.COORDINATOR)``: the account joins that role's group."""
        if create and extracted:
            user.groups.add(roles.group_for(extracted))

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()  # keeps the password set after creation
