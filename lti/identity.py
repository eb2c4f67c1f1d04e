"""Who a launch is: the user behind (issuer, subject), made on the first launch, and their role here.

A person is found by the pair (issuer, subject) only. An e-mail address is copied onto a new account for
display, never used to find one: two platforms (or a platform and our sign-up form) may share an address
without sharing a person.
"""

import hashlib

from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from config.roles import EDUCATORS_GROUP
from lti.adapter import Course, Launch, Reason, Refusal
from lti.models import LtiIdentity

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


def class_for_course(user: User, course: Course) -> Course:
    """The course → class step, the one place a platform's course meets our classes.

    No course is linked to a class yet, so the course is what the launch page shows (django-lti keeps its
    record, `lti_tool.LtiContext`). This is where the link goes: find the class of (issuer, deployment,
    course id), make it on an instructor's launch (`classes.models.Class.create_for`), and give the user their
    membership in it, educator or trainee (`Membership.join`); the launch page then points at the class.
    """
    return course


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
