import json

from django.core.management.base import BaseCommand, CommandError

from content import po


class Command(BaseCommand):
    # Must run when a translation breaks a system check (an SMS over budget): that is how it gets fixed.
    requires_system_checks = []
    help = (
        "List the UI strings each language still lacks (untranslated, fuzzy, or with broken placeholders). "
        "--json prints a skeleton to fill in and add to locale/translations/<language>.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="default: every shipped language")
        parser.add_argument("--json", action="store_true", help="print {msgid: ''} for the missing strings")
        parser.add_argument("--check", action="store_true", help="exit with an error if anything is missing")

    def handle(self, *args, languages=(), json=False, check=False, **options):
        total = 0
        for language in languages or po.target_languages():
            found = po.report(language)
            entries = found["untranslated"] + found["fuzzy"]
            total += len(entries) + len(found["broken"])
            if json:
                skeleton = {po.key_of(e): ([""] if e.msgid_plural else "") for e in entries}
                self.stdout.write(f"// {language}\n" + _dumps(skeleton))
                continue
            self.stdout.write(
                f"{language}: {len(found['untranslated'])} untranslated, {len(found['fuzzy'])} fuzzy, "
                f"{len(found['broken'])} with broken placeholders"
            )
            for entry in entries:
                self.stdout.write(f"  line {entry.linenum}: {entry.msgid[:100]!r}")
            for problem in found["broken"]:
                self.stdout.write(f"  {problem}")
        if check and total:
            raise CommandError(f"{total} UI strings are not ready to ship; see above.")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=1)
