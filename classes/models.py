"""Classes: an educator's group of trainees, joined with a short code, and who is in it in which role.

Every "who teaches / who is in this class" question goes through `ClassQuerySet.taught_by` and `joined_by`
(classes/access.py turns them into 404s and 403s for views), so later slices (assignments, results) reuse them.
"""

from __future__ import annotations

import secrets
from enum import Enum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from quizzes.models import AnyUser

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V: letters and digits nobody misreads off a projector or a printout.
CODE_ALPHABET = "ACEFGHJKMNPRTWXY34679"
CODE_GROUPS = (3, 3)


def code_key(entered: str) -> str:
    """The form a code is looked up by: upper case, without the dash or any spaces a person typed."""
    return "".join(character for character in entered.upper() if character.isalnum())


def new_join_code() -> str:
    """A random code like XK7-4PM (6 characters of 21: about 86 million codes)."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(size)) for size in CODE_GROUPS)


class ClassQuerySet(models.QuerySet["Class"]):
    def taught_by(self, user: AnyUser) -> ClassQuerySet:
        """The classes the user teaches (created or co-teaches); a superuser teaches every class."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self._with_member(user, Membership.Role.EDUCATOR)

    def joined_by(self, user: AnyUser) -> ClassQuerySet:
        """The classes the user is a trainee in."""
        if not user.is_authenticated:
            return self.none()
        return self._with_member(user, Membership.Role.TRAINEE)

    def _with_member(self, user: User, role: str) -> ClassQuerySet:
        # A subquery, not a join: annotations over all of a class's memberships (with_trainee_counts) must not
        # see only the one row this filter matched.
        return self.filter(pk__in=Membership.objects.filter(user=user, role=role).values("klass"))

    def active(self) -> ClassQuerySet:
        return self.filter(archived=False)

    def with_code(self, entered: str) -> ClassQuerySet:
        """The class whose code this is, however it was typed (case, dash, spaces)."""
        key = code_key(entered)
        return self.filter(join_key=key) if key else self.none()

    def with_trainee_counts(self) -> ClassQuerySet:
        """Each class's number of trainees and the latest time one of them started or finished an attempt."""
        trainees = models.Q(memberships__role=Membership.Role.TRAINEE)
        started = models.Max("memberships__user__attempts__started_at", filter=trainees)
        finished = models.Max("memberships__user__attempts__finished_at", filter=trainees)
        return self.annotate(
            trainee_count=models.Count("memberships", filter=trainees, distinct=True),
            last_activity=latest(started, finished),
        )


def latest(started: models.Max, finished: models.Max) -> Greatest:
    """The later of the latest start and the latest finish, NULL only when there is no attempt at all (SQLite's
    GREATEST is NULL when either side is, so the finish falls back to the start)."""
    return Greatest(started, Coalesce(finished, started))


class Class(models.Model):
    name = models.CharField(max_length=120)
    # As shown (XK7-4PM); `join_key` is the same without its dash, what entered codes are matched against.
    join_code = models.CharField(max_length=20, unique=True)
    join_key = models.CharField(max_length=20, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="classes_created"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # An archived class takes no new trainees and is listed apart; its roster and its trainees' work stay.
    archived = models.BooleanField(default=False)

    objects = ClassQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "classes"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.join_key = code_key(self.join_code)
        super().save(*args, **kwargs)

    @classmethod
    def create_for(cls, educator: User, name: str, *, join_code: str | None = None) -> Class:
        """A new class with a fresh join code (or the one given), taught by `educator`."""
        for _ in range(20):
            try:
                with transaction.atomic():
                    new = cls.objects.create(
                        name=name, join_code=join_code or new_join_code(), created_by=educator
                    )
                    Membership.objects.create(klass=new, user=educator, role=Membership.Role.EDUCATOR)
                    return new
            except IntegrityError:
                if join_code:
                    raise
        raise RuntimeError("No free join code after 20 tries.")

    def is_taught_by(self, user: AnyUser) -> bool:
        return Class.objects.taught_by(user).filter(pk=self.pk).exists()

    def educators(self) -> list[User]:
        return [
            m.user for m in self.memberships.educators().select_related("user").order_by("joined_at", "pk")
        ]


class Joined(Enum):
    """What joining with a code did."""

    JOINED = "joined"
    ALREADY_IN = "already_in"
    TEACHES = "teaches"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def educators(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.EDUCATOR)

    def trainees(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.TRAINEE)


class Membership(models.Model):
    class Role(models.TextChoices):
        EDUCATOR = "educator", "Educator"
        TRAINEE = "trainee", "Trainee"

    # `class` is a keyword; `klass` is the usual spelling.
    klass = models.ForeignKey(
        Class, on_delete=models.CASCADE, related_name="memberships", verbose_name="class"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["klass", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["klass", "user"], name="one_membership_per_class_and_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.klass} ({self.role})"

    @classmethod
    def join(cls, user: User, klass: Class) -> Joined:
        """Make `user` a trainee of `klass`, once: a second join (even a simultaneous one) changes nothing."""
        try:
            with transaction.atomic():
                membership, created = cls.objects.get_or_create(
                    klass=klass, user=user, defaults={"role": cls.Role.TRAINEE}
                )
        except IntegrityError:
            membership, created = cls.objects.get(klass=klass, user=user), False
        if created:
            return Joined.JOINED
        return Joined.TEACHES if membership.role == cls.Role.EDUCATOR else Joined.ALREADY_IN
