"""Reading scale (#15.1): each map opens with names of at least 12 CSS px.

At the three screens casemanagers use (a 1366 x 768 laptop at the kitchen
table, a 1024 x 768 tablet with touch, a 1920 x 1080 projector) the Genogram,
Ecogram and Netwerkkaart pages of the demo case are opened in the real app and
the smallest name is measured from the page itself: the getBoundingClientRect
height of every name (``g.symbol text.label``) inside the canvas SVG, and its
font size on screen. On open both are at least 12 px, the client (index
person, the ego of a netwerkkaart) is in view and the legend takes no map
space; after "Passend" names are at least 9 px or the canvas says they are too
small. Screenshots go to /tmp/reading_<size>_<page>_{open,fit}.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EXPECT_TIMEOUT_MS, RUN_WATCH_JS, wait_for_app
from tests.browser.test_canvas import LIVE_CANVAS, go, open_case

pytestmark = pytest.mark.browser

SIZES = {
    "laptop": (1366, 768, False),
    "tablet": (1024, 768, True),
    "projector": (1920, 1080, False),
}
PAGES = {"genogram": "Genogram", "ecogram": "Ecogram", "sociogram": "Netwerkkaart"}

MEASURE = """(root) => {
  const stage = root.querySelector('.cm-stage');
  const box = stage.getBoundingClientRect();
  const names = Array.from(stage.querySelectorAll('g.symbol text.label'));
  const heights = names.map((t) => t.getBoundingClientRect().height);
  const fonts = names.map((t) => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a);
  const inside = names.filter((t) => {
    const r = t.getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1
      && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  }).length;
  const index = stage.querySelector('g.symbol.reading-focus');
  let focusInView = null;
  if (index) {
    const r = index.getBoundingClientRect();
    const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    focusInView = cx > box.left && cx < box.right && cy > box.top && cy < box.bottom;
  }
  const notice = root.querySelector('.cm-notice');
  return {
    names: names.length,
    inside,
    height: Math.min(...heights),
    font: Math.min(...fonts),
    stage: [Math.round(box.width), Math.round(box.height)],
    legendInMap: stage.querySelectorAll('svg g.legend').length,
    focusInView,
    notice: notice && !notice.hidden ? notice.textContent : '',
  };
}"""


def measure(page) -> dict:
    return page.locator(LIVE_CANVAS).evaluate(MEASURE)


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized_page(request, browser):
    width, height, touch = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
    )
    context.add_init_script(RUN_WATCH_JS)  # wait_for_app sees the rerun a click asks for
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    page.size_name = request.param
    yield page
    context.close()


def go_to(page, title: str) -> None:
    """The sidebar link; on a narrow screen the sidebar is opened first."""
    nav = page.get_by_test_id("stSidebarNav")
    if not nav.is_visible():
        page.get_by_test_id("stExpandSidebarButton").click()
    go(page, title)


def test_maps_open_at_reading_scale(app_url, sized_page):
    page = sized_page
    open_case(page, app_url)
    report = []
    for lens, title in PAGES.items():
        go_to(page, title)
        canvas = page.locator(LIVE_CANVAS)
        expect(canvas.locator(".cm-stage svg g.symbol text.label").first).to_be_attached()
        expect(canvas).to_have_attribute("data-view", "reading")
        opened = measure(page)
        canvas.scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/reading_{page.size_name}_{lens}_open.png")
        canvas.locator("button[data-act='fit']").click()
        expect(canvas).to_have_attribute("data-view", "fit")
        fitted = measure(page)
        page.screenshot(path=f"/tmp/reading_{page.size_name}_{lens}_fit.png")
        report.append((lens, opened, fitted))
        print(
            f"\n{page.size_name} {lens}: open name height {opened['height']:.1f} px "
            f"(font {opened['font']:.1f} px, {opened['inside']}/{opened['names']} names in view, "
            f"stage {opened['stage']}); fit {fitted['height']:.1f} px "
            f"(font {fitted['font']:.1f} px) notice={fitted['notice']!r}"
        )
    for lens, opened, fitted in report:
        assert opened["names"] > 0, lens
        assert opened["height"] >= 12 and opened["font"] >= 11.95, (lens, opened)
        assert opened["legendInMap"] == 0, (lens, "the legend takes map space")
        assert opened["focusInView"] is True, (lens, "the client is not in view on open")
        small = fitted["font"] < 9
        assert bool(fitted["notice"]) == small, (lens, fitted)


def test_legend_is_a_toggle_and_fit_is_kept(app_url, browser):
    """The legend comes over the map on demand; "Passend" stays chosen through a redraw;
    the notice speaks English when the UI does."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(RUN_WATCH_JS)
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    try:
        open_case(page, app_url)
        go_to(page, "Ecogram")
        canvas = page.locator(LIVE_CANVAS)
        expect(canvas).to_have_attribute("data-view", "reading")
        panel = canvas.locator(".cm-legend")
        button = canvas.locator("button[data-act='legend']")
        expect(button).to_have_text("Legenda")
        expect(panel).to_be_hidden()
        expect(canvas.locator(".cm-stage g.legend")).to_have_count(0)
        button.click()
        expect(panel).to_be_visible()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(panel.locator("g.legend-row").nth(4)).to_be_attached()  # 5 rows or more
        page.screenshot(path="/tmp/reading_laptop_ecogram_legend.png")
        button.click()
        expect(panel).to_be_hidden()

        # "Grote letters" at reading scale: names open at 18 px, back at 12 px without
        large = canvas.locator("button[data-act='large']")
        for pressed, px in (("true", 18), ("false", 12)):
            before = canvas.get_attribute("data-rendered")
            large.click()
            expect(canvas).not_to_have_attribute("data-rendered", before)
            expect(large).to_have_attribute("aria-pressed", pressed)
            expect(canvas).to_have_attribute("data-view", "reading")
            assert measure(page)["font"] >= px - 0.05, (pressed, measure(page))

        canvas.locator("button[data-act='fit']").click()
        expect(canvas).to_have_attribute("data-view", "fit")
        notice = canvas.locator(".cm-notice")
        expect(notice).to_have_text("Namen te klein om te lezen: zoom in met +")
        for pressed in ("true", "false"):
            before = canvas.get_attribute("data-rendered")
            large.click()
            expect(canvas).not_to_have_attribute("data-rendered", before)
            expect(large).to_have_attribute("aria-pressed", pressed)
            expect(canvas).to_have_attribute("data-view", "fit")
            # the whole new drawing
            expect(page.locator(".cm-stage svg")).to_have_attribute("viewBox", re.compile(r"^0 0 "))
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        wait_for_app(page)
        expect(canvas.locator("button[data-act='legend']")).to_have_text("Legend")
        expect(canvas).to_have_attribute("data-view", "fit")
        expect(notice).to_have_text("Names too small to read: zoom in with +")
    finally:
        context.close()
