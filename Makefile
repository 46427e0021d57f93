# The front door. `make run` sets everything up and starts the portal; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run install test lint format check messages translations-check lock clean bench bench-messaging bench-family \
	bench-pages bench-queries bench-load smoke-production

run: install
	$(MANAGE) migrate --noinput
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

test: install
	$(PY) -m pytest

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

# Every language's .po from the code, filled again from locale/translations/<language>.json, compiled.
LANGUAGE_CODES := en pl ro pa ur pt es ar cy
messages: $(VENV)/.installed
	$(MANAGE) makemessages $(addprefix --locale ,$(LANGUAGE_CODES)) --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'staticfiles/*'
	$(MANAGE) merge_translations

# Fails if any shipped language has an untranslated or fuzzy UI string, or broken placeholders.
translations-check: $(VENV)/.installed
	$(MANAGE) untranslated --check

lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.in

bench-messaging: $(VENV)/.installed
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
