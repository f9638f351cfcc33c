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


def test_a_referral_is_named_as_the_kaart_names_it(page_app):
    """A referral to an organisation of the sociale kaart that is not on the family's
    ecogram: the report names it by the kaart's name (and by its kind when pseudonymised)."""
    import dataclasses
    import io

    from pypdf import PdfReader

    from mapping.core.model import Action, Goal
    from mapping.services.sociale_kaart import Organisation, save_org
    from mapping.storage.store import Store

    at = page_app("report")
    with Store(at.db_path) as store:
        org = save_org(
            store, Organisation(name="Kledingbank Zuidwijk", kind="other"), author="test"
        )
        data = store.load(at.case_id)
        assert org.id not in {e.kaart_id for e in data.entities}
        store.save(at.case_id, Goal(id="g-kleding", title="Winterkleding"), author="test")
        store.save(
            at.case_id,
            dataclasses.replace(
                Action(id="a-kleding", goal_id="g-kleding", what="Aanmelden"),
                referral_org=org.id,
                referral_status="wachtlijst",
                referred_on="2026-11-01",
            ),
            author="test",
        )
    at.run()
    at.button(key="report_build").click().run(timeout=180)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    pdf = PdfReader(io.BytesIO(at.session_state["report_pdf"][1]))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Kledingbank Zuidwijk" in text
    at.toggle(key="report_pseudo").set_value(True).run()
    at.button(key="report_build").click().run(timeout=180)
    pdf = PdfReader(io.BytesIO(at.session_state["report_pdf"][1]))
    assert "Kledingbank" not in " ".join(page.extract_text() for page in pdf.pages)
