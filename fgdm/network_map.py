"""Where each thing goes on the network map: the child in the middle, households in two columns.

Pure geometry over ``fgdm.selectors.network``; the template only draws what is placed here. Two
columns never overlap however many people there are, and the whole drawing scales to one A4 page
through its ``viewBox``. How far a person takes part is shown by a shape *and* words, never by
colour alone.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fgdm.models import Participation
from fgdm.selectors.network import PARTICIPATION_WORDS, Household, PersonInNetwork

WIDTH = 1000
MARGIN = 20
COLUMN = 330  # width of a household box
CENTRE = (WIDTH // 2 - 130, 260)  # x and width of the child's box
TITLE_HEIGHT = 28
ROW_HEIGHT = 74
GAP = 18
LEGEND_ROW = 26
NAME_LENGTH = 34
LINE_LENGTH = 46


def shape(participation: str, x: float, y: float, size: float = 10) -> str:
    """An SVG path for a participation, centred on (x, y)."""
    s = size
    if participation == Participation.ALL:  # circle
        return f"M {x - s} {y} a {s} {s} 0 1 0 {2 * s} 0 a {s} {s} 0 1 0 {-2 * s} 0 Z"
    if participation == Participation.INFORMATION_ONLY:  # square
        return f"M {x - s} {y - s} h {2 * s} v {2 * s} h {-2 * s} Z"
    if participation == Participation.WRITTEN_VIEWS:  # diamond
        return f"M {x} {y - s} L {x + s} {y} L {x} {y + s} L {x - s} {y} Z"
    if participation == Participation.SEPARATE_MEETING:  # triangle
        return f"M {x} {y - s} L {x + s} {y + s} L {x - s} {y + s} Z"
    # not contacted: a square crossed through
    cross = f"M {x - s} {y - s} L {x + s} {y + s} M {x + s} {y - s} L {x - s} {y + s}"
    return f"M {x - s} {y - s} h {2 * s} v {2 * s} h {-2 * s} Z {cross}"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass(frozen=True)
class PlacedPerson:
    person: PersonInNetwork
    x: float
    y: float
    name: str
    about: str  # relationships
    part: str  # how far they take part
    status: str  # reply and needs
    shape: str


@dataclass(frozen=True)
class PlacedHousehold:
    title: str
    x: float
    y: float
    width: float
    height: float
    people: tuple[PlacedPerson, ...]
    link: tuple[float, float, float, float]  # a line from the child's box to this box


@dataclass(frozen=True)
class LegendEntry:
    shape: str
    x: float
    y: float
    words: str


@dataclass(frozen=True)
class NetworkMap:
    width: float
    height: float
    centre: tuple[float, float, float, float]  # x, y, width, height of the child's box
    children: tuple[str, ...]
    households: tuple[PlacedHousehold, ...]
    legend: tuple[LegendEntry, ...]
    legend_y: float


def _height(household: Household) -> float:
    return TITLE_HEIGHT + ROW_HEIGHT * len(household.people) + 8


def _columns(groups: list[Household]) -> tuple[list[Household], list[Household]]:
    """Households shared between the two columns so that neither is much taller."""
    left, right, heights = [], [], [0.0, 0.0]
    for group in groups:
        side = 0 if heights[0] <= heights[1] else 1
        (left if side == 0 else right).append(group)
        heights[side] += _height(group) + GAP
    return left, right


def place(children: list, groups: list[Household]) -> NetworkMap:
    left, right = _columns(groups)
    column_heights = [sum(_height(g) + GAP for g in column) - GAP for column in (left, right) if column]
    child_height = 40 + 22 * max(len(children), 1)
    body = max([child_height, *column_heights]) if column_heights else child_height
    top = MARGIN
    centre_x, centre_width = CENTRE
    centre = (centre_x, top + (body - child_height) / 2, centre_width, child_height)
    placed = []
    for column, x in ((left, MARGIN), (right, WIDTH - MARGIN - COLUMN)):
        height = sum(_height(g) + GAP for g in column) - GAP if column else 0
        y = top + (body - height) / 2
        for group in column:
            placed.append(_place_household(group, x, y, centre))
            y += _height(group) + GAP
    legend_y = top + body + 40
    legend = []
    for i, (value, words) in enumerate(PARTICIPATION_WORDS.items()):
        x, y = MARGIN + (i % 3) * 320, legend_y + 24 + (i // 3) * LEGEND_ROW
        legend.append(LegendEntry(shape=shape(value, x + 12, y), x=x + 30, y=y + 5, words=str(words)))
    height = legend_y + 24 + LEGEND_ROW * 2 + MARGIN
    return NetworkMap(
        width=WIDTH,
        height=height,
        centre=centre,
        children=tuple(child.name for child in children),
        households=tuple(placed),
        legend=tuple(legend),
        legend_y=legend_y,
    )


def _place_household(group: Household, x: float, y: float, centre) -> PlacedHousehold:
    people = []
    for i, person in enumerate(group.people):
        row = y + TITLE_HEIGHT + ROW_HEIGHT * i
        name = person.member.name + (" · " + str(_("PR")) if person.member.has_parental_responsibility else "")
        about = ", ".join(person.relationships) or str(_("Relationship not recorded"))
        status = " · ".join([person.reply_words, *person.needs])
        people.append(
            PlacedPerson(
                person=person,
                x=x + 14,
                y=row,
                name=_short(name, NAME_LENGTH),
                about=_short(about, LINE_LENGTH),
                part=_short(person.participation_words, LINE_LENGTH),
                status=_short(status, LINE_LENGTH),
                shape=shape(person.participation, x + 22, row + 14),
            )
        )
    height = _height(group)
    cx, cy, cw, ch = centre
    left_side = x < cx
    link = (x + COLUMN if left_side else x, y + height / 2, cx if left_side else cx + cw, cy + ch / 2)
    title = group.name or str(_("Household not recorded"))
    return PlacedHousehold(
        title=_short(title, NAME_LENGTH), x=x, y=y, width=COLUMN, height=height, people=tuple(people), link=link
    )
