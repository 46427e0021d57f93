"""Who may decide a support request is one rule: the request page's button and the decision service agree.

The two used to be written apart and drifted: the service let the case's lead practitioner decide
after they had lost the lead practitioner role, while the page did not offer it.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from network_support.selectors.access import may_decide, why_may_not_decide
from network_support.services import set_limit
from portal.accounts import roles
from tests.factories import make_staff
from tests.network_support.test_services_decisions import big_request, decide


class _RolledBack(Exception):
    pass


def service_accepts(request, actor) -> bool:
    """Whether the decision service takes ``actor``'s decision; nothing it writes is kept."""
    try:
        with transaction.atomic():
            decide(request, actor, *[("approved",)] * request.items.count())
            raise _RolledBack
    except _RolledBack:
        return True
    except ValidationError:
        return False


def _no_longer_a_lead_practitioner(user):
    user.groups.clear()
    user.groups.add(roles.group_for(roles.COORDINATOR))
    return user


@pytest.mark.parametrize("pence", [40000, 60000], ids=["within £500", "over £500"])
@pytest.mark.parametrize(
    "who", ["case lead", "case lead without the role", "manager", "manager with a £500 limit", "other lead", "coord"]
)
def test_the_page_and_the_service_agree_on_who_may_decide(consented, practitioner, coordinator, manager, who, pence):
    request = big_request(consented, pence=pence)
    people = {
        "case lead": lambda: practitioner,
        "case lead without the role": lambda: _no_longer_a_lead_practitioner(practitioner),
        "manager": lambda: manager,
        "manager with a £500 limit": lambda: set_limit(decider=manager, limit_pence=50000, actor=manager) and manager,
        "other lead": lambda: make_staff(roles.LEAD_PRACTITIONER),
        "coord": lambda: coordinator,
    }
    person = people[who]()
    expected = {
        "case lead": pence <= 50000,
        "case lead without the role": False,
        "manager": True,
        "manager with a £500 limit": pence <= 50000,
        "other lead": False,
        "coord": False,
    }[who]
    assert may_decide(person, request) is expected
    assert service_accepts(request, person) is expected


def test_a_case_lead_who_lost_the_role_is_told_why(consented, practitioner):
    request = big_request(consented, pence=10000)
    _no_longer_a_lead_practitioner(practitioner)
    assert why_may_not_decide(practitioner, request) == (
        "Only the case's lead practitioner or a service manager can decide this request."
    )
    with pytest.raises(ValidationError) as refused:
        decide(request, practitioner, ("approved",))
    assert refused.value.messages == ["Only the case's lead practitioner or a service manager can decide this request."]
