"""Who may do what: trainees are every signed-in user; educators are members of one group."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from config.http import HtmxHttpRequest

EDUCATORS_GROUP = "Educators"

View = Callable[..., HttpResponse]


def is_educator(user: User | AnonymousUser) -> bool:
    if not isinstance(user, User):
        return False
    return user.is_superuser or user.groups.filter(name=EDUCATORS_GROUP).exists()


def educator_required(view: View) -> View:
    """Anonymous visitors are sent to sign in; signed-in users outside the Educators group get a 403."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_educator(request.user):
            raise PermissionDenied("The educators' pages are for educators.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)
