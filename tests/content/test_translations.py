"""No UI string ships untranslated, fuzzy, or with placeholders that differ from the English.

`bin/untranslated` lists what is missing; `make messages` merges locale/translations/*.json."""

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from content import po

LANGUAGES = po.target_languages()


def test_every_family_language_is_shipped():
    assert set(LANGUAGES) == {"pl", "ro", "pa", "ur", "pt", "es", "ar", "cy"}
    for language in LANGUAGES:
        assert po.po_path(language).exists(), f"{language}: run `make messages`"
        assert po.po_path(language).with_suffix(".mo").exists(), f"{language}: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_untranslated_fuzzy_or_broken_ui_string(language):
    found = po.report(language)
    catalogue = polib.pofile(str(po.po_path(language)))

    assert not catalogue.metadata_is_fuzzy, f"{language}: the header is fuzzy; run `make messages`"
    assert [e.msgid for e in found["untranslated"]] == [], f"{language}: run `bin/untranslated {language}`"
    assert [e.msgid for e in found["fuzzy"]] == []
    assert [str(p) for p in found["broken"]] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_translations_are_used(language):
    with translation.override(language):
        # A string of ours that neither Django nor Wagtail ships, so only our catalogue can translate it.
        assert translation.gettext("Guides for families") != "Guides for families"


def _entry(msgid, msgstr="", msgid_plural="", forms=None):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgid_plural=msgid_plural, flags=["python-format"])
    if forms is not None:
        entry.msgstr_plural = dict(enumerate(forms))
    return entry


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        (_entry("Hello %(name)s", "Cześć %(name)s"), True),
        (_entry("Hello %(name)s", "Cześć %(nazwa)s"), False),
        (_entry("Hello %(name)s", "Cześć"), False),
        (_entry("Call <a href='x'>us</a>", "Zadzwoń <a href='x'>do nas</a>"), True),
        (_entry("Call <a href='x'>us</a>", "Zadzwoń do nas"), False),
        (_entry("{count} people", "{count} osób"), True),
        (_entry("{count} people", "{liczba} osób"), False),
        (_entry("%(counter)s word", "", "%(counter)s words", ["%(counter)s słowo", "%(counter)s słowa"]), True),
        (_entry("%(counter)s word", "", "%(counter)s words", ["słowo", "%(counter)s słowa"]), False),
        (_entry("100%% free", "100%% za darmo"), True),
    ],
)
def test_placeholder_rules(entry, ok):
    assert (po.entry_problems(entry) == []) is ok


def _write_po(path, entries, language="pl"):
    catalogue = polib.POFile()
    catalogue.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8"}
    catalogue.extend(entries)
    catalogue.save(str(path))


def test_import_refuses_a_po_file_with_broken_placeholders_and_names_the_line(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(po, "SOURCE_DIR", tmp_path / "sources")
    upload = tmp_path / "translator.po"
    _write_po(upload, [_entry("Hello %(name)s", "Cześć %(name)s"), _entry("Call %(phone)s", "Zadzwoń %(telefon)s")])
    broken_line = next(e.linenum for e in polib.pofile(str(upload)) if e.msgid == "Call %(phone)s")

    with pytest.raises(CommandError, match=rf"line {broken_line}: placeholders differ"):
        call_command("import_translations", str(upload))

    assert not (tmp_path / "sources" / "pl.json").exists()


def test_import_keeps_good_translations_in_the_json_source(tmp_path, monkeypatch):
    monkeypatch.setattr(po, "SOURCE_DIR", tmp_path / "sources")
    monkeypatch.setattr(po, "po_path", lambda language: tmp_path / "absent" / "django.po")
    upload = tmp_path / "translator.po"
    _write_po(upload, [_entry("Hello %(name)s", "Cześć %(name)s"), _entry("Not done yet", "")])

    call_command("import_translations", str(upload))

    assert po.load_source("pl") == {"Hello %(name)s": "Cześć %(name)s"}


def test_import_refuses_an_unknown_language(tmp_path, monkeypatch):
    monkeypatch.setattr(po, "SOURCE_DIR", tmp_path / "sources")
    upload = tmp_path / "translator.po"
    _write_po(upload, [_entry("Hello", "Hallo")], language="de")

    with pytest.raises(CommandError, match="Unknown language 'de'"):
        call_command("import_translations", str(upload))


def test_every_translated_text_message_fits_its_segment_budget():
    """Non-Latin scripts (and Latin letters outside GSM-7) cost 70 characters a segment, not 160:
    the translated texts with a link stay short, or use GSM-7 letters only."""
    from portal.messaging.checks import over_budget

    assert over_budget() == []
