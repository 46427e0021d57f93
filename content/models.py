from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from content.blocks import EasyReadStreamBlock, GuideStreamBlock
from content.panels import PlainWordsPanel


class FamilyPage(Page):
    """What every page for families shares: a flag for translations nobody has checked yet, and
    falling back to the English page (with a notice) when a language lacks a translation."""

    needs_translation_review = models.BooleanField(
        _("this translation needs checking"),
        default=False,
        help_text=_(
            "Ticked for machine or non-professional translations. Families see a short note until a "
            "professional translator has checked the page and you untick this."
        ),
    )

    # wagtail-localize never copies the flag from the English page: each translation keeps its own.
    translation_panels = [
        MultiFieldPanel([FieldPanel("needs_translation_review")], heading=_("Translation")),
    ]
    settings_panels = [*Page.settings_panels, *translation_panels]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            source = self.default_locale_page()
            if source is None or source.pk == self.pk:
                raise
            # The page is not translated yet: route through the English tree; its template says so.
            return source.specific.route(request, path_components)

    def default_locale_page(self):
        locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        return self.get_translation_or_none(locale) if locale else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        context["shown_in_other_language"] = self.locale.language_code != language
        context["requested_language_name"] = dict(settings.LANGUAGES).get(language, "")
        return context


class HomePage(FamilyPage):
    """The families' front door: what a family group meeting is, in a few sentences, and where to start."""

    intro = RichTextField(blank=True, features=["bold", "link", "ul", "ol"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), PlainWordsPanel()]
    # One per language: each locale's tree has its own home page, so no max_count.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public().specific()
        context["other_pages"] = Page.objects.child_of(self).live().public().not_type(GuidePage).specific()
        return context


class GuidePage(RoutablePageMixin, FamilyPage):
    """A plain-language guide, with an easy-read version at ./easy-read/."""

    summary = models.TextField(_("summary"), help_text=_("One or two short sentences, shown in lists and search."))
    body = StreamField(GuideStreamBlock(), verbose_name=_("guide"))
    easy_read = StreamField(EasyReadStreamBlock(), blank=True, verbose_name=_("easy read version"))
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("easy_read")], heading=_("Easy read")),
        PlainWordsPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("easy-read/")
    def easy_read_version(self, request):
        if not self.easy_read:
            raise Http404
        return self.render(request, context_overrides={"easy_read_shown": True})

    @path("easy-read/pdf/", name="easy_read_pdf")
    def easy_read_pdf_version(self, request):
        """The easy-read version as a PDF, made from this language's own words (content.pdf)."""
        from content.pdf import easy_read_pdf

        if not self.easy_read:
            raise Http404
        response = HttpResponse(easy_read_pdf(self), content_type="application/pdf")
        language = self.locale.language_code
        response["Content-Disposition"] = f'inline; filename="{self.slug}-easy-read-{language}.pdf"'
        response["Content-Language"] = language
        return response


class InformationPage(FamilyPage):
    """Help and contact, and other short pages that are not guides."""

    body = StreamField(GuideStreamBlock(), verbose_name=_("text"))

    content_panels = [*Page.content_panels, FieldPanel("body"), PlainWordsPanel()]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("information page")


class GlossaryPage(FamilyPage):
    """The jargon buster: every word in this language's glossary, each with its own anchor."""

    intro = RichTextField(blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("jargon buster")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.filter(locale=self.locale).order_by("term")
        return context


@register_snippet
class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    """A word families meet (often in letters from the council) and what it means in plain words."""

    term = models.CharField(_("word"), max_length=100)
    meaning = models.TextField(_("what it means"))

    panels = [FieldPanel("term"), FieldPanel("meaning")]
    search_fields = [index.SearchField("term"), index.SearchField("meaning"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("jargon buster word")
        verbose_name_plural = _("jargon buster words")
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return f"word-{self.translation_key.hex[:8]}"

    def glossary_url(self):
        page = GlossaryPage.objects.live().filter(locale=self.locale).first()
        if page is None:
            page = GlossaryPage.objects.live().first()
        return f"{page.url}#{self.anchor}" if page else ""
