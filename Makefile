# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# `make run` is for development: DEBUG is on unless the environment says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run serve test lint format coverage install install-dev browser bench clean

# Stamp files make installs incremental: pip runs again only when a requirements file changes.
$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_starter
	@echo "Serving http://$(HOST)/ (Ctrl-C to stop)"
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST)

# Production-style serving: gunicorn, WORKERS processes, on DATABASE_URL (and REDIS_URL when set), with the
# variables of README.md's Production section (DEBUG off, SECRET_KEY, ALLOWED_HOSTS...), and beside it the
# background worker (`db_worker`: grade passback and roster syncs for LTI courses), stopped with gunicorn.
# Housekeeping to run daily from cron: `.venv/bin/python manage.py clearsessions` (expired sessions) and
# `.venv/bin/python manage.py prune_db_task_results --min-age-days 30` (finished background tasks).
WORKERS ?= 4
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_starter
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi --workers $(WORKERS) --bind $(HOST) --timeout 30 --graceful-timeout 20

# Browser tests need Debian's Chromium: installed here when we are root with apt-get,
# skipped loudly otherwise, and a failure when CI is set (see tests/e2e/conftest.py).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

TEMPLATES = $(shell find templates -name '*.html')

# ruff (code and format), mypy (config in pyproject.toml), djade (templates) and a 160-character limit on
# template lines: djade does not wrap lines, so the limit is checked here.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djade --check --target-version 5.2 $(TEMPLATES)
	@awk 'length > 160 { printf "%s:%d: template line of %d characters (limit 160)\n", FILENAME, FNR, length; bad = 1 } END { exit bad }' $(TEMPLATES)

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djade --target-version 5.2 $(TEMPLATES)

# The whole suite under coverage, then a report per module (the figure is in the session notes).
coverage: install-dev browser
	$(BIN)/python -m pytest --cov --cov-report=term-missing:skip-covered

test: install-dev browser lint
	$(BIN)/python -m pytest

bench: install-dev
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/builder.py
	$(BIN)/python bench/quizzes.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis tests/e2e/screenshots
