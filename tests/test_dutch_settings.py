"""Personal settings: the author's name is remembered over a new session, in personal mode only.

(Issue 23 point 7: after a reload the casemanager had to type the name that
goes into the history and every export again. Team mode takes it from the
sign-in and keeps no such file.)
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from streamlit.testing.v1 import AppTest


def _type_name():
    from views import state

    state.set_author("Marieke de Wit")


def _show_name():
    import streamlit as st

    from views import state

    st.text(state.author())


def test_a_new_session_starts_with_the_name_typed_last(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "casemap.db"))
    AppTest.from_function(_type_name).run()
    settings = tmp_path / "casemap.instellingen.json"
    assert "Marieke de Wit" in json.loads(settings.read_text(encoding="utf-8"))["authors"].values()
    assert settings.stat().st_mode & 0o077 == 0  # owner-only, like the database
    fresh = AppTest.from_function(_show_name).run()  # a reload: a new session
    assert fresh.text[0].value == "Marieke de Wit"


def test_team_mode_keeps_no_name_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "casemap.db"))
    at = AppTest.from_function(_type_name)
    at.session_state["casemap_deployment"] = SimpleNamespace(team=True)
    at.run()
    assert not at.exception
    assert not (tmp_path / "casemap.instellingen.json").exists()


def test_an_unreadable_settings_file_costs_only_the_remembering(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "casemap.db"))
    (tmp_path / "casemap.instellingen.json").write_text("{niet json", encoding="utf-8")
    shown = AppTest.from_function(_show_name).run()
    assert not shown.exception and shown.text[0].value == ""
    AppTest.from_function(_type_name).run()
    assert AppTest.from_function(_show_name).run().text[0].value == "Marieke de Wit"
