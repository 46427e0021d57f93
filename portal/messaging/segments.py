"""How many SMS segments a text costs: GSM-7 when every character fits, otherwise UCS-2.

A single GSM-7 segment holds 160 characters, 153 each when the text is split (the rest is the
header that joins them); UCS-2 holds 70, or 67 each. Characters from GSM-7's extension table take
two places, and characters outside the Basic Multilingual Plane (emoji) take two UCS-2 units.
"""

from dataclasses import dataclass

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")
SEGMENT_BUDGET = 2  # the most any message template may cost in a language written in GSM-7
# Languages whose script needs UCS-2 (70 characters a segment, not 160): three segments, so a text
# can still say who it is from and what it is about. Clarity over cost.
UCS2_SEGMENT_BUDGETS = {"ar": 3, "ur": 3, "pa": 3}


def segment_budget(language: str) -> int:
    """The most a message template may cost in ``language``."""
    return UCS2_SEGMENT_BUDGETS.get(language, SEGMENT_BUDGET)


@dataclass(frozen=True)
class SegmentCount:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets or UTF-16 code units
    segments: int


def count_segments(text: str) -> SegmentCount:
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text):
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        return SegmentCount("GSM-7", units, _segments(units, single=160, multi=153))
    units = len(text.encode("utf-16-le")) // 2
    return SegmentCount("UCS-2", units, _segments(units, single=70, multi=67))


def _segments(units: int, *, single: int, multi: int) -> int:
    if units <= single:
        return 1 if units else 0
    return -(-units // multi)
