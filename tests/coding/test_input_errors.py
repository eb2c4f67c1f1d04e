"""Bad input: the error body names the field, never a traceback, never a partial answer."""

import pytest

from coding.engine import EncounterError, code_encounter, parse_json
from tests.coding.build import encounter, infusion, push


def errors_for(data):
    with pytest.raises(EncounterError) as caught:
        code_encounter(data)
    return caught.value.errors


def with_field(**changes):
    item = infusion("Cefazolin", "09:00", "10:00") | changes
    return encounter(item)


@pytest.mark.parametrize(
    ("data", "loc", "words"),
    [
        (with_field(start="25:00"), "administrations.0.start", "not a time of day"),
        (with_field(start="9:00"), "administrations.0.start", "HH:MM"),
        (
            with_field(start="9" * 100_000),
            "administrations.0.start",
            "'9999999999999999999999999…' is not a time",
        ),
        (with_field(stop="08:10"), "administrations.0.stop", "before start"),
        (with_field(stop="09:00"), "administrations.0.stop", "same as start"),
        (
            with_field(start="2026-02-30T09:00", stop="2026-03-01T10:00"),
            "administrations.0.start",
            "real date",
        ),
        (with_field(category="vitamin"), "administrations.0.category", "allowed values"),
        (with_field(route="oral"), "administrations.0.route", "allowed values"),
        (with_field(dose="1 g"), "administrations.0.dose", "unknown field"),
        (with_field(substance=""), "administrations.0.substance", "must not be empty"),
        (with_field(substance="x" * 121), "administrations.0.substance", "at most 120"),
        (with_field(substance="Cefa\x00zolin"), "administrations.0.substance", "control characters"),
        (with_field(id="a 1"), "administrations.0.id", "A-Z a-z 0-9"),
        (with_field(id="x" * 33), "administrations.0.id", "A-Z a-z 0-9"),
        (with_field(incidental="yes"), "administrations.0.incidental", "true or false"),
        (with_field(start=900), "administrations.0.start", "text"),
        (
            with_field(category="hydration", route="iv_push"),
            "administrations.0.route",
            "does not take category",
        ),
        (with_field(category="therapeutic", route="intrathecal"), "administrations.0.route", "does not take"),
        (with_field(route="pump_refill", stop=None), "administrations.0.pump", "portable or implantable"),
        (with_field(lesions=3), "administrations.0.lesions", "intralesional"),
        (with_field(hormonal=True), "administrations.0.hormonal", "injections"),
        (with_field(pump="portable", route="iv_push", stop=None), "administrations.0.pump", "not to route"),
        ({"administrations": [infusion("Cefazolin", "09:00")]}, "setting", "required"),
        (
            {"setting": "hospital", "administrations": [infusion("Cefazolin", "09:00")]},
            "setting",
            "allowed values",
        ),
        (encounter(), "administrations", "1 to 200"),
        (encounter(*[push(f"Drug {i}", "09:00") for i in range(201)]), "administrations", "1 to 200"),
        (
            encounter(push("A", "09:00", id="x"), push("B", "09:10", id="x")),
            "administrations.1.id",
            "duplicate",
        ),
        (
            encounter(push("A", "09:00"), push("B", "2026-03-14T09:10")),
            "administrations.1.start",
            "same form",
        ),
        ({"setting": "facility", "administrations": "none"}, "administrations", "list"),
        ({"setting": "facility", "administrations": [1]}, "administrations.0", "object"),
        (
            with_field(start="2026-03-01T09:00", stop="2026-03-31T09:00"),
            "administrations.0.stop",
            "at most 7 days",
        ),
        (
            encounter(push("A", "2026-03-01T09:00"), push("B", "2026-03-08T09:01")),
            "administrations.1.start",
            "at most 7 days",
        ),
        (with_field(**{"{stop}": "10:00"}), "administrations.0.{stop}", "unknown field"),
        ({"setting": "facility", "{0}": 1, "administrations": [push("A", "09:00")]}, "{0}", "unknown field"),
        (
            {"setting": "facility", "accesses": [{"id": "B"}], "administrations": [push("A", "09:00")]},
            "accesses.0.separate_site_necessary",
            "required",
        ),
    ],
)
def test_bad_input_names_the_field(data, loc, words):
    errors = errors_for(data)

    assert loc in [error["loc"] for error in errors]
    assert any(words in error["msg"] for error in errors if error["loc"] == loc), errors


@pytest.mark.parametrize("data", [None, [], "encounter", 3])
def test_an_encounter_must_be_an_object(data):
    assert errors_for(data) == [{"loc": "(root)", "msg": "the encounter must be a JSON object"}]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"setting": "facility"', "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        ("", "not valid JSON"),
        ('{"lesions": ' + "9" * 5000 + "}", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_json_is_an_error_not_a_traceback(text, words):
    with pytest.raises(EncounterError) as caught:
        parse_json(text)

    assert words in caught.value.errors[0]["msg"]


def test_an_error_never_echoes_a_huge_field_name_back():
    errors = errors_for(with_field(**{"x" * 10_000: 1}))

    assert max(len(error["loc"]) for error in errors) < 80


@pytest.mark.parametrize(
    ("start", "stop"),
    [
        ("2026-03-01T09:00", "2026-03-08T09:00"),
        ("1900-01-01T00:00", "1900-01-02T00:00"),
        ("2100-12-25T00:00", "2100-12-31T23:59"),
    ],
)
def test_an_encounter_of_seven_days_within_the_years_1900_to_2100_is_accepted(start, stop):
    assert code_encounter(with_field(start=start, stop=stop)).lines


@pytest.mark.parametrize(
    ("start", "stop", "field"),
    [
        ("0001-01-01T09:00", "0001-01-01T10:00", "start"),
        ("9999-12-31T09:00", "9999-12-31T10:00", "stop"),
        ("1899-12-31T23:00", "1900-01-01T01:00", "start"),
        ("2026-03-14T09:00", "3026-03-14T10:00", "stop"),
    ],
)
def test_a_time_outside_the_years_1900_to_2100_is_refused(start, stop, field):
    errors = errors_for(with_field(start=start, stop=stop))

    assert any(e["loc"] == f"administrations.0.{field}" and "1900 to 2100" in e["msg"] for e in errors)
