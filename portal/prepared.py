"""Queries asked on every request, with their SQL built once per process.

Django builds and compiles a query's SQL afresh each time it runs: for the question every staff page
asks (the second factor and the groups) and the case page's counts, that is most of their cost on
SQLite and a good part on PostgreSQL. A ``Prepared`` query is described with the ORM as usual, by a
function of its changing values; the first run builds it with stand-in values, notes where they
landed among the SQL's parameters, and every later run sends the same SQL with the real values in
their places. The ORM stays the one statement of what the query asks.

Rules, checked on the first run (``PreparedQueryError``):

- every value that may change is an argument of the function (nothing read from the clock inside);
- arguments are whole numbers, text, one date, or lists of whole numbers (a list of each length is
  its own SQL; an empty one is run by the ORM as usual);
- the function returns a ``values_list`` query; rows come back as the database gives them (numbers,
  text, true/false as 1/0 on SQLite), without Django's conversions.
"""

from collections.abc import Callable
from datetime import date
from itertools import count
from threading import Lock

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

_STAND_IN_NUMBERS = count(-987_654_321_000, -1)


class PreparedQueryError(TypeError):
    pass


class Prepared:
    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[tuple, tuple[str, tuple, list]] = {}
        self._lock = Lock()

    def rows(self, using: str = "default", **values) -> list[tuple]:
        if any(isinstance(v, list) and not v for v in values.values()):
            return list(self.build(**values).using(using))  # "in nothing" is its own SQL, or none at all
        # Each value's kind is part of the shape, so a later call with another kind (a datetime for a
        # date) is checked and refused like a first one, never sent in the other's place.
        shape = (
            using,
            *((name, type(v), len(v) if isinstance(v, list) else None) for name, v in sorted(values.items())),
        )
        compiled = self._compiled.get(shape)
        if compiled is not None and any(
            isinstance(v, list) and not all(type(n) is int for n in v) for v in values.values()
        ):
            raise PreparedQueryError("only lists of whole numbers")
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(shape) or self._compile(using, values)
                self._compiled[shape] = compiled
        sql, params, places = compiled
        params = list(params)
        adapt = connections[using].ops
        for index, name, position, kind in places:
            value = values[name] if position is None else values[name][position]
            params[index] = adapt.adapt_datefield_value(value) if kind == "date" else value
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, using: str, values: dict) -> tuple[str, tuple, list]:
        ops = connections[using].ops
        stand_ins: dict[object, tuple[str, int | None, str]] = {}  # as it appears among the parameters
        arguments = {}
        for name, value in values.items():
            if isinstance(value, list):
                if not all(type(v) is int for v in value):
                    raise PreparedQueryError(f"{name}: only lists of whole numbers")
                arguments[name] = [next(_STAND_IN_NUMBERS) for _ in value]
                for position, stand_in in enumerate(arguments[name]):
                    stand_ins[stand_in] = (name, position, "number")
            elif type(value) is int:
                arguments[name] = next(_STAND_IN_NUMBERS)
                stand_ins[arguments[name]] = (name, None, "number")
            elif type(value) is str:
                arguments[name] = f"\x00stand-in {next(_STAND_IN_NUMBERS)}"
                stand_ins[arguments[name]] = (name, None, "text")
            elif type(value) is date:
                if any(kind == "date" for _n, _p, kind in stand_ins.values()):
                    raise PreparedQueryError("one date argument at most")
                arguments[name] = date(1000, 1, 1)
                stand_ins[ops.adapt_datefield_value(arguments[name])] = (name, None, "date")
            else:
                raise PreparedQueryError(f"{name}: {type(value).__name__} is not a number, text, date or list")
        queryset = self.build(**arguments)
        if queryset._iterable_class is not ValuesListIterable:
            raise PreparedQueryError("build a values_list query")
        sql, params = queryset.query.get_compiler(using).as_sql()
        places = [(index, *stand_ins[p]) for index, p in enumerate(params) if _hashable(p) and p in stand_ins]
        missing = {name for name, _p, _k in stand_ins.values()} - {name for _i, name, _p, _k in places}
        if missing:
            raise PreparedQueryError(f"not found among the query's parameters: {', '.join(sorted(missing))}")
        return sql, tuple(params), places


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
