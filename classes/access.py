"""Who may manage a class, for the class views and the slices built on them (assignments, results).

A class that does not exist is a 404; one the user does not teach is a 403. "Teaches" is
`ClassQuerySet.taught_by`: its creator, its co-educators, and superusers.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from classes.models import Class
from quizzes.models import AnyUser


def taught_or_403(user: AnyUser, pk: int) -> Class:
    """Class `pk` when the user is one of its educators."""
    klass = get_object_or_404(Class, pk=pk)
    if not klass.is_taught_by(user):
        raise PermissionDenied("Only this class's educators see its roster.")
    return klass
