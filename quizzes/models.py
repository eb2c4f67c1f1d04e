"""Cases, questions, quizzes, and the attempts trainees make at them.

A case's answer key is what the engine says when the case is saved; an educator may override it, with a note
saying why. Grading lives in quizzes/grading.py; these models store what it returns.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from coding.engine import CodingResult, EncounterError, code_encounter
from coding.engine.rulebook import get_rule
from coding.labels import describe_loc
from quizzes.generator import GeneratedCase
from quizzes.grading import (
    AnswerLine,
    GradedAnswer,
    KeyDifference,
    grade_choices,
    grade_lines,
    key_differences,
)
from quizzes.signals import attempt_scored

if TYPE_CHECKING:
    from assignments.models import Assignment
    from classes.models import Class

AnyUser = User | AnonymousUser
M = TypeVar("M", bound=models.Model)
# An answer's score as it counts: the educator's override where there is one, else what grading computed.
FINAL_SCORE = Coalesce("override_score", "score")


def unique_slug(model: type[models.Model], base: str, *, max_length: int = 70) -> str:
    """A slug made from `base` that no row of `model` uses yet: `base`, then `base-2`, `base-3`…"""
    stem = slugify(base)[:max_length].strip("-") or "item"
    taken = set(model._default_manager.filter(slug__startswith=stem).values_list("slug", flat=True))
    slug, number = stem, 1
    while slug in taken:
        number += 1
        slug = f"{stem}-{number}"
    return slug


class OwnedQuerySet(models.QuerySet[M]):
    """Who may see and change authored content: its author and the author's co-educators (anyone teaching a class
    with them). `created_by=None` is the starter bank: read-only for everyone, which educators may duplicate.
    Every ownership check goes through these two methods."""

    def editable_by(self, user: AnyUser) -> OwnedQuerySet[M]:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.exclude(created_by=None)
        return self.filter(_shared_with(user))

    def visible_to_educator(self, user: AnyUser) -> OwnedQuerySet[M]:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(_shared_with(user) | models.Q(created_by=None))


def _shared_with(user: User) -> models.Q:
    # classes.models imports this module, so its import waits until a query is built.
    from classes.models import Membership

    return models.Q(created_by=user) | models.Q(created_by__in=Membership.objects.colleagues_of(user))


class Owned(models.Model):
    """Authored content: who made it (None for the starter bank) and when."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def is_starter(self) -> bool:
        return self.created_by_id is None

    def is_editable_by(self, user: AnyUser) -> bool:
        rows: OwnedQuerySet[Any] = type(self)._default_manager.all()  # type: ignore[assignment]
        return rows.editable_by(user).filter(pk=self.pk).exists()


def rule_tag_errors(tags: object) -> list[str]:
    """What is wrong with a list of rule ids: each must name a rule the engine's rulebook knows (and has a page)."""
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return ["Rule tags are a list of rule ids, like R-E4."]
    return [f"“{tag}” is not a rule id; rule ids look like R-E4." for tag in tags if get_rule(tag) is None]


def engine_error_messages(error: EncounterError, encounter: object) -> list[str]:
    """The engine's complaints about an encounter, each led by where it is in words people use
    ("Administration 3 (a3), stop: …"), as every form of the site reports them."""
    return [f"{describe_loc(e['loc'], encounter)}: {e['msg']}" for e in error.errors]


class CaseQuerySet(OwnedQuerySet["Case"]):
    def active(self) -> CaseQuerySet:
        return self.filter(archived=False)


class Case(Owned):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    narrative = models.TextField(help_text="The case as the trainee reads it, in our own words.")
    encounter = models.JSONField(help_text="The encounter in the encounter format (version 1).")
    rule_tags = models.JSONField(default=list, blank=True)
    # The engine's whole answer ({"rules_version", "setting", "lines", "notes"}), derived on every save.
    engine_result = models.JSONField(default=dict, editable=False)
    override_lines = models.JSONField(null=True, blank=True)
    override_note = models.TextField(blank=True)
    # Archived cases leave the lists and pickers; questions that use them keep working.
    archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.engine_result = code_encounter(self.encounter).as_json()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # The engine validates the encounter here, where a form that already rejected the field can skip it.
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if "encounter" not in (exclude or ()) and "encounter" not in errors:
            try:
                code_encounter(self.encounter)
            except EncounterError as exc:
                errors["encounter"] = engine_error_messages(exc, self.encounter)
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        if self.override_lines and not self.override_note.strip():
            errors["override_note"] = "Say why the engine's key is overridden; trainees read this note."
        if problems := rule_tag_errors(self.rule_tags):
            errors["rule_tags"] = problems
        if errors:
            raise ValidationError(errors)

    @property
    def setting(self) -> str:
        return str(self.encounter.get("setting", ""))

    @property
    def answer_key(self) -> list[dict[str, Any]]:
        """The lines a trainee is graded against: the educator's override if any, else the engine's."""
        lines: list[dict[str, Any]] = self.override_lines or self.engine_result.get("lines", [])
        return lines

    def override_differences(self) -> list[KeyDifference]:
        """Where the educator's override departs from the engine's key (none without an override)."""
        return key_differences(self.engine_result.get("lines", []), self.override_lines or [])

    def key_record(self) -> dict[str, Any]:
        """Who set the key trainees are graded against now, their note, and its lines (kept with each answer)."""
        by = "educator" if self.override_lines else "engine"
        lines = [{k: line.get(k) for k in ("code", "units", "modifiers")} for line in self.answer_key]
        return {"by": by, "note": self.override_note if self.override_lines else "", "lines": lines}

    def graded_result(self) -> CodingResult | None:
        """The engine's answer the key was taken from, to draw codes on the case's timeline; None when an
        educator's override replaces it (override lines belong to no administration, so none are drawn)."""
        return None if self.override_lines else CodingResult.model_validate(self.engine_result)

    @property
    def key_notes(self) -> list[dict[str, Any]]:
        notes: list[dict[str, Any]] = self.engine_result.get("notes", [])
        return notes

    def has_answers(self) -> bool:
        return Response.objects.filter(question__case=self).exists()

    def delete_or_archive(self) -> str:
        """Delete a case nobody answered and no question uses; archive it otherwise, so no answer loses its case.
        Returns "deleted" or "archived"."""
        if self.has_answers() or self.questions.exists():
            self.archived = True
            self.save(update_fields=["archived", "engine_result", "updated_at"])
            return "archived"
        self.delete()
        return "deleted"

    def duplicate(self, user: User) -> Case:
        return Case.objects.create(
            slug=unique_slug(Case, f"{self.slug}-copy"),
            title=f"{self.title} (copy)",
            narrative=self.narrative,
            encounter=self.encounter,
            rule_tags=list(self.rule_tags),
            override_lines=self.override_lines,
            override_note=self.override_note,
            created_by=user,
        )


class QuizQuerySet(OwnedQuerySet["Quiz"]):
    def published(self) -> QuizQuerySet:
        return self.filter(published=True)

    def with_question_counts(self) -> QuizQuerySet:
        current = models.Q(questions__is_current=True)
        return self.annotate(question_count=models.Count("questions", filter=current, distinct=True))


class Quiz(Owned):
    class Mode(models.TextChoices):
        PRACTICE = "practice", "Practice: feedback after each question"
        EXAM = "exam", "Exam: feedback at the end"

    class KeyRelease(models.TextChoices):
        AFTER_QUESTION = "after_question", "After each question"
        AFTER_ATTEMPT = "after_attempt", "After the attempt is finished"
        AFTER_DUE = "after_due", "After the due date"
        NEVER = "never", "Never"

        @classmethod
        def default_for(cls, mode: str) -> Quiz.KeyRelease:
            """What a quiz did before the policy existed: practice shows keys at once, an exam at the end."""
            return cls.AFTER_ATTEMPT if mode == Quiz.Mode.EXAM else cls.AFTER_QUESTION

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # The mode decides when a trainee learns right or wrong and the score; key_release decides when the answer
    # key (correct answers, the key's lines, explanations) is shown. quizzes/policy.py applies both.
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PRACTICE)
    key_release = models.CharField(
        max_length=20, choices=KeyRelease.choices, default=KeyRelease.AFTER_QUESTION
    )
    due_at = models.DateTimeField(null=True, blank=True, help_text="Needed when keys are released after it.")
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    attempt_limit = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for no limit.")
    position = models.PositiveIntegerField(default=0)
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.mode == self.Mode.EXAM and self.key_release == self.KeyRelease.AFTER_QUESTION:
            errors["key_release"] = (
                "An exam shows nothing until the end: release keys after the attempt or later."
            )
        if self.key_release == self.KeyRelease.AFTER_DUE and self.due_at is None:
            errors["due_at"] = "Keys released after the due date need a due date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_exam(self) -> bool:
        return self.mode == self.Mode.EXAM

    def items(self) -> list[Question | QuizSection]:
        """The quiz as its author arranges it: fixed current questions and sections, in one position order."""
        questions: list[Question | QuizSection] = list(self.questions.current().select_related("case"))
        sections: list[Question | QuizSection] = list(self.sections.all())
        return sorted(
            questions + sections, key=lambda item: (item.position, isinstance(item, QuizSection), item.pk)
        )

    def size(self) -> int:
        """How many questions an attempt has: the fixed ones plus what each section draws (at most its pool)."""
        return sum(1 if isinstance(item, Question) else item.draw_size() for item in self.items())

    def next_position(self) -> int:
        return max((item.position for item in self.items()), default=0) + 1

    def duplicate(self, user: User) -> Quiz:
        """An unpublished copy the user owns, with copies of its current questions and its sections."""
        with transaction.atomic():
            copy = Quiz.objects.create(
                slug=unique_slug(Quiz, f"{self.slug}-copy"),
                title=f"{self.title} (copy)",
                summary=self.summary,
                mode=self.mode,
                key_release=self.key_release,
                due_at=self.due_at,
                time_limit_minutes=self.time_limit_minutes,
                attempt_limit=self.attempt_limit,
                position=self.position,
                published=False,
                created_by=user,
            )
            for question in self.questions.current():
                question.duplicate(user, quiz=copy)
            for section in self.sections.all():
                QuizSection.objects.create(
                    quiz=copy,
                    position=section.position,
                    rule=section.rule,
                    count=section.count,
                    kinds=section.kinds,
                )
        return copy

    def covered_rules(self) -> set[str]:
        """The rules this quiz tests: its questions' tags plus the rules the engine's keys of its cases cite.
        The quiz page lists these and the results' "By rule" panel scores only these, so the two agree."""
        rules: set[str] = set(self.sections.values_list("rule", flat=True))
        for question in self.questions.current().select_related("case"):
            rules.update(question.rule_tags)
            if question.case is not None:
                # The engine's lines, even under an override: they are the rules the case exercises.
                rules.update(line["rule"] for line in question.case.engine_result.get("lines", []))
        return rules


class QuestionQuerySet(OwnedQuerySet["Question"]):
    def current(self) -> QuestionQuerySet:
        """The version of each question that quizzes show now; older versions keep their answers."""
        return self.filter(is_current=True)


class Question(Owned):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple select"
        TRUE_FALSE = "true_false", "True or false"
        CODE_CASE = "code_case", "Code this case"
        BUILD_TIMELINE = "build_timeline", "Build this timeline"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)
    CASE_KINDS = (Kind.CODE_CASE, Kind.BUILD_TIMELINE)

    # No quiz: the question waits in its author's bank (sections draw from the bank).
    quiz = models.ForeignKey(Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    rule_tags = models.JSONField(default=list)
    explanation = models.TextField(help_text="Shown after answering; cites the rule ids it relies on.")
    # A row is one version. Editing a question that has answers makes a new row (Question.revise), so every
    # answer stays graded against the version its trainee saw.
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["quiz", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_row_per_question_version"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(is_current=True), name="one_current_version_per_question"
            ),
        ]

    def __str__(self) -> str:
        where = self.quiz or "bank"
        return f"{where}: {self.position}" + (f" (version {self.version})" if self.version > 1 else "")

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        if self.kind in self.CASE_KINDS and self.case_id is None:
            errors["case"] = "A code-this-case or build-this-timeline question needs a case."
        if problems := rule_tag_errors(self.rule_tags):
            errors["rule_tags"] = problems
        if errors:
            raise ValidationError(errors)

    @property
    def is_choice(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_case(self) -> bool:
        return self.kind in self.CASE_KINDS

    def has_answers(self) -> bool:
        return self.responses.exists()

    EDITABLE_FIELDS = ("quiz", "position", "kind", "prompt", "case", "rule_tags", "explanation")

    def revise(self, choices: Iterable[dict[str, Any]] | None = None, **fields: Any) -> Question:
        """Apply an edit. Without answers this version changes in place; with answers, a new version takes its
        place (same slug, quiz and position) and this one is kept, unchanged, for the answers that saw it.
        `choices` (dicts of text, is_correct and feedback) replaces the choices; None keeps them."""
        if unknown := set(fields) - set(self.EDITABLE_FIELDS):
            raise TypeError(f"Question.revise got fields it does not edit: {sorted(unknown)}")
        with transaction.atomic():
            if not self.has_answers():
                for name, value in fields.items():
                    setattr(self, name, value)
                self.save()
                if choices is not None:
                    self.choices.all().delete()
                    self._add_choices(choices)
                return self
            kept = [c.as_data() for c in self.choices.all()] if choices is None else list(choices)
            Question.objects.filter(pk=self.pk).update(is_current=False)
            self.is_current = False
            values = {name: getattr(self, name) for name in self.EDITABLE_FIELDS} | fields
            revised = Question.objects.create(
                slug=self.slug, version=self.version + 1, previous=self, created_by=self.created_by, **values
            )
            revised._add_choices(kept)
        return revised

    def duplicate(self, user: User, *, quiz: Quiz | None) -> Question:
        """A first version the user owns, with a slug of its own, in `quiz` (None: the user's bank)."""
        values = {name: getattr(self, name) for name in self.EDITABLE_FIELDS} | {"quiz": quiz}
        copy = Question.objects.create(
            slug=unique_slug(Question, f"{self.slug}-copy"), created_by=user, **values
        )
        copy._add_choices(c.as_data() for c in self.choices.all())
        return copy

    def _add_choices(self, choices: Iterable[dict[str, Any]]) -> None:
        Choice.objects.bulk_create(
            Choice(
                question=self,
                position=position,
                text=data["text"],
                is_correct=bool(data.get("is_correct")),
                feedback=data.get("feedback", ""),
            )
            for position, data in enumerate(choices)
        )

    def grade(self, answer: dict[str, Any]) -> GradedAnswer:
        """Grade an answer: {"choices": [ids]} for choice kinds, {"lines": [...]} for case kinds."""
        if self.is_choice:
            correct = {choice.pk for choice in self.choices.all() if choice.is_correct}
            multiple = self.kind == self.Kind.MULTIPLE
            return grade_choices(correct, set(answer["choices"]), multiple=multiple, rule_tags=self.rule_tags)
        given = [AnswerLine.from_dict(line) for line in answer["lines"]]
        case = self.case
        assert case is not None, "a case question has a case (Question.clean)"
        result = grade_lines(case.encounter, case.answer_key, given)
        result.key = case.key_record()
        for tag in self.rule_tags:
            result.rule_scores.setdefault(tag, result.score)
        return result


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    feedback = models.CharField(max_length=300, blank=True, help_text="Why this choice is right or wrong.")

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def as_data(self) -> dict[str, Any]:
        return {"text": self.text, "is_correct": self.is_correct, "feedback": self.feedback}


class QuizSection(models.Model):
    """Part of a quiz drawn at random from the bank: `count` questions tagged with `rule`, a fixed draw per attempt."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    rule = models.CharField(max_length=10, help_text="A rule id, like R-E4.")
    count = models.PositiveSmallIntegerField(default=1)
    kinds = models.JSONField(default=list, blank=True, help_text="Question kinds to draw; empty for any.")

    class Meta:
        ordering = ["quiz", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.count} on {self.rule}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if problems := rule_tag_errors([self.rule]):
            errors["rule"] = problems
        if not isinstance(self.kinds, list) or any(kind not in Question.Kind.values for kind in self.kinds):
            errors["kinds"] = [f"Kinds are some of: {', '.join(Question.Kind.values)}."]
        if self.count < 1:
            errors["count"] = ["A section draws at least one question."]
        if errors:
            raise ValidationError(errors)

    def pool(self) -> list[Question]:
        """The questions this section may draw: current, tagged with its rule, of its kinds, the quiz author's
        or the starter bank's, on no archived case, and not already a fixed question of this quiz."""
        authors = models.Q(created_by=None)
        if self.quiz.created_by_id is not None:
            authors |= models.Q(created_by=self.quiz.created_by_id)
        candidates = (
            Question.objects.current()
            .filter(authors)
            .exclude(quiz=self.quiz)
            .exclude(case__archived=True)
            .order_by("pk")
        )
        if self.kinds:
            candidates = candidates.filter(kind__in=self.kinds)
        # Tags are matched here: SQLite's JSON fields have no "contains" lookup.
        return [question for question in candidates if self.rule in question.rule_tags]

    def draw_size(self) -> int:
        return min(self.count, len(self.pool()))

    def draw(self, seed: str, taken: set[int]) -> list[int]:
        """`count` question ids from the pool, the same for the same seed, none of them in `taken`."""
        pool = [question.pk for question in self.pool() if question.pk not in taken]
        return random.Random(seed).sample(pool, min(self.count, len(pool)))


class AttemptQuerySet(models.QuerySet["Attempt"]):
    def for_user(self, user: AnyUser) -> AttemptQuerySet:
        """Attempts are private: a trainee only ever reads their own."""
        return self.filter(user=user) if user.is_authenticated else self.none()

    def finished(self) -> AttemptQuerySet:
        return self.filter(finished_at__isnull=False)

    def open(self) -> AttemptQuerySet:
        return self.filter(finished_at__isnull=True)

    def within(self, among: models.QuerySet[Attempt] | None) -> AttemptQuerySet:
        """Only the attempts also `among` those given (one class's, one assignment's); all of them for None."""
        return self if among is None else self.filter(pk__in=among.values("pk"))


class Attempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    mode = models.CharField(max_length=10, choices=Quiz.Mode.choices)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    # The attempt's questions in order, fixed at start (Attempt.start): the quiz's fixed questions, the versions
    # current then, and each section's draw. Later edits to the quiz never change an attempt.
    question_ids = models.JSONField(default=list)
    # Started from an assignment: its window, limits and key release apply (assignments/windows.py), and its
    # attempt limit counts only its own attempts.
    assignment = models.ForeignKey(
        "assignments.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="attempts"
    )

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=models.Q(finished_at=None, assignment=None),
                name="one_open_attempt_per_quiz",
            ),
            models.UniqueConstraint(
                fields=["user", "assignment"],
                condition=models.Q(finished_at=None, assignment__isnull=False),
                name="one_open_attempt_per_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz} · {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", args=[self.pk])

    @classmethod
    def start(cls, user: User, quiz: Quiz, assignment: Assignment | None = None) -> Attempt:
        """The user's open attempt at this quiz (through this assignment, if any), or a new one; the mode, the
        time limit and the questions are fixed at start.

        At most one attempt per user and quiz (or assignment) is open (a constraint), so a double-clicked Start
        resumes the attempt the first click made instead of opening a second one. A new attempt beyond the
        attempt limit raises AttemptLimitReached; resuming an open one is always allowed. Through an assignment,
        the trainee's effective window applies: outside it, OutsideWindow; its deadline is the time limit or
        the due date, whichever comes first.
        """
        window = assignment.window_for(user.pk) if assignment is not None else None
        with transaction.atomic():
            mine = cls.objects.filter(user=user, quiz=quiz, assignment=assignment)
            attempt = mine.select_for_update().open().first()
            if attempt is not None and attempt.is_past_deadline():
                attempt.finish(timed_out=True)
                attempt = None
            if attempt is not None:
                return attempt
            now = timezone.now()
            if window is not None:
                window.check(now)
            limit = window.attempt_limit if window is not None else quiz.attempt_limit
            if limit is not None and mine.finished().count() >= limit:
                raise AttemptLimitReached(limit)
            if window is not None:
                deadline: datetime | None = window.deadline_from(now)
            else:
                deadline = (
                    now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
                )
            try:
                with transaction.atomic():
                    attempt = cls.objects.create(
                        user=user,
                        quiz=quiz,
                        assignment=assignment,
                        mode=quiz.mode,
                        started_at=now,
                        deadline=deadline,
                    )
            except IntegrityError:
                return mine.open().get()
            attempt.question_ids = attempt.draw_questions()
            attempt.save(update_fields=["question_ids"])
            return attempt

    def draw_questions(self) -> list[int]:
        """The quiz's items in order: each fixed question, and for each section its draw seeded by this attempt,
        so the same attempt always gets the same questions and none twice."""
        ids: list[int] = []
        items = self.quiz.items()
        taken = {item.pk for item in items if isinstance(item, Question)}
        for item in items:
            if isinstance(item, Question):
                ids.append(item.pk)
            else:
                drawn = item.draw(f"{self.pk}:{item.pk}", taken)
                taken.update(drawn)
                ids.extend(drawn)
        return ids

    @property
    def is_exam(self) -> bool:
        return self.mode == Quiz.Mode.EXAM

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def is_past_deadline(self, now: datetime | None = None) -> bool:
        return self.deadline is not None and (now or timezone.now()) > self.deadline

    def seconds_left(self, now: datetime | None = None) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))

    def minutes_left(self) -> int | None:
        seconds = self.seconds_left()
        return None if seconds is None else -(-seconds // 60)

    def questions(self) -> list[Question]:
        """This attempt's questions in the order it fixed at start, with their cases and choices."""
        by_pk = Question.objects.select_related("case").prefetch_related("choices").in_bulk(self.question_ids)
        return [by_pk[pk] for pk in self.question_ids if pk in by_pk]

    def next_question(self) -> Question | None:
        answered = set(self.responses.values_list("question_id", flat=True))
        unanswered = [pk for pk in self.question_ids if pk not in answered]
        return (
            Question.objects.select_related("case").filter(pk=unanswered[0]).first() if unanswered else None
        )

    def record(self, question: Question, answer: dict[str, Any]) -> tuple[Response, bool]:
        """Grade and keep one answer; a re-sent answer to the same question returns the first one.

        The attempt's row is locked while the answer is stored, so an answer cannot land after a finish (or
        past the deadline) has computed the score: a closed attempt raises AttemptClosed.
        """
        with transaction.atomic():
            current = Attempt.objects.select_for_update().get(pk=self.pk)
            if current.is_finished or current.is_past_deadline():
                raise AttemptClosed(self.pk)
            if question.pk not in current.question_ids:
                raise ValueError(f"question {question.pk} is not one of attempt {self.pk}'s questions")
            existing = self.responses.filter(question=question).first()
            if existing is not None:
                return existing, False
            graded = question.grade(answer)
            try:
                with transaction.atomic():
                    response = Response.objects.create(
                        attempt=self, question=question, answer=answer, **graded.stored()
                    )
            except IntegrityError:
                return self.responses.get(question=question), False
        return response, True

    def finish(self, *, timed_out: bool = False) -> None:
        """Close the attempt once: unanswered questions count as zero; a second finish changes nothing."""
        with transaction.atomic():
            current = Attempt.objects.select_for_update().get(pk=self.pk)
            if not current.is_finished:
                current.score = current.computed_score()
                current.finished_at = timezone.now()
                current.timed_out = timed_out
                current.save(update_fields=["score", "finished_at", "timed_out"])
                current.announce_score()
        self.score, self.finished_at, self.timed_out = current.score, current.finished_at, current.timed_out

    def computed_score(self) -> float:
        """The share of the attempt's questions earned, each answer at its final score (an educator's override
        where there is one); unanswered questions count as zero."""
        return self.share(self.responses.aggregate(total=models.Sum(FINAL_SCORE))["total"] or 0.0)

    def share(self, earned: float) -> float:
        """Marks earned as a share of the attempt's questions (each worth 1)."""
        return earned / len(self.question_ids) if self.question_ids else 0.0

    def rescore(self) -> None:
        """A finished attempt's score again, after a regrade or an override changed one of its answers; announced
        when it moved."""
        before, self.score = self.score, self.computed_score()
        self.save(update_fields=["score"])
        if before is None or abs(self.score - before) > 1e-9:
            self.announce_score()

    def announce_score(self) -> None:
        """Tell the rest of the site (quizzes/signals.py) once the transaction that set the score commits."""
        transaction.on_commit(lambda: attempt_scored.send(Attempt, attempt=self))


class AttemptClosed(Exception):
    """An answer reached an attempt that is finished or past its deadline."""


class AttemptLimitReached(Exception):
    """A new attempt was asked for after the quiz's attempt limit was used up."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_user(self, user: AnyUser) -> ResponseQuerySet:
        return self.filter(attempt__user=user) if user.is_authenticated else self.none()


class GradedAnswerRecord(models.Model):
    """What an answer keeps: the answer itself and its grading (quizzes.grading.GradedAnswer.stored())."""

    answer = models.JSONField(help_text="Choice ids, or the trainee's lines (code, units, modifiers).")
    score = models.FloatField()
    # The structured grading result, kept so feedback can be shown again without regrading.
    result = models.JSONField(default=dict)
    rule_scores = models.JSONField(default=dict)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Response(GradedAnswerRecord):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    # An educator's score for this answer (ScoreOverride keeps who, when, old, new and why). `score` stays what
    # grading computed, so a regrade changes it and the override still stands.
    override_score = models.FloatField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_response_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.question.position}: {self.score:.2f}"

    @property
    def final_score(self) -> float:
        return self.score if self.override_score is None else self.override_score

    def override(self, by: User, new_score: float, reason: str) -> ScoreOverride:
        """Set this answer's score by hand, with the reason trainees read; the attempt's score follows."""
        if not reason.strip():
            raise ValidationError({"reason": "Say why the score changes; the trainee reads it."})
        if not 0 <= new_score <= 1:
            raise ValidationError({"new_score": "A score lies between 0 and 1."})
        with transaction.atomic():
            current = Response.objects.select_for_update().get(pk=self.pk)
            entry = ScoreOverride.objects.create(
                response=current,
                changed_by=by,
                old_score=current.final_score,
                new_score=new_score,
                reason=reason,
            )
            current.override_score = new_score
            current.save(update_fields=["override_score"])
            attempt = Attempt.objects.select_for_update().get(pk=current.attempt_id)
            if attempt.is_finished:
                attempt.rescore()
        self.override_score = new_score
        return entry


class ScoreOverride(models.Model):
    """One hand change of an answer's score: the audit trail, apart from the computed score."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="overrides")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_score = models.FloatField()
    new_score = models.FloatField()
    reason = models.TextField()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.response}: {self.old_score:.2f} → {self.new_score:.2f}"


class RegradeQuerySet(models.QuerySet["Regrade"]):
    def applied_from(self, klass: Class, assignment: Assignment | None = None) -> RegradeQuerySet:
        """The regrades applied from this class's pages; with an assignment, those of the whole class and of
        that assignment (the ones that may have touched its attempts), not another assignment's."""
        mine = self.filter(klass=klass)
        if assignment is None:
            return mine
        return mine.filter(models.Q(assignment=None) | models.Q(assignment=assignment))


class Regrade(models.Model):
    """A regrade applied to a quiz's finished attempts: who, when, why, and each attempt's old and new score."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="regrades")
    # Where it was applied from: a class's results, narrowed to one assignment's attempts or not. Each class's
    # pages list only their own regrades, so a trainee in two classes does not carry one class's into the other.
    klass = models.ForeignKey(
        "classes.Class",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regrades",
        verbose_name="class",
    )
    assignment = models.ForeignKey(
        "assignments.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="regrades"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(default=timezone.now)
    never_lower = models.BooleanField(default=False)
    # [{"attempt": id, "old": score, "new": score}], the attempts whose score changed.
    changes = models.JSONField(default=list)

    objects = RegradeQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.quiz} regraded {self.applied_at:%Y-%m-%d %H:%M}"


class PracticeCaseQuerySet(models.QuerySet["PracticeCase"]):
    def for_user(self, user: AnyUser) -> PracticeCaseQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()


class PracticeCase(GradedAnswerRecord):
    """A random case (quizzes.generator) the trainee coded; kept for "My progress"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_cases"
    )
    family = models.CharField(max_length=4)
    seed = models.PositiveIntegerField()

    objects = PracticeCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "family", "seed"], name="one_practice_answer_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.family} #{self.seed}: {self.score:.2f}"

    @classmethod
    def record(cls, user: User, case: GeneratedCase, answer: dict[str, Any]) -> PracticeCase:
        """Grade a generated case (quizzes.generator) against the engine; a re-sent answer keeps the first."""
        given = [AnswerLine.from_dict(line) for line in answer["lines"]]
        key = code_encounter(case.encounter).as_json()["lines"]
        graded = grade_lines(case.encounter, key, given)
        try:
            with transaction.atomic():
                return cls.objects.create(
                    user=user,
                    family=case.family,
                    seed=case.seed,
                    answer=answer,
                    **graded.stored(),
                )
        except IntegrityError:
            return cls.objects.get(user=user, family=case.family, seed=case.seed)
