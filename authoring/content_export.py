"""Content out, in the content format (authoring/content.py): current versions only, in a stable order, so an
export imported into an empty database exports again as the same document.

Every document is whole: it carries the cases its questions use, even when they belong to someone else or to the
starter bank. Sections are exported as their rules; the bank questions they draw from travel only when chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch

from authoring.content import FORMAT, VERSION
from quizzes.models import Case, Choice, Question, QuestionQuerySet, Quiz, QuizSection

CHOICES = Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))


def export_everything() -> dict[str, Any]:
    """All the site's content (the command's default)."""
    return _document(Case.objects.all(), Quiz.objects.all(), bank_questions())


def export_owned_by(user: User) -> dict[str, Any]:
    """What the user may edit: their cases (archived ones too), quizzes and bank questions."""
    return _document(
        Case.objects.editable_by(user), Quiz.objects.editable_by(user), bank_questions().editable_by(user)
    )


def export_starter() -> dict[str, Any]:
    """The starter bank, which everyone reads and nobody edits."""
    return _document(
        Case.objects.filter(created_by=None),
        Quiz.objects.filter(created_by=None),
        bank_questions().filter(created_by=None),
    )


def export_quizzes(quizzes: Iterable[Quiz]) -> dict[str, Any]:
    """Chosen quizzes and the cases their questions use."""
    return _document(Case.objects.none(), quizzes, Question.objects.none())


def bank_questions() -> QuestionQuerySet:
    """The current versions of the questions in no quiz."""
    return Question.objects.current().filter(quiz=None)


def _document(cases: Iterable[Case], quizzes: Iterable[Quiz], bank: Iterable[Question]) -> dict[str, Any]:
    quiz_rows = sorted(quizzes, key=lambda quiz: (quiz.position, quiz.slug))
    quiz_items = {quiz.pk: _items(quiz) for quiz in quiz_rows}
    bank_rows = sorted(
        Question.objects.select_related("case").prefetch_related(CHOICES).filter(pk__in=[q.pk for q in bank]),
        key=_slug,
    )
    used = {item.case_id for items in quiz_items.values() for item in items if isinstance(item, Question)}
    used |= {question.case_id for question in bank_rows}
    case_rows = Case.objects.filter(pk__in={case.pk for case in cases} | (used - {None})).order_by("slug")
    return {
        "format": FORMAT,
        "version": VERSION,
        "cases": [case_data(case) for case in case_rows],
        "quizzes": [quiz_data(quiz, quiz_items[quiz.pk]) for quiz in quiz_rows],
        "questions": [question_data(question) for question in bank_rows],
    }


def _slug(row: Question) -> str:
    return row.slug


def _items(quiz: Quiz) -> list[Question | QuizSection]:
    questions: list[Question | QuizSection] = list(
        quiz.questions.current().select_related("case").prefetch_related(CHOICES)
    )
    sections: list[Question | QuizSection] = list(quiz.sections.all())
    return sorted(
        questions + sections, key=lambda item: (item.position, isinstance(item, QuizSection), item.pk)
    )


def case_data(case: Case) -> dict[str, Any]:
    override = {"lines": case.override_lines, "note": case.override_note} if case.override_lines else None
    return {
        "slug": case.slug,
        "title": case.title,
        "narrative": case.narrative,
        "encounter": case.encounter,
        "rule_tags": list(case.rule_tags),
        "override": override,
        "archived": case.archived,
    }


def quiz_data(quiz: Quiz, items: list[Question | QuizSection]) -> dict[str, Any]:
    return {
        "slug": quiz.slug,
        "title": quiz.title,
        "summary": quiz.summary,
        "mode": quiz.mode,
        "key_release": quiz.key_release,
        "due_at": quiz.due_at.astimezone(UTC).isoformat() if quiz.due_at else None,
        "time_limit_minutes": quiz.time_limit_minutes,
        "attempt_limit": quiz.attempt_limit,
        "published": quiz.published,
        "position": quiz.position,
        "questions": [
            question_data(item) if isinstance(item, Question) else section_data(item) for item in items
        ],
    }


def question_data(question: Question) -> dict[str, Any]:
    return {
        "slug": question.slug,
        "kind": question.kind,
        "prompt": question.prompt,
        "case": question.case.slug if question.case else None,
        "rule_tags": list(question.rule_tags),
        "explanation": question.explanation,
        "choices": [choice.as_data() for choice in question.choices.all()],
    }


def section_data(section: QuizSection) -> dict[str, Any]:
    return {"section": {"rule": section.rule, "count": section.count, "kinds": list(section.kinds)}}
