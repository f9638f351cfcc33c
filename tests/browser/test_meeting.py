"""Meeting mode in Chromium: full screen on the projector, stepping, pseudonyms.

Screenshots of the genogram and plan steps go to /tmp for a look.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case, outside_requests

pytestmark = pytest.mark.browser

REAL_NAMES = ("Sanne", "Daan Bakker", "Jansen")


def step_title(page):
    """The step's title (a locator: expect() retries it until the rerun has drawn it)."""
    return page.locator("h2").first


def starts_with(text: str) -> re.Pattern:
    """A title that is ``text``, or ``text`` and " · " and more."""
    return re.compile(rf"^{re.escape(text)}( · |$)")


def main_text(page) -> str:
    """What the projector shows: the page text and the text inside the drawn map."""
    texts = page.locator("[data-testid='stMain']").inner_text()
    svg_texts = page.eval_on_selector_all(
        "[data-testid='stMain'] img", "imgs => imgs.map(i => i.src).join(' ')"
    )
    return texts + " " + svg_texts


def test_meeting_mode_steps_full_screen_and_hides_every_name(app_url, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Overleg")
    # full screen: no menu, no case line that names the family
    page.get_by_test_id("stSidebar").wait_for(state="hidden")
    expect(page.get_by_text("Gezin Jansen-de Boer").first).not_to_be_visible()
    expect(step_title(page)).to_have_text(re.compile(r"^Genogram"), use_inner_text=True)
    page.screenshot(path="/tmp/meeting_genogram.png")
    steps = [
        "Ecogram",
        "Netwerkkaart van Sanne Jansen",
        "Netwerkkaart van Daan Bakker",
        "Balans",
        "Plan",
    ]
    for title in steps:
        page.get_by_role("button", name="Volgende ▶").click()
        wait_for_app(page)
        expect(step_title(page)).to_have_text(starts_with(title), use_inner_text=True)
    page.get_by_role("table").first.wait_for(state="visible")
    expect(page.get_by_role("table").first).to_contain_text("Rust in de financiën")
    page.screenshot(path="/tmp/meeting_plan.png")
    # pseudonyms: the plan table and the step titles no longer name anyone
    page.get_by_text("Pseudoniemen").click()
    wait_for_app(page)
    page.get_by_role("button", name="◀ Vorige").click()
    wait_for_app(page)
    page.get_by_role("button", name="◀ Vorige").click()
    wait_for_app(page)
    expect(step_title(page)).to_have_text(re.compile(r"^Netwerkkaart van "), use_inner_text=True)
    for name in REAL_NAMES:  # retrying on the page text; then once more with the map's text
        expect(page.get_by_test_id("stMain")).not_to_contain_text(name, use_inner_text=True)
    shown = main_text(page)
    for name in REAL_NAMES:
        assert name not in shown, name
    page.screenshot(path="/tmp/meeting_pseudonyms.png")
    assert outside_requests(page, app_url) == []
    # leave the session as the other tests expect it
    page.get_by_text("Pseudoniemen").click()
    wait_for_app(page)
