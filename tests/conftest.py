"""Fixtures shared by every test. Keep this light: domain factories live in tests/factories.py."""

import pytest
from django.test import override_settings

TEST_SETTINGS = {
    # Production settings use whitenoise's manifest storage, which needs `collectstatic`; tests render
    # templates from the source folders instead.
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    # A deliberately slow hasher protects real passwords; tests only need a fast one.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    with override_settings(**TEST_SETTINGS):
        yield
