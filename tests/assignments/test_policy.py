"""An attempt through an assignment shows its key by the assignment's key release and the trainee's own due date
(an allowance moves it), not by the quiz's settings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes import policy
from quizzes.models import Attempt, Quiz
from tests.factories import AllowanceFactory

pytestmark = pytest.mark.django_db


def finished(assignment, trainee) -> Attempt:
    attempt = Attempt.start(trainee, assignment.quiz, assignment)
    attempt.finish()
    return Attempt.objects.select_related("quiz", "assignment").get(pk=attempt.pk)


@pytest.mark.parametrize(
    ("quiz_release", "assignment_release", "shown"),
    [
        (Quiz.KeyRelease.AFTER_ATTEMPT, Quiz.KeyRelease.NEVER, False),
        (Quiz.KeyRelease.NEVER, Quiz.KeyRelease.AFTER_ATTEMPT, True),
        (Quiz.KeyRelease.AFTER_ATTEMPT, Quiz.KeyRelease.AFTER_DUE, False),
    ],
)
def test_the_assignments_key_release_decides_not_the_quizs(
    assignment, class_trainee, quiz_release, assignment_release, shown
):
    Quiz.objects.filter(pk=assignment.quiz_id).update(key_release=quiz_release)
    assignment.key_release = assignment_release
    assignment.save()
    assert policy.key_visible(finished(assignment, class_trainee)) is shown


def test_after_the_due_date_means_the_trainees_own_due_date(assignment, class_trainee):
    assignment.key_release = Quiz.KeyRelease.AFTER_DUE
    assignment.save()
    allowance = AllowanceFactory(
        assignment=assignment, trainee=class_trainee, extended_due_at=assignment.due_at + timedelta(days=2)
    )
    attempt = finished(assignment, class_trainee)
    after_the_class = assignment.due_at + timedelta(days=1)
    assert not policy.key_visible(attempt, now=after_the_class)
    assert policy.key_visible(attempt, now=allowance.extended_due_at)
    assert "after the due date" in policy.key_release_message(attempt, now=after_the_class)


def test_the_quiz_page_allowance_counts_only_attempts_made_on_their_own(assignment, class_trainee):
    finished(assignment, class_trainee)
    assert policy.allowance(assignment.quiz, class_trainee).used == 0
    assert policy.allowance(assignment.quiz, class_trainee, assignment).used == 1


def test_an_assignment_past_due_offers_no_new_attempt(assignment, class_trainee):
    finished(assignment, class_trainee)
    assignment.opens_at = timezone.now() - timedelta(days=3)
    assignment.due_at = timezone.now() - timedelta(days=1)
    assignment.save()
    allowance = policy.allowance(assignment.quiz, class_trainee, assignment)
    assert not allowance.can_start and allowance.status == "This assignment is not open for new attempts."
