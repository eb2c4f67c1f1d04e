"""The timeline builder without JavaScript, its page and its administration form: every change is a plain form
post and a full page. The helpers here (add, store, timeline, …) are shared by the other test_builder_* files."""

import re

import pytest
from django.urls import reverse

from coding import session
from coding.engine.schema import MAX_ADMINISTRATIONS

pytestmark = pytest.mark.django_db

BUILDER = "/builder/"


def add(client, **fields):
    data = {
        "substance": "Ceftriaxone",
        "category": "therapeutic",
        "route": "iv_infusion",
        "access": "A",
    } | fields
    return client.post(reverse("coding:add"), {f"add-{name}": value for name, value in data.items()})


def timeline(client) -> dict:
    return client.session[session.SESSION_KEY]


def open_example(client, slug: str) -> None:
    client.post(reverse("coding:open_example", args=[slug]))


def codes_on_page(response) -> str:
    html = response.content.decode()
    return html[html.index('id="codes"') :]


def code_chips(response) -> list[str]:
    return re.findall(r'class="code-chip[^"]*">(\d{5})', codes_on_page(response))


def visible_labels(html: str) -> set[str]:
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in labels}


def pushes(count: int, *, own_access: bool = False) -> list[dict]:
    """Pushes a1…an at 09:00; with own_access, each on its own IV access A1…An."""
    return [
        {
            "id": f"a{n}",
            "substance": f"Drug {n}",
            "category": "therapeutic",
            "route": "iv_push",
            "start": "09:00",
        }
        | ({"access": f"A{n}"} if own_access else {})
        for n in range(1, count + 1)
    ]


def store(client, encounter: dict) -> None:
    kept = client.session
    kept[session.SESSION_KEY] = encounter
    kept.save()


def test_the_builder_is_open_to_anyone_and_starts_empty(client):
    response = client.get(BUILDER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Add your first administration, or start from an example" in html
    assert {
        "Substance",
        "Category",
        "Route",
        "Start",
        "Stop",
        "IV access",
        "Pump",
        "Hormonal",
        "Incidental (keep vein open, carrier, flush)",
        "Primary reason for visit",
    } <= visible_labels(html)
    assert "Add administration" in html


def test_adding_an_administration_codes_it(client):
    response = add(client, start="09:00", stop="09:40")
    assert response.status_code == 302
    page = client.get(BUILDER)
    assert "96365" in codes_on_page(page)
    assert timeline(client)["administrations"] == [
        {
            "id": "a1",
            "substance": "Ceftriaxone",
            "category": "therapeutic",
            "route": "iv_infusion",
            "start": "09:00",
            "stop": "09:40",
        }
    ]


def test_a_short_clock_time_is_written_out_in_full(client):
    add(client, start="9:05", stop="9:40")
    assert timeline(client)["administrations"][0]["start"] == "09:05"


def test_the_reader_question_scenario_gives_96365_96367_and_96368(client):
    add(client, substance="Vancomycin", start="09:00", stop="10:00")
    add(client, substance="Metronidazole", start="10:05", stop="10:45")
    add(client, substance="Pantoprazole", start="09:10", stop="09:50")
    codes = codes_on_page(client.get(BUILDER))
    for code in ("96365", "96367", "96368"):
        assert code in codes


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": "10:00", "stop": "09:00"}, "stop", "before start"),
        ({"start": "10:00", "route": "iv_drip"}, "route", "Select a valid choice"),
        ({"start": "10:00", "substance": "   "}, "substance", "This field is required"),
        ({"start": "25:00"}, "start", "not a time of day"),
        ({"start": "10:00", "category": "hydration", "route": "iv_push"}, "route", "does not take category"),
    ],
)
def test_bad_fields_are_named_beside_the_field_and_nothing_is_lost(client, fields, field, message):
    add(client, start="08:00", stop="08:30")
    before = timeline(client)
    response = add(client, **fields)
    assert response.status_code == 422
    html = response.content.decode()
    error_block = html[html.index(f'id="id_add-{field}_error"') :]
    assert message in error_block[: error_block.index("</ul>")]
    assert timeline(client) == before


def test_the_201st_administration_is_refused_on_the_form(client):
    store(client, {"setting": "facility", "administrations": pushes(MAX_ADMINISTRATIONS)})
    response = add(client, start="10:00")
    assert response.status_code == 422
    assert "already has 200 administrations" in response.content.decode()
    assert len(timeline(client)["administrations"]) == MAX_ADMINISTRATIONS


def test_an_administration_is_edited_in_place(client):
    add(client, start="09:00", stop="09:40")
    page = client.get(BUILDER, {"edit": "a1"})
    assert 'value="Ceftriaxone"' in page.content.decode()
    assert "Save changes" in page.content.decode()
    response = client.post(
        reverse("coding:edit", args=["a1"]),
        {
            "edit-a1-substance": "Cefazolin",
            "edit-a1-category": "therapeutic",
            "edit-a1-route": "iv_infusion",
            "edit-a1-start": "09:00",
            "edit-a1-stop": "09:10",
            "edit-a1-access": "A",
        },
    )
    assert response.status_code == 302
    assert timeline(client)["administrations"][0]["substance"] == "Cefazolin"
    assert "96374" in codes_on_page(client.get(BUILDER))


def test_a_bad_edit_keeps_the_form_open_with_the_error(client):
    add(client, start="09:00", stop="09:40")
    response = client.post(
        reverse("coding:edit", args=["a1"]),
        {
            "edit-a1-substance": "Cefazolin",
            "edit-a1-category": "therapeutic",
            "edit-a1-route": "iv_infusion",
            "edit-a1-start": "09:00",
            "edit-a1-stop": "08:10",
            "edit-a1-access": "A",
        },
    )
    assert response.status_code == 422
    assert 'id="id_edit-a1-stop_error"' in response.content.decode()
    assert (
        f'<a class="btn btn-ghost" href="{BUILDER}" hx-get="{BUILDER}" data-cancel>Cancel</a>'
        in response.content.decode()
    )
    assert timeline(client)["administrations"][0]["stop"] == "09:40"


def test_the_add_form_reports_every_field_problem_at_once(client):
    response = add(client, substance="", start="10:00", stop="09:00", category="hydration", route="iv_push")
    assert response.status_code == 422
    html = response.content.decode()
    for field, message in [
        ("substance", "This field is required"),
        ("stop", "before start"),
        ("route", "does not take category"),
    ]:
        error_block = html[html.index(f'id="id_add-{field}_error"') :]
        assert message in error_block[: error_block.index("</ul>")]


def test_a_dated_encounter_asks_for_date_times_from_its_own_date(client):
    open_example(client, "across-midnight")
    first_start = timeline(client)["administrations"][0]["start"]
    html = client.get(BUILDER).content.decode()
    hint = re.search(r'id="id_add-start_helptext">([^<]*)<', html)[1]
    assert "HH:MM" not in hint
    assert first_start in hint


def test_htmx_errors_come_back_as_a_422_fragment_that_htmx_swaps(client):
    response = client.post(
        reverse("coding:add"),
        {
            "add-substance": "",
            "add-category": "therapeutic",
            "add-route": "iv_push",
            "add-start": "09:00",
            "add-access": "A",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert 'id="id_add-substance_error"' in response.content.decode()
