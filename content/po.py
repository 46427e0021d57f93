"""The portal's own UI strings in every family language: where translations live, and the rules a
translation must keep.

Translations are written once, in ``locale/translations/<language>.json`` (msgid → msgstr; a list
of forms for plurals; ``context\\x04msgid`` for strings with a context). ``makemessages`` rewrites
the ``.po`` files from the code; ``merge`` fills them from the JSON again, so no work is lost and
a new string needs one line in each JSON file.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SOURCE_DIR = LOCALE_DIR / "translations"
CONTEXT_SEPARATOR = "\x04"

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


def key_of(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def load_source(language: str) -> dict:
    path = SOURCE_DIR / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_source(language: str, translations: dict) -> None:
    SOURCE_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(sorted(translations.items())), ensure_ascii=False, indent=1)
    (SOURCE_DIR / f"{language}.json").write_text(text + "\n", encoding="utf-8")


def merge(language: str) -> tuple[int, int]:
    """Fill ``language``'s .po from its JSON source. Returns (filled, still untranslated).

    A translation that breaks a placeholder rule is not copied in: it stays untranslated, so the
    completeness test names it."""
    po = polib.pofile(str(po_path(language)))
    # makemessages leaves a new file's header fuzzy, and msgfmt may then drop its charset and plural rule.
    po.metadata_is_fuzzy = False
    po.metadata.update(
        {"Language": language, "Project-Id-Version": "fgdm-portal", "Language-Team": "locale/translations"}
    )
    source = load_source(language)
    nplurals = _nplurals(po)
    filled = 0
    for entry in po:
        if entry.obsolete:
            continue
        value = source.get(key_of(entry))
        if value is None:
            if "fuzzy" in entry.flags:
                # msgmerge's guess from a similar old string: wrong more often than not, so untranslated.
                entry.flags.remove("fuzzy")
                entry.msgstr, entry.previous_msgid = "", None
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "") if entry.msgid_plural else {}
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value]
            forms = (forms + [forms[-1]] * nplurals)[:nplurals]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if entry_problems(entry):
            entry.msgstr, entry.msgstr_plural = "", (dict.fromkeys(range(nplurals), "") if entry.msgid_plural else {})
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    return filled, sum(1 for e in po if is_untranslated(e))


def _nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2
