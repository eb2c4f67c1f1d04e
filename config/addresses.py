"""`reversed_once`: an address worked out once per process rather than on every page that shows it.

Django's reverse walks the URL resolver each call (tens of microseconds); the navigation and the builder's
cards ask for the same few names on every request.
"""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@cache
def _reversed(name: str, args: tuple[str, ...], prefix: str, urlconf: str) -> str:
    """Keyed by the script prefix too: reverse puts it in front of every address, so it is part of the answer
    though unused here."""
    return reverse(name, args=args, urlconf=urlconf)


def reversed_once(name: str, *args: str) -> str:
    """reverse(name, args=args), cached for the current script prefix and URL conf."""
    return _reversed(name, args, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
