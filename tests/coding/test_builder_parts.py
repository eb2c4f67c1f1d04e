"""The builder's plain modules: the gallery, the picture's geometry, the session store."""

import pytest
from django.test import RequestFactory

from coding import session
from coding.engine import code_encounter, parse_encounter
from coding.forms import AdministrationForm
from coding.gallery import BY_SLUG, EXAMPLES
from coding.labels import describe_loc
from coding.picture import LEGEND, timeline_picture
from tests.coding.build import chemo, encounter, hydration, infusion


def test_the_gallery_has_at_least_twelve_examples_starting_with_the_reader_question():
    assert len(EXAMPLES) >= 12
    assert [example.headline for example in EXAMPLES[:3]] == ["96365", "96367", "96368"]
    assert len({example.slug for example in EXAMPLES}) == len(EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.slug)
def test_each_example_codes_to_its_headline_code(example):
    result = code_encounter(example.encounter)
    assert example.headline in {line.code for line in result.lines}


def test_the_first_examples_show_the_reader_questions_pairs():
    sequential, concurrent = (code_encounter(example.encounter) for example in EXAMPLES[1:3])
    assert {line.code for line in sequential.lines} == {"96365", "96367"}
    assert {line.code for line in concurrent.lines} == {"96365", "96368"}


def test_the_picture_puts_iv_accesses_and_injections_in_lanes():
    data = encounter(
        infusion("Vancomycin", "09:00", "10:30"),
        infusion("Phenytoin", "09:10", "09:50", access="B"),
        {
            "id": "x1",
            "substance": "Ketorolac",
            "category": "therapeutic",
            "route": "intramuscular",
            "start": "10:00",
        },
        accesses=("B",),
    )
    picture = timeline_picture(data, code_encounter(data))
    assert [(lane["title"], lane["note"]) for lane in picture["lanes"]] == [
        ("IV access A", ""),
        ("IV access B", "separate site"),
        ("Injections", "and other routes"),
    ]
    kinds = {bar["label"].split(" ·")[0]: bar["kind"] for bar in picture["bars"]}
    assert kinds == {"Vancomycin": "bar", "Phenytoin": "bar", "Ketorolac": "injection"}


def test_the_picture_scales_bars_to_their_minutes_and_stacks_overlaps():
    data = encounter(infusion("Vancomycin", "09:00", "10:30"), infusion("Pantoprazole", "09:20", "10:00"))
    picture = timeline_picture(data, None)
    vancomycin, pantoprazole = picture["bars"]
    assert vancomycin["width"] == pytest.approx(pantoprazole["width"] * 90 / 40, abs=0.2)
    assert vancomycin["y"] != pantoprazole["y"]
    assert picture["lanes"][0]["height"] == 2 * 48
    assert [tick["label"] for tick in picture["ticks"] if tick["major"]] == ["09:00", "10:00", "11:00"]


def test_sequential_bars_share_a_row():
    data = encounter(infusion("Ceftriaxone", "09:00", "09:45"), infusion("Metronidazole", "09:45", "10:40"))
    first, second = timeline_picture(data, None)["bars"]
    assert first["y"] == second["y"]


def test_incidental_fluid_is_drawn_with_the_incidental_tint_and_bars_carry_their_codes():
    data = encounter(
        hydration("08:00", "11:00", incidental=True),
        infusion("Ceftriaxone", "08:15", "08:45"),
    )
    saline, drug = timeline_picture(data, code_encounter(data))["bars"]
    assert (saline["tint"], saline["codes"]) == ("incidental", [])
    assert drug["codes"] == [{"chip": "96365", "shared_with": "", "text": "96365"}]
    assert "Not coded" in saline["title"]


def test_a_line_shared_by_two_administrations_names_the_other_on_each():
    example = BY_SLUG["chemotherapy-with-hydration"].encounter
    picture = timeline_picture(example, code_encounter(example))
    before, _, after = picture["rows"]
    assert before["codes"] == [
        {
            "chip": "+96361 ×2",
            "shared_with": "Normal saline post-hydration",
            "text": "+96361 ×2, one line shared with Normal saline post-hydration",
        }
    ]
    assert after["codes"][0]["shared_with"] == "Normal saline pre-hydration"
    assert "one line shared with Normal saline post-hydration" in picture["bars"][0]["title"]


def test_a_picture_across_midnight_labels_the_date():
    data = encounter(hydration("2026-03-14T23:00", "2026-03-15T02:00"))
    picture = timeline_picture(data, None)
    labels = [tick["label"] for tick in picture["ticks"] if tick["major"]]
    assert labels[0] == "14 Mar 23:00"
    assert "15 Mar 00:00" in labels
    assert picture["rows"][0]["minutes"] == 180


def test_a_substance_with_markup_is_escaped_in_the_bars_and_the_table():
    data = encounter(infusion('Drug <b>"A" & B</b>', "09:00", "09:40"))
    picture = timeline_picture(data, code_encounter(data))
    for markup in (picture["bars_markup"], picture["rows_markup"]):
        assert "<b>" not in markup
        assert "Drug &lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;" in markup


@pytest.mark.parametrize(
    "administrations",
    [
        pytest.param([infusion("Vancomycin", "09:00", "10:30")], id="one row"),
        pytest.param(
            [infusion("Vancomycin", "09:00", "10:30"), infusion("Pantoprazole", "09:20", "10:00")],
            id="two rows",
        ),
    ],
)
def test_the_ticks_run_down_to_the_last_row_of_each_picture_on_the_same_clock(administrations):
    picture = timeline_picture(encounter(*administrations), None)
    assert f'y2="{picture["plot_bottom"]}"' in picture["ticks_markup"]
    assert picture["ticks_markup"].count("<line") == len(picture["ticks"])


def test_an_empty_encounter_gives_an_empty_picture():
    assert timeline_picture({"setting": "facility", "administrations": []}, None)["empty"]


def test_the_session_store_round_trips_and_starts_empty():
    request = RequestFactory().get("/")
    request.session = {}
    assert session.load(request) == {"setting": "facility", "administrations": []}
    data = encounter(infusion("Acyclovir", "08:00", "08:45"))
    session.save(request, data)
    loaded = session.load(request)
    loaded["administrations"].clear()
    assert session.load(request) == data


def test_an_encounter_the_engine_refuses_is_not_drawn():
    broken = {
        "setting": "facility",
        "administrations": [{"id": "a1", "substance": "X", "start": "9 o'clock"}],
    }
    assert timeline_picture(broken, None)["empty"]


def test_the_legend_and_the_form_name_each_category_in_the_same_words():
    legend = {item["key"]: item["label"] for item in LEGEND}
    form_words = dict(AdministrationForm.base_fields["category"].choices)
    assert {key: legend[key] for key in form_words} == form_words
    assert legend["incidental"] == "Incidental fluid (not coded)"


def test_a_second_picture_on_a_page_keeps_its_ids_apart_and_its_textures_point_at_its_own_patterns():
    data = encounter(hydration("08:00", "09:00"), chemo("Cisplatin", "09:00", "10:00"))
    first, second = (
        timeline_picture(data, None),
        timeline_picture(data, None, label="Yours", uid_suffix="-yours"),
    )
    assert second["uid"] == first["uid"] + "-yours"
    assert second["label"] == "Yours"
    for picture in (first, second):
        for pattern in ("lines", "dots"):
            assert f'fill="url(#{picture["uid"]}-{pattern})"' in picture["bars_markup"]
            assert f'fill="url(#{picture["uid"]}-{pattern})"' in picture["legend_markup"]


def test_the_picture_drawn_from_the_engines_encounter_matches_the_one_drawn_from_the_dict():
    data = encounter(hydration("2026-03-14T23:10", "2026-03-15T01:20"))
    result = code_encounter(data)
    from_dict, from_model = timeline_picture(data, result), timeline_picture(parse_encounter(data), result)
    assert from_model["bars"] == from_dict["bars"]
    assert from_model["ticks"][0]["label"] == "14 Mar 23:00"


def test_an_error_about_the_whole_timeline_names_it_in_words():
    assert describe_loc("administrations", {"administrations": []}) == "The timeline"
    assert (
        describe_loc("administrations.0.stop", {"administrations": [{"id": "a1"}]})
        == "Administration 1 (a1), stop"
    )


HYDRATION_BAGS = ["Normal saline", "Lactated Ringer's", "Dextrose in water", "Plasma-Lyte"]


@pytest.mark.parametrize(
    ("bags", "words"),
    [
        (3, "+96361 ×2, one line shared with Lactated Ringer's and Dextrose in water"),
        (4, "+96361 ×3, one line shared with 3 other administrations, each listed in the table view"),
    ],
)
def test_a_line_shared_by_many_administrations_counts_the_others_instead_of_naming_them(bags, words):
    data = encounter(
        *(
            hydration(f"{8 + hour:02d}:00", f"{9 + hour:02d}:00", substance=name)
            for hour, name in enumerate(HYDRATION_BAGS[:bags])
        )
    )
    picture = timeline_picture(data, code_encounter(data))
    first_bag_line = picture["rows"][0]["codes"][1]
    assert first_bag_line["text"] == words
    assert first_bag_line["text"] in picture["bars"][0]["title"]
    assert first_bag_line["shared_with"].endswith(HYDRATION_BAGS[bags - 1])
