"""What a course's links open: the content an instructor picks through deep linking, and what a launch of one
of those links leads to.

A picked quiz becomes an assignment of the course's class with a gradebook column on the platform (an
LtiLineItem, out of 100: lti/passback.py sends the scores); a picked practice family is an ungraded link.
Each link carries its target in its custom parameters, which the platform hands back on every launch.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from assignments.forms import AssignmentForm
from assignments.models import Assignment
from classes.models import Class
from lti.adapter import Launch, LinkedContent
from lti.models import LtiCourse, LtiLineItem
from lti.passback import SCORE_MAXIMUM
from quizzes import generator

ASSIGNMENT = "assignment"  # the custom parameter naming an assignment's pk
PRACTICE = "practice"  # the custom parameter naming a practice family


def assign(klass: Class, form: AssignmentForm, educator: User, *, launch_url: str) -> LinkedContent:
    """The picked quiz assigned to the class, as a graded link whose column the platform makes."""
    course: LtiCourse = klass.lti_course  # only LTI classes have one
    with transaction.atomic():
        form.instance.klass = klass
        form.instance.created_by = educator
        assignment = form.save()
        line = LtiLineItem.objects.create(assignment=assignment, course=course)
    return LinkedContent(
        title=assignment.quiz.title,
        url=launch_url,
        custom={ASSIGNMENT: str(assignment.pk)},
        score_maximum=SCORE_MAXIMUM,
        resource_id=line.resource_id,
    )


def practise(family: str, *, launch_url: str) -> LinkedContent | None:
    """An ungraded link to a practice family; None for a family that does not exist."""
    if family not in generator.FAMILIES:
        return None
    title = f"Practice: {generator.FAMILIES[family]}"
    return LinkedContent(title=title, url=launch_url, custom={PRACTICE: family})


@dataclass(frozen=True)
class Opened:
    """What a resource launch opens: one of the class's assignments, a practice family, or the lab's front."""

    assignment_pk: int | None = None
    practice: str | None = None
    stale: bool = False  # the link names an assignment the class does not have (a copied course, say)


def opened(launch: Launch, klass: Class | None) -> Opened:
    """The launch's link resolved against the class; an assignment's column URL is kept when the launch has it."""
    if family := launch.custom.get(PRACTICE):
        return Opened(practice=family if family in generator.FAMILIES else None)
    named = launch.custom.get(ASSIGNMENT, "")
    if not named:
        return Opened()
    assignment = (
        Assignment.objects.filter(klass=klass, pk=int(named)).first() if klass and named.isdigit() else None
    )
    if assignment is None:
        return Opened(stale=True)
    if launch.lineitem_url:
        LtiLineItem.objects.filter(assignment=assignment).exclude(url=launch.lineitem_url).update(
            url=launch.lineitem_url
        )
    return Opened(assignment_pk=assignment.pk)
