"""The ecogram page in the real app: a line drawn on the canvas, then a system selected."""

from __future__ import annotations

import pytest

from mapping.store import Store
from mapping.vocabulary import RelationKind
from tests.browser.conftest import wait_for_app

pytestmark = pytest.mark.browser


def symbol_centre(page, entity_id: str) -> tuple[float, float]:
    page.get_by_test_id("lens-canvas").scroll_into_view_if_needed()
    shape = page.locator(f".cm-stage g.symbol[data-entity-id='{entity_id}'] > *").first
    box = shape.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def keyed(page, key: str):
    return page.locator(f".st-key-{key}")


def test_draw_a_connection_then_select_a_system(app_url, app_db, browser_page):
    page = browser_page
    with Store(app_db) as store:
        demo = store.get_case("DEMO-001")
    page.goto(app_url)
    wait_for_app(page)
    keyed(page, f"open_{demo.id}").locator("button").click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ecogram", exact=True).click()
    wait_for_app(page)
    page.wait_for_selector(".cm-stage svg g.symbol")

    # Verbinden, then Rick and GGZ: the page asks quality, flow and label under the map
    page.get_by_test_id("lens-canvas").locator("button[data-act='connect']").click()
    page.mouse.click(*symbol_centre(page, "rick"))
    page.mouse.click(*symbol_centre(page, "ggz"))
    heading = page.get_by_text("Nieuwe verbinding Rick de Boer – GGZ Midden")
    heading.wait_for()
    label = keyed(page, "eco_pending_label").locator("input")
    label.fill("intake in maart")
    keyed(page, "eco_pending_save").locator("button").click()
    wait_for_app(page)
    page.get_by_text("Verbinding Rick de Boer – GGZ Midden opgeslagen.").wait_for()
    with Store(app_db) as store:
        links = [
            r
            for r in store.load(demo.id).relations
            if r.kind is RelationKind.CONNECTION and {r.source, r.target} == {"rick", "ggz"}
        ]
    assert [(r.source, r.label) for r in links] == [("rick", "intake in maart")]
    assert heading.count() == 0  # the question is gone once answered

    # selecting a system shows what it means for the balance and the plan
    page.mouse.click(*symbol_centre(page, "schuldhulp"))
    panel = page.get_by_text("Balans en plan van deze persoon of dit systeem")
    panel.wait_for()
    panel.click()
    page.get_by_text("Schulden van ongeveer € 12.000 (5)").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path="/tmp/ecogram_select.png")
