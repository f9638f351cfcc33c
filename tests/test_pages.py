"""Every page runs without an exception, with and without an open case."""

from __future__ import annotations

from pathlib import Path

import pytest

from views.pages import PAGES, VIEWS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_page_file_exists(page):
    assert (VIEWS / page).exists(), f"views/{page} is in the menu but missing"


@pytest.mark.parametrize("page", [p[0].removesuffix(".py") for p in PAGES])
@pytest.mark.parametrize("open_demo", [True, False])
def test_page_runs(page_app, page, open_demo):
    at = page_app(page, open_demo=open_demo)
    at.run()
    assert not at.exception, at.exception


def test_app_shows_header_of_open_case(page_app, tmp_path):
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE

    first = page_app("cases")  # fills the database and gives the demo's id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = first.case_id
    at.run()
    assert not at.exception
    header = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "DEMO-001" in header
    assert "toestemming vastgelegd" in header


def test_app_in_english(page_app):
    from streamlit.testing.v1 import AppTest

    from views.state import LANG, OPEN_CASE

    first = page_app("cases")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = first.case_id
    at.session_state[LANG] = "en"
    at.run()
    assert not at.exception
    header = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "consent recorded" in header
    assert at.title[0].value == "Cases"


def test_an_unusable_database_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    """A file that is no database (or cannot be read) stops the app with what to do."""
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "casemap.db"
    db.write_bytes(b"dit is geen database\n" * 10)
    monkeypatch.setenv("CASEMAP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    [error] = at.error
    shown = error.value.replace("\\", "")  # as read on screen, without markdown escapes
    assert "kan niet worden geopend" in shown and "CASEMAP_DB" in shown
    assert db.read_bytes() == b"dit is geen database\n" * 10  # nothing written over it
