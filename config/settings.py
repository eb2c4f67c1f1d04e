"""One settings file, driven by environment variables with safe development defaults."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url  # type: ignore[import-untyped]  # ships no type information
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no variable; a value that is neither (a typo such as `ture`) stops start-up, naming the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a yes/no value: use one of {', '.join(sorted(TRUE_WORDS | FALSE_WORDS - {''}))}."
        )
    return word in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The fallback is for development and tests only; `check --deploy` flags it because of its prefix.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "axes",
    "django_ratelimit",
    "config",
    "coding",
    "quizzes",
    "authoring",
    "classes",
    "assignments",
    "django_tasks",
    "django_tasks_db",
    "lti_tool",  # django-lti: platform registrations, deployments and our signing keys (used through lti/adapter.py)
    "lti",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and CSRF middleware, so it sees their cookies: SameSite=None on the LTI pages.
    "lti.middleware.cross_site_cookies",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication, so the 404 page it answers with can show the navigation.
    "config.middleware.reject_odd_characters",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.roles",
                "config.context_processors.navigation",
            ],
        },
    },
]

FORM_RENDERER = "config.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (IMMEDIATE) instead of failing with "database is locked" when two requests
    # write at once; WAL lets readers go on while one writes. The test database is a file for the same reason
    # (the concurrency tests run requests in threads), one per test process so that two runs never share one.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"coding-test-{os.getpid()}.sqlite3")
    }

# The shared cache holds rate-limit counters, sign-in lockouts and cached sessions, so every worker on every
# host sees the same ones: Redis when REDIS_URL is set, else a table in the database (`createcachetable`,
# which `migrate` runs too: see config/apps.py).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "coding"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.AtomicDatabaseCache",
            "LOCATION": "cache_entries",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
    # django-ratelimit only knows Django's own backends by name; ours increments atomically (config/cache.py).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Background tasks (grade passback, roster sync). In production they wait in a database table for
# `manage.py db_worker` (which `make serve` starts beside gunicorn), so a request never waits on a platform;
# in development and tests (TASKS_BACKEND=immediate, the default with DEBUG on) they run at once, in-process.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database").strip().lower()
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: use {' or '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sessions live in the database (so no worker's memory matters) and are read through the shared cache: Django's
# cached_db, saving an existing session with one UPDATE (config/sessions.py). Expired ones are removed by
# `manage.py clearsessions` (see README, Production).
SESSION_ENGINE = "config.sessions"

# Sign-in guessing (django-axes): after AXES_FAILURE_LIMIT failures for one username from one address, that
# pair is refused until the cool-off has passed. Counted in the shared cache; the admin sign-in is included.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.accounts.locked_out"
AXES_VERBOSE = False
# Behind a proxy, the header that carries the visitor's address (e.g. HTTP_X_REAL_IP); REMOTE_ADDR otherwise.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "").strip()
if CLIENT_IP_HEADER:
    AXES_IPWARE_META_PRECEDENCE_ORDER = [CLIENT_IP_HEADER, "REMOTE_ADDR"]
    RATELIMIT_IP_META_KEY = CLIENT_IP_HEADER

# Rate limits (django-ratelimit, counted in the shared cache). "off" turns one off, e.g. for benchmarks.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m").strip()
PASSWORD_RESET_RATE_LIMIT = os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5/h").strip()

# Content files educators upload at /educators/content/ (JSON or CSV): bigger ones are refused with a message.
CONTENT_UPLOAD_MAX_BYTES = env_int("CONTENT_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)
# The import's preview carries the file back to Confirm in a hidden field, compressed and in base64: up to about
# 1.1 times the file for text that does not compress. Django's own limit on form fields (2.5 MB) must let it through.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, CONTENT_UPLOAD_MAX_BYTES * 3 // 2)

# Mail, for password reset: EMAIL_URL (smtp://user:password@host:587/?tls=True), or the usual EMAIL_* variables,
# or, with neither, the console: each message is printed to the server's terminal (what `make run` shows).
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
if EMAIL_URL:
    _mail = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _mail["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _mail["EMAIL_HOST"], _mail["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _mail["EMAIL_HOST_USER"], _mail["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _mail["EMAIL_USE_TLS"], _mail["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _mail["EMAIL_TIMEOUT"] or 10
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Infusion Coding Lab <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for an hour

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Finders only in development; a served site uses what collectstatic gathered.
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# HTTPS, on by default whenever DEBUG is off. SECURE_SSL_REDIRECT=0 turns off only the redirect (a proxy that
# terminates TLS without forwarding the scheme, or a benchmark on loopback); cookies and HSTS stay.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# The proxy in front says whether the visitor came over HTTPS; without one, set TRUST_X_FORWARDED_PROTO=0.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO", not DEBUG) else None
)

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline; style sheets
# likewise. Style *attributes* are allowed (style-src-attr): server-rendered meters and bars set their width
# with one (templates/quizzes/*), and an attribute cannot run code. CSP_REPORT_ONLY=1 sends the same policy
# as Content-Security-Policy-Report-Only (to try a change without breaking pages); CSP_REPORT_URI collects
# reports.
_csp_directives: dict[str, list[str] | str] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-elem": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
if CSP_REPORT_URI := os.environ.get("CSP_REPORT_URI", "").strip():
    _csp_directives["report-uri"] = CSP_REPORT_URI
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}

# Logs go to the console. LOG_FORMAT=json (the default with DEBUG off) writes one line of JSON per record, so a
# request error is one line with its status, method, path and traceback (config/logging.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
