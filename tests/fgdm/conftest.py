import itertools
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from fgdm.models import PartKind, Stage
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.services.cases import assign_coordinator, create_referral
from fgdm.services.consent import record_consent
from fgdm.services.meetings import PartPlan, arrange_meeting
from fgdm.services.network import add_member
from portal.accounts import roles
from portal.messaging.backends import locmem
from tests.factories import make_staff


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


@pytest.fixture
def practitioner(db):
    return make_staff(roles.LEAD_PRACTITIONER, first_name="Lee", last_name="Practitioner")


@pytest.fixture
def coordinator(db):
    return make_staff(roles.COORDINATOR, first_name="Chris", last_name="Coordinator")


@pytest.fixture
def case(practitioner, coordinator):
    case = create_referral(
        lead_practitioner=practitioner,
        stage=Stage.CHILD_PROTECTION,
        worries="Worried about school attendance.",
        children=[{"name": "Mia", "date_of_birth": date(2016, 5, 14), "first_language": "en"}],
        actor=practitioner,
    )
    assign_coordinator(case=case, coordinator=coordinator, actor=practitioner)
    return case


_phones = itertools.count(100000)


@pytest.fixture
def member_factory(case, coordinator):
    def make(name, *, phone=None, email="", pr=False, **fields):
        if phone is None and not email:
            phone = f"+447400{next(_phones):06d}"
        return add_member(
            case=case,
            relationships={case.children.get().pk: "relative"},
            actor=coordinator,
            confirm_not_duplicate=True,
            name=name,
            phone=phone or "",
            email=email,
            has_parental_responsibility=pr,
            **fields,
        )

    return make


@pytest.fixture
def consented(case, member_factory, coordinator):
    parent = member_factory("Sarah Parent", pr=True)
    record_consent(
        case=case,
        member=parent,
        status=ConsentStatus.GIVEN,
        method=ConsentMethod.IN_PERSON,
        may_share=[],
        actor=coordinator,
    )
    return parent


def at(days, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def meeting(case, coordinator):
    return arrange_meeting(
        case=case,
        kind="first",
        parts=[
            PartPlan(
                kind=PartKind.INFORMATION_SHARING,
                starts_at=at(10, 10, 5),
                ends_at=at(10, 11),
                venue_name="Info Hall",
                venue_address="1 Info Street",
            ),
            PartPlan(
                kind=PartKind.PRIVATE_FAMILY_TIME,
                starts_at=at(10, 11, 17),
                ends_at=at(10, 12, 40),
                venue_name="Family Room",
                venue_address="2 Private Road",
            ),
            PartPlan(
                kind=PartKind.PLAN_AGREEMENT,
                starts_at=at(10, 13, 29),
                ends_at=at(10, 14),
                venue_name="Agreement Suite",
                venue_address="3 Plan Avenue",
            ),
        ],
        actor=coordinator,
    )
