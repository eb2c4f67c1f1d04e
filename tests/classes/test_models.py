"""Join codes, who teaches and who is in a class, and joining once."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from classes.models import CODE_ALPHABET, Class, Joined, Membership, code_key, new_join_code
from tests.factories import ClassFactory, MembershipFactory, UserFactory, taught_class


def test_a_join_code_is_two_groups_of_three_from_the_unambiguous_alphabet():
    for _ in range(200):
        code = new_join_code()
        assert re.fullmatch(f"[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}", code)


@pytest.mark.parametrize("ambiguous", list("0O1IL2Z5S8BUV"))
def test_the_alphabet_leaves_out_characters_people_misread(ambiguous):
    assert ambiguous not in CODE_ALPHABET


@pytest.mark.parametrize(
    ("entered", "key"),
    [
        ("XK7-4PM", "XK74PM"),
        ("xk7-4pm", "XK74PM"),
        ("xk7 4pm", "XK74PM"),
        (" XK74PM ", "XK74PM"),
        ("demo-24", "DEMO24"),
    ],
)
def test_a_code_is_matched_whatever_the_case_dash_and_spaces(entered, key):
    assert code_key(entered) == key


@pytest.mark.django_db
def test_a_class_is_found_by_its_code_however_it_is_typed(educator):
    klass = taught_class(educator, join_code="XK7-4PM")
    assert list(Class.objects.with_code("xk7 4pm")) == [klass]
    assert not Class.objects.with_code("").exists()
    assert not Class.objects.with_code("XK7-4PN").exists()


@pytest.mark.django_db
def test_a_new_class_gets_a_fresh_code_and_its_creator_teaches_it(educator, monkeypatch):
    taken = taught_class(educator, join_code="AAA-AAA")
    codes = iter(["AAA-AAA", "CCC-CCC"])  # the first draw collides with an existing class and is drawn again
    monkeypatch.setattr("classes.models.new_join_code", lambda: next(codes))
    klass = Class.create_for(educator, "Spring cohort")
    assert klass.join_code == "CCC-CCC" and klass.join_code != taken.join_code
    assert klass.created_by == educator
    assert klass.is_taught_by(educator)
    assert list(klass.memberships.values_list("user", "role")) == [(educator.pk, Membership.Role.EDUCATOR)]


@pytest.mark.django_db
def test_taught_by_and_joined_by_follow_the_memberships_role(educator, trainee):
    klass = taught_class(educator)
    MembershipFactory(klass=klass, user=trainee)
    ClassFactory()  # nobody's
    assert list(Class.objects.taught_by(educator)) == [klass]
    assert list(Class.objects.joined_by(trainee)) == [klass]
    assert not Class.objects.taught_by(trainee).exists()
    assert not Class.objects.joined_by(educator).exists()


@pytest.mark.django_db
def test_a_superuser_teaches_every_class_and_an_anonymous_visitor_none(educator):
    taught_class(educator)
    ClassFactory()
    assert Class.objects.taught_by(UserFactory(is_superuser=True)).count() == 2
    assert not Class.objects.taught_by(AnonymousUser()).exists()
    assert not Class.objects.joined_by(AnonymousUser()).exists()


@pytest.mark.django_db
def test_joining_twice_keeps_one_membership(educator, trainee):
    klass = taught_class(educator)
    assert Membership.join(trainee, klass) is Joined.JOINED
    assert Membership.join(trainee, klass) is Joined.ALREADY_IN
    assert Membership.join(educator, klass) is Joined.TEACHES
    assert klass.memberships.count() == 2
    assert klass.memberships.get(user=educator).role == Membership.Role.EDUCATOR
