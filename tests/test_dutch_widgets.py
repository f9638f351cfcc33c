"""The Dutch texts for Streamlit's own widgets (views/dutch.py) cover what Streamlit writes.

The texts are looked up in the installed Streamlit's own frontend, so an
upgrade that changes one (as 1.67 did with "Browse files" -> "Upload") makes
this test fail instead of letting English through unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit

from views import dutch

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"

#: Widget texts Streamlit writes itself, as they stand in its frontend (template literals).
SHOWN = [
    "Choose an option",
    "Choose options",
    "Select all",
    "No results",
    "Drag and drop a file here",
    "Drag and drop files here",
    "Upload",
    "Press Enter to ",
    "Download as CSV",
    "Show/hide columns",
    "Fullscreen",
]


@pytest.fixture(scope="module")
def frontend() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in BUNDLE.glob("*.js"))


@pytest.mark.parametrize("text", SHOWN)
def test_each_english_widget_text_has_dutch(frontend, text):
    assert f"`{text}" in frontend, f"Streamlit no longer writes {text!r}: update views/dutch.py"
    covered = [t for t in dutch.TEXTS if t.startswith(text)]
    assert covered and all(dutch.TEXTS[t] and dutch.TEXTS[t] != t for t in covered)


def test_the_size_limit_and_matches_become_dutch(frontend):
    assert "per file`" in frontend
    limit = next(nl for en, nl in dutch.PATTERNS if re.search(en, "200MB per file"))
    assert limit == "$1 per bestand"
    assert any(re.search(en, "Select all 12 matches") for en, _nl in dutch.PATTERNS)


def test_calendar_words():
    words = dutch.calendar_texts()
    assert [words[m] for m in ("January", "May", "Oct")] == ["januari", "mei", "okt"]
    assert [words[d] for d in ("Sunday", "Mon", "We")] == ["zondag", "ma", "wo"]


def test_dates_day_first_in_dutch():
    assert dutch.date_format("nl") == "DD-MM-YYYY"
    assert dutch.date_format("en") == "YYYY/MM/DD"


def test_the_hook_is_mounted_on_every_page_from_app_py():
    source = (Path(__file__).resolve().parents[1] / "app.py").read_text(encoding="utf-8")
    assert "dutch.widgets(state.current_lang())" in source


def test_the_hook_loads_nothing_from_the_internet():
    js = dutch.ASSET.read_text(encoding="utf-8")
    assert not re.search(r"https?://|fetch\(|import\s", js)
