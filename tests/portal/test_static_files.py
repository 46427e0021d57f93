"""Every static file a page loads carries its content's hash in its name, the imports inside our
modules too, so WhiteNoise lets browsers keep them for a year."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from portal.static_files import HashedStaticFiles

STATIC = Path(settings.BASE_DIR) / "portal" / "static"


@pytest.fixture
def collected(tmp_path):
    """What collectstatic leaves in STATIC_ROOT for the portal's own files, hashed and compressed."""
    if not (STATIC / "build" / "govuk-frontend.min.js").exists():
        pytest.fail("Build the assets first: npm run build")
    shutil.copytree(STATIC, tmp_path, dirs_exist_ok=True)
    storage = HashedStaticFiles(location=tmp_path, base_url="/static/")
    names = [str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()]
    for _name, _hashed, processed in storage.post_process({name: (storage, name) for name in names}):
        assert not isinstance(processed, Exception), processed
    return tmp_path, storage


def test_the_page_script_imports_gov_uk_frontend_by_its_hashed_name(collected):
    root, storage = collected
    app = storage.stored_name("portal/js/app.mjs")
    assert re.fullmatch(r"portal/js/app\.[0-9a-f]{12}\.mjs", app)
    frontend = storage.stored_name("build/govuk-frontend.min.js")
    assert re.fullmatch(r"build/govuk-frontend\.min\.[0-9a-f]{12}\.js", frontend)
    assert f'from "/static/{frontend}";' in (root / app).read_text()
    assert (root / f"{frontend}.gz").exists()


def test_hashed_files_are_kept_for_a_year_and_plain_names_are_not(collected, rf):
    root, storage = collected
    frontend = storage.stored_name("build/govuk-frontend.min.js")
    backend = {"BACKEND": "portal.static_files.HashedStaticFiles"}
    with override_settings(
        STATIC_ROOT=root, STORAGES={**settings.STORAGES, "staticfiles": backend}, WHITENOISE_USE_FINDERS=False
    ):
        whitenoise = WhiteNoiseMiddleware(lambda request: None)
        assert whitenoise.immutable_file_test(str(root / frontend), f"/static/{frontend}")
        assert not whitenoise.immutable_file_test(
            str(root / "build/govuk-frontend.min.js"), "/static/build/govuk-frontend.min.js"
        )
