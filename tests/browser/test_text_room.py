"""Text that has room, measured in the browser (#15.2): no text box overlaps another.

At the three screens of #15 (a 1366 x 768 laptop, a 1024 x 768 tablet with
touch, a 1920 x 1080 projector) the Genogram, Ecogram and Netwerkkaart pages
of the demo case are opened in the real app, in normal and in large type
("Grote letters" on the canvas), and measured from the page itself: the
getBoundingClientRect of every text of the canvas's SVG (the white halo copies
and the legend left out) gives the smallest name height and the number of
pairs of text boxes that overlap. Meeting mode at 1920 x 1080 shows every map
with names of at least 20 CSS px (the map is an image there: a name's height is
its font size times the image's shown width over its own). Screenshots go to
/tmp/textroom_<size>_<page>_<type>.png and /tmp/textroom_meeting_<step>.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    EXPECT_TIMEOUT_MS,
    free_port,
    start_app,
    stop_process,
    wait_for_app,
)
from tests.browser.test_canvas import LIVE_CANVAS, open_case
from tests.browser.test_reading_scale import PAGES, SIZES, go_to

pytestmark = pytest.mark.browser


#: Text boxes of the canvas's map. A box is the text's getBoundingClientRect, its
#: height cut to the letters (DejaVu Sans' line box is 1.16 em, a capital and a
#: descender 0.95 em: two lines of a name 1.2 em apart then do not count as one
#: over the other). Texts inside their own symbol (an age, an icon, a '?', a badge)
#: are left out of the pairs with that symbol's other inner texts only.
MEASURE = """(root) => {
  const stage = root.querySelector('.cm-stage');
  const svg = stage.querySelector('svg');
  const texts = Array.from(svg.querySelectorAll('text')).filter((t) =>
    !t.classList.contains('halo') && t.textContent.trim()
    && !t.closest('g.legend') && !t.closest('g.caption'));
  const boxes = texts.map((t) => {
    const r = t.getBoundingClientRect();
    const cut = r.height * (1 - 0.95 / 1.16) / 2;
    const own = t.closest('g.symbol');
    const inner = t.matches('.inner, .icon, .unknown') || !!t.closest('g.badge');
    return {l: r.left, r: r.right, t: r.top + cut, b: r.bottom - cut, text: t.textContent,
            own: inner && own ? own.getAttribute('data-symbol-id') : ''};
  });
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.own && a.own === b.own) continue;
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) pairs.push([a.text, b.text]);
    }
  }
  const names = Array.from(svg.querySelectorAll('g.symbol text.label'))
    .map((t) => t.getBoundingClientRect().height);
  return {texts: boxes.length, names: names.length, name: Math.min(...names), overlaps: pairs};
}"""


def measure(page) -> dict:
    return page.locator(LIVE_CANVAS).evaluate(MEASURE)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """An app of this module's own, on the demo as shipped.

    The session's app serves a demo the other browser tests have added to
    (two connections Rick - GGZ, a renamed person, ...): what is measured
    here is the shipped demo, whatever ran before.
    """
    db = tmp_path_factory.mktemp("text_room") / "casemap.db"
    port = free_port()
    proc = start_app(db, port)
    yield f"http://127.0.0.1:{port}"
    stop_process(proc)


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized_page(request, browser):
    width, height, touch = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
    )
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    page.size_name = request.param
    yield page
    context.close()


def _large(canvas, pressed: str) -> None:
    """Press the canvas's "Grote letters" until it says ``pressed``; wait for the new map."""
    button = canvas.locator("button[data-act='large']")
    if button.get_attribute("aria-pressed") == pressed:
        return
    before = canvas.get_attribute("data-rendered")
    button.click()
    expect(button).to_have_attribute("aria-pressed", pressed)
    expect(canvas).not_to_have_attribute("data-rendered", before)
    expect(canvas).to_have_attribute("data-view", "reading")


def test_no_text_overlaps_on_the_maps(demo_url, sized_page):
    page = sized_page
    open_case(page, demo_url)
    report = []
    for lens, title in PAGES.items():
        go_to(page, title)
        canvas = page.locator(LIVE_CANVAS)
        expect(canvas.locator(".cm-stage svg g.symbol text.label").first).to_be_attached()
        expect(canvas).to_have_attribute("data-view", "reading")
        for kind, pressed in (("normal", "false"), ("large", "true")):
            _large(canvas, pressed)
            found = measure(page)
            canvas.scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/textroom_{page.size_name}_{lens}_{kind}.png")
            report.append((lens, kind, found))
            print(
                f"\n{page.size_name} {lens} {kind}: smallest name {found['name']:.1f} px, "
                f"{len(found['overlaps'])} overlapping pairs of {found['texts']} texts "
                f"{found['overlaps'][:4]}"
            )
        _large(canvas, "false")  # as the other tests expect the session
    for lens, kind, found in report:
        assert found["names"] > 0, (lens, kind)
        assert found["name"] >= (18 if kind == "large" else 12) - 0.5, (lens, kind, found["name"])
        assert found["overlaps"] == [], (lens, kind, found["overlaps"])


MEETING_MAP = """(root) => {
  const img = root.querySelector('[data-testid="stImage"] img');
  if (!img || !img.complete || !img.naturalWidth) return null;
  const shown = img.getBoundingClientRect();
  const box = root.getBoundingClientRect();
  return {shown: shown.width, natural: img.naturalWidth,
          box: [box.width, box.height], scroll: [root.scrollWidth, root.scrollHeight],
          at: [root.scrollLeft, root.scrollTop]};
}"""


def test_meeting_mode_names_at_least_20_px_on_the_projector(demo_url, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    try:
        open_case(page, demo_url)
        go_to(page, "Overleg")
        large = page.get_by_text("Grote letters")
        seen = []
        for step in range(4):  # genogram, ecogram, Sanne's and Daan's netwerkkaart
            title = page.locator("h2").first.inner_text()
            box = page.locator(".st-key-meeting_map")
            expect(box.locator("[data-testid='stImage'] img")).to_be_visible()
            page.wait_for_function(
                "() => { const b = document.querySelector('.st-key-meeting_map');"
                f" return b && ({MEETING_MAP})(b); }}"
            )
            found = box.evaluate(MEETING_MAP)
            name = 12 * 1.5 * found["shown"] / found["natural"]  # large type is on by default
            page.screenshot(path=f"/tmp/textroom_meeting_{step}.png")
            seen.append((title, name, found))
            print(f"\nmeeting {title}: names {name:.1f} px, {found}")
            page.get_by_role("button", name="Volgende ▶").click()
            wait_for_app(page)
            expect(page.locator("h2").first).not_to_have_text(title)
        for title, name, found in seen:
            assert name >= 19.9, (title, name, found)
            for axis in (0, 1):  # a map larger than the screen opens on its middle
                spare = found["scroll"][axis] - found["box"][axis]
                if spare > 1:
                    assert abs(found["at"][axis] - spare / 2) <= spare * 0.1 + 2, (title, found)
        # without large type the names stay 20 px: the map is drawn at its own scale
        page.get_by_role("button", name="◀ Vorige").click()
        wait_for_app(page)
        expect(page.locator("h2").first).to_contain_text("Daan Bakker")
        drawn = page.locator(".st-key-meeting_map [data-testid='stImage'] img")
        expect(drawn).to_be_visible()
        large_src = drawn.get_attribute("src")
        large.click()
        expect(drawn).not_to_have_attribute("src", large_src)  # the map in normal type
        page.wait_for_function(
            "() => { const b = document.querySelector('.st-key-meeting_map');"
            f" return b && ({MEETING_MAP})(b); }}"
        )
        found = page.locator(".st-key-meeting_map").evaluate(MEETING_MAP)
        assert 12 * found["shown"] / found["natural"] >= 19.9, found
        large.click()
        wait_for_app(page)
    finally:
        context.close()
