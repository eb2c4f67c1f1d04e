import pytest
from django.urls import reverse

from quizzes import generator
from quizzes.models import PracticeCase
from tests.factories import PracticeCaseFactory
from tests.quizzes.answering import coded

pytestmark = pytest.mark.django_db


def test_a_random_case_is_graded_once_and_feeds_progress(client, trainee):
    client.force_login(trainee)
    url = reverse("quizzes:practice_case", args=["R-D", 7])
    page = client.get(url)
    assert page.status_code == 200
    client.post(url, coded("96365"))
    client.post(url, coded("96365"))
    assert PracticeCase.objects.filter(user=trainee).count() == 1
    progress = client.get(reverse("quizzes:progress")).content.decode()
    assert "<svg" in progress and "Accuracy per rule" in progress and "Practise my weakest rule" in progress


def test_progress_without_answers_says_what_to_do(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("quizzes:progress")).content.decode()
    assert "Nothing to chart yet" in page


def test_an_unknown_rule_family_is_a_404(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("quizzes:practice_case", args=["R-Z", 1])).status_code == 404
    assert client.get(reverse("quizzes:random_case", args=["R-Z"])).status_code == 404


def test_the_practice_index_has_one_primary_action_and_a_secondary_one_per_family(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("quizzes:practice")).content.decode()
    assert page.count("btn btn-primary") == 1
    assert page.count('class="btn" href="/quizzes/practice/R-') == len(generator.FAMILIES)


def test_my_progress_shows_counts_beside_percentages_and_what_to_study_next(client, trainee):
    client.force_login(trainee)
    for _ in range(3):
        PracticeCaseFactory(user=trainee, score=0.0, rule_scores={"R-B4": 0.0})
    page = client.get(reverse("quizzes:progress")).content.decode()
    assert "What to study next" in page
    assert "0% over 3 answers" in page  # visible, not only in the chart's description
    assert reverse("coding:rule", args=["R-B4"]) in page
    assert reverse("quizzes:random_case", args=["R-B"]) in page
    assert "/builder/examples/" in page and "Open its example in the builder" in page
