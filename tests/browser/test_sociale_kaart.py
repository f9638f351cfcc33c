"""The sociale kaart in the real app: import the demo kaart's CSV, find an organisation
in the table, change its waiting time, and look at the page at 1366x768.

The app runs on a database of its own (the demo case, an empty kaart), so the import
always adds all 42 organisations whatever other browser tests did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mapping.services import sociale_kaart as sk
from mapping.storage.store import Store
from tests.browser.conftest import (
    EXPECT_TIMEOUT_MS,
    ROOT,
    RUN_WATCH_JS,
    free_port,
    start_app,
    stop_process,
    wait_for_app,
)
from tests.browser.test_canvas import go, tab

pytestmark = pytest.mark.browser

DEMO_CSV = ROOT / "data" / "sociale-kaart.csv"
SHOTS = Path("/tmp/shots")


@pytest.fixture(scope="module")
def kaart_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("kaart") / "casemap.db"
    proc = start_app(db, port := free_port())
    with Store(db) as store:  # `casemap demo` filled the kaart; this team starts without one
        store._execute("DELETE FROM sociale_kaart")
    yield f"http://127.0.0.1:{port}", db
    stop_process(proc)


@pytest.fixture
def page_1366(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(RUN_WATCH_JS)
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    yield page
    context.close()


def choose(page, key: str, typed: str, option: str) -> None:
    """Type into the selectbox ``key`` to find ``option`` (a long list shows only part)."""
    box = page.locator(f".st-key-{key} input[role=combobox]")
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)
    expect(box).to_have_value(option)


def test_import_the_kaart_find_one_and_change_it(kaart_app, page_1366):
    url, db = kaart_app
    page = page_1366
    SHOTS.mkdir(exist_ok=True)
    page.goto(url)
    wait_for_app(page)
    go(page, "Sociale kaart")
    expect(page.get_by_text("De sociale kaart is nog leeg")).to_be_visible()

    tab(page, "Importeren en exporteren")
    page.locator("input[type='file']").first.set_input_files(str(DEMO_CSV))
    wait_for_app(page)
    expect(page.get_by_text("42 nieuw, 0 bijgewerkt, 0 ongewijzigd.")).to_be_visible()
    with Store(db) as store:
        assert sk.organisations(store) == []  # the preview stored nothing
    page.screenshot(path=str(SHOTS / "kaart_import_preview.png"))
    page.get_by_role("button", name="Importeren: 42 wijziging(en)").click()
    wait_for_app(page)
    expect(page.get_by_text("Geïmporteerd: 42 nieuw, 0 bijgewerkt, 0 ongewijzigd.")).to_be_visible()
    with Store(db) as store:
        assert len(sk.organisations(store)) == 42

    tab(page, "Organisaties")
    expect(page.get_by_text("42 van 42 organisaties.")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "kaart_table.png"))
    search = page.get_by_label("Zoeken op naam, aanbod of gebied")
    search.fill("schuldhulp")
    search.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 van 42 organisaties.")).to_be_visible()

    choose(page, "kaart_edit_choice", "Schuldhulp", "Schuldhulpverlening Stad")
    form = page.locator(".st-key-kaart_f_schuldhulpverlening-stad_weeks")
    weeks = form.locator("input")
    expect(weeks).to_have_value("9")
    weeks.fill("15")
    page.get_by_role("button", name="Opslaan").click()
    wait_for_app(page)
    expect(page.get_by_text("'Schuldhulpverlening Stad' is gewijzigd.")).to_be_visible()
    with Store(db) as store:
        assert sk.get(store, "schuldhulpverlening-stad").waiting_weeks == 15
    page.screenshot(path=str(SHOTS / "kaart_edit.png"), full_page=True)

    tab(page, "Overzicht")
    page.get_by_role("button", name="Overzicht tonen").click()
    wait_for_app(page)
    expect(page.get_by_text("Over alle casussen in deze database (1).")).to_be_visible()
    page.screenshot(path=str(SHOTS / "kaart_overview.png"))
