"""Each support item is one-off, short-term or long-term, from how often it is paid and for how long."""

from datetime import date

import pytest

from network_support.models import Frequency, SupportItem


@pytest.mark.parametrize(
    ("frequency", "ends_on", "expected"),
    [
        (Frequency.ONE_OFF, date(2027, 1, 4), "One-off"),
        (Frequency.WEEKLY, date(2027, 4, 5), "Short-term"),
        (Frequency.WEEKLY, date(2027, 7, 6), "Short-term"),
        (Frequency.WEEKLY, date(2027, 7, 7), "Long-term"),
        (Frequency.MONTHLY, date(2028, 1, 4), "Long-term"),
    ],
)
def test_how_long_support_lasts(frequency, ends_on, expected):
    item = SupportItem(frequency=frequency, starts_on=date(2027, 1, 4), ends_on=ends_on)
    assert item.support_length == expected
