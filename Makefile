# The two commands: `make run` (the whole product) and `make test` (the whole suite).
# Both use DATABASE_URL / REDIS_URL when set, and otherwise start an embedded
# PostgreSQL and Redis under .data/ (btech/embedded.py).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# The translations: each locale/<language>/LC_MESSAGES/*.po compiled to a .mo beside
# it, never committed. Compiled at install, and again whenever a .po is newer.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test manage lint backup restore bench-admin bench-api bench-reminders bench-load bench-import bench-search clean-data

$(INSTALLED): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m btech.translations compile --force
	@touch $@

# polib, in pure Python: no GNU gettext needed (btech/translations.py).
locale/%.mo: locale/%.po | $(INSTALLED)
	$(PY) -m btech.translations compile $<

## make run: web (PORT, default 8000), Celery worker and beat, with demo data
run: $(INSTALLED) $(MO_FILES)
	DEBUG=$${DEBUG:-true} exec $(PY) -m btech.run

## make test: the whole suite (PYTEST_ARGS="-k reminders" to narrow it), in up to four
## processes, one per core (PYTEST_PROCESSES=0 runs it in this one)
PYTEST_PROCESSES ?= auto --maxprocesses=4 --dist load
test: $(INSTALLED) $(MO_FILES)
	DEBUG=true BTECH_DATA_DIR=.data/test $(PY) -m btech.embedded .data/test -- $(PY) -m pytest -n $(PYTEST_PROCESSES) $(PYTEST_ARGS)

## make manage ARGS="createsuperuser": any manage.py command against the dev servers
manage: $(INSTALLED) $(MO_FILES)
	DEBUG=$${DEBUG:-true} $(PY) -m btech.embedded .data/dev -- $(PY) manage.py $(ARGS)

## make backup: the database and the uploaded PDFs in one file under backups/ (BACKUP_DIR)
BACKUP_DIR ?= backups
backup: $(INSTALLED)
	DEBUG=$${DEBUG:-true} $(PY) -m btech.embedded $${BTECH_DATA_DIR:-.data/dev} -- $(PY) -m btech.backup create --out $(BACKUP_DIR)

## make restore FILE=backups/btech-backup-....tar: into an empty database (FORCE=1 replaces)
restore: $(INSTALLED)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/btech-backup-....tar [FORCE=1]" >&2; exit 2; }
	DEBUG=$${DEBUG:-true} $(PY) -m btech.embedded $${BTECH_DATA_DIR:-.data/dev} -- $(PY) -m btech.backup restore $(FILE) $(if $(FORCE),--force)

## make bench-api: 100,000 letters, gunicorn on 2 workers, API lists against a floor
bench-api: $(INSTALLED)
	$(PY) bench/api.py $(BENCH_ARGS)

## make lint: ruff over the whole repository; mypy --strict over every app and btech/, the
## tests and benchmarks on the looser profile pyproject.toml gives them
lint: $(INSTALLED)
	$(PY) -m ruff check .
	DEBUG=true $(PY) -m mypy accounts mandates companies engagements reminders topics webhooks imports publication calls dialogues search btech tests bench

## make bench-admin: the admin letters list on 100,000 letters, ours against the default
bench-admin: $(INSTALLED)
	DEBUG=true $(PY) bench/admin_list.py

## make bench-load: make run's web server at 1, 8 and 32 users on three pages
bench-load: $(INSTALLED)
	$(PY) bench/load.py $(BENCH_ARGS)

## make clean-data: forget the dev and test databases
clean-data:
	rm -rf .data

## make bench-reminders: one reminder planning pass over 1,000,000 letters vs 10,000
bench-reminders: $(INSTALLED)
	DEBUG=true $(PY) bench/reminders.py

## make bench-import: import 10,000 letters from a CSV file through the letter services
bench-import: $(INSTALLED)
	DEBUG=true $(PY) bench/import_letters.py

## make bench-search: full-text search over 100,000 letters with replies, ours vs icontains
bench-search: $(INSTALLED)
	DEBUG=true $(PY) bench/search.py
