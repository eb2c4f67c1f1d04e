"""factory_boy factories for the domain models."""

from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.models import Allowance, Assignment
from classes.models import Class, Membership, new_join_code
from coding.models import SavedEncounter
from quizzes.models import Attempt, Case, Choice, PracticeCase, Question, Quiz, Response

PUSH_THEN_INFUSION = {
    "setting": "facility",
    "administrations": [
        {
            "id": "a1",
            "substance": "Ondansetron",
            "category": "therapeutic",
            "route": "iv_push",
            "start": "09:00",
        },
        {
            "id": "a2",
            "substance": "Ceftriaxone",
            "category": "therapeutic",
            "route": "iv_infusion",
            "start": "09:10",
            "stop": "09:50",
        },
    ],
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"trainee{n}")
    password = factory.django.Password("correct-horse-battery-9")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    slug = factory.Sequence(lambda n: f"case-{n}")
    title = factory.Sequence(lambda n: f"Case {n}")
    narrative = "Ondansetron is pushed at 09:00; ceftriaxone runs from 09:10 to 09:50."
    encounter = factory.LazyFunction(lambda: {**PUSH_THEN_INFUSION})
    rule_tags = factory.LazyFunction(lambda: ["R-C3"])


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.Sequence(lambda n: f"Quiz {n}")
    summary = "A short quiz."
    mode = Quiz.Mode.PRACTICE


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    slug = factory.Sequence(lambda n: f"question-{n}")
    position = factory.Sequence(lambda n: n)
    kind = Question.Kind.SINGLE
    prompt = "Which code reports a concurrent infusion?"
    rule_tags = factory.LazyFunction(lambda: ["R-E4"])
    explanation = "96368 reports a concurrent infusion, once per date (R-E4)."


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Choice {n}")
    is_correct = False


def choice_question(
    correct: str = "96368", wrong: tuple[str, ...] = ("96367", "96366"), **kwargs
) -> Question:
    """A single-choice question with one correct choice and some wrong ones."""
    question = QuestionFactory(**kwargs)
    ChoiceFactory(question=question, text=correct, is_correct=True, position=0)
    for position, text in enumerate(wrong, start=1):
        ChoiceFactory(question=question, text=text, position=position)
    return question


def case_question(**kwargs) -> Question:
    kwargs.setdefault("case", CaseFactory())
    kwargs.setdefault("kind", Question.Kind.CODE_CASE)
    kwargs.setdefault("prompt", "Code this case.")
    return QuestionFactory(**kwargs)


def finished_attempt(user, quiz: Quiz) -> Attempt:
    """An attempt at every question of a quiz, answered (first choice, or a single 96365) and finished."""
    attempt = Attempt.start(user, quiz)
    for question in attempt.questions():
        answer = (
            {"choices": [question.choices.first().pk]}
            if question.is_choice
            else {"lines": [{"code": "96365"}]}
        )
        attempt.record(question, answer)
    attempt.finish()
    return attempt


def marked_attempt(user, quiz: Quiz, marks, questions, *, minutes_ago=0) -> Attempt:
    """A finished attempt with one response per question at the given marks (0–1), started `minutes_ago`."""
    attempt = AttemptFactory(user=user, quiz=quiz, question_ids=[q.pk for q in questions])
    for question, mark in zip(questions, marks, strict=True):
        ResponseFactory(attempt=attempt, question=question, score=mark, answer={"choices": []})
    attempt.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    attempt.finished_at = attempt.started_at + timedelta(minutes=5)
    attempt.score = sum(marks) / len(marks)
    attempt.save()
    return attempt


def override_key(question: Question, lines) -> None:
    """An educator's key for the question's case (with the note an override needs)."""
    case = question.case
    case.override_lines = lines
    case.override_note = "This payer wants the push alone."
    case.save()


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    user = factory.SubFactory(UserFactory)
    quiz = factory.SubFactory(QuizFactory)
    mode = factory.SelfAttribute("quiz.mode")
    question_ids = factory.LazyAttribute(
        lambda o: list(o.quiz.questions.current().values_list("pk", flat=True))
    )


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory, quiz=factory.SelfAttribute("..attempt.quiz"))
    answer = factory.LazyFunction(list)
    score = 1.0
    rule_scores = factory.LazyAttribute(lambda o: dict.fromkeys(o.question.rule_tags, o.score))

    @factory.post_generation
    def in_attempt(self, create, extracted, **kwargs):
        """A response's question is one of its attempt's questions, as Attempt.record insists."""
        if create and self.question_id not in self.attempt.question_ids:
            self.attempt.question_ids = [*self.attempt.question_ids, self.question_id]
            self.attempt.save(update_fields=["question_ids"])


class PracticeCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCase

    user = factory.SubFactory(UserFactory)
    family = "R-D"
    seed = factory.Sequence(lambda n: n)
    answer = factory.LazyFunction(list)
    score = 1.0
    rule_scores = factory.LazyFunction(lambda: {"R-D2": 1.0})


class SavedEncounterFactory(factory.django.DjangoModelFactory):
    """A trainee's saved encounter: the push-then-infusion timeline unless a test gives its own."""

    class Meta:
        model = SavedEncounter

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Saved encounter {n}")
    encounter = factory.LazyFunction(lambda: {**PUSH_THEN_INFUSION})
    setting = factory.LazyAttribute(lambda saved: saved.encounter.get("setting", "facility"))


class ClassFactory(factory.django.DjangoModelFactory):
    """A class with a fresh join code; `created_by` alone does not make anyone its educator: use
    `taught_class(educator)` or a MembershipFactory with the educator role."""

    class Meta:
        model = Class

    name = factory.Sequence(lambda n: f"Class {n}")
    join_code = factory.LazyFunction(new_join_code)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A trainee in a class, unless `role` says otherwise."""

    class Meta:
        model = Membership

    klass = factory.SubFactory(ClassFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.TRAINEE


def taught_class(educator, **kwargs) -> Class:
    """A class `educator` created and teaches."""
    klass = ClassFactory(created_by=educator, **kwargs)
    MembershipFactory(klass=klass, user=educator, role=Membership.Role.EDUCATOR)
    return klass


def trainee_with_attempts(klass, username, first_name="", scores=(), last=None, **membership):
    """A trainee of `klass` with one finished attempt per score at an assignment of the class, a day apart, the
    last finished at `last`."""
    user = UserFactory(username=username, first_name=first_name)
    MembershipFactory(klass=klass, user=user, **membership)
    quiz = QuizFactory()
    assignment = AssignmentFactory(klass=klass, quiz=quiz)
    last = last or datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    for number, score in enumerate(scores):
        finished = last - timedelta(days=len(scores) - 1 - number)
        AttemptFactory(
            user=user,
            quiz=quiz,
            assignment=assignment,
            score=score,
            started_at=finished - timedelta(minutes=20),
            finished_at=finished,
        )
    return user


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A quiz assigned to a class, open since yesterday and due in a week, with the quiz's key release."""

    class Meta:
        model = Assignment

    klass = factory.SubFactory(ClassFactory)
    quiz = factory.SubFactory(QuizFactory)
    opens_at = factory.LazyFunction(lambda: datetime.now(UTC) - timedelta(days=1))
    due_at = factory.LazyFunction(lambda: datetime.now(UTC) + timedelta(days=7))
    key_release = factory.SelfAttribute("quiz.key_release")


class AllowanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allowance

    assignment = factory.SubFactory(AssignmentFactory)
    trainee = factory.SubFactory(UserFactory)
    reason = "Extra time on file."
