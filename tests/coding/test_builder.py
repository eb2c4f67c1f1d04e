"""The timeline builder without JavaScript: every change is a plain form post and a full page."""

import json
import re

import pytest
from django.urls import reverse

from coding import session
from coding.engine import Encounter
from coding.engine.schema import MAX_ADMINISTRATIONS
from coding.gallery import BY_SLUG

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


@pytest.fixture
def engine_reads(monkeypatch) -> list[int]:
    """Grows by one each time the engine reads (validates) an encounter."""
    reads: list[int] = []
    validate = Encounter.model_validate
    monkeypatch.setattr(
        Encounter, "model_validate", lambda data, **kw: reads.append(1) or validate(data, **kw)
    )
    return reads


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


def test_duplicate_places_a_copy_after_the_original_and_delete_removes_it(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="11:00")
    client.post(reverse("coding:duplicate", args=["a1"]))
    assert [a["id"] for a in timeline(client)["administrations"]] == ["a1", "a3", "a2"]
    assert timeline(client)["administrations"][1]["substance"] == "Morphine"
    client.post(reverse("coding:delete", args=["a1"]))
    assert [a["id"] for a in timeline(client)["administrations"]] == ["a3", "a2"]


def test_the_setting_switch_recodes_the_repeat_push(client):
    open_example(client, "repeat-push-facility")
    assert code_chips(client.get(BUILDER)) == ["96374", "96376"]
    client.post(reverse("coding:setting"), {"setting": "professional"})
    assert timeline(client)["setting"] == "professional"
    assert code_chips(client.get(BUILDER)) == ["96374"]


def test_nudging_the_stop_time_over_90_minutes_adds_an_hour(client):
    add(client, start="08:00", stop="09:30")
    assert "96366" not in codes_on_page(client.get(BUILDER))
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": "1"})
    assert response.status_code == 302
    assert timeline(client)["administrations"][0]["stop"] == "09:31"
    assert "96366" in codes_on_page(client.get(BUILDER))


@pytest.mark.parametrize("minutes", ["-5", "-1"])
def test_a_nudge_to_or_before_the_start_is_refused_with_a_nudge_reason(client, minutes):
    add(client, start="08:00", stop="08:01")
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": minutes})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Stop can’t move to or before start 08:00" in html
    assert "midnight" not in html
    assert timeline(client)["administrations"][0]["stop"] == "08:01"


def test_nudge_buttons_that_would_reach_the_start_are_disabled_and_say_why(client):
    add(client, start="08:00", stop="08:03")
    html = client.get(BUILDER).content.decode()
    minus_five = re.search(r'<button[^>]*id="nudge-a1-m5"[^>]*>', html)[0]
    minus_one = re.search(r'<button[^>]*id="nudge-a1-m1"[^>]*>', html)[0]
    assert 'aria-disabled="true"' in minus_five
    assert 'type="button"' in minus_five and 'name="minutes"' not in minus_five
    assert 'title="Stop can’t move to or before start 08:00"' in minus_five
    assert "aria-disabled" not in minus_one and 'name="minutes"' in minus_one


def test_a_nudge_past_midnight_asks_for_date_times(client):
    add(client, start="23:00", stop="23:58")
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": "5"})
    assert response.status_code == 422
    assert "date-times" in response.content.decode()


def test_a_deleted_administration_can_be_undone_in_its_place(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30", access="B")
    add(client, substance="Ketorolac", route="iv_push", start="11:00")
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    before = timeline(client)
    client.post(reverse("coding:delete", args=["a2"]))
    page = client.get(BUILDER).content.decode()
    assert "Deleted Ondansetron." in page
    assert f'action="{reverse("coding:undo")}"' in page
    response = client.post(reverse("coding:undo"))
    assert response.status_code == 302
    assert timeline(client) == before
    assert "Deleted Ondansetron." not in client.get(BUILDER).content.decode()


def test_undo_lasts_one_step(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30")
    client.post(reverse("coding:delete", args=["a2"]))
    add(client, substance="Ketorolac", route="iv_push", start="11:00")
    assert "Deleted Ondansetron." not in client.get(BUILDER).content.decode()
    after = timeline(client)
    response = client.post(reverse("coding:undo"), follow=True)
    assert "Nothing to undo" in response.content.decode()
    assert timeline(client) == after


def test_undo_with_nothing_to_undo_over_htmx_reloads_the_page_to_say_so(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    response = client.post(reverse("coding:undo"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == BUILDER
    assert "Nothing to undo" in client.get(BUILDER).content.decode()


def test_undo_brings_back_the_last_administration_over_htmx(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    client.post(reverse("coding:delete", args=["a1"]), headers={"HX-Request": "true"})
    response = client.post(reverse("coding:undo"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="admin-a1"' in response.content.decode()
    assert [a["substance"] for a in timeline(client)["administrations"]] == ["Morphine"]


def test_an_access_left_unused_by_an_edit_or_a_delete_is_dropped(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30", access="B")
    add(client, substance="Ketorolac", route="iv_push", start="11:00", access="C")
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    client.post(reverse("coding:access"), {"access": "C", "separate_site_necessary": "on"})
    client.post(
        reverse("coding:edit", args=["a2"]),
        {
            "edit-a2-substance": "Ondansetron",
            "edit-a2-category": "therapeutic",
            "edit-a2-route": "iv_push",
            "edit-a2-start": "10:30",
            "edit-a2-access": "A",
        },
    )
    assert [access["id"] for access in timeline(client)["accesses"]] == ["C"]
    client.post(reverse("coding:delete", args=["a3"]))
    assert timeline(client)["accesses"] == []


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


def test_a_nudge_hint_comes_from_the_engine(client):
    add(client, start="08:00", stop="09:28")
    html = client.get(BUILDER).content.decode()
    assert "3 more minutes would add +96366" in html


def test_the_hint_explains_a_push_about_to_become_an_infusion(client):
    open_example(client, "fifteen-minutes-is-a-push")
    html = client.get(BUILDER).content.decode()
    assert "1 more minute would give 96365 instead of 96374" in html


def test_marking_the_saline_as_keep_vein_open_removes_hydration_with_a_note(client):
    add(client, substance="Normal saline", category="hydration", start="08:00", stop="10:00")
    add(client, substance="Ceftriaxone", start="08:15", stop="08:45")
    assert "96361" in codes_on_page(client.get(BUILDER))
    client.post(
        reverse("coding:edit", args=["a1"]),
        {
            "edit-a1-substance": "Normal saline",
            "edit-a1-category": "hydration",
            "edit-a1-route": "iv_infusion",
            "edit-a1-start": "08:00",
            "edit-a1-stop": "10:00",
            "edit-a1-access": "A",
            "edit-a1-incidental": "on",
        },
    )
    codes = codes_on_page(client.get(BUILDER))
    assert "96361" not in codes
    assert "R-F2" in codes


def test_a_second_access_can_be_marked_necessary(client):
    open_example(client, "separate-site-modifier-59")
    client.post(reverse("coding:access"), {"access": "B"})
    assert timeline(client)["accesses"] == [{"id": "B", "separate_site_necessary": False}]
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    assert timeline(client)["accesses"] == [{"id": "B", "separate_site_necessary": True}]


def test_htmx_requests_get_the_workspace_fragment(client):
    add(client, start="09:00", stop="09:40")
    response = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "5"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert "<html" not in html


def test_htmx_errors_come_back_as_a_swappable_fragment(client):
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
    assert response.status_code == 200
    assert 'id="id_add-substance_error"' in response.content.decode()


def test_start_over_keeps_the_setting(client):
    add(client, start="09:00", stop="09:40")
    client.post(reverse("coding:setting"), {"setting": "professional"})
    client.post(reverse("coding:start_over"))
    assert timeline(client) == {"setting": "professional", "administrations": []}


def test_an_unknown_administration_is_not_found(client):
    assert client.post(reverse("coding:delete", args=["a9"])).status_code == 404
    assert client.get(BUILDER, {"edit": "a9"}).status_code == 404


def test_an_encounter_in_the_session_that_no_longer_validates_starts_over_instead_of_a_traceback(client):
    store(client, {"setting": "professional", "administrations": [{"id": "a1", "substance": "X"}]})
    response = client.get(BUILDER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Add your first administration" in html
    assert "The timeline kept from your last visit could not be read" in html
    assert "Administration 1 (a1), category" in html
    assert timeline(client) == {"setting": "professional", "administrations": []}
    assert "could not be read" not in client.get(BUILDER).content.decode()


def test_export_downloads_the_encounter_format_exactly(client):
    open_example(client, "concurrent-infusion")
    response = client.get(reverse("coding:export"))
    assert response["Content-Disposition"] == 'attachment; filename="encounter.json"'
    assert json.loads(response.content) == BY_SLUG["concurrent-infusion"].encounter


def test_export_of_an_empty_timeline_explains_instead_of_downloading(client):
    response = client.get(reverse("coding:export"), follow=True)
    assert "Add an administration first" in response.content.decode()


def test_import_of_pasted_json_replaces_the_timeline(client):
    text = json.dumps(BY_SLUG["sequential-infusion"].encounter)
    response = client.post(reverse("coding:import"), {"text": text})
    assert response.status_code == 302
    assert timeline(client) == BY_SLUG["sequential-infusion"].encounter


def test_import_of_a_file_that_is_not_json_names_the_file_field(client, tmp_path):
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    upload = tmp_path / "notes.txt"
    upload.write_text("stop at ten, I think")
    with upload.open("rb") as handle:
        response = client.post(reverse("coding:import"), {"file": handle})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert "The file is not JSON" in html
    assert timeline(client) == before


def test_import_of_a_bad_encounter_lists_each_field_at_fault(client):
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    bad = {
        "setting": "facility",
        "administrations": [
            {
                "id": "a1",
                "substance": "Ceftriaxone",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:00",
                "stop": "09:00",
            },
            {
                "id": "a2",
                "substance": "Ondansetron",
                "category": "therapeutic",
                "route": "iv_drip",
                "start": "10:00",
            },
        ],
    }
    response = client.post(reverse("coding:import"), {"text": json.dumps(bad)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Administration 1 (a1), stop" in html
    assert "Administration 2 (a2), route" in html
    assert timeline(client) == before


def test_import_needs_a_file_or_text(client):
    response = client.post(reverse("coding:import"), {"text": "  "})
    assert response.status_code == 422
    assert "Choose a JSON file or paste the JSON text" in response.content.decode()


def test_opening_an_example_replaces_the_timeline(client):
    add(client, start="09:00", stop="09:40")
    open_example(client, "hydration-31-minutes")
    assert timeline(client) == BY_SLUG["hydration-31-minutes"].encounter
    assert client.get(reverse("coding:examples")).status_code == 200
    assert client.post(reverse("coding:open_example", args=["no-such-example"])).status_code == 404


def test_an_access_past_the_engines_limit_is_refused_and_the_timeline_is_kept(client):
    # Fifty accesses already listed, one push on each and one more: marking the 51st is one too many.
    encounter = {
        "setting": "facility",
        "accesses": [{"id": f"A{n}", "separate_site_necessary": False} for n in range(1, 51)],
        "administrations": pushes(51, own_access=True),
    }
    store(client, encounter)
    response = client.post(reverse("coding:access"), {"access": "A51", "separate_site_necessary": "on"})
    assert response.status_code == 422
    assert "at most 50" in response.content.decode()
    assert timeline(client) == encounter
    assert len(session.load(response.wsgi_request)["administrations"]) == 51


def test_an_access_no_administration_uses_is_refused_by_name(client):
    open_example(client, "separate-site-modifier-59")
    before = timeline(client)
    response = client.post(reverse("coding:access"), {"access": "Z", "separate_site_necessary": "on"})
    assert response.status_code == 422
    assert "No administration on this timeline uses IV access Z" in response.content.decode()
    assert timeline(client) == before


def test_a_setting_that_does_not_exist_is_refused_not_ignored(client):
    open_example(client, "repeat-push-facility")
    response = client.post(reverse("coding:setting"), {"setting": "hospital"})
    assert response.status_code == 422
    assert "Choose the setting: Facility or Professional" in response.content.decode()
    assert timeline(client)["setting"] == "facility"


def test_a_refused_setting_over_htmx_comes_back_as_a_swappable_fragment(client):
    open_example(client, "repeat-push-facility")
    response = client.post(reverse("coding:setting"), {"setting": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert "Choose the setting: Facility or Professional" in html


def test_a_duplicate_past_the_limit_is_refused_beside_the_card(client):
    encounter = {"setting": "facility", "administrations": pushes(MAX_ADMINISTRATIONS)}
    store(client, encounter)
    response = client.post(reverse("coding:duplicate", args=["a1"]))
    assert response.status_code == 422
    assert "nudge-error" in response.content.decode()
    assert timeline(client) == encounter


def test_one_builder_page_asks_the_engine_to_read_the_encounter_once(client, engine_reads):
    open_example(client, "concurrent-infusion")
    engine_reads.clear()
    assert client.get(BUILDER).status_code == 200
    assert len(engine_reads) == 1


def test_a_change_reads_the_stored_and_the_changed_encounter_once_each(client, engine_reads):
    add(client, start="09:00", stop="09:40")
    engine_reads.clear()
    response = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "5"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert len(engine_reads) == 2
