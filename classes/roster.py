"""A class's roster: each trainee with their finished attempts at the class's assignments, mean score and last
activity, in one query, sorted by any column through a `?sort=` parameter (`score`, or `-score` for highest first)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Lower, NullIf, Trim

from classes.models import Class, Membership, latest

# Column key: (heading, the annotation or field it sorts by, the first direction a click asks for).
COLUMNS: dict[str, tuple[str, str, str]] = {
    "name": ("Trainee", "sort_name", ""),
    "joined": ("Joined", "joined_at", "-"),
    "attempts": ("Attempts finished", "finished_attempts", "-"),
    "score": ("Mean score", "mean_score", "-"),
    "activity": ("Last activity", "last_activity", "-"),
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @classmethod
    def parse(cls, value: str | None) -> Sort:
        """A `?sort=` value; anything unknown sorts by name."""
        value = value or DEFAULT_SORT
        key = value.removeprefix("-")
        if key not in COLUMNS:
            return cls(DEFAULT_SORT, descending=False)
        return cls(key, descending=value.startswith("-"))

    @property
    def value(self) -> str:
        return f"{'-' if self.descending else ''}{self.key}"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    sort: str  # the `?sort=` value its heading links to
    aria_sort: str  # "ascending", "descending", or "" when the roster is not sorted by it


def columns(current: Sort) -> list[Column]:
    """The roster's headings: each links to its own sort, and the current one to the other direction."""
    shown = []
    for key, (heading, _, first) in COLUMNS.items():
        if key == current.key:
            link = Sort(key, descending=not current.descending).value
            aria = "descending" if current.descending else "ascending"
        else:
            link, aria = f"{first}{key}", ""
        shown.append(Column(key, heading, link, aria))
    return shown


def trainees(klass: Class, sort: Sort) -> models.QuerySet[Membership]:
    """The class's trainee memberships with their user and their work, in one query however many there are.

    Only attempts started from this class's assignments count: not a trainee's practice, nor another class's work."""
    ours = models.Q(user__attempts__assignment__klass=klass)
    finished = ours & models.Q(user__attempts__finished_at__isnull=False)
    name = models.functions.Concat("user__first_name", models.Value(" "), "user__last_name")
    rows = (
        klass.memberships.trainees()
        .select_related("user")
        .annotate(
            finished_attempts=models.Count("user__attempts", filter=finished),
            mean_score=models.Avg("user__attempts__score", filter=finished),
            last_activity=latest(
                models.Max("user__attempts__started_at", filter=ours),
                models.Max("user__attempts__finished_at", filter=ours),
            ),
            sort_name=Lower(
                models.functions.Coalesce(NullIf(Trim(name), models.Value("")), "user__username")
            ),
        )
    )
    field = models.F(COLUMNS[sort.key][1])
    order = field.desc(nulls_last=True) if sort.descending else field.asc(nulls_last=True)
    return rows.order_by(order, "sort_name", "pk")
