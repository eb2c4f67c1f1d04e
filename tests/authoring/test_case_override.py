"""An educator's override of a case's key: only with a note, and only after confirming where it departs from the
engine (the form lists each difference with the rule the engine applies)."""

import pytest
from django.urls import reverse

from quizzes import starter
from quizzes.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def override(client, case, **fields):
    return client.post(reverse("authoring:case_override", args=[case.pk]), fields)


@pytest.fixture
def own_case(educator):
    return CaseFactory(created_by=educator)


def test_an_override_needs_a_note(client, educator, own_case):
    client.force_login(educator)
    page = override(client, own_case, lines="96365\n96375")
    assert page.status_code == 422 and "A note is required" in page.content.decode()
    override(
        client,
        own_case,
        lines="96365\n96361 x2\n96374 59",
        note="Our payer's reading.",
        differs_confirmed="on",
    )
    own_case.refresh_from_db()
    assert own_case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96361", "units": 2, "modifiers": []},
        {"code": "96374", "units": 1, "modifiers": ["59"]},
    ]
    assert own_case.override_note == "Our payer's reading."


@pytest.mark.parametrize(
    ("lines", "problem"),
    [("96365 x0", "units 1 or more"), ("96365 X00", "units 1 or more"), ("99999", "99999 is not")],
)
def test_an_override_with_no_units_or_an_unknown_code_is_refused(client, educator, own_case, lines, problem):
    client.force_login(educator)
    page = override(client, own_case, lines=lines, note="Why.")
    assert page.status_code == 422 and problem in page.content.decode()
    own_case.refresh_from_db()
    assert own_case.override_lines is None


def test_an_override_on_a_case_that_fails_its_checks_is_a_form_error_not_a_500(client, educator, own_case):
    client.force_login(educator)
    # Saved before the engine tightened its input checks: the stored encounter no longer validates.
    Case.objects.filter(pk=own_case.pk).update(encounter={**own_case.encounter, "typo": 1})
    page = override(client, own_case, lines="96365", note="Why.", differs_confirmed="on")
    assert page.status_code == 422 and "typo" in page.content.decode()
    own_case.refresh_from_db()
    assert own_case.override_lines is None


def test_an_override_that_contradicts_the_engine_lists_the_difference_and_needs_confirming(client, educator):
    client.force_login(educator)
    starter.load()
    case = Case.objects.get(slug="three-concurrent").duplicate(
        educator
    )  # the engine: 96365, +96368 once (R-E4)
    fields = {"lines": "96365\n96368 x2", "note": "One per drug."}
    page = override(client, case, **fields)
    content = page.content.decode()
    assert page.status_code == 422 and "tick the box to save it anyway" in content
    assert (
        "The override has 96368 ×2 where the engine has ×1." in content and 'href="/rules/R-E4/"' in content
    )
    case.refresh_from_db()
    assert case.override_lines is None
    override(client, case, **fields, differs_confirmed="on")
    case.refresh_from_db()
    assert case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96368", "units": 2, "modifiers": []},
    ]
    page = client.get(reverse("authoring:case_edit", args=[case.pk])).content.decode()
    assert "The override has 96368 ×2 where the engine has ×1." in page


def test_an_override_that_agrees_with_the_engine_needs_no_confirmation(client, educator, own_case):
    client.force_login(educator)
    lines = "\n".join(f"{line['code']} x{line['units']}" for line in own_case.answer_key)
    override(client, own_case, lines=lines, note="Pinned.")
    own_case.refresh_from_db()
    assert own_case.override_lines and own_case.override_differences() == []


def test_clearing_an_override_grades_with_the_engines_key_again(client, educator, own_case):
    client.force_login(educator)
    own_case.override_lines, own_case.override_note = [{"code": "96365", "units": 1, "modifiers": []}], "Why."
    own_case.save()
    override(client, own_case, clear="1")
    own_case.refresh_from_db()
    assert own_case.override_lines is None and own_case.override_note == ""


def test_only_the_author_sets_an_override(client, educator, other_educator):
    case = CaseFactory(created_by=other_educator)
    client.force_login(educator)
    assert override(client, case, lines="96365", note="Why.").status_code == 403
    case.refresh_from_db()
    assert case.override_lines is None
