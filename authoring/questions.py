"""The question editor: write a question of any kind, edit it (a new version once trainees answered it), and
duplicate one (the starter bank's questions are read-only and duplicated to change).

Saving goes through `Question.revise`, so an answered version is never changed under its answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from authoring.question_forms import QuestionForm, initial_for, rows_for, suggested_rules
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes.models import Case, Question, Quiz, unique_slug
from quizzes.views import signed_in


def visible_question(request: HtmxHttpRequest, pk: int) -> Question:
    """A question the educator may read (theirs or the starter bank's); another educator's is a 403."""
    question = get_object_or_404(Question.objects.select_related("case", "quiz"), pk=pk)
    if not Question.objects.visible_to_educator(request.user).filter(pk=pk).exists():
        raise PermissionDenied("Another educator's question is theirs to change.")
    return question


def _get_pk(request: HtmxHttpRequest, name: str) -> int:
    """A pk from the query string; anything else matches nothing."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else 0


@educator_required
@require_http_methods(["GET", "POST"])
def question_new(request: HtmxHttpRequest) -> HttpResponse:
    user = signed_in(request)
    if request.method == "POST":
        form = QuestionForm(request.POST, user=user, add_row="add_choice" in request.POST)
        if form.is_valid():
            question = _create(form, user)
            messages.success(request, "Question saved.")
            return redirect_to(request, reverse("authoring:question_edit", args=[question.pk]))
    else:
        form = QuestionForm(initial=_new_initial(request), user=user)
    return _render_editor(request, form, None)


def _new_initial(request: HtmxHttpRequest) -> dict[str, object]:
    """`?quiz=`, `?case=` and `?kind=` preset the new question; a case's rules are suggested as its tags."""
    case = Case.objects.visible_to_educator(request.user).filter(pk=_get_pk(request, "case")).first()
    quiz = Quiz.objects.editable_by(request.user).filter(pk=_get_pk(request, "quiz")).first()
    kind = request.GET.get("kind", "")
    if kind not in Question.Kind.values:
        kind = Question.Kind.CODE_CASE if case else Question.Kind.SINGLE
    initial: dict[str, object] = {
        "kind": kind,
        "case": case,
        "quiz": quiz,
        "rule_tags": suggested_rules(case),
    }
    if kind == Question.Kind.TRUE_FALSE:
        initial |= {"choice_0_text": "True", "choice_1_text": "False"}
    return initial


def _create(form: QuestionForm, user: User) -> Question:
    fields = form.revision()
    quiz: Quiz | None = fields["quiz"]
    with transaction.atomic():
        question = Question.objects.create(
            slug=unique_slug(Question, fields["prompt"][:50]),
            position=quiz.next_position() if quiz else 0,
            created_by=user,
            **fields,
        )
        question.revise(choices=form.cleaned_data["choice_list"])
    return question


@educator_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = visible_question(request, pk)
    if not question.is_current:
        current = get_object_or_404(Question.objects.current(), slug=question.slug)
        return redirect("authoring:question_edit", current.pk)
    user = signed_in(request)
    editable = question.is_editable_by(user)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Starter questions are read-only: duplicate one to change it.")
        form = QuestionForm(
            request.POST, user=user, add_row="add_choice" in request.POST, keep_case=question.case
        )
        if form.is_valid():
            saved = _save(request, question, form)
            return redirect_to(request, reverse("authoring:question_edit", args=[saved.pk]))
    else:
        rows = rows_for(question.choices.count())
        form = QuestionForm(initial=initial_for(question), rows=rows, user=user, keep_case=question.case)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    return _render_editor(request, form, question, editable=editable)


def _save(request: HtmxHttpRequest, question: Question, form: QuestionForm) -> Question:
    fields = form.revision()
    if fields["quiz"] != question.quiz:
        fields["position"] = fields["quiz"].next_position() if fields["quiz"] else 0
    saved = question.revise(choices=form.cleaned_data["choice_list"], **fields)
    message = "Question saved." if saved.pk == question.pk else f"Saved as version {saved.version}."
    messages.success(request, message)
    return saved


def _render_editor(
    request: HtmxHttpRequest, form: QuestionForm, question: Question | None, *, editable: bool = True
) -> HttpResponse:
    answered_by = question.responses.values("attempt__user").distinct().count() if question is not None else 0
    context: dict[str, object] = {
        "form": form,
        "question": question,
        "editable": editable,
        "answered_by": answered_by,
        "suggested": suggested_rules(question.case if question else None),
    }
    return render_page(
        request, "authoring/question_edit.html", context, partial="question_form", status=form_status(form)
    )
