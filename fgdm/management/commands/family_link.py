from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fgdm.models import NetworkMember
from portal.family_access.services import issue_link


class Command(BaseCommand):
    help = "Print a fresh personal link for a demo family member, to try the family's side of the portal."

    def add_arguments(self, parser):
        parser.add_argument("name", help='The member\'s full name, e.g. "Janet Lewis".')

    def handle(self, *args, name, **options):
        if not settings.DEBUG:
            raise CommandError("Personal links are sent by text message; print them only on a development machine.")
        members = list(NetworkMember.objects.filter(name=name).select_related("case"))
        if len(members) != 1:
            raise CommandError(f"Found {len(members)} people called {name!r}; give a name that is unique.")
        member = members[0]
        self.stdout.write(issue_link(subject_ref=member.ref, case_ref=member.case.ref))
        self.stdout.write("Open it, ask for a code, and read the code from the text-message log (make run prints it).")
