"""Undo and redo of map changes (views/undo.py): exact earlier states, new revisions, colleagues."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mapping.core.errors import StaleRevision
from mapping.core.model import Entity, Position, Relation, Sex
from mapping.core.vocabulary import Lens, RelationKind
from mapping.formats.exchange import dump_case
from mapping.storage.store import Store
from views import undo


def content(store: Store, case_id: str) -> dict:
    """The codec dump of the case, positions, balance and plan included; the revision left out."""
    document = json.loads(dump_case(store.load(case_id)))
    document["case"].pop("revision")
    return document


@pytest.fixture
def stacks():
    return undo.Stacks()


def jan() -> Entity:
    return Entity(id="jan", name="Jan de Vries", sex=Sex.MALE, birth="1990")


def test_undo_and_redo_of_an_added_person_restore_the_exact_states(demo_store, stacks):
    store, case = demo_store
    before = content(store, case.id)
    first = store.revision(case.id)
    undo.record(store, case.id, lambda: store.save(case.id, jan()), stacks)
    added = content(store, case.id)
    assert added != before and stacks.next_undo() == "persoon toegevoegd: Jan de Vries"

    revision = undo.undo(store, case.id, stacks)
    assert revision == first + 2  # the undo is a new revision, not a rewind
    assert content(store, case.id) == before
    assert stacks.next_undo() == "" and stacks.next_redo() == "persoon toegevoegd: Jan de Vries"

    assert undo.redo(store, case.id, stacks) == first + 3
    assert content(store, case.id) == added
    assert stacks.next_undo() == "persoon toegevoegd: Jan de Vries" and stacks.next_redo() == ""
    lines = [c.summary for c in store.history(case.id, limit=3)]
    assert lines == [
        "opnieuw: persoon toegevoegd: Jan de Vries",
        "ongedaan gemaakt: persoon toegevoegd: Jan de Vries",
        "persoon toegevoegd: Jan de Vries",
    ]


def test_a_series_of_changes_is_undone_and_redone_in_order(demo_store, stacks):
    """Move, connect, edit and remove (with relations, factors and a goal hanging on it)."""
    store, case = demo_store
    states = [content(store, case.id)]
    changes = [
        lambda: store.set_position(case.id, Position(Lens.GENOGRAM, "daan", 12.5, -40.0)),
        lambda: store.set_position(case.id, Position(Lens.SOCIOGRAM, "riet", 90, 10, "sanne")),
        lambda: store.save(
            case.id,
            Relation(id="r-new", kind=RelationKind.EMOTIONAL, source="daan", target="riet"),
        ),
        lambda: store.save(case.id, replace(store.load(case.id).entity("riet"), name="Riet B.")),
        lambda: store.delete(case.id, "entity", "daan"),
        lambda: store.clear_positions(case.id, Lens.SOCIOGRAM, "sanne"),
    ]
    for change in changes:
        undo.record(store, case.id, change, stacks)
        states.append(content(store, case.id))
    assert len({json.dumps(s, sort_keys=True) for s in states}) == len(states)
    removed = states[5]
    assert "daan" not in {e["id"] for e in removed["entities"]}
    assert all("daan" not in f["entity_ids"] for f in removed["factors"])

    revisions = [store.revision(case.id)]
    for expected in reversed(states[:-1]):
        undo.undo(store, case.id, stacks)
        assert content(store, case.id) == expected
        revisions.append(store.revision(case.id))
    assert undo.undo(store, case.id, stacks) is None  # nothing left
    for expected in states[1:]:
        undo.redo(store, case.id, stacks)
        assert content(store, case.id) == expected
        revisions.append(store.revision(case.id))
    assert undo.redo(store, case.id, stacks) is None
    assert revisions == sorted(set(revisions))  # every step a new, higher revision


def test_a_colleagues_change_refuses_the_undo_and_overwrites_nothing(demo_store, stacks, tmp_path):
    store, case = demo_store
    undo.record(store, case.id, lambda: store.save(case.id, jan()), stacks)
    with Store(store.path) as colleague:  # another session on the same database
        colleague.save(case.id, replace(colleague.load(case.id).entity("riet"), name="Oma Riet"))
    theirs = content(store, case.id)
    with pytest.raises(StaleRevision) as refused:
        undo.undo(store, case.id, stacks)
    assert "collega" in str(refused.value) and "colleague" in refused.value.message("en")
    assert content(store, case.id) == theirs  # Jan and the colleague's name both stay
    assert stacks.next_undo() == "" and stacks.next_redo() == ""


def test_a_colleague_after_an_undo_refuses_the_redo(demo_store, stacks, tmp_path):
    store, case = demo_store
    undo.record(store, case.id, lambda: store.save(case.id, jan()), stacks)
    undo.undo(store, case.id, stacks)
    with Store(store.path) as colleague:
        colleague.set_position(case.id, Position(Lens.ECOGRAM, "sanne", 1, 2))
    theirs = content(store, case.id)
    with pytest.raises(StaleRevision):
        undo.redo(store, case.id, stacks)
    assert content(store, case.id) == theirs


def test_nothing_changed_is_not_recorded_and_a_new_change_drops_redo(demo_store, stacks):
    store, case = demo_store
    riet = store.load(case.id).entity("riet")
    undo.record(store, case.id, lambda: store.save(case.id, riet), stacks)  # the same values
    assert stacks.undo == []
    undo.record(store, case.id, lambda: store.save(case.id, jan()), stacks)
    undo.undo(store, case.id, stacks)
    assert stacks.next_redo()
    undo.record(
        store,
        case.id,
        lambda: store.set_position(case.id, Position(Lens.GENOGRAM, "riet", 1, 1)),
        stacks,
    )
    assert stacks.next_redo() == "" and stacks.next_undo().startswith("positie vastgelegd: Riet")


def test_the_stacks_are_bounded(demo_store, stacks):
    store, case = demo_store
    for k in range(undo.DEPTH + 5):
        position = Position(Lens.GENOGRAM, "riet", float(k), 0.0)
        undo.record(store, case.id, lambda p=position: store.set_position(case.id, p), stacks)
    assert len(stacks.undo) == undo.DEPTH
    while undo.undo(store, case.id, stacks) is not None:
        pass
    # the oldest five moves are out of reach: riet stays where the sixth move left her
    assert store.load(case.id).positions_for(Lens.GENOGRAM) == {"riet": (4.0, 0.0)}


def test_a_refused_change_is_not_recorded(demo_store, stacks):
    store, case = demo_store
    stale = store.revision(case.id) - 1
    with pytest.raises(StaleRevision):
        undo.record(
            store, case.id, lambda: store.save(case.id, jan(), expected_revision=stale), stacks
        )
    assert stacks.undo == []


# ----------------------------------------------------------------- in a session
def session_script():
    """A browser session's run: a change through views.state.store() on a page, or a canvas event."""
    import streamlit as st

    from mapping.core.model import Entity, Factor
    from mapping.core.vocabulary import FactorSide, Lens
    from views import canvas, state, undo

    case_id = st.session_state["case_id"]
    state.set_part(st.session_state["page"])
    do = st.session_state.pop("do", "")
    data = state.store().load(case_id)
    if do == "add":
        state.store().save(case_id, Entity(id="jan", name="Jan"), author="Els")
    elif do == "factor":
        state.store().save(
            case_id, Factor(id="f-new", side=FactorSide.DRAAGLAST, description="Ruzie")
        )
    elif do in ("undo", "redo", "move"):
        st.session_state["geno"] = {"event": {"type": do, "entity_id": "riet", "x": 3, "y": 4}}
        canvas._on_event("geno", data, Lens.GENOGRAM, "")
    stacks = undo.stacks_of(case_id)
    st.text(f"undo={stacks.next_undo()}|redo={stacks.next_redo()}")
    st.text(st.session_state.get(canvas.MESSAGE, {}).get("geno", ""))
    # the session saw what it wrote itself, an undo too: its next save is not refused
    seen, stored = state.shown_revision(case_id), state.store().revision(case_id)
    st.text("seen" if seen in (None, stored) else f"seen {seen}, stored {stored}")


def run(at, page: str, do: str = "") -> str:
    at.session_state["page"] = page
    at.session_state["do"] = do
    at.run()
    assert not at.exception, at.exception
    if not at.text[1].value:  # no refusal: the session knows the revision it left
        assert at.text[2].value == "seen"
    return at.text[0].value


def test_the_session_records_map_pages_and_the_canvas_undoes(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from mapping.services.demo import demo_case

    db = tmp_path / "session.db"
    monkeypatch.setenv("CASEMAP_DB", str(db))
    with Store(db) as store:
        case = store.import_case(demo_case())
        before = content(store, case.id)
    at = AppTest.from_function(session_script, default_timeout=60)
    at.session_state["case_id"] = case.id

    assert run(at, "Genogram", "add") == "undo=persoon toegevoegd: Jan|redo="
    assert run(at, "Genogram", "move") == (
        "undo=positie vastgelegd: Riet Jansen (Genogram)|redo="
    )  # a drag on the canvas, recorded by the same store
    assert (
        run(at, "Genogram", "undo")
        == "undo=persoon toegevoegd: Jan|redo=positie vastgelegd: Riet Jansen (Genogram)"
    )
    assert run(at, "Ecogram", "undo").startswith("undo=|redo=persoon toegevoegd: Jan")
    with Store(db) as store:
        assert content(store, case.id) == before
    assert run(at, "Netwerkkaart", "redo").startswith("undo=persoon toegevoegd: Jan|")
    with Store(db) as store:
        assert "jan" in {e.id for e in store.load(case.id).entities}

    # a change on another page (the balance) cannot be stepped over: the stacks empty
    assert run(at, "Balans", "factor") == "undo=|redo="
    assert run(at, "Genogram", "undo") == "undo=|redo="

    # a colleague's change refuses the undo with a message, not a traceback
    run(at, "Genogram", "add")  # jan exists: an unchanged save is no step
    run(at, "Genogram", "move")
    with Store(db) as colleague:
        colleague.save(case.id, replace(colleague.load(case.id).entity("riet"), name="Oma"))
    run(at, "Genogram", "undo")
    assert "collega" in at.text[1].value
    with Store(db) as store:
        assert store.load(case.id).entity("riet").name == "Oma"
