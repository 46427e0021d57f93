from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import ensure_demo_staff


class Command(BaseCommand):
    help = "Create demo staff accounts (one per role, MFA enrolled) so the portal can be tried. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Seed even though DEBUG is off.")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts have published passwords; seed them only on a development machine.")
        staff = ensure_demo_staff()
        # Each app that has demo data keeps it in its own demo.py, seeded in INSTALLED_APPS order.
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if app.name.startswith(("portal", "fgdm", "network_support", "content")) and find_spec(module_name):
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo staff are ready. Sign in at http://127.0.0.1:8000/accounts/login/"))
        self.stdout.write("Each account has an authenticator app enrolled. For the 6-digit code, run:")
        self.stdout.write("    .venv/bin/python manage.py demo_code EMAIL")
        self.stdout.write("or add the secret to any authenticator app.\n")
        for demo in staff:
            self.stdout.write(
                f"  {demo.role:<18} {demo.email:<28} password {demo.password:<22} secret {demo.totp_secret}"
            )
