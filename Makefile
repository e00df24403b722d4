# Coalition CE – the two commands: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, or a private copy installed from PyPI into .tools/ on first use.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen

.PHONY: help install demo test lint format check messages pytest bench screenshots clean

help:
	@echo "make demo   – install, migrate, load demo data, run web + worker + localstripe"
	@echo "make test   – install, lint, checks and the whole test suite"
	@echo "make bench  – run every benchmark in bench/ and print its figures"
	@echo "make screenshots – the main pages, desktop and phone, into docs/screenshots/"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

install: $(UV)
	$(UV) sync --frozen

demo: install messages
	DEBUG=1 $(RUN) python manage.py migrate --noinput
	DEBUG=1 $(RUN) python manage.py seed_demo
	@echo
	@echo "  Coalition CE demo"
	@echo "  Site:        http://127.0.0.1:8000/"
	@echo "  Staff admin: http://127.0.0.1:8000/admin/"
	@echo "  Health:      http://127.0.0.1:8000/healthz"
	@echo "  localstripe: http://127.0.0.1:8420/ (test card 4242 4242 4242 4242)"
	@echo "  Logins (password coalition-demo): staff@demo.test, facilitator@demo.test, participant@demo.test"
	@echo "    participante@demo.test (Lucía reads in Spanish: http://127.0.0.1:8000/es/)"
	@echo "    applicant@demo.test (pending scholarship), coordinator@demo.test (agency group + invoice)"
	@echo "  Mailbox:     http://127.0.0.1:8000/dev/mailbox/ (every email the demo sends; one line each here)"
	@echo "  Ctrl-C stops everything."
	@echo
	DEBUG=1 $(RUN) honcho -f Procfile.demo start

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports --no-logo

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(RUN) python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(RUN) python manage.py makemigrations --check --dry-run

# The Spanish catalogue (locale/es/) compiled: GNU gettext's msgfmt when the machine has it
# (.ci/run installs it); otherwise the compiled .mo files in git are used as they are.
# After marking new text: `make messages-extract`, translate locale/es/LC_MESSAGES/*.po, `make messages`.
messages: install
	@if command -v msgfmt >/dev/null; then \
	  DJANGO_SETTINGS_MODULE=config.settings.test $(RUN) python manage.py compilemessages \
	    --ignore=.venv --ignore=.tools -v 0; \
	else echo "msgfmt not found (apt install gettext): using the compiled catalogue in git"; fi

messages-extract: install
	for domain in django djangojs; do \
	  DJANGO_SETTINGS_MODULE=config.settings.test $(RUN) python manage.py makemessages -l es \
	    -d $$domain --no-location --ignore=.venv --ignore=.tools --ignore=tests --ignore=bench \
	    --ignore=staticfiles; \
	done

# The 25 slowest tests are listed at the end of `make test` (plain `pytest` stays quiet).
pytest: install
	$(RUN) pytest --durations=25 $(PYTEST_ARGS)

test: lint check messages pytest

bench: install
	$(RUN) python -m bench

clean:
	rm -rf .venv .tools db.sqlite3 staticfiles .pytest_cache .ruff_cache .import_linter_cache

# The main pages at desktop width and on a 390-px phone (axe checks each), as PNG files in
# docs/screenshots/ (ignored by git). Needs Chromium, as the browser tests do.
screenshots: install
	$(RUN) pytest tests/e2e/test_main_pages.py -q
	@echo "Screenshots: docs/screenshots/"
