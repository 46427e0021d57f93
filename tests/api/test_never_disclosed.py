"""Exclusion reasons, internal notes, safety plans, family contact details and sign-in material never
appear in any answer of the API: every operation in its schema is called, every record it lists is
fetched, and each answer is searched for each secret the world holds."""

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def operations():
    schema = SchemaGenerator(urlconf="api.urls").get_schema(request=None, public=True)
    return [path for path, methods in schema["paths"].items() if "get" in methods]


def crawl(client) -> dict[str, str]:
    """Every answer, by address: each list, then each record the lists named, by its detail address."""
    paths = operations()
    answers = {}
    ids: dict[str, list[int]] = {}
    for path in paths:
        if "{" in path:
            continue
        response = client.get(path)
        assert response.status_code == 200, (path, response.content)
        answers[path] = response.content.decode()
        results = response.json().get("results")
        if results is not None:
            ids[path] = [row["id"] for row in results]
    for path in paths:
        if "{" not in path:
            continue
        listing = re.sub(r"\{[^}]+\}/$", "", path)
        assert ids.get(listing), f"{listing} listed nothing, so {path} was not checked"
        for pk in ids[listing]:
            url = re.sub(r"\{[^}]+\}", str(pk), path)
            response = client.get(url)
            assert response.status_code == 200, (url, response.content)
            answers[url] = response.content.decode()
    return answers


def test_no_answer_holds_a_secret(api_world):
    answers = crawl(api_world.api())
    everything = "\n".join(answers.values())
    # The crawl saw the records that sit beside the secrets: the family's plan and the support decision.
    assert "Nan takes Mia to school on Mondays, Wednesdays and Fridays." in everything
    assert "Yes, for the bus and the beds." in everything
    assert len(answers) >= 11
    found = {
        (name, url)
        for url, body in answers.items()
        for name, secret in api_world.secrets.items()
        if secret.lower() in body.lower() or json.dumps(secret)[1:-1].lower() in body.lower()
    }
    assert found == set()


def test_no_answer_names_a_forbidden_field(api_world):
    forbidden = {
        "internal_note",
        "note",
        "reasons",
        "agencies_consulted",
        "informed_by",
        "partner_answers",
        "risks",
        "details",
        "separate_arrivals",
        "separate_waiting_rooms",
        "who_to_call",
        "if_threatening",
        "phone",
        "email",
        "token",
        "token_hash",
        "code_hash",
        "venue_address",
    }

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    named = {key for body in crawl(api_world.api()).values() for key in keys(json.loads(body))}
    assert named & forbidden == set()
    assert {"reason_for_family", "childs_words", "contingency"} <= named
