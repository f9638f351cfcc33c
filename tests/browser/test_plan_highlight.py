"""On the plan page, a new goal with two actions lights up its two actors on the ecogram."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app

pytestmark = pytest.mark.browser

GOAL = "Gezondheid en veiligheid op een rij"
ACTORS = {"huisarts": "Huisartsenpraktijk", "politie": "Politie / Halt"}


def keyed(page, key: str):
    """The element container Streamlit marks with ``st-key-<key>``."""
    return page.locator(f".st-key-{key}")


def open_expander(page, title: str, probe) -> None:
    if not probe.is_visible():
        page.locator("summary").filter(has_text=title).first.click()
        probe.wait_for(state="visible")


def choose(page, key: str, text: str) -> None:
    """Pick the option of a selectbox whose label contains ``text``.

    Typed, then Enter takes the first option the typing left: clicking the
    option itself can miss while the list is drawn anew under the pointer.
    """
    box = keyed(page, key).locator("input").first
    box.click()
    page.keyboard.type(text)
    expect(page.get_by_role("option").filter(has_text=text).first).to_be_visible()
    page.keyboard.press("Enter")
    expect(box).to_have_value(re.compile(re.escape(text)))


def submit_until_stored(page, button, stored) -> None:
    """Click ``button`` until ``stored()`` (read from the database) is true.

    On a busy machine a click can fall into a rerun and be lost; the database,
    not a message that may come and go, says whether it was saved. Clicked
    again only when nothing was stored, so nothing is saved twice.
    """
    for _attempt in range(3):
        wait_for_app(page)
        button.click()
        wait_for_app(page, ran=True)  # a submit always runs: wait for that run, not a grace
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if stored():
                return
            time.sleep(0.2)  # poll the database again
    raise AssertionError("the form's save never reached the database")


def ecogram_symbols(page, until=lambda symbols: True) -> dict[str, dict]:
    """Entity id -> {'faded': bool, 'actor': bool} from the plan page's ecogram SVG.

    The figure sits in a sandboxed frame inside Streamlit's frame, which
    loads a moment after the page: look for it until a deadline. ``until``
    is the state the test waits for: after a second save with the same
    message ("Actie toegevoegd.") the figure of the run before can still be
    on screen (a soak once read it: the second actor not lit yet). The last
    figure read is returned once the deadline passes, for the test's asserts
    to say what differs.
    """
    deadline = time.monotonic() + 20  # as long as expect() waits
    seen = None
    while time.monotonic() < deadline:
        for frame in page.frames:
            svg = frame.locator("svg[data-testid='plan-ecogram']")
            try:
                if not svg.count():
                    continue
                # no scroll_into_view: Playwright's stability check needs scripts in the frame
                seen = svg.first.evaluate(
                    """svg => Object.fromEntries([...svg.querySelectorAll('g.symbol')].map(g => [
                        g.getAttribute('data-entity-id'),
                        {faded: g.getAttribute('opacity') === '0.2',
                         actor: g.classList.contains('plan-actor')}]))"""
                )
            except PlaywrightError:  # the frame of the run before, gone while we looked
                continue
            if until(seen):
                return seen
        page.wait_for_timeout(250)  # poll the frames again: no one state spans them all
    if seen is None:
        raise AssertionError("no ecogram on the plan page")
    return seen


def test_goal_with_two_actions_highlights_both_actors(app_url, app_db, browser_page):
    page = browser_page
    with Store(app_db) as store:
        demo = store.get_case("DEMO-001")
    page.goto(app_url)
    wait_for_app(page)
    keyed(page, f"open_{demo.id}").locator("button").click()
    wait_for_app(page)
    page.get_by_role("link", name="Plan").first.click()
    wait_for_app(page)
    page.get_by_role("heading", name="Plan: doelen en acties").wait_for()

    # a goal of the family
    title = keyed(page, "plan_new_goal_title").locator("input")
    open_expander(page, "Doel toevoegen", title)
    title.fill(GOAL)

    def goals() -> list:
        with Store(app_db) as store:
            return [g for g in store.load(demo.id).goals if g.title == GOAL]

    submit_until_stored(page, keyed(page, "plan_new_goal_submit").locator("button"), goals)
    expect(page.get_by_text(f"Doel '{GOAL}' toegevoegd.")).to_be_visible()

    # two actions, by the GP and by the police
    for name in ACTORS.values():
        what = keyed(page, "plan_new_action_what").locator("input")
        choose(page, "plan_new_action_who", name)
        what.fill(f"Afspraak met {name}")

        def stored(name=name) -> bool:
            with Store(app_db) as store:
                return any(a.what == f"Afspraak met {name}" for a in store.load(demo.id).actions)

        submit_until_stored(page, keyed(page, "plan_new_action_submit").locator("button"), stored)
        expect(page.get_by_text("Actie toegevoegd.")).to_be_visible()

    with Store(app_db) as store:
        data = store.load(demo.id)
    goal = next(g for g in data.goals if g.title == GOAL)
    assert sorted(a.actor_id for a in data.actions if a.goal_id == goal.id) == sorted(ACTORS)

    symbols = ecogram_symbols(
        page, until=lambda seen: {e for e, s in seen.items() if s["actor"]} == set(ACTORS)
    )
    page.screenshot(path="/tmp/plan_highlight.png")
    for actor in ACTORS:
        assert symbols[actor] == {"faded": False, "actor": True}, actor
    # nobody else is an actor, and systems unconnected to them fade
    assert {e for e, s in symbols.items() if s["actor"]} == set(ACTORS)
    for other in ("jeugdzorg", "schuldhulp", "wijkteam"):
        assert symbols[other]["faded"], other
    outside = [
        u
        for u in page.requests_seen
        if not u.startswith(app_url) and not u.startswith(("data:", "blob:"))
    ]
    assert not outside, outside


def test_an_owner_not_on_the_chosen_map_is_named(app_url, app_db, browser_page):
    """Issue 23 point 6: Kees acts in a goal but is not on the ecogram: the page says so."""
    page = browser_page
    page.goto(f"{app_url}/plan?casus=DEMO-001")
    wait_for_app(page)
    choose(page, "plan_new_action_who", "Kees Bakker")
    keyed(page, "plan_new_action_what").locator("input").fill("Oppassen op woensdag")

    def stored() -> bool:
        with Store(app_db) as store:
            return any(a.what == "Oppassen op woensdag" for a in store.load("DEMO-001").actions)

    submit_until_stored(page, keyed(page, "plan_new_action_submit").locator("button"), stored)
    expect(page.get_by_text("Actie toegevoegd.")).to_be_visible()
    warning = page.get_by_text("Niet op deze kaart, dus niet uitgelicht:")
    expect(warning).to_contain_text("Kees Bakker")
    assert "kees" not in ecogram_symbols(page)  # indeed not on the ecogram
    # the deceased grandfather is not offered, and the page says why
    expect(
        page.locator("p:visible", has_text="Niet in de lijst: Henk Jansen (overleden).")
    ).not_to_have_count(0)
