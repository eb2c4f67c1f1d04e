"""Every address of the import and export page, as tests/authoring/test_permissions.py checks the rest of the
Educators area: anonymous visitors sign in first, trainees get a 403, educators get the page (or the form again
with its errors); each address answers only its own method."""

import pytest
from django.urls import reverse

from tests.authoring.test_content_format import row_counts

pytestmark = pytest.mark.django_db

# (url name, its method, what an educator gets when sending nothing: page, attachment or form errors)
ADDRESSES = [
    ("authoring:content", "get", 200),
    ("authoring:content_download", "get", 200),  # the default download: everything the educator owns
    ("authoring:content_preview", "post", 422),  # no file chosen
    ("authoring:content_import", "post", 422),  # no previewed file
]
OTHER_METHOD = {"get": "post", "post": "get"}


@pytest.mark.parametrize(("name", "method", "status"), ADDRESSES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, method, status):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method", "status"), ADDRESSES)
def test_trainees_are_refused(client, trainee, name, method, status):
    client.force_login(trainee)
    assert getattr(client, method)(reverse(name)).status_code == 403


@pytest.mark.parametrize(("name", "method", "status"), ADDRESSES)
def test_educators_reach_each_address(client, educator, name, method, status):
    client.force_login(educator)
    assert getattr(client, method)(reverse(name)).status_code == status
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.parametrize(("name", "method", "status"), ADDRESSES)
def test_each_address_answers_only_its_own_method(client, educator, name, method, status):
    client.force_login(educator)
    assert getattr(client, OTHER_METHOD[method])(reverse(name)).status_code == 405
