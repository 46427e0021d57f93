from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from portal.accounts import roles
from tests.factories import totp_code
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


def totp_now(secret):
    return totp_code(secret)


@pytest.mark.parametrize("path", ["/staff/", "/cms/", "/accounts/password/change/"])
def test_staff_without_mfa_are_sent_to_mfa_set_up(client, staff_factory, path):
    user = staff_factory(roles.CONTENT_EDITOR, mfa=False)
    client.force_login(user)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"


def test_staff_without_mfa_can_reach_the_set_up_pages(client, staff_factory):
    staff_factory(mfa=False, email="new@council.example")
    signed_in = client.post("/accounts/login/", {"login": "new@council.example", "password": "correct-horse-battery"})
    assert signed_in["Location"] == "/staff/"
    assert client.get("/staff/")["Location"] == "/accounts/2fa/"

    index = client.get("/accounts/2fa/")
    # Adding a factor asks for the password again, then shows the authenticator set-up.
    reauthenticate = client.get("/accounts/2fa/totp/activate/")
    assert reauthenticate["Location"].startswith("/accounts/reauthenticate/")
    client.post(reauthenticate["Location"], {"password": "correct-horse-battery"})
    activate = client.get("/accounts/2fa/totp/activate/")

    assert index.status_code == 200
    assert activate.status_code == 200
    page = BeautifulSoup(activate.content, "html.parser")
    assert normalize_spaces(page.h1.text) == "Activate Authenticator App"
    assert page.select_one("input[name=code]") is not None


def test_staff_with_mfa_reach_their_home(client, staff_factory):
    client.force_login(staff_factory(roles.LEAD_PRACTITIONER, first_name="Lee", last_name="Amos"))

    response = client.get("/staff/")

    page = BeautifulSoup(response.content, "html.parser")
    assert normalize_spaces(page.h1.text) == "Welcome, Lee Amos"
    assert [normalize_spaces(li.text) for li in page.select("main .govuk-list--bullet li")] == ["Lead practitioner"]
    assert [normalize_spaces(a.text) for a in page.select("#places a")] == [
        "Cases",
        "Support",
        "Figures",
        "Statutory figures",
    ]


def test_a_removed_role_or_second_factor_stops_working_at_the_next_page(client, staff_factory):
    """The second factor and the roles are read with each request (one query for both), never kept."""
    from allauth.mfa.models import Authenticator

    user = staff_factory(roles.LEAD_PRACTITIONER)
    client.force_login(user)
    assert client.get("/cases/").status_code == 200

    user.groups.remove(roles.group_for(roles.LEAD_PRACTITIONER))
    assert client.get("/cases/").status_code == 403

    user.groups.add(roles.group_for(roles.LEAD_PRACTITIONER))
    assert client.get("/cases/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    assert client.get("/cases/")["Location"] == "/accounts/2fa/"


def test_a_content_editors_home_offers_no_cases_which_would_refuse_them(client, staff_factory):
    client.force_login(staff_factory(roles.CONTENT_EDITOR))

    page = BeautifulSoup(client.get("/staff/").content, "html.parser")

    hrefs = [a["href"] for a in page.select("main a[href]")]
    assert "/cases/" not in hrefs and "/cms/" in hrefs
    assert all(client.get(href).status_code != 403 for href in hrefs)


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.LEAD_PRACTITIONER, roles.SERVICE_MANAGER])
def test_only_content_editors_reach_the_cms(client, staff_factory, role):
    client.force_login(staff_factory(role))

    assert client.get("/cms/").status_code == 403


def test_content_editors_reach_the_cms(client, staff_factory):
    client.force_login(staff_factory(roles.CONTENT_EDITOR))

    assert client.get("/cms/").status_code == 200


def test_signed_out_visitor_to_the_cms_is_sent_to_staff_sign_in(client):
    response = client.get("/cms/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_sign_in_asks_for_the_code_then_lets_staff_in(client, staff_factory):
    user = staff_factory(email="sam@council.example")

    first = client.post("/accounts/login/", {"login": "sam@council.example", "password": "correct-horse-battery"})
    assert first.status_code == 302 and first["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/staff/").status_code == 302  # not signed in until the code is given

    second = client.post("/accounts/2fa/authenticate/", {"code": totp_now(user.totp_secret)})
    assert second.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_wrong_password_is_explained_in_an_error_summary(client, staff_factory):
    staff_factory(email="sam@council.example")

    response = client.post("/accounts/login/", {"login": "sam@council.example", "password": "wrong"})

    page = BeautifulSoup(response.content, "html.parser")
    assert normalize_spaces(page.select_one(".govuk-error-summary__title").text) == "There is a problem"
    assert normalize_spaces(page.select_one(".govuk-error-summary__list").text) == (
        "The email address and/or password you specified are not correct."
    )
    assert page.title.text.startswith("Error:")
    # What was typed is kept.
    assert page.select_one("input[name=login]")["value"] == "sam@council.example"


def test_wrong_code_is_explained_in_an_error_summary(client, staff_factory):
    staff_factory(email="sam@council.example")
    client.post("/accounts/login/", {"login": "sam@council.example", "password": "correct-horse-battery"})

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".govuk-error-summary__list a")
    assert normalize_spaces(summary.text) == "Incorrect code."
    assert summary["href"] == "#id_code"


LOCKED = (
    "This account is locked for 15 minutes after 5 wrong passwords. Wait and try again, "
    "or ask a service manager to unlock it."
)
PROXY = "10.0.0.2"  # every request reaches the portal from nginx's address


def _sign_in(client, email, password, client_address):
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def _errors(response) -> str:
    summary = BeautifulSoup(response.content, "html.parser").select_one(".govuk-error-summary__list")
    return normalize_spaces(summary.text)


def test_repeated_wrong_passwords_lock_that_account_and_say_what_to_do(client, staff_factory):
    staff_factory(email="sam@council.example")
    for _ in range(5):
        _sign_in(client, "sam@council.example", "wrong", "203.0.113.9")

    response = _sign_in(client, "sam@council.example", "correct-horse-battery", "198.51.100.7")

    assert _errors(response) == LOCKED
    assert client.get("/staff/").status_code == 302  # still signed out, even with the right password


def test_behind_the_proxy_one_person_cannot_lock_out_every_member_of_staff(client, staff_factory, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    staff_factory(email="sam@council.example")
    staff_factory(email="ola@council.example")
    attacker = "203.0.113.9"
    for email in ["sam@council.example", "nobody@council.example", "ola.typo@council.example"] * 7:
        _sign_in(client, email, "wrong", attacker)

    # The attacker's own address is now refused, whichever account it tries...
    refused = _sign_in(client, "ola@council.example", "correct-horse-battery", attacker)
    assert _errors(refused) == (
        "Too many failed sign-in attempts from your network. Wait 10 minutes and try again, "
        "or ask a service manager for help."
    )
    # ...but a colleague behind the same proxy signs in with the right password,
    colleague = Client()
    signed_in = _sign_in(colleague, "ola@council.example", "correct-horse-battery", "198.51.100.7")
    assert signed_in.status_code == 302 and signed_in["Location"] == "/accounts/2fa/authenticate/"
    # and only the account the attacker named is locked.
    assert _errors(_sign_in(Client(), "sam@council.example", "correct-horse-battery", "198.51.100.8")) == LOCKED


def test_a_forged_forwarded_for_header_is_not_trusted_beyond_our_proxy(client, staff_factory, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    staff_factory(email="ola@council.example")
    for n in range(20):  # a new forged address each time: only the last one, written by nginx, counts
        _sign_in(client, f"x{n}@council.example", "wrong", f"192.0.2.{n}, 203.0.113.9")
    refused = _sign_in(client, "ola@council.example", "correct-horse-battery", "192.0.2.99, 203.0.113.9")
    assert "Too many failed sign-in attempts from your network." in _errors(refused)


def test_a_service_manager_sees_and_lifts_a_lock(client, staff_factory, settings):
    from portal.audit.models import AuditEvent

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    staff_factory(email="sam@council.example")
    for _ in range(5):
        _sign_in(Client(), "sam@council.example", "wrong", "203.0.113.9")
    manager = staff_factory(roles.SERVICE_MANAGER)
    client.force_login(manager)

    page = BeautifulSoup(client.get("/staff/sign-in-locks/").content, "html.parser")
    cells = [normalize_spaces(td.text) for td in page.select("tbody td")]
    assert cells[:2] == ["sam@council.example", "5"] and cells[3] == "203.0.113.9"
    unlock = page.select_one("tbody form")["action"]
    followed = client.post(unlock, follow=True)
    assert "sam@council.example can sign in again." in normalize_spaces(followed.content.decode())
    assert "No account is locked." in normalize_spaces(followed.content.decode())
    assert AuditEvent.objects.filter(action="account.sign_in_unlocked", actor=manager).count() == 1

    again = _sign_in(Client(), "sam@council.example", "correct-horse-battery", "198.51.100.7")
    assert again.status_code == 302 and again["Location"] == "/accounts/2fa/authenticate/"


def test_a_right_password_before_the_fifth_wrong_one_starts_the_count_again(client, staff_factory):
    staff_factory(email="sam@council.example")
    for _ in range(4):
        _sign_in(client, "sam@council.example", "wrong", "203.0.113.9")
    _sign_in(client, "sam@council.example", "correct-horse-battery", "203.0.113.9")
    for _ in range(4):
        _sign_in(Client(), "sam@council.example", "wrong", "203.0.113.9")
    response = _sign_in(Client(), "sam@council.example", "correct-horse-battery", "203.0.113.9")
    assert response.status_code == 302


def test_nobody_can_sign_themselves_up(client):
    response = client.get("/accounts/signup/")

    assert "Sign Up Closed" in response.content.decode()


def test_an_idle_session_ends_after_30_minutes(client, staff_factory):
    client.force_login(staff_factory())
    assert client.get("/staff/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert timezone.now() + timedelta(minutes=29) < session.expire_date <= timezone.now() + timedelta(minutes=30)

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_each_role_is_a_group_with_its_permissions(db):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Content editors")
    managers = Group.objects.get(name="Service managers")
    coordinators = Group.objects.get(name="Coordinators")

    assert editors.permissions.filter(codename="access_admin").exists()
    assert managers.permissions.filter(codename="view_auditevent").exists()
    assert not coordinators.permissions.filter(codename="access_admin").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Coordinators",
        "Lead practitioners",
        "Service managers",
        "Content editors",
    }


def test_a_password_reset_for_an_unknown_address_sends_nothing(client, staff_factory, mailoutbox):
    staff_factory(email="sam@council.example")

    unknown = client.post("/accounts/password/reset/", {"email": "someone@elsewhere.example"})
    assert unknown.status_code == 302
    assert mailoutbox == []

    client.post("/accounts/password/reset/", {"email": "sam@council.example"})
    assert [message.to for message in mailoutbox] == [["sam@council.example"]]
