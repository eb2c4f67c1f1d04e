import pytest
from django.urls import reverse

from quizzes import starter
from quizzes.models import Case, Quiz
from tests.factories import finished_attempt

pytestmark = pytest.mark.django_db


def test_the_admin_lists_every_quizzes_model(admin_client):
    starter.load()
    for model in ("case", "quiz", "question", "attempt", "practicecase"):
        assert admin_client.get(f"/admin/quizzes/{model}/").status_code == 200
    case = Case.objects.first()
    assert admin_client.get(f"/admin/quizzes/case/{case.pk}/change/").status_code == 200


def test_list_pages_do_not_query_per_row(client, educator, django_assert_max_num_queries):
    client.force_login(educator)
    starter.load()
    attempt = finished_attempt(educator, Quiz.objects.get(slug=starter.TIME_QUIZ.slug))
    # Responses, their choices and their score overrides are prefetched: the count does not grow with questions.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quizzes:results", args=[attempt.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("quizzes:progress")).status_code == 200
