"""Over time, in the real app: a snapshot at intake, a change, the comparison in words,
the dossier report of the case, and a student's exercise compared with the model answer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import Ring
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case

pytestmark = pytest.mark.browser


def test_snapshot_change_compare_and_report(app_url, app_db, browser_page, tmp_path):
    page = browser_page
    open_case(page, app_url)
    go(page, "Momentopnamen")
    page.get_by_role("button", name="Momentopname maken").click()
    wait_for_app(page)
    page.get_by_text("Momentopname 'intake' gemaakt.").wait_for()
    with Store(app_db) as store:
        data = store.load("DEMO-001")
        assert [s.label for s in store.snapshots(data.case.id)][-1] == "intake"
        tie = next(r for r in data.relations if r.source == "sanne" and r.ring is Ring.FAR)
        member = next(e for e in data.entities if e.id == tie.target).name
        store.save(data.case.id, replace(tie, ring=Ring.CLOSE), author="collega")

    go(page, "Vergelijken")
    page.get_by_text("Wat is er veranderd").wait_for()
    changes = page.get_by_test_id("stMarkdownContainer").filter(has_text=member.split()[0])
    changes.first.wait_for()
    expect(changes.first).to_contain_text("ring", ignore_case=True)
    page.screenshot(path="/tmp/browser_compare.png", full_page=True)

    go(page, "Dossierrapport")
    page.get_by_role("button", name="Rapport maken").click()
    download_button = page.get_by_role("button", name="Download PDF")
    download_button.wait_for(timeout=120_000)
    with page.expect_download() as info:
        download_button.click()
    target = tmp_path / "rapport.pdf"
    info.value.save_as(target)
    assert info.value.suggested_filename == "DEMO-001-rapport.pdf"
    from pypdf import PdfReader

    reader = PdfReader(target)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 6 and "DEMO-001" in text and "Genogram" in text


def test_exercise_is_compared_with_the_model_answer(app_url, app_db, browser_page):
    page = browser_page
    open_case(page, app_url)
    go(page, "Oefenen en legenda")
    page.get_by_role("button", name="Oefening starten (lege casus)").nth(1).click()
    wait_for_app(page)
    page.get_by_text("Oefencasus OEF-DEMENTIE-").first.wait_for()
    with Store(app_db) as store:
        exercise = next(c for c in store.list_cases() if c.code.startswith("OEF-DEMENTIE-"))
        assert store.load(exercise.id).entities == []
    go(page, "Vergelijken")
    page.get_by_text("Modelantwoord: Meneer Hoekstra").first.wait_for()
    # an empty exercise misses everything of the model answer: the change list says so
    page.get_by_text("Gerrit Hoekstra").first.wait_for()
    page.screenshot(path="/tmp/browser_exercise_compare.png", full_page=True)
