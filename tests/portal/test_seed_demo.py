import io
import logging

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from portal.accounts.demo import DEMO_STAFF, current_code
from portal.accounts.models import User

pytestmark = pytest.mark.django_db


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def _seeded_twice(django_db_setup, django_db_blocker, tmp_path_factory):
    """``seed_demo`` run twice, once for the module (seeding the site in nine languages is most of
    what these tests cost): what the first run printed and logged, and what the second printed.
    It runs inside a transaction rolled back after the module's last test; each test runs in a
    savepoint within it, so nothing is left for other modules."""
    first, second, records = io.StringIO(), io.StringIO(), _Records()
    root, level = logging.getLogger(), logging.getLogger().level
    settings = {
        "DEBUG": True,
        "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
        "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
    }
    with override_settings(**settings), django_db_blocker.unblock(), transaction.atomic():
        root.addHandler(records)
        root.setLevel(logging.INFO)
        try:
            call_command("seed_demo", stdout=first, no_color=True)
        finally:
            root.removeHandler(records)
            root.setLevel(level)
        call_command("seed_demo", stdout=second, no_color=True)
        yield {"first": first.getvalue(), "second": second.getvalue(), "records": records.records}
        transaction.set_rollback(True)


@pytest.fixture
def seeded_twice(_seeded_twice, db):
    return _seeded_twice


def test_seed_demo_makes_one_account_per_role_with_mfa_and_can_run_twice(seeded_twice):
    assert User.objects.count() == 4
    for demo in DEMO_STAFF:
        user = User.objects.get(email=demo.email)
        assert user.check_password(demo.password)
        assert user.roles == {demo.role}
        assert Authenticator.objects.filter(user=user, type="totp").count() == 1
        assert Authenticator.objects.filter(user=user, type="recovery_codes").count() == 1
        assert validate_totp_code(demo.totp_secret, current_code(demo.totp_secret))
    assert "coordinator@demo.invalid" in seeded_twice["second"]


def test_seed_demo_adds_a_demo_family_with_an_excluded_relative_sharing_a_phone(seeded_twice):
    from fgdm.models import Case, Participation
    from fgdm.selectors import current_exclusion, disclosure

    case = Case.objects.get()
    members = {m.name: m for m in case.members.all()}
    assert len(members) == 11
    assert {m.language for m in members.values()} == {"en", "pl"}
    gary, piotr = members["Gary Shaw"], members["Piotr Nowak"]
    assert current_exclusion(gary).participation == Participation.NO_CONTACT
    assert gary.phone == piotr.phone
    meeting = case.meetings.get()
    assert disclosure(piotr, meeting).parts == ()
    assert "Shares a phone number" in disclosure(piotr, meeting).held_back_because
    assert len(disclosure(members["Janet Lewis"], meeting).parts) == 3
    # The family journey can be tried at once: Mia speaks for herself, Janet writes the plan, times are offered.
    assert members["Mia Lewis-Nowak"].voice_of == case.children.get()
    assert meeting.plan_writer == members["Janet Lewis"]
    assert meeting.slots.count() == 3
    assert meeting.invitations.filter(member=members["Janet Lewis"]).exists()
    assert not meeting.invitations.filter(member=piotr).exists()
    # The police answered about Gary, and the decision names that answer; the school is still waiting, late.
    answered, waiting = sorted(case.partner_requests.all(), key=lambda r: r.answered_at is None)
    assert (answered.agency_kind, [m.name for m in answered.members.all()]) == ("police", ["Gary Shaw"])
    assert list(current_exclusion(gary).informed_by.all()) == list(answered.answers.all())
    assert answered.answers.get().risks["domestic_abuse"] == "yes"
    assert waiting.answered_at is None and waiting.overdue


def test_seed_demo_is_quiet_and_ends_with_how_to_sign_in(seeded_twice):
    assert [r.getMessage() for r in seeded_twice["records"] if r.levelno < logging.WARNING] == []
    assert not logging.root.manager.disable, "logging is back on after seeding"
    lines = seeded_twice["first"].splitlines()
    assert len(lines) < 30
    assert lines[-12:] == [
        "",
        "The portal is at http://127.0.0.1:8000/",
        "Staff sign in at http://127.0.0.1:8000/accounts/login/ with a demo account:",
        "  coordinator        coordinator@demo.invalid     password demo-coordinator-1",
        "  lead_practitioner  practitioner@demo.invalid    password demo-practitioner-1",
        "  service_manager    manager@demo.invalid         password demo-manager-1",
        "  content_editor     editor@demo.invalid          password demo-editor-1",
        "Each has an authenticator app enrolled. For its 6-digit code, run:",
        "  .venv/bin/python manage.py demo_code coordinator@demo.invalid",
        "For a family member's personal link (open it, ask for a code, read the code in the text-message log below), "
        "run:",
        '  .venv/bin/python manage.py family_link "Janet Lewis"',
        "",
    ]
