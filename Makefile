# casemap: two commands on a fresh machine.
#   make run   - set everything up, fill an empty database with the demo case, start the app
#   make test  - set everything up, run the whole suite (browser tests included)
#   make bench - the benchmarks (layout/render speed, drag-to-settled in the browser)
#   make lock  - rewrite requirements.lock / requirements-dev.lock from pyproject.toml
#   make soak  - the browser suite 5 times in a row with `make test` beside it (over an hour)
#   make bench-load - N simulated users in Chromium against the real app (SQLite, several processes, PostgreSQL)

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# The exact versions (with hashes) every install uses; `make lock` writes them from
# pyproject.toml's ranges (keeping the pins that still fit; UPGRADE=1: the newest that fit).
LOCK     := requirements.lock
DEV_LOCK := requirements-dev.lock
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_INSTALL = $(SUDO) sh -c 'apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) >/dev/null'

.PHONY: run test bench bench-load soak lock lint setup system-deps browser-deps db-deps clean

setup: $(STAMP) system-deps

# Everything from the lock, hash-checked; then casemap itself, without resolving anything.
$(STAMP): pyproject.toml $(DEV_LOCK)
	@command -v python3 >/dev/null || { echo "python3 (3.11 or newer) is needed"; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; \
		echo "$(DEV_LOCK) does not hold what pyproject.toml asks for: run 'make lock'"; exit 1; }
	@touch $(STAMP)

PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --all-build-deps \
	--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)

lock: $(STAMP)
	$(PIP_COMPILE) -o $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev -o $(DEV_LOCK) pyproject.toml
	$(PY) -m pytest -q -p no:cacheprovider tests/test_lock.py

# Graphviz's dot lays out the genogram; cairo turns SVG into PNG and PDF.
# Noto covers the scripts families write their names in (Arabic, Hebrew,
# Ge'ez, Chinese, Japanese, Korean, Cyrillic, ...); DejaVu alone shows boxes.
system-deps:
	@command -v dot >/dev/null 2>&1 && ldconfig -p | grep -q 'libcairo.so.2' \
		|| { echo "Installing Graphviz and cairo with apt-get..."; $(call APT_INSTALL,graphviz libcairo2 fonts-dejavu-core); }
	@dot -V 2>/dev/null || { echo "Graphviz 'dot' is still missing; install the graphviz package"; exit 1; }
	@fc-list : family 2>/dev/null | grep -q 'Noto Sans CJK' && fc-list : family | grep -q 'Noto Sans Ethiopic' \
		|| { echo "Installing the Noto fonts for every script with apt-get..."; $(call APT_INSTALL,fontconfig fonts-noto-core fonts-noto-cjk); }

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser);
# poppler's pdffonts and pdftotext for the tests that read every script back from a PDF.
browser-deps:
	@[ -x /usr/bin/chromium ] || { echo "Installing Chromium with apt-get..."; $(call APT_INSTALL,chromium); }
	@command -v pdffonts >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
		|| { echo "Installing poppler-utils with apt-get..."; $(call APT_INSTALL,poppler-utils); }

# Debian's PostgreSQL for the tests that run the store on PostgreSQL too: they start their own
# throw-away server (initdb, pg_ctl) on 127.0.0.1; without it that half is skipped, loudly.
db-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
		|| { echo "Installing PostgreSQL with apt-get..."; $(call APT_INSTALL,postgresql); }

run: setup
	$(VENV)/bin/casemap demo --if-empty
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: setup browser-deps db-deps
	$(PY) -m pytest -q

# BENCH="genogram render" runs only those; CASEMAP_BENCH_SLOWDOWN=2 must make it fail.
bench: setup browser-deps
	$(PY) -m tests.benchmarks $(BENCH)

# N users in Chromium against the real app: BENCH_LOAD_N="1 10" BENCH_LOAD_SECONDS=20 for a short run;
# BENCH_LOAD_SETUPS="sqlite-1 sqlite-3 pg-1 pg-2" chooses the deployments. Not part of `make bench`.
bench-load: setup browser-deps db-deps
	$(PY) -m tests.benchmarks.bench_load

# Browser tests that wait for states pass on a busy machine too: SOAK_RUNS=1 for a short one.
SOAK_RUNS ?= 5
soak: setup browser-deps
	$(PY) -m tests.soak --runs $(SOAK_RUNS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
