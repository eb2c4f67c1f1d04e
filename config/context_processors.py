from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from config.roles import is_educator

# The navigation sections, by the URL prefix of their pages (the builder's sub-pages live under /builder/).
NAV_SECTIONS = (
    ("builder", "coding:builder"),
    ("reference", "coding:rules"),
    ("reference", "coding:codes"),
    ("quizzes", "quizzes:index"),
    ("educators", "authoring:home"),
    ("classes", "classes:index"),
    ("password", "password_change"),
)


def roles(request: HttpRequest) -> dict[str, object]:
    # Asked only by a template that shows it: a builder's htmx answer draws no navigation and saves two queries.
    return {"is_educator": SimpleLazyObject(lambda: is_educator(request.user))}


def navigation(request: HttpRequest) -> dict[str, str]:
    """The section of the site the page belongs to, so the navigation can mark it as current."""
    for section, url_name in NAV_SECTIONS:
        if request.path.startswith(reverse(url_name)):
            return {"nav_section": section}
    return {"nav_section": ""}
