"""No UI string ships untranslated, fuzzy, or with placeholders that differ from the English.

The .po files in locale/ are the source; `bin/untranslated` lists what is missing, naming each line."""

import io

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


def test_the_check_names_each_missing_string_by_its_line_in_the_po_file(tmp_path, monkeypatch):
    catalogue = polib.POFile()
    catalogue.metadata = {"Language": "pl", "Content-Type": "text/plain; charset=UTF-8"}
    catalogue.extend(
        [
            _entry("Hello %(name)s", "Cześć %(name)s"),
            _entry("Call %(phone)s", "Zadzwoń %(telefon)s"),
            _entry("Not done yet", ""),
        ]
    )
    path = tmp_path / "pl" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue.save(str(path))
    monkeypatch.setattr(po, "LOCALE_DIR", tmp_path)
    out = io.StringIO()

    with pytest.raises(CommandError, match="2 UI strings are not ready to ship"):
        call_command("untranslated", "pl", "--check", stdout=out)

    lines = {e.msgid: e.linenum for e in polib.pofile(str(path))}
    report = out.getvalue()
    assert "pl: 1 untranslated, 0 fuzzy, 1 with broken placeholders" in report
    assert f"pl/LC_MESSAGES/django.po:{lines['Not done yet']}: 'Not done yet'" in report
    assert f"line {lines['Call %(phone)s']}: placeholders differ: %(phone), %(telefon)" in report


def test_every_translated_text_message_fits_its_segment_budget():
    """Non-Latin scripts (and Latin letters outside GSM-7) cost 70 characters a segment, not 160:
    the translated texts with a link stay short, or use GSM-7 letters only."""
    from portal.messaging.checks import over_budget

    assert over_budget() == []
