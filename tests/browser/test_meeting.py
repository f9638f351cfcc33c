"""Meeting mode in Chromium: full screen on the projector, stepping, pseudonyms.

Screenshots of the genogram and plan steps go to /tmp for a look.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case, outside_requests

pytestmark = pytest.mark.browser

REAL_NAMES = ("Sanne", "Daan Bakker", "Jansen")


def step_title(page) -> str:
    return page.locator("h2").first.inner_text()


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
    assert not page.get_by_text("Gezin Jansen-de Boer").first.is_visible()
    assert step_title(page).startswith("Genogram")
    page.screenshot(path="/tmp/meeting_genogram.png")
    seen = [step_title(page)]
    for _step in range(5):
        page.get_by_role("button", name="Volgende ▶").click()
        wait_for_app(page)
        seen.append(step_title(page))
    assert [t.split(" · ")[0] for t in seen] == [
        "Genogram",
        "Ecogram",
        "Netwerkkaart van Sanne Jansen",
        "Netwerkkaart van Daan Bakker",
        "Balans",
        "Plan",
    ]
    page.get_by_role("table").first.wait_for(state="visible")
    assert "Rust in de financiën" in page.get_by_role("table").first.inner_text()
    page.screenshot(path="/tmp/meeting_plan.png")
    # pseudonyms: the plan table and the step titles no longer name anyone
    page.get_by_text("Pseudoniemen").click()
    wait_for_app(page)
    page.get_by_role("button", name="◀ Vorige").click()
    wait_for_app(page)
    page.get_by_role("button", name="◀ Vorige").click()
    wait_for_app(page)
    assert step_title(page).startswith("Netwerkkaart van ")
    shown = main_text(page)
    for name in REAL_NAMES:
        assert name not in shown, name
    page.screenshot(path="/tmp/meeting_pseudonyms.png")
    assert outside_requests(page, app_url) == []
    # leave the session as the other tests expect it
    page.get_by_text("Pseudoniemen").click()
    wait_for_app(page)
