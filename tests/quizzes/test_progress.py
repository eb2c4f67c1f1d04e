import pytest

from quizzes import progress
from tests.factories import PracticeCaseFactory, ResponseFactory


def test_accuracy_is_the_mean_per_rule_in_rule_order():
    accuracies = progress.accuracy_by_rule([{"R-D10": 1.0, "R-D4": 0.0}, {"R-D4": 1.0}, {"R-B1": 0.5}])
    assert [(a.rule, a.accuracy, a.answers) for a in accuracies] == [
        ("R-B1", 0.5, 1),
        ("R-D4", 0.5, 2),
        ("R-D10", 1.0, 1),
    ]


@pytest.mark.parametrize(
    ("accuracy", "level"), [(1.0, "ok"), (0.8, "ok"), (0.79, "warn"), (0.5, "warn"), (0.2, "bad")]
)
def test_each_bar_has_a_level_word_as_well_as_a_colour(accuracy, level):
    assert progress.RuleAccuracy("R-E4", accuracy, 1).level == level


def test_the_weakest_rule_is_one_a_random_case_can_practise():
    accuracies = progress.accuracy_by_rule([{"R-A1": 0.0, "R-E4": 0.25, "R-D2": 0.5}])
    assert progress.weakest(accuracies).rule == "R-E4"
    assert progress.weakest([]) is None


def test_the_chart_draws_one_bar_per_rule_as_long_as_its_accuracy():
    chart = progress.chart(progress.accuracy_by_rule([{"R-E4": 1.0, "R-B1": 0.5}]))
    full, half = chart["rows"][1], chart["rows"][0]
    assert full["width"] == chart["bar_space"]
    assert half["width"] == round(chart["bar_space"] / 2)
    assert full["title"] and full["y"] > half["y"]


@pytest.mark.django_db
def test_recent_work_mixes_quiz_answers_and_random_cases_newest_first_and_is_private(trainee, second_trainee):
    user = trainee
    ResponseFactory(attempt__user=user, score=0.0, rule_scores={"R-E4": 0.0})
    PracticeCaseFactory(user=user, rule_scores={"R-D2": 1.0})
    PracticeCaseFactory(user=second_trainee, rule_scores={"R-B1": 1.0})
    assert progress.recent_rule_scores(user) == [{"R-D2": 1.0}, {"R-E4": 0.0}]
    assert len(progress.recent_rule_scores(user, limit=1)) == 1


def test_study_next_is_the_three_weakest_rules_with_enough_answers_weakest_first():
    scores = [{"R-B4": 0.0, "R-E4": 0.5, "R-D2": 0.25, "R-C3": 1.0, "R-B1": 0.75}] * progress.ENOUGH_ANSWERS
    scores += [{"R-A1": 0.0}] * (progress.ENOUGH_ANSWERS - 1)  # weakest of all, but on too few answers
    study = progress.study_next(progress.accuracy_by_rule(scores))
    assert [item.accuracy.rule for item in study] == ["R-B4", "R-D2", "R-E4"]


def test_a_rule_answered_all_right_is_never_study_next():
    assert progress.study_next(progress.accuracy_by_rule([{"R-C3": 1.0}] * 5)) == []


def test_study_next_links_the_example_that_shows_the_rule():
    (item,) = progress.study_next(progress.accuracy_by_rule([{"R-B4": 0.0}] * progress.ENOUGH_ANSWERS))
    assert item.example is not None and item.example.rule == "R-B4"


@pytest.mark.django_db
def test_an_open_exam_attempt_adds_nothing_to_progress_until_it_is_finished(trainee):
    from quizzes.models import Quiz

    response = ResponseFactory(
        attempt__user=trainee, attempt__quiz__mode=Quiz.Mode.EXAM, score=0.0, rule_scores={"R-E4": 0.0}
    )
    assert progress.recent_rule_scores(trainee) == []
    response.attempt.finish()
    assert progress.recent_rule_scores(trainee) == [{"R-E4": 0.0}]
