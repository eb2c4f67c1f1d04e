"""Previews: a question, or a whole quiz question by question, exactly as a trainee sees it, answered and with the
feedback panel a trainee would read. Nothing is saved: no attempt, no response (the answer is graded in memory).

The page is the trainee's own parts (quizzes/includes/question_stem.html, answer_fields.html, feedback.html)
inside a "Preview" banner.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from authoring.questions import visible_question
from coding import session
from coding.picture import timeline_picture
from config.http import HtmxHttpRequest, form_status, render_page
from config.roles import educator_required
from quizzes.feedback import feedback_for
from quizzes.forms import ChoiceAnswerForm, CodedAnswerForm, TimelineAnswerForm
from quizzes.models import Attempt, Question, Quiz, Response

AnswerForm = ChoiceAnswerForm | TimelineAnswerForm | CodedAnswerForm


def _answer_form(request: HtmxHttpRequest, question: Question, data: Any = None) -> AnswerForm:
    """The trainee's answer form for this kind; a timeline to build is the educator's own builder draft."""
    if question.is_choice:
        return ChoiceAnswerForm(question, data, attempt_key=f"preview:{request.user.pk}")
    if question.kind == Question.Kind.BUILD_TIMELINE:
        return TimelineAnswerForm(data, timeline=session.load(request))
    return CodedAnswerForm(data)


def _preview(request: HtmxHttpRequest, question: Question, context: dict[str, Any]) -> HttpResponse:
    """The question, or after a POST its feedback, graded without saving anything."""
    form = _answer_form(request, question, request.POST if request.method == "POST" else None)
    case = question.case
    picture_result = None
    if request.method == "POST" and form.is_valid():
        answer = form.answer()
        # An unsaved response: feedback_for reads only its question, answer and grading.
        response = Response(question=question, answer=answer, **question.grade(answer).stored())
        context |= {"response": response, "feedback": feedback_for(response)}
        picture_result = case.graded_result() if case else None
    timeline = session.load(request)
    context |= {
        "question": question,
        "form": form,
        "picture": timeline_picture(case.encounter, picture_result) if case else None,
        "builder_timeline": timeline,
        "builder_picture": timeline_picture(timeline, None),
        "build_url": reverse("coding:builder"),
        "refresh_url": request.get_full_path(),
    }
    return render_page(
        request, "authoring/question_preview.html", context, partial="question", status=form_status(form)
    )


@educator_required
@require_http_methods(["GET", "POST"])
def question_preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = visible_question(request, pk)
    back = reverse("authoring:question_edit", args=[question.pk])
    return _preview(request, question, {"back_url": back, "back_label": "Back to the question"})


def preview_questions(quiz: Quiz) -> list[Question]:
    """The questions a trainee starting the quiz now could get: its fixed questions and a draw of each section."""
    attempt = Attempt(quiz=quiz)
    attempt.question_ids = attempt.draw_questions()
    return attempt.questions()


@educator_required
@require_http_methods(["GET", "POST"])
def quiz_preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quiz = get_object_or_404(Quiz, pk=pk)
    if not Quiz.objects.visible_to_educator(request.user).filter(pk=pk).exists():
        raise PermissionDenied("Another educator's quiz is theirs to show.")
    questions = preview_questions(quiz)
    if not questions:
        messages.info(request, "Nothing to preview yet: add a question or a section first.")
        return redirect("authoring:quiz_edit", quiz.pk)
    number = _number(request.GET.get("n"))
    if not 1 <= number <= len(questions):
        raise Http404("No such question in this quiz.")
    here = reverse("authoring:quiz_preview", args=[quiz.pk])
    context = {
        "quiz": quiz,
        "number": number,
        "total": len(questions),
        "next_url": f"{here}?n={number + 1}" if number < len(questions) else None,
        "back_url": reverse("authoring:quiz_edit", args=[quiz.pk]),
        "back_label": "Back to the quiz",
    }
    return _preview(request, questions[number - 1], context)


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 6 else 1
