"""The demo class load_starter makes with DEBUG on: its code, educator, 24 trainees and their graded attempts,
the same on every machine, made once, and never with DEBUG off."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from classes.demo import DEMO_CODE, DEMO_DAY, DEMO_QUIZZES, TRAINEES, ensure_demo_class
from classes.models import Class, Membership
from quizzes.models import Attempt, Response

pytestmark = pytest.mark.django_db


def load_starter() -> str:
    output = StringIO()
    call_command("load_starter", stdout=output)
    return output.getvalue()


def demo_work() -> list[tuple]:
    """The demo trainees' attempts as data that does not depend on primary keys."""
    attempts = Attempt.objects.filter(user__username__startswith="demo-trainee-").order_by(
        "user__username", "started_at"
    )
    return [
        (a.user.username, a.quiz.slug, a.started_at, a.finished_at, round(a.score, 6), a.responses.count())
        for a in attempts.select_related("user", "quiz")
    ]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Class, Membership, User, Attempt, Response)}


def test_with_debug_on_load_starter_makes_the_demo_class_once_and_prints_its_code(settings):
    settings.DEBUG = True
    output = load_starter()
    klass = Class.objects.with_code("demo-24").get()
    assert "'Demo class', join code DEMO-24" in output
    assert (klass.name, klass.join_code, klass.archived) == ("Demo class", DEMO_CODE, False)
    assert [educator.username for educator in klass.educators()] == ["educator"]
    trainees = [
        m.user for m in klass.memberships.trainees().select_related("user").order_by("user__username")
    ]
    assert [user.username for user in trainees] == [f"demo-trainee-{n:02d}" for n in range(1, TRAINEES + 1)]
    assert not any(user.has_usable_password() for user in trainees)

    before = counts()
    load_starter()
    assert counts() == before


def test_the_demo_attempts_are_finished_graded_and_vary_in_skill(settings):
    settings.DEBUG = True
    load_starter()
    attempts = Attempt.objects.filter(user__username__startswith="demo-trainee-")
    assert set(attempts.values_list("quiz__slug", flat=True)) == set(DEMO_QUIZZES)
    assert (
        not attempts.filter(finished_at=None).exists()
        and not attempts.filter(finished_at__gte=DEMO_DAY).exists()
    )
    # Every trainee took the reader quiz; some never took the second one; a few took the first again.
    reader = attempts.filter(quiz__slug=DEMO_QUIZZES[0])
    assert reader.values("user").distinct().count() == TRAINEES
    assert 0 < attempts.filter(quiz__slug=DEMO_QUIZZES[1]).count() < TRAINEES
    assert reader.count() > TRAINEES
    scores = sorted(attempts.values_list("score", flat=True))
    assert scores[0] < 0.5 < 0.9 < scores[-1]
    # Each answer carries the real grading's result: partial credit and misconceptions among them.
    responses = Response.objects.filter(attempt__in=attempts)
    for attempt in attempts.prefetch_related("responses")[:5]:
        assert len(attempt.question_ids) == len(attempt.responses.all())
        assert attempt.score == pytest.approx(
            sum(r.score for r in attempt.responses.all()) / len(attempt.question_ids)
        )
    assert responses.filter(score__gt=0, score__lt=1).exists()
    misconceptions = {m["slug"] for r in responses for m in r.result.get("misconceptions", [])}
    assert "concurrent-per-drug" in misconceptions


def test_the_demo_class_is_the_same_every_time_it_is_made(settings):
    settings.DEBUG = True
    load_starter()
    first = demo_work()
    Class.objects.with_code(DEMO_CODE).delete()
    User.objects.filter(username__startswith="demo-trainee-").delete()
    _, created = ensure_demo_class()
    assert created and demo_work() == first


def test_with_debug_off_there_is_no_demo_class(settings, monkeypatch):
    monkeypatch.setattr("quizzes.starter.load", dict)  # not about the quiz bank
    settings.DEBUG = False
    output = load_starter()
    assert not Class.objects.exists()
    assert not User.objects.filter(username__startswith="demo-trainee-").exists()
    assert "DEMO-24" not in output
