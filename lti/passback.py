"""Grades back to the learning platform (Assignment and Grade Services).

Each time an attempt at a linked assignment is scored (finished, regraded, overridden: quizzes/signals.py), its
ScorePassback is (re)started and a background task sends the trainee's score, so the trainee never waits on
the platform. A failed send is tried again after growing waits (where the task backend can wait: the database
one), then marked failed; the class's educators see each attempt's status and can send the class's scores again.

What is sent is the trainee's best finished attempt at the assignment, as a percentage (the column is made
out of 100 when the quiz is picked), so a weaker later attempt never lowers the platform's grade. The
timestamp is the moment of sending: the score sent is always the current one.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from lti import adapter
from lti.models import LtiIdentity, LtiLineItem, ScorePassback
from quizzes.models import Attempt
from quizzes.signals import attempt_scored

SCORE_MAXIMUM = 100.0
# The waits before each new try; after the last, the passback is failed (an educator can send it again).
RETRY_WAITS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_TRIES = len(RETRY_WAITS) + 1
ERROR_LENGTH = 500


@receiver(attempt_scored, dispatch_uid="lti.passback.queue")
def queue(sender: type[Attempt], attempt: Attempt, **kwargs: object) -> None:
    """Start the attempt's passback, when its assignment is a platform's column and the trainee came from there."""
    if attempt.assignment_id is None or attempt.finished_at is None:
        return
    line = LtiLineItem.objects.select_related("course").filter(assignment_id=attempt.assignment_id).first()
    if line is None or not _identity(attempt, line):
        return
    restart(attempt)


def restart(attempt: Attempt) -> ScorePassback:
    """The attempt's passback from the start (waiting, no tries), and its task queued."""
    passback, _ = ScorePassback.objects.update_or_create(
        attempt=attempt,
        defaults={
            "status": ScorePassback.Status.PENDING,
            "tries": 0,
            "scored_at": timezone.now(),
            "last_error": "",
        },
    )
    send_in_background.enqueue(passback.pk)
    return passback


def send_again(line_items: list[LtiLineItem]) -> int:
    """Each trainee's latest finished attempt at these columns' assignments, sent again; how many."""
    latest = (
        Attempt.objects.finished()
        .filter(assignment__lti_line_item__in=line_items)
        .values("user", "assignment")
        .annotate(latest=Max("pk"))
        .values_list("latest", flat=True)
    )
    attempts = Attempt.objects.filter(pk__in=list(latest)).select_related("assignment__lti_line_item__course")
    sent = 0
    for attempt in attempts:
        if _identity(attempt, attempt.assignment.lti_line_item):  # type: ignore[union-attr]
            restart(attempt)
            sent += 1
    return sent


def send(passback_pk: int) -> ScorePassback.Status:
    """One try at sending: the status it leaves (sent, retrying or failed)."""
    with transaction.atomic():
        passback = (
            ScorePassback.objects.select_for_update(of=("self",))
            .select_related("attempt__assignment__lti_line_item__course", "attempt__assignment__quiz")
            .get(pk=passback_pk)
        )
        if passback.status == ScorePassback.Status.SENT:
            return ScorePassback.Status.SENT
        attempt = passback.attempt
        assignment = attempt.assignment
        assert assignment is not None  # only an assignment's attempts are queued
        line = assignment.lti_line_item
        identity = _identity(attempt, line)
        best = _best_score(attempt)
        now = timezone.now()
        passback.tries += 1
        try:
            if identity is None:
                raise adapter.PlatformError("the trainee has no account on the course's platform any more")
            score = adapter.Score(
                user_id=identity.subject,
                given=round(best * SCORE_MAXIMUM, 2),
                maximum=SCORE_MAXIMUM,
                timestamp=now.isoformat(timespec="milliseconds"),
            )
            url = adapter.post_score(
                line.course.services,
                score,
                lineitem_url=line.url,
                resource_id=line.resource_id,
                label=assignment.quiz.title,
            )
        except adapter.PlatformError as error:
            return _failed(passback, str(error))
        if url and url != line.url:
            line.url = url
            line.save(update_fields=["url"])
        passback.status = ScorePassback.Status.SENT
        passback.sent_at = now
        passback.score_given = score.given
        passback.score_maximum = score.maximum
        passback.last_error = ""
        passback.save()
        return ScorePassback.Status.SENT


@task()
def send_in_background(passback_pk: int) -> str:
    """`send` as a background task."""
    return send(passback_pk).value


def _failed(passback: ScorePassback, error: str) -> ScorePassback.Status:
    """A failed try: again after the next wait while tries are left and the backend can wait, else failed."""
    passback.last_error = error[:ERROR_LENGTH]
    can_wait = send_in_background.get_backend().supports_defer
    if passback.tries < MAX_TRIES and can_wait:
        passback.status = ScorePassback.Status.RETRYING
        run_after = timezone.now() + RETRY_WAITS[passback.tries - 1]
        transaction.on_commit(lambda: send_in_background.using(run_after=run_after).enqueue(passback.pk))
    else:
        passback.status = ScorePassback.Status.FAILED
    passback.save()
    return ScorePassback.Status(passback.status)


def _identity(attempt: Attempt, line: LtiLineItem) -> LtiIdentity | None:
    """The trainee as the column's platform knows them (its subject is the score's userId)."""
    return LtiIdentity.objects.filter(user_id=attempt.user_id, issuer=line.course.issuer).first()


def _best_score(attempt: Attempt) -> float:
    best = (
        Attempt.objects.finished()
        .filter(user_id=attempt.user_id, assignment=attempt.assignment)
        .aggregate(best=Max("score"))["best"]
    )
    return best or 0.0
