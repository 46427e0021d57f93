"""Schemathesis against the live OpenAPI schema: every operation, with generated parameters, answers
without a server error, with a status code the schema documents, and with a body that matches it.

``API_EXAMPLES`` sets the number of examples per operation (10 by default; CI may raise it).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# The schema as the running portal serves it (its view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_key(api_world):
    # The WSGI handler closes the database connection after each request, as in production. Inside
    # a test's transaction that would close PostgreSQL's connection mid-test (SQLite's in-memory
    # database ignores it), so the test keeps it open, as Django's own test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield api_world.key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# One test an operation, named by it ("GET /api/v1/plans/"), so the parallel workers (which know a
# test by its id) run each: schemathesis's own parametrize gives every operation the same id.
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_every_operation_keeps_to_its_schema(operation, api_key):
    # identity: the WSGI transport hands over the body as sent, and pages may travel gzip-compressed
    headers = {"Authorization": f"Bearer {api_key}", "Accept-Encoding": "identity"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=int(os.environ.get("API_EXAMPLES", "10")),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def keeps_to_its_schema(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    keeps_to_its_schema()


def test_the_schema_lists_the_operations_tested():
    assert len(OPERATIONS) >= 10
    assert "GET /api/v1/plans/" in [operation.label for operation in OPERATIONS]
