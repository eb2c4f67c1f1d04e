"""Data for bench/load.sh, in the database the served site uses (same environment variables).

    .venv/bin/python bench/load_data.py prepare OUT.json --trainees 200 --questions 6 --builders 8
    .venv/bin/python bench/load_data.py count SENT.json

`prepare` makes the deadline-rush quiz (single-choice questions, exam mode), a class of the trainees (each with a
signed-in session) taught by a bench educator, the quiz assigned to it (open now, due in two hours, 30 minutes
each), and the builder trainees (one per wrk thread of the nudge load), each signed in with a
20-administration timeline of their own; it writes the cookies the load needs to OUT.json. `count` compares the answers the rush sent and saw acknowledged (SENT.json, from
bench/rush.py) with the answers stored: an acknowledged answer missing is lost, two rows for one question are
doubled, and a stored answer nobody sent would be a bug too; any of them exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from assignments.models import Assignment  # noqa: E402
from bench.builder import busy_day  # noqa: E402
from classes.models import Class, Membership  # noqa: E402
from coding import session as builder_session  # noqa: E402
from quizzes.models import Choice, Question, Quiz, Response  # noqa: E402

RUSH_SLUG = "deadline-rush"
RUSH_CLASS = "RUSH-26"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def new_session(values: dict[str, object]) -> str:
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    for key, value in values.items():
        store[key] = value
    store.create()
    return str(store.session_key)


def rush_quiz(questions: int) -> Quiz:
    Quiz.objects.filter(slug=RUSH_SLUG).delete()
    quiz = Quiz.objects.create(
        slug=RUSH_SLUG, title="Deadline rush", mode=Quiz.Mode.EXAM, time_limit_minutes=30
    )
    for number in range(1, questions + 1):
        question = Question.objects.create(
            quiz=quiz,
            slug=f"{RUSH_SLUG}-{number}",
            position=number,
            kind=Question.Kind.SINGLE,
            prompt=f"Rush question {number}: which code reports a concurrent infusion?",
            rule_tags=["R-E4"],
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=position, text=text, is_correct=position == 0)
            for position, text in enumerate(["96368", "96367", "96366"])
        )
    return quiz


def rush_assignment(quiz: Quiz, trainees: list[User]) -> Assignment:
    """The quiz assigned to a class of `trainees`: open now, due in two hours, 30 minutes an attempt."""
    Class.objects.filter(join_code=RUSH_CLASS).delete()
    User.objects.filter(username="rush-educator").delete()
    educator = User.objects.create_user("rush-educator", password=secrets.token_urlsafe(16))
    klass = Class.create_for(educator, "Deadline rush class", join_code=RUSH_CLASS)
    Membership.objects.bulk_create(
        Membership(klass=klass, user=trainee, role=Membership.Role.TRAINEE) for trainee in trainees
    )
    return Assignment.objects.create(
        klass=klass,
        quiz=quiz,
        due_at=timezone.now() + timedelta(hours=2),
        time_limit_minutes=30,
        key_release=Quiz.KeyRelease.AFTER_DUE,
        created_by=educator,
    )


def signed_in_sessions(
    prefix: str, count: int, values: dict[str, object] | None = None
) -> tuple[list[User], list[str]]:
    """`count` new trainees named `prefix`0, `prefix`1 …, each with a signed-in session also holding `values`."""
    User.objects.filter(username__startswith=prefix).delete()
    users, sessions = [], []
    for number in range(count):
        user = User.objects.create_user(f"{prefix}{number}", password=secrets.token_urlsafe(16))
        users.append(user)
        auth = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: MODEL_BACKEND,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(new_session(auth | (values or {})))
    return users, sessions


def prepare(out: Path, trainees: int, questions: int, builders: int) -> None:
    quiz = rush_quiz(questions)
    csrf = secrets.token_hex(16)  # sent as both cookie and X-CSRFToken header
    # Each nudging wrk thread its own timeline: threads sharing one would refuse each other's versions.
    _, nudgers = signed_in_sessions("bench-builder-", builders, {builder_session.SESSION_KEY: busy_day()})
    rushers, rush_sessions = signed_in_sessions("rush-trainee-", trainees)
    assignment = rush_assignment(quiz, rushers)
    data = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_secret": csrf,
        "assignment": assignment.pk,
        "questions": questions,
        "trainees": rush_sessions,
        # wrk.lua's COOKIES: one cookie header per thread.
        "builder_cookies": "|".join(
            f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}" for key in nudgers
        ),
    }
    out.write_text(json.dumps(data))
    print(
        f"prepared a class of {trainees} trainees, a {questions}-question quiz assigned to it and {builders} builder trainees "
        "with a 20-administration timeline each"
    )


def count(sent_file: Path) -> int:
    sent = json.loads(sent_file.read_text())
    submitted = {(item["attempt"], item["question"]) for item in sent["sent"]}
    accepted = {(item["attempt"], item["question"]) for item in sent["accepted"]}
    stored_rows = Response.objects.filter(attempt__quiz__slug=RUSH_SLUG)
    stored = set(stored_rows.values_list("attempt_id", "question_id"))
    doubled = stored_rows.values("attempt_id", "question_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    lost = len(accepted - stored)
    unanswered = len(submitted - accepted)  # the client gave up waiting (timeout) or the server refused
    print(
        f"answers sent {len(submitted)}, acknowledged {len(accepted)} (not acknowledged {unanswered}), "
        f"stored {stored_rows.count()}; lost {lost}, doubled {doubled}, stored but never sent {len(stored - submitted)}"
    )
    return 1 if lost or doubled or stored - submitted else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("prepare")
    make.add_argument("out", type=Path)
    make.add_argument("--trainees", type=int, default=200)
    make.add_argument("--questions", type=int, default=6)
    make.add_argument("--builders", type=int, default=8)
    check = commands.add_parser("count")
    check.add_argument("sent", type=Path)
    arguments = parser.parse_args()
    if arguments.command == "prepare":
        prepare(arguments.out, arguments.trainees, arguments.questions, arguments.builders)
        return 0
    return count(arguments.sent)


if __name__ == "__main__":
    sys.exit(main())
