import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from fgdm.services.data_rights import find_member_records, subject_access_bundle


class Command(BaseCommand):
    help = "Write everything held about one person (all their cases) as bundle.html and bundle.json."

    def add_arguments(self, parser):
        parser.add_argument("--name", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--out", required=True, help="A folder to write the bundle into.")
        parser.add_argument("--by", required=True, help="The email of the member of staff producing it.")

    def handle(self, *args, name, phone, email, out, by, **options):
        from portal.accounts.models import User

        actor = User.objects.filter(email=by).first()
        if actor is None:
            raise CommandError(f"No member of staff with the email {by!r}.")
        members = find_member_records(name=name, phone=phone, email=email)
        if not members:
            raise CommandError("Nobody matches. Give a name, a phone number or an email address.")
        sections = subject_access_bundle(members=members, actor=actor)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        data = [{"title": s.title, "note": s.note, "rows": s.rows} for s in sections]
        (folder / "bundle.json").write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        (folder / "bundle.html").write_text(
            render_to_string("fgdm/subject_access_bundle.html", {"sections": sections, "members": members})
        )
        self.stdout.write(f"Wrote {len(sections)} sections about {len(members)} record(s) to {folder}.")
