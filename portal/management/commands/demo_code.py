from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import DEMO_STAFF, current_code


class Command(BaseCommand):
    help = "Print the current authenticator code for a demo staff account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("Demo codes are for development machines only.")
        for demo in DEMO_STAFF:
            if demo.email == email:
                self.stdout.write(current_code(demo.totp_secret))
                return
        raise CommandError(f"{email} is not a demo account. Demo accounts: " + ", ".join(d.email for d in DEMO_STAFF))
