"""Fixtures shared by every test: fast test settings and the personas.

The personas are users, not signed-in clients: a test signs one in with `client.force_login(trainee)`, so a
single test can act as two people. Domain factories live in tests/factories.py.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from config.roles import EDUCATORS_GROUP
from tests.factories import UserFactory

TEST_SETTINGS = {
    # Production settings use whitenoise's manifest storage, which needs `collectstatic`; tests render
    # templates from the source folders instead.
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    # A deliberately slow hasher protects real passwords; tests only need a fast one.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    # DEBUG is off in tests, which turns the HTTPS redirect on; the test client and live server speak plain HTTP.
    "SECURE_SSL_REDIRECT": False,
    # The API's rate limit counts in the shared cache (a database table without Redis); tests/test_api_limits.py
    # turns it on where it is the subject, so the engine's API tests need no database.
    "API_RATE_LIMIT": "off",
    # Sessions read straight from the database, so a test's query count is the same with Redis as without;
    # tests/test_concurrency.py and tests/test_sessions.py run on the production engine (config.sessions).
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    # Background tasks run at once, in the test's own process; tests/lti/test_passback.py runs the database
    # backend and its worker where the queue itself is the subject.
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    with override_settings(**TEST_SETTINGS):
        yield


@pytest.fixture
def trainee(db) -> User:
    """A trainee: any signed-up user outside the Educators group."""
    return UserFactory(username="tess", first_name="Tess")


@pytest.fixture
def second_trainee(db) -> User:
    """Another trainee, for checking that one trainee never sees another's work."""
    return UserFactory(username="sam", first_name="Sam")


@pytest.fixture
def educator(db) -> User:
    """A member of the Educators group."""
    user = UserFactory(username="edna", first_name="Edna")
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user
