"""The Netwerkkaart page: choose ego, add and edit members, who-knows-whom, metrics, import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mapping.core.vocabulary import RelationKind, Ring, Sector, SupportType, Valence
from mapping.storage.store import Store

DATA = Path(__file__).resolve().parent / "data" / "graphml"


@pytest.fixture
def app(page_app):
    at = page_app("sociogram")
    at.run()
    assert not at.exception, at.exception
    return at


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def texts(at) -> str:
    """All markdown of the page, with markdown escapes removed."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def button(at, key):
    return next(b for b in at.button if b.key == key)


#: The page's tabs in order. Only the open tab's content runs and is sent (lazy tabs, #20):
#: a test opens a tab before it uses its widgets, as a user clicks it.
TABS = ["cand", "add", "edit", "knows", "exchange"]


def open_tab(at, name: str):
    """Open one of the page's tabs by name (its label read from the page: any language)."""
    at.session_state["socio_tab"] = at.tabs[TABS.index(name)].label
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_shows_mother_by_default_with_metrics(app):
    assert app.selectbox(key="socio_ego").value == "sanne"
    body = texts(app)
    assert "**Dichtheid**: 0,12" in body
    assert "**Grootte**: 13" in body
    assert "Peter Jansen, Mark Bakker" in body  # only burdening
    assert not app.error


def test_choose_another_ego(app):
    app.selectbox(key="socio_ego").select("daan").run()
    assert not app.exception
    assert "**Grootte**: 6" in texts(app)


def test_add_existing_entity_as_member(app):
    app.radio(key="socio_add_source").set_value("existing").run()
    app.selectbox(key="socio_add0_existing").select("fatima").run()
    prefix = "socio_add0_fatima"
    app.selectbox(key=f"{prefix}_sector").select(Sector.FRIENDS.value)
    app.selectbox(key=f"{prefix}_ring").select(Ring.CLOSE.value)
    app.selectbox(key=f"{prefix}_valence").select(Valence.AMBIVALENT.value)
    app.multiselect(key=f"{prefix}_support").select(SupportType.EMOTIONAL.value)
    app.checkbox(key=f"{prefix}_recip").check()
    button(app, "socio_add0_go").click().run()
    assert not app.exception and not app.error
    tie = next(
        r
        for r in load(app).relations
        if r.kind is RelationKind.SUPPORT and r.source == "sanne" and r.target == "fatima"
    )
    assert (tie.sector, tie.ring, tie.subtype) == (Sector.FRIENDS, Ring.CLOSE, "ambivalent")
    assert tie.support == (SupportType.EMOTIONAL,) and tie.reciprocal
    assert "Toegevoegd aan de netwerkkaart." in [s.value.replace("\\", "") for s in app.success]
    assert "**Grootte**: 14" in texts(app)


def test_add_new_neighbour(app):
    app.radio(key="socio_add_source").set_value("person").run()
    app.text_input(key="socio_add0_name").input("Gerrit <buurman>").run()
    app.selectbox(key="socio_add0_person_sector").select(Sector.NEIGHBOURS.value)
    button(app, "socio_add0_go").click().run()
    assert not app.exception and not app.error
    data = load(app)
    gerrit = next(e for e in data.entities if e.name == "Gerrit <buurman>")
    tie = next(r for r in data.relations if r.target == gerrit.id)
    assert tie.sector is Sector.NEIGHBOURS and tie.source == "sanne"
    # the form starts empty again
    assert app.text_input(key="socio_add1_name").value == ""


def test_add_without_name_shows_dutch_error(app):
    app.radio(key="socio_add_source").set_value("system").run()
    button(app, "socio_add0_go").click().run()
    assert not app.exception
    assert [e.value.replace("\\", "") for e in app.error] == ["Vul een naam in."]


def test_edit_and_remove_a_tie(app):
    open_tab(app, "edit")
    app.selectbox(key="socio_edit_member").select("els").run()
    prefix = "socio_edit_els"
    app.selectbox(key=f"{prefix}_ring").select(Ring.CLOSE.value)
    app.selectbox(key=f"{prefix}_freq").select("daily")
    next(b for b in app.button if "FormSubmitter:socio_edit_els" in b.id).click().run()
    assert not app.exception and not app.error
    tie = next(r for r in load(app).relations if r.id == "s-sanne-els")
    assert tie.ring is Ring.CLOSE and tie.frequency == "daily"
    assert tie.support == (SupportType.PRACTICAL, SupportType.COMPANY)  # kept
    app.selectbox(key="socio_edit_member").select("els").run()
    button(app, "socio_remove_els").click().run()
    assert not app.exception
    data = load(app)
    assert not any(r.id == "s-sanne-els" for r in data.relations)
    assert any(e.id == "els" for e in data.entities)  # the person stays in the case


def test_add_and_remove_acquaintance(app):
    open_tab(app, "knows")
    app.multiselect(key="socio_knows_pick").select("els").select("karin").run()
    button(app, "socio_knows_add").click().run()
    assert not app.exception and not app.error
    assert app.session_state["socio_tab"] == "Kennen elkaar"  # still open after the save
    new = [
        r
        for r in load(app).relations
        if r.kind is RelationKind.ACQUAINTANCE and {r.source, r.target} == {"els", "karin"}
    ]
    assert len(new) == 1
    button(app, f"socio_knows_del_{new[0].id}").click().run()
    assert not app.exception
    assert not any(r.id == new[0].id for r in load(app).relations)


def test_change_by_a_colleague_is_not_overwritten(app):
    open_tab(app, "knows")
    with Store(app.db_path) as store:  # a colleague saves after this page was drawn
        els = next(e for e in store.load(app.case_id).entities if e.id == "els")
        store.save(app.case_id, replace(els, note="gesproken op maandag"))
    app.multiselect(key="socio_knows_pick").select("els").select("karin")
    button(app, "socio_knows_add").click().run()
    assert not app.exception
    assert app.error  # StaleRevision, shown in Dutch
    assert not any(
        {r.source, r.target} == {"els", "karin"} for r in load(app).relations
    )  # nothing written on top of the colleague's change


def test_downloads_present(app):
    open_tab(app, "exchange")
    keys = {b.key for b in app.get("download_button")} if hasattr(app, "get") else set()
    assert {"socio_graphml", "socio_members_csv", "socio_ties_csv"} <= keys


def test_english(page_app):
    from views.state import LANG

    at = page_app("sociogram")
    at.session_state[LANG] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sociogram"
    assert "**Density**: 0.12" in texts(at)


def test_image_export_png_and_pseudonymised_svg(app):
    open_tab(app, "exchange")
    app.selectbox(key="socio_format").select("png").run()
    button(app, "socio_export").click().run()
    assert not app.exception and not app.error
    made_for, blob, *_ = app.session_state["socio_export_blob"]
    assert made_for[0] == "png" and made_for[3] == ("sanne",)  # the file knows its ego
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    assert any(b.key == "socio_download" for b in app.get("download_button"))
    app.selectbox(key="socio_format").select("svg").run()
    app.toggle(key="socio_pseudonymise").set_value(True).run()
    button(app, "socio_export").click().run()
    assert not app.exception and not app.error
    svg = app.session_state["socio_export_blob"][1].decode("utf-8")
    assert "<svg" in svg and "Sanne" not in svg and "Jansen" not in svg


def test_a_file_made_for_one_ego_is_not_offered_for_another(app):
    open_tab(app, "exchange")
    button(app, "socio_export").click().run()
    assert any(b.key == "socio_download" for b in app.get("download_button"))
    app.selectbox(key="socio_ego").select("daan").run()
    assert not app.exception
    assert not any(b.key == "socio_download" for b in app.get("download_button"))


def test_graphml_import_makes_a_new_case(app):
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    content = (DATA / "miserables.graphml").read_bytes()
    record = UploadedFileRec(
        file_id="f1", name="miserables.graphml", type="application/xml", data=content
    )
    upload = UploadedFile(record, None)
    open_tab(app, "exchange")
    # AppTest has no file_uploader element yet: hand the upload to the widget's state
    app.session_state["socio_upload"] = upload
    app.run()
    assert not app.exception
    if not app.session_state["socio_upload"]:
        pytest.skip("this Streamlit version does not keep a file set from AppTest")
    button(app, "socio_import").click().run()
    assert not app.exception and not app.error
    with Store(app.db_path) as store:
        codes = [c.code for c in store.list_cases()]
    assert any(code.startswith("GRAPHML-") for code in codes)


def upload(at, name: str, content: bytes) -> None:
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    record = UploadedFileRec(file_id=name, name=name, type="application/xml", data=content)
    if at.session_state["socio_tab"] != at.tabs[TABS.index("exchange")].label:
        open_tab(at, "exchange")
    # AppTest has no file_uploader element yet: hand the upload to the widget's state
    at.session_state["socio_upload"] = UploadedFile(record, None)
    at.run()


def test_graphml_import_lists_what_was_left_out_and_tidies_names(app):
    xml = (
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        b'<key id="n" for="node" attr.name="name" attr.type="string"/>'
        b'<key id="a" for="node" attr.name="leeftijd" attr.type="int"/>'
        b'<graph edgedefault="undirected">'
        b'<node id="x"><data key="n">Ank&#x7f;e</data><data key="a">veel</data></node>'
        b'<node id="y"><data key="n">Bo</data></node><node id="z"/>'
        b'<edge source="x" target="y"/><edge source="x" target="z"/></graph></graphml>'
    )
    upload(app, "wild.graphml", xml)
    button(app, "socio_import").click().run()
    assert not app.exception and not app.error
    warning = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "leeftijd" in warning and "x (Anke) ('veel')" in warning
    new_id = app.session_state["socio_imported"][0]
    with Store(app.db_path) as store:
        names = sorted(e.name for e in store.load(new_id).entities)
    assert names == ["Anke", "Bo", "z"]  # every node, the control character dropped


def test_graphml_with_an_edge_to_nowhere_keeps_the_nodes_and_warns_in_dutch(app):
    xml = (
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
        b'<node id="a"/><edge id="e9" source="a" target="spook"/></graph></graphml>'
    )
    upload(app, "broken.graphml", xml)
    with Store(app.db_path) as store:
        before = len(store.list_cases())
    button(app, "socio_import").click().run()
    assert not app.exception and not app.error
    [warning] = [w.value for w in app.warning if "'spook'" in w.value]
    assert "weggelaten" in warning
    with Store(app.db_path) as store:
        assert len(store.list_cases()) == before + 1


# ----------------------------------------------------------------- candidates
@pytest.fixture
def gedcom_app(page_app):
    """The page on a case imported from GEDCOM: family, no support ties."""
    from mapping.formats.gedcom import read_gedcom
    from mapping.formats.importers import tidy
    from views.state import OPEN_CASE

    at = page_app("sociogram", open_demo=False, with_demo=False)
    source = Path(__file__).resolve().parent / "data" / "gedcom" / "harry_potter.ged"
    with Store(at.db_path) as store:
        case = store.import_case(tidy(read_gedcom(source.read_bytes(), title="Potter")))
    at.case_id = case.id
    at.session_state[OPEN_CASE] = case.id
    at.session_state["socio_ego"] = "ged-I2"  # Harry
    at.run()
    assert not at.exception, at.exception
    return at


def test_empty_map_of_a_gedcom_case_offers_the_family(gedcom_app):
    at = gedcom_app
    assert at.session_state["socio_tab"] == "Uit de casus"  # opened on the candidates
    assert any("nog geen geplaatste banden" in i.value for i in at.info)
    options = at.multiselect(key="socio_cand_pick").options
    assert "Ginerva Molly Weasley (familie)" in options  # his wife, the first one
    assert len(options) > 10
    # two people called 'Unknown' in the tree: told apart (the widget matches by text)
    assert {"Unknown (familie, #1)", "Unknown (familie, #2)"} <= set(options)
    assert len(set(options)) == len(options)


def test_two_candidates_with_the_same_name_are_both_added(gedcom_app):
    at = gedcom_app
    at.multiselect(key="socio_cand_pick").select("ged-I9").select("ged-I14").run()
    assert not at.exception
    button(at, "socio_cand_go").click().run()
    assert not at.exception and not at.error
    targets = {r.target for r in load(at).relations if r.kind is RelationKind.SUPPORT}
    assert targets == {"ged-I9", "ged-I14"}


def test_several_candidates_are_added_at_once_as_one_revision(gedcom_app):
    at = gedcom_app
    before = load(at).case.revision
    for person in ("ged-I3", "ged-I4", "ged-I15"):  # Ginny, James Sirius, Arthur Weasley
        at.multiselect(key="socio_cand_pick").select(person)
    at.run()
    assert at.selectbox(key="socio_cand_ged-I3_sector").value == Sector.HOUSEHOLD.value
    assert at.selectbox(key="socio_cand_ged-I3_ring").value == Ring.MIDDLE.value
    at.selectbox(key="socio_cand_ged-I15_ring").select(Ring.FAR.value)
    button(at, "socio_cand_go").click().run()
    assert not at.exception and not at.error
    data = load(at)
    assert data.case.revision == before + 1  # one save for three ties
    ties = {
        r.target: (r.sector, r.ring)
        for r in data.relations
        if r.kind is RelationKind.SUPPORT and r.source == "ged-I2"
    }
    assert ties == {
        "ged-I3": (Sector.HOUSEHOLD, Ring.MIDDLE),
        "ged-I4": (Sector.HOUSEHOLD, Ring.MIDDLE),
        "ged-I15": (Sector.HOUSEHOLD, Ring.FAR),
    }
    shown = [s.value.replace("\\", "") for s in at.success]  # markdown escapes removed
    assert "3 opgenomen in de netwerkkaart van Harry James Potter." in shown
    assert "ged-I3" not in at.multiselect(key="socio_cand_pick").options
    assert "**Grootte**: 3" in texts(at)


def test_quick_pick_of_the_demo_household_and_systems(page_app):
    at = page_app("sociogram")
    at.session_state["socio_ego"] = "daan"
    at.run()
    open_tab(at, "cand")
    button(at, "socio_cand_household").click().run()
    picked = at.multiselect(key="socio_cand_pick").value
    assert picked and all(at.selectbox(key=f"socio_cand_{p}_ring").value == "1" for p in picked)
    button(at, "socio_cand_systems").click().run()
    values = at.multiselect(key="socio_cand_pick_sys").value  # organisations: their own list
    assert "huisarts" in values and at.selectbox(key="socio_cand_huisarts_sector").value == (
        Sector.PROFESSIONALS.value
    )
    assert at.multiselect(key="socio_cand_pick").value == picked  # people unchanged
    button(at, "socio_cand_clear").click().run()
    assert at.multiselect(key="socio_cand_pick").value == []
    assert at.multiselect(key="socio_cand_pick_sys").value == []


def test_a_refused_batch_saves_nothing(gedcom_app):
    at = gedcom_app
    at.multiselect(key="socio_cand_pick").select("ged-I3").select("ged-I4").run()
    with Store(at.db_path) as store:  # a colleague saves in between
        ginny = next(e for e in store.load(at.case_id).entities if e.id == "ged-I3")
        store.save(at.case_id, replace(ginny, note="belt elke dag"))
    button(at, "socio_cand_go").click().run()
    assert not at.exception and at.error
    assert not [r for r in load(at).relations if r.kind is RelationKind.SUPPORT]


# ----------------------------------------------------------------- the canvas hands over
def canvas_event(at, event: dict) -> None:
    """What the canvas hands the page after a connect or select on the map."""
    at.session_state["casemap_canvas_pending"] = {"socio": event}


def test_connecting_ego_and_a_member_opens_the_tie_prefilled(app):
    canvas_event(app, {"type": "connect", "source": "els", "target": "sanne"})
    app.run()
    assert not app.exception, app.exception
    prefix = "socio_pending_els"
    before = next(r for r in load(app).relations if r.id == "s-sanne-els")
    assert app.selectbox(key=f"{prefix}_sector").value == before.sector.value
    assert app.selectbox(key=f"{prefix}_ring").value == before.ring.value
    assert app.multiselect(key=f"{prefix}_support").value == [s.value for s in before.support]
    app.selectbox(key=f"{prefix}_valence").select(Valence.AMBIVALENT.value)
    app.selectbox(key=f"{prefix}_freq").select("weekly")
    app.checkbox(key=f"{prefix}_recip").check()
    app.button(key="socio_pending_save").click().run()
    assert not app.exception and not app.error
    tie = next(r for r in load(app).relations if r.id == "s-sanne-els")
    assert (tie.subtype, tie.frequency, tie.reciprocal) == ("ambivalent", "weekly", True)
    assert tie.support == before.support
    assert "socio_pending" not in app.session_state


def test_connecting_ego_and_someone_new_adds_them_with_the_suggested_cell(app):
    canvas_event(app, {"type": "connect", "source": "sanne", "target": "jeugdzorg"})
    app.run()
    assert app.selectbox(key="socio_pending_jeugdzorg_sector").value == Sector.PROFESSIONALS.value
    app.multiselect(key="socio_pending_jeugdzorg_support").select(SupportType.INFORMATIONAL.value)
    app.button(key="socio_pending_save").click().run()
    assert not app.exception and not app.error
    tie = next(
        r
        for r in load(app).relations
        if r.kind is RelationKind.SUPPORT and (r.source, r.target) == ("sanne", "jeugdzorg")
    )
    assert tie.sector is Sector.PROFESSIONALS and tie.support == (SupportType.INFORMATIONAL,)


def test_cancel_saves_nothing(app):
    canvas_event(app, {"type": "connect", "source": "sanne", "target": "jeugdzorg"})
    app.run()
    before = load(app).case.revision
    app.button(key="socio_pending_cancel").click().run()
    assert not app.exception
    assert load(app).case.revision == before and "socio_pending" not in app.session_state


def test_connecting_two_members_records_then_edits_who_knows_whom(app):
    canvas_event(app, {"type": "connect", "source": "els", "target": "karin"})
    app.run()
    assert not app.exception
    app.text_input(key="socio_pending_knows_els_karin").input("buren van vroeger")
    app.button(key="socio_pending_knows_save").click().run()
    assert not app.exception and not app.error
    knows = [
        r
        for r in load(app).relations
        if r.kind is RelationKind.ACQUAINTANCE and {r.source, r.target} == {"els", "karin"}
    ]
    assert len(knows) == 1 and knows[0].label == "buren van vroeger"
    # the same pair again: the existing line is edited, not doubled
    canvas_event(app, {"type": "connect", "source": "karin", "target": "els"})
    app.run()
    field = app.text_input(key="socio_pending_knows_karin_els")
    assert field.value == "buren van vroeger"
    field.input("oud-collega's")
    app.button(key="socio_pending_knows_save").click().run()
    again = [r for r in load(app).relations if r.id == knows[0].id]
    assert again[0].label == "oud-collega's"
    assert (
        sum(
            r.kind is RelationKind.ACQUAINTANCE and {r.source, r.target} == {"els", "karin"}
            for r in load(app).relations
        )
        == 1
    )
    canvas_event(app, {"type": "connect", "source": "els", "target": "karin"})
    app.run()
    app.button(key="socio_pending_knows_remove").click().run()
    assert not any(r.id == knows[0].id for r in load(app).relations)


def test_connecting_a_member_with_an_outsider_explains_and_saves_nothing(app):
    before = load(app).case.revision
    canvas_event(app, {"type": "connect", "source": "els", "target": "jeugdzorg"})
    app.run()
    assert not app.exception
    assert any("staat nog niet in de netwerkkaart" in w.value for w in app.warning)
    assert load(app).case.revision == before and "socio_pending" not in app.session_state


def test_selecting_a_member_opens_its_tie_with_plan_details(app):
    canvas_event(app, {"type": "select", "kind": "entity", "id": "rick"})
    app.run()
    assert not app.exception
    assert app.session_state["socio_tab"] == "Relatie bewerken"
    assert app.selectbox(key="socio_edit_member").value == "rick"
    assert any(e.label == "Balans en plan van deze persoon of dit systeem" for e in app.expander)


def test_selecting_a_tie_opens_the_member(app):
    canvas_event(app, {"type": "select", "kind": "relation", "id": "s-sanne-els"})
    app.run()
    assert app.selectbox(key="socio_edit_member").value == "els"


def test_deleting_a_member_from_the_case_goes_through_the_confirmation(app):
    open_tab(app, "edit")
    app.selectbox(key="socio_edit_member").select("karin").run()
    app.button(key="socio_delete_karin_confirm").click().run()
    assert not app.exception and not app.error
    data = load(app)
    assert not any(e.id == "karin" for e in data.entities)  # gone from the case
    assert not any("karin" in (r.source, r.target) for r in data.relations)
    assert "Karin" in " ".join(s.value for s in app.success)


def test_english_candidates_and_connect(page_app):
    from views.state import LANG

    at = page_app("sociogram")
    at.session_state[LANG] = "en"
    at.session_state["socio_ego"] = "daan"
    at.run()
    open_tab(at, "cand")
    assert "Choose household" in [b.label for b in at.button]
    canvas_event(at, {"type": "connect", "source": "daan", "target": "huisarts"})
    at.run()
    assert not at.exception
    assert "Add Huisarts" in texts(at) and "to the sociogram of Daan" in texts(at)
    assert at.button(key="socio_pending_save").label == "Save tie"


# ----------------------------------------------------------------- other network formats
NETWORK = Path(__file__).resolve().parent / "data" / "network"


def case_count(at) -> int:
    with Store(at.db_path) as store:
        return len(store.list_cases())


def imported(at):
    with Store(at.db_path) as store:
        return store.load(at.session_state["socio_imported"][0])


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
    before = case_count(app)
    upload(app, Path(file).name, (NETWORK / file).read_bytes())
    button(app, "socio_import").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    data = imported(app)
    assert data.case.code.startswith(code)
    assert (len(data.entities), len(data.relations)) == (entities, relations)
    assert [e.name for e in data.entities if e.index_person] == [ego]
    assert case_count(app) == before + 1
    success = " ".join(s.value for s in app.success)
    assert f"{entities} personen" in success


def test_sociogram_page_says_what_was_merged_and_left_out(app):
    upload(app, "igraph_links.net", (NETWORK / "igraph_links.net").read_bytes())
    button(app, "socio_import").click().run()
    warning = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "2 lijnen van iemand naar zichzelf" in warning and "1 paar had meer" in warning


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
    before = case_count(app)
    upload(app, Path(file).name, (NETWORK / file).read_bytes())
    button(app, "socio_import").click().run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error).replace("\\", "")
    assert words in errors
    assert case_count(app) == before
    assert "socio_imported" not in app.session_state


def test_sociogram_page_keeps_script_and_markdown_names_literal(app):
    upload(app, "script_labels.gexf", (NETWORK / "hostile" / "script_labels.gexf").read_bytes())
    button(app, "socio_import").click().run()
    names = sorted(e.name for e in imported(app).entities)
    assert names[0] == "<img src=x onerror=alert(2)>" and "<script>alert(1)</script>" in names
    assert not any("<script>" in m.value for m in app.markdown)


def test_sociogram_page_in_english_names_the_formats(page_app):
    from views.state import LANG

    at = page_app("sociogram")
    at.session_state[LANG] = "en"
    at.run()
    open_tab(at, "exchange")
    assert any("File formats: GraphML, GEXF, GML, Pajek" in c.value for c in at.caption)
    upload(at, "one_column.csv", (NETWORK / "hostile" / "one_column.csv").read_bytes())
    button(at, "socio_import").click().run()
    assert any("only one column" in e.value for e in at.error)


def test_a_gexf_saved_as_xml_is_read_as_gexf(app):
    upload(app, "survey.xml", (NETWORK / "polinode_survey.gexf").read_bytes())
    button(app, "socio_import").click().run()
    assert imported(app).case.code.startswith("GEXF-")


def test_the_graphml_is_not_written_on_every_rerun(page_app, monkeypatch):
    """The download is made when clicked: an imported network of thousands took seconds
    to write on every click anywhere on the page."""
    calls = []
    monkeypatch.setattr("mapping.formats.graphml.write_graphml", lambda data: calls.append(1) or "")
    at = page_app("sociogram")
    at.run()
    open_tab(at, "exchange")
    at.run()
    assert not at.exception
    assert "socio_graphml" in {b.key for b in at.get("download_button")}
    assert calls == []


# ----------------------------------------------------------------- lazy tabs (#20)
def widget_keys(at) -> set:
    return {w.key for w in at.main if getattr(w, "key", None)} | {
        b.key for b in at.get("download_button")
    }


def test_only_the_open_tab_runs_and_is_sent(app):
    """A closed tab's widgets are not made: the browser builds only the open tab."""
    assert app.session_state["socio_tab"] == "Lid toevoegen"
    assert [bool(tab.children) for tab in app.tabs] == [False, True, False, False, False]
    keys = widget_keys(app)
    assert "socio_add_source" in keys
    assert not keys & {"socio_edit_member", "socio_knows_pick", "socio_graphml", "socio_import"}
    assert not any(k.startswith("socio_cand_") for k in keys)
    open_tab(app, "exchange")
    assert [bool(tab.children) for tab in app.tabs] == [False, False, False, False, True]
    keys = widget_keys(app)
    assert {"socio_graphml", "socio_import"} <= keys and "socio_add_source" not in keys


def test_the_legend_is_drawn_only_while_open(app):
    legend = next(e for e in app.expander if e.label == "Legenda")
    assert not legend.children and not app.get("image")
    app.session_state["socio_legend"] = True  # as a click on it does
    app.run()
    assert not app.exception, app.exception
    legend = next(e for e in app.expander if e.label == "Legenda")
    assert app.get("image") and any("verslepen" in c.value for c in legend.caption)


def test_the_open_tab_stays_open_over_a_click_on_the_map(app):
    open_tab(app, "knows")
    # a tie not placed yet, clicked on the map: its ring panel opens, the tab stays
    app.session_state["casemap_canvas_pending"] = {
        "socio": {"type": "select", "kind": "entity", "id": "lotte"}
    }
    app.run()
    assert not app.exception
    assert app.session_state["socio_tab"] == "Kennen elkaar"
    assert "socio_knows_pick" in widget_keys(app) and "socio_ring_lotte_ring" in widget_keys(app)
    # a placed member clicked: its tie opens in 'Relatie bewerken' (on purpose)
    app.session_state["casemap_canvas_pending"] = {
        "socio": {"type": "select", "kind": "entity", "id": "els"}
    }
    app.run()
    assert app.session_state["socio_tab"] == "Relatie bewerken"
    assert app.selectbox(key="socio_edit_member").value == "els"
    assert "socio_knows_pick" not in widget_keys(app)


def test_two_members_connected_on_the_map_wait_in_the_closed_knows_tab(app):
    """The pair drawn on the map is kept for 'Kennen elkaar' while that tab is closed."""
    canvas_event(app, {"type": "connect", "source": "els", "target": "karin"})
    app.run()
    assert "socio_knows_pick" not in widget_keys(app)  # the tab is closed: not made
    app.button(key="socio_pending_knows_cancel").click().run()  # the form under the map
    open_tab(app, "knows")
    assert app.multiselect(key="socio_knows_pick").value == ["els", "karin"]


def test_what_was_typed_in_a_tab_waits_while_another_tab_is_open(app):
    """Only the open tab is drawn, yet a name typed or people picked are not lost by a look
    at another tab: they are there again when the tab opens."""
    app.radio(key="socio_add_source").set_value("person").run()
    app.text_input(key="socio_add0_name").input("Gerrit").run()
    app.text_input(key="socio_add0_role").input("buurman").run()
    open_tab(app, "cand")
    app.multiselect(key="socio_cand_pick").select("lotte").run()
    open_tab(app, "knows")
    open_tab(app, "add")
    assert app.radio(key="socio_add_source").value == "person"
    assert app.text_input(key="socio_add0_name").value == "Gerrit"
    assert not app.warning  # no word about a value set twice
    open_tab(app, "cand")
    assert app.multiselect(key="socio_cand_pick").value == ["lotte"]
    open_tab(app, "add")
    button(app, "socio_add0_go").click().run()  # and it saves what was kept
    assert not app.exception and not app.error
    gerrit = next(e for e in load(app).entities if e.name == "Gerrit")
    assert gerrit.role == "buurman"
