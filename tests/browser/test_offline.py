"""With the network cable pulled the canvas and the explore view still work, and
no request ever leaves the app's own origin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, open_case, outside_requests, wait_for_canvas

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_origin(app_url, browser_page):
    page = browser_page
    blocked: list[str] = []

    def only_the_app(route):
        url = route.request.url
        if url.startswith(app_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:  # the cable is pulled: anything else fails, and the test sees it
            blocked.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", only_the_app)
    open_case(page, app_url)
    for title in ("Genogram", "Ecogram", "Netwerkkaart"):
        go(page, title)
        wait_for_canvas(page)
        # more than 5 symbols, at least 8 buttons (retrying: the map may still be drawing)
        expect(page.locator(".cm-stage g.symbol").nth(5), title).to_be_attached()
        expect(page.locator(".cm-toolbar button").nth(7)).to_be_attached()
    go(page, "Verkennen")
    # the network sits in a sandboxed frame inside Streamlit's frame
    frame = page.frame_locator("iframe").first.frame_locator("iframe").first
    # vis-network has started once its canvas is sized (a fetch it made would be in
    # ``blocked`` by then); the settled app below then proves nothing more is on its way
    expect(frame.locator("[data-testid='explore-network'] canvas")).to_have_attribute(
        "width", re.compile(r"^[1-9]")
    )
    wait_for_app(page)
    assert blocked == []
    assert outside_requests(page, app_url) == []
    assert all(u.startswith(("http://127.0.0.1", "data:", "blob:")) for u in page.requests_seen)
