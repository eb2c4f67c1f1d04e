"""The LTI parts of the class and assignment pages, drawn by the lti app so those apps need not know of it.

`{% lti_course_panel klass %}` on the class page: the course the class comes from, its roster sync and how its
grades stand, with "Sync roster" and "Send grades again". `{% grade_passback assignment %}` on an assignment's
page: each attempt's passback status. Both draw nothing for a class or assignment that is not the platform's.
"""

from typing import Any

from django import template
from django.db.models import Count

from assignments.models import Assignment
from classes.models import Class
from lti.models import LtiCourse, LtiLineItem, ScorePassback

register = template.Library()


@register.inclusion_tag("lti/includes/course_panel.html", takes_context=True)
def lti_course_panel(context: dict[str, Any], klass: Class) -> dict[str, Any]:
    course = LtiCourse.objects.filter(klass=klass).first()
    if course is None:
        return {"course": None}
    statuses = dict(
        ScorePassback.objects.filter(attempt__assignment__lti_line_item__course=course)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {
        "course": course,
        "klass": klass,
        "linked": course.line_items.count(),
        "passbacks": [
            (status, statuses[status.value]) for status in ScorePassback.Status if status.value in statuses
        ],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("lti/includes/grade_passback.html", takes_context=True)
def grade_passback(context: dict[str, Any], assignment: Assignment) -> dict[str, Any]:
    line = LtiLineItem.objects.filter(assignment=assignment).select_related("course").first()
    if line is None:
        return {"line": None}
    rows = (
        ScorePassback.objects.filter(attempt__assignment=assignment)
        .select_related("attempt__user")
        .order_by(
            "attempt__user__last_name", "attempt__user__first_name", "attempt__user__username", "-attempt__pk"
        )
    )
    return {
        "line": line,
        "assignment": assignment,
        "rows": rows,
        "csrf_token": context.get("csrf_token"),
    }
