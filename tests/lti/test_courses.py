"""A platform's course becomes one of our classes on its first instructor launch; learners join it as they launch."""

import pytest
from django.test import Client

from classes.models import Class, Membership
from lti.models import LtiCourse, LtiIdentity
from tests.lti.platform import CLAIM, INSTRUCTOR

pytestmark = pytest.mark.django_db

AS_INSTRUCTOR = {f"{CLAIM}roles": [INSTRUCTOR]}


def roles(klass):
    return {m.user.username: m.role for m in klass.memberships.select_related("user")}


def test_the_first_instructor_launch_makes_the_class_named_for_the_course(client, platform):
    platform.sign_in(client, sub="teacher-1", **AS_INSTRUCTOR)
    course = LtiCourse.objects.get()
    assert (course.issuer, course.context_id) == (platform.issuer, "course-7")
    assert course.klass.name == "Infusion Coding 101"
    teacher = LtiIdentity.objects.get(subject="teacher-1").user
    assert roles(course.klass) == {teacher.username: Membership.Role.EDUCATOR}


def test_learners_join_the_courses_class_as_trainees_and_once(client, platform):
    platform.sign_in(client, sub="teacher-1", **AS_INSTRUCTOR)
    platform.sign_in(Client(), sub="learner-1")
    platform.sign_in(Client(), sub="learner-1")
    klass = Class.objects.get()
    learner = LtiIdentity.objects.get(subject="learner-1").user
    assert roles(klass)[learner.username] == Membership.Role.TRAINEE
    assert klass.memberships.count() == 2


def test_a_learner_before_any_instructor_is_told_the_class_opens_later(client, platform):
    response = platform.sign_in(client, sub="early-learner")
    page = client.get(response["Location"], secure=True).content.decode()
    assert not Class.objects.exists()
    assert "opens when your instructor first launches" in page


def test_a_second_instructor_joins_as_an_educator_and_a_trainee_who_teaches_is_promoted(client, platform):
    platform.sign_in(client, sub="teacher-1", **AS_INSTRUCTOR)
    platform.sign_in(Client(), sub="assistant")
    platform.sign_in(Client(), sub="assistant", **AS_INSTRUCTOR)
    klass = Class.objects.get()
    assistant = LtiIdentity.objects.get(subject="assistant").user
    assert roles(klass)[assistant.username] == Membership.Role.EDUCATOR
    assert Class.objects.count() == 1


def test_the_same_course_id_on_another_platform_is_another_class(client, platform):
    platform.sign_in(client, sub="teacher-1", **AS_INSTRUCTOR)
    LtiCourse.objects.update(issuer="https://other-lms.example.edu")
    platform.sign_in(Client(), sub="teacher-2", **AS_INSTRUCTOR)
    assert Class.objects.count() == 2


def test_a_launch_without_a_course_makes_no_class(client, platform):
    platform.sign_in(client, sub="teacher-1", **{**AS_INSTRUCTOR, f"{CLAIM}context": None})
    assert not Class.objects.exists()


def test_the_welcome_page_links_an_educator_to_the_class(client, platform):
    response = platform.sign_in(client, sub="teacher-1", **AS_INSTRUCTOR)
    page = client.get(response["Location"], secure=True).content.decode()
    klass = Class.objects.get()
    assert f"/classes/{klass.pk}/" in page
    assert "Infusion Coding 101" in page
