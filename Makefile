# The front door. `make run` sets everything up and starts the portal; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run install test lint format check messages lock clean bench bench-messaging bench-family

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

messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale en --ignore '.venv/*' --ignore 'node_modules/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.in

bench-messaging: $(VENV)/.installed
	$(PY) bench/messaging_throughput.py

bench-family: $(VENV)/.installed
	$(PY) bench/family_pages.py

clean:
	rm -rf $(VENV) node_modules portal/static/build staticfiles
