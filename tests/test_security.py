"""Production hardening: settings with DEBUG off, the Content-Security-Policy, sign-in lockout, password reset,
odd characters in addresses and the one-line JSON error log."""

import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from config.logging import JsonFormatter
from config.settings import env_bool
from tests.factories import UserFactory

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
PASSWORD = "correct-horse-battery-9"  # the factories' password
# The production variables of the README's Production section (SECRET_KEY is made per run).
PRODUCTION_ENV = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "coding.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://coding.example.org",
    "DATABASE_URL": "postgres://coding:secret@db.example.org:5432/coding",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587/?tls=True",
    "DEFAULT_FROM_EMAIL": "Infusion Coding Lab <no-reply@coding.example.org>",
}
# The same without Redis: the database cache table, on the machine's own database.
SINGLE_MACHINE_ENV = {"DEBUG": "0", "ALLOWED_HOSTS": "coding.example.org", "REDIS_URL": ""}


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh process under these variables, as a server would start."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    }
    full_env = clean | {"SECRET_KEY": secrets.token_urlsafe(50)} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=full_env, capture_output=True, text=True
    )


def settings_under(env: dict[str, str], *names: str) -> dict[str, object]:
    code = f"from django.conf import settings; import json; print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, default=str))"
    result = run_with(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # after the shell's "objects imported" line


@pytest.fixture
def empty_cache(db):
    """Lockouts and rate-limit counters live in the shared cache: each test starts without any."""
    cache.clear()
    yield
    cache.clear()


# --- settings -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_yes_and_no_words(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_SWITCH", value)

    assert env_bool("SOME_SWITCH") is expected


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "y e s"])
def test_env_bool_refuses_a_word_it_does_not_know_and_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("SOME_SWITCH", value)

    with pytest.raises(ImproperlyConfigured, match="SOME_SWITCH"):
        env_bool("SOME_SWITCH")


@pytest.mark.parametrize("env", [PRODUCTION_ENV, SINGLE_MACHINE_ENV], ids=["with-redis", "single-machine"])
def test_check_deploy_is_clean_under_the_readme_production_variables_with_no_extra_flag(env):
    result = run_with(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_debug_off_https_is_on_by_default():
    values = settings_under(
        PRODUCTION_ENV,
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_secure_ssl_redirect_0_turns_off_only_the_redirect():
    values = settings_under(
        PRODUCTION_ENV | {"SECURE_SSL_REDIRECT": "0"},
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        (PRODUCTION_ENV, "django_redis.cache.RedisCache"),
        (SINGLE_MACHINE_ENV, "config.cache.AtomicDatabaseCache"),
    ],
    ids=["with-redis", "single-machine"],
)
def test_sessions_lockouts_and_rate_limits_share_one_cache_redis_when_there_is_one(env, backend):
    values = settings_under(env, "CACHES", "SESSION_ENGINE", "AXES_HANDLER")

    assert values["CACHES"]["default"]["BACKEND"] == backend
    assert values["SESSION_ENGINE"] == "config.sessions"
    assert values["AXES_HANDLER"] == "axes.handlers.cache.AxesCacheHandler"


def test_csp_report_only_sends_the_same_policy_without_enforcing_it():
    enforcing = settings_under(
        PRODUCTION_ENV, "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"
    )
    report_only = settings_under(
        PRODUCTION_ENV | {"CSP_REPORT_ONLY": "1"},
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    )

    assert enforcing["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert report_only["CONTENT_SECURITY_POLICY"] is None
    assert report_only["CONTENT_SECURITY_POLICY_REPORT_ONLY"] == enforcing["CONTENT_SECURITY_POLICY"]


def test_the_redirect_sends_plain_http_to_https_and_https_gets_hsts(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    plain = client.get("/codes/")
    secure = client.get("/codes/", secure=True)

    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/codes/")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_proxy_header_marks_a_request_as_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/codes/", headers={"x-forwarded-proto": "https"})

    assert response.status_code == 200


# --- Content-Security-Policy ----------------------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("path", ["/", "/builder/", "/codes/", "/accounts/login/", "/accounts/reset/"])
def test_every_page_carries_a_policy_with_no_inline_scripts(client, db, path):
    policy = csp_directives(client.get(path)["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src-elem"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]  # width of server-drawn bars; see settings
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in sum(policy.values(), [])


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("template", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_no_template_has_an_inline_script_or_event_handler(template):
    text = template.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>: move it to static/js"
    assert not re.search(r"<style\b", text), "inline <style>: move it to static/css"
    assert not re.search(r"\s(on[a-z]+|hx-on[:-][\w:-]*)=", text), "inline event handler"
    assert "javascript:" not in text


# --- odd characters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "/builder/shared/abc%00def/",
        "/builder/shared/abc%00def/copy/",
        "/builder/administrations/a%001/",
        "/quizzes/starter%00/",
        "/quizzes/practice/hydration%1f/",
        "/rules/R-D4%00/",
        "/codes/%7f",
        "/builder/?tab=%00",
        "/codes/?%00=1",
        "/rules/R-D4%0a/",
    ],
)
def test_a_control_character_in_any_part_of_the_address_is_a_404_not_a_500(client, trainee, address):
    client.force_login(trainee)

    assert client.get(address).status_code == 404
    assert client.post(address).status_code == 404


# --- sign-in lockout ------------------------------------------------------------------------------------------


def sign_in(
    client, username: str, password: str, *, address: str = "127.0.0.1", url: str = "/accounts/login/"
):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_ten_wrong_passwords_lock_that_username_from_that_address_even_with_the_right_one(
    client, empty_cache
):
    UserFactory(username="kim")
    answers = [sign_in(client, "kim", f"guess-{n}").status_code for n in range(10)]

    locked = sign_in(client, "kim", PASSWORD)

    assert answers == [200] * 9 + [429]
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_nothing_about_which_part_was_wrong_or_whether_the_account_exists(
    client, empty_cache
):
    UserFactory(username="kim")
    for n in range(10):
        sign_in(client, "kim", f"guess-{n}")
        sign_in(client, "nobody-here", f"guess-{n}")

    known, unknown = sign_in(client, "kim", "x"), sign_in(client, "nobody-here", "x")

    assert known.status_code == unknown.status_code == 429
    assert main_part(known) == main_part(unknown)
    assert not {"username", "kim", "wrong"} & set(re.findall(r"[a-z]+", main_part(known).lower()))


def main_part(response) -> str:
    """The page's own content, without the header (whose CSRF token differs on every page)."""
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def test_a_wrong_sign_in_message_does_not_say_which_part_was_wrong(client, empty_cache):
    UserFactory(username="kim")

    wrong_password, unknown_user = sign_in(client, "kim", "nope"), sign_in(client, "nobody-here", "nope")

    assert wrong_password.context["form"].errors == unknown_user.context["form"].errors


def test_the_lockout_is_per_username_and_address(client, empty_cache):
    UserFactory(username="kim")
    UserFactory(username="lee")
    for n in range(10):
        sign_in(client, "kim", f"guess-{n}")

    assert sign_in(client, "kim", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, "lee", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_locked_out_too(client, empty_cache):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for n in range(10):
        sign_in(client, "root", f"guess-{n}", url="/admin/login/")

    locked = sign_in(client, "root", PASSWORD, url="/admin/login/")

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_the_count_of_failures(client, empty_cache):
    UserFactory(username="kim")
    for n in range(9):
        sign_in(client, "kim", f"guess-{n}")
    assert sign_in(client, "kim", PASSWORD).status_code == 302
    client.logout()

    answers = [sign_in(client, "kim", f"again-{n}").status_code for n in range(9)]

    assert answers == [200] * 9


# --- password reset -------------------------------------------------------------------------------------------


def ask_for_reset(client, email: str, address: str = "127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_the_sign_in_page_links_to_password_reset(client, db):
    assert f'href="{reverse("password_reset")}"' in client.get(reverse("login")).content.decode()


def test_a_reset_request_answers_the_same_for_a_known_and_an_unknown_address(client, empty_cache):
    UserFactory(username="kim", email="kim@example.org")

    known, unknown = ask_for_reset(client, "kim@example.org"), ask_for_reset(client, "nobody@example.org")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == reverse("password_reset_done")
    assert [message.to for message in mail.outbox] == [["kim@example.org"]]


def test_the_reset_link_sets_a_new_password_once(client, empty_cache):
    user = UserFactory(username="kim", email="kim@example.org")
    ask_for_reset(client, "kim@example.org")
    link = re.search(r"https?://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert "At least 8 characters" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"},
    )
    reused = client.get(link, follow=True)

    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a-brand-new-pass-42")
    assert "no longer works" in reused.content.decode()


def test_reset_requests_are_throttled_per_address_the_same_way_for_known_and_unknown_emails(
    client, empty_cache
):
    UserFactory(username="kim", email="kim@example.org")
    answers = [ask_for_reset(client, f"person{n}@example.org").status_code for n in range(5)]

    known, unknown = ask_for_reset(client, "kim@example.org"), ask_for_reset(client, "nobody@example.org")

    assert answers == [302] * 5
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == "3600"
    assert "Too many reset requests" in known.content.decode()
    assert mail.outbox == []


def test_reset_requests_for_one_email_are_throttled_from_any_address(client, empty_cache):
    UserFactory(username="kim", email="kim@example.org")
    answers = [ask_for_reset(client, "Kim@example.org", address=f"10.0.0.{n}").status_code for n in range(6)]

    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5


# --- logs -----------------------------------------------------------------------------------------------------


def test_a_request_error_is_one_line_of_json_with_its_status_method_and_path():
    request = RequestFactory().post("/api/v1/code")
    try:
        raise RuntimeError("the engine fell over")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/api/v1/code",),
            sys.exc_info(),
        )
    record.status_code, record.request = 500, request

    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["status"], entry["method"], entry["path"]) == (
        "ERROR",
        500,
        "POST",
        "/api/v1/code",
    )
    assert "RuntimeError: the engine fell over" in entry["exception"]


def test_the_shared_cache_stores_and_counts(db):
    cache.set("probe", 41)
    cache.incr("probe")

    assert cache.get("probe") == 42


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_database_cache_table_so_no_deployment_forgets_it(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.AtomicDatabaseCache", "LOCATION": "cache_probe"}}
    try:
        call_command("migrate", verbosity=0)

        assert "cache_probe" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS cache_probe")
