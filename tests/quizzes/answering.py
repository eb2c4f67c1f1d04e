"""What the view tests of tests/quizzes do over and over: post an answer, finish, read the results."""

from django.urls import reverse

from coding import session
from quizzes.forms import choice_token
from quizzes.models import Question
from tests.factories import (
    AttemptFactory,
    CaseFactory,
    case_question,
)


def answer_url(attempt):
    return reverse("quizzes:answer", args=[attempt.pk])


def coded(*codes, **extra):
    data = {}
    for row, code in enumerate(codes):
        code, _, units = code.partition("x")
        data[f"code_{row}"] = code
        data[f"units_{row}"] = units or "1"
    return {**data, **extra}


def results_after_answering(client, trainee, case, *codes):
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client.post(answer_url(attempt), coded(*codes, question=question.pk))
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    return lambda: client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()


def build_timeline_feedback(client, trainee, timeline: dict) -> str:
    question = case_question(case=CaseFactory(), kind=Question.Kind.BUILD_TIMELINE)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    keep_timeline_for(client, attempt, question, timeline)
    return client.post(answer_url(attempt), {"question": question.pk}, follow=True).content.decode()


def keep_timeline_for(client, attempt, question, timeline: dict) -> None:
    """Stores `timeline` as the one the trainee built for `question` of `attempt`."""
    client_session = client.session
    client_session[session.slot_key(session.SESSION_KEY, session.question_slot(attempt.pk, question.pk))] = (
        timeline
    )
    client_session.save()


def right_choice(attempt, question):
    """The post of a choice question's right answer in this attempt."""
    right = question.choices.get(is_correct=True)
    return {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)}
