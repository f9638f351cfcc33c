"""The export panel never offers a file made for another case or an earlier state.

The made file waits in the session so its download survives a rerun; a
file of family A must not be offered on family B's page under B's name,
nor a map of before a change (or in the other language) as the current one.
"""

from __future__ import annotations

from dataclasses import replace

from mapping.services.demo import demo_case
from mapping.storage.store import Store
from views.state import LANG, OPEN_CASE


def downloads(at) -> list:
    return [b for b in at.get("download_button") if b.key == "geno_download"]


def made_genogram(page_app):
    at = page_app("genogram")
    at.session_state["geno_tab"] = "Importeren en exporteren"  # only the open tab runs
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
    assert at.session_state["geno_tab"] == "Import and export"  # the same tab stays open
    assert at.button(key="geno_export")  # with the panel, but not the Dutch file
    assert downloads(at) == []


def test_a_pdf_goes_on_the_chosen_paper_and_the_page_says_it_is_tiled(page_app):
    """#19.1 on the genogram page: A3 landscape to start with; A4 portrait makes tiled sheets."""
    import io

    from pypdf import PdfReader

    at = page_app("genogram")
    at.session_state["geno_tab"] = "Importeren en exporteren"  # only the open tab runs
    at.run()
    at.selectbox(key="geno_format").set_value("pdf").run()
    assert at.selectbox(key="geno_paper").value == "a3"
    assert at.selectbox(key="geno_orientation").value == "landscape"
    at.selectbox(key="geno_paper").set_value("a4")
    at.selectbox(key="geno_orientation").set_value("portrait")
    at.button(key="geno_export").click().run()
    assert not at.exception, at.exception
    [download] = downloads(at)
    pdf = PdfReader(io.BytesIO(at.session_state["geno_export_blob"][1]))
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert any("bladen A4 staand" in info.value for info in at.info)


def test_the_ecogram_starts_on_a4_and_a_png_offers_scaling_down_or_tiles(page_app):
    at = page_app("ecogram")
    at.run()
    at.session_state["eco_exporting"] = True  # the export is made only while open (#20)
    at.run()
    at.selectbox(key="eco_format").set_value("pdf").run()
    assert at.selectbox(key="eco_paper").value == "a4"
    at.selectbox(key="eco_format").set_value("png").run()
    mode = at.selectbox(key="eco_png_mode")
    assert mode.value == "verkleinen" and mode.options == [
        "verkleinen tot het past",
        "in tegels (zip)",
    ]
    at.button(key="eco_export").click().run()  # the demo's ecogram fits one PNG: no notice
    assert not at.exception, at.exception
    assert at.session_state["eco_export_blob"][1][:4] == b"\x89PNG" and not at.info
