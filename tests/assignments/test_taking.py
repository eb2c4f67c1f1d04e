"""Taking a quiz through an assignment: the trainee's effective window and limits decide whether an attempt
starts, and an answer or a finish after the window is refused with words that say why, never lost silently."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from assignments.windows import OutsideWindow, Refusal
from quizzes.models import Attempt, AttemptLimitReached
from tests.factories import AllowanceFactory, finished_attempt

pytestmark = pytest.mark.django_db


def shift(assignment, *, opens=None, due=None, **fields):
    """Move the assignment's window relative to now (in minutes) and set other fields."""
    now = timezone.now()
    if opens is not None:
        assignment.opens_at = now + timedelta(minutes=opens)
    if due is not None:
        assignment.due_at = now + timedelta(minutes=due)
    for name, value in fields.items():
        setattr(assignment, name, value)
    assignment.save()
    return assignment


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_attempt_started_from_an_assignment_carries_it_and_ends_at_the_due_date(assignment, class_trainee):
    shift(assignment, due=90)
    attempt = Attempt.start(class_trainee, assignment.quiz, assignment)
    assert attempt.assignment == assignment
    assert attempt.deadline == assignment.due_at


def test_the_time_limit_is_the_assignments_widened_by_the_trainees_multiplier(assignment, class_trainee):
    shift(assignment, due=600, time_limit_minutes=20)
    AllowanceFactory(assignment=assignment, trainee=class_trainee, multiplier=Decimal("1.5"))
    attempt = Attempt.start(class_trainee, assignment.quiz, assignment)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=30)


@pytest.mark.parametrize(
    ("opens", "due", "refusal"), [(60, 120, Refusal.NOT_OPEN), (-120, -60, Refusal.PAST_DUE)]
)
def test_no_attempt_starts_outside_the_window(assignment, class_trainee, opens, due, refusal):
    shift(assignment, opens=opens, due=due)
    with pytest.raises(OutsideWindow) as refused:
        Attempt.start(class_trainee, assignment.quiz, assignment)
    assert refused.value.refusal is refusal
    assert not Attempt.objects.exists()


def test_an_extension_lets_a_trainee_start_after_the_due_date(assignment, class_trainee):
    shift(assignment, opens=-120, due=-60)
    AllowanceFactory(
        assignment=assignment, trainee=class_trainee, extended_due_at=timezone.now() + timedelta(days=1)
    )
    assert Attempt.start(class_trainee, assignment.quiz, assignment).assignment == assignment


def test_the_attempt_limit_counts_only_that_assignments_attempts(assignment, class_trainee):
    shift(assignment, attempt_limit=1)
    finished_attempt(class_trainee, assignment.quiz)  # on its own, outside the assignment
    finished = Attempt.start(class_trainee, assignment.quiz, assignment)
    finished.finish()
    with pytest.raises(AttemptLimitReached):
        Attempt.start(class_trainee, assignment.quiz, assignment)
    assert Attempt.start(class_trainee, assignment.quiz).assignment is None


def test_an_open_attempt_on_its_own_and_one_through_the_assignment_are_apart(assignment, class_trainee):
    alone = Attempt.start(class_trainee, assignment.quiz)
    assigned = Attempt.start(class_trainee, assignment.quiz, assignment)
    assert alone != assigned
    assert Attempt.start(class_trainee, assignment.quiz, assignment) == assigned


def test_start_refuses_before_the_opening_with_a_message_and_a_redirect(client, assignment, class_trainee):
    shift(assignment, opens=60 * 24, due=60 * 48)
    client.force_login(class_trainee)
    response = client.post(reverse("assignments:start", args=[assignment.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("assignments:mine")
    assert said(response)[0].startswith("“Concurrent or sequential” opens ")


def test_start_refuses_after_the_due_date_with_409_for_htmx(client, assignment, class_trainee):
    shift(assignment, opens=-120, due=-60)
    client.force_login(class_trainee)
    response = client.post(reverse("assignments:start", args=[assignment.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert "no attempt can be started after its due date" in response.content.decode()


def test_start_refuses_a_used_up_attempt_limit(client, assignment, class_trainee):
    shift(assignment, attempt_limit=1)
    Attempt.start(class_trainee, assignment.quiz, assignment).finish()
    client.force_login(class_trainee)
    response = client.post(reverse("assignments:start", args=[assignment.pk]))
    assert response.status_code == 302
    assert said(response) == ["You have used your one attempt. No new attempt was started."]


def test_start_opens_the_attempt_page(client, assignment, class_trainee):
    client.force_login(class_trainee)
    response = client.post(reverse("assignments:start", args=[assignment.pk]))
    attempt = Attempt.objects.get()
    assert response["Location"] == attempt.get_absolute_url() and attempt.assignment == assignment


def past_due(assignment, trainee) -> Attempt:
    """An attempt started in time whose assignment is due now passed: its deadline was the due date."""
    attempt = Attempt.start(trainee, assignment.quiz, assignment)
    shift(assignment, due=-1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=assignment.due_at)
    attempt.refresh_from_db()
    return attempt


def test_an_answer_after_the_due_date_is_refused_and_the_message_says_so(client, assignment, class_trainee):
    attempt = past_due(assignment, class_trainee)
    question = attempt.questions()[0]
    client.force_login(class_trainee)
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "choice": question.choices.first().pk},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "quizzes:results", args=[attempt.pk]
    )
    assert not attempt.responses.exists()
    (message,) = said(response)
    assert (
        message.startswith("This assignment was due ")
        and "answers sent after that are not recorded" in message
    )
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.timed_out


def test_a_finish_after_the_due_date_says_what_happened(client, assignment, class_trainee):
    attempt = past_due(assignment, class_trainee)
    client.force_login(class_trainee)
    response = client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert response.status_code == 302
    assert said(response)[0].startswith("This assignment was due ")
    attempt.refresh_from_db()
    assert attempt.timed_out


def test_a_time_limit_that_ran_out_before_the_due_date_says_time_ran_out(client, assignment, class_trainee):
    shift(assignment, time_limit_minutes=10)
    attempt = Attempt.start(class_trainee, assignment.quiz, assignment)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(class_trainee)
    response = client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert said(response) == ["Time ran out: answers after the limit are not recorded."]


def test_a_trainee_outside_the_class_cannot_start_its_assignment(client, assignment, trainee):
    client.force_login(trainee)
    assert client.post(reverse("assignments:start", args=[assignment.pk])).status_code == 404
