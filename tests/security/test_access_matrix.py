"""Every URL of ours, visited by every kind of visitor, against the checked-in access matrix below.

Each entry is what the nine visitors get, in the order of ``ROLES``: a status code, "login" (sent to
staff sign-in) or "out" (sent to the family's neutral signed-out page). A new URL with no entry
fails the build, and so does any change in who gets what. When a change is meant, update the row
and say why in the commit.

The two families are in ``tests/security/world.py``: case A (the family member, the member kept to
information sharing, their coordinator and lead practitioner) and case B (another family and its
coordinator). Object ids in URLs are case A's, so case B's people and coordinator must never see
them (IDOR).
"""

import pytest

from tests.security.routes import fill, our_routes
from tests.security.world import ROLES, build_world

# anonymous family_a family_excluded family_b coordinator_a coordinator_b lead_practitioner manager editor
EXPECTED = {
    "healthz": "200 200 200 200 200 200 200 200 200",
    "help/": "200 200 200 200 200 200 200 200 200",
    "accessibility/": "200 200 200 200 200 200 200 200 200",
    "privacy/": "200 200 200 200 200 200 200 200 200",
    "staff/": "login login login login 200 200 200 200 200",
    "staff/sign-in-locks/": "login login login login 403 403 403 200 403",
    "staff/sign-in-locks/<int:lock_id>/unlock/": "login login login login 403 403 403 405 403",
    "staff/audit/": "login login login login 403 403 403 200 403",
    "staff/audit.csv": "login login login login 403 403 403 200 403",
    "staff/messages/<str:case_ref>/": "login login login login 200 404 200 200 404",
    "staff/messages/<str:case_ref>/<int:message_id>/resend/": "login login login login 405 405 405 405 405",
    "messaging/twilio/status/": "405 405 405 405 405 405 405 405 405",
    "messaging/twilio/inbound/": "405 405 405 405 405 405 405 405 405",
    "cases/": "login login login login 200 200 200 200 403",
    "cases/new/": "login login login login 403 403 200 200 403",
    "cases/<int:case_id>/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/coordinator/": "login login login login 403 403 403 200 403",
    "cases/<int:case_id>/duty-to-offer/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/consent/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/network/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/network/map/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/network/add/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/network/<int:member_id>/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/network/<int:member_id>/participation/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/network/<int:member_id>/sign-in-lock/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/network/<int:member_id>/letters/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/network/<int:member_id>/letters/<int:meeting_id>/<slug:letter>.pdf": (
        "login login login login 200 404 403 200 403"
    ),
    "cases/<int:case_id>/safety-check/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/safety-check/ask/": "login login login login 200 404 403 200 403",
    # POST only; the world's case A has no request with the id filled in, which the POST would find out.
    "cases/<int:case_id>/safety-check/<int:partner_request_id>/remind/": "login login login login 405 404 403 405 403",
    "cases/<int:case_id>/meeting/": "login login login login 200 404 403 200 403",
    # Arranging the review: with no agreed plan in force (the world has none) it sends staff back to the case.
    "cases/<int:case_id>/meeting/review/": "login login login login 302 404 403 302 403",
    "cases/<int:case_id>/meeting/separate/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/separate/change/": "login login login login 302 404 403 302 403",
    "cases/<int:case_id>/meeting/separate/cancel/": "login login login login 302 404 403 302 403",
    "cases/<int:case_id>/meeting/invite/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/replies/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/meeting/times/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/times/<int:slot_id>/confirm/": "login login login login 405 404 403 405 403",
    "cases/<int:case_id>/meeting/plan-writer/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/plan/": "login login login login 200 404 200 200 403",
    "cases/<int:case_id>/views/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/held/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/record-past/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/meeting/interpreters/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/outcome/": "login login login login 200 404 403 200 403",
    "cases/<int:case_id>/hold/": "login login login login 403 403 403 200 403",
    "cases/<int:case_id>/voices/<int:voice_id>/picture/": "login login login login 200 404 200 200 403",
    "cases/feedback/": "login login login login 403 403 403 200 403",
    "cases/figures/": "login login login login 403 403 200 200 403",
    "cases/subject-access/": "login login login login 403 403 403 200 403",
    "cases/figures/<slug:key>.csv": "login login login login 403 403 200 200 403",
    "f/meeting/": "out 200 200 200 out out out out out",
    "f/meeting/calendar.ics": "out 200 200 200 out out out out out",
    "f/meeting/reply/": "out 200 200 200 out out out out out",
    "f/meeting/times/": "out 200 200 200 out out out out out",
    "f/plan/": "out 200 404 200 out out out out out",
    "f/plan/write/": "out 200 404 404 out out out out out",
    "f/views/": "out 404 404 404 out out out out out",
    "f/child/": "out 404 404 404 out out out out out",
    "f/child/picture/": "out 404 404 404 out out out out out",
    "f/feedback/": "out 404 404 404 out out out out out",
    "f/language/": "out 200 200 200 out out out out out",
    "f/code/": "out out out out out out out out out",
    "f/code/new/": "405 405 405 405 405 405 405 405 405",
    "f/home/": "out 302 302 302 out out out out out",
    "f/signed-out/": "200 200 200 200 200 200 200 200 200",
    "f/<str:token>": "200 200 200 200 200 200 200 200 200",
    "support/": "login login login login 200 200 200 200 403",
    "support/manager/": "login login login login 403 403 403 200 403",
    "support/manager/budget/": "login login login login 403 403 403 200 403",
    "support/manager/limits/": "login login login login 403 403 403 200 403",
    "support/manager/payments.csv": "login login login login 403 403 403 200 403",
    "support/cases/<int:case_id>/": "login login login login 200 404 200 200 403",
    "support/cases/<int:case_id>/new/": "login login login login 200 404 200 200 403",
    "support/cases/<int:case_id>/requests/<int:request_id>/": "login login login login 200 404 200 200 403",
    "support/cases/<int:case_id>/requests/<int:request_id>/decide/": "login login login login 403 403 200 200 403",
    "support/cases/<int:case_id>/requests/<int:request_id>/end/": "login login login login 403 403 200 200 403",
    "support/cases/<int:case_id>/requests/<int:request_id>/payments/<int:payment_id>/paid/": "login login login login 403 403 403 405 403",  # noqa: E501
    "f/help/": "out 200 200 200 out out out out out",
    "f/help/ask/": "out 200 200 200 out out out out out",
    "f/help/<int:request_id>/": "out 200 404 404 out out out out out",
    "f/help/<int:request_id>/add/": "out 200 404 404 out out out out out",
    "f/help/<int:request_id>/items/<int:item_id>/remove/": "out 405 405 405 out out out out out",
    "f/help/<int:request_id>/send/": "out 405 405 405 out out out out out",
    "f/help/<int:request_id>/withdraw/": "out 405 405 405 out out out out out",
    "cms/localize/translate/<int:translation_id>/pofile/upload/": "302 302 302 302 403 403 403 403 405",
    "cms/translations-to-check/": "302 302 302 302 403 403 403 403 200",
    "cms/translations-to-check/<int:page_id>/": "302 302 302 302 403 403 403 403 405",
    "search/": "200 200 200 200 200 200 200 200 200",
    r"^((?:[\w\-]+/)*)$": "200 200 200 200 200 200 200 200 200",
    # An unknown language code: redirected to the page in the default language (English, so the CSRF
    # check's explanation is in English too; "pl/" would answer in Polish).
    r"^(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/(?P<rest>.*)$": "302 302 302 302 302 302 302 302 302",
    # The API answers a key, never a session: every visitor here has none (401). Its schema is public.
    "api/v1/cases/": "401 401 401 401 401 401 401 401 401",
    "api/v1/cases/<int:pk>/": "401 401 401 401 401 401 401 401 401",
    "api/v1/meetings/": "401 401 401 401 401 401 401 401 401",
    "api/v1/meetings/<int:pk>/": "401 401 401 401 401 401 401 401 401",
    "api/v1/plans/": "401 401 401 401 401 401 401 401 401",
    "api/v1/plans/<int:pk>/": "401 401 401 401 401 401 401 401 401",
    "api/v1/outcomes/": "401 401 401 401 401 401 401 401 401",
    "api/v1/outcomes/<int:pk>/": "401 401 401 401 401 401 401 401 401",
    "api/v1/support-requests/": "401 401 401 401 401 401 401 401 401",
    "api/v1/support-requests/<int:pk>/": "401 401 401 401 401 401 401 401 401",
    "api/v1/figures/statutory/": "401 401 401 401 401 401 401 401 401",
    "api/v1/schema/": "200 200 200 200 200 200 200 200 200",
    "^api/": "404 404 404 404 404 404 404 404 404",
    "api/v1/reference/": "login login login login 200 200 200 200 200",
    "staff/api/": "login login login login 403 403 403 200 403",
    "staff/api/<int:client_id>/": "login login login login 403 403 403 200 403",
    "staff/api/<int:client_id>/revoke/": "405 405 405 405 405 405 405 405 405",
    "staff/api/<int:client_id>/webhooks/<int:endpoint_id>/remove/": "405 405 405 405 405 405 405 405 405",
    "staff/api/<int:client_id>/deliveries/<int:delivery_id>/send-again/": "405 405 405 405 405 405 405 405 405",
    "staff/statutory-figures/": "login login login login 403 403 200 200 403",
    # A partner agency's pages: no account; nothing shows until the code is confirmed, and the request
    # comes from the session only. Without one, everyone is sent to the neutral "link does not work" page.
    "partner/code/": "302 302 302 302 302 302 302 302 302",
    "partner/code/new/": "405 405 405 405 405 405 405 405 405",
    "partner/answer/": "302 302 302 302 302 302 302 302 302",
    "partner/thank-you/": "200 200 200 200 200 200 200 200 200",
    "partner/closed/": "200 200 200 200 200 200 200 200 200",
    "partner/<str:token>": "200 200 200 200 200 200 200 200 200",
    "f/sign-out/": "out out out out out out out out out",
    "f/leave/": "302 302 302 302 302 302 302 302 302",
}


def _outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return "login"
        if location.startswith("/f/signed-out/"):
            return "out"
    return str(response.status_code)


def test_every_url_has_an_entry_in_the_matrix():
    routes = [route for route, _view in our_routes()]
    assert sorted(set(routes) - set(EXPECTED)) == [], "Add these to EXPECTED"
    assert sorted(set(EXPECTED) - set(routes)) == [], "These URLs are gone: remove them from EXPECTED"


@pytest.mark.django_db
def test_every_visitor_gets_what_the_matrix_says():
    world = build_world()
    clients = {role: world.client(role) for role in ROLES}
    for client in clients.values():
        client.raise_request_exception = False
    differences = []
    for route, _view in our_routes():
        url = fill(route, world.ids)
        got = " ".join(_outcome(clients[role].get(url)) for role in ROLES)
        if got != EXPECTED.get(route):
            differences.append(f"{route}\n   expected {EXPECTED.get(route)}\n   got      {got}")
    assert differences == [], "Access changed:\n" + "\n".join(differences)
