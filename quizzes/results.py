"""A quiz's results over a group of trainees (a class): completion, the score distribution, item statistics with
response analysis, and the rule heat map.

Read in a fixed number of queries whatever the group's size: the finished attempts, their responses, the quiz's
questions (every version) and their choices. Items are questions across versions: an answer to an edited
question counts for the question it revised. Which of a trainee's attempts count is the page's choice
(item_statistics.Which), first attempts by default.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from quizzes.grading import HIT
from quizzes.item_statistics import Analysis, Item, ItemStatistics, Which, analyse, choose
from quizzes.models import Attempt, Choice, Question, Quiz, Response
from quizzes.progress import rule_order
from quizzes.response_analysis import LINE_OUTCOMES, WrongCode, line_outcomes

BINS = 10
# A cell is "struggling" from this miss rate, on at least this many answers touching the rule.
STRUGGLING_RATE = 0.5
STRUGGLING_ANSWERS = 2
# Upper bounds of the heat map's colour bins (a miss rate at or below the bound), with the word each bin shows.
HEAT_LEVELS = ((0.0, "none"), (0.25, "low"), (0.5, "some"), (0.75, "high"), (1.0, "most"))


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}%"


def distribution(scores: Iterable[float], bins: int = BINS) -> list[Bin]:
    """Scores (0–1) counted in equal bins of percent; 100% falls in the last bin."""
    width = 100 // bins
    counts = Counter(min(int(score * 100 + 1e-9) // width, bins - 1) for score in scores)
    return [Bin(index * width, (index + 1) * width, counts[index]) for index in range(bins)]


@dataclass(frozen=True)
class ResponseRow:
    """One way of answering an item: a choice, or a line outcome or misconception of a coded answer."""

    label: str
    count: int
    share: float
    correct: bool | None = None


@dataclass(frozen=True)
class ItemResult:
    question: Question
    statistics: ItemStatistics
    answered: int
    responses: list[ResponseRow]
    misconceptions: list[ResponseRow]
    # The engine's key and the item's key differ (an educator's override stands).
    key_overridden: bool
    # Coded items: each key code answered with another of its family, with how many answers did so, most first.
    wrong_codes: list[tuple[WrongCode, int]] = field(default_factory=list)

    @property
    def needs_checking(self) -> bool:
        return self.statistics.needs_checking or self.key_overridden


@dataclass(frozen=True)
class HeatCell:
    answers: int
    misses: int
    attempt_id: int | None = None

    @property
    def rate(self) -> float:
        return self.misses / self.answers if self.answers else 0.0

    @property
    def percent(self) -> int:
        return round(self.rate * 100)

    @property
    def level(self) -> str:
        return next(word for bound, word in HEAT_LEVELS if self.rate <= bound + 1e-9)

    @property
    def struggling(self) -> bool:
        return self.answers >= STRUGGLING_ANSWERS and self.rate >= STRUGGLING_RATE


@dataclass(frozen=True)
class HeatRow:
    trainee: User
    cells: list[HeatCell | None]

    def cell(self, index: int) -> HeatCell | None:
        return self.cells[index]


@dataclass(frozen=True)
class HeatMap:
    rules: list[str]
    rows: list[HeatRow]
    totals: list[HeatCell]
    # The struggling threshold, for the page to state.
    struggling_percent: ClassVar[int] = round(STRUGGLING_RATE * 100)
    struggling_answers: ClassVar[int] = STRUGGLING_ANSWERS

    def struggling(self) -> list[tuple[str, list[User]]]:
        """Per rule, the trainees missing it often enough to mean something, rules in id order."""
        result = []
        for index, rule in enumerate(self.rules):
            names = [row.trainee for row in self.rows if (cell := row.cells[index]) and cell.struggling]
            if names:
                result.append((rule, names))
        return result

    def sorted_by(self, key: str) -> list[HeatRow]:
        """Rows by trainee name, or by the miss rate on one rule (worst first; no answers last)."""
        if key in self.rules:
            index = self.rules.index(key)
            return sorted(
                self.rows,
                key=lambda row: (row.cells[index] is None, -(row.cells[index] or HeatCell(0, 0)).rate),
            )
        return sorted(self.rows, key=lambda row: row.trainee.username)


@dataclass(frozen=True)
class QuizResults:
    quiz: Quiz
    which: Which
    trainees: int
    finished: int
    attempts: list[Attempt]
    bins: list[Bin]
    analysis: Analysis
    items: list[ItemResult]
    heat_map: HeatMap
    # Items some counted attempts did not have (drawn at random, or added later): no statistics across them.
    partial_items: list[tuple[Question, int]] = field(default_factory=list)

    @property
    def completion(self) -> float:
        return self.finished / self.trainees if self.trainees else 0.0


def quiz_results(
    quiz: Quiz,
    trainees: Sequence[User],
    which: Which = Which.FIRST,
    among: QuerySet[Attempt] | None = None,
) -> QuizResults:
    """The results of the trainees' finished attempts at the quiz (only those `among` the given, e.g. one
    assignment's, when given)."""
    finished = Attempt.objects.finished().filter(quiz=quiz, user__in=[t.pk for t in trainees]).within(among)
    by_trainee: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in finished.select_related("user").order_by("started_at"):
        by_trainee[attempt.user_id].append(attempt)
    attempts = [
        chosen for user_attempts in by_trainee.values() for chosen in choose(user_attempts, which, _score)
    ]
    lineage = _lineage(quiz, attempts)
    responses = _responses(attempts, lineage)
    people = {trainee.pk: trainee for trainee in trainees}
    fixed, partial = _items(attempts, lineage)
    marks = [
        [responses.get((attempt.pk, item), {}).get("score", 0.0) for item in fixed] for attempt in attempts
    ]
    analysis = analyse([Item(item, 1.0, lineage.guess(item)) for item in fixed], marks)
    by_item: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (_, item), response in responses.items():
        by_item[item].append(response)
    return QuizResults(
        quiz=quiz,
        which=which,
        trainees=len(trainees),
        finished=len(by_trainee),
        attempts=attempts,
        bins=distribution(attempt.score or 0.0 for attempt in attempts),
        analysis=analysis,
        items=[
            _item_result(lineage, item, stats, by_item[item])
            for item, stats in zip(fixed, analysis.items, strict=True)
        ],
        heat_map=_heat_map(attempts, responses, people),
        partial_items=[(lineage.current(item), count) for item, count in partial],
    )


def _score(attempt: Attempt) -> float:
    return attempt.score or 0.0


@dataclass
class _Lineage:
    """Every version of the quiz's questions, each mapped to its first version (the item's key)."""

    questions: dict[int, Question]
    choices: dict[int, list[Choice]]

    def root(self, pk: int) -> int:
        question = self.questions.get(pk)
        while (
            question is not None
            and question.previous_id is not None
            and question.previous_id in self.questions
        ):
            question = self.questions[question.previous_id]
        return question.pk if question is not None else pk

    def current(self, root: int) -> Question:
        versions = [q for q in self.questions.values() if self.root(q.pk) == root]
        return max(versions, key=lambda q: q.version)

    def guess(self, root: int) -> float:
        """A random guess's expected credit: single choice and true/false only."""
        question = self.current(root)
        if question.kind not in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
            return 0.0
        choices = self.choices.get(question.pk, [])
        return sum(choice.is_correct for choice in choices) / len(choices) if choices else 0.0


def _lineage(quiz: Quiz, attempts: list[Attempt]) -> _Lineage:
    """The quiz's questions and those the attempts drew from a bank, with every version, and their choices."""
    held = {pk for attempt in attempts for pk in attempt.question_ids}
    questions = Question.objects.filter(Q(quiz=quiz) | Q(pk__in=held)).select_related("case").in_bulk()
    choices: dict[int, list[Choice]] = defaultdict(list)
    for choice in Choice.objects.filter(question__in=list(questions)).order_by("position"):
        choices[choice.question_id].append(choice)
    return _Lineage(questions, dict(choices))


# The JSON columns the results read, decoded together (see _responses).
JSON_COLUMNS = ("answer", "result", "rule_scores")


def _responses(attempts: list[Attempt], lineage: _Lineage) -> dict[tuple[int, int], dict[str, Any]]:
    """Each counted answer by (attempt, item), with the positions of the choices it picked (positions, not ids,
    so answers to an older version count against the current version's choices).

    The JSON columns come as text and are decoded in one json.loads of them all: at a program's size (3,000
    answers) decoding each value on its own, as JSONField does, was most of the time of the whole results."""
    texts = {f"{column}_text": Cast(column, output_field=TextField()) for column in JSON_COLUMNS}
    rows = list(
        Response.objects.filter(attempt__in=[a.pk for a in attempts])
        .annotate(**texts)
        .values_list("attempt_id", "question_id", "score", *texts)
    )
    decoded = json.loads(
        "[" + ",".join(f"[{answer},{result},{rules}]" for *_, answer, result, rules in rows) + "]"
    )
    answers: dict[tuple[int, int], dict[str, Any]] = {}
    for (attempt_id, question_id, score, *_), values in zip(rows, decoded, strict=True):
        row: dict[str, Any] = {"attempt_id": attempt_id, "question_id": question_id, "score": score}
        row.update(zip(JSON_COLUMNS, values, strict=True))
        positions = {choice.pk: index for index, choice in enumerate(lineage.choices.get(question_id, []))}
        row["picked"] = [positions[pk] for pk in row["answer"].get("choices", []) if pk in positions]
        answers[attempt_id, lineage.root(question_id)] = row
    return answers


def _items(attempts: list[Attempt], lineage: _Lineage) -> tuple[list[int], list[tuple[int, int]]]:
    """Items every counted attempt had, in the quiz's order, and the others with how many attempts had each."""
    held = Counter(
        root
        for attempt in attempts
        for root in {lineage.root(pk) for pk in attempt.question_ids if pk in lineage.questions}
    )
    order = sorted(held, key=lambda root: (lineage.current(root).position, root))
    fixed = [root for root in order if held[root] == len(attempts)]
    return fixed, [(root, held[root]) for root in order if held[root] < len(attempts)]


def _item_result(
    lineage: _Lineage, root: int, stats: ItemStatistics, rows: list[dict[str, Any]]
) -> ItemResult:
    question = lineage.current(root)
    case = question.case
    overridden = bool(case is not None and case.override_lines is not None and case.override_differences())
    if question.is_choice:
        responses = _choice_rows(lineage.choices.get(question.pk, []), rows)
        return ItemResult(question, stats, len(rows), responses, [], overridden)
    responses, misconceptions, wrong_codes = _line_rows(rows)
    return ItemResult(question, stats, len(rows), responses, misconceptions, overridden, wrong_codes)


def _choice_rows(choices: list[Choice], rows: list[dict[str, Any]]) -> list[ResponseRow]:
    """How many answers picked each choice (of the current version: an edit keeps its choices' order)."""
    picked = Counter(position for row in rows for position in row["picked"])
    return [
        ResponseRow(choice.text, picked[index], picked[index] / len(rows) if rows else 0.0, choice.is_correct)
        for index, choice in enumerate(choices)
    ]


def _line_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[ResponseRow], list[ResponseRow], list[tuple[WrongCode, int]]]:
    """Each line outcome's count over the answers' lines (quizzes.response_analysis: a wrong code counts once),
    each misconception's count over the answers, and each wrong code's."""
    outcomes: Counter[str] = Counter()
    wrong: Counter[WrongCode] = Counter()
    for row in rows:
        counts, pairs = line_outcomes(row["result"])
        outcomes.update(counts)
        wrong.update(pairs)
    lines = sum(outcomes.values())
    named = Counter(m["title"] for row in rows for m in row["result"].get("misconceptions", []))
    return (
        [
            ResponseRow(label, outcomes[status], outcomes[status] / lines if lines else 0.0, status == HIT)
            for status, label in LINE_OUTCOMES.items()
        ],
        [ResponseRow(title, count, count / len(rows)) for title, count in named.most_common()],
        wrong.most_common(),
    )


def _heat_map(
    attempts: list[Attempt], responses: dict[tuple[int, int], dict[str, Any]], people: dict[int, User]
) -> HeatMap:
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    worst: dict[tuple[int, str], int] = {}
    owner = {attempt.pk: attempt.user_id for attempt in attempts}
    for (attempt_id, _), row in responses.items():
        for rule, score in row["rule_scores"].items():
            cell = counts[owner[attempt_id], rule]
            cell[0] += 1
            if score < 1:
                cell[1] += 1
                worst.setdefault((owner[attempt_id], rule), attempt_id)
    rules = sorted({rule for _, rule in counts}, key=rule_order)
    trainees = sorted({owner[a.pk] for a in attempts}, key=lambda pk: people[pk].username)
    rows = [
        HeatRow(
            people[pk],
            [
                HeatCell(counts[pk, rule][0], counts[pk, rule][1], worst.get((pk, rule)))
                if (pk, rule) in counts
                else None
                for rule in rules
            ],
        )
        for pk in trainees
    ]
    totals = [
        HeatCell(
            sum(counts.get((pk, rule), (0, 0))[0] for pk in trainees),
            sum(counts.get((pk, rule), (0, 0))[1] for pk in trainees),
        )
        for rule in rules
    ]
    return HeatMap(rules, rows, totals)


HISTOGRAM_WIDTH = 640
HISTOGRAM_HEIGHT = 240
HISTOGRAM_LEFT = 40
HISTOGRAM_BOTTOM = 40
HISTOGRAM_TOP = 36  # room above the tallest bar for its count and the mean's label, at a phone's larger type


def histogram(bins: list[Bin], mean: float | None = None) -> dict[str, Any]:
    """Geometry of the score distribution's SVG: one bar per bin, its count above it, a line at the mean."""
    plot_width = HISTOGRAM_WIDTH - HISTOGRAM_LEFT - 10
    plot_height = HISTOGRAM_HEIGHT - HISTOGRAM_BOTTOM - HISTOGRAM_TOP
    base = HISTOGRAM_HEIGHT - HISTOGRAM_BOTTOM
    slot = plot_width / len(bins)
    tallest = max((b.count for b in bins), default=0) or 1
    step = max(1, -(-tallest // 4))
    bars = []
    for index, one in enumerate(bins):
        height = round(plot_height * one.count / tallest)
        x = round(HISTOGRAM_LEFT + index * slot + 3)
        bars.append(
            {
                "bin": one,
                "x": x,
                "y": base - height,
                "width": round(slot - 6),
                "height": height,
                "middle": round(x + (slot - 6) / 2),
                "count_y": base - height - 6,
            }
        )
    return {
        "width": HISTOGRAM_WIDTH,
        "height": HISTOGRAM_HEIGHT,
        "left": HISTOGRAM_LEFT,
        "top": HISTOGRAM_TOP,
        "right": HISTOGRAM_WIDTH - 10,
        "base": base,
        "label_y": base + 18,
        "axis_label_y": HISTOGRAM_HEIGHT - 4,
        "bars": bars,
        "ticks": [
            {"y": base - round(plot_height * value / tallest), "label": value}
            for value in range(0, tallest + 1, step)
        ],
        "mean_x": None if mean is None else round(HISTOGRAM_LEFT + plot_width * mean),
        "mean_label": None if mean is None else f"mean {round(mean * 100)}%",
        "mean_label_y": HISTOGRAM_TOP - 12,
    }
