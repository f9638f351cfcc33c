"""The genogram page in Chromium: the person panel, a line drawn on the map, a drag.

Runs against ``streamlit run app.py`` on the demo database (see conftest.py)
and checks the database, not only the screen. Screenshots of the page with a
person selected and with the connect form open go to /tmp for a look.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import Lens, RelationKind
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import (
    canvas,
    drag,
    go,
    movable_ids,
    open_case,
    outside_requests,
    select_symbol,
    settled_after,
    symbol_centre,
    wait_for_canvas,
)

pytestmark = pytest.mark.browser


def test_selecting_a_person_shows_the_panel_with_plan_and_removal(app_url, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    wait_for_canvas(page)
    select_symbol(page, "daan", page.locator("h3", has_text="Daan Bakker"))
    page.locator("h3", has_text="Daan Bakker").wait_for(state="visible")
    # the picker beside the map follows the map
    picker = page.locator(".st-key-geno_selected")
    expect(picker.locator("input")).to_have_value("Daan Bakker")
    page.get_by_text("Balans en plan van deze persoon of dit systeem").click()
    page.get_by_text("Factoren in de balans:").first.wait_for(state="visible")
    page.get_by_role("button", name="Verwijderen").first.click()
    page.get_by_text("Daan Bakker verdwijnt uit alle kaarten").wait_for(state="visible")
    page.screenshot(path="/tmp/genogram_selected.png", full_page=False)
    # nothing is removed until the removal is confirmed
    expect(page.get_by_role("button", name="Definitief verwijderen")).to_be_visible()
    assert outside_requests(page, app_url) == []


def test_a_line_drawn_on_the_map_opens_the_form_and_is_saved(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    tool = wait_for_canvas(page)
    assert {"daan", "sara"} <= set(movable_ids(page))
    with Store(app_db) as store:
        before = store.load("DEMO-001")

    def between(data):
        return [
            r
            for r in data.relations
            if r.kind is RelationKind.EMOTIONAL and {r.source, r.target} == {"daan", "sara"}
        ]

    assert not between(before)
    tool.locator("button[data-act='connect']").click()
    page.mouse.click(*symbol_centre(page, "daan"))
    page.mouse.click(*symbol_centre(page, "sara"))
    wait_for_app(page)
    page.locator(".st-key-geno_link_save").wait_for(state="visible")
    page.get_by_text("Nieuwe lijn Daan Bakker – Sara Jansen").wait_for(state="visible")
    page.locator(".st-key-geno_link_kind").get_by_text("Emotionele relatie").click()
    wait_for_app(page)
    page.locator(".st-key-geno_link_note input").fill("samen op voetbal")
    page.screenshot(path="/tmp/genogram_connect.png", full_page=False)
    page.locator(".st-key-geno_link_save button").click()
    wait_for_app(page)
    page.get_by_text("Lijn Daan Bakker – Sara Jansen opgeslagen.").wait_for(state="visible")
    with Store(app_db) as store:
        after = store.load("DEMO-001")
    [line] = between(after)
    assert (line.subtype, line.note) == ("close", "samen op voetbal")
    assert after.case.revision == before.case.revision + 1
    # the new line is on the map
    page.wait_for_selector(f".cm-stage g.line[data-relation-id='{line.id}']")


def test_a_drag_is_stored_and_settles_without_rerunning_the_page(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    wait_for_canvas(page)
    target = "mila"
    assert target in movable_ids(page)
    with Store(app_db) as store:
        case = store.get_case("DEMO-001")
        old = store.load(case.id).positions_for(Lens.GENOGRAM).get(target)
    started = time.perf_counter()
    settled_after(page, lambda: drag(page, target, 30, 10))
    settled = time.perf_counter() - started
    with Store(app_db) as store:
        stored = store.load(case.id).positions_for(Lens.GENOGRAM)
    assert target in stored and stored[target] != old
    expect(canvas(page).locator("button[data-act='undo']")).to_be_enabled()
    print(f"genogram drag stored and settled in {settled * 1000:.0f} ms")
