"""Dutch everywhere: no English text of Streamlit's own widgets in the Dutch interface.

Every page is visited in Dutch with the demo case open; the visible text and
the input placeholders may hold none of Streamlit's English widget texts
(views.dutch.ENGLISH). A multiselect's list ("Select all"), a form field's
hint ("Press Enter to submit form") and the date picker (months, days) are
opened too; the English interface keeps Streamlit's own English.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go
from views.dutch import ENGLISH
from views.pages import PAGES

pytestmark = pytest.mark.browser

MONTHS = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"
)


def keyed(page, key: str):
    return page.locator(f".st-key-{key}")


def english_shown(page) -> list[str]:
    """Streamlit's English widget texts on the page (closed expanders too), or in a placeholder."""
    text = page.locator("[data-testid='stApp']").text_content()
    placeholders = page.eval_on_selector_all(
        "input[placeholder], textarea[placeholder]", "els => els.map(e => e.placeholder)"
    )
    found = [word for word in ENGLISH if word in text]
    found += [p for p in placeholders if p in ENGLISH]
    return found


def settled(page) -> None:
    """Wait until the hook runs on this page and has rewritten what Streamlit drew.

    On a fresh page Streamlit draws its widgets before the hook's script has
    loaded: the English may show for a moment, then it must go.
    """
    page.wait_for_function("() => window.__casemapDutch && window.__casemapDutch.observer")
    try:  # the same check as english_shown, in the page: it returns as soon as it holds
        page.wait_for_function(
            """(english) => {
              const text = document.querySelector("[data-testid='stApp']").textContent;
              const held = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
                .map((e) => e.placeholder);
              return !english.some((word) => text.includes(word) || held.includes(word));
            }""",
            arg=list(ENGLISH),
            timeout=5000,
        )
    except PlaywrightTimeoutError:
        return  # the caller's assertion names the English that stayed


def open_expander(page, title: str, probe) -> None:
    """Open the expander ``title`` until ``probe`` inside it shows (a click during a
    rerun can be lost)."""
    for _attempt in range(5):
        if probe.is_visible():
            return
        page.locator("summary").filter(has_text=title).first.click()
        wait_for_app(page)
        try:
            expect(probe).to_be_visible(timeout=2000)
            return
        except AssertionError:
            continue
    expect(probe).to_be_visible()


def open_list(page, field, listbox) -> None:
    """Open a multiselect's list until it shows.

    A click that lands while a run replaces the widget opens nothing, and on a busy
    machine the list can take seconds to appear; so: never close it again, look
    before every new try, wait for the idle page, and open it the second way a
    user can (the arrow key on the focused field), which opens and never toggles.
    """
    timeout = 2000
    for attempt in range(6):
        if listbox.is_visible():
            return
        wait_for_app(page)
        if attempt == 0:
            field.click()
        else:
            field.focus()
            page.keyboard.press("ArrowDown")
        try:
            expect(listbox).to_be_visible(timeout=timeout)
            return
        except AssertionError:
            timeout = min(2 * timeout, 10_000)
    expect(listbox).to_be_visible()


#: A multiselect's list in Dutch, read in one look: "Alles kiezen" and no "Select all".
DUTCH_LIST = re.compile(r"^(?!.*Select all).*Alles kiezen", re.DOTALL)


def read_list(page, field, listbox, text: re.Pattern) -> None:
    """Open the list and find ``text`` in it, in one look at one open list.

    Two checks one after the other failed in CI: the list showed "Alles kiezen", then a
    run closed it before the second check (no "Select all") could look. A list that
    closes before it is read is opened again.
    """
    for _attempt in range(3):
        open_list(page, field, listbox)
        try:
            expect(listbox).to_have_text(text, timeout=10_000)
            return
        except AssertionError:
            if listbox.is_visible():  # open and still not Dutch: that is the failure
                break
    expect(listbox).to_have_text(text)


def open_demo(page, app_url, app_db) -> None:
    with Store(app_db) as store:
        demo = store.get_case("DEMO-001")
    page.goto(app_url)
    wait_for_app(page)
    keyed(page, f"open_{demo.id}").locator("button").click()
    wait_for_app(page)


def test_no_english_widget_text_on_any_page_in_dutch(app_url, app_db, browser_page):
    page = browser_page
    open_demo(page, app_url, app_db)
    # the uploader's own texts are there in Dutch (the hook ran), not just absent
    uploader = page.get_by_test_id("stFileUploader").first
    expect(uploader).to_contain_text("per bestand")
    expect(uploader).to_contain_text("Bestand kiezen")
    for file, title, _icon, _group in PAGES:
        # by address (meeting mode hides the menu), the case named in it
        stem = file.removesuffix(".py")
        page.goto(f"{app_url}/{'' if stem == 'cases' else stem}?casus=DEMO-001")
        wait_for_app(page)
        expect(page.get_by_text("DEMO-001").first).to_be_attached()
        settled(page)
        assert english_shown(page) == [], f"{title}: {english_shown(page)}"


def test_opened_widgets_speak_dutch_too(app_url, app_db, browser_page):
    page = browser_page
    open_demo(page, app_url, app_db)
    go(page, "Balans")
    open_expander(page, "Factor toevoegen", keyed(page, "bal_new_entities"))
    # a multiselect's list: "Alles kiezen", not "Select all"
    field = keyed(page, "bal_new_entities").locator("input").first
    listbox = page.get_by_role("listbox").first
    read_list(page, field, listbox, DUTCH_LIST)
    page.keyboard.press("Escape")
    # typing in a form field: the hint under it is Dutch
    keyed(page, "bal_new_description").locator("input").fill("Buurvrouw helpt")
    hint = keyed(page, "bal_new_description").get_by_test_id("InputInstructions")
    expect(hint).to_have_text(re.compile("^Druk op Enter"))

    go(page, "Plan")
    date = keyed(page, "plan_mon_date")
    # day first, as a Dutch date is written
    field = date.get_by_test_id("stDateInputFieldsScroller")
    expect(field).to_have_text(re.compile(r"^\s*\d\d\s*-\s*\d\d\s*-\s*\d{4}\s*$"))
    date.locator("button").first.click()  # the calendar button
    calendar = page.get_by_test_id("stDateInputCalendar").last
    expect(calendar).to_be_visible()
    # the week in Dutch letters, the month in Dutch
    expect(calendar.locator("thead")).to_have_text(re.compile("^zomadiwodovrza$"))
    expect(calendar).to_contain_text(
        re.compile(
            r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
        )
    )
    expect(calendar).not_to_contain_text(MONTHS)


def test_the_english_interface_keeps_streamlits_english(app_url, app_db, browser_page):
    page = browser_page
    open_demo(page, app_url, app_db)
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    wait_for_app(page)
    uploader = page.get_by_test_id("stFileUploader").first
    expect(uploader).to_contain_text("per file")
    expect(uploader).not_to_contain_text("per bestand")
