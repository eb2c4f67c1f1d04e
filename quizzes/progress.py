"""Accuracy per rule over a trainee's recent work, and the bar chart that shows it (server-rendered SVG)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from coding.engine.rulebook import get_rule
from coding.gallery import EXAMPLES, Example
from quizzes import policy
from quizzes.generator import family_of
from quizzes.models import PracticeCase, Response

RECENT = 50
# A rule is "weak" only on enough answers to mean something; fewer could be one unlucky question.
ENOUGH_ANSWERS = 3
STUDY_NEXT = 3
BAR_HEIGHT = 26
BAR_GAP = 10
LABEL_WIDTH = 290
CHART_WIDTH = 900
VALUE_WIDTH = 170
TITLE_CHARACTERS = 30


@dataclass(frozen=True)
class RuleAccuracy:
    rule: str
    accuracy: float
    answers: int

    @property
    def percent(self) -> int:
        return round(self.accuracy * 100)

    @property
    def family(self) -> str | None:
        return family_of(self.rule)

    @property
    def title(self) -> str:
        rule = get_rule(self.rule)
        return rule.title if rule else ""

    @property
    def level(self) -> str:
        """A word for the bar, so colour is never the only signal."""
        if self.accuracy >= 0.8:
            return "ok"
        return "warn" if self.accuracy >= 0.5 else "bad"


def accuracy_by_rule(rule_scores: Iterable[dict[str, float]]) -> list[RuleAccuracy]:
    """Mean score per rule id, rules in id order."""
    totals: dict[str, list[float]] = {}
    for scores in rule_scores:
        for rule, score in scores.items():
            totals.setdefault(rule, []).append(score)
    return [
        RuleAccuracy(rule, sum(scores) / len(scores), len(scores))
        for rule, scores in sorted(totals.items(), key=lambda item: rule_order(item[0]))
    ]


def rule_order(rule: str) -> tuple[str, int]:
    """R-D4 before R-D10: by family letter, then by number."""
    letter = rule[2:3]
    digits = "".join(ch for ch in rule[3:] if ch.isdigit())
    return (letter, int(digits) if digits else 0)


def recent_rule_scores(user: User | AnonymousUser, limit: int = RECENT) -> list[dict[str, float]]:
    """The rule scores of the trainee's last `limit` answers, quiz questions and random cases together.

    Only answers whose right or wrong the trainee may see (quizzes.policy): an exam's count once it is finished."""
    responses = list(
        Response.objects.for_user(user)
        .filter(policy.visible_scores())
        .order_by("-answered_at")
        .values_list("answered_at", "rule_scores")[:limit]
    )
    practice = list(
        PracticeCase.objects.for_user(user)
        .order_by("-answered_at")
        .values_list("answered_at", "rule_scores")[:limit]
    )
    newest = sorted(responses + practice, key=lambda item: item[0], reverse=True)[:limit]
    return [scores for _, scores in newest]


def weakest(accuracies: list[RuleAccuracy]) -> RuleAccuracy | None:
    """The rule with the lowest accuracy that a random case can practise."""
    practisable = [a for a in accuracies if a.family]
    return min(practisable, key=lambda a: (a.accuracy, -a.answers), default=None)


@dataclass(frozen=True)
class StudyNext:
    """A weak rule and the three ways to work on it: its page, its builder example (if one shows it) and a
    random practice case of its family (if the generator has one)."""

    accuracy: RuleAccuracy
    example: Example | None


def study_next(accuracies: list[RuleAccuracy], count: int = STUDY_NEXT) -> list[StudyNext]:
    """The `count` weakest rules among those with enough answers, weakest first; rules answered all right are
    not weak."""
    enough = [a for a in accuracies if a.answers >= ENOUGH_ANSWERS and a.accuracy < 1]
    weakest_first = sorted(enough, key=lambda a: (a.accuracy, -a.answers, rule_order(a.rule)))[:count]
    return [StudyNext(a, next((e for e in EXAMPLES if e.rule == a.rule), None)) for a in weakest_first]


def chart(accuracies: list[RuleAccuracy]) -> dict[str, Any]:
    """Geometry for the horizontal bar chart: one row per rule, bar length = accuracy."""
    bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, item in enumerate(accuracies):
        y = index * (BAR_HEIGHT + BAR_GAP)
        rule = get_rule(item.rule)
        title = rule.title if rule else ""
        rows.append(
            {
                "item": item,
                "title": title if len(title) <= TITLE_CHARACTERS else title[: TITLE_CHARACTERS - 1] + "…",
                "y": y,
                "text_y": y + BAR_HEIGHT / 2 + 5,
                "width": max(2, round(bar_space * item.accuracy)),
                "value_x": LABEL_WIDTH + round(bar_space * item.accuracy) + 8,
            }
        )
    height = max(1, len(accuracies)) * (BAR_HEIGHT + BAR_GAP) + 24
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_space": bar_space,
        "bar_height": BAR_HEIGHT,
        "axis_y": height - 20,
        "ticks": [
            {"x": LABEL_WIDTH + round(bar_space * t / 100), "label": f"{t}%"} for t in (0, 25, 50, 75, 100)
        ],
    }
