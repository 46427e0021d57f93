"""{% url %} worked out once per process gives what Django's own tag gives, link for link."""

import pytest
from django.template import Context, Engine, Template, engines
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch
from django.utils import translation

from portal.templatetags.url_cache import _reverse

LINKS = [
    "{% url 'help' %}",
    "{% url 'fgdm:case' 7 %}",
    "{% url 'fgdm:case' pk %}",
    "{% url 'fgdm:edit_member' pk 12 %}",
    "{% url 'fgdm:case' case_id=pk %}",
    "{% url name pk %}",
    "{% url 'search' %}",  # a guide address: it carries the language
    "{% url 'wagtail_serve' path %}",  # an argument that needs quoting
    "{% url 'fgdm:case' pk as there %}[{{ there }}]",
    "{% url 'no-such-page' as there %}[{{ there }}]",
    "{% url 'fgdm:case' lazy %}",  # not a plain value: reversed every time, as Django does
]
CONTEXT = {"pk": 42, "name": "fgdm:network", "path": "café/niño-2/", "lazy": translation.gettext_lazy("5")}


def render_ours(source, context, request=None):
    return engines["django"].from_string(source).render(context, request)


def render_djangos(source, context):
    return Template(source, engine=Engine()).render(Context(context))


@pytest.mark.parametrize("source", LINKS)
@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_a_link_is_what_djangos_tag_makes_in_every_language(source, language):
    with translation.override(language):
        first, again = render_ours(source, CONTEXT), render_ours(source, CONTEXT)
        assert first == again == render_djangos(source, CONTEXT)


def test_the_guides_search_carries_the_language_it_is_asked_in():
    with translation.override("pl"):
        polish = render_ours("{% url 'search' %}", {})
    with translation.override("en"):
        english = render_ours("{% url 'search' %}", {})
    assert (polish, english) == ("/pl/search/", "/search/")


def test_a_link_to_no_page_still_fails_loudly():
    with pytest.raises(NoReverseMatch):
        render_ours("{% url 'no-such-page' %}", {})
    with pytest.raises(NoReverseMatch):
        render_ours("{% url 'fgdm:case' 'not-a-number' %}", {})


def test_a_link_is_worked_out_once_then_remembered():
    _reverse.cache_clear()
    request = RequestFactory().get("/")
    for pk in (1, 2, 1, 1, 2):
        render_ours("{% url 'fgdm:case' pk %}", {"pk": pk}, request)
    info = _reverse.cache_info()
    assert (info.misses, info.hits) == (2, 3)


def test_another_urlconf_is_not_answered_from_the_first_ones_addresses():
    before = render_ours("{% url 'bench_floor' as there %}[{{ there }}]", {})
    with override_settings(ROOT_URLCONF="bench.urls"):
        during = render_ours("{% url 'bench_floor' as there %}[{{ there }}]", {})
    assert (before, during) == ("[]", "[/bench/floor/]")


def test_true_is_not_taken_for_the_number_one():
    assert render_ours("{% url 'fgdm:case' 1 %}", {}) == "/cases/1/"
    with pytest.raises(NoReverseMatch):  # as Django's own tag: "True" is no case number
        render_ours("{% url 'fgdm:case' yes %}", {"yes": True})


def test_an_address_with_text_in_it_is_never_kept():
    """Text may be a secret: a personal link's token, an email confirmation key, a reset token."""
    _reverse.cache_clear()
    key = "MQ:1vSTxK:" + "a" * 43
    for view, value in (
        ("family_access:landing", "a" * 43),
        ("partner:landing", "b" * 43),
        ("account_confirm_email", key),
        ("wagtail_serve", "how-it-works/"),
    ):
        assert value in render_ours(f"{{% url '{view}' value %}}", {"value": value})
    assert _reverse.cache_info().currsize == 0
