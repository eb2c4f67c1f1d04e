"""Middleware of our own: odd characters in an address are a 404 before any view or query sees them."""

import unicodedata
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse


def has_odd_characters(text: str) -> bool:
    """True for control characters (NUL among them) and lone surrogates: no address of ours contains one."""
    return any(unicodedata.category(character) in {"Cc", "Cs"} for character in text)


def reject_odd_characters(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """404 for a path or query value with a control character, instead of a 500 from the database.

    PostgreSQL refuses text with a NUL byte, so a slug such as `/builder/shared/a%00b/` raised inside the
    query; every URL part (path, query names and values) is checked here once for all views.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        query = (part for key, values in request.GET.lists() for part in (key, *values))
        if has_odd_characters(request.path) or any(has_odd_characters(part) for part in query):
            raise Http404("That address has characters no page of ours uses.")
        return get_response(request)

    return middleware
