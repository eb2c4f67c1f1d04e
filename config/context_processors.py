import functools

from django.contrib.auth.models import Group, User
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from classes.models import Membership
from config.addresses import reversed_once
from config.roles import EDUCATORS_GROUP

# The navigation sections, by the URL prefix of their pages (the builder's sub-pages live under /builder/).
NAV_SECTIONS = (
    ("builder", "coding:builder"),
    ("reference", "coding:rules"),
    ("reference", "coding:codes"),
    ("quizzes", "quizzes:index"),
    ("educators", "authoring:home"),
    ("classes", "classes:index"),
    ("assignments", "assignments:mine"),
    ("password", "password_change"),
)


def roles(request: HttpRequest) -> dict[str, object]:
    """Whether the user is an educator (config.roles.is_educator) and a trainee in some class (My assignments in
    the navigation), in one query, asked only when a template shows either: a builder's htmx answer draws no
    navigation and makes no query for it."""
    flags = functools.cache(lambda: _role_flags(request.user))
    return {
        "is_educator": SimpleLazyObject(lambda: flags()["is_educator"]),
        "in_a_class": SimpleLazyObject(lambda: flags()["in_a_class"]),
    }


def _role_flags(user: object) -> dict[str, bool]:
    if not isinstance(user, User):
        return {"is_educator": False, "in_a_class": False}
    flags = (
        User.objects.filter(pk=user.pk)
        .values(
            educator=Exists(Group.objects.filter(user=OuterRef("pk"), name=EDUCATORS_GROUP)),
            trainee=Exists(Membership.objects.trainees().filter(user=OuterRef("pk"))),
        )
        .first()
    ) or {"educator": False, "trainee": False}
    return {"is_educator": user.is_superuser or flags["educator"], "in_a_class": flags["trainee"]}


def navigation(request: HttpRequest) -> dict[str, str]:
    """The section of the site the page belongs to, so the navigation can mark it as current."""
    for section, url_name in NAV_SECTIONS:
        if request.path.startswith(reversed_once(url_name)):
            return {"nav_section": section}
    return {"nav_section": ""}
