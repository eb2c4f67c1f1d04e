"""A quiz's results over a group of trainees: the matrix from real rows, distribution, responses, heat map."""

import pytest

from quizzes.item_statistics import Which
from quizzes.models import Attempt
from quizzes.results import distribution, quiz_results
from tests.factories import (
    QuizFactory,
    UserFactory,
    case_question,
    choice_question,
    marked_attempt,
)

pytestmark = pytest.mark.django_db

HAND_TABLE = [(1, 1, 1), (1, 1, 0), (1, 0.5, 0), (0, 1, 0), (0, 0, 0)]


@pytest.fixture
def hand_quiz():
    quiz = QuizFactory()
    questions = [
        choice_question(quiz=quiz, position=1, rule_tags=["R-E4"]),
        choice_question(quiz=quiz, position=2, rule_tags=["R-E3"]),
        choice_question(quiz=quiz, position=3, rule_tags=["R-E4"]),
    ]
    trainees = [UserFactory(username=f"t{index}") for index in range(5)]
    for trainee, marks in zip(trainees, HAND_TABLE, strict=True):
        marked_attempt(trainee, quiz, marks, questions)
    return quiz, questions, trainees


def test_the_matrix_read_from_attempts_gives_the_hand_tables_statistics(hand_quiz):
    quiz, _, trainees = hand_quiz
    results = quiz_results(quiz, trainees)
    first = results.items[0].statistics
    assert round(first.facility_index * 100, 2) == 60
    assert round(first.discrimination_index * 100, 2) == 49.24
    assert round(first.discriminative_efficiency * 100, 2) == 61.54
    assert round(results.items[2].statistics.discriminative_efficiency * 100, 2) == 100
    assert round(results.analysis.test.alpha * 100, 2) == 66
    assert results.completion == 1


def test_which_attempts_count_is_the_pages_choice(hand_quiz):
    quiz, questions, trainees = hand_quiz
    # t4 scored 0 first, then tries again later and gets everything right.
    marked_attempt(trainees[4], quiz, (1, 1, 1), questions, minutes_ago=-10)
    assert len(quiz_results(quiz, trainees, Which.FIRST).attempts) == 5
    assert len(quiz_results(quiz, trainees, Which.ALL).attempts) == 6
    best = quiz_results(quiz, trainees, Which.BEST)
    assert sorted(a.score for a in best.attempts) == sorted([1, 2 / 3, 0.5, 1 / 3, 1])


def test_completion_counts_trainees_with_a_finished_attempt(hand_quiz):
    quiz, _, trainees = hand_quiz
    slow = UserFactory(username="slow")
    Attempt.start(slow, quiz)
    results = quiz_results(quiz, [*trainees, slow])
    assert (results.finished, results.trainees) == (5, 6)


def test_scores_fall_in_ten_bins_and_full_marks_in_the_last():
    bins = distribution([0, 0.05, 0.5, 0.99, 1.0])
    assert [b.count for b in bins] == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert bins[-1].label == "90–100%"


def test_response_analysis_counts_each_choice():
    quiz = QuizFactory()
    question = choice_question(quiz=quiz)
    right, wrong, _ = question.choices.all()
    trainees = [UserFactory() for _ in range(3)]
    for trainee, choice in zip(trainees, (right, wrong, wrong), strict=True):
        attempt = Attempt.start(trainee, quiz)
        attempt.record(question, {"choices": [choice.pk]})
        attempt.finish()
    rows = quiz_results(quiz, trainees).items[0].responses
    assert [(row.label, row.count, row.correct) for row in rows] == [
        ("96368", 1, True),
        ("96367", 2, False),
        ("96366", 0, False),
    ]


def test_coded_answers_are_analysed_by_line_outcome_and_misconception():
    quiz = QuizFactory()
    question = case_question(quiz=quiz)
    key = [line["code"] for line in question.case.answer_key]
    trainees = [UserFactory() for _ in range(2)]
    for trainee, lines in zip(
        trainees, ([{"code": key[0]}], [{"code": "96365"}, {"code": "99999"}]), strict=True
    ):
        attempt = Attempt.start(trainee, quiz)
        attempt.record(question, {"lines": lines})
        attempt.finish()
    item = quiz_results(quiz, trainees).items[0]
    counts = {row.label: row.count for row in item.responses}
    assert counts["Extra"] >= 1
    assert counts["Right"] + counts["Missed"] + counts["Wrong units"] + counts["Wrong modifiers"] == 2 * len(
        key
    )


def test_a_wrong_code_of_the_keys_family_is_counted_once_and_the_score_stays_as_graded():
    quiz = QuizFactory()
    question = case_question(quiz=quiz)  # key: 96365 and the push after it, +96375
    trainee = UserFactory()
    attempt = Attempt.start(trainee, quiz)
    answer, _ = attempt.record(question, {"lines": [{"code": "96365"}, {"code": "96374"}]})
    attempt.finish()
    item = quiz_results(quiz, [trainee]).items[0]
    counts = {row.label: row.count for row in item.responses}
    assert (counts["Right"], counts["Wrong code"], counts["Missed"], counts["Extra"]) == (1, 1, 0, 0)
    [(wrong, count)] = item.wrong_codes
    assert (wrong.expected, wrong.given, wrong.rule, count) == ("96375", "96374", "R-C1", 1)
    # Grading still sees a miss and an over-code: one of three lines right.
    assert answer.score == attempt.score == round(1 / 3, 4)


def test_an_answer_to_an_older_version_counts_for_the_same_item(hand_quiz):
    quiz, questions, trainees = hand_quiz
    questions[0].revise(prompt="A clearer stem.")
    results = quiz_results(quiz, trainees)
    assert len(results.items) == 3
    assert results.items[0].question.prompt == "A clearer stem."
    assert results.items[0].answered == 5


def test_the_heat_map_counts_misses_per_trainee_and_rule(hand_quiz):
    quiz, _, trainees = hand_quiz
    heat = quiz_results(quiz, trainees).heat_map
    assert heat.rules == ["R-E3", "R-E4"]
    by_name = {row.trainee.username: row for row in heat.rows}
    # t2 got (1, 0.5, 0): R-E3 was the half-right item, R-E4 one of two missed.
    e3, e4 = by_name["t2"].cells
    assert (e3.answers, e3.misses) == (1, 1)
    assert (e4.answers, e4.misses, e4.percent) == (2, 1, 50)
    assert e4.struggling
    assert by_name["t0"].cells[1].level == "none"
    assert heat.totals[1].answers == 10
    struggling = dict(heat.struggling())
    assert [u.username for u in struggling["R-E4"]] == ["t1", "t2", "t3", "t4"]


def test_the_heat_map_sorts_by_a_rules_miss_rate(hand_quiz):
    quiz, _, trainees = hand_quiz
    heat = quiz_results(quiz, trainees).heat_map
    assert heat.sorted_by("R-E4")[0].trainee.username in {"t3", "t4"}
    assert [row.trainee.username for row in heat.sorted_by("trainee")] == ["t0", "t1", "t2", "t3", "t4"]


def test_an_overridden_key_flags_the_item_for_checking():
    quiz = QuizFactory()
    question = case_question(quiz=quiz)
    case = question.case
    case.override_lines = [{"code": "96374", "units": 1, "modifiers": []}]
    case.override_note = "Payer policy."
    case.save()
    trainees = [UserFactory() for _ in range(2)]
    for trainee in trainees:
        attempt = Attempt.start(trainee, quiz)
        attempt.record(question, {"lines": [{"code": "96374"}]})
        attempt.finish()
    assert quiz_results(quiz, trainees).items[0].needs_checking


@pytest.mark.parametrize("size", [3, 30])
def test_results_take_the_same_queries_for_any_class_size(django_assert_num_queries, size):
    quiz = QuizFactory()
    questions = [choice_question(quiz=quiz, position=n) for n in range(3)]
    trainees = [UserFactory() for _ in range(size)]
    for index, trainee in enumerate(trainees):
        marked_attempt(trainee, quiz, [index % 2, 1, 0], questions)
    with django_assert_num_queries(4):
        quiz_results(quiz, trainees)


def test_results_can_be_limited_to_some_attempts(hand_quiz):
    quiz, _, trainees = hand_quiz
    two = Attempt.objects.filter(user__in=trainees[:2])
    results = quiz_results(quiz, trainees, among=two)
    assert len(results.attempts) == 2
    assert results.finished == 2
