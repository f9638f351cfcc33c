"""Touch on the lens canvas (#15.3): pan, pinch-zoom, select and drag with fingers.

A 1024 x 768 tablet (Playwright context with has_touch and is_mobile) on the
real app. Fingers are Chromium's own touch input (CDP Input.dispatchTouchEvent,
what page.touchscreen.tap uses too), so the canvas gets the pointer events a
tablet gives, not synthetic ones. The genogram of the demo case opens at
reading scale centred on Sanne (the client); every state is waited for with
expect(), and a drag is checked in the database.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import Lens
from mapping.storage.store import Store
from tests.browser.conftest import EXPECT_TIMEOUT_MS, RUN_WATCH_JS, wait_for_app
from tests.browser.test_canvas import canvas, open_case, settled_after
from tests.browser.test_reading_scale import go_to

pytestmark = pytest.mark.browser

# a point of the stage where a finger lands on the background (no symbol, no line)
BACKGROUND = """root => {
  const s = root.querySelector('.cm-stage').getBoundingClientRect();
  for (let fy = 0.15; fy < 0.9; fy += 0.05) {
    for (let fx = 0.1; fx < 0.9; fx += 0.05) {
      const x = s.left + fx * s.width, y = s.top + fy * s.height;
      if (y > window.innerHeight - 4) continue;
      const el = root.getRootNode().elementFromPoint(x, y);  // the canvas may be in a shadow root
      if (el && el.closest('.cm-stage') && !el.closest('g.symbol, g.line, text')) return [x, y];
    }
  }
  return null;
}"""


@pytest.fixture
def tablet(browser):
    context = browser.new_context(
        viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=True
    )
    context.add_init_script(RUN_WATCH_JS)  # wait_for_app sees the rerun a tap asks for
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    page.fingers = context.new_cdp_session(page)
    yield page
    context.close()


def touch(page, kind: str, *points: tuple[float, float], at: float | None = None) -> None:
    event = {
        "type": kind,
        "touchPoints": [{"x": x, "y": y, "id": n} for n, (x, y) in enumerate(points)],
    }
    if at is not None:
        event["timestamp"] = at
    page.fingers.send("Input.dispatchTouchEvent", event)


def swipe(page, start: list[tuple[float, float]], delta: list[tuple[float, float]]) -> None:
    """Fingers down at ``start``, moved by ``delta`` each in 8 steps of 16 ms, held, lifted.

    The fingers rest 200 ms before they lift, as a hand that pans does: a swipe
    lifted in full speed starts a fling, and Chromium then takes the next tap
    as "stop the fling" instead of a click (on a real tablet too).
    """
    now = time.time()
    touch(page, "touchStart", *start, at=now)
    for k in range(1, 9):
        moved = [
            (x + dx * k / 8, y + dy * k / 8) for (x, y), (dx, dy) in zip(start, delta, strict=True)
        ]
        touch(page, "touchMove", *moved, at=now + 0.016 * k)
    touch(page, "touchMove", *moved, at=now + 0.016 * 8 + 0.2)
    touch(page, "touchEnd", at=now + 0.016 * 8 + 0.21)


def centre_of(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def view_box(page) -> list[float]:
    return [float(v) for v in page.locator(".cm-stage svg").get_attribute("viewBox").split()]


def stored_when(page, app_db, case_id: str, wanted, seconds: float = 20.0) -> dict:
    """The genogram's stored positions once ``wanted(positions)`` holds: the canvas may
    show a move a moment before the store has it, so wait for the state, not a time."""
    deadline = time.monotonic() + seconds
    while True:
        with Store(app_db) as store:
            positions = store.load(case_id).positions_for(Lens.GENOGRAM)
        if wanted(positions):
            return positions
        assert time.monotonic() < deadline, positions
        page.wait_for_timeout(100)  # poll the database again


def test_fingers_pan_pinch_select_and_drag(app_url, app_db, tablet):
    page = tablet
    open_case(page, app_url)
    go_to(page, "Genogram")
    tool = canvas(page)
    expect(tool).to_have_attribute("data-view", "reading")
    tool.scroll_into_view_if_needed()
    client = tool.locator("g.symbol.reading-focus")
    client_id = client.get_attribute("data-entity-id")

    # a tap selects the client: the page's selection shows it
    page.touchscreen.tap(*centre_of(client.locator("> *").first))
    wait_for_app(page)
    expect(tool.locator("g.symbol.selected")).to_have_attribute("data-entity-id", client_id)

    # one finger on the background pans, and the view is the user's own
    before = view_box(page)
    start = tool.evaluate(BACKGROUND)
    assert start, "no background to put a finger on"
    swipe(page, [tuple(start)], [(-80, -50)])
    expect(tool).to_have_attribute("data-view", "custom")
    panned = view_box(page)
    assert panned[0] > before[0] + 20 and panned[2] == pytest.approx(before[2])

    # it survives a rerun that draws the map again ("Grote letters", twice)
    large = tool.locator("button[data-act='large']")
    for pressed in ("true", "false"):
        settled_after(page, large.tap, attr="data-rendered")
        expect(large).to_have_attribute("aria-pressed", pressed)
        assert view_box(page) == pytest.approx(panned, abs=0.01)

    # two fingers moving apart zoom in around them
    x, y = tool.evaluate(BACKGROUND)
    swipe(page, [(x - 30, y), (x + 30, y)], [(-90, 0), (90, 0)])
    zoomed = view_box(page)
    assert zoomed[2] < panned[2] / 1.5, (panned, zoomed)

    # back to reading scale via "Passend" and a fresh rerun; then a finger drags the client
    tool.locator("button[data-act='fit']").tap()
    expect(tool).to_have_attribute("data-view", "fit")
    with Store(app_db) as store:
        case = store.get_case("DEMO-001")
        stored_before = store.load(case.id).positions_for(Lens.GENOGRAM)
    shape = tool.locator(f"g.symbol[data-entity-id='{client_id}'] > *").first
    cx, cy = centre_of(shape)
    settled_after(page, lambda: swipe(page, [(cx, cy)], [(24, 0)]))
    stored = stored_when(
        page,
        app_db,
        case.id,
        lambda p: p.get(client_id) not in (None, stored_before.get(client_id)),
    )
    assert client_id in stored
    # "Ongedaan maken" after a move is checked with the mouse in test_canvas.py; by a tap on
    # CI's busy cores the restored position did not reach the store (left open in #15)
    page.screenshot(path="/tmp/reading_touch_genogram.png")
