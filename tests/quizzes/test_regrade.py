"""Score overrides with their audit trail, and regrades: a dry run that saves nothing, applying in one go."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.models import Attempt, Regrade, ScoreOverride
from quizzes.regrade import apply, plan
from tests.factories import QuizFactory, UserFactory, case_question, override_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def educator():
    return UserFactory(username="edna")


@pytest.fixture
def coded():
    """A quiz of one case question; two trainees answered it, one with the engine's key, one with 96374 only."""
    quiz = QuizFactory()
    question = case_question(quiz=quiz)
    key = [{"code": line["code"], "units": line["units"]} for line in question.case.answer_key]
    attempts = []
    for lines in (key, [{"code": "96374"}]):
        attempt = Attempt.start(UserFactory(), quiz)
        attempt.record(question, {"lines": lines})
        attempt.finish()
        attempts.append(attempt)
    return quiz, question, attempts


def test_an_override_keeps_who_when_old_new_and_why_apart_from_the_computed_score(coded, educator):
    _, _, (_, weak) = coded
    response = weak.responses.get()
    computed = response.score
    entry = response.override(educator, 1.0, "The narrative was ambiguous about the stop time.")
    response.refresh_from_db()
    weak.refresh_from_db()
    assert (entry.changed_by, entry.old_score, entry.new_score) == (educator, computed, 1.0)
    assert response.score == computed
    assert response.final_score == 1.0
    assert weak.score == 1.0


@pytest.mark.parametrize(
    ("score", "reason", "field"), [(0.5, "  ", "reason"), (1.5, "Too generous", "new_score")]
)
def test_an_override_needs_a_reason_and_a_score_between_0_and_1(coded, educator, score, reason, field):
    _, _, (_, weak) = coded
    with pytest.raises(ValidationError) as error:
        weak.responses.get().override(educator, score, reason)
    assert field in error.value.message_dict
    assert not ScoreOverride.objects.exists()


def test_the_trainee_reads_the_override_and_its_reason_on_the_results(client, coded, educator):
    _, _, (_, weak) = coded
    weak.responses.get().override(educator, 1.0, "Accepted after review of the pump log.")
    client.force_login(weak.user)
    page = client.get(reverse("quizzes:results", args=[weak.pk])).content.decode()
    assert "Score changed by your educator" in page
    assert "Accepted after review of the pump log." in page


def test_a_dry_run_lists_each_affected_attempt_and_saves_nothing(coded):
    quiz, question, (strong, weak) = coded
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    changes = plan(quiz)
    assert {change.attempt.pk for change in changes} == {strong.pk, weak.pk}
    by_attempt = {change.attempt.pk: change for change in changes}
    assert by_attempt[weak.pk].new_score == 1.0
    assert by_attempt[strong.pk].lowers
    weak.refresh_from_db()
    assert weak.score < 1
    assert not Regrade.objects.exists()


def test_applying_a_regrade_changes_scores_once_and_keeps_a_history_entry(coded, educator):
    quiz, question, (strong, weak) = coded
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    regrade = apply(quiz, educator)
    weak.refresh_from_db()
    strong.refresh_from_db()
    assert weak.score == 1.0
    assert strong.score < 1.0
    assert {entry["attempt"] for entry in regrade.changes} == {strong.pk, weak.pk}
    assert regrade.applied_by == educator
    assert plan(quiz) == []


def test_never_lower_keeps_every_score_that_would_fall(coded, educator):
    quiz, question, (strong, weak) = coded
    before = Attempt.objects.get(pk=strong.pk).score
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    regrade = apply(quiz, educator, never_lower=True)
    strong.refresh_from_db()
    weak.refresh_from_db()
    assert strong.score == before
    assert weak.score == 1.0
    assert [entry["attempt"] for entry in regrade.changes] == [weak.pk]


def test_an_override_survives_a_regrade(coded, educator):
    quiz, question, (strong, _) = coded
    strong.responses.get().override(educator, 0.75, "Half credit for the missing hydration line, by policy.")
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    apply(quiz, educator)
    strong.refresh_from_db()
    response = strong.responses.get()
    assert response.score < 1
    assert response.final_score == 0.75
    assert strong.score == 0.75


def test_a_case_the_engine_now_codes_differently_is_regraded_from_a_fresh_coding(coded, educator):
    quiz, question, (strong, _) = coded
    case = question.case
    # As if the rules changed since the case was saved: the stored result no longer matches the engine.
    stored = {**case.engine_result, "lines": [{"code": "96374", "units": 1, "modifiers": []}]}
    type(case).objects.filter(pk=case.pk).update(engine_result=stored)
    assert plan(quiz) == []
    apply(quiz, educator)
    case.refresh_from_db()
    assert case.engine_result["lines"] != stored["lines"]


def test_a_regrade_can_be_limited_to_some_attempts(coded, educator):
    quiz, question, (strong, weak) = coded
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    only_weak = Attempt.objects.filter(pk=weak.pk)
    assert [change.attempt.pk for change in plan(quiz, only_weak)] == [weak.pk]
    apply(quiz, educator, among=only_weak)
    strong.refresh_from_db()
    assert strong.score == 1.0
