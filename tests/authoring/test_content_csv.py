"""Choice questions from a CSV file: a good file makes the questions in the owner's quiz or bank; every bad row is
listed with its row number (the header is row 1) and its column, and nothing is saved while any row is bad."""

import pytest

from authoring.content import ContentError
from authoring.csv_import import COLUMNS, import_csv
from quizzes.models import Question
from tests.authoring.test_content_format import row_counts
from tests.factories import QuizFactory, UserFactory, choice_question

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    "first-pushes,single,Which code reports the first push?,96374,96375,96376,,,,1,The first push is 96374.,R-C3",
    "first-pushes,multiple,Which are add-on codes?,96375,96374,96376,,,,1;3,Both follow a first service.,R-C3 R-E4",
    ",true_false,A flush is coded on its own.,,,,,,,false,A flush is part of the service.,R-J3",
]


def csv_file(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


def refused(raw, owner):
    with pytest.raises(ContentError) as refusal:
        import_csv(raw, owner=owner)
    return refusal.value.errors


@pytest.fixture
def quiz(educator):
    return QuizFactory(slug="first-pushes", title="First pushes", created_by=educator)


def test_a_good_file_makes_its_questions_in_the_owners_quiz_and_bank(educator, quiz):
    choice_question(quiz=quiz, position=1, created_by=educator)
    result = import_csv(csv_file(*GOOD_ROWS), owner=educator)
    assert result.counts() == {"cases": 0, "quizzes": 0, "questions": 3}
    single, multiple = quiz.questions.order_by("position")[1:]
    assert (single.kind, single.position, single.rule_tags) == ("single", 2, ["R-C3"])
    assert [(c.text, c.is_correct) for c in single.choices.order_by("position")] == [
        ("96374", True),
        ("96375", False),
        ("96376", False),
    ]
    assert [c.text for c in multiple.choices.filter(is_correct=True)] == ["96375", "96376"]
    assert multiple.rule_tags == ["R-C3", "R-E4"]
    banked = Question.objects.get(quiz=None)
    assert [(c.text, c.is_correct) for c in banked.choices.order_by("position")] == [
        ("True", False),
        ("False", True),
    ]
    assert (banked.slug, banked.created_by, banked.explanation) == (
        "a-flush-is-coded-on-its-own",
        educator,
        "A flush is part of the service.",
    )


def test_the_header_may_come_in_any_order_and_a_spreadsheets_byte_order_mark_is_read(educator, quiz):
    columns = list(reversed(COLUMNS))
    row = dict(zip(COLUMNS, GOOD_ROWS[0].split(","), strict=True))
    raw = "\ufeff".encode() + csv_file(",".join(row[c] for c in columns), header=",".join(columns))
    assert import_csv(raw, owner=educator).counts()["questions"] == 1


# (the row after the header, the locs of its problems)
BAD_ROWS = [
    ("no-such-quiz,single,Stem?,a,b,,,,,1,Why.,R-C3", ["rows.2.quiz"]),
    ("first-pushes,essay,Stem?,a,b,,,,,1,Why.,R-C3", ["rows.2.kind"]),
    ("first-pushes,single,,a,b,,,,,1,Why.,R-C3", ["rows.2.stem"]),
    ("first-pushes,single,Stem?,a,b,,,,,1,,R-C3", ["rows.2.explanation"]),
    ("first-pushes,single,Stem?,a,b,,,,,1;2,Why.,R-C3", ["rows.2.correct"]),
    ("first-pushes,single,Stem?,a,b,,,,,5,Why.,R-C3", ["rows.2.correct"]),
    ("first-pushes,single,Stem?,a,b,,,,,two,Why.,R-C3", ["rows.2.correct"]),
    ("first-pushes,single,Stem?,a,,c,,,,1,Why.,R-C3", ["rows.2.choice_2"]),
    ("first-pushes,single,Stem?,a,,,,,,1,Why.,R-C3", ["rows.2.choice_2"]),
    ("first-pushes,single,Stem?,a,b,,,,,1,Why.,R-C3".replace(",b,", f",{'b' * 301},"), ["rows.2.choice_2"]),
    ("first-pushes,multiple,Stem?,a,b,,,,,,Why.,R-C3", ["rows.2.correct"]),
    (",true_false,Stem?,,,,,,,maybe,Why.,R-C3", ["rows.2.correct"]),
    (",true_false,Stem?,yes,,,,,,true,Why.,R-C3", ["rows.2.choice_1"]),
    ("first-pushes,single,Stem?,a,b,,,,,1,Why.,R-Z9", ["rows.2.rule_tags"]),
]


@pytest.mark.parametrize(("row", "locs"), BAD_ROWS)
def test_a_bad_row_is_named_by_its_row_and_column(educator, quiz, row, locs):
    assert [problem["loc"] for problem in refused(csv_file(row), educator)] == locs


def test_every_bad_row_is_listed_in_file_order_and_nothing_is_saved(educator, quiz):
    rows = [GOOD_ROWS[0], BAD_ROWS[0][0], GOOD_ROWS[1], "", BAD_ROWS[1][0], BAD_ROWS[4][0], GOOD_ROWS[2]]
    before = row_counts()
    problems = refused(csv_file(*rows), educator)
    # Row 5 is the blank line, which is skipped; rows 2, 4 and 8 are good ones.
    assert [problem["loc"] for problem in problems] == [
        "rows.3.quiz",
        "rows.6.kind",
        "rows.7.correct",
    ]
    assert problems[1]["msg"] == "use single, multiple or true_false"
    assert row_counts() == before


def test_a_quiz_of_another_educator_is_no_quiz_of_yours(educator):
    QuizFactory(slug="first-pushes", created_by=UserFactory(username="olga"))
    assert refused(csv_file(GOOD_ROWS[0]), educator) == [
        {
            "loc": "rows.2.quiz",
            "msg": "no quiz “first-pushes” that you can edit; leave it empty for your bank",
        }
    ]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (
            b"quiz,kind,stem\n,single,Stem?\n",
            {
                "loc": "rows.1",
                "msg": "the header lacks the columns choice_1, choice_2, choice_3, choice_4, choice_5, choice_6, "
                "correct, explanation, rule_tags",
            },
        ),
        (
            csv_file(header=HEADER + ",points"),
            {"loc": "rows.1", "msg": "the header has columns this import does not read: points"},
        ),
        (csv_file(), {"loc": "rows.2", "msg": "the file has a header but no questions"}),
        (b"", {"loc": "rows.1", "msg": "the header lacks the columns " + ", ".join(COLUMNS)}),
        (b"\xff\xfeq\x00", {"loc": "(file)", "msg": "the file is not UTF-8 text; save the CSV as UTF-8"}),
    ],
)
def test_a_file_without_the_header_or_any_question_is_refused(educator, raw, problem):
    assert refused(raw, educator) == [problem]
    assert row_counts() == dict.fromkeys(row_counts(), 0)
