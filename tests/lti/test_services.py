"""Deep linking, grades back and rosters in, against the fake platform: the whole flow from an instructor's
"add an assignment" to the score the platform receives, the roster sync, and a failed passback tried again.

The flow tests run with real transactions (`transaction=True`): scores and roster syncs are sent once the
work that caused them commits, as in production.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import jwt
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from jwt.algorithms import RSAAlgorithm

from assignments.models import Assignment
from classes.models import Membership
from lti import passback
from lti.models import LtiCourse, LtiIdentity, LtiLineItem, ScorePassback
from quizzes.models import Attempt
from tests.factories import QuizFactory, choice_question
from tests.lti.platform import (
    CLAIM,
    CLIENT_ID,
    DEEP_LINK_RETURN_URL,
    INSTRUCTOR,
    ISSUER,
    LINEITEM_URL,
    LINEITEMS_URL,
    deep_linking_claims,
    member,
    service_claims,
)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def quiz(db):
    quiz = QuizFactory(title="Concurrent or sequential?", slug="concurrent-or-sequential")
    for position in range(2):
        choice_question(quiz=quiz, position=position)
    return quiz


def pick_quiz(platform, client: Client, quiz) -> tuple[Assignment, dict]:
    """The instructor's deep-linking launch and pick; the assignment made and the response's claims, checked
    against our published key as the platform checks them."""
    response = platform.sign_in(client, **deep_linking_claims())
    assert response.status_code == 302 and response["Location"] == "/lti/pick/"
    assert client.get("/lti/pick/", secure=True).status_code == 200
    form = client.get("/lti/pick/", {"quiz": quiz.pk}, secure=True)
    assert b"Add to the course" in form.content
    due = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    opens = (timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    picked = client.post(
        "/lti/pick/",
        {
            "quiz": quiz.pk,
            "opens_at": opens,
            "due_at": due,
            "attempt_limit": "",
            "time_limit_minutes": "",
            "key_release": quiz.key_release,
        },
        secure=True,
    )
    assert picked.status_code == 200, picked.content
    assert f'action="{DEEP_LINK_RETURN_URL}"'.encode() in picked.content
    assert (
        "https://lms.example.edu" in picked["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    )
    token = picked.context["token"]
    keys = {key["kid"]: key for key in client.get("/lti/jwks.json").json()["keys"]}
    key = RSAAlgorithm.from_jwk(keys[jwt.get_unverified_header(token)["kid"]])
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=ISSUER)
    return Assignment.objects.get(), claims


def learner_launch(platform, client: Client, assignment: Assignment, subject: str = "person-43"):
    return platform.sign_in(
        client,
        sub=subject,
        given_name="Lena",
        family_name="Ortiz",
        **{f"{CLAIM}custom": {"assignment": str(assignment.pk)}},
        **service_claims(lineitem=LINEITEM_URL),
    )


def finish_through_the_site(client: Client, assignment: Assignment, *, right: int) -> Attempt:
    """The trainee starts the assignment, answers `right` questions right and the rest wrong, and finishes."""
    started = client.post(f"/assignments/{assignment.pk}/start/", secure=True)
    assert started.status_code == 302, started.content
    attempt = Attempt.objects.get(assignment=assignment, finished_at=None)
    for index, question in enumerate(attempt.questions()):
        choice = question.choices.filter(is_correct=index < right).first()
        attempt.record(question, {"choices": [choice.pk]})
    assert client.post(f"/quizzes/attempts/{attempt.pk}/finish/", secure=True).status_code == 302
    attempt.refresh_from_db()
    return attempt


@pytest.mark.django_db(transaction=True)
def test_deep_link_launch_finish_and_the_score_posted(platform, services, quiz):
    services.members = [
        member("person-42", INSTRUCTOR, given_name="Tess"),
        member("person-43", given_name="Lena"),
    ]
    instructor = Client()
    assignment, claims = pick_quiz(platform, instructor, quiz)

    assert claims["iss"] == CLIENT_ID
    assert claims[f"{CLAIM}message_type"] == "LtiDeepLinkingResponse"
    assert claims[f"{CLAIM}deployment_id"] == "deployment-1"
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "platform-opaque-7"
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] == [
        {
            "type": "ltiResourceLink",
            "title": "Concurrent or sequential?",
            "url": "https://testserver/lti/launch/",
            "custom": {"assignment": str(assignment.pk)},
            "lineItem": {
                "label": "Concurrent or sequential?",
                "scoreMaximum": 100.0,
                "resourceId": f"assignment-{assignment.pk}",
            },
        }
    ]
    course = LtiCourse.objects.get()
    assert assignment.klass == course.klass
    assert (course.lineitems_url, course.client_id) == (LINEITEMS_URL, CLIENT_ID)
    assert LtiLineItem.objects.get(assignment=assignment).url == ""

    trainee = Client()
    landed = learner_launch(platform, trainee, assignment)
    assert landed["Location"] == "/lti/welcome/"
    welcome = trainee.get("/lti/welcome/", secure=True)
    assert b"Concurrent or sequential?" in welcome.content
    assert f'action="/assignments/{assignment.pk}/start/"'.encode() in welcome.content
    assert LtiLineItem.objects.get(assignment=assignment).url == LINEITEM_URL

    attempt = finish_through_the_site(trainee, assignment, right=1)

    sent = ScorePassback.objects.get(attempt=attempt)
    assert (sent.status, sent.tries, sent.score_given, sent.score_maximum) == ("sent", 1, 50.0, 100.0)
    assert services.scores() == [
        {
            "scoreGiven": 50.0,
            "scoreMaximum": 100.0,
            "activityProgress": "Completed",
            "gradingProgress": "FullyGraded",
            "timestamp": sent.sent_at.isoformat(timespec="milliseconds"),
            "userId": "person-43",
        }
    ]
    request = services.score_endpoint.last_request
    assert request.headers["Content-Type"] == "application/vnd.ims.lis.v1.score+json"
    assert request.headers["Authorization"] == "Bearer platform-token-1"
    granted = parse_qs(services.token_endpoint.last_request.text)["scope"][0].split()
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in granted


@pytest.mark.django_db(transaction=True)
def test_an_override_and_a_better_attempt_send_the_best_score_again(platform, services, quiz):
    assignment, _ = pick_quiz(platform, Client(), quiz)
    trainee = Client()
    learner_launch(platform, trainee, assignment)
    first = finish_through_the_site(trainee, assignment, right=0)
    second = finish_through_the_site(trainee, assignment, right=1)
    educator = User.objects.get(lti_identities__subject="person-42")

    first.responses.first().override(educator, 1.0, "The second choice is also defensible here.")

    assert [score["scoreGiven"] for score in services.scores()] == [0.0, 50.0, 50.0]
    assert ScorePassback.objects.get(attempt=second).status == "sent"
    assert ScorePassback.objects.get(attempt=first).score_given == 50.0  # the best of both, not this one's


@pytest.mark.django_db(transaction=True)
def test_a_trainee_who_did_not_come_from_the_platform_sends_nothing(platform, services, quiz, trainee):
    assignment, _ = pick_quiz(platform, Client(), quiz)
    Membership.join(trainee, assignment.klass)
    client = Client()
    client.force_login(trainee)

    finish_through_the_site(client, assignment, right=2)

    assert not ScorePassback.objects.exists()
    assert services.scores() == []


@pytest.mark.django_db(transaction=True)
def test_an_unknown_column_is_found_by_our_resource_id(platform, services, quiz):
    assignment, _ = pick_quiz(platform, Client(), quiz)
    services.lineitems = [
        {"id": f"{LINEITEMS_URL}/30", "resourceId": "assignment-999", "scoreMaximum": 100, "label": "Other"},
        {
            "id": LINEITEM_URL,
            "resourceId": f"assignment-{assignment.pk}",
            "scoreMaximum": 100,
            "label": "Ours",
        },
    ]
    trainee = Client()
    platform.sign_in(trainee, sub="person-43", **{f"{CLAIM}custom": {"assignment": str(assignment.pk)}})

    finish_through_the_site(trainee, assignment, right=2)

    assert services.scores()[0]["scoreGiven"] == 100.0
    assert LtiLineItem.objects.get().url == LINEITEM_URL


@pytest.mark.django_db(transaction=True)
def test_the_instructors_launch_syncs_the_roster_every_page_of_it(platform, services):
    services.members = [
        member("person-42", INSTRUCTOR, given_name="Tess", family_name="Carter"),
        member("person-50", given_name="Ana", family_name="Silva", email="ana@example.edu"),
        member("person-51", given_name="Ben", family_name="Okafor"),
        member("person-52", "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor", given_name="Mo"),
        member("person-53", given_name="Cy", status="Inactive"),
    ]
    platform.sign_in(Client(), **{f"{CLAIM}roles": [INSTRUCTOR]}, **service_claims())

    klass = LtiCourse.objects.get().klass
    trainees = set(klass.memberships.trainees().values_list("user__lti_identities__subject", flat=True))
    assert trainees == {"person-50", "person-51"}
    assert set(klass.memberships.educators().values_list("user__lti_identities__subject", flat=True)) == {
        "person-42"
    }
    assert services.members_endpoint.call_count == 3  # three pages of two
    ana = LtiIdentity.objects.get(subject="person-50").user
    assert (ana.first_name, ana.email, ana.has_usable_password()) == ("Ana", "ana@example.edu", False)
    assert LtiCourse.objects.get().roster_synced_at is not None

    # Ana's own first launch finds the account the roster made.
    platform.sign_in(Client(), sub="person-50", given_name="Ana")
    assert LtiIdentity.objects.filter(subject="person-50").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_sync_on_demand_takes_out_who_left_and_keeps_their_work(platform, services, quiz):
    services.members = [member("person-50"), member("person-51")]
    instructor = Client()
    platform.sign_in(instructor, **{f"{CLAIM}roles": [INSTRUCTOR]}, **service_claims())
    klass = LtiCourse.objects.get().klass
    assert klass.memberships.trainees().count() == 2
    services.members = [member("person-50"), member("person-51", status="Deleted"), member("person-60")]

    response = instructor.post(f"/lti/classes/{klass.pk}/sync-roster/", secure=True)

    assert response.status_code == 302
    subjects = set(klass.memberships.trainees().values_list("user__lti_identities__subject", flat=True))
    assert subjects == {"person-50", "person-60"}
    assert User.objects.filter(lti_identities__subject="person-51").exists()
    page = instructor.get(f"/classes/{klass.pk}/", secure=True)
    assert b"From the learning platform" in page.content and b"Sync roster" in page.content


@pytest.mark.django_db(transaction=True)
def test_a_roster_the_platform_refuses_is_kept_as_the_error(platform, services):
    services.members_endpoint = services.mock.get(services.members_endpoint._url, status_code=403, json={})
    platform.sign_in(Client(), **{f"{CLAIM}roles": [INSTRUCTOR]}, **service_claims())

    course = LtiCourse.objects.get()
    assert course.roster_error == "Reading the roster: the platform answered 403"
    assert course.roster_synced_at is None


@pytest.mark.django_db(transaction=True)
def test_a_failed_passback_waits_and_is_tried_again_by_the_worker(platform, services, quiz):
    assignment, _ = pick_quiz(platform, Client(), quiz)
    trainee = Client()
    learner_launch(platform, trainee, assignment)
    services.fail_scores(503)

    with override_settings(TASKS=DATABASE_TASKS):
        attempt = finish_through_the_site(trainee, assignment, right=2)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        waiting = ScorePassback.objects.get(attempt=attempt)
        assert (waiting.status, waiting.tries) == ("retrying", 1)
        assert waiting.last_error == "Sending the score: the platform answered 503"

        services.fail_scores(200)
        _due_now()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    sent = ScorePassback.objects.get(attempt=attempt)
    assert (sent.status, sent.tries, sent.last_error, sent.score_given) == ("sent", 2, "", 100.0)
    assert services.scores()[-1]["scoreGiven"] == 100.0


def _due_now() -> None:
    """The waiting retries made due, as if their wait had passed."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=datetime.now(UTC))


@pytest.mark.django_db(transaction=True)
def test_after_the_last_try_a_passback_is_failed_and_an_educator_sends_it_again(platform, services, quiz):
    instructor = Client()
    assignment, _ = pick_quiz(platform, instructor, quiz)
    trainee = Client()
    learner_launch(platform, trainee, assignment)
    services.fail_scores(401)

    attempt = finish_through_the_site(
        trainee, assignment, right=2
    )  # the immediate backend cannot wait: failed

    failed = ScorePassback.objects.get(attempt=attempt)
    assert (failed.status, failed.tries) == ("failed", 1)
    page = instructor.get(f"/classes/{assignment.klass_id}/assignments/{assignment.pk}/", secure=True)
    assert b"Grades sent to the course" in page.content and b"the platform answered 401" in page.content

    services.fail_scores(200)
    response = instructor.post(f"/lti/classes/{assignment.klass_id}/send-grades/", secure=True)

    assert response.status_code == 302
    assert ScorePassback.objects.get(attempt=attempt).status == "sent"


@pytest.mark.django_db(transaction=True)
def test_the_last_try_that_fails_leaves_the_passback_failed(platform, services, quiz):
    assignment, _ = pick_quiz(platform, Client(), quiz)
    trainee = Client()
    learner_launch(platform, trainee, assignment)
    services.fail_scores(500)

    with override_settings(TASKS=DATABASE_TASKS):
        attempt = finish_through_the_site(trainee, assignment, right=2)
        ScorePassback.objects.filter(attempt=attempt).update(tries=passback.MAX_TRIES - 1)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        _due_now()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    failed = ScorePassback.objects.get(attempt=attempt)
    assert (failed.status, failed.tries) == ("failed", passback.MAX_TRIES)
    assert services.score_endpoint.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_learner_cannot_pick_content(platform):
    response = platform.sign_in(
        Client(),
        **{
            **deep_linking_claims(),
            f"{CLAIM}roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        },
    )

    assert response.status_code == 403
    assert b"Only the course" in response.content


def test_the_picker_without_a_deep_linking_launch_says_so(client, educator):
    client.force_login(educator)

    response = client.get("/lti/pick/", secure=True)

    assert response.status_code == 400
    assert b"There is nothing to pick for" in response.content


@pytest.mark.django_db(transaction=True)
def test_a_practice_set_is_an_ungraded_link(platform, services):
    instructor = Client()
    platform.sign_in(instructor, **deep_linking_claims())

    picked = instructor.post("/lti/pick/", {"practice": "R-F"}, secure=True)

    token = picked.context["token"]
    (item,) = jwt.decode(token, options={"verify_signature": False})[
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
    ]
    assert item["custom"] == {"practice": "R-F"} and "lineItem" not in item
    assert not Assignment.objects.exists()
    learner = Client()
    platform.sign_in(learner, sub="person-44", **{f"{CLAIM}custom": {"practice": "R-F"}})
    assert b"Start practising" in learner.get("/lti/welcome/", secure=True).content
