# The two commands a newcomer needs: `make run` and `make test` (see README).
# Both set everything up on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages are installed with apt-get as root, or through sudo otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
RUN_PACKAGES := gettext python3-venv
TEST_PACKAGES := gettext python3-venv chromium chromium-driver npm

.PHONY: run test setup lint format bench system-run system-test clean

run: system-run setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: system-test setup node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

bench: system-test setup
	$(BIN)/python bench/firstaid.py

setup: $(BIN)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py collectstatic --noinput -v 0

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Installs only what is missing, so a prepared machine needs no root and no network.
system-run:
	@{ command -v msgfmt && $(PYTHON) -c 'import ensurepip'; } >/dev/null 2>&1 \
		|| { $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(RUN_PACKAGES); }

system-test:
	@{ command -v msgfmt && $(PYTHON) -c 'import ensurepip' && command -v npm && test -x /usr/bin/chromium && test -x /usr/bin/chromedriver; } >/dev/null \
		|| { $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(TEST_PACKAGES); }

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 test-artifacts
