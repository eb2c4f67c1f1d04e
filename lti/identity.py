"""Who a launch is: the user behind (issuer, subject), made on the first launch, their role here, and the class
of the course they came from.

A person is found by the pair (issuer, subject) only. An e-mail address is copied onto a new account for
display, never used to find one: two platforms (or a platform and our sign-up form) may share an address
without sharing a person.
"""

import hashlib

from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from classes.models import Class, Membership
from config.roles import EDUCATORS_GROUP
from lti.adapter import Course, Launch, Reason, Refusal
from lti.models import LtiCourse, LtiIdentity

USERNAME_BASE_LENGTH = 30


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
            identity = _new_identity(launch)
        else:
            identity.save(update_fields=["last_launch"])
        user = identity.user
        if not user.is_active:
            raise Refusal(Reason.ACCOUNT_CLOSED)
        if launch.is_instructor:
            user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user


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


def _new_identity(launch: Launch) -> LtiIdentity:
    user = User(
        username=_free_username(launch),
        first_name=launch.given_name[:150],
        last_name=launch.family_name[:150],
        email=launch.email[:254],
    )
    user.set_unusable_password()  # they sign in through their platform; a password reset can give them one
    try:
        with transaction.atomic():
            user.save()
            return LtiIdentity.objects.create(user=user, issuer=launch.issuer, subject=launch.subject)
    except IntegrityError:
        # Two first launches of the same person at once: the other one made the identity.
        existing = LtiIdentity.objects.select_related("user").filter(
            issuer=launch.issuer, subject=launch.subject
        )
        if not existing:
            raise
        return existing[0]


def _free_username(launch: Launch) -> str:
    """A readable name from the platform's (`tess-carter-3f9a1c`), with a tag from (issuer, subject).

    Only letters, digits and hyphens: the platform's names are free text. The tag keeps two people of the
    same name apart without a second try, and a number is added in the rare case the name is still taken.
    """
    words = " ".join(part for part in (launch.given_name, launch.family_name) if part) or launch.name
    base = slugify(words)[:USERNAME_BASE_LENGTH].strip("-") or "lti-user"
    tag = hashlib.sha256(f"{launch.issuer}\n{launch.subject}".encode()).hexdigest()[:6]
    username = f"{base}-{tag}"
    number = 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{tag}-{number}"
    return username
