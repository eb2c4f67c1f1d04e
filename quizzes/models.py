"""Cases, questions, quizzes, and the attempts trainees make at them.

A case's answer key is what the engine says when the case is saved; an educator may override it, with a note
saying why. Grading lives in quizzes/grading.py; these models store what it returns.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

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

AnyUser = User | AnonymousUser


def rule_tag_errors(tags: object) -> list[str]:
    """What is wrong with a list of rule ids: each must name a rule the engine's rulebook knows (and has a page)."""
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return ["Rule tags are a list of rule ids, like R-E4."]
    return [f"“{tag}” is not a rule id; rule ids look like R-E4." for tag in tags if get_rule(tag) is None]


def engine_error_messages(error: EncounterError, encounter: object) -> list[str]:
    """The engine's complaints about an encounter, each led by where it is in words people use
    ("Administration 3 (a3), stop: …"), as every form of the site reports them."""
    return [f"{describe_loc(e['loc'], encounter)}: {e['msg']}" for e in error.errors]


class Case(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    narrative = models.TextField(help_text="The case as the trainee reads it, in our own words.")
    encounter = models.JSONField(help_text="The encounter in the encounter format (version 1).")
    rule_tags = models.JSONField(default=list, blank=True)
    # The engine's whole answer ({"rules_version", "setting", "lines", "notes"}), derived on every save.
    engine_result = models.JSONField(default=dict, editable=False)
    override_lines = models.JSONField(null=True, blank=True)
    override_note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

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


class QuizQuerySet(models.QuerySet["Quiz"]):
    def published(self) -> QuizQuerySet:
        return self.filter(published=True)

    def with_question_counts(self) -> QuizQuerySet:
        return self.annotate(question_count=models.Count("questions", distinct=True))


class Quiz(models.Model):
    class Mode(models.TextChoices):
        PRACTICE = "practice", "Practice: feedback after each question"
        EXAM = "exam", "Exam: feedback at the end"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PRACTICE)
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    published = models.BooleanField(default=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", args=[self.slug])

    @property
    def is_exam(self) -> bool:
        return self.mode == self.Mode.EXAM

    def covered_rules(self) -> set[str]:
        """The rules this quiz tests: its questions' tags plus the rules the engine's keys of its cases cite.
        The quiz page lists these and the results' "By rule" panel scores only these, so the two agree."""
        rules: set[str] = set()
        for question in self.questions.select_related("case"):
            rules.update(question.rule_tags)
            if question.case is not None:
                # The engine's lines, even under an override: they are the rules the case exercises.
                rules.update(line["rule"] for line in question.case.engine_result.get("lines", []))
        return rules


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple select"
        TRUE_FALSE = "true_false", "True or false"
        CODE_CASE = "code_case", "Code this case"
        BUILD_TIMELINE = "build_timeline", "Build this timeline"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)
    CASE_KINDS = (Kind.CODE_CASE, Kind.BUILD_TIMELINE)

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    rule_tags = models.JSONField(default=list)
    explanation = models.TextField(help_text="Shown after answering; cites the rule ids it relies on.")

    class Meta:
        ordering = ["quiz", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.position}"

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


class AttemptQuerySet(models.QuerySet["Attempt"]):
    def for_user(self, user: AnyUser) -> AttemptQuerySet:
        """Attempts are private: a trainee only ever reads their own."""
        return self.filter(user=user) if user.is_authenticated else self.none()

    def finished(self) -> AttemptQuerySet:
        return self.filter(finished_at__isnull=False)

    def open(self) -> AttemptQuerySet:
        return self.filter(finished_at__isnull=True)


class Attempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    mode = models.CharField(max_length=10, choices=Quiz.Mode.choices)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=models.Q(finished_at=None),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz} · {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", args=[self.pk])

    @classmethod
    def start(cls, user: User, quiz: Quiz) -> Attempt:
        """The user's open attempt at this quiz, or a new one; the mode and the time limit are fixed at start.

        At most one attempt per user and quiz is open (a constraint), so a double-clicked Start resumes the
        attempt the first click made instead of opening a second one.
        """
        with transaction.atomic():
            attempt = cls.objects.select_for_update().open().filter(user=user, quiz=quiz).first()
            if attempt is not None and attempt.is_past_deadline():
                attempt.finish(timed_out=True)
                attempt = None
            if attempt is not None:
                return attempt
            now = timezone.now()
            deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        user=user, quiz=quiz, mode=quiz.mode, started_at=now, deadline=deadline
                    )
            except IntegrityError:
                return cls.objects.open().get(user=user, quiz=quiz)

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

    def next_question(self) -> Question | None:
        answered = self.responses.values_list("question_id", flat=True)
        return self.quiz.questions.exclude(pk__in=answered).select_related("case").first()

    def record(self, question: Question, answer: dict[str, Any]) -> tuple[Response, bool]:
        """Grade and keep one answer; a re-sent answer to the same question returns the first one.

        The attempt's row is locked while the answer is stored, so an answer cannot land after a finish (or
        past the deadline) has computed the score: a closed attempt raises AttemptClosed.
        """
        with transaction.atomic():
            current = Attempt.objects.select_for_update().get(pk=self.pk)
            if current.is_finished or current.is_past_deadline():
                raise AttemptClosed(self.pk)
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
                total = self.quiz.questions.count()
                earned = self.responses.aggregate(total=models.Sum("score"))["total"] or 0.0
                current.score = earned / total if total else 0.0
                current.finished_at = timezone.now()
                current.timed_out = timed_out
                current.save(update_fields=["score", "finished_at", "timed_out"])
        self.score, self.finished_at, self.timed_out = current.score, current.finished_at, current.timed_out


class AttemptClosed(Exception):
    """An answer reached an attempt that is finished or past its deadline."""


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

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_response_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.question.position}: {self.score:.2f}"


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
