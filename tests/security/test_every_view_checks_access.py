"""Every URL pattern's view says who may use it, and the role-by-URL matrix below is what happens.

A new view with no ``access_rule`` (set by ``portal.permissions`` or ``fgdm.views.access``) and no
entry in THIRD_PARTY fails this test, and so does a view whose behaviour drifts from the matrix.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from portal.accounts import roles
from tests.factories import make_staff

# Views from allauth, Wagtail (wagtail-localize too, all under /cms/) and Django that enforce their
# own access (sign-in, CMS behind StaffAccessMiddleware's editor check), listed by their module.
THIRD_PARTY = ("allauth.", "wagtail.", "wagtail_localize.", "django.views.", "django.contrib.", "django_q.")
# Our own views that are public by design and show nothing about a case or a person.
PUBLIC = {"healthz", "help", "accessibility", "privacy"}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_view_of_ours_declares_who_may_use_it():
    unchecked = []
    for route, pattern in walk(get_resolver().url_patterns):
        view = pattern.callback
        module = getattr(view, "__module__", "") or ""
        view_class = getattr(view, "view_class", None)
        if view_class is not None:
            module = view_class.__module__
        if module.startswith(THIRD_PARTY) or pattern.name in PUBLIC:
            continue
        if not getattr(view, "access_rule", None):
            unchecked.append(f"{route} ({module}.{getattr(view, '__name__', view)})")
    assert unchecked == [], "Views without an access check:\n" + "\n".join(unchecked)


CASE_URLS = [
    "/cases/{case}/",
    "/cases/{case}/network/",
    "/cases/{case}/consent/",
    "/cases/{case}/meeting/",
    "/cases/{case}/meeting/invite/",
    "/cases/{case}/meeting/replies/",
    "/cases/{case}/coordinator/",
    "/cases/{case}/meeting/times/",
    "/cases/{case}/meeting/plan-writer/",
    "/cases/{case}/plan/",
    "/cases/{case}/meeting/held/",
    "/cases/{case}/outcome/",
    "/cases/{case}/hold/",
]
# role → URL → the status each role gets on a case that is theirs ("own") and one that is not ("other").
EXPECTED = {
    "coordinator": {
        "own": [200, 200, 200, 200, 302, 200, 403, 302, 302, 200, 302, 200, 403],
        "other": [404, 404, 404, 404, 404, 404, 403, 404, 404, 404, 404, 404, 403],
    },
    "lead_practitioner": {
        "own": [200, 200, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403, 403],
        "other": [404, 404, 403, 403, 403, 404, 403, 403, 403, 404, 403, 403, 403],
    },
    "service_manager": {
        "own": [200, 200, 200, 200, 302, 200, 200, 302, 302, 200, 302, 200, 200],
        "other": [200, 200, 200, 200, 302, 200, 200, 302, 302, 200, 302, 200, 200],
    },
    "content_editor": {"own": [403] * 13, "other": [403] * 13},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_by_url_matrix(client, role):
    from datetime import date

    from fgdm.services.cases import assign_coordinator, create_referral

    practitioner = make_staff(roles.LEAD_PRACTITIONER)
    coordinator = make_staff(roles.COORDINATOR)
    user = make_staff(role)

    def referral(lead, coord):
        case = create_referral(
            lead_practitioner=lead,
            stage="family_help",
            worries="x",
            children=[{"name": "C", "date_of_birth": date(2015, 1, 1)}],
            actor=lead,
        )
        assign_coordinator(case=case, coordinator=coord, actor=lead)
        return case

    own = referral(
        user if role == roles.LEAD_PRACTITIONER else practitioner, user if role == roles.COORDINATOR else coordinator
    )
    other = referral(practitioner, coordinator)
    client.force_login(user)

    for which, case in (("own", own), ("other", other)):
        got = [client.get(url.format(case=case.pk)).status_code for url in CASE_URLS]
        assert got == EXPECTED[role][which], f"{role} on {which} case"


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in_from_every_case_page(client):
    for url in CASE_URLS:
        response = client.get(url.format(case=1))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


FAMILY_URLS = [
    "/f/home/",
    "/f/meeting/",
    "/f/meeting/calendar.ics",
    "/f/meeting/reply/",
    "/f/meeting/times/",
    "/f/plan/",
    "/f/plan/write/",
    "/f/child/",
    "/f/child/picture/",
    "/f/feedback/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *EXPECTED])
def test_family_pages_need_a_family_session_not_a_staff_sign_in(client, role):
    if role:
        client.force_login(make_staff(role))
    for url in FAMILY_URLS:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/f/signed-out/"), url
