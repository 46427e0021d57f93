"""The portal's own UI strings in every family language: where translations live, and the rules a
translation must keep before it ships.

The gettext files are the source: ``locale/<language>/LC_MESSAGES/django.po``, edited by hand or by
a translator. ``make messages`` re-reads the code into the English file only and merges the new
and changed strings into the others with ``msgmerge``, which keeps every translation. What is
checked here — the same placeholders and tags as the English, nothing untranslated or fuzzy — is
what ``tests/content/test_translations.py``, ``make translations-check`` and ``bin/untranslated``
report.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"

# %(name)s, %s, %d, %%; {name} and {0} (str.format); HTML tags with their attributes.
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_BRACES = re.compile(r"(?<!{){(\w*)}(?!})")
_TAG = re.compile(r"</?([a-zA-Z][\w-]*)(?:\s[^>]*)?>")


def target_languages() -> list[str]:
    """Every shipped language except the one the code is written in."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def placeholders(text: str, python_format: bool = True) -> Counter:
    found = Counter()
    if python_format:
        found.update(f"%({name})" if name else "%" for name in _PERCENT.findall(text.replace("%%", "")))
    found.update(f"{{{name}}}" for name in _BRACES.findall(text))
    found.update(f"<{name.lower()}>" for name in _TAG.findall(text))
    return found


@dataclass
class Problem:
    line: int
    msgid: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message} — {self.msgid[:70]!r}"


def entry_problems(entry: polib.POEntry) -> list[Problem]:
    """A translation must use exactly the placeholders and tags of its source text."""
    problems = []
    python_format = "python-format" in entry.flags or "%" in entry.msgid
    if entry.msgid_plural:
        expected = placeholders(entry.msgid_plural, python_format)
        expected_names = set(expected) | set(placeholders(entry.msgid, python_format))
        for index, form in sorted(entry.msgstr_plural.items()):
            if form and set(placeholders(form, python_format)) - expected_names:
                problems.append(
                    Problem(entry.linenum, entry.msgid, f"plural form {index} has a placeholder the source lacks")
                )
            missing = {p for p in expected if p.startswith(("%(", "{"))} - set(placeholders(form, python_format))
            if form and missing:
                problems.append(
                    Problem(entry.linenum, entry.msgid, f"plural form {index} lacks {', '.join(sorted(missing))}")
                )
    elif entry.msgstr and placeholders(entry.msgstr, python_format) != placeholders(entry.msgid, python_format):
        source, target = placeholders(entry.msgid, python_format), placeholders(entry.msgstr, python_format)
        difference = sorted((source - target) + (target - source))
        problems.append(Problem(entry.linenum, entry.msgid, f"placeholders differ: {', '.join(difference)}"))
    return problems


def is_untranslated(entry: polib.POEntry) -> bool:
    if entry.obsolete:
        return False
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def report(language: str) -> dict[str, list]:
    """What stops a language shipping: untranslated, fuzzy and broken entries."""
    po = polib.pofile(str(po_path(language)))
    live = [e for e in po if not e.obsolete]
    return {
        "untranslated": [e for e in live if is_untranslated(e)],
        "fuzzy": [e for e in live if "fuzzy" in e.flags],
        "broken": [p for e in live for p in entry_problems(e)],
    }
