import pytest

from coding.engine import code_encounter
from quizzes import starter
from quizzes.models import Case, Choice, Question, Quiz

pytestmark = pytest.mark.django_db

FAMILIES = ("R-B", "R-C", "R-D", "R-E", "R-F", "R-G", "R-H")

# What each starter case should code to, as the explanations written beside them say. If the engine
# changes its answer, this fails and the question's explanation needs reading again.
EXPECTED_KEYS = {
    "reader-sequential": {"96365": 1, "96367": 1},
    "reader-concurrent": {"96365": 1, "96368": 1},
    "three-concurrent": {"96365": 1, "96368": 1},
    "hydration-then-antibiotic": {"96365": 1, "96361": 1},
    "office-hydration-primary": {"96360": 1, "96367": 1},
    "two-sites-necessary": {"96365": 1, "96374": 1},
    "chemo-push-then-infusion": {"96409": 1, "96367": 1},
    "infusion-75-minutes": {"96365": 1},
    "infusion-91-minutes": {"96365": 1, "96366": 1},
    "hydration-200-minutes": {"96360": 1, "96361": 2},
    "infusion-12-minutes": {"96374": 1},
    "kvo-with-antibiotic": {"96365": 1},
    "push-with-short-hydration": {"96374": 1},
    "facility-repeat-push": {"96374": 1, "96376": 1},
    "office-repeat-push": {"96374": 1},
    "chemo-with-premedication": {"96413": 1, "96375": 1},
    "chemo-with-prehydration": {"96413": 1, "96415": 1, "96361": 1},
    "chemo-with-concurrent-drug": {"96413": 1, "96415": 1, "96368": 1},
    "chemo-push-with-short-hydration": {"96409": 1},
    "office-short-infusion": {"96374": 1},
}


def counts():
    return (Case.objects.count(), Quiz.objects.count(), Question.objects.count(), Choice.objects.count())


def test_loading_twice_changes_nothing():
    starter.load()
    first = counts()
    ids = list(Choice.objects.order_by("pk").values_list("pk", flat=True))
    starter.load()
    assert counts() == first
    assert list(Choice.objects.order_by("pk").values_list("pk", flat=True)) == ids


def test_the_bank_is_big_enough():
    starter.load()
    assert Quiz.objects.count() >= 4
    assert Question.objects.count() >= 40
    assert Question.objects.filter(kind=Question.Kind.CODE_CASE).count() >= 12
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)


def test_the_reader_question_quiz_comes_first():
    starter.load()
    first = Quiz.objects.first()
    assert first.slug == starter.READER_QUIZ.slug
    prompts = " ".join(first.questions.values_list("prompt", flat=True))
    choices = " ".join(Choice.objects.filter(question__quiz=first).values_list("text", flat=True))
    for code in ("96374", "96409", "96413", "96366", "96415", "96416"):
        assert code in choices, code
    assert "three times" in prompts  # the 96368-per-drug trap


def test_every_rule_family_from_b_to_h_is_tagged():
    starter.load()
    tags = {tag[:3] for tags in Question.objects.values_list("rule_tags", flat=True) for tag in tags}
    assert set(FAMILIES) <= tags


def test_every_question_has_an_explanation_citing_its_rules():
    starter.load()
    for question in Question.objects.all():
        assert question.rule_tags, question.slug
        assert any(tag in question.explanation for tag in question.rule_tags), question.slug
        if question.is_choice:
            assert question.choices.filter(is_correct=True).exists(), question.slug
        else:
            assert question.case is not None, question.slug


@pytest.mark.parametrize(("slug", "expected"), EXPECTED_KEYS.items())
def test_case_keys_come_from_the_engine_and_match_the_explanations(slug, expected):
    starter.load()
    key = Case.objects.get(slug=slug).answer_key
    pooled = {}
    for line in key:
        pooled[line["code"]] = pooled.get(line["code"], 0) + line["units"]
    assert pooled == expected


def test_every_case_in_the_bank_is_listed_above():
    assert {case.slug for case in starter.CASES} == set(EXPECTED_KEYS)


def test_an_educators_edits_survive_loading_again():
    starter.load()
    question = Question.objects.filter(kind=Question.Kind.SINGLE).first()
    question.prompt = "An educator's own wording."
    question.save()
    question.choices.create(text="An educator's extra choice", position=9)
    case = Case.objects.first()
    case.title = "An educator's title"
    case.save()
    before = counts()
    starter.load()
    starter.load()
    assert counts() == before
    assert Question.objects.get(pk=question.pk).prompt == "An educator's own wording."
    assert question.choices.filter(text="An educator's extra choice").exists()
    assert Case.objects.get(pk=case.pk).title == "An educator's title"


def test_stored_choices_do_not_put_the_key_first():
    starter.load()
    questions = Question.objects.filter(kind=Question.Kind.SINGLE)
    key_first = [
        question.slug
        for question in questions
        if question.choices.order_by("pk").first().is_correct
        or question.choices.order_by("position").first().is_correct
    ]
    assert len(key_first) < questions.count() / 2


def test_every_starter_row_passes_its_model_checks():
    starter.load()
    for row in [*Case.objects.all(), *Question.objects.all(), *Choice.objects.all()]:
        row.full_clean()


def test_starter_narratives_loaded_with_the_old_wording_are_reworded_and_edited_ones_left_alone():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("quizzes.migrations.0003_starter_narratives_name_every_fact")
    starter.load()
    old = "An antibiotic infusion runs from 10:00 to 11:00. Two more drugs follow."
    Case.objects.filter(slug="three-concurrent").update(narrative=old)
    Case.objects.filter(slug="kvo-with-antibiotic").update(narrative="An educator's own words.")
    migration.reword(apps, None)
    assert Case.objects.get(slug="three-concurrent").narrative.startswith(
        "Levofloxacin, an antibiotic, runs from"
    )
    assert Case.objects.get(slug="kvo-with-antibiotic").narrative == "An educator's own words."


CASES_BY_SLUG = {case.slug: case for case in starter.CASES}
CASE_QUESTIONS = [
    item
    for quiz in starter.QUIZZES
    for item in quiz.questions
    if item.kind in (Question.Kind.CODE_CASE, Question.Kind.BUILD_TIMELINE)
]


def rules_the_key_uses(encounter: dict) -> set[str]:
    """The engine's rule trace for a key: the rule behind each line and each note."""
    result = code_encounter(encounter)
    return {line.rule for line in result.lines} | {note.rule for note in result.notes}


@pytest.mark.parametrize("item", CASE_QUESTIONS, ids=lambda item: item.slug)
def test_a_coded_starter_question_is_tagged_only_with_rules_its_key_uses(item):
    assert set(item.rule_tags) <= rules_the_key_uses(CASES_BY_SLUG[item.case].encounter)


@pytest.mark.parametrize("case", starter.CASES, ids=lambda case: case.slug)
def test_a_drug_that_could_pass_for_fluid_is_given_with_its_purpose(case):
    """Magnesium, potassium or calcium in its own bag is a drug only because of why it is given."""
    for administration in case.encounter["administrations"]:
        if administration["category"] == "therapeutic" and any(
            word in administration["substance"].lower() for word in ("magnesium", "potassium", "calcium")
        ):
            assert "replace" in case.narrative, case.slug


def test_the_two_sites_item_states_the_condition_the_engine_applies():
    item = next(
        i for quiz in starter.QUIZZES for i in quiz.questions if i.slug == "reader-two-lines-not-concurrent"
    )
    assert "medically necessary" in item.prompt
    assert "not medically necessary" in item.explanation and "+96368" in item.explanation


def test_starter_items_loaded_before_the_expert_review_get_its_wording_and_tags_and_edited_ones_are_left_alone():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("quizzes.migrations.0004_starter_items_an_expert_would_sign")
    starter.load()
    for model, slug, field, old, _ in migration.REWORDED:
        apps.get_model("quizzes", model).objects.filter(slug=slug).update(**{field: old})
    Question.objects.filter(slug="time-code-hydration-200").update(explanation="An educator's own words.")
    migration.reword(apps, None)
    two_sites = Question.objects.get(slug="reader-two-lines-not-concurrent")
    assert "medically necessary" in two_sites.prompt
    assert Question.objects.get(slug="reader-code-sequential").rule_tags == ["R-C3", "R-B4"]
    assert "replace a low magnesium level" in Case.objects.get(slug="reader-concurrent").narrative
    assert Question.objects.get(slug="time-code-hydration-200").explanation == "An educator's own words."
