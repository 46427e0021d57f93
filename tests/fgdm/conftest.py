"""The case world most fgdm tests share, built with ``fgdm.factories``: Lee the lead practitioner,
Chris the coordinator, a child protection case about Mia, a member factory, a parent who consented,
and a meeting in three parts at three venues ten days ahead."""

import pytest

from fgdm.factories import CaseFactory, ConsentDecisionFactory, MeetingFactory, NetworkMemberFactory, at
from fgdm.models import PartKind
from fgdm.services.meetings import PartPlan
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
    return CaseFactory(lead_practitioner=practitioner, coordinator=coordinator)


@pytest.fixture
def member_factory(case):
    """``member_factory("Janet Gran", pr=True, language="pl")``: a member of the case's network."""

    def make(name, *, phone=None, email="", pr=False, **fields):
        contact = {"email": email}
        if phone is not None or email:  # otherwise the factory gives them a phone of their own
            contact["phone"] = phone or ""
        return NetworkMemberFactory(case=case, name=name, has_parental_responsibility=pr, **contact, **fields)

    return make


@pytest.fixture
def consented(case, member_factory):
    parent = member_factory("Sarah Parent", pr=True)
    ConsentDecisionFactory(member=parent)
    return parent


@pytest.fixture
def meeting(case):
    return MeetingFactory(
        case=case,
        parts=[
            PartPlan(PartKind.INFORMATION_SHARING, at(10, 10, 5), at(10, 11), "Info Hall", "1 Info Street"),
            PartPlan(PartKind.PRIVATE_FAMILY_TIME, at(10, 11, 17), at(10, 12, 40), "Family Room", "2 Private Road"),
            PartPlan(PartKind.PLAN_AGREEMENT, at(10, 13, 29), at(10, 14), "Agreement Suite", "3 Plan Avenue"),
        ],
    )
