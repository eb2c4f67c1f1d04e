"""Who may read and change a case, question or quiz in the Educators area, for views behind @educator_required.

Every check goes through the models' `visible_to_educator` and `editable_by` (quizzes.models.OwnedQuerySet): a
row that does not exist is a 404; one the educator may not read or change is a 403.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from config.http import HtmxHttpRequest
from quizzes.models import AnyUser, Owned, OwnedQuerySet

Row = TypeVar("Row", bound=Owned)


def signed_in(request: HtmxHttpRequest) -> User:
    """The educator of a view behind @educator_required (which sends anyone else away first)."""
    assert isinstance(request.user, User), "only for views behind @educator_required"
    return request.user


def _rows(model: type[Owned]) -> OwnedQuerySet[Any]:
    rows: OwnedQuerySet[Any] = model._default_manager.all()  # type: ignore[assignment]
    return rows


def visible_or_403(model: type[Row], user: AnyUser, pk: int) -> Row:
    """Row `pk` when the educator may read it: theirs, a co-educator's, or the starter bank's."""
    row: Row = get_object_or_404(model, pk=pk)
    if not _rows(model).visible_to_educator(user).filter(pk=pk).exists():
        raise PermissionDenied("Another educator's work is theirs to show.")
    return row


def editable_or_403(model: type[Row], user: AnyUser, pk: int) -> Row:
    """Row `pk` when the educator may change it (theirs or a co-educator's); a starter row is read-only."""
    row: Row = get_object_or_404(model, pk=pk)
    if not row.is_editable_by(user):
        raise PermissionDenied("Only its author changes this; starter content can be duplicated.")
    return row


def editable_ids(model: type[Owned], user: AnyUser, shown: Sequence[Owned]) -> set[int]:
    """Which of the rows shown the educator may change, in one query."""
    editable = _rows(model).editable_by(user).filter(pk__in=[row.pk for row in shown])
    return set(editable.values_list("pk", flat=True))
