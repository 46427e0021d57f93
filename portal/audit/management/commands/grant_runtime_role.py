from django.core.management.base import BaseCommand

from portal.audit.database import grant_runtime_role


class Command(BaseCommand):
    help = "Grant the portal's runtime database role its privileges: on the audit log, INSERT and SELECT only."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the PostgreSQL role the web and queue processes connect as")

    def handle(self, *args, role, **options):
        grant_runtime_role(role)
        self.stdout.write(f"Granted {role} the runtime privileges; on the audit log INSERT and SELECT only.")
