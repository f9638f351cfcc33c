"""Shared fixtures: the demo case, stores on temporary files, page tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.deprecation_guard  # noqa: F401  Streamlit's deprecations fail the run too
from mapping.services.demo import demo_case

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_data():
    """A fresh CaseData of the fictional demo family."""
    return demo_case()


@pytest.fixture
def tmp_store(tmp_path):
    """An empty Store on a temporary database file."""
    from mapping.storage.store import Store

    store = Store(tmp_path / "casemap.db")
    yield store
    store.close()


@pytest.fixture
def demo_store(tmp_store):
    """``(store, case)`` with the demo case imported."""
    case = tmp_store.import_case(demo_case(), author="test")
    return tmp_store, case


@pytest.fixture
def page_app(tmp_path, monkeypatch):
    """Factory for an AppTest of one page, on a temporary database.

    ``page_app("genogram")`` runs ``views/genogram.py`` with the demo case
    imported and opened; ``page_app("cases", open_demo=False)`` starts with
    no case open. Use ``at.run()`` yourself. ``at.case_id`` is the demo's id.
    """
    from streamlit.testing.v1 import AppTest

    from mapping.storage.store import Store
    from views.state import OPEN_CASE

    db = tmp_path / "pages.db"
    monkeypatch.setenv("CASEMAP_DB", str(db))

    def make(page: str, open_demo: bool = True, with_demo: bool = True) -> AppTest:
        case_id = None
        with Store(db) as store:
            if with_demo:
                existing = store.list_cases()
                case_id = existing[0].id if existing else store.import_case(demo_case()).id
        at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
        if open_demo and case_id:
            at.session_state[OPEN_CASE] = case_id
        at.case_id = case_id
        at.db_path = db
        return at

    return make
