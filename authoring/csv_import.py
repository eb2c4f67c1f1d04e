"""Choice questions from a spreadsheet: one CSV row per question, into a quiz the owner edits or their bank.

The header (row 1) names these columns, in any order:

    quiz, kind, stem, choice_1, choice_2, choice_3, choice_4, choice_5, choice_6, correct, explanation, rule_tags

- quiz: the slug of a quiz the owner can edit; empty puts the question in the owner's bank.
- kind: single, multiple or true_false.
- stem: the question as trainees read it.
- choice_1 … choice_6: the choices, from choice_1 on with no gaps (at least two); empty for true_false, whose
  choices are True and False.
- correct: the numbers of the correct choices, "2" or "1;3" (";", "," or spaces between them); one number for
  single, one or more for multiple; true or false for true_false.
- explanation: shown after answering.
- rule_tags: rule ids such as R-E4, separated by ";", "," or spaces.

Every bad row is listed (`rows.4.correct`: row 4 as a spreadsheet numbers it, the header being row 1) and
nothing is saved while any row is bad. Each question gets a slug made from its stem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from pydantic import ValidationError

from authoring.content import ChoiceDoc, ContentError, Problem, QuestionDoc, shape_problems
from authoring.content_import import Importer, ImportResult, run
from quizzes.models import Question, Quiz, rule_tag_errors, unique_slug

CHOICE_COLUMNS = [f"choice_{number}" for number in range(1, 7)]
COLUMNS = ["quiz", "kind", "stem", *CHOICE_COLUMNS, "correct", "explanation", "rule_tags"]
KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE}
SEPARATORS = re.compile(r"[;,\s]+")


@dataclass
class Row:
    number: int
    quiz: Quiz | None
    question: QuestionDoc


def import_csv(raw: bytes, *, owner: User, dry_run: bool = False) -> ImportResult:
    """Read and import the rows as `owner`; ContentError with every bad row, and nothing saved, otherwise."""
    rows, errors = read_rows(raw, owner)
    try:
        return run(
            lambda importer: _add(importer, rows), owner=owner, rename=False, dry_run=dry_run, errors=errors
        )
    except ContentError as error:
        raise ContentError([_in_columns(problem) for problem in error.errors]) from None


def _in_columns(problem: Problem) -> Problem:
    """rows.4.choices.1.text -> rows.4.choice_2: a problem the model's rules found, at the cell it came from."""
    parts = problem["loc"].split(".", 2)
    if len(parts) < 3 or parts[0] != "rows":
        return problem
    return {"loc": f"rows.{parts[1]}.{_column(parts[2])}", "msg": problem["msg"]}


def _column(field: str) -> str:
    """A question's field (`prompt`, `choices.1.text`) as the CSV column it is read from (`stem`, `choice_2`)."""
    parts = field.split(".")
    if parts[0] == "choices" and len(parts) > 1 and parts[1].isdigit():
        return CHOICE_COLUMNS[int(parts[1])]
    return {"prompt": "stem"}.get(parts[0], parts[0])


def _add(importer: Importer, rows: list[Row]) -> None:
    positions: dict[int, int] = {}
    for row in rows:
        quiz = row.quiz
        position = 0
        if quiz is not None:
            position = positions.get(quiz.pk) or quiz.next_position()
            positions[quiz.pk] = position + 1
        slug = unique_slug(Question, row.question.prompt)
        importer.question(f"rows.{row.number}", row.question, quiz=quiz, position=position, slug=slug)


def read_rows(raw: bytes, owner: User) -> tuple[list[Row], list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [{"loc": "(file)", "msg": "the file is not UTF-8 text; save the CSV as UTF-8"}]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    if missing := [name for name in COLUMNS if name not in header]:
        raise ContentError([{"loc": "rows.1", "msg": f"the header lacks the columns {', '.join(missing)}"}])
    if unknown := [name for name in header if name not in COLUMNS]:
        raise ContentError(
            [
                {
                    "loc": "rows.1",
                    "msg": f"the header has columns this import does not read: {', '.join(unknown)}",
                }
            ]
        )
    quizzes = {quiz.slug: quiz for quiz in Quiz.objects.editable_by(owner)}
    rows: list[Row] = []
    errors: list[Problem] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        row_errors: list[Problem] = []
        row = _row(number, values, quizzes, row_errors)
        errors += row_errors
        if row is not None and not row_errors:
            rows.append(row)
    if not rows and not errors:
        errors.append({"loc": "rows.2", "msg": "the file has a header but no questions"})
    return rows, errors


def _row(number: int, values: dict[str, str], quizzes: dict[str, Quiz], errors: list[Problem]) -> Row | None:
    def problem(column: str, msg: str) -> None:
        errors.append({"loc": f"rows.{number}.{column}", "msg": msg})

    quiz = None
    if values["quiz"]:
        quiz = quizzes.get(values["quiz"])
        if quiz is None:
            problem("quiz", f"no quiz “{values['quiz']}” that you can edit; leave it empty for your bank")
    kind = values["kind"].lower()
    if kind not in KINDS:
        problem("kind", "use single, multiple or true_false")
        return None
    texts = [values[column] for column in CHOICE_COLUMNS]
    correct = _correct(kind, values["correct"], texts, problem)
    if kind == Question.Kind.TRUE_FALSE:
        if any(texts):
            problem(
                "choice_1", "a true_false row leaves the choice cells empty: its choices are True and False"
            )
        choices = [
            ChoiceDoc(text="True", is_correct=correct == {1}),
            ChoiceDoc(text="False", is_correct=correct == {2}),
        ]
    else:
        filled = len(texts) - next((i for i, text in enumerate(reversed(texts)) if text), len(texts))
        gap = next((i for i, text in enumerate(texts[:filled]) if not text), None)
        if gap is not None:
            problem(
                CHOICE_COLUMNS[gap], "empty, but a later choice is filled; fill the choices from choice_1 on"
            )
        if filled < 2:
            problem("choice_2", "a choice question needs at least two choices, from choice_1 on")
        choices = [
            ChoiceDoc(text=text, is_correct=i + 1 in correct) for i, text in enumerate(texts[:filled]) if text
        ]
    tags = [tag.upper() for tag in SEPARATORS.split(values["rule_tags"]) if tag]
    for message in rule_tag_errors(tags):
        problem("rule_tags", message)
    try:
        question = QuestionDoc(
            slug="csv",  # replaced by one made from the stem when the row is saved
            kind=Question.Kind(kind),
            prompt=values["stem"],
            rule_tags=tags,
            explanation=values["explanation"],
            choices=choices,
        )
    except ValidationError as exc:
        for error in shape_problems(exc):
            problem(_column(error["loc"]), error["msg"])
        return None
    return Row(number, quiz, question)


def _correct(kind: str, cell: str, texts: list[str], problem: Callable[[str, str], None]) -> set[int]:
    """The correct choices' numbers (true_false: 1 for True, 2 for False); problems reported on `correct`."""
    if kind == Question.Kind.TRUE_FALSE:
        answer = {"true": 1, "false": 2}.get(cell.lower())
        if answer is None:
            problem("correct", f"“{cell}”: a true_false row's answer is true or false")
            return set()
        return {answer}
    parts = [part for part in SEPARATORS.split(cell) if part]
    if not parts or not all(part.isdigit() for part in parts):
        problem("correct", f"“{cell}”: give the numbers of the correct choices, like 2 or 1;3")
        return set()
    numbers = {int(part) for part in parts}
    if empty := sorted(n for n in numbers if not (1 <= n <= len(texts) and texts[n - 1])):
        problem("correct", f"choice {', '.join(map(str, empty))} is empty or does not exist")
    if kind == Question.Kind.SINGLE and len(numbers) != 1:
        problem("correct", f"a single row has exactly one correct choice, not {len(numbers)}")
    return numbers
