"""Reads asked for more than once, read once while a scope lasts.

A family page that changes nothing (a GET or HEAD through ``member_view``) asks the same questions
several times: each case's standing for the audience rule, the rule for its content and again for
each "may …" flag, the latest plan for the page and again for whether it may still be changed. An
invitation run asks the audience rule for each invitation it queues. Inside ``read_once`` each
answer is read from the database once and kept until the scope ends; outside it (a POST, another
service, a test calling a selector directly) every call reads afresh. What an invitation run
queues is asked again, fresh, when it is sent.
"""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("fgdm_read_once", default=None)


@contextmanager
def read_once():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, kept under ``key`` while a ``read_once`` scope lasts; called every time otherwise."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[return-value]


def already_read(key: Hashable) -> object | None:
    """What ``remembered`` keeps under ``key`` in this scope, without reading it: None if nothing."""
    memo = _memo.get()
    return None if memo is None else memo.get(key)
