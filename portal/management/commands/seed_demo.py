import logging
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import ensure_demo_staff


@contextmanager
def quiet_logs():
    """Only warnings and errors while seeding: every page published and every task run would log a
    line at INFO (about 3,500 in all), and the demo accounts printed after them would scroll away."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


class Command(BaseCommand):
    help = (
        "Create demo staff accounts (one per role, MFA enrolled) and each app's demo data, then say how to "
        "sign in. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Seed even though DEBUG is off.")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts have published passwords; seed them only on a development machine.")
        try_it = []
        with quiet_logs():
            staff = ensure_demo_staff()
            # Each app that has demo data keeps it in its own demo.py, seeded in INSTALLED_APPS order; its
            # TRY_IT lists (what for, command) to try what it seeded.
            for app in apps.get_app_configs():
                module_name = f"{app.name}.demo"
                if app.name.startswith(("portal", "fgdm", "network_support", "content")) and find_spec(module_name):
                    module = import_module(module_name)
                    module.seed(self.stdout)
                    try_it += getattr(module, "TRY_IT", [])
        self._summary(staff, try_it)

    def _summary(self, staff, try_it):
        """The newcomer's first screen: printed last, just before the server's own log starts."""
        address = settings.PUBLIC_BASE_URL
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS(f"The portal is at {address}/"))
        write(f"Staff sign in at {address}/accounts/login/ with a demo account:")
        for demo in staff:
            write(f"  {demo.role:<18} {demo.email:<28} password {demo.password}")
        write("Each has an authenticator app enrolled. For its 6-digit code, run:")
        write(f"  .venv/bin/python manage.py demo_code {staff[0].email}")
        for what, command in try_it:
            write(f"{what}, run:")
            write(f"  .venv/bin/python manage.py {command}")
        write("")
