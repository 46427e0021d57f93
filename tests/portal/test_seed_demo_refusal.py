"""Apart from test_seed_demo.py, whose database holds the demo for the whole module."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
