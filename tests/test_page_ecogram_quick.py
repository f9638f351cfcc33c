"""Ecogram quick add (#23 point 3): from a person selected on the map, a system connection.

Select the person on the map (1), click an existing system or type a new
one's name (2), optionally click its kind (3), press 'Toevoegen' (4). The
connection runs from the person (source) to the system (target), 'gewoon'
and without direction unless chosen; the form starts empty after a save
and the person stays selected.
"""

from __future__ import annotations

from mapping.core.vocabulary import EntityKind, Flow, RelationKind, SystemKind
from mapping.storage.store import Store


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def selected(page_app, person: str):
    """The Ecogram page with ``person`` selected on the map (the canvas's own event)."""
    at = page_app("ecogram")
    at.session_state["casemap_selected"] = {"kind": "entity", "id": person}
    at.session_state["casemap_canvas_pending"] = {
        "eco": {"type": "select", "kind": "entity", "id": person}
    }
    at.run()
    assert not at.exception, at.exception
    return at


def connections(data):
    return {(r.source, r.target): r for r in data.relations if r.kind is RelationKind.CONNECTION}


def test_a_new_system_typed_by_name_with_its_kind_is_connected_to_the_selected_person(
    page_app,
):
    at = selected(page_app, "daan")
    assert any("Toevoegen bij Daan Bakker" in m.value for m in at.markdown)
    before = load(at)
    at.text_input(key="eco_qa_name").input("Boksschool Noord")  # 2
    at.pills(key="eco_qa_kind").set_value(SystemKind.SPORTS.value)  # 3
    at.button(key="eco_qa_add").click().run()  # 4
    assert not at.exception, at.exception
    data = load(at)
    [club] = [e for e in data.entities if e.name == "Boksschool Noord"]
    assert (club.kind, club.system_kind, club.custom_kind, club.role) == (
        EntityKind.SYSTEM,
        SystemKind.SPORTS,
        "",
        "Boksschool Noord",
    )
    link = connections(data)[("daan", club.id)]  # from the person to the system
    assert (link.subtype, link.flow, link.label) == ("moderate", Flow.NONE, "")
    # one revision, nothing else touched
    assert data.case.revision == before.case.revision + 1
    assert len(data.entities) == len(before.entities) + 1
    assert len(data.relations) == len(before.relations) + 1
    assert any(
        "Verbinding Daan Bakker – Boksschool Noord opgeslagen" in s.value for s in at.success
    )
    # the form is empty again, Daan still selected
    assert at.text_input(key="eco_qa_name").value == ""
    assert at.pills(key="eco_qa_kind").value is None
    assert at.segmented_control(key="eco_qa_strength").value == "moderate"
    assert at.segmented_control(key="eco_qa_flow").value == "none"
    assert at.session_state["casemap_selected"] == {"kind": "entity", "id": "daan"}
    assert any("Toevoegen bij Daan Bakker" in m.value for m in at.markdown)


def test_an_existing_system_is_picked_with_quality_and_direction(page_app):
    at = selected(page_app, "rick")
    # the systems Rick is connected to already are not offered
    offered = at.pills(key="eco_qa_system").options
    assert "Wijkteam Noord" not in offered and "GGZ Midden" in offered
    at.pills(key="eco_qa_system").set_value("ggz")
    at.segmented_control(key="eco_qa_strength").set_value("stressful")
    at.segmented_control(key="eco_qa_flow").set_value(Flow.TO_FAMILY.value)
    before = len(load(at).entities)
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert len(data.entities) == before  # no new system
    link = connections(data)[("rick", "ggz")]
    assert (link.subtype, link.flow) == ("stressful", Flow.TO_FAMILY)
    assert at.pills(key="eco_qa_system").value is None
    assert "GGZ Midden" not in at.pills(key="eco_qa_system").options  # connected now


def test_two_systems_in_a_row_each_get_their_own_values(page_app):
    """Nothing of the first (kind, quality, direction) is carried into the second."""
    at = selected(page_app, "lotte")
    at.text_input(key="eco_qa_name").input("Zwemclub De Dolfijn")
    at.pills(key="eco_qa_kind").set_value(SystemKind.SPORTS.value)
    at.segmented_control(key="eco_qa_strength").set_value("strong")
    at.segmented_control(key="eco_qa_flow").set_value(Flow.BOTH.value)
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    at.text_input(key="eco_qa_name").input("Oma Bakker aan huis")
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    by_name = {e.name: e for e in data.entities}
    swim, home = by_name["Zwemclub De Dolfijn"], by_name["Oma Bakker aan huis"]
    assert (swim.system_kind, home.system_kind) == (SystemKind.SPORTS, SystemKind.OTHER)
    links = connections(data)
    assert (links[("lotte", swim.id)].subtype, links[("lotte", swim.id)].flow) == (
        "strong",
        Flow.BOTH,
    )
    assert (links[("lotte", home.id)].subtype, links[("lotte", home.id)].flow) == (
        "moderate",
        Flow.NONE,
    )


def test_an_empty_name_is_refused_in_dutch_and_nothing_is_stored(page_app):
    at = selected(page_app, "daan")
    before = load(at)
    at.text_input(key="eco_qa_name").input("   ")
    at.pills(key="eco_qa_kind").set_value(SystemKind.SPORTS.value)
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    assert at.error and "Kies een bestaand systeem of typ de naam" in at.error[0].value
    after = load(at)
    assert after.case.revision == before.case.revision
    assert (len(after.entities), len(after.relations)) == (
        len(before.entities),
        len(before.relations),
    )
    # what was chosen stays to correct
    assert at.pills(key="eco_qa_kind").value == SystemKind.SPORTS.value


def test_a_pick_and_a_typed_name_together_are_refused(page_app):
    at = selected(page_app, "daan")
    before = load(at).case.revision
    at.pills(key="eco_qa_system").set_value("ggz")
    at.text_input(key="eco_qa_name").input("Boksschool Noord")
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    assert at.error and "niet allebei" in at.error[0].value
    assert load(at).case.revision == before


def test_a_typed_name_of_an_existing_system_connects_to_it(page_app):
    at = selected(page_app, "rick")
    before = len(load(at).entities)
    at.text_input(key="eco_qa_name").input("huisartsenpraktijk van dam")
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert len(data.entities) == before  # no second Huisartsenpraktijk
    assert ("rick", "huisarts") in connections(data)
    # ... and a system already connected is refused, its quality not overwritten
    wijk = connections(data)[("rick", "wijkteam")]
    at.text_input(key="eco_qa_name").input("Wijkteam Noord")
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    assert at.error and "al verbonden" in at.error[0].value
    assert connections(load(at))[("rick", "wijkteam")] == wijk


def test_a_selected_system_or_nobody_has_no_quick_add(page_app):
    at = selected(page_app, "ggz")
    assert not [w for w in at.text_input if w.key == "eco_qa_name"]
    at = page_app("ecogram")
    at.run()
    assert not [w for w in at.text_input if w.key == "eco_qa_name"]


def test_another_person_selected_starts_empty(page_app):
    at = selected(page_app, "daan")
    at.text_input(key="eco_qa_name").input("Boksschool Noord")
    at.run()
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "lotte"}
    at.run()
    assert not at.exception, at.exception
    assert at.text_input(key="eco_qa_name").value == ""
    assert any("Toevoegen bij Lotte Bakker" in m.value for m in at.markdown)


def test_english(page_app):
    at = page_app("ecogram")
    at.session_state["casemap_lang"] = "en"
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "daan"}
    at.run()
    assert not at.exception, at.exception
    assert any("Add next to Daan Bakker" in m.value for m in at.markdown)
    assert at.text_input(key="eco_qa_name").label == "Or a new system"
    assert at.pills(key="eco_qa_kind").label.startswith("Kind of the new system")
