"""A family tree on a page: parsed once per file; a large one asks which part to keep."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from mapping.gedcom import LARGE
    from tests.benchmarks.bench_genogram import synthetic_family
    from views.family_tree import choose_part

    tree = synthetic_family(LARGE + 150)
    part = choose_part(tree, key="t")
    st.session_state["kept"] = [e.id for e in part.entities]
    st.session_state["index"] = [e.id for e in part.entities if e.index_person]


def test_a_large_tree_asks_around_whom_and_how_far():
    from mapping.gedcom import LARGE

    at = AppTest.from_function(_page, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert any("grote stamboom" in w.value for w in at.warning)
    around = at.selectbox(key="t_tree_around")
    kept = at.session_state["kept"]
    assert around.value in kept and at.session_state["index"] == [around.value]
    assert len(kept) < LARGE + 150
    at.number_input(key="t_tree_generations").set_value(1).run()
    fewer = at.session_state["kept"]
    assert len(fewer) <= len(kept) and around.value in fewer
    at.toggle(key="t_tree_all").set_value(True).run()
    assert len(at.session_state["kept"]) == LARGE + 150
    assert at.session_state["index"] == []  # the whole tree as it came


def _small_page():
    import streamlit as st

    from mapping.demo import demo_case
    from views.family_tree import choose_part

    data = demo_case()
    st.session_state["same"] = choose_part(data, key="s") is data


def test_a_small_tree_is_kept_whole_without_questions():
    at = AppTest.from_function(_small_page)
    at.run()
    assert not at.exception and at.session_state["same"] is True
    assert not at.warning and not at.selectbox


def _upload_page():
    import streamlit as st

    from tests.test_family_tree import FakeUpload
    from views.family_tree import read_uploaded_tree

    upload = FakeUpload()
    first = read_uploaded_tree(upload)
    st.session_state.setdefault("first", first)
    st.session_state["again"] = read_uploaded_tree(upload) is st.session_state["first"]
    st.session_state["people"] = sum(e.is_person for e in first.entities)


class FakeUpload:
    name = "harry_potter.ged"

    def getvalue(self) -> bytes:
        from pathlib import Path

        return (Path(__file__).parent / "data" / "gedcom" / "harry_potter.ged").read_bytes()


def test_an_upload_is_parsed_once_across_reruns():
    at = AppTest.from_function(_upload_page)
    at.run()
    at.run()  # a rerun (any click) reads the same file: no second parse
    assert not at.exception, at.exception
    assert at.session_state["again"] is True
    assert at.session_state["people"] == 23
