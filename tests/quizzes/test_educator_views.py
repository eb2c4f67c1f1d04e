import pytest
from django.urls import reverse

from quizzes import starter
from quizzes.models import Case, Quiz
from tests.factories import (
    CaseFactory,
    finished_attempt,
)

pytestmark = pytest.mark.django_db


def test_the_educators_page_is_for_educators(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("quizzes:educators")).status_code == 403


def test_educators_see_keys_and_create_cases_with_field_errors(client, educator):
    client.force_login(educator)
    starter.load()
    page = client.get(reverse("quizzes:educators")).content.decode()
    assert "96368" in page and "R-E4" in page
    bad = client.post(
        reverse("quizzes:educators"),
        {
            "title": "New",
            "slug": "new",
            "narrative": "x",
            "encounter": '{"setting": "facility", "administrations": []}',
        },
    )
    assert bad.status_code == 422 and "administrations" in bad.content.decode()
    assert not Case.objects.filter(slug="new").exists()
    encounter = '{"setting": "facility", "administrations": [{"id": "a1", "substance": "Ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:00"}]}'
    client.post(
        reverse("quizzes:educators"),
        {"title": "New", "slug": "new", "narrative": "x", "encounter": encounter, "rule_tags": "r-b1"},
    )
    case = Case.objects.get(slug="new")
    assert [line["code"] for line in case.answer_key] == ["96374"] and case.rule_tags == ["R-B1"]


def test_an_override_needs_a_note(client, educator):
    client.force_login(educator)
    case = CaseFactory()
    url = reverse("quizzes:override", args=[case.slug])
    prefix = f"case-{case.pk}"
    page = client.post(url, {f"{prefix}-lines": "96365\n96375"})
    assert page.status_code == 422 and "A note is required" in page.content.decode()
    client.post(
        url,
        {
            f"{prefix}-lines": "96365\n96361 x2\n96374 59",
            f"{prefix}-note": "Our payer's reading.",
            f"{prefix}-differs_confirmed": "on",
        },
    )
    case.refresh_from_db()
    assert case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96361", "units": 2, "modifiers": []},
        {"code": "96374", "units": 1, "modifiers": ["59"]},
    ]


def test_a_bad_encounter_is_reported_once_per_problem(client, educator):
    client.force_login(educator)
    encounter = '{"setting": "facility", "typo": 1, "administrations": []}'
    page = client.post(
        reverse("quizzes:educators"), {"title": "T", "slug": "t", "narrative": "n", "encounter": encounter}
    )
    content = page.content.decode()
    assert "typo: unknown field" in content
    assert "must be a JSON object" not in content


def test_the_admin_lists_every_quizzes_model(admin_client):
    starter.load()
    for model in ("case", "quiz", "question", "attempt", "practicecase"):
        assert admin_client.get(f"/admin/quizzes/{model}/").status_code == 200
    case = Case.objects.first()
    assert admin_client.get(f"/admin/quizzes/case/{case.pk}/change/").status_code == 200


def test_list_pages_do_not_query_per_row(client, educator, django_assert_max_num_queries):
    client.force_login(educator)
    starter.load()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("quizzes:educators")).status_code == 200
    attempt = finished_attempt(educator, Quiz.objects.get(slug=starter.TIME_QUIZ.slug))
    with django_assert_max_num_queries(11):
        assert client.get(reverse("quizzes:results", args=[attempt.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("quizzes:progress")).status_code == 200


@pytest.mark.parametrize(
    ("lines", "problem"),
    [("96365 x0", "units 1 or more"), ("96365 X00", "units 1 or more"), ("99999", "99999 is not")],
)
def test_an_override_with_no_units_or_an_unknown_code_is_refused(client, educator, lines, problem):
    client.force_login(educator)
    case = CaseFactory()
    prefix = f"case-{case.pk}"
    page = client.post(
        reverse("quizzes:override", args=[case.slug]), {f"{prefix}-lines": lines, f"{prefix}-note": "Why."}
    )
    assert page.status_code == 422 and problem in page.content.decode()
    case.refresh_from_db()
    assert case.override_lines is None


def test_an_override_on_a_case_that_fails_its_checks_is_a_form_error_not_a_500(client, educator):
    client.force_login(educator)
    case = CaseFactory()
    # Saved before the engine tightened its input checks: the stored encounter no longer validates.
    Case.objects.filter(pk=case.pk).update(encounter={**case.encounter, "typo": 1})
    prefix = f"case-{case.pk}"
    page = client.post(
        reverse("quizzes:override", args=[case.slug]),
        {f"{prefix}-lines": "96365", f"{prefix}-note": "Why.", f"{prefix}-differs_confirmed": "on"},
    )
    assert page.status_code == 422 and "typo" in page.content.decode()
    case.refresh_from_db()
    assert case.override_lines is None


def test_a_new_case_with_an_unknown_rule_tag_is_refused(client, educator):
    client.force_login(educator)
    encounter = '{"setting": "facility", "administrations": [{"id": "a1", "substance": "Ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:00"}]}'
    page = client.post(
        reverse("quizzes:educators"),
        {"title": "New", "slug": "new", "narrative": "x", "encounter": encounter, "rule_tags": "R-E4, R/1"},
    )
    assert page.status_code == 422 and "“R/1” is not a rule id" in page.content.decode()
    assert not Case.objects.filter(slug="new").exists()


def test_an_override_that_contradicts_the_engine_lists_the_difference_and_needs_confirming(client, educator):
    client.force_login(educator)
    starter.load()
    case = Case.objects.get(slug="three-concurrent")  # the engine: 96365, +96368 once (R-E4)
    url, prefix = reverse("quizzes:override", args=[case.slug]), f"case-{case.pk}"
    override = {f"{prefix}-lines": "96365\n96368 x2", f"{prefix}-note": "One per drug."}
    page = client.post(url, override)
    content = page.content.decode()
    assert page.status_code == 422 and "tick the box to save it anyway" in content
    assert (
        "The override has 96368 ×2 where the engine has ×1." in content and 'href="/rules/R-E4/"' in content
    )
    case.refresh_from_db()
    assert case.override_lines is None
    client.post(url, {**override, f"{prefix}-differs_confirmed": "on"})
    case.refresh_from_db()
    assert case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96368", "units": 2, "modifiers": []},
    ]
    assert (
        "The override has 96368 ×2 where the engine has ×1."
        in client.get(reverse("quizzes:educators")).content.decode()
    )


def test_an_override_that_agrees_with_the_engine_needs_no_confirmation(client, educator):
    client.force_login(educator)
    case = CaseFactory()
    prefix = f"case-{case.pk}"
    lines = "\n".join(f"{line['code']} x{line['units']}" for line in case.answer_key)
    client.post(
        reverse("quizzes:override", args=[case.slug]), {f"{prefix}-lines": lines, f"{prefix}-note": "Pinned."}
    )
    case.refresh_from_db()
    assert case.override_lines and case.override_differences() == []


def test_a_new_case_names_the_administration_at_fault_as_every_form_does(client, educator):
    client.force_login(educator)
    encounter = (
        '{"setting": "facility", "administrations": [{"id": "a1", "substance": "Saline", "category": "hydration",'
        ' "route": "iv_infusion", "start": "09:00", "stop": "08:00"}]}'
    )
    page = client.post(
        reverse("quizzes:educators"), {"title": "T", "slug": "t", "narrative": "n", "encounter": encounter}
    )
    assert page.status_code == 422
    assert "Administration 1 (a1)" in page.content.decode()
