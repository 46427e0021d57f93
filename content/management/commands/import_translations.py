"""A translator's PO file, checked before anything is taken from it.

Two kinds are accepted: a PO file of the portal's UI strings for one language (its ``Language``
header says which), merged into locale/translations/<language>.json and the .po files; or a PO
file downloaded from wagtail-localize for one page or snippet (it carries the
``X-WagtailLocalize-TranslationID`` header), imported into that translation. Either way a
placeholder or tag the source has and the translation lacks (or the other way round) refuses the
whole file, naming the line, so a translator can fix it and upload again.
"""

import polib
from django.core.management.base import BaseCommand, CommandError

from content import po


class Command(BaseCommand):
    # Must run when a translation breaks a system check (an SMS over budget): that is how it gets fixed.
    requires_system_checks = []
    help = "Import a translator's PO file (UI strings or a wagtail-localize page), refusing broken placeholders."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", help="override the PO file's Language header")

    def handle(self, *args, file, language=None, **options):
        try:
            catalogue = polib.pofile(file)
        except (OSError, ValueError) as error:
            raise CommandError(f"{file} is not a PO file we can read: {error}") from error
        problems = [p for entry in catalogue if not entry.obsolete for p in po.entry_problems(entry)]
        if problems:
            raise CommandError(
                f"{file} was not imported. Fix these lines and try again:\n" + "\n".join(map(str, problems))
            )
        translation_id = catalogue.metadata.get("X-WagtailLocalize-TranslationID")
        if translation_id:
            self._import_page_translation(catalogue, translation_id)
        else:
            self._import_ui_strings(catalogue, language or catalogue.metadata.get("Language", ""))

    def _import_ui_strings(self, catalogue, language):
        language = language.replace("_", "-").lower()
        if language not in po.target_languages():
            raise CommandError(f"Unknown language {language!r}: expected one of {', '.join(po.target_languages())}.")
        translations = po.load_source(language)
        count = 0
        for entry in catalogue:
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            if entry.msgid_plural and all(entry.msgstr_plural.values()):
                translations[po.key_of(entry)] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            elif entry.msgstr:
                translations[po.key_of(entry)] = entry.msgstr
            else:
                continue
            count += 1
        po.save_source(language, translations)
        if po.po_path(language).exists():
            po.merge(language)
        self.stdout.write(f"{language}: {count} translations imported. Run `make messages` to compile them.")

    def _import_page_translation(self, catalogue, translation_id):
        from wagtail_localize.models import Translation

        translation = Translation.objects.filter(uuid=translation_id).first()
        if translation is None:
            raise CommandError(f"No translation {translation_id} here: download the PO file again from the editor.")
        warnings = translation.import_po(catalogue, translation_type="manual", tool_name="PO file")
        translation.save_target(publish=False)
        self.stdout.write(f"Imported into a draft of {translation}: {len(warnings)} warnings.")
