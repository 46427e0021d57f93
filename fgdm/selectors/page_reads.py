"""Reads a family page asks for more than once, read once for the length of that page.

A family page that changes nothing (a GET or HEAD through ``member_view``) asks the same questions
several times: the audience rule for its content and again for each "may …" flag, the latest plan
for the page and again for whether it may still be changed. Inside ``page_reads_once`` each
answer is read from the database once and kept until the page is rendered; outside it (a POST, a
service, a test calling a selector directly) every call reads afresh, as before.
"""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("fgdm_page_reads", default=None)


@contextmanager
def page_reads_once():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, kept under ``key`` while a page's reads are kept; called every time otherwise."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[return-value]
