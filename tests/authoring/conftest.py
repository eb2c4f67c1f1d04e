"""Fixtures for the Educators area: a second educator, for checking that one educator's work is theirs alone."""

import pytest
from django.contrib.auth.models import Group, User

from config.roles import EDUCATORS_GROUP
from tests.factories import UserFactory


@pytest.fixture
def other_educator(db) -> User:
    """Another member of the Educators group, who owns nothing of the `educator` persona's."""
    user = UserFactory(username="olive", first_name="Olive")
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user
