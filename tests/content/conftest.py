import io

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # The demo writes easy-read PDFs; keep them out of the working tree.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def seeded(db):
    """The home page and the first guide, in English and Polish and Arabic (the rest stay missing)."""
    from content import demo

    demo.seed(io.StringIO(), languages=["pl", "ar"], guide_slugs=["what-is-a-family-group-meeting"])
