"""A system from the team's sociale kaart in the real app: pick it on the Ecogram page, see it on
the map with the kaart's details in its tooltip and, once chosen, under the map.

The app runs on a database of its own (the demo case and the demo kaart), so the
other browser tests see the pages as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mapping.services import sociale_kaart
from mapping.storage.store import Store
from tests.browser.conftest import ROOT, free_port, start_app, stop_process, wait_for_app
from tests.browser.test_canvas import go, wait_for_canvas
from tests.browser.test_ecogram import keyed, symbol_centre
from tests.browser.test_kitchen_table import choose

pytestmark = pytest.mark.browser

KAART_CSV = ROOT / "data" / "sociale-kaart.csv"
SHOTS = Path("/tmp/shots")
HUMANITAS = "Humanitas Thuisadministratie"


@pytest.fixture(scope="module")
def kaart_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("eco_kaart") / "casemap.db"
    proc = start_app(db, port := free_port())
    with Store(db) as store:
        if not sociale_kaart.organisations(store):
            sociale_kaart.import_csv(store, KAART_CSV.read_bytes(), author="test")
    yield f"http://127.0.0.1:{port}", db
    stop_process(proc)


def test_add_a_system_from_the_kaart_and_see_its_details(kaart_app, browser_page):
    url, db = kaart_app
    page = browser_page
    with Store(db) as store:
        demo = store.get_case("DEMO-001")
        org = next(o for o in sociale_kaart.organisations(store) if o.name == HUMANITAS)
    page.goto(url)
    wait_for_app(page)
    keyed(page, f"open_{demo.id}").locator("button").click()
    wait_for_app(page)
    go(page, "Ecogram")
    wait_for_canvas(page)

    # the kind first, then the kaart's list (searchable: typing narrows it)
    choose(page, "eco_new_kind", "schuldhulpverlening")
    picker = page.locator(".st-key-eco_new_kaart input[role=combobox]")
    picker.click()
    picker.fill("human")
    option = page.get_by_role("option", name=f"{HUMANITAS} (schuldhulpverlening)", exact=False)
    option.first.click()
    wait_for_app(page)
    # its name is filled in; the system is added linked to the kaart
    expect(keyed(page, "eco_new_name").locator("input")).to_have_value(HUMANITAS)
    keyed(page, "eco_add").locator("button").click()
    wait_for_app(page)
    expect(
        page.get_by_text(f"Systeem '{HUMANITAS}' toegevoegd. (gekoppeld aan de sociale kaart)")
    ).to_be_visible()
    with Store(db) as store:
        (system,) = [e for e in store.load(demo.id).entities if e.kaart_id == org.id]

    # on the map, with the kaart's details in its tooltip
    symbol = page.locator(f".cm-stage g.symbol[data-entity-id='{system.id}']")
    expect(symbol).to_have_count(1)
    page.mouse.move(*symbol_centre(page, system.id))
    tooltip = page.locator(".cm-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(f"Aanbod: {org.offer}")
    expect(tooltip).to_contain_text(
        f"Wachttijd: {org.waiting_weeks} weken (gecontroleerd op {'-'.join(reversed(org.checked_on.split('-')))})"
    )
    # the whole box inside the map and not squeezed into a column near its edge
    tip, stage = tooltip.bounding_box(), page.locator(".cm-stage").first.bounding_box()
    assert tip["width"] >= 250
    assert stage["x"] <= tip["x"] and tip["x"] + tip["width"] <= stage["x"] + stage["width"] + 1

    # chosen on the map: the kaart's details under it
    page.mouse.click(*symbol_centre(page, system.id))
    details = keyed(page, "eco_kaart_details")
    expect(details).to_contain_text("Op de sociale kaart")
    expect(details).to_contain_text(f"Hoe verwijzen: {org.how_to_refer}")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    SHOTS.mkdir(exist_ok=True)
    details.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "ecogram_kaart_details.png"), full_page=False)
    page.mouse.move(*symbol_centre(page, system.id))
    page.screenshot(path=str(SHOTS / "ecogram_kaart_tip.png"), full_page=False)
