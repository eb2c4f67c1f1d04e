"""Assignments: a quiz set for a class with its own window, limits and key release, and per-trainee allowances
(an extension, an accommodation multiplier, or both, always with a reason)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from assignments.windows import Window, effective_window
from classes.models import Class, Membership
from quizzes.models import Quiz


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def for_trainee(self, user: User) -> AssignmentQuerySet:
        """The assignments of every class the user is a trainee in."""
        return self.filter(klass__in=Class.objects.joined_by(user))

    def with_submissions(self) -> AssignmentQuerySet:
        """Each assignment's number of current trainees with a finished attempt at it."""
        trainees = Membership.objects.trainees().filter(klass=models.OuterRef("klass")).values("user")
        submitted = models.Q(attempts__finished_at__isnull=False, attempts__user__in=trainees)
        return self.annotate(
            submitted=models.Count("attempts__user", filter=submitted, distinct=True),
            attempt_count=models.Count("attempts", distinct=True),
        )


class Assignment(models.Model):
    klass = models.ForeignKey(
        Class, on_delete=models.CASCADE, related_name="assignments", verbose_name="class"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="assignments")
    opens_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for no limit.")
    attempt_limit = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for no limit.")
    key_release = models.CharField(max_length=20, choices=Quiz.KeyRelease.choices)
    # Closing ends the window for everyone at once (an assignment with attempts is closed, never deleted).
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="assignments_created"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.klass}"

    def get_absolute_url(self) -> str:
        return reverse("assignments:detail", args=[self.klass_id, self.pk])

    def clean(self) -> None:
        if self.opens_at and self.due_at and self.due_at <= self.opens_at:
            raise ValidationError({"due_at": "The due date must come after the opening."})
        if self.key_release == Quiz.KeyRelease.AFTER_QUESTION and self.quiz_id and self.quiz.is_exam:
            raise ValidationError(
                {"key_release": "An exam shows nothing before its end: choose another moment."}
            )

    def window(self, allowance: Allowance | None = None) -> Window:
        return effective_window(
            self.opens_at,
            self.due_at,
            self.time_limit_minutes,
            self.attempt_limit,
            extended_due_at=allowance.extended_due_at if allowance else None,
            multiplier=allowance.multiplier if allowance else None,
            closed_at=self.closed_at,
        )

    def window_for(self, user_id: int | None) -> Window:
        """The trainee's effective window (one query for their allowance)."""
        return self.window(self.allowances.filter(trainee_id=user_id).first())


class Allowance(models.Model):
    """One trainee's extension or accommodation on one assignment, with who set it, when and why."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="allowances")
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="allowances")
    extended_due_at = models.DateTimeField(null=True, blank=True, verbose_name="extended due date")
    multiplier = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.01")), MaxValueValidator(Decimal("4"))],
        help_text="Widens the timer and the window alike, for example 1.5.",
    )
    reason = models.CharField(max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="allowances_set"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assignment", "trainee__username"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "trainee"], name="one_allowance_per_trainee"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.assignment}"

    def words(self) -> str:
        """What it gives, in words: "an extension", "1.5 times the time", or both."""
        parts = ["an extension"] if self.extended_due_at else []
        if self.multiplier is not None:
            parts.append(f"{self.multiplier.normalize():f} times the time")
        return " and ".join(parts)

    def clean(self) -> None:
        if self.extended_due_at is None and self.multiplier is None:
            raise ValidationError("Give an extended due date, a multiplier, or both.")
