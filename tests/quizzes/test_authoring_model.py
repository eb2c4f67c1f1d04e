"""The authoring model: ownership, versions, duplicates, archiving, sections and fixed draws, attempt limits."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import (
    Attempt,
    AttemptLimitReached,
    Case,
    Question,
    Quiz,
    QuizSection,
    unique_slug,
)
from tests.factories import (
    CaseFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
    case_question,
    choice_question,
    finished_attempt,
)

pytestmark = pytest.mark.django_db


def test_unique_slug_counts_up_past_taken_slugs():
    CaseFactory(slug="push-then-drip")
    CaseFactory(slug="push-then-drip-2")
    assert unique_slug(Case, "Push then drip") == "push-then-drip-3"
    assert unique_slug(Case, "A brand new case!") == "a-brand-new-case"
    assert unique_slug(Case, "???") == "item"


def test_educators_edit_only_their_own_content_and_see_the_starter_bank(educator):
    other = UserFactory(username="olga")
    mine, theirs, starter = CaseFactory(created_by=educator), CaseFactory(created_by=other), CaseFactory()
    assert list(Case.objects.editable_by(educator)) == [mine]
    assert set(Case.objects.visible_to_educator(educator)) == {mine, starter}
    assert mine.is_editable_by(educator)
    assert not theirs.is_editable_by(educator)
    assert not starter.is_editable_by(educator)
    assert starter.is_starter


def test_a_question_without_answers_is_edited_in_place():
    question = choice_question()
    revised = question.revise(prompt="Which add-on reports a second drug running at once?")
    assert revised.pk == question.pk
    assert revised.version == 1
    assert Question.objects.get(pk=question.pk).prompt.startswith("Which add-on")


def test_a_question_with_answers_gets_a_new_version_and_old_answers_keep_theirs(trainee):
    question = choice_question(correct="96368", wrong=("96367",))
    attempt = finished_attempt(trainee, question.quiz)
    revised = question.revise(
        prompt="Pick the concurrent add-on.",
        choices=[
            {"text": "+96368", "is_correct": True},
            {"text": "+96366", "is_correct": False, "feedback": "No."},
        ],
    )
    question.refresh_from_db()
    assert (revised.version, revised.slug, revised.previous) == (2, question.slug, question)
    assert (question.is_current, revised.is_current) == (False, True)
    assert [c.text for c in question.choices.all()] == ["96368", "96367"]
    assert [c.text for c in revised.choices.all()] == ["+96368", "+96366"]
    assert list(question.quiz.questions.current()) == [revised]
    assert attempt.responses.get().question == question
    assert attempt.questions() == [question]


def test_revise_refuses_fields_it_does_not_edit():
    with pytest.raises(TypeError):
        choice_question().revise(version=7)


def test_a_case_in_use_is_archived_not_deleted_and_an_unused_one_is_deleted():
    used = case_question().case
    assert used.delete_or_archive() == "archived"
    used.refresh_from_db()
    assert used.archived
    assert used not in Case.objects.active()
    assert CaseFactory().delete_or_archive() == "deleted"


def test_duplicating_a_starter_quiz_copies_questions_choices_and_sections(educator):
    quiz = QuizFactory(slug="reader")
    choice_question(quiz=quiz, position=1)
    case_question(quiz=quiz, position=2)
    QuizSection.objects.create(quiz=quiz, position=3, rule="R-E4", count=2)
    copy = quiz.duplicate(educator)
    assert (copy.slug, copy.published, copy.created_by) == ("reader-copy", False, educator)
    copies = list(copy.questions.current())
    assert [q.kind for q in copies] == [q.kind for q in quiz.questions.current()]
    assert all(q.created_by == educator and q.version == 1 for q in copies)
    assert [c.text for c in copies[0].choices.all()] == ["96368", "96367", "96366"]
    assert [(s.rule, s.count) for s in copy.sections.all()] == [("R-E4", 2)]
    assert quiz.duplicate(educator).slug == "reader-copy-2"


def test_duplicating_a_case_gives_the_educator_an_editable_copy(educator):
    case = CaseFactory(slug="push", title="Push", override_lines=[{"code": "96374"}], override_note="Why.")
    copy = case.duplicate(educator)
    assert (copy.slug, copy.title, copy.created_by) == ("push-copy", "Push (copy)", educator)
    assert copy.override_note == "Why."
    assert copy.engine_result == case.engine_result


@pytest.mark.parametrize(
    ("mode", "release", "due", "field"),
    [
        (Quiz.Mode.EXAM, Quiz.KeyRelease.AFTER_QUESTION, False, "key_release"),
        (Quiz.Mode.PRACTICE, Quiz.KeyRelease.AFTER_DUE, False, "due_at"),
    ],
)
def test_key_release_settings_that_cannot_work_are_refused(mode, release, due, field):
    with pytest.raises(ValidationError) as raised:
        QuizFactory.build(mode=mode, key_release=release).clean()
    assert field in raised.value.message_dict


def test_a_section_draws_a_fixed_set_per_attempt_from_the_bank(trainee, second_trainee, educator):
    bank = [QuestionFactory(quiz=None, created_by=educator, rule_tags=["R-E4"]) for _ in range(6)]
    QuestionFactory(
        quiz=None, created_by=UserFactory(username="olga"), rule_tags=["R-E4"]
    )  # not the author's
    QuestionFactory(quiz=None, created_by=educator, rule_tags=["R-C3"])  # another rule
    quiz = QuizFactory(created_by=educator)
    fixed = QuestionFactory(quiz=quiz, position=1, rule_tags=["R-E4"])
    section = QuizSection.objects.create(quiz=quiz, position=2, rule="R-E4", count=3)
    assert section.pool() == bank
    assert quiz.size() == 4
    first = Attempt.start(trainee, quiz)
    assert first.question_ids[0] == fixed.pk
    drawn = first.question_ids[1:]
    assert len(set(drawn)) == 3
    assert set(drawn) <= {q.pk for q in bank}
    assert first.draw_questions() == first.question_ids
    assert Attempt.start(trainee, quiz).question_ids == first.question_ids
    assert len(Attempt.start(second_trainee, quiz).question_ids) == 4


def test_an_attempt_keeps_its_questions_when_the_quiz_changes(trainee):
    quiz = QuizFactory()
    first = choice_question(quiz=quiz, position=1)
    attempt = Attempt.start(trainee, quiz)
    choice_question(quiz=quiz, position=2)
    assert attempt.questions() == [first]
    attempt.record(first, {"choices": [first.choices.get(is_correct=True).pk]})
    assert attempt.next_question() is None


def test_an_answer_to_a_question_outside_the_attempt_is_refused(trainee):
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    attempt = Attempt.start(trainee, quiz)
    stranger = choice_question()
    with pytest.raises(ValueError):
        attempt.record(stranger, {"choices": [stranger.choices.first().pk]})


def test_the_attempt_limit_allows_resuming_but_not_a_new_attempt(trainee):
    quiz = QuizFactory(attempt_limit=1)
    choice_question(quiz=quiz)
    open_attempt = Attempt.start(trainee, quiz)
    assert Attempt.start(trainee, quiz) == open_attempt
    open_attempt.finish()
    with pytest.raises(AttemptLimitReached) as raised:
        Attempt.start(trainee, quiz)
    assert raised.value.limit == 1
