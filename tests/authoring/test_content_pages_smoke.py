import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_content_page_is_for_educators(client, trainee, educator):
    url = reverse("authoring:content")
    assert client.get(url).status_code == 302
    client.force_login(trainee)
    assert client.get(url).status_code == 403
    client.force_login(educator)
    assert client.get(url).status_code == 200
