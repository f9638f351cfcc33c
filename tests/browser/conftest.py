"""Browser fixtures: the real app (``streamlit run app.py``) in Debian's Chromium.

``app_url`` starts the app once per test session on a free port, on a
temporary database filled with the demo case by ``casemap demo`` (the same
commands ``make run`` uses). ``browser_page`` is a fresh Playwright page that
records every request it makes in ``page.requests_seen``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CASEMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: How long a retrying ``expect`` (and any other wait of a page) waits for its state. A
#: ceiling, not a pause: it returns as soon as the state is there. CI runs the whole suite
#: on 2 busy cores, where a rerun after a save can take longer than Playwright's default
#: of 5 s; the soak (a second full suite beside, load average above 20) saw a netwerkkaart
#: page run pass 20 s. A real failure only takes longer to report.
EXPECT_TIMEOUT_MS = 45_000


@pytest.fixture(autouse=True)
def _patient_expect():
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(db: Path, port: int) -> subprocess.Popen:
    """Fill ``db`` with the demo case and start the app on ``port``; wait until healthy."""
    subprocess.run(
        [sys.executable, "-m", "mapping.cli", "demo", "--if-empty", "--db", str(db)],
        check=True,
        cwd=ROOT,
        env=dict(os.environ, CASEMAP_DB=str(db)),
        capture_output=True,
    )
    return serve("app.py", db, port)


def serve(
    script: str, db: Path, port: int, *extra: str, log: Path | None = None
) -> subprocess.Popen:
    """``streamlit run script`` on ``port`` with ``db``, headless; wait until healthy.

    ``extra`` are more Streamlit options (``--secrets.files PATH`` for team
    mode). The app's output goes to ``log`` (a file beside the database when not
    given): never to a pipe nobody reads, which fills after some 64 KiB of
    warnings and then stops the server in the middle of a test.
    """
    log = log or db.with_name(f"streamlit-{port}.log")
    out = open(log, "ab")  # closed once the child has it
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
            *extra,
        ],
        cwd=ROOT,
        env=dict(os.environ, CASEMAP_DB=str(db)),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    out.close()
    wait_until_answers(f"http://127.0.0.1:{port}/_stcore/health", proc, "streamlit", log)
    return proc


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """``(url, db_path)`` of the running app."""
    db = tmp_path_factory.mktemp("browser") / "casemap.db"
    port = free_port()
    proc = start_app(db, port)
    yield f"http://127.0.0.1:{port}", db
    stop_process(proc)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server[0]


@pytest.fixture(scope="session")
def app_db(app_server):
    return app_server[1]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


#: Where a failed browser test leaves what its page showed (``make soak`` runs for an hour;
#: the screen at the moment of failure says more than the assertion).
FAILURES = Path(os.environ.get("CASEMAP_BROWSER_FAILURES") or tempfile.gettempdir()) / (
    "casemap-browser-failures"
)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = getattr(item, "funcargs", {}).get("browser_page")
    if report.when == "call" and report.failed and page is not None:
        report.sections.append(("what the page showed", keep_what_it_showed(item.name, page)))
    return report


def keep_what_it_showed(name: str, page) -> str:
    """A failed test's screenshot and page text in FAILURES; says where."""
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = FAILURES / f"{time.strftime('%H%M%S')}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}"
    try:
        page.screenshot(path=f"{stem}.png", full_page=True, timeout=10_000)
        text = page.evaluate("() => document.body ? document.body.innerText : ''")
        Path(f"{stem}.txt").write_text(f"{page.url}\n\n{text}", encoding="utf-8")
    except Exception as err:  # the page itself may be what broke: the failure is reported anyway
        return f"no screenshot of the failed page: {err}"
    return f"{stem}.png and {stem}.txt"


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(RUN_WATCH_JS)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    yield page
    context.close()


#: Installed in every page of ``browser_page`` before the app's own scripts: notes
#: when the user last gave input (a capturing listener sees it before any widget
#: does), when a script run last started (the app root's ``data-test-script-state``
#: turning "running" or "rerunRequested") and when that state last changed at all.
RUN_WATCH_JS = """
(() => {
  window.__cmInput = 0;
  window.__cmRunStart = -1;
  window.__cmStateAt = 0;
  for (const type of ['click', 'keydown', 'input', 'change', 'pointerup', 'drop']) {
    window.addEventListener(type, () => { window.__cmInput = performance.now(); }, true);
  }
  new MutationObserver(() => {
    const app = document.querySelector("[data-testid='stApp']");
    const state = app && app.dataset.testScriptState;
    window.__cmStateAt = performance.now();
    if (state === 'running' || state === 'rerunRequested') window.__cmRunStart = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-test-script-state'] });
})();
"""

#: How long after the last input a page without a run counts as settled (ms).
#: Only inputs that make no rerun (typing before Enter, a pan on the map) wait it out.
NO_RERUN_GRACE_MS = 600
#: How long "notRunning" must hold before it counts (ms): a run that ends in
#: ``st.rerun()`` shows "notRunning" for a moment before the next run starts.
QUIET_MS = 250

_SETTLED_JS = """([grace, quiet]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')) return false;
  if (window.__cmInput === undefined) return 'unwatched';  // made without RUN_WATCH_JS
  if (performance.now() - window.__cmStateAt < quiet) return false;
  if (window.__cmInput === 0) return 'first run';  // no input yet: idle after the first run
  if (window.__cmRunStart > window.__cmInput) return 'ran';  // a run answered the input
  return performance.now() - window.__cmInput > grace ? 'no rerun' : false;
}"""


def wait_for_app(page, *, ran: bool = False) -> None:
    """Wait until Streamlit has answered the last input and finished running the script.

    ``ran=True`` is for an input that always makes a run (a form's submit
    button): then only a run that started after it settles the wait, never the
    grace below. A save whose message is the same as the one before ("Actie
    toegevoegd.") cannot be told from it otherwise: on a busy machine the
    click's run may start later than the grace, and the old message is still
    on screen.

    Settled means: the app root's ``data-test-script-state`` is "notRunning", no
    element of an older run is stale, and a run has started since the user's last
    input (click, key, typed text; ``RUN_WATCH_JS`` notes both). That last part is
    needed because a widget's rerun request goes over the websocket while the page
    still says "notRunning" (Streamlit 1.67's ``sendRerunBackMsg`` sets no
    "rerunRequested"; only the server's answer makes the state "running"), so right
    after a click the old run's idle page looks settled. An input that makes no
    rerun at all (typing before Enter, panning the map) cannot be told apart from a
    rerun still on its way: for it alone the page counts as settled
    ``NO_RERUN_GRACE_MS`` after the input. And "notRunning" must have held for
    ``QUIET_MS``: when a run ends in ``st.rerun()`` (opening a case does) the server
    says "not running" and then "running" again, and the page shows "notRunning"
    in between with nothing stale; no element tells that moment from the end (the
    script-finished status "early for rerun" is kept in React state only). A click
    in that moment can be lost: once, a sidebar link clicked right after opening a
    case left the page on the cases page. So two short pauses stay, each only where
    no state tells: ``QUIET_MS`` after a change of the script state, and
    ``NO_RERUN_GRACE_MS`` after an input no run answers. A page made without
    ``RUN_WATCH_JS`` (not from ``browser_page``) keeps the older rule: idle, a
    300 ms grace, idle again.
    With ``CASEMAP_WAIT_LOG=path`` each wait appends the rule that settled it
    ("first run", "ran", "no rerun", "unwatched") to that file.
    """
    page.wait_for_selector("[data-testid='stApp']")
    rules = [EXPECT_TIMEOUT_MS * 10 if ran else NO_RERUN_GRACE_MS, QUIET_MS]
    watched = page.wait_for_function(_SETTLED_JS, arg=rules, timeout=EXPECT_TIMEOUT_MS)
    how = watched.json_value()
    if os.environ.get("CASEMAP_WAIT_LOG"):  # which rule settled each wait, for a count
        with open(os.environ["CASEMAP_WAIT_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{how}\n")
    if how == "unwatched":
        page.wait_for_timeout(300)  # no watcher on this page: see the docstring
        page.wait_for_function(
            _SETTLED_JS.replace("return 'unwatched';", "return true;"),
            arg=rules,
            timeout=EXPECT_TIMEOUT_MS,
        )


# ---------------------------------------------------------------- team mode
# A real OpenID Connect provider (oidc-provider-mock) and the app in team mode,
# each in its own process on 127.0.0.1: the browser signs in through the
# provider's authorize page and Streamlit's /oauth2callback, as at an organisation.


def _tail(proc: subprocess.Popen, log: Path | None) -> str:
    if log is not None:
        return log.read_text(errors="replace")[-2000:]
    return proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""


def wait_until_answers(
    url: str, proc: subprocess.Popen, what: str, log: Path | None = None
) -> None:
    """Wait (60 s at most) until ``url`` answers 200; fail with the end of its output otherwise."""
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} stopped: {_tail(proc, log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    stop_process(proc)
    raise RuntimeError(f"{what} did not answer within 60 s: {_tail(proc, log) if log else ''}")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate one process this suite started, and reap it."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def start_oidc_provider(port: int, log: Path) -> subprocess.Popen:
    """oidc-provider-mock on 127.0.0.1:``port`` (any client id and secret are accepted)."""
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "oidc_provider_mock",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_until_answers(
        f"http://127.0.0.1:{port}/.well-known/openid-configuration", proc, "the OIDC provider", log
    )
    return proc


def provider_user(provider_url: str, sub: str, claims: dict) -> None:
    """Give the provider's account ``sub`` these claims (PUT /users/<sub>)."""
    import json
    from urllib.parse import quote

    request = urllib.request.Request(
        f"{provider_url}/users/{quote(sub, safe='')}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204, answer.status


def write_team_secrets(path: Path, app_port: int, metadata_url: str) -> Path:
    """A secrets.toml that switches team mode on, with the provider's sign-in."""
    import secrets as random

    path.write_text(
        "[casemap]\n"
        'mode = "team"\n'
        'unencrypted_reason = "testdatabase in een tijdelijke map"\n\n'
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{random.token_urlsafe(48)}"\n'
        'client_id = "casemap-browser-test"\n'
        f'client_secret = "{random.token_urlsafe(24)}"\n'
        f'server_metadata_url = "{metadata_url}"\n',
        encoding="utf-8",
    )
    return path


def serve_team(db: Path, port: int, secrets_file: Path, log: Path) -> subprocess.Popen:
    """``streamlit run app.py`` in team mode (``--secrets.files``) on ``port`` with ``db``."""
    return serve("app.py", db, port, "--secrets.files", str(secrets_file), log=log)
