"""The quiz editor: settings, the items (fixed questions and sections in one order), adding, removing and
reordering them, publishing, and duplicating. Every change is a POST form that works without JavaScript;
static/js/reorder.js adds dragging on top of the Up / Down buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from authoring.quiz_forms import AddQuestionForm, QuizSettingsForm, SectionForm
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes.models import Question, Quiz, QuizSection
from quizzes.views import signed_in


@dataclass(frozen=True)
class EditorItem:
    """One row of the items list: a fixed question or a section, with the token reordering posts."""

    token: str
    question: Question | None = None
    section: QuizSection | None = None
    pool_size: int = 0

    @property
    def short(self) -> bool:
        """A section whose pool has fewer questions than it draws (attempts then get fewer)."""
        return self.section is not None and self.pool_size < self.section.count


def editor_items(quiz: Quiz) -> list[EditorItem]:
    items = []
    for item in quiz.items():
        if isinstance(item, Question):
            items.append(EditorItem(f"q-{item.pk}", question=item))
        else:
            items.append(EditorItem(f"s-{item.pk}", section=item, pool_size=len(item.pool())))
    return items


def _visible_quiz(request: HtmxHttpRequest, pk: int) -> Quiz:
    quiz = get_object_or_404(Quiz, pk=pk)
    if not Quiz.objects.visible_to_educator(request.user).filter(pk=pk).exists():
        raise PermissionDenied("Another educator's quiz is theirs to change.")
    return quiz


def _editable_quiz(request: HtmxHttpRequest, pk: int) -> Quiz:
    quiz = _visible_quiz(request, pk)
    if not quiz.is_editable_by(request.user):
        raise PermissionDenied("Starter quizzes are read-only: duplicate one to change it.")
    return quiz


def _back(quiz: Quiz, anchor: str = "items") -> str:
    return f"{reverse('authoring:quiz_edit', args=[quiz.pk])}#{anchor}"


@educator_required
@require_http_methods(["GET", "POST"])
def quiz_new(request: HtmxHttpRequest) -> HttpResponse:
    form = QuizSettingsForm(
        request.POST or None, instance=Quiz(published=False, created_by=signed_in(request))
    )
    if request.method == "POST" and form.is_valid():
        quiz = form.save()
        messages.success(request, f"Quiz “{quiz.title}” created, unpublished: add its questions.")
        return redirect_to(request, reverse("authoring:quiz_edit", args=[quiz.pk]))
    return render_page(
        request, "authoring/quiz_edit.html", {"form": form, "quiz": None}, status=form_status(form)
    )


@educator_required
@require_http_methods(["GET", "POST"])
def quiz_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quiz = _visible_quiz(request, pk)
    editable = quiz.is_editable_by(request.user)
    form = QuizSettingsForm(request.POST if request.method == "POST" else None, instance=quiz)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Starter quizzes are read-only: duplicate one to change it.")
        if form.is_valid():
            form.save()
            messages.success(request, "Settings saved.")
            return redirect_to(request, _back(quiz, "settings"))
        quiz.refresh_from_db()
    return _render_editor(request, quiz, settings_form=form, editable=editable)


def _render_editor(
    request: HtmxHttpRequest,
    quiz: Quiz,
    *,
    editable: bool = True,
    settings_form: QuizSettingsForm | None = None,
    add_form: AddQuestionForm | None = None,
    section_form: SectionForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    user = signed_in(request)
    settings_form = settings_form or QuizSettingsForm(instance=quiz)
    if not editable:
        for field in settings_form.fields.values():
            field.disabled = True
    items = editor_items(quiz)
    context = {
        "quiz": quiz,
        "editable": editable,
        "form": settings_form,
        "items": items,
        "size": sum(1 if item.section is None else min(item.section.count, item.pool_size) for item in items),
        "add_form": add_form or AddQuestionForm(quiz=quiz, user=user),
        "section_form": section_form or SectionForm(),
    }
    status = status or form_status(settings_form, add_form, section_form)
    return render_page(request, "authoring/quiz_edit.html", context, status=status)


def _renumber(tokens: list[str]) -> None:
    """Positions 1, 2, 3… in the order of `tokens` ("q-<pk>" and "s-<pk>"); positions are layout, not content,
    so this never makes a new version of a question."""
    for position, token in enumerate(tokens, start=1):
        kind, pk = token.split("-")
        model = Question if kind == "q" else QuizSection
        model.objects.filter(pk=int(pk)).update(position=position)


@educator_required
@require_POST
def quiz_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Up or Down by one place: a button that works by keyboard and without JavaScript."""
    quiz = _editable_quiz(request, pk)
    tokens = [item.token for item in editor_items(quiz)]
    token, direction = request.POST.get("item", ""), request.POST.get("direction")
    if token not in tokens or direction not in ("up", "down"):
        raise Http404("No such item in this quiz.")
    index = tokens.index(token)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(tokens):
        tokens[index], tokens[other] = tokens[other], tokens[index]
        with transaction.atomic():
            _renumber(tokens)
    return redirect_to(request, _back(quiz, f"item-{token}"))


@educator_required
@require_POST
def quiz_reorder(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The whole order at once (what dragging posts): every item of the quiz, each once."""
    quiz = _editable_quiz(request, pk)
    tokens = [token for token in request.POST.get("order", "").split(",") if token]
    if sorted(tokens) != sorted(item.token for item in editor_items(quiz)):
        messages.error(request, "The quiz changed while you were dragging: here is its order now.")
        return redirect_to(request, _back(quiz))
    with transaction.atomic():
        _renumber(tokens)
    return redirect_to(request, _back(quiz))


@educator_required
@require_POST
def quiz_add_question(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quiz = _editable_quiz(request, pk)
    user = signed_in(request)
    form = AddQuestionForm(request.POST, quiz=quiz, user=user)
    if not form.is_valid():
        return _render_editor(request, quiz, add_form=form)
    with transaction.atomic():
        if form.cleaned_data["from_bank"]:
            added = form.cleaned_data["from_bank"].revise(quiz=quiz, position=quiz.next_position())
        else:
            added = form.cleaned_data["copy_of"].duplicate(user, quiz=quiz)
            added.position = quiz.next_position()
            added.save(update_fields=["position"])
    messages.success(request, "Question added at the end of the quiz.")
    return redirect_to(request, _back(quiz, f"item-q-{added.pk}"))


@educator_required
@require_POST
def quiz_remove_question(request: HtmxHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Back to the bank. A question with answers stays in the quiz as an old version, answers and all, and its
    new version goes to the bank (Question.revise)."""
    quiz = _editable_quiz(request, pk)
    question = get_object_or_404(quiz.questions.current(), pk=question_pk)
    question.revise(quiz=None, position=0)
    messages.success(request, "Question removed from the quiz; it is in your bank.")
    return redirect_to(request, _back(quiz))


@educator_required
@require_POST
def quiz_add_section(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quiz = _editable_quiz(request, pk)
    form = SectionForm(request.POST, instance=QuizSection(quiz=quiz, position=quiz.next_position()))
    if not form.is_valid():
        return _render_editor(request, quiz, section_form=form)
    section = form.save()
    messages.success(request, f"Section added: {section.count} drawn on {section.rule}.")
    return redirect_to(request, _back(quiz, f"item-s-{section.pk}"))


@educator_required
@require_POST
def quiz_remove_section(request: HtmxHttpRequest, pk: int, section_pk: int) -> HttpResponse:
    quiz = _editable_quiz(request, pk)
    get_object_or_404(quiz.sections, pk=section_pk).delete()
    messages.success(request, "Section removed; attempts already started keep their questions.")
    return redirect_to(request, _back(quiz))


@educator_required
@require_POST
def quiz_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quiz = _editable_quiz(request, pk)
    publish = request.POST.get("publish") == "1"
    if publish and quiz.size() == 0:
        messages.error(
            request,
            "An empty quiz cannot be published: add a question, or a section whose pool has questions.",
        )
        return redirect_to(request, _back(quiz))
    quiz.published = publish
    quiz.save(update_fields=["published", "updated_at"])
    messages.success(
        request,
        "Published: trainees see it in Quizzes." if publish else "Unpublished: trainees no longer see it.",
    )
    return redirect_to(request, _back(quiz, "top"))
