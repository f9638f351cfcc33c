"""Hostile names in the real app: no script runs, the text shows literally, no traceback.

A copy of the demo case with markup, SQL, right-to-left text, emoji and a
200-character name in its people, systems, relation notes, factors, goals
and case title is imported into the app's database; the test opens it on
the Casussen page and visits every page of the sidebar. A dialog listener
fails the test if any ``alert`` fires; no element injected by a name may
exist in any frame; no page may show an exception box; no request may leave
the app's origin.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from playwright.sync_api import expect

from mapping.core.codec import without_bidi
from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from views.pages import available_pages

pytestmark = pytest.mark.browser

CODE = "HOSTILE-QA"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = [
    IMG,
    "<script>alert(2)</script>",
    '"; DROP TABLE cases; --',
    "&amp; ]]> &lt;b&gt;",
    "\u202eשלום مرحبا",
    "👨‍👩‍👧 Emoji 🎉",
    "{{7*7}} ${x} %s",
    "L" * 199,
]


def hostile_case():
    data = demo_case()
    data.case = dataclasses.replace(
        data.case, code=CODE, title="<script>alert(5)</script> & <b>co</b>"
    )
    people = [e for e in data.entities if e.is_person]
    systems = [e for e in data.entities if not e.is_person]
    for entity, name in zip(people, HOSTILE, strict=False):
        data.entities[data.entities.index(entity)] = dataclasses.replace(
            entity, name=name, note="<i onmouseover=alert(6)>note</i>", occupation="<b>x</b>"
        )
    data.entities[data.entities.index(systems[0])] = dataclasses.replace(
        systems[0], name="<svg onload=alert(3)>", custom_kind="<u>kind</u>"
    )
    data.relations[0] = dataclasses.replace(data.relations[0], note="<img src=y onerror=alert(4)>")
    data.factors[0] = dataclasses.replace(data.factors[0], description="<script>alert(7)</script>")
    data.goals[0] = dataclasses.replace(data.goals[0], title="<img src=z onerror=alert(8)>")
    return data


@pytest.fixture(scope="module")
def hostile_db(app_db):
    with Store(app_db) as store:
        if not store.list_cases(search=CODE):
            store.import_case(hostile_case(), author="qa")
    return app_db


def injected_elements(page) -> list[str]:
    """Elements a hostile name would create if it were parsed as HTML, in any frame."""
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate(
                """() => [...document.querySelectorAll(
                    'img[src="x"], img[src="y"], img[src="z"], svg[onload], i[onmouseover], script'
                )].filter(el => el.tagName !== 'SCRIPT' || /^\\s*alert\\(\\d\\)\\s*$/.test(el.textContent))
                  .map(el => el.outerHTML.slice(0, 120))"""
            )
        except Exception:  # a frame that navigated away meanwhile
            continue
    return found


def all_text(page) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate("() => document.body ? document.body.innerText : ''"))
            texts.append(frame.evaluate("() => document.body ? document.body.innerHTML : ''"))
        except Exception:
            continue
    return "\n".join(texts)


def test_hostile_names_on_every_page(app_url, hostile_db, browser_page):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("textbox", name="Zoek op code of titel").fill(CODE)
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Openen").first.click()
    wait_for_app(page)
    header = page.get_by_test_id("stMarkdownContainer").filter(has_text=CODE).first
    expect(header).to_contain_text("<script>alert(5)</script> & <b>co</b>")

    problems: dict[str, list[str]] = {}
    for _file, title, _icon, _group in available_pages()[1:]:
        page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.dispatch_event("click")
        wait_for_app(page)
        # the maps draw themselves in the browser after the run: wait until each has drawn
        # (its data-rendered counter set) before looking for what a name could inject
        maps = page.locator("[data-testid='lens-canvas']")
        for i in range(maps.count()):
            expect(maps.nth(i)).to_have_attribute("data-rendered", re.compile(r"^[1-9]"))
        if title == "Verkennen":  # its network draws in a frame inside Streamlit's frame
            inner = page.frame_locator("iframe").first.frame_locator("iframe").first
            expect(inner.locator("[data-testid='explore-network'] canvas")).to_be_attached()
        errors = page.locator("[data-testid='stException']").all_inner_texts()
        injected = injected_elements(page)
        if errors or injected:
            problems[title] = [e[:300] for e in errors] + injected
        if title == "Genogram":
            text = all_text(page)
            # the name is on the page as text: literally, or XML-escaped inside the SVG markup
            assert IMG in text or "&lt;img src=x onerror=alert(1)&gt;" in text
            page.screenshot(path="/tmp/hostile_genogram.png", full_page=True)

    assert not problems, problems
    assert not dialogs, dialogs
    outside = [
        u for u in page.requests_seen if not u.startswith((app_url, "data:", "blob:", "about:"))
    ]
    assert not outside, outside
    with Store(hostile_db) as store:
        names = {e.name for e in store.load(CODE).entities}
    # nothing was rewritten or lost by visiting the pages (bidi overrides are dropped on
    # the way in, so a name cannot display reversed: see codec.cleaned)
    assert {without_bidi(name) for name in HOSTILE} <= names
