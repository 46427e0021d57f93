from django.core.management.base import BaseCommand

from fgdm.services.data_rights import apply_retention


class Command(BaseCommand):
    help = "List (or, with --apply, anonymise) closed cases past the retention period. Cases on legal hold are kept."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Remove the personal details. Without it: a dry run.")

    def handle(self, *args, apply=False, **options):
        due = apply_retention(dry_run=not apply)
        verb = "Anonymised" if apply else "Would anonymise"
        for item in due:
            self.stdout.write(f"{verb} {item.case.reference} (closed {item.closed_at:%Y-%m-%d})")
        self.stdout.write(f"{verb} {len(due)} case(s).")
