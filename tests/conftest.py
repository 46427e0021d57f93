import os

import pytest
from django.core.cache import cache

# Sync Playwright runs an event loop in the test thread; Django must still let the ORM run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Browser tests flush the database behind the live server, so they run after everything else."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid.replace("\\", "/"))


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
