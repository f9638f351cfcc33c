"""The lens canvas in the real app: drag on every lens, connect, hide notes, hostile names.

Every test drives Chromium against ``streamlit run app.py`` on a temporary
demo database (fixtures in ``conftest.py``) and checks the database, not
only the screen.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import Lens, RelationKind
from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.browser.conftest import EXPECT_TIMEOUT_MS, wait_for_app

pytestmark = pytest.mark.browser

PAGES = {Lens.GENOGRAM: "Genogram", Lens.ECOGRAM: "Ecogram", Lens.SOCIOGRAM: "Netwerkkaart"}
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(1)</script>"


# ----------------------------------------------------------------- helpers
def open_case(page, app_url: str, code: str = "DEMO-001") -> None:
    page.goto(app_url)
    wait_for_app(page)
    row = page.get_by_test_id("stHorizontalBlock").filter(has_text=code).first
    row.get_by_role("button", name="Openen").click()
    wait_for_app(page)


def go(page, title: str) -> None:
    """Navigate inside the app (same session), like a user clicking the menu.

    On a busy machine a menu click that falls into the run an ``st.rerun()``
    asked for (opening a case ends in one) can be lost, and the page stays
    where it was (soak). The page's address says whether it went; only then is
    the link clicked again, as a user would.
    """
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
    href = (link.get_attribute("href") or "").rstrip("/")
    arrived = re.compile("^" + re.escape(href) + r"/?(\?.*)?$")
    for attempt in range(3):
        link.click()
        wait_for_app(page)
        try:
            expect(page).to_have_url(arrived, timeout=EXPECT_TIMEOUT_MS // 3)
            return
        except AssertionError:
            if attempt == 2:
                raise


#: The map of the run on screen. While a run that interrupted another is still going,
#: Streamlit can show the map of the run before beside it, marked stale (the ghost
#: elements of streamlit/streamlit#8360); strict mode then refused two maps (soaks).
LIVE_CANVAS = (
    "[data-testid='stElementContainer']:not([data-stale='true']) [data-testid='lens-canvas']"
)


def canvas(page):
    """The map on screen, never the stale copy of the run before (see ``LIVE_CANVAS``)."""
    return page.locator(LIVE_CANVAS)


def wait_for_canvas(page):
    page.wait_for_selector(".cm-stage svg g.symbol")
    return canvas(page)


IN_STAGE = """el => {
  const s = el.closest('.cm-stage').getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
  return x > s.left + 2 && x < s.right - 2 && y > s.top + 2 && y < s.bottom - 2;
}"""


def whole_map(page) -> None:
    """Press "Passend": the map opens at reading scale, panned to the client (#15.1)."""
    tool = canvas(page)
    tool.locator("button[data-act='fit']").click()
    expect(tool).to_have_attribute("data-view", "fit")


def symbol_centre(page, entity_id: str) -> tuple[float, float]:
    """Where to click ``entity_id``'s symbol; off the canvas's view, the whole map is shown first."""
    shape = page.locator(f".cm-stage g.symbol[data-entity-id='{entity_id}'] > *").first
    # the canvas is at most the window's height: in view, all of its stage is
    canvas(page).scroll_into_view_if_needed()
    if not shape.evaluate(IN_STAGE):
        whole_map(page)  # as a user would: to reach someone outside the view
        canvas(page).scroll_into_view_if_needed()
    box = shape.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click_until(page, click, shown, timeout_ms: int, tries: int = 3) -> int:
    """``click`` until ``shown(timeout)`` (an ``expect`` of what the click brings) holds;
    one action for the user. Returns the clicks lost.

    On a busy machine a click that falls into a rerun can be lost: the run redraws what
    was clicked and the page never hears of it (soaks). Only once the app is idle and
    ``shown`` still fails is it clicked again, as a user would; at the end ``shown`` is
    asked once more with the full timeout, so its message names what is missing.
    """
    for lost in range(tries):
        wait_for_app(page)
        click()
        wait_for_app(page)
        try:
            shown(timeout_ms)
            return lost
        except AssertionError:
            continue
    shown(None)
    return tries


def select_symbol(page, entity_id: str, shown, centre=symbol_centre) -> int:
    """Click ``entity_id``'s symbol until ``shown`` (what the page shows once its run has
    the selection) is on the page (:func:`click_until`). Returns the clicks lost."""
    return click_until(
        page,
        lambda: page.mouse.click(*centre(page, entity_id)),
        lambda timeout: expect(shown).not_to_have_count(0, timeout=timeout),
        EXPECT_TIMEOUT_MS // 4,
    )


def tab(page, name: str) -> None:
    """Open the tab ``name``: click it until it is selected (:func:`click_until`)."""
    chosen = page.get_by_role("tab", name=name)
    click_until(
        page,
        chosen.click,
        lambda timeout: expect(chosen).to_have_attribute("aria-selected", "true", timeout=timeout),
        5000,
    )


def settled_after(page, action, attr: str = "data-revision") -> str | None:
    """Run ``action``; wait until the canvas shows the next revision (or render) and Streamlit
    is idle. Returns the revision (or render) before."""
    before = canvas(page).get_attribute(attr)
    action()
    page.wait_for_selector(f"{LIVE_CANVAS}:not([{attr}='{before}'])")
    wait_for_app(page)
    return before


def view_box_when(page, holds, what: str) -> list[float]:
    """The map's viewBox once ``holds(box)``: a zoom, pan or fit may draw a frame later."""
    deadline = time.monotonic() + EXPECT_TIMEOUT_MS / 1000
    while True:
        raw = page.locator(".cm-stage svg").get_attribute("viewBox")
        box = [float(v) for v in raw.split()]
        if holds(box):
            return box
        assert time.monotonic() < deadline, f"{what}: viewBox {raw}"
        page.wait_for_timeout(50)  # look at the view again


def stored_when(check, what: str):
    """``check()`` once it is truthy: the store is polled until a deadline, not once."""
    deadline = time.monotonic() + EXPECT_TIMEOUT_MS / 1000
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, what
        time.sleep(0.1)  # ask the database again


def drag(page, entity_id: str, dx: float, dy: float, steps: int = 8) -> None:
    x, y = symbol_centre(page, entity_id)
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, steps + 1):
        page.mouse.move(x + dx * k / steps, y + dy * k / steps)
    page.mouse.up()


def movable_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cm-stage g.symbol.movable", "els => els.map(e => e.getAttribute('data-entity-id'))"
    )


def outside_requests(page, app_url: str) -> list[str]:
    return [
        u
        for u in page.requests_seen
        if not (u.startswith(app_url) or u.startswith("data:") or u.startswith(f"blob:{app_url}"))
    ]


# ----------------------------------------------------------------- tests
@pytest.mark.parametrize("lens", list(PAGES), ids=lambda lens: lens.value)
def test_drag_a_symbol_is_stored_for_that_lens(app_url, app_db, browser_page, lens):
    page = browser_page
    open_case(page, app_url)
    go(page, PAGES[lens])
    wait_for_canvas(page)
    page.screenshot(path=f"/tmp/canvas_{lens.value}.png")
    ids = movable_ids(page)
    assert ids, "no symbol can be dragged"
    with Store(app_db) as store:
        case = store.get_case("DEMO-001")
        view = store.load(case.id).index_person().id if lens is Lens.SOCIOGRAM else ""
        before = store.load(case.id).positions_for(lens, view)
    target = next(i for i in ids if i not in before) if len(ids) > len(before) else ids[0]
    old = float(
        page.locator(f".cm-stage g.symbol[data-entity-id='{target}']").get_attribute("data-x")
    )
    settled_after(page, lambda: drag(page, target, 18, 12))
    with Store(app_db) as store:
        stored = store.load(case.id).positions_for(lens, view)
    assert target in stored, f"{target} not stored for {lens}"
    x, _y = stored[target]
    assert x != pytest.approx(old, abs=1.0)
    # the page was laid out again from the stored position, and undo is offered
    expect(canvas(page).locator("button[data-act='undo']")).to_be_enabled()
    assert outside_requests(page, app_url) == []


def test_undo_puts_the_symbol_back(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    wait_for_canvas(page)
    with Store(app_db) as store:
        case = store.get_case("DEMO-001")
        before = store.load(case.id).positions_for(Lens.GENOGRAM)
    target = movable_ids(page)[0]
    settled_after(page, lambda: drag(page, target, -25, 15))
    with Store(app_db) as store:
        assert store.load(case.id).positions_for(Lens.GENOGRAM) != before
    settled_after(page, lambda: canvas(page).locator("button[data-act='undo']").click())
    with Store(app_db) as store:
        after = store.load(case.id).positions_for(Lens.GENOGRAM)
    if target in before:
        assert after[target] == pytest.approx(before[target])
    else:  # automatic before: back where it was drawn, or no stored position at all
        assert target not in after or after[target] != pytest.approx((0, 0))


def test_connect_two_symbols_creates_a_relation(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Netwerkkaart")
    wait_for_canvas(page)
    with Store(app_db) as store:
        data = store.load("DEMO-001")
    ego = data.index_person().id
    known = {
        frozenset((r.source, r.target))
        for r in data.relations
        if r.kind is RelationKind.ACQUAINTANCE
    }
    members = [i for i in movable_ids(page) if i != ego]
    pair = next(
        (a, b) for a in members for b in members if a < b and frozenset((a, b)) not in known
    )
    tool = canvas(page)
    tool.locator("button[data-act='connect']").click()
    expect(tool.locator(".cm-status")).to_have_text("Kies het eerste symbool.")
    page.mouse.click(*symbol_centre(page, pair[0]))
    expect(tool.locator(".cm-status")).to_have_text("Kies het tweede symbool.")
    page.mouse.click(*symbol_centre(page, pair[1]))
    wait_for_app(page)
    # the page asks what kind of tie: here "kennen elkaar", prefilled with the two picked
    tab(page, "Kennen elkaar")
    add = page.get_by_role("button", name="Kennen elkaar toevoegen")
    expect(add).to_be_visible()  # a tab's content is made once it is opened (#20)
    wait_for_app(page)
    add.click()
    wait_for_app(page)

    def acquaintances_once_stored() -> set[frozenset] | None:
        with Store(app_db) as store:
            after = store.load("DEMO-001")
        new = {
            frozenset((r.source, r.target))
            for r in after.relations
            if r.kind is RelationKind.ACQUAINTANCE
        }
        return new if frozenset(pair) in new else None

    new = stored_when(acquaintances_once_stored, f"{pair} never stored")
    assert frozenset(pair) in new - known


def test_select_and_hide_notes_and_highlight(app_url, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    tool = wait_for_canvas(page)
    notes = page.locator(".cm-stage .note")
    expect(notes.first).to_be_visible()
    settled_after(page, lambda: tool.locator("button[data-act='notes']").click(), "data-rendered")
    expect(notes.first).to_be_hidden()  # gone, or there and hidden
    expect(tool.locator("button[data-act='notes']")).to_have_attribute("aria-pressed", "true")
    # select the client: the page's selection follows, then highlight her ties
    x, y = symbol_centre(page, "sanne")
    page.mouse.click(x, y)
    wait_for_app(page)
    expect(page.locator(".cm-stage g.symbol.selected[data-entity-id='sanne']")).to_have_count(1)
    tool.locator("button[data-act='highlight']").click()
    expect(page.locator(".cm-stage g.symbol.faded").first).to_be_attached()
    expect(page.locator(".cm-stage g.symbol.faded[data-entity-id='sanne']")).to_have_count(0)
    wait_for_app(page)
    # tooltips are plain text
    page.mouse.move(x, y + 1)
    tip = page.locator(".cm-tooltip")
    tip.wait_for(state="visible")
    expect(tip).to_contain_text("Sanne")
    page.screenshot(path="/tmp/canvas_meeting.png")
    # back to normal for the other tests of this session
    tool.locator("button[data-act='highlight']").click()
    wait_for_app(page)
    tool.locator("button[data-act='notes']").click()
    wait_for_app(page)


@pytest.mark.parametrize("lens", list(PAGES))
def test_balance_badges_switch_on_the_map(app_url, browser_page, lens):
    page = browser_page
    open_case(page, app_url)
    go(page, PAGES[lens])
    tool = wait_for_canvas(page)
    button = tool.locator("button[data-act='badges']")
    badges = page.locator(".cm-stage g.symbol g.badge")
    expect(button).to_have_attribute("aria-pressed", "true")
    # the demo links factors to people and systems on every lens
    expect(badges.first).to_be_attached()
    settled_after(page, button.click, "data-rendered")
    page.wait_for_function("!document.querySelector('.cm-stage g.symbol g.badge')")
    expect(button).to_have_attribute("aria-pressed", "false")
    # the switch is the user's, not the page's: it holds on the next lens too
    go(page, "Balans" if lens is Lens.GENOGRAM else PAGES[Lens.GENOGRAM])
    go(page, PAGES[lens])
    wait_for_canvas(page)
    expect(badges).to_have_count(0)
    settled_after(page, canvas(page).locator("button[data-act='badges']").click, "data-rendered")
    page.wait_for_selector(".cm-stage g.symbol g.badge")


def test_pan_and_zoom_change_only_the_view(app_url, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Ecogram")
    tool = wait_for_canvas(page)
    start = view_box_when(page, lambda b: True, "a view")
    tool.locator("button[data-act='zoom-in']").click()
    zoomed = view_box_when(page, lambda b: b[2] < start[2], "zoom in shows less")
    box = page.locator(".cm-stage").bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + 8)
    page.mouse.wheel(0, 300)
    view_box_when(page, lambda b: b[2] > zoomed[2], "the wheel zooms out")
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 60, steps=5)
    page.mouse.up()
    view_box_when(page, lambda b: b[:2] != start[:2], "a drag on the background pans")
    tool.locator("button[data-act='fit']").click()
    # the whole drawing: at reading scale (how it opened) it did not fit at 1400 x 1000
    fitted = view_box_when(
        page, lambda b: b[:2] == [0, 0] and b[3] > start[3], "fit shows the whole drawing"
    )
    start = fitted
    # pinch: two fingers moving apart zoom in
    stage = page.locator(".cm-stage")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def finger(kind: str, pid: int, x: float) -> None:
        stage.dispatch_event(
            kind,
            {
                "pointerId": pid,
                "pointerType": "touch",
                "clientX": x,
                "clientY": cy,
                "bubbles": True,
            },
        )

    finger("pointerdown", 11, cx - 40)
    finger("pointerdown", 12, cx + 40)
    for step in range(1, 6):
        finger("pointermove", 11, cx - 40 - 20 * step)
        finger("pointermove", 12, cx + 40 + 20 * step)
    finger("pointerup", 11, cx - 140)
    finger("pointerup", 12, cx + 140)
    view_box_when(page, lambda b: b[2] < start[2] / 1.5, "two fingers apart zoom in")


def test_hostile_names_never_run(app_url, app_db, browser_page):
    data = demo_case()
    data.case.code = "XSS-001"
    data.case.title = HOSTILE_SCRIPT
    for entity in data.entities:
        if entity.id == "sanne":
            entity.name = HOSTILE_IMG
        elif entity.id == "riet":
            entity.name = HOSTILE_SCRIPT
        elif entity.id == "vmbo":
            entity.name = HOSTILE_IMG
    with Store(app_db) as store:
        store.import_case(data, author="test")
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_case(page, app_url, "XSS-001")
    for title in ("Genogram", "Ecogram", "Netwerkkaart"):
        go(page, title)
        wait_for_canvas(page)
        label = page.eval_on_selector_all(
            ".cm-stage g.symbol[data-entity-id='sanne'] text",
            "els => els.map(e => e.textContent).join(' ')",
        )
        # shown literally (the ecogram shows a first name only: the first word)
        assert "<img" in label, (title, label)
        if title != "Ecogram":
            assert HOSTILE_IMG in " ".join(label.split()), (title, label)
        expect(page.locator("img[src='x']")).to_have_count(0)
        expect(page.locator(".cm-stage script")).to_have_count(0)
        x, y = symbol_centre(page, "sanne")
        page.mouse.move(x, y)
        tip = page.locator(".cm-tooltip")
        tip.wait_for(state="visible")
        expect(tip).to_contain_text(HOSTILE_IMG)
        expect(tip.locator("img")).to_have_count(0)
    go(page, "Verkennen")
    # the network sits in a sandboxed frame inside Streamlit's frame
    frame = page.frame_locator("iframe").first.frame_locator("iframe").first
    # vis-network has drawn once its canvas is sized: a name it ran would have run by then
    expect(frame.locator("[data-testid='explore-network'] canvas")).to_have_attribute(
        "width", re.compile(r"^[1-9]")
    )
    wait_for_app(page)
    for each in page.frames:
        expect(each.locator("img[src='x']"), each.url).to_have_count(0)
    page.screenshot(path="/tmp/canvas_hostile.png")
    assert dialogs == []
    assert outside_requests(page, app_url) == []
    assert re.search("XSS-001", page.content())


@pytest.fixture(scope="module")
def canvas_page_url(app_db):
    """The page with only the canvas (tests/browser/canvas_page.py) on the same database."""
    from tests.browser.conftest import free_port, serve, stop_process

    port = free_port()
    # serve() waits until the server answers healthy, and fails with its log otherwise
    proc = serve("tests/browser/canvas_page.py", app_db, port)
    yield f"http://127.0.0.1:{port}"
    stop_process(proc)


def test_fragment_canvas_stores_moves_and_hands_events_to_the_page(
    canvas_page_url, app_db, browser_page
):
    page = browser_page
    page.goto(f"{canvas_page_url}/?case=DEMO-001&lens=ecogram&fast=1")
    wait_for_app(page)
    wait_for_canvas(page)
    target = movable_ids(page)[-1]
    settled_after(page, lambda: drag(page, target, -20, 14))
    with Store(app_db) as store:
        assert target in store.load("DEMO-001").positions_for(Lens.ECOGRAM)
    # the page got the select event
    select_symbol(page, target, page.get_by_text(f"'id': '{target}'"))
    assert outside_requests(page, canvas_page_url) == []
