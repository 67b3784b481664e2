# The two commands a newcomer needs: `make run` and `make test` (see README).
# Both set everything up on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
# Local runs only: a deployment sets its own SECRET_KEY (the app refuses to start without one
# unless DEBUG is on), and one set in the environment wins over this.
export SECRET_KEY ?= local-development-only-not-secret
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test chaos setup lint format bench system-run system-test clean

# `make chaos SEED=… OPS=…`: the diary's chaos run (tests/diary/test_sync_chaos.py), longer than
# the fixed one in `make test`, on a seed of your choice (a new one each time by default).
SEED ?= $(shell date +%s)
OPS ?= 3000

run: system-run setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: system-test setup node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest
	scripts/test-postgres.sh -q

chaos: system-test setup node_modules/.installed
	CHAOS_SEED=$(SEED) CHAOS_OPS=$(OPS) scripts/test-postgres.sh -q -s -k chaos

bench: system-test setup
	$(BIN)/python bench/firstaid.py
	$(BIN)/python bench/diary_sync.py
	$(BIN)/python bench/diary_device.py

setup: $(BIN)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v 0

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

system-run:
	PYTHON=$(PYTHON) scripts/system-packages.sh

system-test:
	PYTHON=$(PYTHON) scripts/system-packages.sh test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 test-artifacts
