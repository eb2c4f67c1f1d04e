"""A course's roster from the platform (Names and Role Provisioning): everyone listed becomes a member of its
class in the role the platform gives them, before their first launch.

Instructors and administrators become educators of the class; learners its trainees. A learner the platform
lists as inactive or deleted leaves the class (their attempts stay theirs, as when an educator removes them);
an educator is never removed by a sync, since only the class's educators decide who teaches it. Someone the
roster lists in neither role (an observer, a guest) is left out.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from classes.models import Membership
from lti import adapter
from lti.identity import Person, make_educator, user_for_person
from lti.models import LtiCourse

ERROR_LENGTH = 500
# An instructor's launch reads the roster again when the last sync is older than this (a launch per page of
# the course must not read a roster each time); "Sync roster" on the class page reads it at once.
SYNC_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Synced:
    """What a sync changed, for the class page's message."""

    educators: int
    trainees: int
    removed: int

    def __str__(self) -> str:
        return f"{self.educators} educators, {self.trainees} trainees, {self.removed} removed"


def sync(course: LtiCourse) -> Synced:
    """Brings the class's roster in line with the platform's; a failure is kept on the course (roster_error) and
    raised as adapter.PlatformError, and changes nothing."""
    try:
        members = adapter.course_members(course.services)
    except adapter.PlatformError as error:
        course.roster_error = str(error)[:ERROR_LENGTH]
        course.save(update_fields=["roster_error"])
        raise
    educators = trainees = removed = 0
    klass = course.klass
    with transaction.atomic():
        for member in members:
            if not (member.is_instructor or member.is_learner):
                continue
            user = user_for_person(Person.listed(course.issuer, member))
            memberships = Membership.objects.filter(klass=klass, user=user)
            if not member.active:
                removed += memberships.trainees().delete()[0]
            elif member.is_instructor:
                Membership.objects.update_or_create(
                    klass=klass, user=user, defaults={"role": Membership.Role.EDUCATOR}
                )
                make_educator(user)
                educators += 1
            else:
                Membership.join(user, klass)
                trainees += 1
        course.roster_synced_at = timezone.now()
        course.roster_error = ""
        course.save(update_fields=["roster_synced_at", "roster_error"])
    return Synced(educators=educators, trainees=trainees, removed=removed)


def sync_soon(course: LtiCourse) -> None:
    """Queue a sync once the launch's transaction commits, if the course has a roster service and its last sync
    is not recent."""
    recent = course.roster_synced_at is not None and timezone.now() - course.roster_synced_at < SYNC_AFTER
    if course.memberships_url and not recent:
        transaction.on_commit(lambda: sync_in_background.enqueue(course.pk))


@task()
def sync_in_background(course_pk: int) -> str:
    """`sync` as a background task (on an instructor's launch, and the class page's "Sync roster")."""
    course = LtiCourse.objects.select_related("klass").get(pk=course_pk)
    try:
        return str(sync(course))
    except adapter.PlatformError as error:
        return f"failed: {error}"
