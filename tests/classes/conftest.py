"""The people around one class: `klass` is taught by the `educator` persona (its creator) and `co_educator`,
has `class_trainee` in it; `other_educator` teaches a class of their own; `superuser` teaches none."""

import pytest
from django.contrib.auth.models import Group, User

from classes.models import Class, Membership
from config.roles import EDUCATORS_GROUP
from tests.factories import MembershipFactory, UserFactory, taught_class


def in_educators_group(user: User) -> User:
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user


@pytest.fixture
def klass(educator) -> Class:
    return taught_class(educator, name="Tuesday cohort", join_code="XK7-4PM")


@pytest.fixture
def co_educator(klass) -> User:
    user = in_educators_group(UserFactory(username="cora", first_name="Cora"))
    MembershipFactory(klass=klass, user=user, role=Membership.Role.EDUCATOR)
    return user


@pytest.fixture
def class_trainee(klass) -> User:
    user = UserFactory(username="tim", first_name="Tim")
    MembershipFactory(klass=klass, user=user)
    return user


@pytest.fixture
def other_educator(db) -> User:
    user = in_educators_group(UserFactory(username="olive", first_name="Olive"))
    taught_class(user, name="Olive's class")
    return user


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="root", is_superuser=True, is_staff=True)
