"""A family tree on a page: parsed once per file; a large one asks which part to keep."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from mapping.formats.gedcom import LARGE
    from tests.benchmarks.bench_genogram import synthetic_family
    from views.family_tree import choose_part

    tree = synthetic_family(LARGE + 150)
    part = choose_part(tree, key="t")
    st.session_state["kept"] = [e.id for e in part.entities]
    st.session_state["index"] = [e.id for e in part.entities if e.index_person]


def test_a_large_tree_asks_around_whom_and_how_far():
    from mapping.formats.gedcom import LARGE

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

    from mapping.services.demo import demo_case
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


# ---------------------------------------------------------------- around a person, by search (#21.4)
def _search_page():
    from pathlib import Path

    import streamlit as st

    from mapping.core.errors import CasemapError
    from mapping.formats.gedcom import read_gedcom
    from views.family_tree import choose_part

    # the script runs in pytest's process: the test passes the file's place in the session
    tree = read_gedcom(Path(st.session_state["ged"]))
    try:
        part = choose_part(tree, key="g")
    except CasemapError as err:
        st.error(err.message("nl"))
        return
    st.session_state["kept"] = [e.name for e in part.entities]
    st.session_state["index"] = [e.id for e in part.entities if e.index_person]


def _search_app():
    from pathlib import Path

    at = AppTest.from_function(_search_page, default_timeout=60)
    at.session_state["ged"] = str(Path(__file__).parent / "data" / "gedcom" / "gramps_sample2.ged")
    return at


def test_the_page_finds_the_person_by_part_of_the_name_and_makes_them_the_client():
    at = _search_app()
    at.run()
    assert not at.exception, at.exception
    assert len(at.session_state["kept"]) == 42 and not at.selectbox  # small tree: whole
    at.toggle(key="g_tree_part").set_value(True).run()
    at.text_input(key="g_tree_search").set_value("astrid smíth").run()
    assert not at.exception, at.exception
    around = at.selectbox(key="g_tree_around")
    assert around.options == ["Astrid Shermanna Augusta Smith (1889, @I9@)"]
    assert at.session_state["index"] == ["ged-I9"]
    assert "Astrid Shermanna Augusta Smith" in at.session_state["kept"]
    assert len(at.session_state["kept"]) < 42


def test_the_page_lists_several_matches_with_birth_year_and_code():
    at = _search_app()
    at.run()
    at.toggle(key="g_tree_part").set_value(True).run()
    at.text_input(key="g_tree_search").set_value("Hjalmar Smith").run()
    around = at.selectbox(key="g_tree_around")
    assert around.options == ["Hjalmar Smith (1893, @I10@)", "Hjalmar Smith (1895, @I11@)"]
    assert any("2 personen passen" in c.value for c in at.caption)
    around.set_value("ged-I11").run()
    assert at.session_state["index"] == ["ged-I11"]
    at.text_input(key="g_tree_search").set_value("@I17@").run()
    assert at.selectbox(key="g_tree_around").options == ["John Hjalmar Smith (1932, @I17@)"]
    assert at.session_state["index"] == ["ged-I17"]


def test_the_page_says_when_nobody_matches():
    at = _search_app()
    at.run()
    at.toggle(key="g_tree_part").set_value(True).run()
    at.text_input(key="g_tree_search").set_value("Paulie Walnuts").run()
    assert not at.exception
    assert any("Niemand in het bestand past bij 'Paulie Walnuts'" in e.value for e in at.error)


def test_the_cases_page_imports_the_part_around_the_person_found(page_app):
    """End to end on the cases page: upload, search 'Anthony Soprano', pick Jr. from the two,
    import: the new case holds his family around him, with him as the client."""
    from pathlib import Path

    from mapping.storage.store import Store

    content = (Path(__file__).parent / "data" / "gedcom" / "sopranos.ged").read_bytes()
    at = page_app("cases", open_demo=False)
    at.run()
    at.file_uploader(key="cases_upload").set_value(("sopranos.ged", content, "text/plain")).run()
    assert not at.exception, at.exception
    at.toggle(key="cases_tree_part").set_value(True).run()
    at.text_input(key="cases_tree_search").set_value("anthony soprano").run()
    around = at.selectbox(key="cases_tree_around")
    assert around.options == [
        "Anthony John Soprano Sr. (1959, @I1@)",
        "Anthony John Soprano Jr. (?, @I4@)",
    ]
    around.set_value("ged-I4").run()
    at.number_input(key="cases_tree_generations").set_value(1).run()
    next(b for b in at.button if b.key == "cases_do_import").click().run()
    assert not at.exception, at.exception
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "sopranos")
        data = store.load(case.id)
    assert [e.id for e in data.entities if e.index_person] == ["ged-I4"]
    names = {e.name for e in data.entities}
    assert {"Anthony John Soprano Jr.", "Anthony John Soprano Sr.", "Meadow Soprano"} <= names
    assert "John Soprano" not in names  # two generations up: outside one generation
