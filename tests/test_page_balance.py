"""The balance page: the scale, the two columns of factors, add/edit/reorder/delete, export."""

from __future__ import annotations

import html
import io

import pytest
from pypdf import PdfReader

from mapping.core.vocabulary import FactorLevel, FactorSide, LifeDomain
from mapping.services.balance import ordered
from mapping.storage.store import Store


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def real_names(data) -> set[str]:
    """Every first name and surname of the people in the case (particles left out)."""
    words = {
        word.strip("()")
        for entity in data.entities
        if entity.is_person
        for word in entity.name.replace("-", " ").split()
        if word[0].isupper()
    }
    return {w for w in words if len(w) > 2}


def svgs(at) -> list[str]:
    """The pages of the figure frames (one frame deeper, in a sandboxed srcdoc)."""
    pages = [html.unescape(el.proto.srcdoc) for el in at.get("iframe")]
    return [page for page in pages if "<svg" in page]


def test_page_draws_the_scale_and_the_sums(page_app):
    at = page_app("balance")
    at.run()
    assert not at.exception, at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Draagkracht (gewogen)"] == "16"
    assert values["Draaglast (gewogen)"] == "24"
    assert values["Verschil"] == "-8"
    scale = [s for s in svgs(at) if "lens-balance" in s]
    assert len(scale) == 1
    assert scale[0].count('data-area-id="balance:factor:') == 12
    # factors in two columns, in the user's order, with up/down buttons
    assert at.button(key="bal_up_f-warm").disabled  # the first one cannot go up
    assert not at.button(key="bal_down_f-warm").disabled
    assert at.toggle(key="bal_badges_toggle").value is True
    assert at.session_state["casemap_badges"] is True


def test_add_a_factor_linked_to_a_person_and_a_relation(page_app):
    at = page_app("balance")
    at.run()
    at.text_input(key="bal_new_description").input("Opa Henk repareert de fietsen")
    at.radio(key="bal_new_side").set_value(FactorSide.DRAAGKRACHT.value)
    at.selectbox(key="bal_new_level").set_value(FactorLevel.MESO.value)
    at.selectbox(key="bal_new_domain").set_value(LifeDomain.NETWORK.value)
    at.slider(key="bal_new_weight").set_value(2)
    at.multiselect(key="bal_new_entities").set_value(["els"])
    at.multiselect(key="bal_new_relations").set_value(["e-rick-daan"])
    at.button(key="bal_new_submit").click().run()
    assert not at.exception, at.exception
    data = load(at)
    added = [f for f in data.factors if f.description == "Opa Henk repareert de fietsen"]
    assert len(added) == 1
    factor = added[0]
    assert factor.side is FactorSide.DRAAGKRACHT and factor.weight == 2
    assert factor.level is FactorLevel.MESO and factor.domain is LifeDomain.NETWORK
    assert factor.entity_ids == ("els",) and factor.relation_ids == ("e-rick-daan",)
    assert ordered(data.factors, FactorSide.DRAAGKRACHT)[-1].id == factor.id  # at the bottom
    assert {m.label: m.value for m in at.metric}["Draagkracht (gewogen)"] == "18"


def test_labels_of_the_link_lists_are_readable(page_app):
    at = page_app("balance")
    at.run()
    people = at.multiselect(key="bal_new_entities")
    assert people.format_func("els") == "Els Visser (buurvrouw)"
    rick = load(at).entity("rick").name
    daan = load(at).entity("daan").name
    relation = at.multiselect(key="bal_new_relations").format_func("e-rick-daan")
    assert relation == f"conflict: {rick} – {daan}"


def test_an_empty_description_is_refused_and_nothing_is_saved(page_app):
    at = page_app("balance")
    at.run()
    before = load(at)
    at.text_input(key="bal_new_description").input("   ")
    at.button(key="bal_new_submit").click().run()
    assert not at.exception
    assert at.error and "Beschrijf" in at.error[0].value
    after = load(at)
    assert after.factors == before.factors and after.case.revision == before.case.revision


def test_reorder_with_up_and_down(page_app):
    at = page_app("balance")
    at.run()
    before = load(at).case.revision
    at.button(key="bal_up_f-oma").click().run()
    assert not at.exception, at.exception
    order = [f.id for f in ordered(load(at).factors, FactorSide.DRAAGKRACHT)]
    assert order[:2] == ["f-oma", "f-warm"]
    # both factors changed place, in one revision (one click, one change in the history)
    assert load(at).case.revision == before + 1
    at.button(key="bal_down_f-oma").click().run()
    order = [f.id for f in ordered(load(at).factors, FactorSide.DRAAGKRACHT)]
    assert order[:2] == ["f-warm", "f-oma"]
    # the draaglast column is untouched
    assert [f.id for f in ordered(load(at).factors, FactorSide.DRAAGLAST)][0] == "f-schuld"


def test_edit_a_factor_moves_it_to_the_other_side(page_app):
    at = page_app("balance")
    at.run()
    at.button(key="bal_edit_f-peter").click().run()
    form = "bal_form_f-peter"
    assert at.text_input(key=f"{form}_description").value.startswith("Verslaving")
    at.text_input(key=f"{form}_description").input("Peter is clean en helpt mee")
    at.radio(key=f"{form}_side").set_value(FactorSide.DRAAGKRACHT.value)
    at.slider(key=f"{form}_weight").set_value(4)
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    peter = next(f for f in load(at).factors if f.id == "f-peter")
    assert peter.side is FactorSide.DRAAGKRACHT and peter.weight == 4
    assert peter.description == "Peter is clean en helpt mee"
    assert peter.entity_ids == ("peter",)  # links kept
    assert {m.label: m.value for m in at.metric}["Draaglast (gewogen)"] == "22"


def test_delete_a_factor(page_app):
    at = page_app("balance")
    at.run()
    at.button(key="bal_delete_f-schuld").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert "f-schuld" not in {f.id for f in data.factors}
    # the goal that addressed it lost the link, not the goal
    geld = next(g for g in data.goals if g.id == "g-geld")
    assert geld.factor_ids == ("f-huur",)


def blob(at) -> bytes:
    return at.session_state["bal_export_blob"][1]


def test_export_svg_and_png(page_app):
    at = page_app("balance")
    at.run()
    at.selectbox(key="bal_format").set_value("svg")
    at.button(key="bal_export").click().run()
    assert not at.exception, at.exception
    svg = blob(at)
    assert svg.startswith(b"<?xml") and b"<svg" in svg and b"lens-balance" in svg
    assert b"Sanne" in svg  # real names unless asked otherwise
    assert at.get("download_button")
    at.selectbox(key="bal_format").set_value("png300")
    at.button(key="bal_export").click().run()
    assert blob(at)[:8] == b"\x89PNG\r\n\x1a\n"
    wide = int.from_bytes(blob(at)[16:20], "big")
    at.selectbox(key="bal_format").set_value("png")
    at.button(key="bal_export").click().run()
    assert wide == pytest.approx(int.from_bytes(blob(at)[16:20], "big") * 300 / 96, rel=0.01)
    at.selectbox(key="bal_format").set_value("pdf")
    at.button(key="bal_export").click().run()
    assert blob(at).startswith(b"%PDF")


def test_pseudonymised_export_holds_no_names(page_app):
    at = page_app("balance")
    at.run()
    # the balance offers pseudonyms (the factors name people), not 'hide notes' (it has none)
    assert at.toggle(key="bal_pseudonymise").value is False
    with pytest.raises(KeyError):
        at.toggle(key="bal_hide_notes")
    at.selectbox(key="bal_format").set_value("pdf")
    at.toggle(key="bal_pseudonymise").set_value(True)
    at.button(key="bal_export").click().run()
    assert not at.exception, at.exception
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(blob(at))).pages)
    assert "Draagkracht: 16" in text and "gepseudonimiseerd" in text
    for name in real_names(load(at)):
        assert name not in text, name


def test_badges_toggle_is_remembered_for_the_lens_pages(page_app):
    at = page_app("balance")
    at.run()
    at.toggle(key="bal_badges_toggle").set_value(False).run()
    assert at.session_state["casemap_badges"] is False


def test_english(page_app):
    at = page_app("balance")
    at.session_state["casemap_lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Balance: capacity and load"
    scale = [s for s in svgs(at) if "lens-balance" in s][0]
    assert "Capacity: 16" in scale


# ----------------------------------------------------------------- issue 23: no carry-over


def test_two_factors_in_a_row_each_get_their_own_values(page_app):
    at = page_app("balance")
    at.run()
    form = "bal_new"
    at.text_input(key=f"{form}_description").input("Schuld bij de energieleverancier")
    at.radio(key=f"{form}_side").set_value(FactorSide.DRAAGLAST.value)
    at.selectbox(key=f"{form}_level").set_value(FactorLevel.MACRO.value)
    at.selectbox(key=f"{form}_domain").set_value(LifeDomain.FINANCES.value)
    at.slider(key=f"{form}_weight").set_value(5)
    at.radio(key=f"{form}_source").set_value("professional")
    at.multiselect(key=f"{form}_entities").set_value(["sanne"])
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    # back at the documented defaults
    assert at.text_input(key=f"{form}_description").value == ""
    assert at.radio(key=f"{form}_side").value == FactorSide.DRAAGKRACHT.value
    assert at.selectbox(key=f"{form}_level").value == FactorLevel.MICRO.value
    assert at.selectbox(key=f"{form}_domain").value == ""
    assert at.slider(key=f"{form}_weight").value == 3
    assert at.radio(key=f"{form}_source").value == "family"
    assert at.multiselect(key=f"{form}_entities").value == []
    at.text_input(key=f"{form}_description").input("Oma past op woensdag op")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    by_text = {f.description: f for f in load(at).factors}
    debt, grandma = by_text["Schuld bij de energieleverancier"], by_text["Oma past op woensdag op"]
    assert (debt.side, debt.level, debt.domain, debt.weight, debt.source.value) == (
        FactorSide.DRAAGLAST,
        FactorLevel.MACRO,
        LifeDomain.FINANCES,
        5,
        "professional",
    )
    assert debt.entity_ids == ("sanne",)
    assert (grandma.side, grandma.level, grandma.domain, grandma.weight) == (
        FactorSide.DRAAGKRACHT,
        FactorLevel.MICRO,
        None,
        3,
    )
    assert (grandma.source.value, grandma.entity_ids) == ("family", ())
