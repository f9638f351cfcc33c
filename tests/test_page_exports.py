"""The export panel never offers a file made for another case or an earlier state.

The made file waits in the session so its download survives a rerun; a
file of family A must not be offered on family B's page under B's name,
nor a map of before a change (or in the other language) as the current one.
"""

from __future__ import annotations

from dataclasses import replace

from mapping.demo import demo_case
from mapping.store import Store
from views.state import LANG, OPEN_CASE


def downloads(at) -> list:
    return [b for b in at.get("download_button") if b.key == "geno_download"]


def made_genogram(page_app):
    at = page_app("genogram")
    at.run()
    at.selectbox(key="geno_format").set_value("svg")
    at.button(key="geno_export").click().run()
    assert not at.exception, at.exception
    assert downloads(at), "no download after Maken"
    return at


def test_a_file_made_for_one_case_is_not_offered_for_another(page_app):
    at = made_genogram(page_app)
    other = demo_case()
    other.case = replace(other.case, code="ANDER-002")
    with Store(at.db_path) as store:
        second = store.import_case(other)
    at.session_state[OPEN_CASE] = second.id
    at.run()
    assert not at.exception, at.exception
    assert downloads(at) == []


def test_a_file_made_before_a_change_is_not_offered_after_it(page_app):
    at = made_genogram(page_app)
    with Store(at.db_path) as store:  # a colleague renames someone meanwhile
        data = store.load(at.case_id)
        store.save(at.case_id, replace(data.entity("sanne"), name="Sanne Visser"))
    at.run()
    assert not at.exception, at.exception
    assert downloads(at) == []
    at.button(key="geno_export").click().run()
    [download] = downloads(at)
    assert "Sanne Visser" in at.session_state["geno_export_blob"][1].decode("utf-8")


def test_a_file_made_in_dutch_is_not_offered_in_english(page_app):
    at = made_genogram(page_app)
    at.session_state[LANG] = "en"
    at.run()
    assert not at.exception, at.exception
    assert downloads(at) == []
