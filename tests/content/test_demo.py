"""The demo guides: every language has a translation for every guide string, and seeding twice
changes nothing."""

import io
import json

import pytest
from django.conf import settings

from content import demo
from content.guides import english

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def english_strings():
    yield from (term for pair in english.GLOSSARY.values() for term in pair)
    yield english.HOME["title"]
    for guide in english.GUIDES:
        yield guide["title"]
        yield guide["summary"]
        yield from guide["easy_read"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_guide_string_has_a_translation(language):
    translations = demo.translations_for(language)

    assert [s for s in english_strings() if not translations.get(s)] == []
    assert all(value.strip() for value in translations.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_files_are_valid_json_keyed_by_english(language):
    path = demo.TRANSLATIONS_DIR / f"{language}.json"
    data = json.loads(path.read_text(encoding="utf-8"))

    assert "What is a family group meeting?" in data


@pytest.mark.django_db
def test_seeding_twice_changes_nothing_and_marks_translations_for_review():
    from content.models import GlossaryTerm, GuidePage

    out = io.StringIO()
    demo.seed(out, languages=["cy"])
    counts = (GuidePage.objects.count(), GlossaryTerm.objects.count())
    demo.seed(out, languages=["cy"])

    assert (GuidePage.objects.count(), GlossaryTerm.objects.count()) == counts == (16, 18)
    welsh = GuidePage.objects.filter(locale__language_code="cy")
    assert all(page.needs_translation_review for page in welsh)
    assert not any(p.needs_translation_review for p in GuidePage.objects.filter(locale__language_code="en"))
    assert "not translated yet" not in out.getvalue()
    assert welsh.get(slug="what-is-a-family-group-meeting").title == "Beth yw cyfarfod grŵp teulu?"


@pytest.mark.django_db
def test_editor_sees_translations_to_check_and_marks_one_checked(client, staff_factory):
    from content.models import GuidePage
    from portal.accounts import roles

    demo.seed(io.StringIO(), languages=["pl"], guide_slugs=["your-rights"])
    polish = GuidePage.objects.get(locale__language_code="pl")
    client.force_login(staff_factory(roles.CONTENT_EDITOR))

    listing = client.get("/cms/translations-to-check/").content.decode()
    response = client.post(f"/cms/translations-to-check/{polish.pk}/")

    assert polish.title in listing and f"/cms/translations-to-check/{polish.pk}/" in listing
    assert response.status_code == 302
    polish.refresh_from_db()
    assert polish.needs_translation_review is False
    assert f"/cms/translations-to-check/{polish.pk}/" not in client.get("/cms/translations-to-check/").content.decode()


@pytest.mark.django_db
def test_other_staff_cannot_mark_translations_checked(client, staff_factory):
    from content.models import GuidePage
    from portal.accounts import roles

    demo.seed(io.StringIO(), languages=["pl"], guide_slugs=["your-rights"])
    polish = GuidePage.objects.get(locale__language_code="pl")
    client.force_login(staff_factory(roles.COORDINATOR))

    assert client.post(f"/cms/translations-to-check/{polish.pk}/").status_code == 403
    polish.refresh_from_db()
    assert polish.needs_translation_review is True
