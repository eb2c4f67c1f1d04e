"""Every address of the Educators area: anonymous visitors sign in first, trainees get a 403, educators reach
their own work, and another educator's case (or a starter case, except to read or copy it) is a 403."""

import pytest
from django.urls import reverse

from quizzes.models import Case
from tests.coding.test_builder import store
from tests.factories import PUSH_THEN_INFUSION, CaseFactory

pytestmark = pytest.mark.django_db

# (url name, method, whose case: "own", "starter" or None for no case)
ADDRESSES = [
    ("authoring:home", "get", None),
    ("authoring:case_new", "post", None),
    ("authoring:case_create", "get", None),
    ("authoring:case_mode_cancel", "post", None),
    ("authoring:case_edit", "get", "own"),
    ("authoring:case_edit", "post", "own"),
    ("authoring:case_timeline", "post", "own"),
    ("authoring:case_override", "post", "own"),
    ("authoring:case_archive", "post", "own"),
    ("authoring:case_delete", "post", "own"),
    ("authoring:case_preview", "get", "own"),
    ("authoring:case_preview", "post", "own"),
]
CHANGES_A_CASE = ["case_edit", "case_timeline", "case_override", "case_archive", "case_delete"]


def url(name, case=None):
    return reverse(name, args=[case.pk]) if case else reverse(name)


@pytest.fixture
def own_case(educator):
    return CaseFactory(created_by=educator)


@pytest.mark.parametrize(("name", "method", "whose"), ADDRESSES)
def test_anonymous_visitors_are_sent_to_sign_in(client, own_case, name, method, whose):
    response = getattr(client, method)(url(name, own_case if whose else None))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method", "whose"), ADDRESSES)
def test_trainees_are_refused(client, trainee, own_case, name, method, whose):
    client.force_login(trainee)
    assert getattr(client, method)(url(name, own_case if whose else None)).status_code == 403


@pytest.mark.parametrize(("name", "method", "whose"), ADDRESSES)
def test_educators_reach_their_own_work(client, educator, own_case, name, method, whose):
    client.force_login(educator)
    store(client, PUSH_THEN_INFUSION)  # the builder's timeline, which "Save as case" turns into a case
    response = getattr(client, method)(url(name, own_case if whose else None))
    # A GET shows a page; a post either changes something and redirects, or shows its form again with errors.
    assert response.status_code in ({200} if method == "get" else {200, 302, 422})


@pytest.mark.parametrize("name", CHANGES_A_CASE)
def test_another_educators_case_is_theirs_alone(client, educator, other_educator, name):
    case = CaseFactory(created_by=other_educator, title="Olive's case")
    client.force_login(educator)
    assert (
        client.post(url(f"authoring:{name}", case), {"archived": "1", "title": "Mine now"}).status_code == 403
    )
    assert client.get(url("authoring:case_preview", case)).status_code == 403
    assert client.post(reverse("authoring:duplicate", args=["case", case.pk])).status_code == 403
    case.refresh_from_db()
    assert case.title == "Olive's case" and not case.archived


@pytest.mark.parametrize("name", CHANGES_A_CASE)
def test_a_starter_case_is_read_only(client, educator, name):
    case = CaseFactory(created_by=None)
    client.force_login(educator)
    assert client.post(url(f"authoring:{name}", case), {"archived": "1"}).status_code == 403
    assert Case.objects.filter(pk=case.pk, archived=False).exists()


def test_a_starter_case_can_be_previewed_and_duplicated(client, educator):
    case = CaseFactory(created_by=None)
    client.force_login(educator)
    assert client.get(url("authoring:case_preview", case)).status_code == 200
    response = client.post(reverse("authoring:duplicate", args=["case", case.pk]))
    copy = Case.objects.get(created_by=educator)
    assert response.status_code == 302 and response["Location"] == url("authoring:case_edit", copy)


def test_a_case_that_does_not_exist_is_a_404(client, educator):
    client.force_login(educator)
    assert client.get(reverse("authoring:case_edit", args=[987654])).status_code == 404
    assert client.post(reverse("authoring:duplicate", args=["lesson", 1])).status_code == 404
