"""Dates on family pages in the page's language and its grammar: see portal/dates.py."""

from django import template

from portal import dates

register = template.Library()


@register.filter
def full_date(value):
    return dates.full_date(value) if value else ""


@register.filter
def long_date(value):
    return dates.long_date(value) if value else ""


@register.filter
def weekday_and_day(value):
    return dates.weekday_and_day(value) if value else ""
