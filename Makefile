# The two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCAL := DJANGO_DEBUG=1

.PHONY: run test staff lint messages format lock css screenshots clean bench

run: $(VENV)/.base-installed
	$(LOCAL) $(BIN)/python manage.py compile_translations
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_clinic_content
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.dev-installed
	scripts/test

staff: $(VENV)/.base-installed
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py create_local_staff

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# After changing a translatable string: find new strings in every catalogue (needs GNU gettext:
# apt-get install gettext), translate them in the .po files, then `make run` compiles them.
messages: $(VENV)/.dev-installed
	scripts/makemessages

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/.python-checked:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.12, for example)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.base-installed: $(VENV)/.python-checked requirements/base.txt
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.python-checked requirements/dev.txt
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.base-installed

# Re-pin every dependency after editing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 -q -o requirements/base.txt
	uv pip compile pyproject.toml --python-version 3.11 -q --extra dev -o requirements/dev.txt

# Rebuild the vendored Bootstrap from static/scss (needs Node.js and npm).
css:
	scripts/build-css

# Save every public page at phone and desktop widths into docs/screenshots/ (commit them).
screenshots: $(VENV)/.dev-installed
	scripts/with-postgres $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

# The load benchmark (not part of `make test`): writes docs/performance.md. See scripts/bench.py.
bench: $(VENV)/.dev-installed
	scripts/with-postgres $(BIN)/python scripts/bench.py $(BENCH_ARGS)
