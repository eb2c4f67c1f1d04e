"""The results as CSV: headers as documented, one row per line, trainee, item or response."""

import csv
import io

import pytest

from quizzes.models import Attempt
from quizzes.result_exports import HEADERS, write
from tests.factories import QuizFactory, UserFactory, case_question, choice_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken():
    quiz = QuizFactory()
    coded = case_question(quiz=quiz, position=1)
    choice = choice_question(quiz=quiz, position=2)
    right = choice.choices.get(is_correct=True)
    ada, bo = UserFactory(username="ada", first_name="Ada"), UserFactory(username="bo")
    for user, lines in ((ada, coded.case.answer_key), (bo, [{"code": "96374"}]), (bo, [{"code": "96365"}])):
        attempt = Attempt.start(user, quiz)
        attempt.record(
            coded, {"lines": [{"code": line["code"], "units": line.get("units", 1)} for line in lines]}
        )
        attempt.record(choice, {"choices": [right.pk]})
        attempt.finish()
    return quiz, [ada, bo]


def exported(what, quiz, trainees):
    out = io.StringIO()
    count = write(what, quiz, trainees, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == HEADERS[what]
    assert len(rows) == count + 1
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_gradebook_has_one_row_per_trainee_with_first_best_and_last(taken):
    quiz, trainees = taken
    rows = exported("gradebook", quiz, trainees)
    assert [row["trainee"] for row in rows] == ["ada", "bo"]
    assert rows[0]["attempts"] == "1"
    assert rows[0]["first_score"] == "1.0000"
    assert rows[1]["attempts"] == "2"


def test_responses_say_which_attempt_was_the_first(taken):
    quiz, trainees = taken
    rows = exported("responses", quiz, trainees)
    assert len(rows) == 6
    assert [row["first"] for row in rows if row["trainee"] == "bo"] == ["yes", "yes", "no", "no"]
    assert {row["max_score"] for row in rows} == {"1"}


def test_lines_give_each_code_line_with_its_outcome_and_rule(taken):
    quiz, trainees = taken
    rows = exported("lines", quiz, trainees)
    assert {row["outcome"] for row in rows if row["trainee"] == "ada"} == {"hit"}
    extra = [row for row in rows if row["trainee"] == "bo" and row["outcome"] == "over_code"]
    assert extra
    assert all(row["credit"] for row in rows)


def test_items_give_the_statistics_in_percent(taken):
    quiz, trainees = taken
    rows = exported("items", quiz, trainees)
    assert len(rows) == 2
    assert rows[1]["facility_index"] == "100.00"
    # Everyone got the choice right: no spread, so no discrimination (an empty cell, not a zero).
    assert rows[1]["discrimination_index"] == ""
