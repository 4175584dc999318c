# Đảng vụ: the two commands of a fresh machine (python3, pip and make) are `make demo` and `make test`.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PYTEST_ARGS ?=

.PHONY: demo test env uv lint bench bench-quick system-packages

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

env: uv
	$(UV) sync --frozen --group dev

# Runs the system on its embedded SQLite demo at http://127.0.0.1:8000, as users see it: DEBUG off (the
# Vietnamese error pages, static files served by the app), plain HTTP on loopback (no secure-only cookies)
demo: env
	$(UV) run dangvu migrate --noinput
	$(UV) run dangvu load_demo
	DEBUG=0 SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 $(UV) run dangvu runserver 127.0.0.1:8000

system-packages:
	@bash scripts/system-packages.sh

# The whole test suite (SQLite by default; DATABASE_URL=postgres://… selects PostgreSQL)
test: env system-packages
	$(UV) run pytest -n 2 $(PYTEST_ARGS)

# ruff's rules and its format (pyproject.toml), and mypy with django-stubs on core, accounts and organizations
lint: env
	$(UV) run ruff check src tests bench
	$(UV) run ruff format --check src tests bench
	$(UV) run mypy

bench: env
	$(UV) run python bench/run_all.py

# The benchmark scripts at a small size on a throw-away demo database (CI keeps them working; no timing verdicts)
bench-quick: env
	export DANGVU_VAR_DIR=$$(mktemp -d) BENCH_QUICK=1 && \
	$(UV) run dangvu migrate --noinput -v0 && $(UV) run dangvu load_demo >/dev/null && \
	$(UV) run python bench/run_all.py
