# The front door. `make run` sets everything up and starts the portal; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run install test lint format check messages translations-check lock clean bench bench-messaging bench-family \
	bench-pages bench-queries bench-load smoke-production

run: install
	$(MANAGE) migrate --noinput --verbosity 0
	DEBUG=true $(MANAGE) seed_demo
	bin/run-dev

install: $(VENV)/.installed node_modules/.installed portal/static/build/app.css

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

portal/static/build/app.css: node_modules/.installed portal/assets/app.scss bin/build-assets.mjs
	npm run --silent build

# Two workers, a test file each at a time (module-wide set-ups run once), files handed out in the order
# collected (tests that flush the database after those that need what the migrations put there);
# TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	bin/check-deploy

# The .po files are the translations' home. English, the source language, is re-read from the code;
# every other language's .po takes the new and changed strings from it with msgmerge (keeping every
# translation, guessing none, dropping strings the code no longer has); then all are compiled.
SOURCE_LANGUAGE := en
TARGET_LANGUAGES := pl ro pa ur pt es ar cy
SOURCE_PO := locale/$(SOURCE_LANGUAGE)/LC_MESSAGES/django.po
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale $(SOURCE_LANGUAGE) --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'staticfiles/*'
	set -e; for language in $(TARGET_LANGUAGES); do \
		po=locale/$$language/LC_MESSAGES/django.po; \
		msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po $(SOURCE_PO); \
		msgattrib --no-obsolete --output-file=$$po $$po; \
	done
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

# Fails if any shipped language has an untranslated or fuzzy UI string, broken placeholders or tags,
# or a text message over its segment budget.
translations-check: $(VENV)/.installed
	$(MANAGE) untranslated --check

lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.in

bench-messaging: install
	$(PY) bench/messaging_throughput.py

bench-family: $(VENV)/.installed
	$(PY) bench/family_pages.py

bench-pages: install
	$(PY) bench/page_weight.py

bench-queries: $(VENV)/.installed
	$(PY) bench/queries.py

# Needs PostgreSQL and Redis on 127.0.0.1 (as .ci/run starts them).
bench-load: install
	$(PY) bench/load.py

smoke-production: install
	bin/smoke-production

clean:
	rm -rf $(VENV) node_modules portal/static/build staticfiles
