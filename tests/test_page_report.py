"""The report page: a PDF is offered only for the choices it was made with."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def downloads(at: AppTest) -> list:
    return [el for el in at.get("download_button")]


def test_report_is_made_and_never_offered_for_other_choices(page_app):
    at = page_app("report")
    at.run()
    assert not at.exception, at.exception
    assert not downloads(at)
    at.button(key="report_build").click().run(timeout=180)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(downloads(at)) == 1
    made = at.session_state["report_pdf"][1]
    assert made.startswith(b"%PDF")
    # switching to pseudonyms hides the PDF with real names until a new one is made
    at.toggle(key="report_pseudo").set_value(True).run()
    assert not downloads(at)
    at.toggle(key="report_pseudo").set_value(False).run()
    assert len(downloads(at)) == 1
    # the same for another language
    at.radio(key="report_lang").set_value("en").run()
    assert not downloads(at)
