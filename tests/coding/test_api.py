"""The JSON API and the command line: the same engine, the same answers, the same error body."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.coding.build import encounter, hydration, infusion, push

ROOT = Path(__file__).resolve().parents[2]
READER_QUESTION = encounter(
    infusion("Cefazolin (prophylaxis)", "09:00", "10:00"),
    infusion("Vancomycin", "10:00", "11:00"),
    infusion("Famotidine", "10:10", "10:50"),
)


def post(client, body):
    return client.post(reverse("coding:api_code"), data=body, content_type="application/json")


def cli(body: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "code_encounter", "-"],
        input=body,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_the_api_codes_an_encounter_without_a_session_or_csrf_token(client):
    client.handler.enforce_csrf_checks = True

    response = post(client, json.dumps(READER_QUESTION))

    assert response.status_code == 200
    assert [(line["code"], line["units"]) for line in response.json()["lines"]] == [
        ("96365", 1),
        ("96367", 1),
        ("96368", 1),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "{",
        json.dumps({"setting": "facility"}),
        json.dumps(encounter(infusion("Cefazolin", "09:00", "08:00"))),
        json.dumps([1, 2]),
        json.dumps({"setting": "facility", "administrations": [1]}),
        json.dumps(encounter(infusion("Cefazolin", "0001-01-01T09:00", "0001-01-01T10:00"))),
        json.dumps(encounter(infusion("Cefazolin", "9999-12-31T09:00", "9999-12-31T10:00"))),
        json.dumps(encounter(infusion("Cefazolin", "1026-03-14T09:00", "3026-03-14T09:00"))),
        json.dumps(encounter(infusion("Cefazolin", "2026-03-01T09:00", "2026-03-31T09:00"))),
        json.dumps(encounter(infusion("Cefazolin", "09:00", "10:00", **{"{x}": 1, "{}": 2}))),
    ],
)
def test_the_api_answers_400_with_the_error_body(client, body):
    response = post(client, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"errors"}
    assert all(set(error) == {"loc", "msg"} for error in response.json()["errors"])


def test_the_api_only_codes_on_post(client):
    assert client.get(reverse("coding:api_code")).status_code == 405


def test_the_schema_describes_the_input(client):
    schema = client.get(reverse("coding:api_schema")).json()

    assert schema["title"] == "Encounter"
    assert set(schema["required"]) == {"setting", "administrations"}
    assert schema["additionalProperties"] is False


def test_the_command_line_prints_the_same_answer_as_the_api(client, tmp_path):
    body = json.dumps(encounter(hydration("08:00", "11:00"), push("Ondansetron", "09:30")))
    path = tmp_path / "encounter.json"
    path.write_text(body)

    from_file = subprocess.run(
        [sys.executable, "manage.py", "code_encounter", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    from_stdin = cli(body)

    assert from_file.returncode == from_stdin.returncode == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout) == post(client, body).json()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps(encounter(infusion("Cefazolin", "25:00"))),
        json.dumps({"setting": "facility", "administrations": [1]}),
        json.dumps(encounter(infusion("Cefazolin", "9999-12-31T09:00", "9999-12-31T10:00"))),
        json.dumps(encounter(infusion("Cefazolin", "2026-03-01T09:00", "2026-03-31T09:00"))),
        json.dumps(encounter(infusion("Cefazolin", "09:00", "10:00", **{"{x}": 1}))),
    ],
)
def test_the_command_line_exits_2_with_the_same_error_body_on_standard_error(client, body):
    completed = cli(body)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert json.loads(completed.stderr) == post(client, body).json()
    assert "Traceback" not in completed.stderr


def test_the_command_line_names_a_missing_file(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("code_encounter", "/no/such/encounter.json")

    assert exit_info.value.code == 2
    assert json.loads(capsys.readouterr().err)["errors"][0]["loc"] == "(file)"


def test_an_oversized_body_is_refused_with_the_error_body(client):
    response = post(client, " " * (3 * 1024 * 1024) + "{}")

    assert response.status_code == 413
    assert "too large" in response.json()["errors"][0]["msg"]


def test_deeply_nested_json_is_an_error_not_a_crash(client):
    response = post(client, "[" * 100_000 + "]" * 100_000)

    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == "(root)"
