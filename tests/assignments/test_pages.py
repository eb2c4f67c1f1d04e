"""The educators' assignment pages (assign, change, delete or close, allowances) and the trainees' My
assignments, as a person uses them without JavaScript."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.listing import Status, due_words, for_trainee
from assignments.models import Allowance, Assignment
from quizzes.models import Attempt, Quiz
from tests.factories import (
    AllowanceFactory,
    AssignmentFactory,
    MembershipFactory,
    QuizFactory,
    UserFactory,
    choice_question,
    trainee_with_attempts,
)

pytestmark = pytest.mark.django_db


def moment(days: float = 0) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_assigning_starts_from_the_quizs_own_settings(client, educator, klass):
    quiz = QuizFactory(
        title="Timed drill", created_by=educator, time_limit_minutes=15, attempt_limit=2, key_release="never"
    )
    client.force_login(educator)
    first = client.get(reverse("assignments:new", args=[klass.pk]))
    assert quiz in first.context["choice"].fields["quiz"].queryset and b'name="due_at"' not in first.content
    second = client.get(reverse("assignments:new", args=[klass.pk]), {"quiz": quiz.pk})
    initial = {
        name: second.context["form"][name].value()
        for name in ("time_limit_minutes", "attempt_limit", "key_release")
    }
    assert initial == {"time_limit_minutes": 15, "attempt_limit": 2, "key_release": "never"}


def test_an_educator_assigns_a_quiz_and_the_class_page_lists_it(client, educator, klass, class_trainee):
    quiz = QuizFactory(title="Timed drill", created_by=None)
    client.force_login(educator)
    data = {"quiz": quiz.pk, "opens_at": moment(), "due_at": moment(3), "key_release": "after_attempt"}
    response = client.post(reverse("assignments:new", args=[klass.pk]), data)
    assignment = Assignment.objects.get()
    assert response["Location"] == assignment.get_absolute_url()
    assert (assignment.klass, assignment.quiz, assignment.created_by) == (klass, quiz, educator)
    page = client.get(reverse("classes:detail", args=[klass.pk])).content.decode()
    assert "Timed drill" in page and "0 of 1</strong> trainee submitted" in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"due_at": moment(-1)}, "due_at"),
        ({"due_at": ""}, "due_at"),
        ({"key_release": "after_question", "quiz": "exam"}, "key_release"),
        ({"attempt_limit": "-1"}, "attempt_limit"),
    ],
    ids=["due before it opens", "no due date", "after each question on an exam", "a negative limit"],
)
def test_a_wrong_assignment_is_shown_again_with_its_error_and_nothing_saved(
    client, educator, klass, change, field
):
    practice = QuizFactory(created_by=educator)
    exam = QuizFactory(created_by=educator, mode=Quiz.Mode.EXAM, key_release="after_attempt")
    data = {
        "quiz": practice.pk,
        "opens_at": moment(),
        "due_at": moment(3),
        "key_release": "after_attempt",
    } | change
    data["quiz"] = exam.pk if data["quiz"] == "exam" else data["quiz"]
    client.force_login(educator)
    response = client.post(reverse("assignments:new", args=[klass.pk]), data)
    assert response.status_code == 422 and field in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_another_educators_quiz_cannot_be_assigned(client, educator, klass, other_educator):
    theirs = QuizFactory(created_by=other_educator)
    client.force_login(educator)
    data = {"quiz": theirs.pk, "opens_at": moment(), "due_at": moment(3), "key_release": "after_attempt"}
    response = client.post(reverse("assignments:new", args=[klass.pk]), data)
    assert response.status_code == 422 and "quiz" in response.context["choice"].errors
    assert not Assignment.objects.exists()


def test_changing_an_assignment_keeps_its_quiz(client, educator, klass, assignment):
    client.force_login(educator)
    data = {"opens_at": moment(-1), "due_at": moment(10), "time_limit_minutes": "45", "key_release": "never"}
    response = client.post(reverse("assignments:edit", args=[klass.pk, assignment.pk]), data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.time_limit_minutes, assignment.key_release) == (45, "never")


def test_an_assignment_nobody_started_is_deleted(client, educator, klass, assignment):
    client.force_login(educator)
    assert client.get(reverse("assignments:delete", args=[klass.pk, assignment.pk])).status_code == 200
    response = client.post(reverse("assignments:delete", args=[klass.pk, assignment.pk]))
    assert response["Location"] == reverse("classes:detail", args=[klass.pk])
    assert not Assignment.objects.exists()


def test_an_assignment_with_attempts_is_closed_never_deleted(
    client, educator, klass, assignment, class_trainee
):
    Attempt.start(class_trainee, assignment.quiz, assignment)
    client.force_login(educator)
    refused = client.post(reverse("assignments:delete", args=[klass.pk, assignment.pk]))
    assert refused.status_code == 409 and "Close it now" in refused.content.decode()
    client.post(reverse("assignments:close", args=[klass.pk, assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.closed_at is not None and assignment.attempts.count() == 1
    assert assignment.window_for(class_trainee.pk).refusal(timezone.now()) is not None


def test_an_allowance_is_kept_with_who_set_it_and_why_and_a_second_replaces_it(
    client, educator, co_educator, klass, assignment, class_trainee
):
    url = reverse("assignments:set_allowance", args=[klass.pk, assignment.pk])
    client.force_login(educator)
    client.post(url, {"trainee": class_trainee.pk, "multiplier": "1.5", "reason": "Accommodation on file"})
    client.force_login(co_educator)
    client.post(
        url, {"trainee": class_trainee.pk, "extended_due_at": moment(20), "reason": "Was ill all week"}
    )
    allowance = Allowance.objects.get()
    assert (allowance.multiplier, allowance.reason, allowance.set_by) == (
        None,
        "Was ill all week",
        co_educator,
    )
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "Was ill all week" in page and "Cora" in page


@pytest.mark.parametrize(
    "data",
    [
        {"multiplier": "1.5", "reason": ""},
        {"reason": "Ill"},
        {"multiplier": "0.5", "reason": "Less time?"},
        {"multiplier": "lots", "reason": "Ill"},
    ],
    ids=["no reason", "neither an extension nor a multiplier", "a multiplier that shortens", "not a number"],
)
def test_a_wrong_allowance_is_shown_again_with_its_error(
    client, educator, klass, assignment, class_trainee, data
):
    client.force_login(educator)
    response = client.post(
        reverse("assignments:set_allowance", args=[klass.pk, assignment.pk]),
        {"trainee": class_trainee.pk} | data,
    )
    assert response.status_code == 422 and response.context["allowance_form"].errors
    assert not Allowance.objects.exists()


def test_an_allowance_is_only_for_a_trainee_of_the_class(client, educator, klass, assignment, trainee):
    client.force_login(educator)
    url = reverse("assignments:set_allowance", args=[klass.pk, assignment.pk])
    response = client.post(url, {"trainee": trainee.pk, "multiplier": "2", "reason": "Ill"})
    assert response.status_code == 422 and "trainee" in response.context["allowance_form"].errors


def test_removing_an_allowance_puts_the_assignments_own_dates_back(
    client, educator, klass, assignment, class_trainee
):
    allowance = AllowanceFactory(assignment=assignment, trainee=class_trainee, multiplier=Decimal("2"))
    client.force_login(educator)
    client.post(reverse("assignments:remove_allowance", args=[klass.pk, assignment.pk, allowance.pk]))
    assert not Allowance.objects.exists()


def test_completion_counts_trainees_of_the_class_with_a_finished_attempt(
    client, educator, klass, assignment, class_trainee
):
    Attempt.start(class_trainee, assignment.quiz, assignment).finish()
    Attempt.start(class_trainee, assignment.quiz, assignment).finish()
    MembershipFactory(klass=klass, user=UserFactory(username="idle"))
    client.force_login(educator)
    page = client.get(assignment.get_absolute_url())
    assert (page.context["assignment"].submitted, page.context["trainee_count"]) == (1, 2)


@pytest.mark.parametrize("assignments", [1, 8])
def test_the_class_page_makes_the_same_queries_for_1_or_8_assignments(
    client, educator, klass, assignments, django_assert_num_queries
):
    for number in range(assignments):
        trainee_with_attempts(klass, f"t{number:02d}", scores=[0.5])
        AssignmentFactory(klass=klass)
    client.force_login(educator)
    # session, user, groups (the decorator's and the navigation's), the class, may-teach, roster, assignments,
    # educators, the quizzes its trainees finished, the platform's course it may come from
    with django_assert_num_queries(11):
        client.get(reverse("classes:detail", args=[klass.pk]))


# --- My assignments -------------------------------------------------------------------------------------------

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def at(days: float) -> datetime:
    return NOW + timedelta(days=days)


@pytest.mark.parametrize(
    ("opens", "due", "attempt", "status"),
    [
        (1, 3, None, Status.UPCOMING),
        (-1, 3, None, Status.OPEN),
        (-1, 3, "open", Status.IN_PROGRESS),
        (-1, 3, "finished", Status.SUBMITTED),
        (-3, -1, "finished", Status.SUBMITTED),
        (-3, -1, None, Status.MISSED),
    ],
)
def test_each_assignment_has_the_trainees_status(klass, class_trainee, opens, due, attempt, status):
    assignment = AssignmentFactory(klass=klass, opens_at=at(opens), due_at=at(due))
    if attempt:
        Attempt.objects.create(
            user=class_trainee,
            quiz=assignment.quiz,
            assignment=assignment,
            mode="practice",
            started_at=at(opens),
            finished_at=at(opens) if attempt == "finished" else None,
            score=0.5,
            deadline=at(due),
        )
    (row,) = for_trainee(class_trainee, now=NOW)
    assert row.status is status


def test_a_trainees_allowance_moves_their_own_dates_only(klass, class_trainee):
    assignment = AssignmentFactory(klass=klass, opens_at=at(-3), due_at=at(-1))
    AllowanceFactory(assignment=assignment, trainee=class_trainee, extended_due_at=at(2))
    other = UserFactory(username="other")
    MembershipFactory(klass=klass, user=other)
    (mine,) = for_trainee(class_trainee, now=NOW)
    (theirs,) = for_trainee(other, now=NOW)
    assert (mine.status, mine.window.due_at, mine.due_words) == (Status.OPEN, at(2), "due in 2\xa0days")
    assert (theirs.status, theirs.allowance) == (Status.MISSED, None)


@pytest.mark.parametrize(
    ("due", "words"),
    [(timedelta(days=3, hours=2), "due in 3\xa0days"), (-timedelta(hours=5), "was due 5\xa0hours ago")],
)
def test_due_dates_read_in_words(due, words):
    assert due_words(NOW + due, NOW) == words


def test_my_assignments_shows_class_quiz_dates_score_and_the_start_button(
    client, klass, class_trainee, assignment
):
    attempt = Attempt.start(class_trainee, assignment.quiz, assignment)
    attempt.finish()
    client.force_login(class_trainee)
    page = client.get(reverse("assignments:mine")).content.decode()
    assert "Concurrent or sequential" in page and "Tuesday cohort" in page and "Submitted" in page
    assert "Your best score: <strong>0%</strong>" in page and "Try again" in page
    assert f'<a href="{reverse("quizzes:results", args=[attempt.pk])}">Review' in page
    assert 'aria-current="page">My assignments' in page


def test_my_assignments_without_a_class_says_how_to_join(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("assignments:mine")).content.decode()
    assert "No assignments yet" in page and "My assignments</a>" not in page


@pytest.mark.parametrize("assignments", [1, 8])
def test_my_assignments_makes_the_same_queries_for_1_or_8_assignments(
    client, klass, class_trainee, assignments, django_assert_num_queries
):
    for _ in range(assignments):
        assignment = AssignmentFactory(klass=klass)
        choice_question(quiz=assignment.quiz)
        AllowanceFactory(assignment=assignment, trainee=class_trainee, multiplier=Decimal("1.5"))
        Attempt.start(class_trainee, assignment.quiz, assignment).finish()
    client.force_login(class_trainee)
    # session, user, the navigation's roles, assignments, allowances, attempts
    with django_assert_num_queries(6):
        client.get(reverse("assignments:mine"))


@pytest.mark.parametrize(
    ("extended", "multiplier", "words"),
    [
        (True, None, "an extension"),
        (False, Decimal("1.50"), "1.5 times the time"),
        (True, Decimal("2.00"), "an extension and 2 times the time"),
    ],
)
def test_an_allowance_says_what_it_gives(extended, multiplier, words):
    allowance = Allowance(extended_due_at=timezone.now() if extended else None, multiplier=multiplier)
    assert allowance.words() == words
