# Jarida: `make demo` serves the demo site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: demo test test-postgres install lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

demo: install
	JARIDA_DEMO=1 $(PY) manage.py migrate --noinput
	JARIDA_DEMO=1 $(PY) manage.py collectstatic --noinput --verbosity 0
	JARIDA_DEMO=1 $(PY) manage.py load_demo_content
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	JARIDA_DEMO=1 JARIDA_SERVE_MEDIA=1 $(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jarida} $(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules staticfiles var/jarida.sqlite3
