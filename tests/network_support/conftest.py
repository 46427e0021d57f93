from datetime import date, timedelta

import pytest

from fgdm.models import PlanAction, PlanVersion
from network_support.models import Category, Frequency
from network_support.services import ItemInput, start_request, submit_request
from portal.accounts import roles
from tests.factories import make_staff
from tests.fgdm.conftest import *  # noqa: F403

TODAY = date.today()


@pytest.fixture
def manager(db):
    return make_staff(roles.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")


@pytest.fixture
def plan_action(meeting, consented):
    version = PlanVersion.objects.create(
        meeting=meeting, number=1, written_by=consented, status=PlanVersion.Status.SUBMITTED
    )
    return PlanAction.objects.create(
        version=version,
        position=1,
        worry="Worried about school attendance.",
        what="Nan takes Mia to school on Mondays, Wednesdays and Fridays.",
        who="Nan",
        by_when="From next week",
        help_needed="Bus fares for Nan.",
    )


def bus_fares(amount_pence=1250, payments=13, **fields) -> ItemInput:
    return ItemInput(
        category=Category.TRANSPORT,
        description="Weekly bus pass for Nan",
        amount_pence=amount_pence,
        frequency=Frequency.WEEKLY,
        starts_on=fields.pop("starts_on", TODAY + timedelta(days=7)),
        payments=payments,
        **fields,
    )


def bunk_beds(amount_pence=24000) -> ItemInput:
    return ItemInput(
        category=Category.FURNITURE,
        description="Bunk beds",
        amount_pence=amount_pence,
        frequency=Frequency.ONE_OFF,
        starts_on=TODAY + timedelta(days=3),
    )


@pytest.fixture
def submitted(consented, plan_action):
    """A sent request from the parent: weekly bus fares for 13 weeks (£162.50) and bunk beds (£240)."""
    request = start_request(
        member=consented,
        barrier="Nan cannot afford the bus.",
        items=[bus_fares(), bunk_beds()],
        plan_action=plan_action,
    )
    return submit_request(request=request)
