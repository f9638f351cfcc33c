"""The session-state keys of casemap, in one place, with names.

Pages never spell ``st.session_state["..."]`` themselves: they call these
functions, so the open case, the selection and the language mean the same
thing on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from mapping.store import Store

LANG = "casemap_lang"
OPEN_CASE = "casemap_case_id"
SELECTED = "casemap_selected"  # {"kind": "entity"|"relation", "id": ...}
AUTHOR = "casemap_author"
MEETING = "casemap_meeting"  # dict of meeting aids: large font, hide notes, highlight
PSEUDONYMS = "casemap_pseudonyms"


def db_path() -> Path:
    """The database this app run uses: ``$CASEMAP_DB`` or ``data/casemap.db``."""
    return Path(
        os.environ.get("CASEMAP_DB")
        or Path(__file__).resolve().parent.parent / "data" / "casemap.db"
    )


def store() -> Store:
    """A Store opened for this script run (sqlite connections are not shared across threads)."""
    return Store(db_path())


def current_lang() -> str:
    return st.session_state.get(LANG, "nl")


def set_lang(lang: str) -> None:
    st.session_state[LANG] = lang


def open_case_id() -> str | None:
    return st.session_state.get(OPEN_CASE)


def open_case(case_id: str | None) -> None:
    st.session_state[OPEN_CASE] = case_id
    st.session_state.pop(SELECTED, None)


def selection() -> dict | None:
    return st.session_state.get(SELECTED)


def select(kind: str | None, item_id: str | None = None) -> None:
    if kind is None:
        st.session_state.pop(SELECTED, None)
    else:
        st.session_state[SELECTED] = {"kind": kind, "id": item_id}


def author() -> str:
    return st.session_state.get(AUTHOR, "")


def set_author(name: str) -> None:
    st.session_state[AUTHOR] = name


def meeting_aids() -> dict:
    """Meeting aids shared by every lens page: large font, hide notes, pseudonyms, highlight."""
    return st.session_state.setdefault(
        MEETING, {"large_font": False, "hide_notes": False, "pseudonymise": False, "highlight": ""}
    )
