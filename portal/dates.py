"""Dates in each language's own grammar, from the Unicode CLDR through Babel.

Django's month and day names are right, but its one pattern per page cannot be: Polish needs the
month in the genitive ("22 grudnia"), Spanish and Portuguese need "de", and Romanian and Polish
write day names in lower case. CLDR's patterns carry all of that, language by language.
"""

import re
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date, match_skeleton
from django.utils import timezone
from django.utils.translation import get_language

# Django's language codes name the language; the country says which CLDR spelling the family reads.
_CLDR_LOCALE = {"en": "en_GB", "pt": "pt_PT"}


def _locale(language: str | None) -> Locale:
    code = (language or get_language() or "en").lower()
    return Locale.parse(_CLDR_LOCALE.get(code, code.replace("-", "_")))


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def full_date(value: date | datetime, language: str | None = None) -> str:
    """Weekday, day, month and year: "wtorek, 22 grudnia 2026", "martes, 22 de diciembre de 2026"."""
    return format_date(_day(value), "full", locale=_locale(language))


def long_date(value: date | datetime, language: str | None = None) -> str:
    """Day, month and year: "22 grudnia 2026", "22 de dezembro de 2026"."""
    return format_date(_day(value), "long", locale=_locale(language))


def weekday_and_day(value: date | datetime, language: str | None = None) -> str:
    """Weekday, day and month, no year: "wtorek, 22 grudnia", "marți, 22 decembrie"."""
    locale = _locale(language)
    pattern = locale.datetime_skeletons[match_skeleton("MMMMEEEEd", locale.datetime_skeletons)].pattern
    return format_date(_day(value), _widen(pattern), locale=locale)


def _widen(pattern: str) -> str:
    """CLDR stores the nearest pattern with short names ("EEE, d MMMM"); ask for whole ones, as ICU
    does when it fits a pattern to a skeleton. Quoted literals ('de') are left alone."""
    parts = pattern.split("'")
    for index in range(0, len(parts), 2):  # outside quotes
        parts[index] = re.sub(r"(?<![Ec])([Ec])\1{0,2}(?![Ec])", lambda m: m.group(1) * 4, parts[index])
        parts[index] = re.sub(r"(?<![ML])([ML])\1{2}(?![ML])", lambda m: m.group(1) * 4, parts[index])
    return "'".join(parts)
