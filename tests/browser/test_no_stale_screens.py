"""No stale screens: a colleague's save shows at the next click (#20.3).

Two browser contexts are two casemanagers on the same case. Both open the
demo's genogram; the colleague renames Sanne through the page's own edit form;
the first casemanager's next click (selecting someone else on the map, which
runs the whole page and changes nothing of the case) shows the new name on the
map, though the page reuses its cached case and drawing while nothing changed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mapping.storage.store import Store
from tests.browser.test_canvas import canvas, go, open_case, select_symbol, tab, wait_for_canvas

pytestmark = pytest.mark.browser

NEW_NAME = "Sannecollega"  # one word: a name may wrap over two lines on the map


def _map_text(page) -> str:
    return page.locator(".cm-stage svg").first.text_content() or ""


def test_a_colleagues_save_shows_at_the_next_click(app_url, app_db, browser):
    mine = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    theirs = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    try:
        for page in (mine, theirs):
            open_case(page, app_url)
            go(page, "Genogram")
            wait_for_canvas(page)
        before = canvas(mine).get_attribute("data-revision")
        assert NEW_NAME not in _map_text(mine)

        # the colleague selects Sanne and renames her in 'Persoon bewerken'
        select_symbol(theirs, "sanne", theirs.locator("h3", has_text="Sanne Jansen"))
        tab(theirs, "Persoon bewerken")
        expect(theirs.locator(".st-key-geno_edit_sanne_name input")).to_be_visible()
        theirs.get_by_label("Naam", exact=True).locator("visible=true").last.fill(NEW_NAME)
        theirs.get_by_role("button", name="Opslaan").locator("visible=true").last.click()
        expect(canvas(theirs)).not_to_have_attribute("data-revision", before)
        with Store(app_db) as store:
            assert store.load("DEMO-001").entity("sanne").name == NEW_NAME

        # my screen still shows what I loaded; my next click shows their change
        assert NEW_NAME not in _map_text(mine)
        # selecting runs the whole page again
        select_symbol(mine, "kees", mine.locator("h3", has_text="Kees Bakker"))
        expect(mine.locator(".cm-stage g.symbol.selected[data-entity-id='kees']")).to_have_count(1)
        expect(mine.locator(".cm-stage svg text", has_text=NEW_NAME).first).to_be_attached()
        # and says so: a save of mine based on the old screen would be refused
        expect(
            mine.get_by_text("intussen door iemand anders gewijzigd", exact=False)
        ).to_be_visible()
    finally:
        with Store(app_db) as store:  # the demo as the other tests expect it
            data = store.load("DEMO-001")
            sanne = data.entity("sanne")
            if sanne.name == NEW_NAME:
                store.save(
                    data.case.id,
                    type(sanne)(**{**sanne.__dict__, "name": "Sanne Jansen"}),
                    author="test",
                    expected_revision=data.case.revision,
                )
        mine.context.close()
        theirs.context.close()
