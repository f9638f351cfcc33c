"""Undo/redo of map changes (#15.5) and the keyboard on the canvas (#15.6), in Chromium.

Each test works on a copy of the demo case of its own (code UNDO-QA), so the
shared demo case of the other browser tests stays as it was; states are
compared through the store: the codec dump of the whole case, positions,
balance and plan included.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import Lens
from mapping.formats.exchange import dump_case
from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import canvas, go, open_case, settled_after, tab, wait_for_canvas

pytestmark = pytest.mark.browser

CODE = "UNDO-QA"


@pytest.fixture
def own_case(app_db):
    data = demo_case()
    data.case = dataclasses.replace(data.case, code=CODE)
    with Store(app_db) as store:
        case = store.import_case(data)
    yield case
    with Store(app_db) as store:
        store.delete_case(case.id)


def content(db, case_id: str) -> dict:
    """The case as the codec dumps it, without the revision (every undo is a new one)."""
    with Store(db) as store:
        document = json.loads(dump_case(store.load(case_id)))
    document["case"].pop("revision")
    return document


def button(page, act: str):
    return canvas(page).locator(f"button[data-act='{act}']")


def stage(page):
    return canvas(page).locator(".cm-stage")


def next_revision(page, action) -> None:
    """Run ``action``; wait until the canvas shows a newer revision and Streamlit is idle."""
    before = settled_after(page, action)  # not strict: a stale map may stand beside it
    expect(canvas(page)).to_have_count(1)
    expect(canvas(page)).not_to_have_attribute("data-revision", before or "")


def test_add_a_person_then_undo_and_redo(app_url, app_db, browser_page, own_case):
    page = browser_page
    open_case(page, app_url, CODE)
    go(page, "Genogram")
    wait_for_canvas(page)
    expect(button(page, "undo")).to_be_disabled()
    expect(button(page, "redo")).to_be_disabled()
    before = content(app_db, own_case.id)
    button(page, "zoom-out").click()  # the user's own view, kept through what follows
    expect(canvas(page)).to_have_attribute("data-view", "custom")
    view = canvas(page).locator(".cm-stage > svg").get_attribute("viewBox")

    tab(page, "Persoon toevoegen")
    page.locator('input[aria-label="Naam"]:visible').first.fill("Jan Terug")
    next_revision(page, lambda: page.get_by_role("button", name="Persoon toevoegen").first.click())
    jan = page.locator(".cm-stage g.symbol", has_text="Jan Terug")
    expect(jan).to_have_count(1)
    expect(button(page, "undo")).to_be_enabled()
    expect(button(page, "undo")).to_have_attribute(
        "title", "Ongedaan maken: persoon toegevoegd: Jan Terug"
    )
    added = content(app_db, own_case.id)
    assert "Jan Terug" in {e["name"] for e in added["entities"]}
    # the save's message above the map makes Streamlit mount the canvas anew: same view
    expect(canvas(page)).to_have_attribute("data-view", "custom")
    assert canvas(page).locator(".cm-stage > svg").get_attribute("viewBox") == view

    next_revision(page, lambda: button(page, "undo").click())
    expect(jan).to_have_count(0)
    assert content(app_db, own_case.id) == before  # exactly as it was
    expect(button(page, "undo")).to_be_disabled()
    expect(button(page, "redo")).to_have_attribute(
        "title", "Opnieuw: persoon toegevoegd: Jan Terug"
    )

    # redo from the keyboard: Ctrl+Y with the focus on the map
    stage(page).focus()
    next_revision(page, lambda: page.keyboard.press("Control+y"))
    expect(jan).to_have_count(1)
    assert content(app_db, own_case.id) == added
    expect(button(page, "redo")).to_be_disabled()
    with Store(app_db) as store:
        lines = [c.summary for c in store.history(own_case.id, limit=3)]
    assert lines == [
        "opnieuw: persoon toegevoegd: Jan Terug",
        "ongedaan gemaakt: persoon toegevoegd: Jan Terug",
        "persoon toegevoegd: Jan Terug",
    ]

    # a colleague changes the case: the undo is refused in Dutch and overwrites nothing
    with Store(app_db) as colleague:
        riet = colleague.load(own_case.id).entity("riet")
        colleague.save(own_case.id, dataclasses.replace(riet, name="Oma Riet"))
    theirs = content(app_db, own_case.id)
    button(page, "undo").click()
    wait_for_app(page)
    expect(page.get_by_text("een collega heeft deze casus intussen gewijzigd")).to_be_visible()
    page.screenshot(path="/tmp/undo_refused.png")
    assert content(app_db, own_case.id) == theirs
    expect(button(page, "undo")).to_be_disabled()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_the_keyboard_chooses_moves_and_opens_a_symbol(app_url, app_db, browser_page, own_case):
    page = browser_page
    open_case(page, app_url, CODE)
    go(page, "Genogram")
    wait_for_canvas(page)
    before = content(app_db, own_case.id)
    tool = canvas(page)
    the_stage = stage(page)
    expect(the_stage).to_have_attribute("tabindex", "0")
    expect(the_stage).to_have_attribute("aria-label", re.compile("^Kaart. Kies met N of P"))

    # Tab from the toolbar reaches the map (the legend button may come first)
    button(page, "badges").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if the_stage.evaluate("e => e.matches(':focus')"):
            break
    expect(the_stage).to_be_focused()
    expect(tool.locator(".cm-keys")).to_be_visible()  # the keys, named while they are in use

    # N chooses the first symbol in reading order, N again the next, P back
    order = page.eval_on_selector_all(
        ".cm-stage g.symbol.pickable",
        """els => els.map(g => [parseFloat(g.getAttribute('data-y')), parseFloat(g.getAttribute('data-x')),
                              g.getAttribute('data-entity-id')])
                   .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(t => t[2])""",
    )
    page.keyboard.press("n")
    expect(tool).to_have_attribute("data-current", order[0])
    page.keyboard.press("n")
    expect(tool).to_have_attribute("data-current", order[1])
    with Store(app_db) as store:
        name = store.load(own_case.id).entity(order[1]).name
    expect(tool.locator(".cm-announce")).to_contain_text(f"{name} gekozen (2 van {len(order)})")
    expect(tool.locator(f"g.symbol[data-entity-id='{order[1]}'] rect.cm-ring")).to_have_count(1)
    page.keyboard.press("p")
    expect(tool).to_have_attribute("data-current", order[0])
    page.keyboard.press("n")
    target = order[1]

    # arrows move it (Shift: five times as far), stored as one move once the keys rest
    symbol = tool.locator(f"g.symbol[data-entity-id='{target}']")
    x0, y0 = float(symbol.get_attribute("data-x")), float(symbol.get_attribute("data-y"))

    def arrows() -> None:
        for key in ("ArrowRight", "ArrowRight", "ArrowRight", "Shift+ArrowDown"):
            page.keyboard.press(key)

    next_revision(page, arrows)
    with Store(app_db) as store:
        stored = store.load(own_case.id).positions_for(Lens.GENOGRAM)
    assert stored[target] == pytest.approx((x0 + 30, y0 + 50), abs=0.11)
    expect(button(page, "undo")).to_have_attribute(
        "title", f"Ongedaan maken: positie vastgelegd: {name} (Genogram)"
    )
    # the map kept the focus and the choice through the rerun: Ctrl+Z undoes the move
    expect(the_stage).to_be_focused()
    expect(tool).to_have_attribute("data-current", target)
    next_revision(page, lambda: page.keyboard.press("Control+z"))
    assert content(app_db, own_case.id) == before

    # Enter opens its details, as a click does; Escape lets go
    the_stage.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.locator("h3", has_text=name)).to_be_visible()
    page.screenshot(path="/tmp/undo_keyboard_details.png")
    the_stage.focus()
    page.keyboard.press("Escape")
    expect(page.locator("h3", has_text=name)).to_have_count(0)
    expect(tool).not_to_have_attribute("data-current", target)
