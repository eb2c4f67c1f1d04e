"""Who a launch is: the user behind (issuer, subject), made on the first launch, their role here, and the class
of the course they came from.

A person is found by the pair (issuer, subject) only. An e-mail address is copied onto a new account for
display, never used to find one: two platforms (or a platform and our sign-up form) may share an address
without sharing a person.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from classes.models import Class, Membership
from config.roles import EDUCATORS_GROUP
from lti.adapter import Course, Launch, Member, Reason, Refusal, Services
from lti.models import LtiCourse, LtiIdentity

USERNAME_BASE_LENGTH = 30


@dataclass(frozen=True)
class Person:
    """Someone the platform vouches for, from a launch or a roster: who (issuer, subject) and their names."""

    issuer: str
    subject: str
    given_name: str = ""
    family_name: str = ""
    name: str = ""
    email: str = ""

    @classmethod
    def launching(cls, launch: Launch) -> "Person":
        return cls(
            launch.issuer, launch.subject, launch.given_name, launch.family_name, launch.name, launch.email
        )

    @classmethod
    def listed(cls, issuer: str, member: Member) -> "Person":
        return cls(issuer, member.user_id, member.given_name, member.family_name, member.name, member.email)


def user_for_launch(launch: Launch) -> User:
    """The launch's user, new on a first launch; an instructor launch puts them in the Educators group.

    A learner launch never takes anyone out of the group: the same person may teach one course and take
    another, and only an administrator removes an educator.
    """
    with transaction.atomic():
        identity = (
            LtiIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=launch.issuer, subject=launch.subject)
            .first()
        )
        if identity is None:
            identity = _new_identity(Person.launching(launch))
        else:
            identity.save(update_fields=["last_launch"])
        user = identity.user
        if not user.is_active:
            raise Refusal(Reason.ACCOUNT_CLOSED)
        if launch.is_instructor:
            make_educator(user)
    return user


def user_for_person(person: Person) -> User:
    """The user behind a roster's entry: found by (issuer, subject) like a launch, made if new (so a trainee is on
    the roster before their first launch, and that launch finds them)."""
    identity = LtiIdentity.objects.select_related("user").filter(issuer=person.issuer, subject=person.subject)
    return identity[0].user if identity else _new_identity(person).user


def make_educator(user: User) -> None:
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])


def class_for_launch(user: User, launch: Launch) -> Class | None:
    """The class of the launch's course, with the user in it: made on the course's first instructor launch
    (named for the course), which makes the instructor its educator; a learner joins it as a trainee.

    A learner launching a course no instructor has launched yet has no class to join (None): the welcome page
    says so. The platform's role decides for its course: an instructor who was a trainee of the class becomes
    one of its educators. An archived class still takes its course's launches (archiving stops join codes).
    """
    course = launch.course
    if not course.platform_id:
        return None
    with transaction.atomic():
        linked = LtiCourse.objects.select_related("klass").filter(
            issuer=course.issuer, context_id=course.platform_id
        )
        klass = linked[0].klass if linked else None
        if klass is None and launch.is_instructor:
            klass = _new_class(user, course)
        if klass is None:
            return None
        remember_services(klass.lti_course, launch.services)
        if launch.is_instructor:
            Membership.objects.update_or_create(
                klass=klass, user=user, defaults={"role": Membership.Role.EDUCATOR}
            )
        else:
            Membership.join(user, klass)
    return klass


def _new_class(user: User, course: Course) -> Class:
    name = (course.title or course.label or "Course from the platform")[:120]
    try:
        with transaction.atomic():
            klass = Class.create_for(user, name)
            LtiCourse.objects.create(issuer=course.issuer, context_id=course.platform_id, klass=klass)
            return klass
    except IntegrityError:
        # Two first instructor launches of one course at once: the other one made the class.
        return (
            LtiCourse.objects.select_related("klass")
            .get(issuer=course.issuer, context_id=course.platform_id)
            .klass
        )


def remember_services(course: LtiCourse, services: Services) -> None:
    """Keep where the course's services are, as the latest launch says; a launch that says nothing (a platform
    leaves the claims out of some launches) forgets nothing."""
    known = {
        "client_id": services.client_id,
        "lineitems_url": services.lineitems_url,
        "memberships_url": services.memberships_url,
        "grade_scopes": list(services.scopes),
    }
    changed = [name for name, value in known.items() if value and getattr(course, name) != value]
    for name in changed:
        setattr(course, name, known[name])
    if changed:
        course.save(update_fields=changed)


def _new_identity(person: Person) -> LtiIdentity:
    user = User(
        username=_free_username(person),
        first_name=person.given_name[:150],
        last_name=person.family_name[:150],
        email=person.email[:254],
    )
    user.set_unusable_password()  # they sign in through their platform; a password reset can give them one
    try:
        with transaction.atomic():
            user.save()
            return LtiIdentity.objects.create(user=user, issuer=person.issuer, subject=person.subject)
    except IntegrityError:
        # Two first launches of the same person at once: the other one made the identity.
        existing = LtiIdentity.objects.select_related("user").filter(
            issuer=person.issuer, subject=person.subject
        )
        if not existing:
            raise
        return existing[0]


def _free_username(person: Person) -> str:
    """A readable name from the platform's (`tess-carter-3f9a1c`), with a tag from (issuer, subject).

    Only letters, digits and hyphens: the platform's names are free text. The tag keeps two people of the
    same name apart without a second try, and a number is added in the rare case the name is still taken.
    """
    words = " ".join(part for part in (person.given_name, person.family_name) if part) or person.name
    base = slugify(words)[:USERNAME_BASE_LENGTH].strip("-") or "lti-user"
    tag = hashlib.sha256(f"{person.issuer}\n{person.subject}".encode()).hexdigest()[:6]
    username = f"{base}-{tag}"
    number = 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{tag}-{number}"
    return username
