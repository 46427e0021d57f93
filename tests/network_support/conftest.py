from datetime import timedelta

import pytest
from django.utils import timezone

from fgdm.factories import PlanVersionFactory
from fgdm.services.plans import ActionText
from network_support.factories import ItemInputFactory, SupportRequestFactory
from network_support.models import Category, Frequency
from network_support.services import ItemInput
from portal.accounts import roles
from tests.factories import make_staff
from tests.fgdm.conftest import *  # noqa: F403


def today():
    """Read at each use: a run that crosses midnight must not work from the day it started."""
    return timezone.localdate()


@pytest.fixture
def manager(db):
    return make_staff(roles.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")


@pytest.fixture
def plan_action(meeting, consented):
    """The parent's sent plan: Nan takes Mia to school, and needs bus fares for it."""
    version = PlanVersionFactory(
        meeting=meeting,
        written_by=consented,
        actions=[
            ActionText(
                worry="Worried about school attendance.",
                what="Nan takes Mia to school on Mondays, Wednesdays and Fridays.",
                who="Nan",
                by_when="From next week",
                help_needed="Bus fares for Nan.",
            )
        ],
    )
    return version.actions.get()


def bus_fares(amount_pence=1250, payments=13, **fields) -> ItemInput:
    """A weekly bus pass for Nan, £12.50 for 13 weeks from next week, unless told otherwise."""
    return ItemInputFactory(amount_pence=amount_pence, payments=payments, **fields)


def bunk_beds(amount_pence=24000) -> ItemInput:
    return ItemInputFactory(
        category=Category.FURNITURE,
        description="Bunk beds",
        amount_pence=amount_pence,
        frequency=Frequency.ONE_OFF,
        starts_on=today() + timedelta(days=3),
        payments=None,
    )


@pytest.fixture
def submitted(consented, plan_action):
    """A sent request from the parent: weekly bus fares for 13 weeks (£162.50) and bunk beds (£240)."""
    items = [bus_fares(), bunk_beds()]
    barrier = "Nan cannot afford the bus."
    return SupportRequestFactory(member=consented, barrier=barrier, items=items, plan_action=plan_action)
