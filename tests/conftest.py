import os

import pytest
from django.core.cache import cache
from django.utils import translation

# Sync Playwright runs an event loop in the test thread; Django must still let the ORM run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _database_kind(item) -> str | None:
    """ "flushed" for a test that commits (a live server, or transaction=True): Django empties the
    database after it, taking what the migrations put there; "rolled back" for one in a transaction
    undone after it; None for a test with no database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if "live_server" in fixtures or "transactional_db" in fixtures:
        return "flushed"
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return "flushed"
    return "rolled back" if marker is not None or "db" in fixtures else None


def pytest_collection_modifyitems(config, items):
    """Tests that flush the database run after those that need what the migrations put there
    (pytest-django orders them so), and browser tests after everything else. The suite runs in
    parallel workers a file at a time (``--dist loadfile``), so a file must not hold both kinds:
    a worker would run its flushing tests before the next file's others. A test id must be unique:
    a worker is handed tests by id."""
    kinds = {}
    for item in items:
        kind = _database_kind(item)
        if kind is not None:
            kinds.setdefault(item.nodeid.split("::")[0], set()).add(kind)
    seen, twice = set(), set()
    for item in items:
        (twice if item.nodeid in seen else seen).add(item.nodeid)
    if twice:  # a parallel worker is handed tests by id: all but one of these would never run
        raise pytest.UsageError(f"These test ids are given to more than one test: {', '.join(sorted(twice))}")
    mixed = sorted(path for path, found in kinds.items() if len(found) > 1)
    if mixed:
        raise pytest.UsageError(
            "These test files mix tests that flush the database with tests in a rolled-back "
            f"transaction; put each kind in a file of its own: {', '.join(mixed)}"
        )
    items.sort(key=lambda item: "tests/browser/" in item.nodeid.replace("\\", "/"))


@pytest.fixture(autouse=True)
def _default_language():
    # A test that speaks Polish (a request to /pl/, or activate("pl")) leaves the thread in Polish;
    # the next test, whichever file it is in, starts in the default language.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and used one-time codes live in the cache; no test should see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_factory(db):
    from tests.factories import make_staff

    return make_staff
