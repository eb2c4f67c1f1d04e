"""The Educators area's home (the library of cases, questions and quizzes) and duplicating what it lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_POST

from authoring import library
from authoring.access import editable_ids, signed_in, visible_or_403
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes.models import AnyUser, Case, Owned, Question, Quiz

Authored = type[Case] | type[Question] | type[Quiz]
LISTS: dict[str, Callable[[AnyUser, library.Filters], Sequence[Owned]]] = {
    library.CASES: library.cases,
    library.QUESTIONS: library.questions,
    library.QUIZZES: library.quizzes,
}
TAB_MODELS: dict[str, Authored] = {library.CASES: Case, library.QUESTIONS: Question, library.QUIZZES: Quiz}
MODELS: dict[str, Authored] = {"case": Case, "question": Question, "quiz": Quiz}
# Where a fresh duplicate opens: its editor.
EDITORS = {
    "case": "authoring:case_edit",
    "question": "authoring:question_edit",
    "quiz": "authoring:quiz_edit",
}


@educator_required
@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = library.LibraryFilterForm(request.GET or None, user=user)
    filters = library.Filters.from_form(form) if form.is_bound else library.Filters()
    rows = LISTS[filters.tab](user, filters)
    context = {
        "form": form,
        "filters": filters,
        "tabs": library.TABS,
        "rows": rows,
        "editable": editable_ids(TAB_MODELS[filters.tab], user, rows),
        "filtered": any((filters.q, filters.rule, filters.kind, filters.quiz, filters.author != library.ALL)),
    }
    return render_page(request, "authoring/home.html", context, partial="library", status=form_status(form))


@educator_required
@require_POST
def duplicate(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    """A copy the educator owns of their own or a starter case, question (into their bank) or quiz."""
    if kind not in MODELS:
        raise Http404("Only cases, questions and quizzes are duplicated.")
    user = signed_in(request)
    original = visible_or_403(MODELS[kind], user, pk)
    copy = _duplicate_question(original, user) if isinstance(original, Question) else original.duplicate(user)
    name = original.prompt if isinstance(original, Question) else original.title
    messages.success(request, f"Made a copy of “{Truncator(name).chars(60)}”, yours to change.")
    return redirect_to(request, reverse(EDITORS[kind], args=[copy.pk]))


def _duplicate_question(question: Question, user: User) -> Question:
    """A copy at the end of the same quiz when the educator may edit that quiz, else in their bank."""
    quiz = question.quiz if question.quiz and question.quiz.is_editable_by(user) else None
    with transaction.atomic():
        copy = question.duplicate(user, quiz=quiz)
        copy.position = quiz.next_position() if quiz else 0
        copy.save(update_fields=["position"])
    return copy
