"""Who may open each support page: role by URL, own case and another's, signed out, and family sessions."""

from datetime import date

import pytest

from fgdm.factories import CaseFactory, ConsentDecisionFactory
from network_support.services import start_request, submit_request
from portal.accounts import roles
from tests.factories import make_staff
from tests.family import sign_in
from tests.network_support.conftest import bunk_beds
from tests.network_support.test_services_decisions import decide

CASE_URLS = [
    "/support/cases/{case}/",
    "/support/cases/{case}/new/",
    "/support/cases/{case}/requests/{request}/",
    "/support/cases/{case}/requests/{request}/decide/",
    "/support/cases/{case}/requests/{request}/end/",
    "/support/cases/{case}/requests/{request}/payments/{payment}/paid/",  # POST only: GET is 405 once allowed
]
SERVICE_URLS = [
    "/support/",
    "/support/manager/",
    "/support/manager/budget/",
    "/support/manager/limits/",
    "/support/manager/payments.csv",
]
EXPECTED = {
    "coordinator": {
        "own": [200, 200, 200, 403, 403, 403],
        "other": [404, 404, 404, 403, 403, 403],
        "service": [200, 403, 403, 403, 403],
    },
    "lead_practitioner": {
        "own": [200, 200, 200, 200, 200, 403],
        "other": [404, 404, 404, 404, 404, 403],
        "service": [200, 403, 403, 403, 403],
    },
    "service_manager": {
        "own": [200, 200, 200, 200, 200, 405],
        "other": [200, 200, 200, 200, 200, 405],
        "service": [200, 200, 200, 200, 200],
    },
    "content_editor": {"own": [403] * 6, "other": [403] * 6, "service": [403] * 5},
}


def referral(lead, coordinator, phone):
    case = CaseFactory(
        lead_practitioner=lead,
        coordinator=coordinator,
        stage="family_help",
        worries="x",
        child_name="C",
        child_born=date(2015, 1, 1),
    )
    consent = ConsentDecisionFactory(
        member__case=case, member__name="Parent", member__phone=phone, member__relationship="mother"
    )
    parent = consent.member
    request = submit_request(request=start_request(member=parent, barrier="No bed.", items=[bunk_beds()]))
    decision = decide(request, lead, ("approved",), review_on=None)
    payment = decision.item_decisions.get().payments.get()
    return {"case": case.pk, "request": request.pk, "payment": payment.pk, "member": parent}


@pytest.fixture
def cases(db):
    practitioner = make_staff(roles.LEAD_PRACTITIONER)
    coordinator = make_staff(roles.COORDINATOR)
    return practitioner, coordinator


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_by_url_matrix(client, cases, role):
    practitioner, coordinator = cases
    user = make_staff(role)
    own = referral(
        user if role == roles.LEAD_PRACTITIONER else practitioner,
        user if role == roles.COORDINATOR else coordinator,
        "+447400555001",
    )
    other = referral(practitioner, coordinator, "+447400555002")
    client.force_login(user)

    for which, ids in (("own", own), ("other", other)):
        got = [client.get(url.format(**ids)).status_code for url in CASE_URLS]
        assert got == EXPECTED[role][which], f"{role} on {which} case"
    assert [client.get(url).status_code for url in SERVICE_URLS] == EXPECTED[role]["service"], role


def test_signed_out_visitors_are_sent_to_sign_in(client, cases):
    ids = referral(*cases, "+447400555003")
    for url in [u.format(**ids) for u in CASE_URLS] + SERVICE_URLS:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for url in ("/f/help/", "/f/help/ask/", f"/f/help/{ids['request']}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"], url


def test_a_family_session_reaches_no_other_case_and_no_staff_page(client, cases):
    mine = referral(*cases, "+447400555004")
    theirs = referral(*cases, "+447400555005")
    sign_in(client, mine["member"])
    assert client.get(f"/f/help/{mine['request']}/").status_code == 200
    for url in (
        f"/f/help/{theirs['request']}/",
        f"/f/help/{theirs['request']}/add/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/f/help/{theirs['request']}/send/", f"/f/help/{theirs['request']}/withdraw/"):
        assert client.post(url).status_code == 404, url
    for url in [u.format(**mine) for u in CASE_URLS[:3]]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_every_support_view_declares_who_may_use_it():
    from django.urls import get_resolver

    from tests.security.test_every_view_checks_access import walk

    ours = [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith(("support/", "f/help/"))]
    assert len(ours) == 18
    assert [route for route, p in ours if not getattr(p.callback, "access_rule", None)] == []
