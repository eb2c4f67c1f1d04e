"""How many questions an attempt at a quiz has and where they come from, for the quiz's pages to say
"9 questions: 6 set, 3 drawn at random on R-E4 for each attempt"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from quizzes.models import Question, Quiz, QuizSection


@dataclass(frozen=True)
class SectionDraw:
    """One section as an attempt gets it: its rule, how many it asks for, and how many the bank can give."""

    rule: str
    asked: int
    drawn: int

    @property
    def short(self) -> bool:
        return self.drawn < self.asked


@dataclass(frozen=True)
class QuizSize:
    fixed: int
    kinds: list[tuple[str, int]]
    sections: list[SectionDraw]

    @property
    def total(self) -> int:
        return self.fixed + sum(section.drawn for section in self.sections)

    @property
    def kinds_words(self) -> str:
        """The fixed questions by kind: "3 single choice, 1 code this case"."""
        return ", ".join(f"{count} {label.lower()}" for label, count in self.kinds)


def quiz_size(quiz: Quiz) -> QuizSize:
    """The quiz's current fixed questions (by kind) and each section's draw, at most what its pool holds."""
    items = quiz.items()
    fixed = [item for item in items if isinstance(item, Question)]
    kinds = Counter(Question.Kind(question.kind).label for question in fixed)
    sections = [
        SectionDraw(item.rule, item.count, item.draw_size())
        for item in items
        if isinstance(item, QuizSection)
    ]
    return QuizSize(len(fixed), sorted(kinds.items()), sections)


def card_size(quiz: Quiz) -> int:
    """The size on the quiz list, from its annotations (`question_count`, `section_count`): the sections' pools
    are read only for quizzes that have sections."""
    annotated: Any = quiz
    return quiz_size(quiz).total if annotated.section_count else int(annotated.question_count)
