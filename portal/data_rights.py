"""How each app takes part in people's data rights without portal importing any app.

- **Retention**: when a closed case passes the retention period, every registered eraser is called
  with the case's ref ("fgdm.case:3") and removes the personal details it holds for that case,
  keeping the rows that the service's figures count.
- **Subject access**: every registered source is called with the refs of one person's records
  ("fgdm.member:42", ...) and returns sections of what it holds about them, leaving out other
  people's data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Section:
    title: str
    rows: list[dict] = field(default_factory=list)  # each row: label → value, already safe to show the person
    note: str = ""  # e.g. what was left out and why


CaseEraser = Callable[[str], int]
SubjectSource = Callable[[list[str]], list[Section]]

_erasers: list[CaseEraser] = []
_sources: list[SubjectSource] = []


def register_case_eraser(eraser: CaseEraser) -> None:
    if eraser not in _erasers:
        _erasers.append(eraser)


def register_subject_source(source: SubjectSource) -> None:
    if source not in _sources:
        _sources.append(source)


def erase_case(case_ref: str) -> int:
    return sum(eraser(case_ref) for eraser in _erasers)


def subject_sections(refs: list[str]) -> list[Section]:
    return [section for source in _sources for section in source(refs)]
