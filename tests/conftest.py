"""Shared fixtures: the demo case, stores on temporary files, page tests.

The store, access and page tests run on both backends: a SQLite file, and a
database on a PostgreSQL server that these tests start themselves from
Debian's ``postgresql`` package (one server per session, a fresh database per
test cloned from a migrated template). Where no PostgreSQL binary is found
the PostgreSQL half is skipped, and the run says so loudly at its end.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path

import pytest

import tests.deprecation_guard  # noqa: F401  Streamlit's deprecations fail the run too
from mapping.services.demo import demo_case

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_data():
    """A fresh CaseData of the fictional demo family."""
    return demo_case()


# ---------------------------------------------------------------- PostgreSQL
#: Test modules whose store runs on both backends (the ``backend`` parameter).
BOTH_BACKENDS = (
    "test_store",
    "test_access",
    "test_retention",
    "test_postgres",
    "test_pages",
    "test_page_snapshots",
)
_PG_MISSING: list[str] = []


def _pg_bindir() -> Path | None:
    """The bin folder of the newest PostgreSQL (15 or newer) installed, or None.

    ``CASEMAP_TEST_PG_BINDIR`` names another one (``/usr/pgsql-16/bin``); one
    without ``initdb`` counts as none.
    """
    chosen = os.environ.get("CASEMAP_TEST_PG_BINDIR")
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    found = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if found and found[-1].parent.name.isdigit() and int(found[-1].parent.name) >= 15:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """A throw-away PostgreSQL server on 127.0.0.1, its files in a temporary folder.

    initdb refuses to run as root: as root the server runs as the ``postgres``
    user. ``fresh()`` makes an empty migrated database and returns its URL.
    """

    USER = "casemap"

    def __init__(self, bindir: Path, *, durable: bool = False) -> None:
        self.bindir = bindir
        self.durable = durable  # fsync as in production (benchmarks); tests skip it
        self.root = Path(tempfile.mkdtemp(prefix="casemap-pg-"))
        self.password = secrets.token_hex(12)
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self.count = 0

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def start(self) -> None:
        data, pwfile = self.root / "data", self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_user:
            shutil.chown(pwfile, "postgres")
        self._run(
            str(self.bindir / "initdb"), "-D", str(data), "-U", self.USER,
            f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "-N",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=300"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        self._admin("CREATE DATABASE casemap_template")
        from mapping.storage import backends
        from mapping.storage.store import Store

        Store(self.url("casemap_template")).close()  # migrated once; each test clones it
        backends.close_pool(self.url("casemap_template"))

    def url(self, database: str, *, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql://{self.USER}:{secret}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def fresh(self, *, migrated: bool = True) -> str:
        """The URL of a new database: a copy of the migrated template, or empty."""
        self.count += 1
        name = f"casemap_test_{os.getpid()}_{self.count}"
        template = "casemap_template" if migrated else "template0"
        # FILE_COPY: a few files copied, 3 times faster than the WAL_LOG default for a small one
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY = FILE_COPY")
        return self.url(name)

    def drop(self, url: str) -> None:
        from mapping.storage import backends

        backends.close_pool(url)
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                "-w", "stop",
            )  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the whole run (skipped, loudly, where none is installed)."""
    bindir = _pg_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL is NOT tested: no initdb of PostgreSQL 15+ found "
            "(install Debian's postgresql package: make db-deps)"
        )
        _PG_MISSING.append(reason)
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    server = PgServer(bindir)
    # a run stopped by `timeout` or a kill (SIGTERM) ends like Ctrl-C: the server is
    # still stopped (here or in the teardown), instead of running on after the tests
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        try:
            server.start()
        except (OSError, subprocess.SubprocessError) as err:
            server.stop()
            detail = getattr(err, "stderr", "") or str(err)
            raise RuntimeError(f"the test PostgreSQL server did not start: {detail}") from err
        except BaseException:  # the template's migration failed, or the run was stopped
            server.stop()
            raise
        try:
            yield server
        finally:
            from mapping.storage import backends

            backends._close_pools()
            server.stop()
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)


def pytest_generate_tests(metafunc):
    """Every test with a store fixture (tmp_store, demo_store, page_app, db_target) runs
    once on SQLite and once on PostgreSQL: the whole store and page suite, twice (#18;
    about 3 minutes more on this 2-core machine, idle).

    ``CASEMAP_TEST_BACKENDS=some`` keeps PostgreSQL to the store, access and
    page-smoke tests (:data:`BOTH_BACKENDS`), for a quicker run while working.
    """
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    every = os.environ.get("CASEMAP_TEST_BACKENDS", "all") != "some"
    if "backend" in metafunc.fixturenames and (every or module.startswith(BOTH_BACKENDS)):
        if not any("backend" in m.args for m in metafunc.definition.iter_markers("parametrize")):
            metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


def pytest_terminal_summary(terminalreporter):
    for reason in dict.fromkeys(_PG_MISSING):
        terminalreporter.write_sep("!", reason, red=True, bold=True)


@pytest.fixture
def backend(request):
    """``"sqlite"`` or ``"postgresql"``: both in the modules of :data:`BOTH_BACKENDS`."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_target(backend, tmp_path, request):
    """Where a test's store lives: a SQLite file, or the URL of a fresh PostgreSQL database."""
    if backend != "postgresql":
        yield tmp_path / "casemap.db"
        return
    server = request.getfixturevalue("postgres")
    url = server.fresh()
    yield url
    server.drop(url)


@pytest.fixture
def tmp_store(db_target):
    """An empty Store on a temporary database (a file, or a PostgreSQL database)."""
    from mapping.storage.store import Store

    store = Store(db_target)
    yield store
    store.close()


@pytest.fixture
def demo_store(tmp_store):
    """``(store, case)`` with the demo case imported."""
    case = tmp_store.import_case(demo_case(), author="test")
    return tmp_store, case


@pytest.fixture
def page_app(tmp_path, monkeypatch, backend, request):
    """Factory for an AppTest of one page, on a temporary database.

    ``page_app("genogram")`` runs ``views/genogram.py`` with the demo case
    imported and opened; ``page_app("cases", open_demo=False)`` starts with
    no case open. Use ``at.run()`` yourself. ``at.case_id`` is the demo's id.
    """
    from streamlit.testing.v1 import AppTest

    from mapping.storage.store import Store
    from views.state import OPEN_CASE

    db = tmp_path / "pages.db"
    if backend == "postgresql":
        db = request.getfixturevalue("db_target")
    monkeypatch.setenv("CASEMAP_DB", str(db))

    def make(page: str, open_demo: bool = True, with_demo: bool = True) -> AppTest:
        case_id = None
        with Store(db) as store:
            if with_demo:
                existing = store.list_cases()
                case_id = existing[0].id if existing else store.import_case(demo_case()).id
        at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
        if open_demo and case_id:
            at.session_state[OPEN_CASE] = case_id
        at.case_id = case_id
        at.db_path = db
        return at

    return make
