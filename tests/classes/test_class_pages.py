"""The educator's side: a new class, My classes, the class page with its code, link and roster, removing a
trainee, co-educators, leaving and archiving."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from classes import roster
from classes.models import Class, Membership
from quizzes.models import Attempt
from tests.classes.conftest import in_educators_group
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    MembershipFactory,
    QuizFactory,
    UserFactory,
    taught_class,
    trainee_with_attempts,
)

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def detail(klass, **query):
    url = reverse("classes:detail", args=[klass.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_an_educator_creates_a_class_and_lands_on_its_page_with_the_code(client, educator):
    client.force_login(educator)
    response = client.post(reverse("classes:new"), {"name": "Spring cohort"})
    klass = Class.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(klass)
    assert klass.name == "Spring cohort" and klass.is_taught_by(educator)
    page = client.get(detail(klass)).content.decode()
    assert klass.join_code in page
    assert f"http://testserver/classes/join/{klass.join_code}/" in page


def test_a_class_needs_a_name(client, educator):
    client.force_login(educator)
    response = client.post(reverse("classes:new"), {"name": "  "})
    assert response.status_code == 422
    assert "Give the class a name your trainees will recognise." in response.content.decode()
    assert not Class.objects.exists()


def test_my_classes_lists_each_class_with_its_trainee_count_and_archived_ones_apart(client, educator, klass):
    trainee_with_attempts(klass, "amy", scores=[0.5], last=DAY)
    trainee_with_attempts(klass, "bob")
    taught_class(educator, name="Last year's cohort", archived=True)
    client.force_login(educator)
    response = client.get(reverse("classes:index"))
    assert [c.name for c in response.context["taught"]] == ["Tuesday cohort"]
    assert [c.name for c in response.context["archived"]] == ["Last year's cohort"]
    shown = response.context["taught"][0]
    assert shown.trainee_count == 2 and shown.last_activity == DAY
    assert "<strong>2</strong> trainees" in response.content.decode()


def test_an_educator_without_classes_is_told_how_to_start(client, educator):
    client.force_login(educator)
    page = client.get(reverse("classes:index")).content.decode()
    assert "No classes yet" in page and reverse("classes:new") in page


def test_the_roster_shows_each_trainees_joined_date_attempts_mean_score_and_last_activity(
    client, educator, klass
):
    trainee_with_attempts(klass, "amy", "Amy", scores=[0.5, 1.0], joined_at=DAY - timedelta(days=9), last=DAY)
    client.force_login(educator)
    response = client.get(detail(klass))
    [row] = response.context["trainees"]
    assert (row.user.username, row.finished_attempts, row.mean_score, row.last_activity) == (
        "amy",
        2,
        0.75,
        DAY,
    )
    text = " ".join(response.content.decode().split())
    assert "Amy" in text and "25 Apr 2026" in text and "75%" in text and "4 May 2026" in text


def test_an_open_attempt_counts_as_activity_but_not_as_finished_work(client, educator, klass):
    amy = trainee_with_attempts(klass, "amy", scores=[1.0], last=DAY)
    AttemptFactory(user=amy, assignment=AssignmentFactory(klass=klass), started_at=DAY + timedelta(days=2))
    client.force_login(educator)
    [row] = client.get(detail(klass)).context["trainees"]
    assert (row.finished_attempts, row.mean_score, row.last_activity) == (1, 1.0, DAY + timedelta(days=2))


def other_work(trainee, klass, quiz, *, score=0.0, when=DAY + timedelta(days=5)):
    """A trainee's finished attempts the roster of `klass` must not count: practice at a quiz the class has
    assigned, and the same quiz assigned to another class the trainee is in."""
    elsewhere = taught_class(UserFactory())
    MembershipFactory(klass=elsewhere, user=trainee)
    for assignment in (None, AssignmentFactory(klass=elsewhere, quiz=quiz)):
        AttemptFactory(
            user=trainee, quiz=quiz, assignment=assignment, score=score, started_at=when, finished_at=when
        )


def test_the_roster_counts_only_attempts_at_the_class_assignments(client, educator, klass):
    amy = trainee_with_attempts(klass, "amy", scores=[0.5, 1.0], last=DAY)
    other_work(amy, klass, Attempt.objects.get(user=amy, score=1.0).quiz)
    bob = trainee_with_attempts(klass, "bob")
    other_work(bob, klass, QuizFactory(), score=1.0)
    client.force_login(educator)
    amy_row, bob_row = client.get(detail(klass)).context["trainees"]
    assert (amy_row.finished_attempts, amy_row.mean_score, amy_row.last_activity) == (2, 0.75, DAY)
    assert (bob_row.finished_attempts, bob_row.mean_score, bob_row.last_activity) == (0, None, None)


@pytest.mark.parametrize("trainees", [2, 10])
def test_the_roster_is_one_query_for_2_or_10_trainees_with_other_work(
    klass, trainees, django_assert_num_queries
):
    for number in range(trainees):
        user = trainee_with_attempts(klass, f"t{number:02d}", scores=[0.5, 0.7])
        other_work(user, klass, QuizFactory())
    with django_assert_num_queries(1):
        rows = list(roster.trainees(klass, roster.Sort.parse("-activity")))
    assert [row.finished_attempts for row in rows] == [2] * trainees


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["amy", "bob", "cyd"]),
        ("-name", ["cyd", "bob", "amy"]),
        ("-score", ["bob", "amy", "cyd"]),  # nobody's score is unknown last, whichever way
        ("score", ["amy", "bob", "cyd"]),
        ("-attempts", ["amy", "bob", "cyd"]),
        ("-activity", ["bob", "amy", "cyd"]),
        ("joined", ["cyd", "bob", "amy"]),
        ("nonsense", ["amy", "bob", "cyd"]),
    ],
)
def test_the_roster_sorts_by_the_column_its_link_names(client, educator, klass, sort, order):
    trainee_with_attempts(klass, "amy", scores=[0.2, 0.4], joined_at=DAY, last=DAY)
    trainee_with_attempts(
        klass, "bob", scores=[0.9], joined_at=DAY - timedelta(days=1), last=DAY + timedelta(days=1)
    )
    trainee_with_attempts(klass, "cyd", joined_at=DAY - timedelta(days=2))
    client.force_login(educator)
    response = client.get(detail(klass, sort=sort))
    assert [row.user.username for row in response.context["trainees"]] == order


def test_the_sorted_columns_heading_links_to_the_other_direction_and_says_so(client, educator, klass):
    client.force_login(educator)
    trainee_with_attempts(klass, "amy")
    page = client.get(detail(klass, sort="-score")).content.decode()
    assert 'aria-sort="descending"' in page and 'href="?sort=score"' in page
    assert 'href="?sort=-attempts"' in page and 'href="?sort=name"' in page


@pytest.mark.parametrize("trainees", [3, 30])
def test_the_class_page_makes_the_same_queries_for_3_or_30_trainees(
    client, educator, klass, trainees, django_assert_num_queries
):
    for number in range(trainees):
        trainee_with_attempts(klass, f"t{number:02d}", scores=[0.5])
    client.force_login(educator)
    # session, user, groups (the decorator's and the navigation's), the class, may-teach, roster, assignments,
    # educators, the quizzes its trainees finished, the platform's course it may come from
    with django_assert_num_queries(11):
        response = client.get(detail(klass, sort="-score"))
    assert len(response.context["trainees"]) == trainees


@pytest.mark.parametrize("classes", [1, 10])
def test_my_classes_makes_the_same_queries_for_1_or_10_classes(
    client, educator, classes, django_assert_num_queries
):
    for number in range(classes):
        klass = taught_class(educator, archived=number % 3 == 2)
        trainee_with_attempts(klass, f"t{number:02d}", scores=[0.5])
        MembershipFactory(
            klass=taught_class(UserFactory(first_name="Other")), user=educator
        )  # also a trainee
    client.force_login(educator)
    # session, user, groups (the page's and the navigation's), taught classes, joined classes, their educators
    with django_assert_num_queries(7):
        client.get(reverse("classes:index"))


def test_an_empty_roster_says_how_trainees_join(client, educator, klass):
    client.force_login(educator)
    page = client.get(detail(klass)).content.decode()
    assert "No trainees yet" in page and "XK7-4PM" in page


def test_removing_a_trainee_asks_first_then_keeps_their_attempts(client, educator, klass):
    amy = trainee_with_attempts(klass, "amy", "Amy", scores=[0.5])
    client.force_login(educator)
    url = reverse("classes:remove_trainee", args=[klass.pk, amy.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Remove Amy from Tuesday cohort?" in confirm.content.decode()
    assert klass.memberships.filter(user=amy).exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail(klass)
    assert not klass.memberships.filter(user=amy).exists()
    assert Attempt.objects.filter(user=amy).count() == 1


def test_an_educator_cannot_be_removed_as_a_trainee(client, educator, klass, co_educator):
    client.force_login(educator)
    assert client.post(reverse("classes:remove_trainee", args=[klass.pk, co_educator.pk])).status_code == 404
    assert klass.is_taught_by(co_educator)


def test_an_educator_adds_a_co_educator_who_then_manages_the_class(client, educator, klass):
    cora = in_educators_group(UserFactory(username="cora", first_name="Cora"))
    client.force_login(educator)
    response = client.post(reverse("classes:add_educator", args=[klass.pk]), {"username": "Cora"})
    assert response.status_code == 302
    assert klass.is_taught_by(cora)
    client.force_login(cora)
    assert client.get(detail(klass)).status_code == 200
    assert [c.pk for c in client.get(reverse("classes:index")).context["taught"]] == [klass.pk]


@pytest.mark.parametrize(
    ("username", "error"),
    [
        ("nobody", "Nobody has the username “nobody”."),
        ("tim", "“tim” is not in the Educators group"),
        ("edna", "“edna” already teaches this class."),
        ("", "Type the username of the educator to add."),
    ],
)
def test_a_co_educator_must_be_an_educator_not_yet_teaching_the_class(
    client, educator, klass, username, error
):
    UserFactory(username="tim")
    client.force_login(educator)
    response = client.post(reverse("classes:add_educator", args=[klass.pk]), {"username": username})
    assert response.status_code == 422
    assert error in response.content.decode()
    assert klass.memberships.count() == 1


def test_a_trainee_of_the_class_is_not_made_its_educator(client, educator, klass, class_trainee):
    in_educators_group(class_trainee)
    client.force_login(educator)
    response = client.post(reverse("classes:add_educator", args=[klass.pk]), {"username": "tim"})
    assert response.status_code == 422 and "is a trainee in this class" in response.content.decode()
    assert klass.memberships.get(user=class_trainee).role == Membership.Role.TRAINEE


def test_a_co_educator_may_leave_but_the_creator_may_not(client, educator, klass, co_educator):
    client.force_login(educator)
    assert "Leave this class" not in client.get(detail(klass)).content.decode()
    assert client.post(reverse("classes:leave", args=[klass.pk])).status_code == 403
    client.force_login(co_educator)
    assert "Leave this class" in client.get(detail(klass)).content.decode()
    response = client.post(reverse("classes:leave", args=[klass.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("classes:index")
    assert not klass.is_taught_by(co_educator) and klass.is_taught_by(educator)


def test_an_archived_class_takes_no_joins_until_it_is_brought_back(client, educator, klass, trainee):
    client.force_login(educator)
    assert client.post(reverse("classes:archive", args=[klass.pk]), {"archived": "1"}).status_code == 302
    klass.refresh_from_db()
    assert klass.archived
    client.force_login(trainee)
    response = client.post(reverse("classes:join"), {"code": "XK7-4PM"})
    assert response.status_code == 422 and "archived and takes no new trainees" in response.content.decode()
    client.force_login(educator)
    client.post(reverse("classes:archive", args=[klass.pk]), {"archived": "0"})
    client.force_login(trainee)
    assert client.post(reverse("classes:join"), {"code": "XK7-4PM"}).status_code == 302
    assert Class.objects.joined_by(trainee).get() == klass
