"""The content format: lossless round trips, and bad documents refused whole with every problem's loc."""

import copy
from datetime import UTC, datetime

import pytest

from authoring.content import FORMAT, ContentError, describe_content_loc
from authoring.content_export import export_everything, export_owned_by, export_quizzes, export_starter
from authoring.content_import import import_document
from quizzes import starter
from quizzes.models import Case, Choice, Question, Quiz, QuizSection
from tests.factories import (
    PUSH_THEN_INFUSION,
    CaseFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
    choice_question,
)

pytestmark = pytest.mark.django_db


def empty_the_database():
    Question.objects.all().delete()
    Quiz.objects.all().delete()
    Case.objects.all().delete()


def authored_extras(owner=None):
    """What the starter bank lacks: a quiz with a section and policy fields, a bank question, an archived case and
    a case with an override."""
    overridden = CaseFactory(
        slug="overridden",
        override_lines=[
            {"code": "96374", "units": 1, "modifiers": []},
            {"code": "96367", "units": 1, "modifiers": ["59"]},
        ],
        override_note="Our payer reads the infusion as sequential.",
        created_by=owner,
    )
    CaseFactory(slug="retired", archived=True, created_by=owner)
    quiz = QuizFactory(
        slug="drawn-exam",
        mode=Quiz.Mode.EXAM,
        key_release=Quiz.KeyRelease.AFTER_DUE,
        due_at=datetime(2026, 12, 24, 17, 0, tzinfo=UTC),
        attempt_limit=2,
        time_limit_minutes=30,
        published=False,
        position=9,
        created_by=owner,
    )
    QuestionFactory(
        quiz=quiz, slug="code-overridden", kind="code_case", case=overridden, position=1, created_by=owner
    )
    QuizSection.objects.create(quiz=quiz, position=2, rule="R-E4", count=2, kinds=["single", "true_false"])
    choice_question(quiz=quiz, slug="last-fixed", position=3, created_by=owner)
    choice_question(quiz=None, slug="in-the-bank", rule_tags=["R-E4"], created_by=owner)


def test_export_then_import_into_an_empty_database_exports_the_same_document():
    starter.load()
    authored_extras()
    first = export_everything()
    empty_the_database()
    import_document(copy.deepcopy(first), owner=None)
    assert export_everything() == first


def test_the_round_trip_keeps_sections_policies_the_bank_archived_cases_and_overrides():
    authored_extras()
    document = export_everything()
    quiz = document["quizzes"][0]
    assert document["format"] == FORMAT and document["version"] == 1
    assert [entry.get("slug") or entry["section"]["rule"] for entry in quiz["questions"]] == [
        "code-overridden",
        "R-E4",
        "last-fixed",
    ]
    assert quiz["questions"][1] == {
        "section": {"rule": "R-E4", "count": 2, "kinds": ["single", "true_false"]}
    }
    assert (quiz["key_release"], quiz["due_at"], quiz["attempt_limit"]) == (
        "after_due",
        "2026-12-24T17:00:00+00:00",
        2,
    )
    assert [question["slug"] for question in document["questions"]] == ["in-the-bank"]
    cases = {case["slug"]: case for case in document["cases"]}
    assert cases["retired"]["archived"] is True
    assert cases["overridden"]["override"]["note"] == "Our payer reads the infusion as sequential."
    empty_the_database()
    import_document(document, owner=None)
    assert Case.objects.get(slug="overridden").answer_key[1] == {
        "code": "96367",
        "units": 1,
        "modifiers": ["59"],
    }
    assert Quiz.objects.get(slug="drawn-exam").sections.get().kinds == ["single", "true_false"]
    assert Question.objects.get(slug="in-the-bank").quiz is None


def test_export_writes_only_current_versions():
    question = choice_question(slug="revised")
    question.responses.create(attempt=_attempt_for(question), answer={"choices": []}, score=0)
    question.revise(prompt="The second wording.")
    exported = export_quizzes([question.quiz])["quizzes"][0]["questions"]
    assert [(entry["slug"], entry["prompt"]) for entry in exported] == [("revised", "The second wording.")]


def _attempt_for(question):
    from quizzes.models import Attempt

    return Attempt.objects.create(
        user=UserFactory(), quiz=question.quiz, mode="practice", question_ids=[question.pk]
    )


def test_chosen_quizzes_bring_the_cases_their_questions_use_and_nothing_else():
    starter.load()
    document = export_quizzes(Quiz.objects.filter(slug="time-and-units"))
    used = set(
        Question.objects.filter(quiz__slug="time-and-units")
        .exclude(case=None)
        .values_list("case__slug", flat=True)
    )
    assert {case["slug"] for case in document["cases"]} == used
    assert document["questions"] == []


def test_an_educators_export_is_their_own_content_and_the_starter_export_the_starter_bank(educator):
    starter.load()
    authored_extras(owner=educator)
    mine = export_owned_by(educator)
    assert [quiz["slug"] for quiz in mine["quizzes"]] == ["drawn-exam"]
    assert {case["slug"] for case in mine["cases"]} == {"overridden", "retired"}
    bank = export_starter()
    assert "drawn-exam" not in {quiz["slug"] for quiz in bank["quizzes"]}
    assert len(bank["quizzes"]) == len(starter.QUIZZES)


def test_imported_content_belongs_to_the_owner(educator):
    authored_extras()
    document = export_everything()
    empty_the_database()
    result = import_document(document, owner=educator)
    assert result.counts() == {"cases": 2, "quizzes": 1, "questions": 3}
    assert {
        row.created_by for row in [*Case.objects.all(), *Quiz.objects.all(), *Question.objects.all()]
    } == {educator}


def a_document(**parts):
    case = {
        "slug": "push-then-drip",
        "title": "Push then drip",
        "narrative": "Ondansetron is pushed at 09:00; ceftriaxone runs from 09:10 to 09:50.",
        "encounter": copy.deepcopy(PUSH_THEN_INFUSION),
        "rule_tags": ["R-C3"],
        "override": None,
    }
    question = {
        "slug": "code-it",
        "kind": "code_case",
        "prompt": "Code this case.",
        "case": "push-then-drip",
        "rule_tags": ["R-C3"],
        "explanation": "The push comes first (R-C3).",
    }
    choice = {
        "slug": "pick-one",
        "kind": "single",
        "prompt": "Which code reports the first push?",
        "rule_tags": ["R-C3"],
        "explanation": "The first push is 96374 (R-C3).",
        "choices": [{"text": "96374", "is_correct": True}, {"text": "96375"}],
    }
    quiz = {"slug": "small", "title": "Small quiz", "mode": "practice", "questions": [question, choice]}
    return {"format": FORMAT, "version": 1, "cases": [case], "quizzes": [quiz], "questions": []} | parts


def problems_of(document, **options):
    with pytest.raises(ContentError) as refused:
        import_document(document, owner=None, **options)
    return refused.value.errors


def locs_of(document, **options):
    return [problem["loc"] for problem in problems_of(document, **options)]


def row_counts():
    """How many rows of each kind an import makes, to compare before and after one that must save nothing."""
    return {model.__name__: model.objects.count() for model in (Case, Quiz, QuizSection, Question, Choice)}


def nothing_saved():
    return not any(row_counts().values())


def test_a_hand_written_document_imports_with_its_defaults():
    result = import_document(a_document(), owner=None)
    quiz = Quiz.objects.get(slug="small")
    assert (quiz.key_release, quiz.published) == (Quiz.KeyRelease.AFTER_QUESTION, False)
    assert [q.slug for q in quiz.items()] == ["code-it", "pick-one"]
    assert [created.slug for created in result.questions] == ["code-it", "pick-one"]


def test_every_problem_of_meaning_is_listed_at_its_place_and_nothing_is_saved():
    document = a_document()
    document["cases"][0]["encounter"]["administrations"][1]["stop"] = "25:00"
    document["cases"][0]["rule_tags"] = ["R-Z9"]
    document["quizzes"][0]["questions"][0]["case"] = "no-such-case"
    document["quizzes"][0]["questions"][1]["choices"][1]["is_correct"] = True
    document["quizzes"][0]["mode"] = "exam"
    document["quizzes"][0]["key_release"] = "after_question"
    document["questions"] = [{**document["quizzes"][0]["questions"][1], "rule_tags": ["R-E4", "nope"]}]
    assert locs_of(document) == [
        "cases.0.encounter.administrations.1.stop",
        "cases.0.rule_tags",
        "quizzes.0.key_release",
        "quizzes.0.questions.0.case",
        "quizzes.0.questions.1.choices",
        "questions.0.slug",
        "questions.0.rule_tags",
        "questions.0.choices",
    ]
    assert nothing_saved()


def test_every_shape_problem_is_listed_with_the_problems_of_the_well_formed_parts():
    document = a_document()
    document["cases"][0]["colour"] = "blue"
    document["quizzes"][0]["questions"][1]["kind"] = "essay"
    document["quizzes"][0]["questions"].append({"section": {"rule": "R-E4", "count": "two"}})
    document["questions"] = [
        {**document["quizzes"][0]["questions"][0], "slug": "bank-one", "case": "elsewhere"}
    ]
    problems = problems_of(document)
    assert [problem["loc"] for problem in problems] == [
        "cases.0.colour",
        "quizzes.0.questions.1.kind",
        "quizzes.0.questions.2.section.count",
        "questions.0.case",
    ]
    assert problems[0]["msg"] == "unknown field; check the spelling against the content format"
    assert nothing_saved()


def test_a_question_on_a_case_of_the_file_with_problems_is_not_blamed_for_it():
    document = a_document()
    document["cases"][0]["encounter"]["administrations"] = []
    assert locs_of(document) == ["cases.0.encounter.administrations"]


def test_a_case_kind_needs_a_case_and_choice_kinds_need_their_choices():
    document = a_document()
    questions = document["quizzes"][0]["questions"]
    questions[0]["case"] = None
    questions[1]["choices"] = [{"text": "96374"}]
    questions.append(
        {
            **questions[1],
            "slug": "tf",
            "kind": "true_false",
            "choices": [{"text": "True", "is_correct": True}],
        }
    )
    questions.append(
        {**questions[1], "slug": "many", "kind": "multiple", "choices": [{"text": "a"}, {"text": "b"}]}
    )
    problems = problems_of(document)
    assert [problem["loc"] for problem in problems] == [
        "quizzes.0.questions.0.case",
        "quizzes.0.questions.1.choices",
        "quizzes.0.questions.1.choices",
        "quizzes.0.questions.2.choices",
        "quizzes.0.questions.3.choices",
    ]


def test_slugs_used_twice_in_the_file_are_refused():
    document = a_document()
    document["cases"].append(copy.deepcopy(document["cases"][0]))
    document["quizzes"].append({**document["quizzes"][0], "questions": []})
    document["questions"] = [document["quizzes"][0]["questions"][1]]
    assert locs_of(document) == ["cases.1.slug", "quizzes.1.slug", "questions.0.slug"]


def test_slugs_taken_on_the_site_are_refused_unless_renaming_is_asked_for():
    import_document(a_document(), owner=None)
    assert locs_of(a_document()) == [
        "cases.0.slug",
        "quizzes.0.slug",
        "quizzes.0.questions.0.slug",
        "quizzes.0.questions.1.slug",
    ]
    result = import_document(a_document(), owner=None, rename=True)
    assert [(row.renamed_from, row.slug) for row in result.renamed] == [
        ("push-then-drip", "push-then-drip-2"),
        ("small", "small-2"),
        ("code-it", "code-it-2"),
        ("pick-one", "pick-one-2"),
    ]
    assert Question.objects.get(slug="code-it-2").case.slug == "push-then-drip-2"


def test_a_question_may_name_a_case_on_the_site_its_owner_can_see(educator):
    CaseFactory(slug="starter-case")
    CaseFactory(slug="someone-elses", created_by=UserFactory(username="olga"))
    document = a_document(cases=[])
    document["quizzes"][0]["questions"][0]["case"] = "starter-case"
    import_document(copy.deepcopy(document), owner=educator, dry_run=True)
    document["quizzes"][0]["questions"][0]["case"] = "someone-elses"
    with pytest.raises(ContentError) as refused:
        import_document(document, owner=educator)
    assert refused.value.errors == [
        {"loc": "quizzes.0.questions.0.case", "msg": "no case “someone-elses” in this file or on this site"}
    ]


def test_a_dry_run_says_what_it_would_create_and_saves_nothing():
    result = import_document(a_document(), owner=None, dry_run=True)
    assert result.counts() == {"cases": 1, "quizzes": 1, "questions": 2}
    assert nothing_saved()


def test_a_document_that_is_not_ours_is_refused_at_its_root():
    assert locs_of([1, 2]) == ["(root)"]
    assert locs_of({"format": "something-else", "version": 1}) == ["format"]
    assert locs_of({"format": FORMAT, "version": 2, "cases": "none"}) == ["version", "cases"]


def test_problem_locs_read_as_places_in_the_file():
    document = a_document()
    assert (
        describe_content_loc("cases.0.encounter.administrations.1.stop", document)
        == "Case 1 (push-then-drip), encounter, Administration 2 (a2), stop"
    )
    assert (
        describe_content_loc("quizzes.0.questions.1.choices", document)
        == "Quiz 1 (small), question 2 (pick-one), choices"
    )
    assert describe_content_loc("rows.4.correct", None) == "Row 4, correct"
