import importlib
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.template.loader import render_to_string
from django.urls import reverse

from config.context_processors import navigation
from config.demo import DEMO_ACCOUNTS
from config.roles import EDUCATORS_GROUP, is_educator
from quizzes.models import Question, Quiz

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery-9"  # the personas' password (tests/factories.py)
NEW_PASSWORD = "a-long-new-password-42"


def load_starter() -> str:
    output = StringIO()
    call_command("load_starter", stdout=output)
    return output.getvalue()


def test_healthz_answers_ok_in_json_once_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}
    assert client.head("/healthz").status_code == 200


def test_healthz_says_unavailable_when_the_database_does_not_answer(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise DatabaseError("could not connect to server")

    monkeypatch.setattr("config.views.connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_home_page_says_what_the_site_does_and_links_to_the_builder_and_quizzes(client):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "CPT codes appear" in page
    assert f'href="{reverse("coding:builder")}"' in page
    assert f'href="{reverse("quizzes:index")}"' in page
    assert "CPT<sup>®</sup> is a registered trademark of the American Medical Association" in page


@pytest.mark.django_db
def test_only_educators_see_the_educators_link(client, trainee):
    educators_link = f'href="{reverse("authoring:home")}"'
    client.force_login(trainee)
    assert educators_link not in client.get("/").content.decode()
    trainee.groups.add(Group.objects.create(name=EDUCATORS_GROUP))
    assert educators_link in client.get("/").content.decode()


@pytest.mark.django_db
def test_signing_up_creates_a_trainee_and_signs_them_in(client):
    response = client.post(
        reverse("signup"),
        {"username": "newbie", "first_name": "Nora", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    user = response.context["user"]
    assert user.is_authenticated
    assert user.username == "newbie"
    assert not is_educator(user)
    assert "Signed in as </span><strong>Nora</strong>" in response.content.decode()


@pytest.mark.django_db
def test_signing_up_with_passwords_that_differ_names_the_field_and_saves_nothing(client):
    response = client.post(
        reverse("signup"),
        {"username": "newbie", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 422
    assert "password2" in response.context["form"].errors
    assert 'class="field field-error"' in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()


@pytest.mark.django_db
def test_a_trainee_signs_in_and_out(client, trainee):
    response = client.post(
        reverse("login"), {"username": trainee.username, "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == trainee
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(client, trainee):
    response = client.post(reverse("login"), {"username": trainee.username, "password": "nope"})
    assert not response.context["user"].is_authenticated
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_a_trainee_changes_their_password(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    trainee.refresh_from_db()
    assert trainee.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_account_pages_ask_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def without_starter_quizzes(monkeypatch):
    """The demo-account tests are not about the quiz bank, which takes seconds to load."""
    monkeypatch.setattr("quizzes.starter.load", dict)


@pytest.mark.django_db
@pytest.mark.usefixtures("without_starter_quizzes")
def test_load_starter_creates_demo_accounts_only_when_debug_is_on(settings):
    users = get_user_model().objects
    settings.DEBUG = False
    output = load_starter()
    assert Group.objects.filter(name=EDUCATORS_GROUP).exists()
    assert not users.filter(username__in=[account.username for account in DEMO_ACCOUNTS]).exists()
    assert "password" not in output

    settings.DEBUG = True
    output = load_starter()
    for account in DEMO_ACCOUNTS:
        user = users.get(username=account.username)
        assert user.check_password(account.password)
        assert is_educator(user) == account.educator
        assert f"username {account.username!r}" in output
        assert f"password {account.password!r}" in output


@pytest.mark.django_db
def test_load_starter_twice_changes_nothing(settings):
    settings.DEBUG = True
    load_starter()
    before = starter_snapshot()
    load_starter()
    assert starter_snapshot() == before


def starter_snapshot() -> dict[str, list]:
    return {
        "users": list(
            get_user_model().objects.order_by("pk").values_list("pk", "username", "password", "first_name")
        ),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name", "user")),
        "quizzes": list(Quiz.objects.order_by("pk").values_list("pk", "slug", "title", "published")),
        "questions": list(Question.objects.order_by("pk").values_list("pk", "slug", "quiz", "prompt")),
    }


def test_check_deploy_is_clean_under_production_settings():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL": "1",
        "ALLOWED_HOSTS": "coding.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/", ""),
        ("/builder/", "builder"),
        ("/builder/saved/", "builder"),
        ("/rules/R-D4/", "reference"),
        ("/codes/", "reference"),
        ("/quizzes/", "quizzes"),
        ("/educators/", "educators"),
        ("/accounts/password/done/", "password"),
        ("/accounts/login/", ""),
    ],
)
def test_the_navigation_marks_the_section_a_page_belongs_to(rf, path, section):
    assert navigation(rf.get(path)) == {"nav_section": section}


@pytest.mark.django_db
def test_an_unknown_address_gets_a_friendly_page_with_a_way_back(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "That page is not here" in response.content.decode()
    assert f'href="{reverse("coding:builder")}"' in response.content.decode()


def test_the_server_error_page_renders_without_a_request_or_database():
    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page


def test_the_wsgi_app_refuses_to_serve_on_the_development_key(monkeypatch):
    monkeypatch.setattr(
        "django.conf.settings.SECRET_KEY", "django-insecure-development-key-set-SECRET_KEY-in-production"
    )
    monkeypatch.setattr("django.conf.settings.DEBUG", False)
    sys.modules.pop("config.wsgi", None)

    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("config.wsgi")


def test_a_failed_sign_up_puts_the_focus_on_the_first_field_at_fault(client, db):
    response = client.post(
        reverse("signup"),
        {"username": "nora", "password1": "a-long-passphrase-1", "password2": "different-2"},
    )

    form = response.context["form"]
    assert "autofocus" not in form.fields["username"].widget.attrs
    assert form.fields["password2"].widget.attrs["autofocus"] is True
    assert "At least 8 characters" in response.content.decode()


def test_an_empty_sign_up_post_shows_every_missing_field_with_422(client, db):
    response = client.post(reverse("signup"), {})

    assert response.status_code == 422
    assert set(response.context["form"].errors) >= {"username", "password1", "password2"}
