"""Every class address, tried as each person around a class: only the class's own educators (its creator, its
co-educators) and superusers reach its roster, its results, its trainees' attempts, overrides and regrades, and
change them; anyone signed in may join and see their own classes."""

import pytest
from django.urls import reverse

from lti.models import LtiCourse
from quizzes.models import Attempt
from tests.factories import QuizFactory, choice_question

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "trainee", "class_trainee", "other_educator", "creator", "co_educator", "superuser")
LOGIN, OK, FORBIDDEN, NOT_FOUND = "login", "ok", 403, 404


def outcomes(*expected):
    return dict(zip(PERSONAS, expected, strict=True))


SIGNED_IN = outcomes(LOGIN, OK, OK, OK, OK, OK, OK)
EDUCATORS = outcomes(LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK, OK)
THE_CLASS_EDUCATORS = outcomes(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, OK)
# Leaving needs a membership; the creator archives their class instead.
MEMBERS_BUT_THE_CREATOR = outcomes(LOGIN, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK, NOT_FOUND)
ANYONE = outcomes(OK, OK, OK, OK, OK, OK, OK)
# The deep-linking picker needs a deep-linking launch in the session first (tests/lti/test_services.py).
NOTHING_TO_PICK = outcomes(LOGIN, 400, 400, 400, 400, 400, 400)

# (url name, method, the arguments it takes, who gets what)
ADDRESSES = [
    ("classes:index", "get", "", SIGNED_IN),
    ("classes:join", "get", "", SIGNED_IN),
    ("classes:join", "post", "", SIGNED_IN),
    ("classes:join_link", "get", "code", ANYONE),
    ("classes:new", "get", "", EDUCATORS),
    ("classes:new", "post", "", EDUCATORS),
    ("classes:detail", "get", "class", THE_CLASS_EDUCATORS),
    ("classes:add_educator", "post", "class", THE_CLASS_EDUCATORS),
    ("classes:remove_trainee", "get", "class trainee", THE_CLASS_EDUCATORS),
    ("classes:remove_trainee", "post", "class trainee", THE_CLASS_EDUCATORS),
    ("classes:archive", "post", "class", THE_CLASS_EDUCATORS),
    ("classes:leave", "get", "class", MEMBERS_BUT_THE_CREATOR),
    ("classes:leave", "post", "class", MEMBERS_BUT_THE_CREATOR),
    ("classes:results", "get", "class quiz", THE_CLASS_EDUCATORS),
    ("classes:results_download", "get", "class quiz what", THE_CLASS_EDUCATORS),
    ("classes:regrade", "get", "class quiz", THE_CLASS_EDUCATORS),
    ("classes:regrade", "post", "class quiz", THE_CLASS_EDUCATORS),
    ("classes:attempt", "get", "class attempt", THE_CLASS_EDUCATORS),
    ("classes:override", "post", "class attempt response", THE_CLASS_EDUCATORS),
    # The class comes from a learning platform's course (the `from_a_course` fixture).
    ("lti:sync_roster", "post", "class", THE_CLASS_EDUCATORS),
    ("lti:send_grades", "post", "class", THE_CLASS_EDUCATORS),
    ("lti:pick", "get", "", NOTHING_TO_PICK),
    ("lti:pick", "post", "", NOTHING_TO_PICK),
]


def cases(addresses):
    """One test case per address and persona, named after both."""
    return [
        pytest.param(name, method, args, persona, expected[persona], id=f"{name}-{method}-{persona}")
        for name, method, args, expected in addresses
        for persona in PERSONAS
    ]


CASES = cases(ADDRESSES)


@pytest.fixture
def people(educator, trainee, class_trainee, other_educator, co_educator, superuser):
    return {
        "anonymous": None,
        "trainee": trainee,
        "class_trainee": class_trainee,
        "other_educator": other_educator,
        "creator": educator,
        "co_educator": co_educator,
        "superuser": superuser,
    }


@pytest.fixture
def class_attempt(class_trainee):
    """The class trainee's finished attempt at a quiz of one choice question."""
    quiz = QuizFactory(slug="checked")
    question = choice_question(quiz=quiz)
    attempt = Attempt.start(class_trainee, quiz)
    attempt.record(question, {"choices": [question.choices.first().pk]})
    attempt.finish()
    return attempt


@pytest.fixture
def from_a_course(klass):
    """The class as a platform's course made it, so its platform actions exist."""
    return LtiCourse.objects.create(issuer="https://lms.example.edu", context_id="course-7", klass=klass)


def address(name, args, klass, class_trainee, attempt):
    values = {
        "class": klass.pk,
        "trainee": class_trainee.pk,
        "code": klass.join_code,
        "quiz": attempt.quiz.slug,
        "what": "gradebook",
        "attempt": attempt.pk,
        "response": attempt.responses.get().pk,
    }
    return reverse(name, args=[values[arg] for arg in args.split()])


@pytest.mark.parametrize(("name", "method", "args", "persona", "expected"), CASES)
def test_who_reaches_each_class_address(
    client, people, klass, from_a_course, class_trainee, class_attempt, name, method, args, persona, expected
):
    if people[persona] is not None:
        client.force_login(people[persona])
    url = address(name, args, klass, class_trainee, class_attempt)
    assert_reached(getattr(client, method)(url), method, expected)


def assert_reached(response, method, expected):
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == OK:
        # A page shows; a post changes something and redirects, or shows its form again with its errors.
        assert response.status_code in ({200} if method == "get" else {302, 422})
    else:
        assert response.status_code == expected


def test_a_roster_shows_no_trainee_to_anyone_outside_the_class(client, people, klass, class_trainee):
    url = reverse("classes:detail", args=[klass.pk])
    for persona in ("trainee", "class_trainee", "other_educator"):
        client.force_login(people[persona])
        response = client.get(url)
        assert response.status_code == 403 and b"Tim" not in response.content


def test_a_class_that_does_not_exist_is_a_404(client, educator):
    client.force_login(educator)
    assert client.get(reverse("classes:detail", args=[987654])).status_code == 404
