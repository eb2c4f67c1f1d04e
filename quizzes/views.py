"""Quizzes for trainees, random practice cases and progress."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Avg, Count, Max, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coding import session
from coding.engine import CodingResult, code_encounter
from coding.picture import timeline_picture
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from quizzes import generator, overview, policy, progress
from quizzes.feedback import attempt_breakdown, feedback_for, response_feedback, rule_ref
from quizzes.forms import ChoiceAnswerForm, CodedAnswerForm, TimelineAnswerForm
from quizzes.models import (
    Attempt,
    AttemptClosed,
    AttemptLimitReached,
    Case,
    PracticeCase,
    Question,
    Quiz,
    Response,
)

ID_PATTERN = re.compile(r"[0-9]{1,18}")
AnswerForm = ChoiceAnswerForm | TimelineAnswerForm | CodedAnswerForm


def signed_in(request: HtmxHttpRequest) -> User:
    """The user of a view behind @login_required (which sends anyone else to sign in first)."""
    assert isinstance(request.user, User), "only for views behind @login_required"
    return request.user


def _answer_form(
    question: Question, request: HtmxHttpRequest, attempt: Attempt, data: QueryDict | None = None
) -> AnswerForm:
    if question.is_choice:
        return ChoiceAnswerForm(question, data, attempt_key=attempt.pk)
    if question.kind == Question.Kind.BUILD_TIMELINE:
        return TimelineAnswerForm(data, timeline=session.load(request, _slot(attempt, question)))
    return CodedAnswerForm(data)


def _slot(attempt: Attempt, question: Question) -> str:
    """The session slot with this attempt's own timeline for a build-this-timeline question."""
    return session.question_slot(attempt.pk, question.pk)


def _stop_building_for(request: HtmxHttpRequest, attempt: Attempt) -> None:
    """Sends the builder back to the trainee's own draft when it was working on a question of `attempt`, which
    is answered or closed now."""
    marker = session.working_on(request)
    if marker is not None and marker["attempt"] == attempt.pk:
        session.work_on(request, None)


def _case_picture(case: Case | None, result: CodingResult | None = None) -> Mapping[str, object] | None:
    return timeline_picture(case.encounter, result) if case else None


def _number(value: str | None) -> int:
    """A posted id; anything that is not ASCII digits matches nothing (a 404, never a 500)."""
    return int(value) if value and ID_PATTERN.fullmatch(value) else 0


# --- the quiz list and a quiz's page ---------------------------------------------------------------------


@require_GET
def quiz_list(request: HtmxHttpRequest) -> HttpResponse:
    quizzes = list(
        Quiz.objects.published()
        .with_question_counts()
        .annotate(section_count=Count("sections", distinct=True))
    )
    mine = {}
    if request.user.is_authenticated:
        rows = (
            Attempt.objects.for_user(request.user)
            .values("quiz")
            .annotate(
                best=Max("score"),
                finished=Count("pk", filter=Q(finished_at__isnull=False)),
                open=Count("pk", filter=Q(finished_at__isnull=True)),
            )
        )
        mine = {row["quiz"]: row for row in rows}
    cards = [{"quiz": quiz, "size": overview.card_size(quiz), "mine": mine.get(quiz.pk)} for quiz in quizzes]
    return render(request, "quizzes/index.html", {"cards": cards})


@require_GET
def quiz_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    return _render_quiz(request, get_object_or_404(Quiz.objects.published(), slug=slug))


def _render_quiz(request: HtmxHttpRequest, quiz: Quiz, status: int = 200) -> HttpResponse:
    rules = sorted(quiz.covered_rules(), key=progress.rule_order)
    context = {
        "quiz": quiz,
        "attempts": list(Attempt.objects.for_user(request.user).filter(quiz=quiz)[:20]),
        "allowance": policy.allowance(quiz, request.user),
        "size": overview.quiz_size(quiz),
        "key_release": policy.key_release_words(quiz, request.user.pk),
        "due_at": policy.due_date(quiz, request.user.pk),
        "rules": [rule_ref(rule) for rule in rules],
    }
    return render(request, "quizzes/quiz.html", context, status=status)


@login_required
@require_POST
def start_attempt(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    quiz = get_object_or_404(Quiz.objects.published(), slug=slug)
    try:
        attempt = Attempt.start(signed_in(request), quiz)
    except AttemptLimitReached as refused:
        messages.error(request, f"{policy.used_up(refused.limit)} No new attempt was started.")
        if request.htmx:
            return _render_quiz(request, quiz, status=409)
        return redirect(quiz)
    return redirect_to(request, attempt.get_absolute_url())


# --- taking a quiz -----------------------------------------------------------------------------------------


def _own_attempt(request: HtmxHttpRequest, pk: int) -> Attempt:
    """Another trainee's attempt is a 404, not a 403: its existence is private too."""
    return get_object_or_404(
        Attempt.objects.for_user(request.user).select_related("quiz", "assignment"), pk=pk
    )


def _question_context(
    attempt: Attempt,
    question: Question | None,
    form: AnswerForm | None = None,
    request: HtmxHttpRequest | None = None,
) -> dict[str, Any]:
    total = len(attempt.question_ids)
    answered = attempt.responses.count()
    in_attempt = question is not None and question.pk in attempt.question_ids
    return {
        "attempt": attempt,
        "question": question,
        "form": form,
        "picture": _case_picture(question.case)
        if question and question.case_id and question.kind != Question.Kind.BUILD_TIMELINE
        else None,
        "answered": answered,
        "total": total,
        # Its place in the attempt's own list, fixed at start (sections' draws included).
        "number": attempt.question_ids.index(question.pk) + 1 if question and in_attempt else answered + 1,
        "percent": round(100 * answered / total) if total else 0,
        "key_release": policy.key_release_message(attempt),
    } | _builder_context(request, attempt, question)


def _builder_context(
    request: HtmxHttpRequest | None, attempt: Attempt, question: Question | None
) -> dict[str, Any]:
    """For "build this timeline": the timeline built for this question of this attempt, drawn without codes."""
    if request is None or question is None or question.kind != Question.Kind.BUILD_TIMELINE:
        return {}
    timeline = session.load(request, _slot(attempt, question))
    return {"builder_timeline": timeline, "builder_picture": timeline_picture(timeline, None)}


def _render_question(
    request: HtmxHttpRequest,
    attempt: Attempt,
    question: Question,
    form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _question_context(attempt, question, form or _answer_form(question, request, attempt), request)
    return render_page(request, "quizzes/attempt.html", context, partial="question", status=status)


def _render_feedback(request: HtmxHttpRequest, attempt: Attempt, response: Response) -> HttpResponse:
    context = _question_context(attempt, response.question, request=request)
    key_shown = policy.key_visible(attempt)
    response.attempt = attempt
    context |= {
        "response": response,
        "feedback": response_feedback(response, key_shown),
        "has_next": attempt.next_question() is not None,
    }
    case = response.question.case
    # The codes drawn on the case's timeline are the key's: drawn only when the key may show.
    context["picture"] = _case_picture(case, case.graded_result() if case and key_shown else None)
    return render_page(request, "quizzes/attempt.html", context, partial="question")


def _close_if_late(request: HtmxHttpRequest, attempt: Attempt) -> HttpResponse | None:
    """Time limits are enforced here, on every request that could record an answer."""
    if attempt.is_finished:
        _stop_building_for(request, attempt)
        return redirect_to(request, reverse("quizzes:results", args=[attempt.pk]))
    if attempt.is_past_deadline():
        _stop_building_for(request, attempt)
        attempt.finish(timed_out=True)
        messages.warning(request, policy.closed_message(attempt))
        return redirect_to(request, reverse("quizzes:results", args=[attempt.pk]))
    return None


@login_required
@require_GET
def attempt_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if (closed := _close_if_late(request, attempt)) is not None:
        return closed
    answered = _number(request.GET.get("answered"))
    if answered and policy.score_visible(attempt):
        response = attempt.responses.filter(question_id=answered).select_related("question__case").first()
        if response is not None:
            return _render_feedback(request, attempt, response)
    question = attempt.next_question()
    if question is None:
        return render(request, "quizzes/attempt.html", _question_context(attempt, None))
    return _render_question(request, attempt, question)


@login_required
@require_POST
def answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if (closed := _close_if_late(request, attempt)) is not None:
        return closed
    question_pk = _number(request.POST.get("question"))
    if question_pk not in attempt.question_ids:
        raise Http404("No such question in this attempt.")
    question = get_object_or_404(Question.objects.select_related("case"), pk=question_pk)
    existing = attempt.responses.filter(question=question).first()
    if existing is None:
        form = _answer_form(question, request, attempt, request.POST)
        if not form.is_valid():
            return _render_question(request, attempt, question, form, status=form_status(form))
        try:
            existing, _ = attempt.record(question, form.answer())
            _stop_building_for(request, attempt)
        except AttemptClosed:
            attempt.refresh_from_db()
            return _close_if_late(request, attempt) or redirect_to(request, attempt.get_absolute_url())
    if not policy.score_visible(attempt):
        following = attempt.next_question()
        if following is None:
            attempt.finish()
            return redirect_to(request, reverse("quizzes:results", args=[attempt.pk]))
        if request.htmx:
            return _render_question(request, attempt, following)
        return redirect(attempt)
    if request.htmx:
        return _render_feedback(request, attempt, existing)
    return redirect(f"{attempt.get_absolute_url()}?answered={question.pk}")


@login_required
@require_GET
def build_for_question(request: HtmxHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Opens the builder on this question's own timeline (the trainee's own draft stays as it is); only for a
    build-this-timeline question of the trainee's own attempt while it is open and unanswered."""
    attempt = _own_attempt(request, pk)
    if (closed := _close_if_late(request, attempt)) is not None:
        return closed
    questions = [(question.pk, question.kind) for question in attempt.questions()]
    if (question_pk, Question.Kind.BUILD_TIMELINE) not in questions:
        raise Http404("No such build-this-timeline question in this attempt.")
    if attempt.responses.filter(question_id=question_pk).exists():
        messages.info(request, "That question is answered already: its timeline can no longer change.")
        return redirect(attempt)
    number = [listed for listed, _ in questions].index(question_pk) + 1
    marker: session.QuestionSlot = {
        "slot": session.question_slot(attempt.pk, question_pk),
        "attempt": attempt.pk,
        "number": number,
        "quiz": attempt.quiz.title,
        "back": attempt.get_absolute_url(),
    }
    session.work_on(request, marker)
    return redirect("coding:builder")


@login_required
@require_POST
def finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if (closed := _close_if_late(request, attempt)) is not None:
        return closed
    attempt.finish()
    _stop_building_for(request, attempt)
    return redirect_to(request, reverse("quizzes:results", args=[attempt.pk]))


@login_required
@require_GET
def results(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if not attempt.is_finished:
        if not attempt.is_past_deadline():
            return redirect(attempt)
        attempt.finish(timed_out=True)
    context = {
        "attempt": attempt,
        "breakdown": attempt_breakdown(attempt),
        "allowance": policy.allowance(attempt.quiz, request.user, attempt.assignment),
    }
    return render(request, "quizzes/results.html", context)


# --- random practice cases ----------------------------------------------------------------------------------


@require_GET
def practice_index(request: HtmxHttpRequest) -> HttpResponse:
    mine = {
        row["family"]: row
        for row in PracticeCase.objects.for_user(request.user)
        .values("family")
        .annotate(cases=Count("pk"), average=Avg("score"))
    }
    families = [
        {
            "family": key,
            "title": title,
            "blurb": generator.FAMILY_BLURBS[key],
            "seed": generator.new_seed(),
            "mine": mine.get(key),
        }
        for key, title in generator.FAMILIES.items()
    ]
    surprise = random.SystemRandom().choice(families)
    return render(
        request,
        "quizzes/practice_index.html",
        {"families": families, "surprise": surprise},
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_case(request: HtmxHttpRequest, family: str, seed: int) -> HttpResponse:
    if family not in generator.FAMILIES or seed > generator.MAX_SEED:
        raise Http404("No such practice case.")
    case = generator.generate(family, seed)
    done = PracticeCase.objects.for_user(request.user).filter(family=family, seed=seed).first()
    form = CodedAnswerForm(request.POST if request.method == "POST" and done is None else None)
    if done is None and request.method == "POST" and form.is_valid():
        done = PracticeCase.record(signed_in(request), case, form.answer())
    result = code_encounter(case.encounter) if done else None
    context = {
        "case": case,
        "form": form,
        "done": done,
        "feedback": feedback_for(done) if done else None,
        "picture": timeline_picture(case.encounter, result),
        "next_seed": generator.new_seed(),
        "family_title": generator.FAMILIES[family],
    }
    return render_page(
        request, "quizzes/practice_case.html", context, partial="practice", status=form_status(form)
    )


@login_required
@require_GET
def random_case(request: HtmxHttpRequest, family: str) -> HttpResponse:
    if family not in generator.FAMILIES:
        raise Http404("No such rule family.")
    return redirect("quizzes:practice_case", family=family, seed=generator.new_seed())


# --- my progress --------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_progress(request: HtmxHttpRequest) -> HttpResponse:
    accuracies = progress.accuracy_by_rule(progress.recent_rule_scores(request.user))
    attempts = list(
        Attempt.objects.for_user(request.user)
        .finished()
        .select_related("quiz")
        .annotate(answered=Count("responses"))[:10]
    )
    return render(
        request,
        "quizzes/progress.html",
        {
            "accuracies": accuracies,
            "chart": progress.chart(accuracies),
            "weakest": progress.weakest(accuracies),
            "study_next": progress.study_next(accuracies),
            "enough_answers": progress.ENOUGH_ANSWERS,
            "attempts": attempts,
            "recent": progress.RECENT,
        },
    )
