"""The Educators area's lists: the cases, questions and quizzes an educator may see (their own and the starter
bank), searched and filtered, each row with its usage counts, in a fixed number of queries whatever the rows.

Rule tags live in JSON lists, which SQLite cannot search, so the rule filter runs in Python over rows already read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.db import models
from django.db.models import Count, F, Q

from authoring.case_forms import traced_rules
from coding.engine.rulebook import RULES
from quizzes.models import AnyUser, Case, OwnedQuerySet, Question, Quiz

M = TypeVar("M", bound=models.Model)

CASES, QUESTIONS, QUIZZES = "cases", "questions", "quizzes"
TABS = {CASES: "Cases", QUESTIONS: "Questions", QUIZZES: "Quizzes"}
MINE, STARTER, ALL = "mine", "starter", "all"
# The educator's own work first, the starter bank after it.
OWN_FIRST = F("created_by").asc(nulls_last=True)


class LibraryFilterForm(forms.Form):
    """The search box and filters above each list (a GET form; a value it does not know is an error by its field)."""

    tab = forms.ChoiceField(choices=TABS.items(), required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        widget=forms.SearchInput,
    )
    rule = forms.ChoiceField(
        required=False, label="Rule", choices=[("", "Any rule"), *((rule_id, rule_id) for rule_id in RULES)]
    )
    kind = forms.ChoiceField(required=False, label="Kind", choices=[("", "Any kind"), *Question.Kind.choices])
    quiz = forms.ModelChoiceField(
        queryset=Quiz.objects.none(), required=False, label="Quiz", empty_label="Any quiz"
    )
    author = forms.ChoiceField(
        required=False,
        label="Author",
        choices=[(ALL, "Mine and starter"), (MINE, "Mine"), (STARTER, "Starter")],
    )
    archived = forms.BooleanField(required=False, label="Show archived cases")

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quiz_field = self.fields["quiz"]
        assert isinstance(quiz_field, forms.ModelChoiceField)
        quiz_field.queryset = Quiz.objects.visible_to_educator(user).only("pk", "title")


@dataclass(frozen=True)
class Filters:
    tab: str = CASES
    q: str = ""
    rule: str = ""
    kind: str = ""
    quiz: Quiz | None = None
    author: str = ALL
    archived: bool = False

    @classmethod
    def from_form(cls, form: LibraryFilterForm) -> Filters:
        """The valid fields of the form; a field with an error filters nothing."""
        form.is_valid()
        values = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
        return cls(**values)

    def by_author(self, rows: OwnedQuerySet[M], user: AnyUser) -> OwnedQuerySet[M]:
        rows = rows.visible_to_educator(user)
        if self.author == MINE:
            return rows.filter(created_by=user)
        if self.author == STARTER:
            return rows.filter(created_by=None)
        return rows


def cases(user: AnyUser, filters: Filters) -> list[Case]:
    """Cases with `question_count` (current questions using them) and `answer_count` (answers to them)."""
    rows = filters.by_author(Case.objects.all(), user)
    if not filters.archived:
        rows = rows.filter(archived=False)
    if filters.q:
        rows = rows.filter(
            Q(title__icontains=filters.q) | Q(slug__icontains=filters.q) | Q(narrative__icontains=filters.q)
        )
    if filters.quiz:
        rows = rows.filter(pk__in=Question.objects.current().filter(quiz=filters.quiz).values("case"))
    found: list[Case] = list(
        rows.select_related("created_by")
        .annotate(
            question_count=Count("questions", filter=Q(questions__is_current=True), distinct=True),
            answer_count=Count("questions__responses", distinct=True),
        )
        .order_by(OWN_FIRST, "title", "pk")
    )
    if filters.rule:
        found = [
            c for c in found if filters.rule in c.rule_tags or filters.rule in traced_rules(c.engine_result)
        ]
    return found


def questions(user: AnyUser, filters: Filters) -> list[Question]:
    """Current question versions with `answer_count` (answers to this version)."""
    rows = filters.by_author(Question.objects.current(), user)
    if filters.q:
        rows = rows.filter(
            Q(prompt__icontains=filters.q)
            | Q(slug__icontains=filters.q)
            | Q(explanation__icontains=filters.q)
        )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.quiz:
        rows = rows.filter(quiz=filters.quiz)
    found: list[Question] = list(
        rows.select_related("quiz", "case", "created_by")
        .annotate(answer_count=Count("responses", distinct=True))
        .order_by(OWN_FIRST, "quiz__title", "position", "pk")
    )
    if filters.rule:
        found = [question for question in found if filters.rule in question.rule_tags]
    return found


def quizzes(user: AnyUser, filters: Filters) -> list[Quiz]:
    """Quizzes with `question_count` (current fixed questions), `section_count` and `attempt_count`."""
    rows = filters.by_author(Quiz.objects.all(), user)
    if filters.q:
        rows = rows.filter(
            Q(title__icontains=filters.q) | Q(slug__icontains=filters.q) | Q(summary__icontains=filters.q)
        )
    if filters.kind:
        rows = rows.filter(pk__in=Question.objects.current().filter(kind=filters.kind).values("quiz"))
    found: list[Quiz] = list(
        rows.select_related("created_by")
        .annotate(
            question_count=Count("questions", filter=Q(questions__is_current=True), distinct=True),
            section_count=Count("sections", distinct=True),
            attempt_count=Count("attempts", distinct=True),
        )
        .order_by(OWN_FIRST, "position", "title", "pk")
    )
    if filters.rule:
        tagged = Question.objects.current().filter(quiz__in=found).values_list("quiz_id", "rule_tags")
        with_rule = {quiz for quiz, tags in tagged if filters.rule in tags}
        with_rule |= set(
            Quiz.objects.filter(pk__in=[q.pk for q in found], sections__rule=filters.rule).values_list(
                "pk", flat=True
            )
        )
        found = [quiz for quiz in found if quiz.pk in with_rule]
    return found
