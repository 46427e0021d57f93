"""Queries per warm request on the main staff and family pages, on the case ``make bench-queries``
measures (bench/data.py): at most 12 a page (issue 17), on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import data
from tests.family import sign_in

BUDGET = 12
PAGES = [
    ("coordinator", "case page", "/cases/{case}/"),
    ("coordinator", "network", "/cases/{case}/network/"),
    ("coordinator", "reply board", "/cases/{case}/meeting/replies/"),
    ("coordinator", "plan", "/cases/{case}/plan/"),
    ("family", "my meeting", "/f/meeting/"),
    ("family", "family plan", "/f/plan/"),
]


@pytest.fixture
def world(db, client):
    from django.test import Client

    staff = data.staff()
    case, writer = data.measured_case(coordinator=staff["coordinator"], practitioner=staff["practitioner"])
    coordinator = Client()
    coordinator.force_login(staff["coordinator"])
    sign_in(client, writer)
    return case, {"coordinator": coordinator, "family": client}


@pytest.mark.parametrize(("who", "label", "path"), PAGES, ids=[label for _who, label, _path in PAGES])
def test_a_main_page_stays_within_its_queries(world, who, label, path):
    case, clients = world
    path = path.format(case=case.pk)
    assert clients[who].get(path).status_code == 200  # warm: first-request caches
    with CaptureQueriesContext(connection) as queries:
        assert clients[who].get(path).status_code == 200
    assert len(queries) <= BUDGET, f"{label}: {len(queries)} queries, at most {BUDGET}"
