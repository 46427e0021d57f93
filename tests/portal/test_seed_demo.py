import io
import logging

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.accounts.demo import DEMO_STAFF, current_code
from portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_one_account_per_role_with_mfa_and_can_run_twice(settings, capsys):
    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

    assert User.objects.count() == 4
    for demo in DEMO_STAFF:
        user = User.objects.get(email=demo.email)
        assert user.check_password(demo.password)
        assert user.roles == {demo.role}
        assert Authenticator.objects.filter(user=user, type="totp").count() == 1
        assert Authenticator.objects.filter(user=user, type="recovery_codes").count() == 1
        assert validate_totp_code(demo.totp_secret, current_code(demo.totp_secret))
    assert "coordinator@demo.invalid" in capsys.readouterr().out


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_adds_a_demo_family_with_an_excluded_relative_sharing_a_phone(settings):
    from fgdm.models import Case, Participation
    from fgdm.selectors import current_exclusion, disclosure

    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

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


def test_seed_demo_is_quiet_and_ends_with_how_to_sign_in(settings, caplog):
    settings.DEBUG = True
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    out = io.StringIO()

    with caplog.at_level(logging.INFO):
        call_command("seed_demo", stdout=out, no_color=True)

    assert [r.getMessage() for r in caplog.records if r.levelno < logging.WARNING] == []
    assert not logging.root.manager.disable, "logging is back on after seeding"
    lines = out.getvalue().splitlines()
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
