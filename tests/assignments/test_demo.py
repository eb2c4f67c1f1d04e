"""The demo class's two quizzes are assignments due before the demo day, every demo attempt carries its
assignment, and one trainee has an accommodation; made once, like the rest of the demo."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from assignments.models import Allowance, Assignment
from classes.demo import DEMO_DAY, DEMO_QUIZZES
from quizzes.models import Attempt

pytestmark = pytest.mark.django_db


def test_the_demo_quizzes_are_assignments_and_every_demo_attempt_is_in_its_window(settings):
    settings.DEBUG = True
    call_command("load_starter", stdout=None)
    call_command("load_starter", stdout=None)
    assignments = Assignment.objects.filter(klass__join_code="DEMO-24")
    assert sorted(assignments.values_list("quiz__slug", flat=True)) == sorted(DEMO_QUIZZES)
    assert all(assignment.due_at < DEMO_DAY for assignment in assignments)
    attempts = Attempt.objects.filter(user__username__startswith="demo-trainee-").select_related("assignment")
    assert attempts.exists() and not attempts.filter(assignment=None).exists()
    for attempt in attempts:
        window = attempt.assignment.window_for(attempt.user_id)
        assert window.opens_at <= attempt.started_at and attempt.finished_at < window.due_at
    (allowance,) = Allowance.objects.all()
    assert (
        allowance.multiplier == Decimal("1.5")
        and allowance.reason
        and allowance.trainee.username == "demo-trainee-07"
    )
