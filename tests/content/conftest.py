import io

import pytest
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module", autouse=True)
def _media_in_tmp(tmp_path_factory):
    # The demo writes easy-read PDFs; keep them out of the working tree. One folder a module, so
    # the PDFs of a site seeded once for the module (``seeded``) are there for each of its tests.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, _media_in_tmp):
    """Seeds once a module, inside a transaction rolled back after the module's last test; each
    test runs in a savepoint within it (as a Django TestCase's setUpTestData does), so what a test
    changes is undone before the next and nothing is left for other modules."""
    from content import demo

    with django_db_blocker.unblock(), transaction.atomic():
        demo.seed(io.StringIO(), languages=["pl", "ar"], guide_slugs=["what-is-a-family-group-meeting"])
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    """The home page and the first guide, in English and Polish and Arabic (the rest stay missing)."""
