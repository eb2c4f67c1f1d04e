"""Assignments in a browser: an educator assigns a quiz to a class with a due date; a trainee finds it under My
assignments, takes it and reads its status; a second trainee, after the due date, is refused with the reason, and
an extension lets them in. Every page fits 1280, 800 and 390 px with no axe violation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from assignments.models import Assignment
from tests.e2e.conftest import PASSWORD
from tests.factories import MembershipFactory, QuizFactory, choice_question, taught_class

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_educator_assigns_a_quiz_a_trainee_takes_it_and_a_late_one_needs_an_extension(
    signed_in_page, make_user, look
):
    page = signed_in_page("edna", educator=True)
    klass = taught_class(make_user("edna", educator=True), name="Tuesday cohort")
    for username, name in (("nora", "Nora"), ("omar", "Omar")):
        trainee = make_user(username)
        trainee.first_name = name
        trainee.save()
        MembershipFactory(klass=klass, user=trainee)
    quiz = QuizFactory(title="Concurrent or sequential", created_by=None)
    choice_question(
        quiz=quiz, prompt="Two drugs run at once through one line. Which code reports the second?"
    )

    page.goto(f"/classes/{klass.pk}/")
    expect(page.get_by_role("heading", name="No assignments yet")).to_be_visible()
    page.get_by_role("link", name="Assign a quiz").click()
    page.get_by_label("Quiz").select_option(label="Concurrent or sequential")
    look(page, "assignments-choose-quiz")
    page.get_by_role("button", name="Next: dates and limits").click()
    page.get_by_label("Due").fill("")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    look(page, "assignments-new-errors")
    due = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status")).to_contain_text(
        "“Concurrent or sequential” is assigned to Tuesday cohort"
    )
    expect(page.get_by_text("0 of 2")).to_be_visible()
    look(page, "assignments-detail")
    page.get_by_role("link", name="Tuesday cohort").first.click()
    expect(page.get_by_role("link", name="Concurrent or sequential", exact=True)).to_be_visible()
    look(page, "assignments-class-page")
    sign_out(page)

    # Nora finds it under My assignments, takes it, and sees it submitted with her score.
    sign_in(page, "nora")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My assignments").click()
    card = page.locator(".my-assignment")
    expect(card).to_contain_text("Tuesday cohort")
    expect(card).to_contain_text("Due in 2 days")  # a few seconds under three days
    expect(card.locator(".status-badge")).to_have_text("Open")
    look(page, "assignments-mine-open")
    card.get_by_role("button", name="Start").click()
    page.get_by_label("96368").check()
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("button", name="See my results").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My assignments").click()
    expect(card.locator(".status-badge")).to_have_text("Submitted")
    expect(card).to_contain_text("Your best score: 100%")
    look(page, "assignments-mine-submitted")
    sign_out(page)

    # Omar opens My assignments while it is open; the due date passes before he presses Start.
    sign_in(page, "omar")
    page.goto("/assignments/")
    assignment = Assignment.objects.get()
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=timezone.now() - timedelta(days=2), due_at=timezone.now() - timedelta(minutes=5)
    )
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_role("status")).to_contain_text("“Concurrent or sequential” was due")
    expect(page.get_by_role("status")).to_contain_text("no attempt can be started after its due date")
    expect(card.locator(".status-badge")).to_have_text("Missed")
    look(page, "assignments-mine-missed")
    sign_out(page)

    # The educator gives Omar an extension, with the reason; he can start it again.
    sign_in(page, "edna")
    page.goto(assignment.get_absolute_url())
    page.get_by_label("Trainee").select_option(label="Omar (omar)")
    page.get_by_label("New due date").fill(
        (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Save the allowance").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Reason").fill("Was ill on the due date")
    page.get_by_role("button", name="Save the allowance").click()
    expect(page.get_by_role("status")).to_contain_text("Omar's allowance is saved")
    expect(page.get_by_role("cell", name="Was ill on the due date")).to_be_visible()
    look(page, "assignments-allowance")
    sign_out(page)

    sign_in(page, "omar")
    page.goto("/assignments/")
    expect(card).to_contain_text("Your educator gave you an extension")
    expect(card.locator(".status-badge")).to_have_text("Open")
    look(page, "assignments-mine-extended")
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Two drugs run at once through one line.")).to_be_visible()
