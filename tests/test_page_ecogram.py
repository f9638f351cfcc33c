"""The ecogram page: add a system and a connection, edit and remove them, no exception."""

from __future__ import annotations

from mapping.core.vocabulary import (
    ConnectionStrength,
    EntityKind,
    FactorSide,
    Flow,
    RelationKind,
    SystemKind,
)
from mapping.storage.store import Store


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def open_part(at, key: str):
    """Open a part of the page that is made only while open (a lazy expander, #20), as a click does."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_draws_the_demo_without_exception(page_app):
    at = page_app("ecogram")
    at.run()
    assert not at.exception
    assert at.radio(key="eco_focus").value == "household"
    at.radio(key="eco_focus").set_value("client").run()
    assert not at.exception


def test_add_a_system_and_link_a_person_to_it(page_app):
    at = page_app("ecogram")
    at.run()
    at.selectbox(key="eco_new_kind").set_value(SystemKind.OTHER.value)
    at.text_input(key="eco_custom").input("taalcafé")
    at.text_input(key="eco_new_name").input("Taalcafé De Brug")
    at.text_input(key="eco_new_note").input("dinsdagavond")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    added = [e for e in load(at).entities if e.name == "Taalcafé De Brug"]
    assert len(added) == 1
    system = added[0]
    assert system.kind is EntityKind.SYSTEM and system.system_kind is SystemKind.OTHER
    assert (system.custom_kind, system.note) == ("taalcafé", "dinsdagavond")

    at.selectbox(key="eco_link_person").set_value("rick")
    at.selectbox(key="eco_link_system").set_value(system.id)
    at.selectbox(key="eco_link_strength").set_value(ConnectionStrength.STRESSFUL.value)
    at.selectbox(key="eco_link_flow").set_value(Flow.FROM_FAMILY.value)
    at.text_input(key="eco_link_label").input("wekelijks")
    at.button(key="eco_connect").click().run()
    assert not at.exception, at.exception
    links = [
        r for r in load(at).relations if r.kind is RelationKind.CONNECTION and r.target == system.id
    ]
    assert len(links) == 1
    link = links[0]
    assert (link.source, link.subtype, link.flow, link.label) == (
        "rick",
        "stressful",
        Flow.FROM_FAMILY,
        "wekelijks",
    )


def test_a_system_without_a_name_is_refused_with_a_message(page_app):
    at = page_app("ecogram")
    at.run()
    before = len(load(at).entities)
    at.button(key="eco_add").click().run()
    assert not at.exception
    assert at.error and "naam" in at.error[0].value
    assert len(load(at).entities) == before


def test_remove_a_connection_and_a_system_after_confirmation(page_app):
    at = page_app("ecogram")
    at.run()
    open_part(at, "eco_removing")
    at.selectbox(key="eco_remove_link").set_value("k-daan-politie")
    at.button(key="eco_remove_link_yes").click().run()
    assert not at.exception, at.exception
    assert "k-daan-politie" not in {r.id for r in load(at).relations}

    at.selectbox(key="eco_remove_system").set_value("politie").run()
    at.button(key="eco_remove_system_confirm").click().run()
    assert not at.exception, at.exception
    assert "politie" not in {e.id for e in load(at).entities}


def test_edit_a_connection_in_the_table_and_save(page_app):
    at = page_app("ecogram")
    at.run()
    table = at.data_editor(key="eco_table").value
    row = table.index[table["id"] == "k-daan-politie"][0]
    at.session_state["eco_table"] = {
        "edited_rows": {
            int(row): {"strength": "sterk", "flow": "beide kanten", "label": "Halt klaar"}
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    save = at.button(key="eco_table_save")
    assert not save.disabled
    save.click().run()
    assert not at.exception, at.exception
    link = next(r for r in load(at).relations if r.id == "k-daan-politie")
    assert (link.subtype, link.flow, link.label) == ("strong", Flow.BOTH, "Halt klaar")


def test_edit_a_system(page_app):
    at = page_app("ecogram")
    at.run()
    open_part(at, "eco_editing_system")
    at.selectbox(key="eco_edit_system").set_value("voetbal").run()
    form_inputs = [t for t in at.text_input if t.value == "VV Oostkant"]
    form_inputs[0].input("VV Oostkant JO17")
    at.button(key="eco_edit_save").click().run()
    assert not at.exception, at.exception
    club = next(e for e in load(at).entities if e.id == "voetbal")
    assert club.name == "VV Oostkant JO17" and club.system_kind is SystemKind.SPORTS


def test_export_offers_a_download(page_app):
    at = page_app("ecogram")
    at.run()
    open_part(at, "eco_exporting")
    at.selectbox(key="eco_format").set_value("pdf")
    at.toggle(key="eco_pseudonymise").set_value(True)
    at.button(key="eco_export").click().run()
    assert not at.exception, at.exception
    assert not at.error
    (choice, switches, _paper, context, _made_of), blob, *_ = at.session_state["eco_export_blob"]
    assert choice == "pdf" and blob.startswith(b"%PDF")
    assert dict(switches)["pseudonymise"] is True and context == ("household",)
    download = at.get("download_button")
    assert download and download[0].proto.label.startswith("Download")


def test_export_follows_the_focus_and_leaves_out_names(page_app):
    at = page_app("ecogram")
    at.run()
    at.radio(key="eco_focus").set_value("client").run()
    open_part(at, "eco_exporting")
    at.selectbox(key="eco_format").set_value("svg")
    at.toggle(key="eco_pseudonymise").set_value(True)
    at.button(key="eco_export").click().run()
    assert not at.exception, at.exception
    (_choice, _switches, _paper, context, _made_of), blob, *_ = at.session_state["eco_export_blob"]
    svg = blob.decode("utf-8")
    assert context == ("client",) and "lens-ecogram" in svg
    for name in ("Sanne", "Jansen", "Daan", "Bakker", "Regenboog", "Oostkant"):
        assert name not in svg
    # a file made for one focus is not offered for the other
    at.radio(key="eco_focus").set_value("household").run()
    assert not at.get("download_button")


def test_removing_a_system_with_plan_actions_asks_what_to_do(page_app):
    at = page_app("ecogram")
    at.run()
    open_part(at, "eco_removing")
    at.selectbox(key="eco_remove_system").set_value("schuldhulp").run()
    assert at.radio(key="eco_remove_system_on_actions").options == [
        "Acties houden, met de naam als tekst",
        "Acties ook verwijderen",
    ]
    at.radio(key="eco_remove_system_on_actions").set_value("delete")
    at.button(key="eco_remove_system_confirm").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert "schuldhulp" not in {e.id for e in data.entities}
    assert "a-intake" not in {a.id for a in data.actions}
    assert "f-schuld" in {f.id for f in data.factors}  # the factor stays, unlinked


def history_size(at) -> int:
    with Store(at.db_path) as store:
        return len(store.history(at.case_id))


def test_a_system_added_with_its_connection_is_one_revision(page_app):
    at = page_app("ecogram")
    at.run()
    before, changes = load(at).case.revision, history_size(at)
    at.selectbox(key="eco_new_kind").set_value(SystemKind.RELIGION.value)
    at.text_input(key="eco_new_name").input("Moskee Al Fath")
    at.selectbox(key="eco_new_link_person").set_value("sanne")
    at.selectbox(key="eco_new_link_strength").set_value(ConnectionStrength.STRONG.value)
    at.selectbox(key="eco_new_link_flow").set_value(Flow.TO_FAMILY.value)
    at.text_input(key="eco_new_link_label").input("vrijdag")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    system = next(e for e in data.entities if e.name == "Moskee Al Fath")
    link = next(r for r in data.relations if r.target == system.id)
    assert (link.kind, link.source, link.subtype, link.flow, link.label) == (
        RelationKind.CONNECTION,
        "sanne",
        "strong",
        Flow.TO_FAMILY,
        "vrijdag",
    )
    assert data.case.revision == before + 1 and history_size(at) == changes + 1


def test_a_connection_with_a_balance_factor_is_one_revision(page_app):
    at = page_app("ecogram")
    at.run()
    before = load(at).case.revision
    at.selectbox(key="eco_link_person").set_value("sanne")
    at.selectbox(key="eco_link_system").set_value("woningcorp")
    at.selectbox(key="eco_link_strength").set_value(ConnectionStrength.STRESSFUL.value)
    at.text_input(key="eco_link_factor").input("Dreigende ontruiming door de woonstichting")
    at.radio(key="eco_link_factor_side").set_value(FactorSide.DRAAGLAST.value)
    at.slider(key="eco_link_factor_weight").set_value(5)
    at.button(key="eco_connect").click().run()
    assert not at.exception, at.exception
    data = load(at)
    link = next(
        r
        for r in data.relations
        if r.kind is RelationKind.CONNECTION and {r.source, r.target} == {"sanne", "woningcorp"}
    )
    factor = next(f for f in data.factors if f.description.startswith("Dreigende ontruiming"))
    assert link.subtype == "stressful"
    assert factor.relation_ids == (link.id,) and factor.side is FactorSide.DRAAGLAST
    assert factor.weight == 5 and data.case.revision == before + 1


def test_linking_the_same_two_again_changes_the_connection(page_app):
    at = page_app("ecogram")
    at.run()
    count = len(load(at).relations)
    at.selectbox(key="eco_link_person").set_value("daan")
    at.selectbox(key="eco_link_system").set_value("politie")
    at.selectbox(key="eco_link_strength").set_value(ConnectionStrength.STRONG.value)
    at.button(key="eco_connect").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert len(data.relations) == count
    assert next(r for r in data.relations if r.id == "k-daan-politie").subtype == "strong"


def canvas_event(at, event: dict) -> None:
    """What the canvas hands the page after a connect or select on the map."""
    at.session_state["casemap_canvas_pending"] = {"eco": event}


def test_a_line_drawn_on_the_canvas_asks_quality_and_flow_then_saves(page_app):
    at = page_app("ecogram")
    at.run()
    # drawn from the system to the person: the person is still the family end
    canvas_event(at, {"type": "connect", "source": "ggz", "target": "rick"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["eco_pending_link"] == ("rick", "ggz")
    # the pair's own fields: nothing chosen for an earlier line is carried over
    assert at.selectbox(key="eco_pending_rick_ggz_strength").value == "moderate"
    at.selectbox(key="eco_pending_rick_ggz_strength").set_value(ConnectionStrength.WEAK.value)
    at.selectbox(key="eco_pending_rick_ggz_flow").set_value(Flow.FROM_FAMILY.value)
    at.text_input(key="eco_pending_rick_ggz_label").input("intake gemist")
    at.button(key="eco_pending_save").click().run()
    assert not at.exception, at.exception
    link = next(
        r
        for r in load(at).relations
        if r.kind is RelationKind.CONNECTION and {r.source, r.target} == {"rick", "ggz"}
    )
    assert (link.source, link.subtype, link.flow, link.label) == (
        "rick",
        "weak",
        Flow.FROM_FAMILY,
        "intake gemist",
    )
    assert "eco_pending_link" not in at.session_state


def test_a_line_drawn_twice_edits_and_cancel_saves_nothing(page_app):
    at = page_app("ecogram")
    at.run()
    canvas_event(at, {"type": "connect", "source": "daan", "target": "politie"})
    at.run()
    # the existing connection's values are the starting point
    assert at.selectbox(key="eco_pending_daan_politie_strength").value == "weak"
    assert at.selectbox(key="eco_pending_daan_politie_flow").value == "to_family"
    assert at.text_input(key="eco_pending_daan_politie_label").value == "Halt"
    before = load(at).case.revision
    at.button(key="eco_pending_cancel").click().run()
    assert not at.exception
    assert "eco_pending_link" not in at.session_state
    assert load(at).case.revision == before


def test_a_line_between_two_household_members_is_refused(page_app):
    at = page_app("ecogram")
    at.run()
    canvas_event(at, {"type": "connect", "source": "sanne", "target": "daan"})
    at.run()
    assert not at.exception
    assert at.warning and "persoon naar een systeem" in at.warning[0].value
    assert "eco_pending_link" not in at.session_state


def test_selecting_a_system_shows_its_factors_goals_and_actions(page_app):
    at = page_app("ecogram")
    at.run()
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "schuldhulp"}
    canvas_event(at, {"type": "select", "kind": "entity", "id": "schuldhulp"})
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="eco_edit_system").value == "schuldhulp"
    panel = next(e for e in at.expander if e.label.startswith("Balans en plan"))
    text = " ".join(m.value for m in panel.markdown)
    assert "Schulden van ongeveer" in text  # its draaglast factor
    assert "Voert uit" in text  # the plan actions it carries out


# ----------------------------------------------------------------- issue 23: no carry-over


def test_two_systems_in_a_row_each_get_their_own_values(page_app):
    """The label typed for the wijkteam is not saved on the football club added next."""
    at = page_app("ecogram")
    at.run()
    at.selectbox(key="eco_new_kind").set_value(SystemKind.WIJKTEAM.value)
    at.text_input(key="eco_new_name").input("Wijkteam Zuid")
    at.selectbox(key="eco_new_link_person").set_value("sanne")
    at.selectbox(key="eco_new_link_strength").set_value(ConnectionStrength.STRONG.value)
    at.selectbox(key="eco_new_link_flow").set_value(Flow.TO_FAMILY.value)
    at.text_input(key="eco_new_link_label").input("casemanager")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    # the form is back at its defaults
    assert at.selectbox(key="eco_new_kind").value == next(iter(SystemKind)).value
    assert at.text_input(key="eco_new_name").value == ""
    assert at.selectbox(key="eco_new_link_person").value == ""
    assert at.selectbox(key="eco_new_link_strength").value == "moderate"
    assert at.selectbox(key="eco_new_link_flow").value == "none"
    assert at.text_input(key="eco_new_link_label").value == ""
    at.selectbox(key="eco_new_kind").set_value(SystemKind.SPORTS.value)
    at.text_input(key="eco_new_name").input("FC Noord")
    at.selectbox(key="eco_new_link_person").set_value("daan")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    by_name = {e.name: e for e in data.entities}
    wijk, club = by_name["Wijkteam Zuid"], by_name["FC Noord"]
    assert (wijk.system_kind, club.system_kind) == (SystemKind.WIJKTEAM, SystemKind.SPORTS)
    links = {r.target: r for r in data.relations if r.kind is RelationKind.CONNECTION}
    assert (links[wijk.id].source, links[wijk.id].subtype, links[wijk.id].flow) == (
        "sanne",
        "strong",
        Flow.TO_FAMILY,
    )
    assert links[wijk.id].label == "casemanager"
    assert (links[club.id].source, links[club.id].subtype, links[club.id].flow) == (
        "daan",
        "moderate",
        Flow.NONE,
    )
    assert links[club.id].label == ""


def test_two_connections_in_a_row_each_get_their_own_values(page_app):
    at = page_app("ecogram")
    at.run()
    at.selectbox(key="eco_link_person").set_value("rick")
    at.selectbox(key="eco_link_system").set_value("ggz")
    at.selectbox(key="eco_link_strength").set_value(ConnectionStrength.STRESSFUL.value)
    at.selectbox(key="eco_link_flow").set_value(Flow.FROM_FAMILY.value)
    at.text_input(key="eco_link_label").input("wachtlijst")
    at.text_input(key="eco_link_factor").input("Wachtlijst GGZ")
    at.radio(key="eco_link_factor_side").set_value(FactorSide.DRAAGLAST.value)
    at.slider(key="eco_link_factor_weight").set_value(5)
    at.button(key="eco_connect").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="eco_link_person").value is None
    assert at.selectbox(key="eco_link_system").value is None
    assert at.text_input(key="eco_link_label").value == ""
    assert at.text_input(key="eco_link_factor").value == ""
    assert at.slider(key="eco_link_factor_weight").value == 3
    at.selectbox(key="eco_link_person").set_value("lotte")
    at.selectbox(key="eco_link_system").set_value("huisarts")
    at.button(key="eco_connect").click().run()
    assert not at.exception, at.exception
    data = load(at)
    links = {(r.source, r.target): r for r in data.relations if r.kind is RelationKind.CONNECTION}
    first, second = links[("rick", "ggz")], links[("lotte", "huisarts")]
    assert (first.subtype, first.flow, first.label) == ("stressful", Flow.FROM_FAMILY, "wachtlijst")
    assert (second.subtype, second.flow, second.label) == ("moderate", Flow.NONE, "")
    factors = [f for f in data.factors if second.id in f.relation_ids]
    assert factors == []  # the first connection's factor was not repeated
    assert [f.weight for f in data.factors if first.id in f.relation_ids] == [5]


def test_the_system_list_holds_systems_and_the_person_list_people(page_app):
    at = page_app("ecogram")
    at.run()
    data = load(at)
    kinds = {e.id: e.kind for e in data.entities}
    persons = at.selectbox(key="eco_link_person").options
    systems = at.selectbox(key="eco_link_system").options
    assert persons and systems
    by_label = {e.name: e.kind for e in data.entities}
    assert all(by_label[name] is EntityKind.PERSON for name in persons)
    system_ids = {e.id for e in data.entities if kinds[e.id] is EntityKind.SYSTEM}
    assert len(systems) == len(system_ids)
    assert "Kees Bakker" not in systems and "Ans Bakker" not in systems


def test_a_line_selected_on_the_map_is_edited_right_under_it(page_app):
    at = page_app("ecogram")
    at.run()
    canvas_event(at, {"type": "select", "kind": "relation", "id": "k-daan-politie"})
    at.session_state["casemap_selected"] = {"kind": "relation", "id": "k-daan-politie"}
    at.run()
    assert not at.exception, at.exception
    prefix = "eco_quick_k-daan-politie"
    assert at.selectbox(key=f"{prefix}_strength").value == "weak"
    at.selectbox(key=f"{prefix}_strength").set_value(ConnectionStrength.STRONG.value)
    at.selectbox(key=f"{prefix}_flow").set_value(Flow.BOTH.value)
    at.button(key=f"{prefix}_save").click().run()
    assert not at.exception, at.exception
    link = next(r for r in load(at).relations if r.id == "k-daan-politie")
    assert (link.subtype, link.flow, link.label) == ("strong", Flow.BOTH, "Halt")
    # the form shows what was saved, not the old values
    fresh = [w for w in at.selectbox if (w.key or "").endswith("_strength")]
    assert any(w.key.startswith(prefix) and w.value == "strong" for w in fresh)


def test_a_system_selected_on_the_map_offers_its_lines(page_app):
    at = page_app("ecogram")
    at.run()
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "politie"}
    at.run()
    assert not at.exception, at.exception
    lines = [
        r.id
        for r in load(at).relations
        if r.kind is RelationKind.CONNECTION and "politie" in (r.source, r.target)
    ]
    keys = {w.key for w in at.selectbox}
    assert lines and all(f"eco_quick_{i}_strength" in keys for i in lines)


def test_english(page_app):
    at = page_app("ecogram")
    at.session_state["casemap_lang"] = "en"
    at.session_state["casemap_selected"] = {"kind": "relation", "id": "k-daan-politie"}
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="eco_link_person").placeholder == "Choose a person"
    assert at.selectbox(key="eco_link_system").placeholder == "Choose a system"
    assert any("Chosen on the map" in m.value for m in at.markdown)


def test_seldom_used_parts_are_made_only_when_opened(page_app):
    """Editing and removing a system, removing a connection and the export are not sent until
    their expander is opened (#20); the forms used most are there from the start."""
    at = page_app("ecogram")
    at.run()
    keys = {w.key for w in at.main if getattr(w, "key", None)}
    assert {"eco_new_name", "eco_link_person", "eco_table"} <= keys
    lazy = {"eco_edit_system", "eco_remove_system", "eco_remove_link", "eco_format"}
    assert not keys & lazy
    for part in ("eco_editing_system", "eco_removing", "eco_exporting"):
        open_part(at, part)
    keys = {w.key for w in at.main if getattr(w, "key", None)}
    assert lazy <= keys
    # a system chosen on the map opens its editor at once
    at.session_state["eco_editing_system"] = False
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "voetbal"}
    canvas_event(at, {"type": "select", "kind": "entity", "id": "voetbal"})
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="eco_edit_system").value == "voetbal"
