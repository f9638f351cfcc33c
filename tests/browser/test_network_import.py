"""A network file from a public source, imported in the real app and seen on the netwerkkaart.

Chromium against ``streamlit run app.py`` (fixtures in ``conftest.py``); the
checks read the database. Screenshots land in /tmp for a human look.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from mapping.core.vocabulary import RelationKind
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, tab, wait_for_canvas

pytestmark = pytest.mark.browser

NETWORK = Path(__file__).resolve().parents[1] / "data" / "network"


def _upload(page, app_url, path: Path) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_text("Importeren of democasus laden").click()
    page.locator("input[type='file']").first.set_input_files(str(path))
    wait_for_app(page)


def test_karate_club_from_a_gml_file_becomes_a_case_with_its_netwerkkaart(
    app_url, app_db, browser_page
):
    page = browser_page
    _upload(page, app_url, NETWORK / "karate.gml")
    page.get_by_role("button", name="Importeren", exact=True).click()
    wait_for_app(page)
    page.get_by_text("34 personen, 0 systemen").first.wait_for()
    with Store(app_db) as store:
        case = next(c for c in store.list_cases() if c.title == "karate")
        data = store.load(case.id)
    ties = [r for r in data.relations if r.kind is RelationKind.SUPPORT]
    ego = {r.source for r in ties}
    assert sum(e.is_person for e in data.entities) == 34 and len(data.relations) == 78
    assert len(ego) == 1, "one ego, the others are its alters"
    go(page, "Netwerkkaart")
    wait_for_canvas(page)
    drawn = page.eval_on_selector_all(
        ".cm-stage g.symbol", "els => els.map(e => e.getAttribute('data-entity-id'))"
    )
    assert {r.target for r in ties} | ego <= set(drawn)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    page.screenshot(path="/tmp/network_karate.png", full_page=True)


def test_a_broken_network_file_is_refused_in_dutch_and_writes_nothing(
    app_url, app_db, browser_page, tmp_path
):
    page = browser_page
    with Store(app_db) as store:
        before = len(store.list_cases())
    broken = tmp_path / "netwerk.gml"
    broken.write_bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 4)
    _upload(page, app_url, broken)
    page.get_by_test_id("stAlertContentError").first.wait_for()
    expect(page.get_by_test_id("stAlertContentError").first).to_contain_text(
        "bestand", ignore_case=True
    )
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_have_count(0)
    with Store(app_db) as store:
        assert len(store.list_cases()) == before


def test_the_network_downloads_as_graphml_made_when_clicked(app_url, app_db, browser_page):
    """The GraphML is written when the button is clicked, not on every rerun of the page,
    and what arrives is the case's network, readable again."""
    from mapping.formats.graphml import read_graphml
    from tests.browser.test_canvas import open_case

    page = browser_page
    with Store(app_db) as store:
        if not any(c.code == "NET-DL" for c in store.list_cases()):
            from mapping.services.demo import demo_case

            data = demo_case()
            data.case.code = "NET-DL"
            store.import_case(data)
        data = store.load(next(c.id for c in store.list_cases() if c.code == "NET-DL"))
    open_case(page, app_url, "NET-DL")
    go(page, "Netwerkkaart")
    wait_for_canvas(page)
    # a closed tab's widgets are not sent to the browser at all (#20)
    expect(page.get_by_role("tab", name="Lid toevoegen")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".st-key-socio_add_source")).to_be_visible()
    expect(page.locator(".st-key-socio_graphml")).to_have_count(0)
    tab(page, "Importeren en exporteren")
    button = page.get_by_role("button", name="Netwerk als GraphML")
    expect(button).to_be_visible()  # a tab's content is made once it is opened (#20)
    expect(page.locator(".st-key-socio_add_source")).to_have_count(0)  # and the other's goes
    wait_for_app(page)
    # A file made on click is registered anew on every run of the page; a click that
    # lands while a run replaces the button asks for the file of the run before, and no
    # download comes. Wait for the idle page, and click again if that happened.
    for attempt in range(3):
        try:
            with page.expect_download(timeout=30_000) as info:
                button.click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page)
    path = info.value.path()
    assert info.value.suggested_filename == "NET-DL.graphml"
    again = read_graphml(Path(path).read_bytes())
    assert {e.name for e in again.entities} == {e.name for e in data.entities}
