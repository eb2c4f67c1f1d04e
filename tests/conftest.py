"""Fixtures shared by every test. Keep this light: domain factories live in tests/factories.py."""

import pytest
from django.test import override_settings

# Production settings use whitenoise's manifest storage, which needs `collectstatic`; tests render
# templates from the source folders instead.
PLAIN_STATIC_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True, scope="session")
def _static_files_without_manifest():
    with override_settings(STORAGES=PLAIN_STATIC_STORAGES):
        yield
