"""The add form's category choice teaches the difference between a drug and hydration, and an electrolyte entered
as hydration beside a drug gets a hint of what entering it as a drug would change (never a refusal)."""

import pytest
from django.urls import reverse

from coding.category_hints import category_hints, entered_as_drug, normalised_name, usually_a_drug
from coding.engine import code_encounter, parse_encounter
from coding.engine.schema import ROUTE_CATEGORIES, Category
from coding.forms import AdministrationForm
from tests.coding.build import encounter, hydration, infusion


def hints_for(data: dict) -> list:
    return category_hints(parse_encounter(data), code_encounter(data))


@pytest.mark.parametrize(
    ("substance", "usually"),
    [
        ("Potassium chloride", True),
        ("potassium-chloride 20 mEq", True),
        ("KCl 40 mEq in 500 mL", True),
        ("Magnesium sulfate 2 g", True),
        ("Calcium gluconate", True),
        ("Normal saline", False),
        ("Lactated Ringer's", False),
        ("D5W with potassium chloride", False),  # a fluid with an additive: its name starts with the fluid
    ],
)
def test_a_substance_is_usually_a_drug_by_its_normalised_name(substance, usually):
    assert usually_a_drug(substance) is usually


def test_a_name_is_normalised_to_lower_case_words():
    assert normalised_name("  Potassium-Chloride, 20 mEq ") == "potassium chloride 20 meq"


def test_potassium_entered_as_hydration_beside_a_concurrent_drug_would_add_96368_as_a_drug():
    data = encounter(
        infusion("Vancomycin", "09:00", "10:00"), hydration("09:00", "10:00", substance="Potassium chloride")
    )
    [hint] = hints_for(data)
    assert (hint.administration_id, hint.added, hint.dropped) == (
        data["administrations"][1]["id"],
        ("+96368",),
        (),
    )
    assert hint.text == "Potassium chloride is entered as hydration. Entered as a drug, it would add +96368."
    assert hint.rule == "R-B3"


def test_magnesium_entered_as_hydration_after_a_drug_would_be_sequential_as_a_drug():
    data = encounter(
        infusion("Vancomycin", "09:00", "10:00"),
        hydration("10:00", "11:00", substance="Magnesium sulfate 2 g"),
    )
    [hint] = hints_for(data)
    assert hint.added == ("+96367",)
    assert hint.dropped == ("+96361",)


def test_a_code_the_claim_has_already_counts_once_more_as_a_drug():
    """Magnesium after two drugs: the claim has a +96367 already, and as a drug it earns a second one."""
    data = encounter(
        infusion("Vancomycin", "09:00", "10:00"),
        infusion("Pantoprazole", "10:00", "10:30"),
        hydration("10:30", "11:30", substance="Magnesium sulfate 2 g"),
    )
    assert [line.code for line in code_encounter(data).lines].count("96367") == 1
    [hint] = hints_for(data)
    assert (hint.added, hint.dropped) == (("+96367",), ("+96361",))
    assert hint.text == (
        "Magnesium sulfate 2 g is entered as hydration. Entered as a drug, it would add +96367 and drop +96361."
    )


def test_the_hint_codes_what_the_engine_reads_with_the_substance_entered_as_a_drug():
    """The alternative is copied from the engine's reading, not validated again: it must be what validating
    would give, which holds because every route that takes hydration takes a drug too."""
    data = encounter(
        infusion("Vancomycin", "09:00", "10:00"),
        hydration("10:00", "11:00", substance="Magnesium sulfate 2 g"),
    )
    first, magnesium = data["administrations"]
    as_drug = data | {"administrations": [first, magnesium | {"category": "therapeutic"}]}
    copied = entered_as_drug(parse_encounter(data), magnesium["id"])
    assert copied.model_dump() == parse_encounter(as_drug).model_dump()
    assert copied.administrations[1].minutes == 60
    assert all(
        Category.THERAPEUTIC in taken for taken in ROUTE_CATEGORIES.values() if Category.HYDRATION in taken
    )


@pytest.mark.parametrize(
    "administrations",
    [
        pytest.param([hydration("09:00", "10:00", substance="Potassium chloride")], id="no drug beside it"),
        pytest.param(
            [infusion("Vancomycin", "09:00", "10:00"), hydration("09:00", "10:00")], id="plain saline"
        ),
        pytest.param(
            [infusion("Vancomycin", "09:00", "10:00"), infusion("Potassium chloride", "09:00", "10:00")],
            id="already a drug",
        ),
        pytest.param(
            [
                infusion("Vancomycin", "09:00", "10:00"),
                hydration("09:00", "10:00", substance="Potassium chloride", incidental=True),
            ],
            id="incidental",
        ),
    ],
)
def test_no_hint_when_nothing_is_entered_as_hydration_that_is_usually_a_drug(administrations):
    assert hints_for(encounter(*administrations)) == []


def test_no_hint_for_an_empty_timeline():
    assert category_hints(None, None) == []


def test_the_category_choice_names_a_drug_and_hydration_apart():
    field = AdministrationForm(encounter={"setting": "facility", "administrations": []}).fields["category"]
    words = dict(field.choices)
    assert words["therapeutic"].startswith("Drug")
    assert "only to hydrate" in words["hydration"]
    assert "is a drug, even in its own bag" in field.help_text


@pytest.mark.django_db
def test_an_electrolyte_entered_as_hydration_is_added_all_the_same(client):
    data = encounter(infusion("Vancomycin", "09:00", "10:00"))
    session = client.session
    session["builder_encounter"] = data
    session.save()
    fields = {
        "substance": "Potassium chloride",
        "category": "hydration",
        "route": "iv_infusion",
        "access": "A",
    }
    response = client.post(
        reverse("coding:add"),
        {f"add-{name}": value for name, value in (fields | {"start": "09:00", "stop": "10:00"}).items()},
        follow=True,
    )
    assert response.status_code == 200
    assert "Entered as a drug, it would add +96368." in response.content.decode()
