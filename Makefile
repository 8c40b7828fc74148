# Newsroom — the commands a newcomer needs: `make run`, `make test`, and `make serve` for
# the production stack on this machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Listening on every interface (HOST=0.0.0.0) takes requests for any of this machine's names.
RUN_ALLOWED_HOSTS := $(if $(filter 0.0.0.0 ::,$(HOST)),*,$(HOST),localhost,127.0.0.1,[::1])
SHOWN_HOST := $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(if $(filter ::,$(HOST)),[::1],$(HOST)))
DEV_ENV := DEBUG=1 TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(RUN_ALLOWED_HOSTS)}"

.PHONY: run serve stop test install install-test migrate demo lint messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(STAMP)

install-test: $(TEST_STAMP)

# Development settings for manage.py typed by hand (read only when SECRET_KEY is not in the
# environment; see newsroom/envfile.py). Written once; delete it to get a new one.
.env: | $(BIN)/python
	@printf '%s\n' \
	    "# Development settings written by make run; manage.py reads them when SECRET_KEY" \
	    "# is not in the environment. Never used by a server; not committed." \
	    "DEBUG=1" \
	    "SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    "TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend" > $@
	@echo "Wrote .env: manage.py commands now work here without setting variables."

## Set everything up (venv, database, demo content, admin account) and serve the site.
run: install .env
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo_content --if-empty
	$(DEV_ENV) $(BIN)/python manage.py ensure_local_admin --login-url http://$(SHOWN_HOST):$(PORT)/admin/
	@echo "Newsroom (development) at http://$(SHOWN_HOST):$(PORT)/ (admin: /admin/)"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## The production stack on this machine: nginx (static and media files) → Varnish →
## gunicorn, plus the task worker, DEBUG off, at http://$(HOST):$(PORT). Ctrl-C stops it.
serve: install
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python deploy/stack.py serve

## Stop what `make serve` started (from another terminal), by the PIDs it recorded.
stop:
	$(BIN)/python deploy/stack.py stop

NODE_STAMP := node_modules/.package-lock.json

# The browser suite's validators; without npm the browser tests say they are skipped.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser tests will be skipped"; fi

## Install what the tests need and run the whole suite.
test: install-test $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Measure the site under load beside its limits, WordPress and Wagtail (PostgreSQL, Redis,
## wrk, nginx and Varnish needed; about 15 minutes). BENCH_ARGS=--quick: a few minutes.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install-test
	$(BIN)/ruff check .

messages: install
	$(BIN)/python manage.py makemessages -l en -l fr --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) var node_modules
