"""The "Plain words" panel: reading age, longest sentences and jargon, shown beside English pages."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.fields import RichTextField, StreamField

from content import readability


def _strings(raw):
    """Every piece of words in a StreamField's raw data: rich text HTML, headings, answers…"""
    if isinstance(raw, str):
        if raw and not raw.startswith(("http://", "https://", "/")):
            yield raw
    elif isinstance(raw, dict):
        yield from _strings(raw["value"] if "type" in raw and "value" in raw else list(raw.values()))
    elif isinstance(raw, list | tuple):
        for item in raw:
            yield from _strings(item)


def page_text(page) -> str:
    """The words of a page as families read them, one block per line."""
    parts = [page.title]
    for model_field in page._meta.get_fields():
        value = getattr(page, model_field.name, None) if hasattr(model_field, "attname") else None
        if isinstance(model_field, StreamField) and value is not None:
            parts += [readability.text_from_html(s) for s in _strings(list(value.raw_data))]
        elif isinstance(model_field, RichTextField) and value:
            parts.append(readability.text_from_html(value))
        elif model_field.name in {"summary", "search_description"} and value:
            parts.append(value)
    return "\n".join(parts)


class PlainWordsPanel(Panel):
    """Shown on English pages only: the translations follow the English, so that is where to fix words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Plain words"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/plain_words.html"

        def is_shown(self):
            locale = getattr(self.instance, "locale", None)
            return locale is None or locale.language_code == settings.LANGUAGE_CODE

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = readability.check(page_text(self.instance))
            context.update(
                report=report,
                target_age=readability.TARGET_READING_AGE,
                max_words=readability.MAX_SENTENCE_WORDS,
                too_hard=(report.reading_age or 0) > readability.TARGET_READING_AGE + 1,
            )
            return context
