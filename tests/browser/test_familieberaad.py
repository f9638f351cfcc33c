"""A familieberaad in Chromium: the agenda on the projector, two agreements, then in the plan.

Screenshots of the projector at 1920x1080 and at 1366x768 go to
/tmp/shots/familieberaad_*.png for a look.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case, outside_requests
from tests.browser.test_plan_highlight import choose, ecogram_symbols, keyed, submit_until_stored

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
AGREEMENTS = {
    "daan": ("Daan Bakker", "Elke avond afwassen"),
    "lotte": ("Lotte Bakker", "Hond uitlaten"),
}


def title(page):
    return page.locator("h2").first


#: The map's image: how wide it is shown against its own width (the SVG's), in CSS px.
IMAGE_WIDTHS = "img => [img.getBoundingClientRect().width, img.naturalWidth]"


def shoot(page, name: str) -> None:
    """The projector at 1920x1080 and at 1366x768 (the map laid out for each); the names
    on the map at least 12 CSS px (they are 12 drawing units times 1.5 in large type)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1920, 1080), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        image = keyed(page, "fb_map").locator("img")
        expect(image).to_be_visible()
        page.wait_for_function("() => document.querySelector('.st-key-fb_map img').naturalWidth")
        shown, natural = image.evaluate(IMAGE_WIDTHS)
        names = 12 * 1.5 * shown / natural
        print(f"\nfamilieberaad {name} {width}x{height}: names {names:.1f} CSS px")
        assert names >= 12, (name, width, shown, natural)
        page.screenshot(path=str(SHOTS / f"familieberaad_{name}_{width}x{height}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def next_step(page, expected: str) -> None:
    page.get_by_role("button", name="Volgende ▶").click()
    wait_for_app(page)
    expect(title(page)).to_have_text(
        re.compile(rf"^Familieberaad: {re.escape(expected)} · "), use_inner_text=True
    )


def test_a_familieberaad_ends_in_two_agreements_that_appear_in_the_plan(
    app_url, app_db, browser_page
):
    page = browser_page
    with Store(app_db) as store:
        case = store.get_case("DEMO-001")
    open_case(page, app_url)
    go(page, "Overleg")
    keyed(page, "meeting_mode").get_by_text("Familieberaad").click()
    wait_for_app(page)
    expect(title(page)).to_have_text(
        "Familieberaad: Opening en spelregels · 1/6", use_inner_text=True
    )
    page.get_by_test_id("stSidebar").wait_for(state="hidden")  # on the projector
    expect(keyed(page, "fb_side")).to_contain_text("Iedereen is gelijk.")
    expect(keyed(page, "fb_side")).to_contain_text("Kinderen mogen eerst, als ze dat willen.")
    shoot(page, "opening")

    # Finn (6) wants to go first: his turn first, marked on the map
    page.get_by_text("Finn de Boer wil eerst").click()
    wait_for_app(page)
    next_step(page, "Wat ging goed")
    speaking = page.locator("h3").filter(has_text="Aan het woord")
    expect(speaking).to_have_text("Aan het woord: Finn de Boer", use_inner_text=True)
    shoot(page, "beurt")
    page.get_by_role("button", name="Volgende beurt ▶").click()
    wait_for_app(page)
    expect(speaking).to_have_text("Aan het woord: Rick de Boer", use_inner_text=True)
    for step in ("Wat irriteerde", "Voorstellen", "Afspraken"):
        next_step(page, step)

    # two agreements, each saved into the plan while the family watches
    for name, what in AGREEMENTS.values():
        choose(page, "fb_agree_who", name)
        keyed(page, "fb_agree_what").locator("input").fill(what)
        keyed(page, "fb_agree_when").locator("input").fill("15-12-2026")

        def stored(what=what) -> bool:
            with Store(app_db) as store:
                return any(a.what == what for a in store.load(case.id).actions)

        submit_until_stored(page, keyed(page, "fb_agree_submit").locator("button"), stored)
        expect(page.get_by_text(f"Afspraak vastgelegd in het plan: {what}")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Hond uitlaten")
    shoot(page, "afspraken")

    goal_title = f"Afspraken familieberaad {date.today().isoformat()}"
    with Store(app_db) as store:
        data = store.load(case.id)
    goal = next(g for g in data.goals if g.title == goal_title)
    assert sorted((a.actor_id, a.what, a.when) for a in data.actions if a.goal_id == goal.id) == [
        ("daan", "Elke avond afwassen", "2026-12-15"),
        ("lotte", "Hond uitlaten", "2026-12-15"),
    ]

    # after the conversation: the plan shows them and lights up their actors
    page.get_by_text("Volledig scherm").click()
    wait_for_app(page)
    go(page, "Plan")
    choose(page, "plan_goal", "Afspraken familieberaad")
    expect(page.get_by_text("Daan Bakker, Lotte Bakker")).to_be_visible()
    page.locator("summary").filter(has_text="Actie wijzigen of verwijderen").first.click()
    wait_for_app(page)
    keyed(page, "plan_pick_action").locator("input").first.click()
    for name, what in AGREEMENTS.values():
        expect(page.get_by_role("option").filter(has_text=f"{name}: {what}")).to_be_visible()
    page.keyboard.press("Escape")
    symbols = ecogram_symbols(  # the figure of the goal shown before can still be on screen
        page, until=lambda seen: {e for e, s in seen.items() if s["actor"]} == set(AGREEMENTS)
    )
    assert {e for e, s in symbols.items() if s["actor"]} == set(AGREEMENTS)
    page.screenshot(path=str(SHOTS / "familieberaad_plan.png"))
    assert outside_requests(page, app_url) == []
