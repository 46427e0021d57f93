"""Dates in each family language's own grammar (CLDR through Babel), one row per language."""

from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from portal import dates

TUESDAY = date(2026, 12, 22)

# language: (weekday and date, date, weekday and day without the year)
EXPECTED = {
    "en": ("Tuesday, 22 December 2026", "22 December 2026", "Tuesday 22 December"),
    "pl": ("wtorek, 22 grudnia 2026", "22 grudnia 2026", "wtorek, 22 grudnia"),
    "ro": ("marți, 22 decembrie 2026", "22 decembrie 2026", "marți, 22 decembrie"),
    "pa": ("ਮੰਗਲਵਾਰ, 22 ਦਸੰਬਰ 2026", "22 ਦਸੰਬਰ 2026", "ਮੰਗਲਵਾਰ, 22 ਦਸੰਬਰ"),
    "ur": ("منگل، 22 دسمبر، 2026", "22 دسمبر، 2026", "منگل، 22 دسمبر"),
    "pt": ("terça-feira, 22 de dezembro de 2026", "22 de dezembro de 2026", "terça-feira, 22 de dezembro"),
    "es": ("martes, 22 de diciembre de 2026", "22 de diciembre de 2026", "martes, 22 de diciembre"),
    "ar": ("الثلاثاء، 22 ديسمبر 2026", "22 ديسمبر 2026", "الثلاثاء، 22 ديسمبر"),
    "cy": ("Dydd Mawrth, 22 Rhagfyr 2026", "22 Rhagfyr 2026", "Dydd Mawrth, 22 Rhagfyr"),
}


def test_every_family_language_has_its_dates():
    assert sorted(EXPECTED) == sorted(code for code, _name in settings.LANGUAGES)


@pytest.mark.parametrize("language", list(EXPECTED))
def test_dates_read_as_the_language_writes_them(language):
    full, long, weekday = EXPECTED[language]
    assert dates.full_date(TUESDAY, language) == full
    assert dates.long_date(TUESDAY, language) == long
    assert dates.weekday_and_day(TUESDAY, language) == weekday


@pytest.mark.parametrize("language", list(EXPECTED))
def test_template_filters_follow_the_active_language(language):
    template = Template("{% load dates %}{{ day|full_date }}|{{ day|long_date }}|{{ day|weekday_and_day }}")
    with translation.override(language):
        assert template.render(Context({"day": TUESDAY})) == "|".join(EXPECTED[language])


def test_a_moment_is_dated_by_the_clock_where_the_family_lives():
    # 23:30 UTC on 21 June is half past midnight on the 22nd in British Summer Time.
    assert dates.long_date(datetime(2026, 6, 21, 23, 30, tzinfo=UTC), "pl") == "22 czerwca 2026"
