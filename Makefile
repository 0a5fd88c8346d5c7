# A newcomer needs two targets: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails, calendar files and what load_demo prints point to the address the portal is served on.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint check-migrations translations pytest browser messages observatory bench clean screenshots icons

# Serve the portal with the demo data on http://$(HOST):$(PORT) (make run PORT=8611 for another port).
run: $(VENV)/.runtime translations
	SITE_URL=$(SITE_URL) $(PY) manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(PY) manage.py load_demo
	@echo "Starting the portal at http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Lint, check migrations and run the whole suite, browser tests included.
test: $(VENV)/.dev translations lint check-migrations browser pytest

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    rm -rf $(VENV); apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Python cannot create a virtual environment: install python3-venv (apt-get install python3-venv)"; exit 1; fi; }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# Compile the Finnish and Swedish catalogues (Babel: no system gettext needed).
translations: $(VENV)/.runtime
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=digitutor.settings.test $(PY) manage.py makemigrations --check --dry-run

# Debian's Chromium drives the browser tests; Playwright cannot download its own browser here.
browser:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif [ "$$CI" = true ]; then echo "CI: $(CHROMIUM) is missing and cannot be installed"; exit 1; \
	else echo "NOTE: $(CHROMIUM) is missing and you are not root: the browser tests will be skipped."; fi

pytest: $(VENV)/.dev translations
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Photograph the main pages with the demo data at 1280 and 390 px into docs/screenshots/ (the README shows them).
screenshots: $(VENV)/.dev translations browser
	DIGITUTOR_SCREENSHOTS=1 $(VENV)/bin/pytest -p no:cacheprovider tests/e2e/test_layout.py -k screenshots

# After a template, the menu or a claim state starts drawing another Bootstrap Icon: cut the served sprite
# (static/vendor/bootstrap-icons/) again from the upstream one in digitutor/vendor/bootstrap-icons/ (tests/test_icons.py asks).
icons: $(VENV)/.runtime
	$(PY) manage.py build_icon_sprite

# For developers who change user-facing text (needs gettext's xgettext): refresh the catalogues.
messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale fi --locale sv --ignore '.venv/*' --ignore 'var/*' --no-obsolete

# The MDN HTTP Observatory's grade of the portal under production settings behind TLS (needs node and npm).
observatory: $(VENV)/.runtime translations
	bash .ci/observatory

# The benchmark (bench/run.py): gunicorn with production settings on PostgreSQL and SQLite, ten years of data (built
# once by bench/generate_load_data.py), every main page against a page that does nothing; writes bench/RESULTS.md.
# BENCH_ARGS="--scale 0.1" for a quick run.
bench: $(VENV)/.dev translations
	bash .ci/postgres-setup
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/staticfiles
