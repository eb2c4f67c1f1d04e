"""The demo class `make run` adds with DEBUG on: "Demo class" (code DEMO-24), taught by the demo educator, with
24 trainees whose finished attempts at two starter quizzes are made up here, so a fresh machine shows a real
roster (and, in later slices, real charts and statistics). Both quizzes are assignments of the class, due before
DEMO_DAY, each demo attempt carrying its assignment; one trainee has an accommodation on the first.

Everything is deterministic: one seeded random generator, timestamps fixed relative to DEMO_DAY. Each trainee
has a skill and some a weak spot (a few rules they keep getting wrong, each with the mistake people make there);
their answers are graded by the real grading code (`Question.grade`), so scores, partial credit and
misconceptions are the ones a real trainee would get.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from assignments.models import Allowance, Assignment
from classes.models import Class, Membership
from coding.engine.codes import is_addon
from config.demo import DEMO_ACCOUNTS
from quizzes.grading import GradedAnswer
from quizzes.models import Attempt, Question, Quiz, Response

DEMO_CLASS_NAME = "Demo class"
DEMO_CODE = "DEMO-24"  # fixed, so the README can print it; real codes come from classes.models.new_join_code
DEMO_QUIZZES = ("reader-question-sequential-or-concurrent", "choosing-the-initial-service")
DEMO_DAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SEED = 24
# Each quiz's assignment: (days before DEMO_DAY it opened, days before DEMO_DAY it was due). The attempts below
# start between the opening and three and a half days later, so all of them are in time.
DEMO_WINDOWS = {DEMO_QUIZZES[0]: (14, 5), DEMO_QUIZZES[1]: (7, 2)}
ACCOMMODATED = 7  # demo-trainee-07: time and a half on the first assignment
FIRST_NAMES = (
    "Aisha", "Ben", "Carmen", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kemi", "Luca",
    "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sanjay", "Tara", "Umar", "Vera", "Wes", "Yuki",
)  # fmt: skip
TRAINEES = len(FIRST_NAMES)

# Weak spots: rules a trainee keeps missing. A trainee with one gets those questions wrong most of the time,
# with the mistake below (case questions) or a wrong choice.
WEAK_SPOTS = (
    frozenset({"R-E4"}),  # reports the concurrent add-on once per drug
    frozenset({"R-B4", "R-B5"}),  # mixes up sequential and concurrent
    frozenset({"R-C3", "R-C4"}),  # picks the wrong initial service
    frozenset({"R-C1", "R-E6"}),  # forgets what a second necessary site needs
)
SEQUENTIAL_CONCURRENT = {"96367": "96368", "96368": "96367"}
INITIAL_MIXUPS = {"96365": "96360", "96360": "96365", "96409": "96413", "96374": "96365"}


@dataclass(frozen=True)
class Profile:
    number: int
    skill: float  # the chance of getting a question right outside the weak spot
    weak: frozenset[str]
    second_quiz: bool
    retakes: bool  # a second, better attempt at the first quiz

    @property
    def username(self) -> str:
        return f"demo-trainee-{self.number:02d}"


def profiles() -> list[Profile]:
    rng = random.Random(SEED)
    skills = [0.15 + 0.8 * i / (TRAINEES - 1) for i in range(TRAINEES)]
    rng.shuffle(skills)
    return [
        Profile(
            number=i + 1,
            skill=skill,
            weak=WEAK_SPOTS[(i // 3) % len(WEAK_SPOTS)] if i % 3 == 0 else frozenset(),
            second_quiz=i % 5 != 4,
            retakes=skill < 0.55 and i % 2 == 0,
        )
        for i, skill in enumerate(skills)
    ]


def ensure_demo_class() -> tuple[Class, bool]:
    """The demo class, made once with its trainees and their attempts; (class, created). Needs the demo accounts
    and the starter quizzes (load_starter makes both first)."""
    existing = Class.objects.with_code(DEMO_CODE).first()
    if existing is not None:
        return existing, False
    educator = User.objects.get(
        username=next(account.username for account in DEMO_ACCOUNTS if account.educator)
    )
    quizzes = list(Quiz.objects.filter(slug__in=DEMO_QUIZZES, created_by=None))
    with transaction.atomic():
        klass = Class.create_for(educator, DEMO_CLASS_NAME, join_code=DEMO_CODE)
        Class.objects.filter(pk=klass.pk).update(created_at=DEMO_DAY - timedelta(days=30))
        people = profiles()
        unusable = make_password(None)
        users = User.objects.bulk_create(
            User(
                username=p.username,
                first_name=FIRST_NAMES[p.number - 1],
                last_name="(demo)",
                password=unusable,
            )
            for p in people
        )
        Membership.objects.bulk_create(
            Membership(
                klass=klass,
                user=user,
                role=Membership.Role.TRAINEE,
                joined_at=DEMO_DAY - timedelta(days=21, hours=-p.number),
            )
            for p, user in zip(people, users, strict=True)
        )
        assignments = _assign(klass, educator, quizzes)
        if DEMO_QUIZZES[0] in assignments:
            Allowance.objects.create(
                assignment=assignments[DEMO_QUIZZES[0]],
                trainee=users[ACCOMMODATED - 1],
                multiplier=Decimal("1.5"),
                reason="Time and a half on timed work (accommodation on file).",
                set_by=educator,
                set_at=DEMO_DAY - timedelta(days=15),
            )
        _make_attempts(quizzes, list(zip(people, users, strict=True)), assignments)
    return klass, True


def _assign(klass: Class, educator: User, quizzes: list[Quiz]) -> dict[str, Assignment]:
    """The demo quizzes as assignments of the class, with the quizzes' own limits and key release."""
    return {
        quiz.slug: Assignment.objects.create(
            klass=klass,
            quiz=quiz,
            opens_at=DEMO_DAY - timedelta(days=DEMO_WINDOWS[quiz.slug][0]),
            due_at=DEMO_DAY - timedelta(days=DEMO_WINDOWS[quiz.slug][1]),
            time_limit_minutes=quiz.time_limit_minutes,
            attempt_limit=quiz.attempt_limit,
            key_release=quiz.key_release,
            created_by=educator,
            created_at=DEMO_DAY - timedelta(days=DEMO_WINDOWS[quiz.slug][0] + 1),
        )
        for quiz in quizzes
    }


class _Answers:
    """Answers to the demo quizzes, graded by the real grading code once per distinct answer."""

    def __init__(self, quizzes: list[Quiz]) -> None:
        self.questions = {
            quiz.pk: list(quiz.questions.current().select_related("case").prefetch_related("choices"))
            for quiz in quizzes
        }
        self._graded: dict[tuple[int, str], GradedAnswer] = {}

    def grade(self, question: Question, answer: dict[str, Any]) -> GradedAnswer:
        key = (question.pk, json.dumps(answer, sort_keys=True))
        if key not in self._graded:
            self._graded[key] = question.grade(answer)
        return self._graded[key]


def _make_attempts(
    quizzes: list[Quiz], people: list[tuple[Profile, User]], assignments: dict[str, Assignment]
) -> None:
    rng = random.Random(SEED)
    answers = _Answers(quizzes)
    by_slug = {quiz.slug: quiz for quiz in quizzes}
    reader, second = (by_slug.get(slug) for slug in DEMO_QUIZZES)
    planned: list[tuple[Attempt, list[tuple[Question, dict[str, Any], datetime]]]] = []
    for profile, user in people:
        # (quiz, how much better than their skill, days before DEMO_DAY it opened); a quiz not loaded is skipped.
        runs = [(reader, 0.0, 14)] if reader else []
        if reader and profile.retakes:
            runs.append((reader, 0.2, 10))
        if second and profile.second_quiz:
            runs.append((second, 0.0, 7))
        for quiz, practice, days_before in runs:
            late = timedelta(days=rng.randint(0, 3), hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
            start = DEMO_DAY - timedelta(days=days_before) + late
            moment, answered = start, []
            for question in answers.questions[quiz.pk]:
                moment += timedelta(minutes=rng.randint(1, 5), seconds=rng.randint(0, 59))
                right = rng.random() < _chance(profile, question, practice)
                answered.append((question, _answer(question, right, profile.weak, rng), moment))
            attempt = Attempt(
                user=user,
                quiz=quiz,
                assignment=assignments[quiz.slug],
                mode=quiz.mode,
                started_at=start,
                finished_at=moment + timedelta(minutes=1),
                question_ids=[question.pk for question, _, _ in answered],
            )
            planned.append((attempt, answered))
    attempts = Attempt.objects.bulk_create(attempt for attempt, _ in planned)
    Response.objects.bulk_create(
        Response(
            attempt=attempt,
            question=question,
            answer=answer,
            answered_at=moment,
            **answers.grade(question, answer).stored(),
        )
        for attempt, (_, answered) in zip(attempts, planned, strict=True)
        for question, answer, moment in answered
    )
    for attempt in attempts:
        attempt.score = attempt.computed_score()
    Attempt.objects.bulk_update(attempts, ["score"])


def _chance(profile: Profile, question: Question, practice: float) -> float:
    if profile.weak & set(question.rule_tags):
        return 0.15 + practice
    return min(0.97, profile.skill + practice)


def _answer(question: Question, right: bool, weak: frozenset[str], rng: random.Random) -> dict[str, Any]:
    if question.is_choice:
        return {"choices": _choices(question, right, rng)}
    assert question.case is not None, "a case question has a case"
    key = [
        {"code": line["code"], "units": line["units"], "modifiers": list(line.get("modifiers", []))}
        for line in question.case.answer_key
    ]
    lines = key if right else _mistaken(key, weak & set(question.rule_tags), rng)
    answer: dict[str, Any] = {"lines": lines}
    if question.kind == Question.Kind.BUILD_TIMELINE:
        answer["encounter"] = question.case.encounter
    return answer


def _choices(question: Question, right: bool, rng: random.Random) -> list[int]:
    choices = list(question.choices.all())
    correct = [choice.pk for choice in choices if choice.is_correct]
    wrong = [choice.pk for choice in choices if not choice.is_correct]
    if right or not wrong:
        return correct
    if question.kind == Question.Kind.MULTIPLE:
        # Most of the right ones and one wrong one: partial credit, as people usually get it.
        kept = rng.sample(correct, max(1, len(correct) - 1))
        return sorted([*kept, rng.choice(wrong)])
    return [rng.choice(wrong)]


def _mistaken(key: list[dict[str, Any]], weak: frozenset[str], rng: random.Random) -> list[dict[str, Any]]:
    """The key with the mistake a trainee with this weak spot makes, or a common slip: a missed add-on, or the
    wrong units on one."""
    lines = [dict(line) for line in key]
    codes = {line["code"] for line in lines}
    if weak & {"R-C1", "R-E6"} and any(line["modifiers"] for line in lines):
        return [{**line, "modifiers": []} for line in lines]
    if weak & {"R-B4", "R-B5"} and codes & SEQUENTIAL_CONCURRENT.keys():
        return [{**line, "code": SEQUENTIAL_CONCURRENT.get(line["code"], line["code"])} for line in lines]
    if "R-E4" in weak and "96368" in codes:
        return [{**line, "units": 2} if line["code"] == "96368" else line for line in lines]
    if weak & {"R-C3", "R-C4"} and lines[0]["code"] in INITIAL_MIXUPS:
        return [{**lines[0], "code": INITIAL_MIXUPS[lines[0]["code"]]}, *lines[1:]]
    addons = [index for index, line in enumerate(lines) if is_addon(line["code"])]
    if not addons:
        return [{**lines[0], "units": lines[0]["units"] + 1}, *lines[1:]]
    index = rng.choice(addons)
    if rng.random() < 0.5:
        return lines[:index] + lines[index + 1 :]
    return [{**line, "units": line["units"] + 1} if i == index else line for i, line in enumerate(lines)]
