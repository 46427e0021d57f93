"""Pounds and pence, and the dates a recurring item is paid on. Integer pence throughout; never float."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from network_support.models import Frequency


def to_pence(pounds: Decimal | str) -> int:
    """£12.50 → 1250. Raises ValueError on anything that is not a number of pounds."""
    try:
        value = Decimal(str(pounds).replace("£", "").replace(",", "").strip())
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {pounds!r}") from error
    if not value.is_finite():
        raise ValueError(f"not an amount: {pounds!r}")
    return int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pounds(pence: int | None) -> str:
    """1250 → "£12.50"; 120000 → "£1,200"."""
    if pence is None:
        return ""
    whole, part = divmod(abs(int(pence)), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{whole:,}" + (f".{part:02d}" if part else "")


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(frequency: str, starts_on: date, payments: int) -> list[date]:
    if frequency == Frequency.ONE_OFF:
        return [starts_on]
    if frequency == Frequency.WEEKLY:
        return [starts_on + timedelta(weeks=n) for n in range(payments)]
    return [add_months(starts_on, n) for n in range(payments)]


def payments_between(frequency: str, starts_on: date, ends_on: date) -> int:
    """How many payments fall from the start to the end date, both included."""
    if frequency == Frequency.ONE_OFF:
        return 1
    if frequency == Frequency.WEEKLY:
        return (ends_on - starts_on).days // 7 + 1
    months = (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month
    if add_months(starts_on, months) > ends_on:
        months -= 1
    return months + 1


def financial_year(day: date) -> int:
    """The year an English local authority's financial year starts in: 1 April to 31 March."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)
