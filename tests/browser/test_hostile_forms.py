"""What the AppTest page tests cannot show: what the browser really does with a form and a name.

- Markdown in a name (link, image, formula, bare address) stays text on the
  Netwerkkaart: no link, no image fetched from outside, no formula.
- A refused new person keeps what was typed; a saved one empties the form in
  the browser (deleting a widget's key empties it in AppTest only).

Each test removes what it added, so the shared app keeps the demo case as it was.
"""

from __future__ import annotations

import dataclasses

import pytest
from playwright.sync_api import expect

from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case, tab

pytestmark = pytest.mark.browser

MD = "[klik](http://evil.example/a) **vet** $x^2$ ![i](http://evil.example/i.png) www.evil.example"


def rendered_markup(page) -> list[str]:
    """Links, images and formulas that a name would make if its markdown were rendered."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            'a[href*="evil"], img[src*="evil"], .katex, strong')]
            .filter(e => e.tagName !== 'STRONG' || e.textContent.trim() === 'vet')
            .map(e => e.outerHTML.slice(0, 100))"""
    )


def test_markdown_in_names_stays_text_on_the_netwerkkaart(app_url, app_db, browser_page):
    page = browser_page
    data = demo_case()
    data.case = dataclasses.replace(data.case, code="MD-QA")
    data.entities = [dataclasses.replace(e, name=f"{e.name[:5]} {MD}") for e in data.entities]
    with Store(app_db) as store:
        case = store.import_case(data)
    try:
        open_case(page, app_url, "MD-QA")
        go(page, "Netwerkkaart")
        # the map's name (the same text is also in the folded "Kaart in woorden" list)
        page.get_by_text("vet", exact=False).filter(visible=True).first.wait_for()
        assert rendered_markup(page) == []
        shown = page.inner_text("body").replace("\u2060", "")  # the joiner that stops the link
        assert "[klik](http://evil.example/a) **vet** $x^2$" in shown
        outside = [u for u in page.requests_seen if "evil" in u]
        assert outside == []
    finally:
        with Store(app_db) as store:
            store.delete_case(case.id)


def field(page, label: str):
    return page.locator(f'input[aria-label="{label}"]:visible').first


def test_a_refused_person_keeps_the_form_a_saved_one_empties_it(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Genogram")
    tab(page, "Persoon toevoegen")
    field(page, "Naam").fill("Oma QA")
    field(page, "Geboortedatum").fill("31-02-1941")
    page.get_by_role("button", name="Persoon toevoegen").first.click()
    wait_for_app(page)
    error = page.get_by_test_id("stAlertContentError").first
    expect(error).to_contain_text("31-02-1941")
    expect(field(page, "Naam")).to_have_value("Oma QA")  # not typed again
    field(page, "Geboortedatum").fill("1941")
    page.get_by_role("button", name="Persoon toevoegen").first.click()
    wait_for_app(page)
    try:
        tab(page, "Persoon toevoegen")
        expect(field(page, "Naam")).to_have_value("")  # a second click adds no second Oma
        expect(field(page, "Geboortedatum")).to_have_value("")
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
    finally:
        with Store(app_db) as store:
            added = [e for e in store.load("DEMO-001").entities if e.name == "Oma QA"]
            for person in added:
                store.delete("DEMO-001", "entity", person.id)
    assert len(added) == 1
