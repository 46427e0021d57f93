from django.core.management.base import BaseCommand, CommandError

from content import po


class Command(BaseCommand):
    # Must run when a translation breaks a system check (an SMS over budget): that is how it gets fixed.
    requires_system_checks = []
    help = (
        "List what stops each language shipping: untranslated or fuzzy UI strings, placeholders or tags that "
        "differ from the English, and text messages over their segment budget."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="default: every shipped language")
        parser.add_argument("--check", action="store_true", help="exit with an error if anything is missing")

    def handle(self, *args, languages=(), check=False, **options):
        from portal.messaging.checks import over_budget

        total = 0
        for language in languages or po.target_languages():
            found = po.report(language)
            entries = found["untranslated"] + found["fuzzy"]
            total += len(entries) + len(found["broken"])
            self.stdout.write(
                f"{language}: {len(found['untranslated'])} untranslated, {len(found['fuzzy'])} fuzzy, "
                f"{len(found['broken'])} with broken placeholders"
            )
            path = po.po_path(language).relative_to(po.LOCALE_DIR.parent)
            for entry in entries:
                self.stdout.write(f"  {path}:{entry.linenum}: {entry.msgid[:100]!r}")
            for problem in found["broken"]:
                self.stdout.write(f"  {path} {problem}")
        texts = over_budget()
        total += len(texts)
        self.stdout.write(f"text messages over their segment budget: {len(texts)}")
        for problem in texts:
            self.stdout.write(f"  {problem}")
        if check and total:
            raise CommandError(f"{total} UI strings are not ready to ship; see above.")
