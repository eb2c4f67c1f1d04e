"""Assignments: educators set a quiz for a class (window, limits, key release), follow its completion, grant
allowances, and close or delete it; trainees see "My assignments" and start or resume through one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import listing
from assignments.forms import AllowanceForm, AssignmentForm, QuizChoiceForm
from assignments.models import Assignment
from assignments.windows import OutsideWindow, Refusal
from authoring.access import signed_in
from classes.access import taught_or_403
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes import policy
from quizzes.models import Attempt, AttemptLimitReached

# --- educators ---------------------------------------------------------------------------------------------


def _assignment(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> Assignment:
    """Assignment `assignment_pk` of class `pk`, when the user teaches that class."""
    klass = taught_or_403(request.user, pk)
    return get_object_or_404(klass.assignments.select_related("quiz", "klass"), pk=assignment_pk)


@educator_required
@require_http_methods(["GET", "POST"])
def new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Assign a quiz: first which quiz (a GET form), then its window and limits, starting from the quiz's own."""
    klass = taught_or_403(request.user, pk)
    data = request.POST if request.method == "POST" else request.GET
    choice = QuizChoiceForm(
        data if request.method == "POST" or "quiz" in data else None, educator=signed_in(request)
    )
    if not choice.is_valid():
        context = {"klass": klass, "choice": choice}
        return render_page(request, "assignments/new.html", context, status=form_status(choice))
    quiz = choice.cleaned_data["quiz"]
    form = AssignmentForm(request.POST if request.method == "POST" else None, quiz=quiz)
    if request.method == "POST" and form.is_valid():
        form.instance.klass = klass
        form.instance.created_by = signed_in(request)
        assignment = form.save()
        messages.success(
            request, f"“{quiz.title}” is assigned to {klass.name}, due {policy.when(assignment.due_at)}."
        )
        return redirect_to(request, assignment.get_absolute_url())
    context = {"klass": klass, "choice": choice, "quiz": quiz, "form": form}
    return render_page(request, "assignments/new.html", context, status=form_status(form))


def _detail_page(
    request: HtmxHttpRequest, assignment: Assignment, allowance_form: AllowanceForm | None = None
) -> HttpResponse:
    klass = assignment.klass
    allowance_form = allowance_form or AllowanceForm(assignment=assignment)
    context = {
        "klass": klass,
        # with its `submitted` and `attempt_count`
        "assignment": listing.for_class(klass).get(pk=assignment.pk),
        "trainee_count": klass.memberships.trainees().count(),
        "allowances": [
            (allowance, assignment.window(allowance))
            for allowance in assignment.allowances.select_related("trainee", "set_by")
        ],
        "allowance_form": allowance_form,
    }
    return render_page(request, "assignments/detail.html", context, status=form_status(allowance_form))


@educator_required
@require_GET
def detail(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    return _detail_page(request, _assignment(request, pk, assignment_pk))


@educator_required
@require_http_methods(["GET", "POST"])
def edit(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    assignment = _assignment(request, pk, assignment_pk)
    form = AssignmentForm(
        request.POST if request.method == "POST" else None, instance=assignment, quiz=assignment.quiz
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, "The assignment's dates and limits are saved; attempts already started keep theirs."
        )
        return redirect_to(request, assignment.get_absolute_url())
    context = {"klass": assignment.klass, "assignment": assignment, "form": form}
    return render_page(request, "assignments/edit.html", context, status=form_status(form))


@educator_required
@require_http_methods(["GET", "POST"])
def delete(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """Delete an assignment nobody has started (after a confirmation page); one with attempts is closed instead,
    so no trainee's work loses its assignment."""
    assignment = _assignment(request, pk, assignment_pk)
    started = assignment.attempts.exists()
    if request.method == "POST" and not started:
        assignment.delete()
        messages.success(request, f"The assignment of “{assignment.quiz.title}” is deleted.")
        return redirect_to(request, reverse("classes:detail", args=[pk]))
    context = {"klass": assignment.klass, "assignment": assignment, "started": started}
    return render_page(
        request,
        "assignments/delete.html",
        context,
        status=409 if started and request.method == "POST" else 200,
    )


@educator_required
@require_POST
def close(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """End the window now for everyone; attempts already started run to their own end."""
    assignment = _assignment(request, pk, assignment_pk)
    if assignment.closed_at is None:
        assignment.closed_at = timezone.now()
        assignment.save(update_fields=["closed_at"])
    messages.success(
        request, "The assignment is closed: nobody can start it any more. Its attempts are kept."
    )
    return redirect_to(request, assignment.get_absolute_url())


@educator_required
@require_POST
def set_allowance(request: HtmxHttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    assignment = _assignment(request, pk, assignment_pk)
    form = AllowanceForm(request.POST, assignment=assignment)
    if not form.is_valid():
        return _detail_page(request, assignment, form)
    allowance = form.save_for(signed_in(request))
    trainee = allowance.trainee.get_full_name() or allowance.trainee.username
    messages.success(
        request, f"{trainee}'s allowance is saved: due {policy.when(assignment.window(allowance).due_at)}."
    )
    return redirect_to(request, assignment.get_absolute_url())


@educator_required
@require_POST
def remove_allowance(
    request: HtmxHttpRequest, pk: int, assignment_pk: int, allowance_pk: int
) -> HttpResponse:
    assignment = _assignment(request, pk, assignment_pk)
    allowance = get_object_or_404(assignment.allowances.select_related("trainee"), pk=allowance_pk)
    allowance.delete()
    trainee = allowance.trainee.get_full_name() or allowance.trainee.username
    messages.success(
        request, f"{trainee}'s allowance is removed: the assignment's own dates apply to them again."
    )
    return redirect_to(request, assignment.get_absolute_url())


# --- trainees ----------------------------------------------------------------------------------------------


def _my_assignments(request: HtmxHttpRequest, status: int = 200) -> HttpResponse:
    context: dict[str, object] = {"rows": listing.for_trainee(signed_in(request))}
    return render_page(request, "assignments/mine.html", context, status=status)


@login_required
@require_GET
def mine(request: HtmxHttpRequest) -> HttpResponse:
    return _my_assignments(request)


REFUSALS = {
    Refusal.NOT_OPEN: "“{quiz}” opens {opens}: it cannot be started before then.",
    Refusal.PAST_DUE: "“{quiz}” was due {due}: no attempt can be started after its due date.",
}


@login_required
@require_POST
def start(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Start (or resume) an assignment's attempt, under the trainee's own window and limits."""
    user = signed_in(request)
    assignment = get_object_or_404(Assignment.objects.for_trainee(user).select_related("quiz"), pk=pk)
    try:
        attempt = Attempt.start(user, assignment.quiz, assignment)
    except AttemptLimitReached as refused:
        messages.error(request, f"{policy.used_up(refused.limit)} No new attempt was started.")
    except OutsideWindow as refused:
        words = {
            "quiz": assignment.quiz.title,
            "opens": policy.when(refused.window.opens_at),
            "due": policy.when(refused.window.due_at),
        }
        messages.error(request, REFUSALS[refused.refusal].format(**words))
    else:
        return redirect_to(request, attempt.get_absolute_url())
    if request.htmx:
        return _my_assignments(request, status=409)
    return redirect_to(request, reverse("assignments:mine"))
