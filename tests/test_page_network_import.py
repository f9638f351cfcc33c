"""Network files (GEXF, GML, Pajek, CSV) uploaded on the Netwerkkaart and Casussen pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.store import Store

DATA = Path(__file__).resolve().parent / "data" / "network"


@pytest.fixture
def app(page_app):
    at = page_app("sociogram")
    at.run()
    assert not at.exception, at.exception
    return at


def button(at, key):
    return next(b for b in at.button if b.key == key)


def upload(at, key: str, path: Path, name: str | None = None) -> None:
    at.file_uploader(key=key).set_value((name or path.name, path.read_bytes(), "text/plain"))
    at.run()
    assert not at.exception, at.exception


def cases(at) -> list:
    with Store(at.db_path) as store:
        return store.list_cases()


def imported(at):
    new_id = at.session_state["socio_imported"][0]
    with Store(at.db_path) as store:
        return store.load(new_id)


@pytest.mark.parametrize(
    ("file", "code", "entities", "relations", "ego"),
    [
        ("polinode_survey.gexf", "GEXF-", 10, 17, "Britta Witzel"),
        ("lesmis.gml", "GML-", 77, 254, "Valjean"),
        ("igraph_signed_matrix.net", "PAJEK-", 10, 33, "S75"),
        ("gephi_edges_repeated.csv", "CSV-", 4, 3, "2"),
        ("handmade/dutch_excel.csv", "CSV-", 4, 4, "Renée"),
    ],
)
def test_sociogram_page_imports_each_format(app, file, code, entities, relations, ego):
    before = len(cases(app))
    upload(app, "socio_upload", DATA / file)
    button(app, "socio_import").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    data = imported(app)
    assert data.case.code.startswith(code)
    assert (len(data.entities), len(data.relations)) == (entities, relations)
    assert [e.name for e in data.entities if e.index_person] == [ego]
    assert len(cases(app)) == before + 1
    success = " ".join(s.value for s in app.success)
    assert f"{entities} personen" in success


def test_sociogram_page_says_what_was_merged_and_left_out(app):
    upload(app, "socio_upload", DATA / "igraph_links.net")
    button(app, "socio_import").click().run()
    warning = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "naar zichzelf" in warning and "paar/paren" in warning


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("hostile/billion_laughs.gexf", "DTD of entiteiten"),
        ("hostile/garbage.gml", "binaire gegevens"),
        ("hostile/unbalanced.gml", "haakjes"),
        ("hostile/one_column.csv", "één kolom"),
    ],
)
def test_sociogram_page_refuses_a_hostile_file_in_dutch_and_writes_nothing(app, file, words):
    before = len(cases(app))
    upload(app, "socio_upload", DATA / file)
    button(app, "socio_import").click().run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error).replace("\\", "")
    assert words in errors
    assert len(cases(app)) == before
    assert "socio_imported" not in app.session_state


def test_sociogram_page_keeps_script_and_markdown_names_literal(app):
    upload(app, "socio_upload", DATA / "hostile" / "script_labels.gexf")
    button(app, "socio_import").click().run()
    names = sorted(e.name for e in imported(app).entities)
    assert names[0] == "<img src=x onerror=alert(2)>" and "<script>alert(1)</script>" in names
    assert not any("<script>" in m.value for m in app.markdown)


def test_sociogram_page_in_english_names_the_formats(page_app):
    from views.state import LANG

    at = page_app("sociogram")
    at.session_state[LANG] = "en"
    at.run()
    assert not at.exception
    assert any("File formats: GraphML, GEXF, GML, Pajek" in c.value for c in at.caption)
    upload(at, "socio_upload", DATA / "hostile" / "one_column.csv")
    button(at, "socio_import").click().run()
    assert any("only one column" in e.value for e in at.error)


def test_a_gexf_saved_as_xml_is_read_as_gexf(app):
    upload(app, "socio_upload", DATA / "polinode_survey.gexf", name="survey.xml")
    button(app, "socio_import").click().run()
    assert imported(app).case.code.startswith("GEXF-")


def test_cases_page_imports_a_gml_and_refuses_garbage(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    upload(at, "cases_upload", DATA / "karate.gml")
    assert not at.error
    button(at, "cases_do_import").click().run()
    assert not at.exception, at.exception
    flashed = " ".join(i.value for i in at.info)
    assert "34 personen" in flashed
    assert any(c.code.startswith("GML-") for c in cases(at))
    before = len(cases(at))
    upload(at, "cases_upload", DATA / "hostile" / "garbage.gml")
    assert any("binaire gegevens" in e.value for e in at.error)
    assert not any(b.key == "cases_do_import" for b in at.button)
    assert len(cases(at)) == before
