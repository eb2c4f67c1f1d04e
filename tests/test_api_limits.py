"""The anonymous API stays cheap for everyone: a size limit, a per-client rate limit, and fuzzing of its input."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from hypothesis import HealthCheck, settings

from coding.api import MAX_BODY_BYTES
from coding.engine import input_schema
from tests.coding.build import encounter, infusion

CODE_URL = "/api/v1/code"
SMALL_ENCOUNTER = json.dumps(encounter(infusion("Vancomycin", "09:00", "10:00")))


def post(client, body: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("coding:api_code"), data=body, content_type="application/json", REMOTE_ADDR=address
    )


@pytest.fixture
def rate_limit(db, settings):
    """The API's limit on, at a rate small enough to reach, counted from an empty cache."""
    cache.clear()
    settings.API_RATE_LIMIT = "3/m"
    yield
    cache.clear()


def padded(size: int) -> str:
    """A valid encounter whose JSON text is `size` bytes long (spaces before it)."""
    return " " * (size - len(SMALL_ENCOUNTER)) + SMALL_ENCOUNTER


def test_a_body_of_exactly_512_kb_is_coded(client):
    response = post(client, padded(MAX_BODY_BYTES))

    assert response.status_code == 200


def test_a_body_over_512_kb_answers_413_with_the_errors_body(client):
    response = post(client, padded(MAX_BODY_BYTES + 1))

    assert response.status_code == 413
    assert response.json() == {
        "errors": [{"loc": "(root)", "msg": "the request body is over 512 KB, too large for one encounter"}]
    }


def test_requests_over_the_rate_answer_429_with_retry_after_and_the_errors_body(client, rate_limit):
    answers = [post(client, SMALL_ENCOUNTER).status_code for _ in range(3)]

    refused = post(client, SMALL_ENCOUNTER)

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["loc"] == "(root)"
    assert "too many requests" in refused.json()["errors"][0]["msg"]


def test_the_rate_is_counted_per_client_address(client, rate_limit):
    for _ in range(3):
        post(client, SMALL_ENCOUNTER, address="10.0.0.1")

    assert post(client, SMALL_ENCOUNTER, address="10.0.0.1").status_code == 429
    assert post(client, SMALL_ENCOUNTER, address="10.0.0.2").status_code == 200


def test_bad_and_oversized_bodies_count_against_the_rate_too(client, rate_limit):
    post(client, "{")
    post(client, padded(MAX_BODY_BYTES + 1))
    post(client, SMALL_ENCOUNTER)

    assert post(client, SMALL_ENCOUNTER).status_code == 429


def test_api_rate_limit_off_turns_the_limit_off(client, rate_limit, settings):
    settings.API_RATE_LIMIT = "off"

    answers = {post(client, SMALL_ENCOUNTER).status_code for _ in range(10)}

    assert answers == {200}


def test_the_schema_is_not_rate_limited(client, rate_limit):
    answers = {client.get(reverse("coding:api_schema")).status_code for _ in range(5)}

    assert answers == {200}


# --- fuzzing --------------------------------------------------------------------------------------------------


def openapi_document() -> dict:
    """The input's JSON Schema (what /api/v1/schema serves) wrapped as the one operation of an OpenAPI document."""
    schema = input_schema()
    definitions = schema.pop("$defs", {})

    def moved(part: object) -> object:
        return json.loads(json.dumps(part).replace("#/$defs/", "#/components/schemas/"))

    operation = {
        "requestBody": {"required": True, "content": {"application/json": {"schema": moved(schema)}}},
        "responses": {"200": {"description": "coded"}, "400": {"description": "not a valid encounter"}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Infusion Coding Lab", "version": "1"},
        "paths": {CODE_URL: {"post": operation}},
        "components": {"schemas": moved(definitions)},
    }


def test_the_fuzzed_document_describes_what_the_api_serves(client):
    served = client.get(reverse("coding:api_schema")).json()

    assert set(openapi_document()["components"]["schemas"]) == set(served.get("$defs", {}))


fuzzed = schemathesis.openapi.from_dict(openapi_document())


# It found a 500 once: a list item that is not an object ({"administrations": [null]}).
@fuzzed.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_fuzzed_encounters_never_get_a_500_or_a_slow_answer(case):
    response = case.call(app=WSGIHandler())  # the whole middleware stack, in process, under the test settings

    assert response.status_code < 500, response.text
    assert response.elapsed < 2.0
