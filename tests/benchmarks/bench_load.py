"""N users at once against the real app, in Chromium: page runs, saves, conflicts (issue #18).

Every simulated user is a Playwright browser context (its own Streamlit
session, its own cookies) in one of a few headless Chromium processes,
driven from one asyncio loop. Each opens its case (``/genogram?casus=CODE``)
and then, in a loop until the time is up: switches to the Ecogram, the
Netwerkkaart and back to the Genogram (three **page runs**), adds a person
and an emotional relation to her and drags a symbol (three **saves**), and
makes and downloads a PNG of the genogram (an **export**). Every time runs
in the page itself, from the click (or the mouse release of the drag) until
the page shows the result and Streamlit is idle, as ``bench_clicks`` does.

Every fifth user works on the same case as the user before, on purpose, and
in a deployment with several processes on another process than that user:
their saves may cross. A crossed save must end in the message that someone
else changed the case ("door iemand anders gewijzigd", StaleRevision) and
nothing else. Counted and held:

* conflicts: saves refused with that message (expected, shown);
* lost updates: a person the user saw saved on the map that is not in the
  database at the end, or a relation to her that is not; a save refused
  whose person is in the database anyway;
* tracebacks: an exception box in a page, "database is locked" anywhere, or
  a Traceback in a server's log;
* timeouts: an action that did not settle within a minute (shown, not held:
  the last N of a run on two busy cores may simply be too many).

The bench exits 1 on a traceback or a lost update.

Deployments (``BENCH_LOAD_SETUPS``, default all that can run here):

* ``sqlite-1``: one Streamlit process on one SQLite file;
* ``sqlite-3``: three processes (ports) sharing that one file (WAL), the
  users spread over them in turn;
* ``pg-1`` / ``pg-2``: one or two processes on one PostgreSQL, a throw-away
  server from Debian's package in a temporary folder (skipped with a notice
  when no PostgreSQL or no PostgreSQL store is there).

``BENCH_LOAD_N="1 10"`` (default ``1 10 25 50``) and ``BENCH_LOAD_SECONDS=20``
(default 30, per N and deployment) make a short run. The last lines print
the table and, per deployment, the first N at which the p95 page run passes
one second.

Why browsers and not Streamlit's websocket protocol: a click in Streamlit is
a protobuf BackMsg carrying every widget's state by an id the script run
derives; a fake client would have to replay the page's widgets (the canvas
component's drag events, forms, tabs) and would measure a client no user
has. Chromium shows what a user waits for. The cost, measured: the
browsers take far more CPU than the app they drive (10 users on three
processes: 208 CPU seconds in Chromium against 16 in the app during the
same 25 s loop, December 2026), so on one two-core machine the users
themselves are the bottleneck long before the app is, and the latencies
above N = 10 are an upper bound of what the app alone would give. The
bench prints both ("CPU s app/chromium") with every row; on a machine with
cores to spare, or with the browsers on another one, it measures the app.
A websocket client that replays the pages' widget states is the next step
if the app's own limit is wanted on a small machine.

    python -m tests.benchmarks.bench_load
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.benchmarks.bench_canvas import FIND_CANVAS_JS
from tests.browser.conftest import (
    _SETTLED_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    NO_RERUN_GRACE_MS,
    QUIET_MS,
    RUN_WATCH_JS,
    free_port,
    serve,
    stop_process,
)

NS = [int(n) for n in os.environ.get("BENCH_LOAD_N", "1 10 25 50").split()]
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS") or 30)
SETUPS = {
    "sqlite-1": ("sqlite", 1),
    "sqlite-3": ("sqlite", 3),
    "pg-1": ("pg", 1),
    "pg-2": ("pg", 2),
}
CHOSEN = os.environ.get("BENCH_LOAD_SETUPS", " ".join(SETUPS)).split()
#: Every SHARE-th user works on the case of the user before.
SHARE = 5
USERS_PER_BROWSER = 25
#: An action that has not settled after this long counts as a timeout.
ACTION_TIMEOUT_MS = 60_000
PAGE_RUN_TARGET = 1.0
STALE_TEXTS = ("door iemand anders gewijzigd", "een collega heeft deze casus intussen gewijzigd")
#: People of the demo case a new person gets an emotional relation with.
OTHERS = ("Sanne Jansen", "Peter Jansen", "Daan Bakker", "Els Visser", "Henk Jansen")
LENSES = (("Ecogram", "ecogram"), ("Netwerkkaart", "sociogram"), ("Genogram", "genogram"))

#: How often a page looks whether its action has settled (ms), and Playwright whether the page
#: has: finding the canvas walks the page's shadow roots, and 50 pages doing that every frame
#: took more of the two cores than the app itself.
TICK_MS = 25
POLL_MS = 100

_HELPERS = f"""
const C = {FIND_CANVAS_JS};
const T = () => {{ const c = C(); const s = c && c.querySelector('.cm-stage svg');
  return s ? s.textContent.replace(/\\s+/g, '') : ''; }};
const STALE = () => {json.dumps(STALE_TEXTS)}.some(t => document.body.innerText.includes(t));
const ERR = () => [...document.querySelectorAll("[data-testid='stAlertContentError']")]
  .map(e => e.innerText).join(' | ');
"""

# Arms the clock: the next ``event`` (a click, the drag's pointerup) starts it; it stops
# once ``check`` holds after a script run started and Streamlit is idle again.
_ARM = """([check, event]) => {
  const app = document.querySelector("[data-testid='stApp']");
  const test = new Function("RAN", HELPERS + "return (" + check + ");");
  window.__settled = null;
  let ran = false;
  const watch = new MutationObserver(() => {
    if (app.dataset.testScriptState === 'running') ran = true;
  });
  watch.observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
  window.addEventListener(event, () => {
    const start = performance.now();
    const tick = () => {
      const st = app.dataset.testScriptState;
      let ok = false;
      try { ok = !!test(ran); } catch (e) { ok = false; }
      if (ok && ran && st !== 'running' && st !== 'rerunRequested') {
        window.__settled = performance.now() - start;
        watch.disconnect();
      } else setTimeout(tick, TICK_MS);
    };
    tick();
  }, { capture: true, once: true });
}""".replace("HELPERS", repr(_HELPERS)).replace("TICK_MS", str(TICK_MS))

_OUTCOME = f"""(name) => {{ {_HELPERS}
  return {{
    shown: name ? T().includes(name.replace(/\\s+/g, '')) : false,
    stale: STALE(),
    error: ERR(),
    exceptions: document.querySelectorAll("[data-testid='stException']").length,
    locked: document.body.innerText.includes('database is locked'),
    revision: C() ? C().dataset.revision : null,
  }};
}}"""


@dataclass
class Tally:
    """What the users of one run saw."""

    page: list[float] = field(default_factory=list)
    save: list[float] = field(default_factory=list)
    export: list[float] = field(default_factory=list)
    rounds: int = 0
    conflicts: int = 0
    downloads: int = 0
    timeouts: int = 0
    tracebacks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    other: Counter = field(default_factory=Counter)
    saved: dict[str, set[str]] = field(default_factory=dict)  # case code -> names seen saved
    related: dict[str, set[str]] = field(default_factory=dict)  # case code -> names given a tie
    refused: dict[str, set[str]] = field(default_factory=dict)  # case code -> names refused
    cpu_app: float = 0.0
    cpu_browser: float = 0.0
    wall: float = 0.0


class Timeout(Exception):
    """An action did not settle within ACTION_TIMEOUT_MS."""


# ------------------------------------------------------------------ one user's actions
async def settle(page) -> None:
    await page.wait_for_function(
        _SETTLED_JS, arg=[NO_RERUN_GRACE_MS, QUIET_MS], timeout=ACTION_TIMEOUT_MS, polling=POLL_MS
    )


async def timed(page, check: str, action, event: str = "click") -> float:
    """Seconds from ``action``'s ``event`` until ``check`` (JS) holds after a run, app idle."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    await page.evaluate(_ARM, [check, event])
    await action()
    try:
        await page.wait_for_function(
            "() => window.__settled !== null", timeout=ACTION_TIMEOUT_MS, polling=POLL_MS
        )
    except PlaywrightTimeout as err:
        raise Timeout(check) from err
    seconds = await page.evaluate("() => window.__settled") / 1000
    await settle(page)
    return seconds


async def outcome(page, name: str = "") -> dict:
    return await page.evaluate(_OUTCOME, name)


async def check_page(page, tally: Tally, what: str) -> dict:
    """The page after an action: a traceback or a locked database is written down."""
    seen = await outcome(page)
    if seen["exceptions"] or seen["locked"]:
        text = await page.locator("[data-testid='stException']").all_inner_texts()
        tally.tracebacks.append(f"{what}: {' | '.join(text)[:300] or 'database is locked'}")
    return seen


async def switch_pages(page, tally: Tally) -> None:
    for title, lens in LENSES:
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
        check = (
            f"C() && C().dataset.lens === '{lens}' && C().querySelector('.cm-stage svg g.symbol')"
        )
        tally.page.append(await timed(page, check, link.click))
        seen = await check_page(page, tally, f"naar {title}")
        if seen["error"]:
            tally.other[f"naar {title}: {seen['error'][:100]}"] += 1


async def open_tab(page, name: str) -> None:
    tab = page.get_by_role("tab", name=name)
    if await tab.get_attribute("aria-selected") != "true":
        await tab.click()
        await settle(page)


async def add_person(page, tally: Tally, code: str, name: str) -> bool:
    """The genogram's 'Persoon toevoegen'; True when the map shows her."""
    await open_tab(page, "Persoon toevoegen")
    form = page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name="Persoon toevoegen")
    )
    await form.get_by_label("Naam", exact=True).fill(name)
    button = form.get_by_role("button", name="Persoon toevoegen")
    check = f"T().includes({name.replace(' ', '')!r}) || STALE() || ERR()"
    tally.save.append(await timed(page, check, button.click))
    seen = await outcome(page, name)
    await check_page(page, tally, "persoon toevoegen")
    if seen["shown"]:
        tally.saved.setdefault(code, set()).add(name)
        return True
    if seen["stale"]:
        tally.conflicts += 1
        tally.refused.setdefault(code, set()).add(name)
    else:
        tally.other[f"persoon toevoegen: {seen['error'][:100] or 'niet op de kaart'}"] += 1
    return False


async def add_relation(page, tally: Tally, code: str, name: str, other: str) -> None:
    """An emotional relation from ``name`` (the new person, selected, so the form's
    first person) to ``other``."""
    await open_tab(page, "Relaties")
    await page.get_by_text("Emotionele relatie", exact=True).click()
    await settle(page)
    await page.locator("[class*='st-key-geno_rel_b_']").first.click()
    await page.keyboard.type(other)
    await page.keyboard.press("Enter")
    await settle(page)
    before = (await outcome(page))["revision"]
    button = page.get_by_role("button", name="Relatie toevoegen")
    check = f"C().dataset.revision !== {before!r} || STALE() || ERR()"
    tally.save.append(await timed(page, check, button.click))
    seen = await check_page(page, tally, "relatie toevoegen")
    if seen["stale"]:
        tally.conflicts += 1
    elif seen["revision"] != before and not seen["error"]:
        tally.related.setdefault(code, set()).add(name)
    else:
        tally.other[f"relatie toevoegen: {seen['error'][:100] or 'geen nieuwe revisie'}"] += 1


async def drag_symbol(page, tally: Tally, k: int) -> None:
    """Drag one of the genogram's movable symbols a little (its position is saved)."""
    ids = await page.eval_on_selector_all(
        ".cm-stage g.symbol.movable", "els => els.map(e => e.getAttribute('data-entity-id'))"
    )
    if not ids:
        return
    target = ids[(k * 7) % len(ids)]
    canvas = page.get_by_test_id("lens-canvas")
    fit = canvas.locator("button[data-act='fit']")
    if await canvas.get_attribute("data-view") != "fit":
        await fit.click()
    await canvas.scroll_into_view_if_needed()
    box = await page.locator(
        f".cm-stage g.symbol[data-entity-id='{target}'] > *"
    ).first.bounding_box()
    if box is None:
        return
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = await canvas.get_attribute("data-revision")

    async def drag() -> None:
        await page.mouse.move(x, y)
        await page.mouse.down()
        for step in range(1, 7):
            await page.mouse.move(x + 4 * step, y + (3 if k % 2 else -3) * step)
        await page.mouse.up()

    check = f"C().dataset.revision !== {before!r} || STALE() || ERR()"
    tally.save.append(await timed(page, check, drag, event="pointerup"))
    seen = await check_page(page, tally, "symbool slepen")
    if seen["stale"]:
        tally.conflicts += 1
    elif seen["error"]:
        tally.other[f"symbool slepen: {seen['error'][:100]}"] += 1


async def export_png(page, tally: Tally) -> None:
    """Make the genogram's PNG and download it."""
    await open_tab(page, "Importeren en exporteren")
    chooser = page.locator(".st-key-geno_format")
    if "PNG (scherm)" not in await chooser.inner_text():
        await chooser.locator("input").click()
        await page.keyboard.type("PNG (scherm)")
        await page.keyboard.press("Enter")
        await settle(page)
    make = page.locator(".st-key-geno_export button")
    check = "[...document.querySelectorAll(\"[data-testid='stDownloadButton'] button\")].some(b => b.innerText.includes('Download'))"
    tally.export.append(await timed(page, check, make.click))
    await check_page(page, tally, "exporteren")
    button = page.locator(".st-key-geno_download button")
    async with page.expect_download(timeout=ACTION_TIMEOUT_MS) as info:
        await button.click()
    download = await info.value
    path = await download.path()
    if path and Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n":
        tally.downloads += 1
    else:
        tally.other["download geen PNG"] += 1
    await settle(page)


class Together:
    """The users' loops start at once, when the last of them has its case open (opening
    50 pages takes longer than a short run), and run for SECONDS from there."""

    def __init__(self, users: int, at_start) -> None:
        self.left = users
        self.go = asyncio.Event()
        self.stop_at = 0.0
        self.at_start = at_start  # called once, when the loops start

    async def arrive(self) -> float:
        self.left -= 1
        if self.left == 0:
            self.at_start()
            self.stop_at = time.monotonic() + SECONDS
            self.go.set()
        await self.go.wait()
        return self.stop_at


async def one_user(
    browser, url: str, code: str, number: int, together: Together, tally: Tally, contexts: list
) -> None:
    """One user: open the case, wait for the others, loop until the time is up. The context
    stays open (``contexts``) for the count of the browsers' CPU, which a closed context's
    renderer would take with it."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    contexts.append(context)
    await context.add_init_script(RUN_WATCH_JS)
    page = await context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)

    async def start() -> None:
        await page.goto(f"{url}/genogram?casus={code}", timeout=ACTION_TIMEOUT_MS * 2)
        await page.wait_for_selector(".cm-stage svg g.symbol", timeout=ACTION_TIMEOUT_MS * 2)
        await settle(page)

    opened = False
    try:
        await start()
        opened = True
    except (Timeout, PlaywrightError) as err:
        tally.other[f"openen: {str(err).splitlines()[0][:100]}"] += 1
        with contextlib.suppress(PlaywrightError):
            shown = (await outcome(page))["error"]
            if shown:
                tally.other[f"melding bij openen: {shown[:100]}"] += 1
    stop_at = await together.arrive()
    if not opened:
        return
    try:
        k = 0
        while time.monotonic() < stop_at:
            step = "pagina's"
            try:
                await switch_pages(page, tally)
                name = f"U{number:02d} R{k:03d}"
                step = "persoon toevoegen"
                if await add_person(page, tally, code, name):
                    step = "relatie toevoegen"
                    await add_relation(page, tally, code, name, OTHERS[(number + k) % len(OTHERS)])
                step = "symbool slepen"
                await drag_symbol(page, tally, k)
                step = "exporteren"
                await export_png(page, tally)
                tally.rounds += 1
            except (Timeout, PlaywrightError) as err:
                if isinstance(err, Timeout | PlaywrightTimeout):
                    tally.timeouts += 1
                    tally.other[f"timeout bij {step}"] += 1
                else:
                    tally.other[str(err).splitlines()[0][:120]] += 1
                with contextlib.suppress(PlaywrightError):
                    await page.screenshot(path=f"/tmp/bench_load_user{number:02d}.png")
                    shown = (await outcome(page))["error"]
                    if shown:  # what the page said instead (a server that is not reachable)
                        tally.other[f"melding bij {step}: {shown[:100]}"] += 1
                await start()  # as a user would: load the case again
            k += 1
    except (Timeout, PlaywrightError) as err:  # loading the case again failed too
        tally.other[f"opnieuw openen: {str(err).splitlines()[0][:100]}"] += 1


# ------------------------------------------------------------------ the deployments
@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL from Debian's package in a temporary folder; yields its URL; gone afterwards.

    The test suite's own server (``tests/conftest.py``'s ``PgServer``), but
    ``durable``: the tests turn fsync off for speed, and this bench compares
    durable commits, as SQLite makes them (its default ``synchronous = FULL``).
    """
    from mapping.storage import backends
    from tests.conftest import PgServer, _pg_bindir

    bindir = _pg_bindir()
    if bindir is None:
        raise RuntimeError(
            "geen PostgreSQL 15+ gevonden: apt-get install postgresql (make db-deps)"
        )
    server = PgServer(bindir, durable=True)
    try:
        server.start()
        yield server.fresh()
    finally:
        backends._close_pools()  # this process's own connections (cases made, checked)
        server.stop()


def postgres_store_works(url: str) -> str:
    """'' when ``Store(url)`` opens a PostgreSQL database, else why not."""
    from mapping.storage.store import Store

    try:
        with Store(url) as store:
            store.list_cases()
    except Exception as err:  # the backend may not be there yet: say so, do not crash
        return f"{type(err).__name__}: {err}"
    return ""


def make_cases(db: str | Path, n: int) -> list[str]:
    """One demo case per user, every SHARE-th user sharing the one before; the codes."""
    from mapping.services.demo import demo_case
    from mapping.storage.store import Store

    codes = []
    with Store(db) as store:
        for i in range(n):
            if i % SHARE == SHARE - 1:
                codes.append(codes[-1])
                continue
            data = demo_case()
            data.case = replace(data.case, code=f"LOAD{n:02d}-{i:02d}")
            store.import_case(data, author="bench")
            codes.append(data.case.code)
    return codes


def check_store(db: str | Path, tally: Tally) -> None:
    """Every person a user saw saved is there, with her relation; no refused one is."""
    from mapping.storage.store import Store

    with Store(db) as store:
        for code in set(tally.saved) | set(tally.refused):
            data = store.load(code)
            names = {e.id: e.name for e in data.entities}
            for name in tally.saved.get(code, ()):
                if name not in names.values():
                    tally.lost.append(f"{code}: {name} gezien als opgeslagen, niet in de database")
            for name in tally.refused.get(code, ()):
                if name in names.values():
                    tally.lost.append(f"{code}: {name} geweigerd, toch in de database")
            tied = {names.get(r.source) for r in data.relations} | {
                names.get(r.target) for r in data.relations
            }
            for name in tally.related.get(code, ()):
                if name not in tied:
                    tally.lost.append(f"{code}: relatie met {name} gezien, niet in de database")


def _cpu(pids: list[int], name: str) -> float:
    """CPU seconds of these processes and their children whose name contains ``name``."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                if name in p.name():
                    t = p.cpu_times()  # with its ended children (dot's layouts)
                    total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            continue
    return total


def _browser_pids() -> list[int]:
    import psutil

    me = psutil.Process()
    return [p.pid for p in me.children(recursive=True) if "chrom" in p.name()]


async def run_users(urls: list[str], codes: list[str], servers: list[int]) -> Tally:
    """The users of one run against ``urls``; CPU seconds counted over the loops only."""
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as pw:
        browsers = [
            await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for _ in range(-(-len(codes) // USERS_PER_BROWSER))
        ]
        started: dict[str, float] = {}

        def at_start() -> None:
            started.update(
                at=time.monotonic(),
                app=_cpu(servers, ""),
                browser=_cpu(_browser_pids(), "chrom"),
            )

        together = Together(len(codes), at_start)
        contexts: list = []
        users = [
            one_user(browser, url, code, i, together, tally, contexts)
            for i, code in enumerate(codes)
            for browser, url in [(browsers[i // USERS_PER_BROWSER], urls[i % len(urls)])]
        ]
        await asyncio.gather(*users)
        tally.wall = time.monotonic() - started["at"]
        tally.cpu_app = _cpu(servers, "") - started["app"]
        tally.cpu_browser = _cpu(_browser_pids(), "chrom") - started["browser"]
        for context in contexts:
            await context.close()
        for browser in browsers:
            await browser.close()
    return tally


def server_log_errors(logs: list[Path], since: list[int]) -> list[str]:
    """Each traceback (or locked database) a server logged: casemap's last frame and the error."""
    found = []
    for log, offset in zip(logs, since, strict=True):
        text = log.read_text(errors="replace")[offset:]
        for block in re.split(r"(?=Traceback \(most recent call last\))", text)[1:]:
            lines = block.splitlines()
            ours = [line.strip() for line in lines if "/work/" in line and ".venv" not in line]
            error = next(
                (line for line in lines[1:] if re.match(r"^\w[\w.]*(Error|Exception)", line)), ""
            )
            found.append(f"{log.name}: {(ours or ['?'])[-1]} -> {error[:160]}")
        if "database is locked" in text and not found:
            found.append(f"{log.name}: database is locked")
    return found


def run_setup(name: str, folder: Path) -> dict[int, Tally]:
    """Every N against one deployment: its servers started once, fresh cases per N."""
    backend, processes = SETUPS[name]
    with _database(backend, folder) as db:
        kept = Path(os.environ.get("BENCH_LOAD_LOGS") or folder)  # the servers' logs, kept there
        kept.mkdir(parents=True, exist_ok=True)
        logs = [kept / f"{name}-{k}.log" for k in range(processes)]
        ports = [free_port() for _ in range(processes)]
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        servers: list[subprocess.Popen] = []
        results = {}
        try:
            for port, log in zip(ports, logs, strict=True):  # in the try: all stop again
                servers.append(serve("app.py", db, port, log=log))
            for n in NS:
                codes = make_cases(db, n)
                since = [log.stat().st_size for log in logs]
                print(f"   {name}: {n} gebruikers, {SECONDS:.0f} s ...", flush=True)
                tally = asyncio.run(run_users(urls, codes, [s.pid for s in servers]))
                tally.tracebacks += server_log_errors(logs, since)
                check_store(db, tally)
                results[n] = tally
                print("   " + row(name, n, tally), flush=True)
        finally:
            for server in servers:
                stop_process(server)
    return results


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str | Path]:
    if backend == "sqlite":
        yield folder / "load.db"
        return
    with throwaway_postgres() as url:
        yield url


# ------------------------------------------------------------------ the table
def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        if ordered
        else float("nan")
    )


def _ms(values: list[float]) -> str:
    if not values:
        return f"{'-':>13}"
    return f"{statistics.median(values) * 1000:6.0f} {p95(values) * 1000:6.0f}"


HEADER = (
    f"{'deployment':<9} {'N':>3} {'rounds':>6} {'page ms med p95':>15} {'save ms med p95':>15} "
    f"{'export med p95':>15} {'conflicts':>9} {'timeouts':>8} {'traceb.':>7} {'lost':>4} "
    f"{'CPU s app/chromium':>18}"
)


def row(name: str, n: int, t: Tally) -> str:
    return (
        f"{name:<9} {n:>3} {t.rounds:>6} {_ms(t.page):>15} {_ms(t.save):>15} {_ms(t.export):>15} "
        f"{t.conflicts:>9} {t.timeouts:>8} {len(t.tracebacks):>7} {len(t.lost):>4} "
        f"{t.cpu_app:>8.0f} / {t.cpu_browser:<8.0f}"
    )


def main() -> int:
    import psutil

    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; N = {NS}, "
        f"{SECONDS:.0f} s each; deployments {CHOSEN}",
        flush=True,
    )
    others = 0
    for proc in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            others += proc.pid != os.getpid() and "pytest" in " ".join(proc.cmdline()[:3])
    if others:
        print(f"   also running on this machine: {others} test processes", flush=True)
    results: dict[str, dict[int, Tally]] = {}
    skipped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for name in CHOSEN:
            if name not in SETUPS:
                print(f"unknown deployment {name!r}: choose from {', '.join(SETUPS)}")
                return 2
            folder = Path(tmp) / name
            folder.mkdir()
            if SETUPS[name][0] == "pg":
                why = _postgres_missing()
                if why:
                    skipped[name] = why
                    print(f"!! {name} SKIPPED: {why}", flush=True)
                    continue
            results[name] = run_setup(name, folder)
    print()
    print(HEADER)
    bad = False
    for name, by_n in results.items():
        for n, tally in by_n.items():
            print(row(name, n, tally))
            for line in tally.tracebacks[:5] + tally.lost[:5]:
                print(f"      !! {line}")
            for what, count in tally.other.most_common(5):
                print(f"      ({count}x) {what}")
            bad |= bool(tally.tracebacks or tally.lost)
    for name, why in skipped.items():
        print(f"{name:<9} SKIPPED: {why}")
    print()
    for name, by_n in results.items():
        # a run in which no page run finished at all is past any target too
        over = [n for n, t in by_n.items() if not t.page or p95(t.page) > PAGE_RUN_TARGET]
        print(
            f"{name}: p95 page run over {PAGE_RUN_TARGET:g} s from N = {over[0]}"
            if over
            else f"{name}: p95 page run under {PAGE_RUN_TARGET:g} s up to N = {max(by_n)}"
        )
    print("FAILED: a traceback or a lost update (above)" if bad else "no traceback, no lost update")
    return 1 if bad else 0


def _postgres_missing() -> str:
    """'' when a throw-away PostgreSQL starts here and the store opens it, else why not."""
    try:
        with throwaway_postgres() as url:
            return postgres_store_works(url)
    except (OSError, RuntimeError, subprocess.SubprocessError) as err:
        return f"PostgreSQL start niet: {err}"


if __name__ == "__main__":
    sys.exit(main())
