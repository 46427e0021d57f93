"""Pages travel compressed to phones that ask for it; static files keep WhiteNoise's own handling."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_compressed_to_a_browser_that_accepts_it(client):
    plain = client.get("/accessibility/")
    packed = client.get("/accessibility/", headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert len(packed.content) < len(plain.content) / 2


def test_a_private_page_is_compressed_and_still_kept_by_nobody(client):
    response = client.get("/f/signed-out/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "no-store" in response["Cache-Control"]


def test_static_files_are_left_to_whitenoise(client):
    response = client.get("/static/portal/js/app.mjs", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response  # not squeezed again per request: collectstatic compresses once
