"""Netwerkkaart page (#21.1, #23.1/6/7): whole-case maps, two candidate lists, fresh
forms after a save, and a member's ring and sector edited where it is selected on the map."""

from __future__ import annotations

import pytest

from mapping.core.vocabulary import BirthStatus, EntityKind, RelationKind, Ring, Sector, Sex
from mapping.storage.store import Store
from views.state import SELECTED


@pytest.fixture
def app(page_app):
    at = page_app("sociogram")
    at.run()
    assert not at.exception, at.exception
    return at


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


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


def support(at, ego, member):
    found = [
        r
        for r in load(at).relations
        if r.kind is RelationKind.SUPPORT and r.source == ego and r.target == member
    ]
    assert len(found) <= 1
    return found[0] if found else None


# ----------------------------------------------------------------- (b) lists that hold what they say
@pytest.mark.parametrize("ego", ["sanne", "daan", "rick", "mirjam"])
def test_candidates_are_every_entity_not_placed_in_two_lists(app, ego):
    app.selectbox(key="socio_ego").select(ego).run()
    open_tab(app, "cand")
    data = load(app)
    placed = {
        r.target for r in data.relations if r.kind is RelationKind.SUPPORT and r.source == ego
    }
    expected = {
        e.id
        for e in data.entities
        if e.id != ego
        and e.id not in placed
        and (not e.is_person or e.birth_status is BirthStatus.BORN)
    }
    people = app.multiselect(key="socio_cand_pick").options
    systems = app.multiselect(key="socio_cand_pick_sys").options
    entities = data.entity_map()

    def ids(texts):  # options are shown texts, "name (why)": back to ids (demo names are unique)
        return {e.id for e in data.entities if any(t.startswith(e.name + " (") for t in texts)}

    shown_people, shown_systems = ids(people), ids(systems)
    assert len(shown_people) == len(people) and len(shown_systems) == len(systems)
    assert all(entities[i].is_person for i in shown_people)
    assert all(entities[i].kind is EntityKind.SYSTEM for i in shown_systems)
    assert shown_people | shown_systems == expected
    # "Lid toevoegen" offers the same people and organisations
    open_tab(app, "add")
    app.radio(key="socio_add_source").set_value("existing").run()
    offered = set(app.selectbox(key="socio_add0_existing").options)
    assert {e.id for e in data.entities if e.name in offered} == expected


def test_wijkteam_is_in_the_organisations_list_of_the_son(app):
    app.selectbox(key="socio_ego").select("daan").run()
    open_tab(app, "cand")
    systems = app.multiselect(key="socio_cand_pick_sys").options
    assert "Wijkteam Noord (wijkteam)" in systems
    assert systems.index("Wijkteam Noord (wijkteam)") < 10  # not below a list of people
    assert not any("Wijkteam" in o for o in app.multiselect(key="socio_cand_pick").options)


# ----------------------------------------------------------------- (a) no carried-over values
def test_add_form_starts_at_its_defaults_after_a_save(app):
    app.radio(key="socio_add_source").set_value("person").run()
    app.text_input(key="socio_add0_name").input("Gerrit").run()
    app.text_input(key="socio_add0_role").input("buurman")
    app.selectbox(key="socio_add0_sex").select(Sex.MALE.value)
    prefix = "socio_add0_person"
    app.selectbox(key=f"{prefix}_sector").select(Sector.NEIGHBOURS.value)
    app.selectbox(key=f"{prefix}_ring").select(Ring.FAR.value)
    app.multiselect(key=f"{prefix}_support").select("practical")
    app.checkbox(key=f"{prefix}_recip").check()
    app.text_input(key=f"{prefix}_label").input("maait het gras")
    button(app, "socio_add0_go").click().run()
    assert not app.exception and not app.error
    # the next person's form: empty, at the documented defaults
    assert app.text_input(key="socio_add1_name").value == ""
    assert app.text_input(key="socio_add1_role").value == ""
    assert app.selectbox(key="socio_add1_sex").value == Sex.UNKNOWN.value
    prefix = "socio_add1_person"
    assert app.selectbox(key=f"{prefix}_sector").value == Sector.FRIENDS.value
    assert app.selectbox(key=f"{prefix}_ring").value == Ring.MIDDLE.value
    assert app.selectbox(key=f"{prefix}_valence").value == "supportive"
    assert app.multiselect(key=f"{prefix}_support").value == []
    assert app.checkbox(key=f"{prefix}_recip").value is False
    assert app.text_input(key=f"{prefix}_label").value == ""
    gerrit = next(e for e in load(app).entities if e.name == "Gerrit")
    tie = support(app, "sanne", gerrit.id)
    assert (tie.sector, tie.ring, tie.label) == (Sector.NEIGHBOURS, Ring.FAR, "maait het gras")


def test_knows_pair_and_candidate_cells_start_empty_after_a_save(app):
    open_tab(app, "knows")
    app.multiselect(key="socio_knows_pick").select("els").select("karin").run()
    button(app, "socio_knows_add").click().run()
    assert not app.exception and not app.error
    assert app.multiselect(key="socio_knows_pick").value == []
    open_tab(app, "cand")
    app.multiselect(key="socio_cand_pick").select("lotte").run()
    app.selectbox(key="socio_cand_lotte_ring").select(Ring.FAR.value).run()
    button(app, "socio_cand_go").click().run()
    assert support(app, "sanne", "lotte").ring is Ring.FAR
    assert "socio_cand_lotte_ring" not in app.session_state


# ----------------------------------------------------------------- (c) ring on the map
def test_a_tie_not_placed_yet_is_placed_from_the_map(app):
    assert support(app, "sanne", "lotte") is None
    # what the canvas hands the page when Lotte's symbol is clicked
    app.session_state["casemap_canvas_pending"] = {
        "socio": {"type": "select", "kind": "entity", "id": "lotte"}
    }
    app.run()
    assert app.session_state[SELECTED] == {"kind": "entity", "id": "lotte"}
    assert any("nog niet geplaatst" in m.value for m in app.markdown)
    assert app.radio(key="socio_ring_lotte_ring").value == Ring.CLOSE.value  # living at home
    app.radio(key="socio_ring_lotte_ring").set_value(Ring.MIDDLE.value)
    app.selectbox(key="socio_ring_lotte_sector").select(Sector.FRIENDS.value)
    button(app, "socio_ring_lotte_go").click().run()
    assert not app.exception and not app.error
    tie = support(app, "sanne", "lotte")
    assert (tie.sector, tie.ring) == (Sector.FRIENDS, Ring.MIDDLE)
    assert "Lotte Bakker geplaatst in de netwerkkaart." in [
        s.value.replace("\\", "") for s in app.success
    ]


def test_a_placed_members_ring_changes_from_the_map(app):
    before = support(app, "sanne", "rick")
    app.session_state[SELECTED] = {"kind": "relation", "id": before.id}  # its line
    app.run()
    prefix = "socio_ring_rick"
    assert app.radio(key=f"{prefix}_ring").value == before.ring.value
    app.radio(key=f"{prefix}_ring").set_value(Ring.FAR.value)
    button(app, f"{prefix}_go").click().run()
    assert not app.exception and not app.error
    after = support(app, "sanne", "rick")
    assert after.id == before.id and after.ring is Ring.FAR
    assert (after.sector, after.support, after.reciprocal) == (
        before.sector,
        before.support,
        before.reciprocal,
    )


# ----------------------------------------------------------------- #21.1 on the page
def test_ego_picker_offers_everyone_and_says_who_has_no_ties(app):
    box = app.selectbox(key="socio_ego")
    assert box.options[0] == "Sanne Jansen"  # the client first
    assert "Daan Bakker" in box.options[:3]  # then who has a netwerkkaart
    assert not any("geen banden" in o for o in box.options)  # the demo: everyone has ties


def test_a_map_of_only_unplaced_ties_says_so(app):
    app.selectbox(key="socio_ego").select("lotte").run()
    assert any("nog geen geplaatste banden" in i.value for i in app.info)
    assert "**Nog niet geplaatst**" in " ".join(m.value for m in app.markdown)


def test_a_line_drawn_again_after_cancel_starts_from_its_suggestion(app):
    app.session_state["casemap_canvas_pending"] = {
        "socio": {"type": "connect", "source": "sanne", "target": "jeugdzorg"}
    }
    app.run()
    app.multiselect(key="socio_pending_jeugdzorg_support").select("informational")
    app.selectbox(key="socio_pending_jeugdzorg_ring").select(Ring.FAR.value).run()
    app.button(key="socio_pending_cancel").click().run()
    app.session_state["casemap_canvas_pending"] = {
        "socio": {"type": "connect", "source": "sanne", "target": "jeugdzorg"}
    }
    app.run()
    assert app.multiselect(key="socio_pending_jeugdzorg_support").value == []
    assert app.selectbox(key="socio_pending_jeugdzorg_ring").value == Ring.MIDDLE.value


def test_meeting_mode_shows_the_clients_map_drawn_from_the_case(page_app):
    """A GEDCOM tree with Harry as client and no placed ties: meeting mode has his map
    (what it holds is checked on the map itself in tests/test_netwerkkaart_all.py)."""
    from dataclasses import replace
    from pathlib import Path

    from mapping.formats.gedcom import read_gedcom
    from mapping.formats.importers import tidy
    from views.state import OPEN_CASE

    at = page_app("meeting", open_demo=False, with_demo=False)
    source = Path(__file__).resolve().parent / "data" / "gedcom" / "harry_potter.ged"
    data = tidy(read_gedcom(source.read_bytes(), title="Potter"))
    data = replace(
        data, entities=[replace(e, index_person=e.id == "ged-I2") for e in data.entities]
    )
    with Store(at.db_path) as store:
        case = store.import_case(data)
    at.session_state[OPEN_CASE] = case.id
    at.run()
    titles = []
    for _step in range(3):
        titles.append(next(m.value for m in at.markdown if m.value.startswith("## ")))
        at.button(key="meeting_next").click().run()
        assert not at.exception, at.exception
    assert any("Netwerkkaart van Harry James Potter" in t for t in titles)


def test_quick_pick_of_close_family_leaves_the_deceased_in_the_list_only(page_app):
    from views.state import OPEN_CASE

    at = page_app("sociogram")
    at.session_state[OPEN_CASE] = at.case_id
    at.session_state["socio_ego"] = "peter"  # his father Henk is deceased
    at.run()
    open_tab(at, "cand")
    options = at.multiselect(key="socio_cand_pick").options
    assert any(o.startswith("Henk Jansen (") and "overleden" in o for o in options)
    button(at, "socio_cand_family").click().run()
    picked = at.multiselect(key="socio_cand_pick").value
    assert picked and "henk" not in picked and "riet" in picked
