"""No browser or proxy keeps a private page: every URL in the access matrix, as each kind of visitor."""

import pytest

from tests.security.routes import fill, our_routes
from tests.security.world import build_world

# Pages anyone may see, the same for everyone: the guides, help and search. Everything else is private.
PUBLIC = {
    "healthz",
    "search/",
    r"^((?:[\w\-]+/)*)$",
    r"^(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/(?P<rest>.*)$",
}
# The footer's pages say nothing about anyone, so others may cache them; a signed-in family member's
# copy is in their own language on what may be a shared phone, so theirs is never kept.
FOOTER = {"help/", "accessibility/", "privacy/"}
VISITORS = ["anonymous", "family_a", "coordinator_a", "manager", "editor"]


@pytest.mark.django_db
def test_every_private_page_is_sent_with_no_store():
    world = build_world()
    clients = {role: world.client(role, raise_request_exception=False) for role in VISITORS}
    missing = []
    checked = 0
    for route, _view in our_routes():
        if route in PUBLIC:
            continue
        url = fill(route, world.ids)
        for role in ["family_a"] if route in FOOTER else VISITORS:
            response = clients[role].get(url)
            checked += 1
            if "no-store" not in response.get("Cache-Control", ""):
                missing.append(f"{role} {url} {response.status_code} {response.get('Cache-Control')!r}")
    assert checked > 300
    assert missing == []


@pytest.mark.django_db
def test_the_family_landing_and_code_pages_and_the_childs_picture_are_not_stored():
    world = build_world()
    anonymous = world.client("anonymous")
    landing = anonymous.get("/f/some-token-that-does-not-matter")
    assert landing.status_code == 200
    assert landing["Cache-Control"] == "no-store, no-cache, must-revalidate, private, max-age=0"
    anonymous.post("/f/some-token-that-does-not-matter")
    code_page = anonymous.get("/f/code/")
    assert code_page.status_code == 200
    assert "no-store" in code_page["Cache-Control"]
    picture_url = fill("cases/<int:case_id>/voices/<int:voice_id>/picture/", world.ids)
    picture = world.client("coordinator_a").get(picture_url)
    assert picture.status_code == 200
    assert picture["Cache-Control"] == "no-store, no-cache, must-revalidate, private, max-age=0"


@pytest.mark.django_db
def test_an_anonymous_guide_page_may_be_cached(client):
    response = client.get("/help/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
