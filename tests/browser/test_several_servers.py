"""Two app processes on one database: each sees the other's change, the revision check holds.

An organisation runs several casemap processes (several servers behind a
proxy, on one PostgreSQL; or several processes on one machine, on one
SQLite file in WAL mode). Two real ``streamlit run app.py`` processes on
two ports, one database, a Chromium page on each, the same case open:

1. a person added through the first is on the second's map at its next page
   run (nothing cached in one process hides the other's change);
2. a save through the second based on what its screen showed before the
   first saved again is refused with the message that someone else changed
   the case, and nothing of it is written; the first's change stands.

Runs on PostgreSQL (the suite's own throw-away server, ``postgres`` in
``tests/conftest.py``) and on one SQLite file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.benchmarks.bench_canvas import FIND_CANVAS_JS
from tests.browser.conftest import (
    EXPECT_TIMEOUT_MS,
    RUN_WATCH_JS,
    free_port,
    serve,
    stop_process,
    wait_for_app,
)
from tests.browser.test_canvas import tab

pytestmark = pytest.mark.browser

STALE = "door iemand anders gewijzigd"


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request, tmp_path):
    """One database two processes share: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        target: str | Path = tmp_path / "gedeeld.db"
    else:
        server = request.getfixturevalue("postgres")
        target = server.fresh()
    with Store(target) as store:
        store.import_case(demo_case(), author="test")
    yield target
    if request.param == "postgresql":
        server.drop(target)


@pytest.fixture
def two_servers(shared_db, tmp_path):
    """The URLs of two app processes on ``shared_db``."""
    ports = [free_port(), free_port()]
    procs = []
    try:
        for port in ports:
            procs.append(serve("app.py", shared_db, port, log=tmp_path / f"app-{port}.log"))
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for proc in procs:
            stop_process(proc)
    for port in ports:  # neither process met an error it only wrote to its log
        log = (tmp_path / f"app-{port}.log").read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]


def open_genogram(browser, url: str):
    """A user's own session on ``url`` with the demo case's genogram open."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(RUN_WATCH_JS)
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    page.goto(f"{url}/genogram?casus=DEMO-001")
    page.wait_for_selector(".cm-stage svg g.symbol")
    wait_for_app(page)
    return page


_ON_MAP = """(name) => {
  const canvas = (FIND_CANVAS)();
  const svg = canvas && canvas.querySelector(".cm-stage svg");
  return !!svg && svg.textContent.replace(/\\s+/g, '').includes(name.replace(/\\s+/g, ''));
}""".replace("FIND_CANVAS", FIND_CANVAS_JS)


def on_map(page, name: str) -> bool:
    """Whether the map shows ``name`` now (a long name may be wrapped over two lines)."""
    return page.evaluate(_ON_MAP, name)


def wait_on_map(page, name: str) -> None:
    """Wait until the map shows ``name``."""
    page.wait_for_function(_ON_MAP, arg=name, timeout=EXPECT_TIMEOUT_MS)


def add_person(page, name: str) -> None:
    """Type ``name`` in 'Persoon toevoegen' and press its button (no page run before it)."""
    form = page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name="Persoon toevoegen")
    )
    form.get_by_label("Naam", exact=True).fill(name)
    form.get_by_role("button", name="Persoon toevoegen").click()
    wait_for_app(page)


def names_in(target) -> set[str]:
    with Store(target) as store:
        return {e.name for e in store.load("DEMO-001").entities}


def revision_of(target) -> int:
    with Store(target) as store:
        return store.get_case("DEMO-001").revision


def test_each_process_sees_the_others_change_and_a_stale_save_is_refused(
    two_servers, shared_db, browser
):
    first = open_genogram(browser, two_servers[0])
    second = open_genogram(browser, two_servers[1])
    start = revision_of(shared_db)

    # 1. a change through the first process ...
    add_person(first, "Yara Vos")
    wait_on_map(first, "Yara Vos")
    assert "Yara Vos" in names_in(shared_db)
    assert revision_of(shared_db) == start + 1
    # ... is on the second's map at its next page run (here: opening another tab)
    assert not on_map(second, "Yara Vos")  # nothing is pushed: no run yet
    tab(second, "Relaties")
    wait_on_map(second, "Yara Vos")
    tab(second, "Persoon toevoegen")

    # 2. the first saves again; the second, still showing the earlier revision, saves too
    add_person(first, "Zoë Vos")
    wait_on_map(first, "Zoë Vos")
    assert revision_of(shared_db) == start + 2
    add_person(second, "Bram Vos")
    refusal = second.get_by_test_id("stAlertContentError").filter(has_text=STALE)
    expect(refusal).to_be_visible()
    assert "Bram Vos" not in names_in(shared_db)  # nothing of the stale save is written
    assert {"Yara Vos", "Zoë Vos"} <= names_in(shared_db)  # and the first's changes stand
    assert revision_of(shared_db) == start + 2
    # the second now shows what the first saved; a save from there goes through
    wait_on_map(second, "Zoë Vos")
    add_person(second, "Bram Vos")
    wait_on_map(second, "Bram Vos")
    assert revision_of(shared_db) == start + 3
    assert {"Yara Vos", "Zoë Vos", "Bram Vos"} <= names_in(shared_db)
