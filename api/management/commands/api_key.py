"""``manage.py api_key create --name NAME --scope read`` prints the new key alone on its last line.

``--scope`` takes ``read`` (every resource) or a resource name, and may be given more than once.
``--by`` names the service manager the client acts for (default: the only one, if there is one).
"""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import READ_SCOPES, ApiClient
from api.services.clients import create_client, revoke_client
from portal.accounts import roles
from portal.accounts.models import User


class Command(BaseCommand):
    help = "Create or revoke an API client. The key is printed once, alone on the last line."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--name", required=True)
        create.add_argument("--scope", action="append", required=True, choices=["read", *READ_SCOPES])
        create.add_argument("--expires", help="YYYY-MM-DD")
        create.add_argument("--by", help="The email of the service manager the client acts for")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("--name", required=True)
        revoke.add_argument("--by", help="The email of the service manager revoking it")

    def _manager(self, email: str | None) -> User:
        managers = User.objects.filter(groups__name=roles.ROLE_GROUP_NAMES[roles.SERVICE_MANAGER], is_active=True)
        if email:
            managers = managers.filter(email__iexact=email)
        found = list(managers[:2])
        if len(found) != 1:
            raise CommandError("Name one service manager with --by EMAIL.")
        return found[0]

    def handle(self, *args, action, **options):
        actor = self._manager(options.get("by"))
        if action == "revoke":
            client = ApiClient.objects.filter(name=options["name"]).first()
            if client is None:
                raise CommandError("No API client has that name.")
            revoke_client(client=client, actor=actor)
            self.stdout.write(f"Revoked {client.name}.")
            return
        scopes = READ_SCOPES if "read" in options["scope"] else options["scope"]
        expires_at = None
        if options.get("expires"):
            try:
                day = datetime.strptime(options["expires"], "%Y-%m-%d").date()
            except ValueError as error:
                raise CommandError("Give --expires as YYYY-MM-DD.") from error
            expires_at = timezone.make_aware(datetime.combine(day, time.min))
        try:
            client, key = create_client(name=options["name"], scopes=scopes, expires_at=expires_at, actor=actor)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created API client {client.name} ({', '.join(client.scopes)}), acting for {actor.email}.")
        self.stdout.write("The key is shown once; store it now:")
        self.stdout.write(key)
