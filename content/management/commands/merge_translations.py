from django.core.management import call_command
from django.core.management.base import BaseCommand

from content import po


class Command(BaseCommand):
    # Must run when a translation breaks a system check (an SMS over budget): that is how it gets fixed.
    requires_system_checks = []
    help = "Fill every language's .po file from locale/translations/<language>.json, then compile."

    def add_arguments(self, parser):
        parser.add_argument("--no-compile", action="store_true")

    def handle(self, *args, no_compile=False, **options):
        for language in po.target_languages():
            filled, missing = po.merge(language)
            self.stdout.write(f"{language}: {filled} translated, {missing} untranslated")
        if not no_compile:
            call_command("compilemessages", ignore_patterns=[".venv/*", "node_modules/*"], verbosity=0)
