"""Co-educators of a class share their cases, questions and quizzes: each may read and change the other's."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from authoring import library
from classes.models import Membership
from config.roles import EDUCATORS_GROUP
from quizzes.models import Case
from tests.factories import CaseFactory, MembershipFactory, QuizFactory, UserFactory, taught_class

pytestmark = pytest.mark.django_db


def an_educator(username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user


@pytest.fixture
def staff():
    """Ada and Bo teach one class together; Cy teaches a class of his own."""
    ada, bo, cy = an_educator("ada"), an_educator("bo"), an_educator("cy")
    klass = taught_class(ada)
    MembershipFactory(klass=klass, user=bo, role=Membership.Role.EDUCATOR)
    taught_class(cy)
    return ada, bo, cy


def test_a_co_educator_may_change_what_the_other_made(staff):
    ada, bo, cy = staff
    case = CaseFactory(created_by=ada)
    assert case.is_editable_by(bo)
    assert not case.is_editable_by(cy)
    assert Case.objects.visible_to_educator(bo).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to_educator(cy).filter(pk=case.pk).exists()


def test_a_trainee_of_the_class_shares_nothing(staff):
    ada, _, _ = staff
    trainee = UserFactory()
    MembershipFactory(klass=ada.memberships.get().klass, user=trainee)
    assert not QuizFactory(created_by=ada).is_editable_by(trainee)


@pytest.mark.parametrize(("who", "status"), [("bo", 200), ("cy", 403)])
def test_the_quiz_editor_opens_for_a_co_educator_only(client, staff, who, status):
    ada, bo, cy = staff
    quiz = QuizFactory(created_by=ada)
    client.force_login({"bo": bo, "cy": cy}[who])
    assert client.get(reverse("authoring:quiz_edit", args=[quiz.pk])).status_code == status


def test_the_library_lists_a_co_educators_quizzes_once(staff):
    ada, bo, _ = staff
    # A second shared class must not list the quiz twice.
    second = taught_class(ada)
    MembershipFactory(klass=second, user=bo, role=Membership.Role.EDUCATOR)
    shared = QuizFactory(created_by=ada, title="Ada's pump quiz")
    listed = [quiz.pk for quiz in library.quizzes(bo, library.Filters())]
    assert listed.count(shared.pk) == 1
