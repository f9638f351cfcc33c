"""Team mode in the real app, signed in through a real OpenID Connect provider.

oidc-provider-mock runs in its own process; the app runs in team mode
(``[casemap] mode = "team"`` and ``[auth]`` in a secrets.toml passed with
``--secrets.files``) on its own database. Users and teams are registered with
the ``casemap`` command line before the app starts, as a beheerder would. The
browser signs in as a person does: the "Aanmelden" button, the provider's
authorize page, Streamlit's ``/oauth2callback``; nothing patches ``st.user``.

The provider's accounts have opaque subjects (``sub-a1``) and an ``email``
claim, so the first sign-in binds the subject to the registered address.

Team A works with the policy "eigen": only the owner (a1), whom a case is
shared with, and the teamleider open a case. b1 and b2 are in team B.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mapping.access import log, users
from mapping.access.guard import GuardedStore, Principal
from mapping.storage.store import Store
from tests.browser.conftest import (
    ROOT,
    RUN_WATCH_JS,
    free_port,
    provider_user,
    serve_team,
    start_oidc_provider,
    stop_process,
    wait_for_app,
    write_team_secrets,
)
from tests.browser.test_canvas import go

pytestmark = pytest.mark.browser

#: How long a state may take to appear (CI has two busy cores, sign-in is three redirects).
WAIT = 30_000

CODE = "WT-TEAM-001"
TITLE = "Gezin Teamtest"
A1, A2, TL, B1, B2 = (
    "a1@wijkteam-a.test",
    "a2@wijkteam-a.test",
    "tl@wijkteam-a.test",
    "b1@wijkteam-b.test",
    "b2@wijkteam-b.test",
)
UNKNOWN = "c.onbekend@wijkteam-c.test"
#: The provider's subject of each account (opaque, as at a real provider).
SUBJECT = {A1: "sub-a1", A2: "sub-a2", TL: "sub-tl", B1: "sub-b1", B2: "sub-b2", UNKNOWN: "sub-c9"}

REFUSED_CASE = "Deze casus bestaat niet of u heeft er geen toegang toe."
NOT_REGISTERED = "maar u bent niet geregistreerd in casemap"
DISABLED = "Uw account in casemap is uitgeschakeld"
UNREACHABLE = "De inlogdienst van uw organisatie is nu niet bereikbaar"


@dataclass
class Team:
    """The running team-mode app and its provider."""

    url: str
    db: Path
    provider: str
    app_log: Path


def casemap(*args: str, db: Path) -> str:
    """Run the ``casemap`` command line on ``db`` (the server's operator); its output."""
    done = subprocess.run(
        [sys.executable, "-m", "mapping.cli", *args, "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """Provider, registered users, a1's case, and the app in team mode."""
    tmp = tmp_path_factory.mktemp("team")
    db = tmp / "casemap.db"
    casemap("team", "add", "Team A", "--policy", "eigen", db=db)
    casemap("team", "add", "Team B", "--policy", "team", db=db)
    for email, name, role, team_name in [
        (A1, "Anna Een", "casemanager", "Team A"),
        (A2, "Aad Twee", "casemanager", "Team A"),
        (TL, "Tineke Leider", "teamleider", "Team A"),
        (B1, "Bert Een", "casemanager", "Team B"),
        (B2, "Bea Twee", "casemanager", "Team B"),
    ]:
        casemap("user", "add", email, "--name", name, "--role", role, "--team", team_name, db=db)
    # a1's case, created as a1 (the owner; team A is its team)
    with GuardedStore(db, Principal.command_line()) as store:
        store.principal = Principal.of(store.db, users.find_user(store.db, email=A1), "setup")
        store.create_case(CODE, TITLE)

    provider_port, app_port = free_port(), free_port()
    provider_log, app_log = tmp / "provider.log", tmp / "app.log"
    provider = start_oidc_provider(provider_port, provider_log)
    provider_url = f"http://127.0.0.1:{provider_port}"
    app = None
    try:
        for email, sub in SUBJECT.items():
            claims = {"email": email, "name": email.split("@")[0]}
            if email == A1:
                claims["amr"] = ["pwd", "mfa"]  # two-factor, as the provider reports it
            provider_user(provider_url, sub, claims)
        secrets_file = write_team_secrets(
            tmp / "secrets.toml", app_port, f"{provider_url}/.well-known/openid-configuration"
        )
        app = serve_team(db, app_port, secrets_file, app_log)
        yield Team(f"http://127.0.0.1:{app_port}", db, provider_url, app_log)
    finally:
        if app is not None:
            stop_process(app)
        stop_process(provider)


@pytest.fixture
def new_page(browser) -> Callable[[], Page]:
    """Fresh browser windows (each its own cookies, so its own sign-in) at 1366x768.

    The provider's pages load a stylesheet from a CDN: without internet it is
    refused at once instead of waiting for a timeout.
    """
    contexts = []

    def make() -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_init_script(RUN_WATCH_JS)  # wait_for_app sees the rerun a click asks for
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        return page

    yield make
    for context in contexts:
        context.close()


# ---------------------------------------------------------------- helpers
def sign_in(page: Page, team: Team, email: str = "", *, sub: str = "") -> None:
    """Through the front door: Aanmelden, the provider's authorize page, back to the app.

    As the provider account of ``email`` (see SUBJECT), or the account ``sub``.
    """
    page.goto(team.url)
    wait_for_app(page)  # a click in the page's first run can be lost
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{team.provider}/oauth2/authorize**")
    page.locator("input[name='sub']").fill(sub or SUBJECT[email])
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{team.url}/**")


def signed_in_as(page: Page, email: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    # md_escape puts an invisible word joiner after the '@' (no automatic mail link)
    user, domain = email.split("@")
    expect(sidebar.get_by_text("Aangemeld als")).to_contain_text(user, timeout=WAIT)
    expect(sidebar.get_by_text("Aangemeld als")).to_contain_text(domain, timeout=WAIT)


def sign_out(page: Page, team: Team) -> None:
    """Afmelden; the provider asks to end its session too (RP-initiated logout)."""
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Afmelden").click()
    end_session = page.get_by_role("button", name="End session")
    aanmelden = page.get_by_role("button", name="Aanmelden")
    expect(end_session.or_(aanmelden)).to_be_visible(timeout=WAIT)
    if end_session.is_visible():
        end_session.click()
    page.wait_for_url(f"{team.url}/**")


def log_lines(db: Path, **where) -> list[log.Line]:
    with Store(db) as store:
        return log.lines(store.db, **where)


def eventually(check: Callable[[], object], what: str, timeout: float = WAIT / 1000) -> object:
    """``check()`` once it is truthy (the app writes log lines while the browser waits)."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"never true within {timeout} s: {what}")
        time.sleep(0.2)


def case_id(db: Path) -> str:
    with Store(db) as store:
        return store.get_case(CODE).id


def no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Traceback", use_inner_text=True)


# ---------------------------------------------------------------- the tests
def test_owner_signs_in_sees_and_opens_the_case_and_it_is_logged(team, new_page):
    page = new_page()
    sign_in(page, team, A1)
    signed_in_as(page, A1)
    main = page.get_by_test_id("stMain")
    row = main.get_by_test_id("stHorizontalBlock").filter(has_text=CODE)
    expect(row).to_contain_text(TITLE, timeout=WAIT)
    # the list is drawn before the run that draws it ends: a click in that run was lost (soak)
    wait_for_app(page)
    row.get_by_role("button", name="Openen").click()
    expect(main.get_by_text(f"Geopende casus: {CODE}")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(re.compile(rf"{CODE} · {TITLE}")).first).to_be_visible()
    no_exception(page)

    found = eventually(
        lambda: [
            line
            for line in log_lines(team.db, case_id=case_id(team.db))
            if line.user == A1 and line.action == "bekijken" and line.outcome == "ok"
        ],
        "a 'bekijken' line for a1",
    )
    assert found[0].case_code == CODE
    assert found[0].role == "casemanager"
    assert "grond: eigenaar" in found[0].detail
    sign_ins = [line for line in log_lines(team.db, user=A1) if line.action == "aanmelden"]
    assert sign_ins and sign_ins[0].outcome == "ok"
    assert sign_ins[0].detail == "rol casemanager; methode: pwd+mfa"  # the provider's amr
    assert sign_ins[0].session == found[0].session  # the same browser session
    audit = casemap("audit", CODE, db=team.db)
    assert re.search(rf"{re.escape(A1)}\s+casemanager\s+{CODE}\s+bekijken", audit), audit
    assert "Toegangslog in orde" in casemap("audit", "verify", db=team.db)

    # the page a client's question is answered from, as the owner sees it
    page.goto(f"{team.url}/access?casus={CODE}")
    expect(page.get_by_text("Wie heeft dit dossier ingezien")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(re.compile(rf"\d+ regels voor {CODE}"))).to_be_visible()
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    wait_for_app(page)
    no_exception(page)
    page.screenshot(path="/tmp/access-log-view.png")


def test_other_team_neither_lists_nor_opens_the_case(team, new_page):
    page = new_page()
    sign_in(page, team, B1)
    signed_in_as(page, B1)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Casussen")).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(main.get_by_text(CODE)).to_have_count(0)
    expect(main.get_by_text(TITLE)).to_have_count(0)

    # a link with the case's code: the same words as for a case that does not exist
    page.goto(f"{team.url}/?casus={CODE}")
    expect(page.get_by_text(REFUSED_CASE)).to_be_visible(timeout=WAIT)
    signed_in_as(page, B1)
    wait_for_app(page)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    expect(main.get_by_text("Geopende casus")).to_have_count(0)
    expect(page.get_by_text("Geen casus geopend.")).to_be_visible()
    expect(page).not_to_have_url(re.compile("casus="))  # the refused code leaves the address
    no_exception(page)

    refused = eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=B1)
            if line.case_code == CODE and line.outcome == "geweigerd"
        ],
        "a refused line for b1",
    )
    assert refused[0].action == "bekijken"
    assert refused[0].detail == "geen recht"
    assert not [
        line
        for line in log_lines(team.db, user=B1)
        if line.case_code == CODE and line.outcome == "ok"
    ]


def test_noodtoegang_opens_the_case_is_logged_and_shown_to_owner_and_teamleider(team, new_page):
    reason = "Crisismelding van de politie; eigenaar onbereikbaar tot maandag"
    page = new_page()
    sign_in(page, team, B2)
    signed_in_as(page, B2)
    page.goto(f"{team.url}/access")
    expect(page.get_by_role("heading", name="Noodtoegang", exact=True)).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    form = page.get_by_test_id("stForm")
    form.get_by_role("textbox", name="Casuscode").fill(CODE)
    form.get_by_role("textbox", name="Reden").fill(reason)
    form.get_by_role("button", name="Noodtoegang gebruiken").click()
    expect(page.get_by_text(f"Noodtoegang vastgelegd. Casus {CODE} is geopend.")).to_be_visible(
        timeout=WAIT
    )
    no_exception(page)
    # the case is open: its page shows it, and the list names it
    go(page, "Casussen")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(f"Geopende casus: {CODE}")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(TITLE).first).to_be_visible()

    line = eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=B2)
            if line.action == "noodtoegang" and line.case_code == CODE
        ],
        "a noodtoegang line for b2",
    )[0]
    assert line.outcome == "ok"
    assert reason in line.detail
    assert eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=B2)
            if line.action == "bekijken" and "grond: noodtoegang" in line.detail
        ],
        "b2's view on the ground of noodtoegang",
    )

    # the owner and the teamleider of team A see who used it, and why
    for who in (A1, TL):
        page = new_page()
        sign_in(page, team, who)
        signed_in_as(page, who)
        page.goto(f"{team.url}/access")
        heading = page.get_by_role("heading", name="Noodtoegang tot uw casussen en uw team")
        expect(heading).to_be_visible(timeout=WAIT)
        # the grid draws on a canvas; its cells are also in an accessible table inside it
        grid = page.get_by_test_id("stDataFrame").last.locator("table[role='grid']")
        row = grid.locator("tr", has_text=CODE)
        expect(row).to_have_count(1, timeout=WAIT)
        expect(row.locator("td[role='gridcell']", has_text=B2)).to_have_count(1)
        expect(row.locator("td[role='gridcell']", has_text=reason)).to_have_count(1)
        no_exception(page)


def test_a_disabled_user_is_stopped_at_the_next_click(team, new_page):
    page = new_page()
    sign_in(page, team, A2)
    signed_in_as(page, A2)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Casussen")).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(main.get_by_text(CODE)).to_have_count(0)  # team A's policy is "eigen": not a2's case

    casemap("user", "disable", A2, db=team.db)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Genogram").click()
    expect(page.get_by_text(DISABLED)).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(main.get_by_role("heading", name="Casussen")).to_have_count(0)
    expect(main.get_by_role("heading", name="Genogram")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Aangemeld als")).to_have_count(0)
    no_exception(page)
    # no menu stays behind: there is no page to go to
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(main.get_by_text(TITLE)).to_have_count(0)
    # a new tab (a new session) with the same sign-in cookie is stopped too
    page.goto(f"{team.url}/?casus={CODE}")
    expect(page.get_by_text(DISABLED)).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)

    refused = eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=A2)
            if line.action == "aanmelden geweigerd" and line.detail == "account uitgeschakeld"
        ],
        "a refused sign-in for the disabled a2",
    )
    assert refused[0].outcome == "geweigerd"


def test_sign_out_ends_access(team, new_page):
    page = new_page()
    sign_in(page, team, A1)
    signed_in_as(page, A1)
    page.goto(f"{team.url}/?casus={CODE}")
    expect(page.get_by_text(re.compile(rf"{CODE} · {TITLE}")).first).to_be_visible(timeout=WAIT)
    wait_for_app(page)

    sign_out(page, team)
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible(timeout=WAIT)
    cookies = [c["name"] for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    assert not cookies, cookies
    assert eventually(
        lambda: [line for line in log_lines(team.db, user=A1) if line.action == "afmelden"],
        "an 'afmelden' line for a1",
    )

    # the link to the case now leads to the sign-in page, nothing of the case
    page.goto(f"{team.url}/?casus={CODE}")
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    expect(page.get_by_text(CODE)).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Aangemeld als")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    no_exception(page)


def test_an_unregistered_user_is_refused_and_logged(team, new_page):
    page = new_page()
    sign_in(page, team, UNKNOWN)
    expect(page.get_by_text(NOT_REGISTERED)).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Aangemeld als")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_role("heading", name="Casussen")).to_have_count(0)
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    no_exception(page)
    refused = eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=UNKNOWN)
            if line.action == "aanmelden geweigerd"
        ],
        "a refused sign-in for the unknown user",
    )
    assert refused[0].outcome == "geweigerd"
    assert refused[0].detail == "niet geregistreerd"
    assert refused[0].role == "onbekend"
    with Store(team.db) as store:  # signing in at the provider registers nobody
        assert users.find_user(store.db, email=UNKNOWN) is None
        assert users.find_user(store.db, subject=SUBJECT[UNKNOWN]) is None


def test_another_provider_account_with_a_bound_address_is_refused(team, new_page):
    """Once a1 signed in, their address is theirs: another account claiming it stays out."""
    page = new_page()
    sign_in(page, team, A1)
    signed_in_as(page, A1)
    with Store(team.db) as store:
        assert users.find_user(store.db, email=A1).subject == SUBJECT[A1]
    provider_user(team.provider, "sub-impostor", {"email": A1, "name": "a1"})
    page = new_page()
    sign_in(page, team, sub="sub-impostor")
    expect(page.get_by_text(NOT_REGISTERED)).to_be_visible(timeout=WAIT)
    wait_for_app(page)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Aangemeld als")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    assert eventually(
        lambda: [
            line
            for line in log_lines(team.db, user=A1)
            if line.action == "aanmelden geweigerd"
            and line.outcome == "geweigerd"
            and line.detail == "e-mailadres hoort bij een ander account (sub sub-impostor)"
        ],
        "a refused sign-in under a1's address, naming the account that tried",
    )
    with Store(team.db) as store:  # a1 keeps their own account
        assert users.find_user(store.db, email=A1).subject == SUBJECT[A1]


def test_provider_down_gives_the_message_not_a_traceback(new_page, tmp_path):
    """The provider of a second app stops: its sign-in page says so, in Dutch."""
    db = tmp_path / "casemap.db"
    casemap("team", "add", "Team A", db=db)
    casemap("user", "add", A1, "--team", "Team A", db=db)
    provider_port, app_port = free_port(), free_port()
    provider = start_oidc_provider(provider_port, tmp_path / "provider.log")
    metadata = f"http://127.0.0.1:{provider_port}/.well-known/openid-configuration"
    secrets_file = write_team_secrets(tmp_path / "secrets.toml", app_port, metadata)
    app_log = tmp_path / "app.log"
    app = serve_team(db, app_port, secrets_file, app_log)
    url = f"http://127.0.0.1:{app_port}"
    try:
        page = new_page()
        page.goto(url)
        expect(page.get_by_role("button", name="Aanmelden")).to_be_visible(timeout=WAIT)
        wait_for_app(page)

        stop_process(provider)  # the organisation's sign-in goes down
        # the button knew the provider a moment ago: clicking it now says it is down
        page.get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_text(UNREACHABLE)).to_be_visible(timeout=WAIT)
        wait_for_app(page)
        assert page.url.startswith(url)
        expect(page.get_by_role("button", name="Aanmelden")).to_have_count(0)
        no_exception(page)
        # a new visit is told the same, without a button that cannot work
        page = new_page()
        page.goto(f"{url}/?casus={CODE}")
        expect(page.get_by_text(UNREACHABLE)).to_be_visible(timeout=WAIT)
        wait_for_app(page)
        expect(page.get_by_role("button", name="Aanmelden")).to_have_count(0)
        no_exception(page)
        assert "Traceback" not in app_log.read_text(errors="replace")
        refused = eventually(
            lambda: [
                line
                for line in log_lines(db)
                if line.action == "aanmelden geweigerd"
                and line.detail == "inlogdienst niet bereikbaar"
            ],
            "a refused line for the unreachable provider",
        )
        assert refused[0].outcome == "geweigerd"
    finally:
        stop_process(app)
        stop_process(provider)
