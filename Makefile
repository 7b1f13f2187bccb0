# The two commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): each has its own test database, and its own Redis database.
PYTEST_WORKERS ?= 2

.PHONY: setup demo test lint checks pytest messages load

setup:
	bash scripts/setup.sh

## Install, migrate, seed the demo data and start the portal with its task worker.
demo: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo
	@echo "==> Portal at http://$(HOST):$(PORT)  (back office: /admin/, health: /healthz)"
	@trap 'kill 0' EXIT; $(PY) manage.py qcluster & $(PY) manage.py runserver $(HOST):$(PORT) --noreload

## Lint, Django's checks (production settings included) and the test suite.
test: setup lint checks pytest

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

checks:
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	FIELD_ENCRYPTION_KEYS="$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
	FIELD_HASH_KEY="$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')" \
	CERTIFICATE_SIGNING_KEY="$$($(PY) -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
	ALLOWED_HOSTS=portal.example.cn \
	$(PY) manage.py check --deploy --fail-level WARNING

# CI starts from a fresh test database: transactional tests empty the tables that data
# migrations fill, so a reused database would drift between runs.
pytest:
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --durations=20 $(if $(CI),--create-db)

## Refresh the English catalogue after changing user-facing strings.
messages:
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

## Load test on a copy of the seeded `province` database (docs/deploy.md, "Load test").
load:
	bash loadtest/run.sh mixed
	bash loadtest/run.sh burst
