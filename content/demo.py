"""Demo content: the families' home page, the eight core guides with easy-read versions (each
language's guide makes its own easy-read PDF: content/pdf.py),
the jargon buster and the help page, in English and translated into every family language.

Idempotent: anything that exists is left alone, so editors' changes survive a second run.
Translations go through wagtail-localize (the same records its editor and PO download/upload
use), and every seeded translation is marked "needs checking" until a professional has read it.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from content.guides import english
from content.models import GlossaryPage, GlossaryTerm, GuidePage, HomePage, InformationPage
from content.site_tree import ensure_site_tree

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "guides" / "translations"
SEEDED_TOOL = "seed_demo: not yet checked by a professional translator"


def translations_for(language: str) -> dict[str, str]:
    path = TRANSLATIONS_DIR / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def seed(stdout, *, languages=None, guide_slugs=None):
    """Create what is missing. ``languages`` and ``guide_slugs`` narrow it down (for tests)."""
    # No transaction around the whole: Wagtail publishes a revision when the transaction commits,
    # from the page as it was, which would undo the child count of a home page translated meanwhile.
    # Every step is idempotent instead, so a run that stops half way is finished by the next.
    home = ensure_site_tree()
    terms = _glossary()
    children = [_glossary_page(home), _contact_page(home)]
    guides = [g for g in english.GUIDES if guide_slugs is None or g["slug"] in guide_slugs]
    children += [_guide(home, guide, terms) for guide in guides]
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for code in codes if languages is None else [c for c in codes if c in languages]:
        strings = translations_for(code)
        missing = set()
        for term in terms.values():
            missing |= translate(term, code, strings)
        for instance in [home, *children]:
            missing |= translate(instance, code, strings)
        if missing:
            stdout.write(f"  {code}: {len(missing)} guide strings not translated yet, shown in English")
    stdout.write(f"Guides: {len(guides)} core guides, glossary and help pages in {len(codes) + 1} languages")


def _glossary():
    en = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    terms = {}
    for key, (term, meaning) in english.GLOSSARY.items():
        terms[key] = GlossaryTerm.objects.filter(locale=en, term=term).first() or GlossaryTerm.objects.create(
            locale=en, term=term, meaning=meaning
        )
    return terms


def _child(home, model, slug, **fields):
    existing = model.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    page = home.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _glossary_page(home):
    return _child(home, GlossaryPage, english.JARGON_BUSTER["slug"], **_without(english.JARGON_BUSTER, "slug"))


def _contact_page(home):
    body = [_block(kind, value, {}) for kind, value in english.CONTACT["body"]]
    return _child(home, InformationPage, english.CONTACT["slug"], title=english.CONTACT["title"], body=body)


def _guide(home, guide, terms):
    existing = GuidePage.objects.child_of(home).filter(slug=guide["slug"]).first()
    if existing:
        return existing
    easy_read = [_block("text", "<ul>" + "".join(f"<li>{line}</li>" for line in guide["easy_read"]) + "</ul>", terms)]
    return _child(
        home,
        GuidePage,
        guide["slug"],
        title=guide["title"],
        summary=guide["summary"],
        body=[_block(kind, value, terms) for kind, value in guide["body"]],
        easy_read=easy_read,
    )


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _block(kind, value, terms):
    """One StreamField block as raw data, with ids, so wagtail-localize can address each string."""
    if kind == "text":
        raw = value
    elif kind == "word":
        raw = {"term": terms[value].pk}
    elif kind == "callout":
        raw = {"style": value[0], "text": value[1]}
    elif kind == "steps":
        raw = {"heading": value[0], "steps": [_item({"title": t, "text": x}) for t, x in value[1]]}
    elif kind == "questions":
        raw = {"heading": value[0], "questions": [_item({"question": q, "answer": a}) for q, a in value[1]]}
    elif kind == "video":
        raw = {"title": value[0], "url": value[1], "description": value[2]}
    else:
        raise ValueError(kind)
    return {"type": kind, "value": raw, "id": str(uuid.uuid4())}


def _without(mapping, *keys):
    return {k: v for k, v in mapping.items() if k not in keys}


def translate(instance, language: str, strings: dict[str, str]) -> set[str]:
    """Translate a page or snippet into ``language`` from ``strings`` (English → translation),
    unless it is translated already. Returns the English strings that had no translation."""
    locale = Locale.objects.get(language_code=language)
    if instance.get_translation_or_none(locale) is not None:
        return set()
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = set()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        english_text = segment.string.data
        text = english_text if segment.context.path == "slug" else strings.get(english_text)
        if not text:
            missing.add(english_text)
            continue
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "machine", "tool_name": SEEDED_TOOL},
        )
    translation.save_target(publish=True)
    translated = instance.get_translation(locale)
    if hasattr(translated, "needs_translation_review"):
        translated.needs_translation_review = True
        translated.save_revision(log_action=False).publish(log_action=False)
    return missing


def reseed_translations(stdout):
    """After editing a translations file: apply new strings to existing seeded translations."""
    for translation in Translation.objects.select_related("source", "target_locale"):
        strings = translations_for(translation.target_locale.language_code)
        for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
            text = strings.get(segment.string.data)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=translation.target_locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": "machine", "tool_name": SEEDED_TOOL},
                )
        translation.save_target(publish=True)
    stdout.write("Seeded translations re-applied.")


__all__ = ["HomePage", "reseed_translations", "seed", "translate"]
