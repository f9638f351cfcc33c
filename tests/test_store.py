"""The case store: schema, transactions, revisions, history, cascades, snapshots."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import fields, replace
from pathlib import Path

import pytest

from mapping.core.errors import InvalidInput, NotFound, StaleRevision
from mapping.core.model import (
    Action,
    Case,
    Entity,
    Factor,
    Goal,
    Monitoring,
    Position,
    Relation,
    Snapshot,
)
from mapping.core.vocabulary import FactorSide, Lens, Phase, RelationKind
from mapping.storage.store import INTEGRITY_ERRORS, MIGRATIONS, Store
from tests.test_exchange import make_rich_case

ROOT = Path(__file__).resolve().parents[1]
TABLES = (
    "cases",
    "entities",
    "relations",
    "positions",
    "factors",
    "goals",
    "actions",
    "monitoring",
    "snapshots",
    "history",
)


@pytest.fixture
def store(db_target):
    """An empty store: a SQLite file, and (``backend``) a fresh PostgreSQL database."""
    with Store(db_target) as opened:
        yield opened


@pytest.fixture
def rich(store):
    """``(store, case)`` with the hand-built rich case imported."""
    return store, store.import_case(make_rich_case(), author="test")


def counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def dump_db(store: Store) -> list:
    """Every row of every table, to compare a database before and after."""
    order = "ctid" if store.postgres else "rowid"
    return [store.db.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall() for t in TABLES]


def same_content(a, b) -> bool:
    """Two CaseData equal apart from the case record."""
    return replace(a, case=b.case) == b


# ---------------------------------------------------------------- schema
def test_open_creates_schema_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "dir" / "casemap.db"
    with Store(path) as store:
        assert path.exists()
        assert set(TABLES) <= set(store.db.table_names())
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version == len(MIGRATIONS._migrations) >= 1
        migrations_before = store.db.execute("SELECT * FROM _sqlite_migrations").fetchall()
    with Store(path) as again:  # re-running the migrations is a no-op
        assert again.schema_version == len(MIGRATIONS._migrations)
        assert again.db.execute("SELECT * FROM _sqlite_migrations").fetchall() == migrations_before


def test_default_path_comes_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "env.db"))
    with Store() as store:
        assert store.path == str(tmp_path / "env.db")
    assert (tmp_path / "env.db").exists()


def test_every_model_field_has_a_column(store):
    for cls, table in [
        (Case, "cases"),
        (Entity, "entities"),
        (Relation, "relations"),
        (Position, "positions"),
        (Factor, "factors"),
        (Goal, "goals"),
        (Action, "actions"),
        (Monitoring, "monitoring"),
        (Snapshot, "snapshots"),
    ]:
        columns = {d[0] for d in store.db.execute(f"SELECT * FROM {table} LIMIT 0").description}
        missing = {f.name for f in fields(cls)} - columns
        assert not missing, f"{table} lacks columns {missing}: add a migration"


def test_memory_store_and_context_manager():
    with Store(":memory:") as store:
        case = store.create_case("M-1", "In memory")
        assert store.get_case("M-1") == case
    with pytest.raises(sqlite3.ProgrammingError):
        store.list_cases()


# ---------------------------------------------------------------- cases
def test_create_get_list_and_search_cases(store):
    b = store.create_case("WT-002", "Gezin B.", casemanager="Anna", phase=Phase.CONTACT, author="A")
    a = store.create_case("wt-001", "Familie_A 100%", consent=True)
    assert b.revision == 1 and b.created and b.phase is Phase.CONTACT
    assert store.get_case(b.id) == b == store.get_case("WT-002")
    assert [c.code for c in store.list_cases()] == ["wt-001", "WT-002"]
    assert [c.code for c in store.list_cases(search="gezin")] == ["WT-002"]
    assert [c.code for c in store.list_cases(search="002")] == ["WT-002"]
    assert [c.code for c in store.list_cases(search="_a")] == ["wt-001"]  # _ is no wildcard
    assert [c.code for c in store.list_cases(search="100%")] == ["wt-001"]
    store.set_archived(a.id, True)
    assert [c.code for c in store.list_cases()] == ["WT-002"]
    assert len(store.list_cases(include_archived=True)) == 2
    assert store.get_case(a.id).archived
    with pytest.raises(NotFound) as info:
        store.get_case("nope")
    assert "bestaat niet" in info.value.nl


def test_case_code_must_be_unique_and_filled(store):
    store.create_case("X", "One")
    with pytest.raises(InvalidInput, match="al een casus"):
        store.create_case("X", "Two")
    with pytest.raises(InvalidInput):
        store.create_case("  ", "Empty code")
    with pytest.raises(InvalidInput):
        store.create_case("Y", " ")
    other = store.create_case("Y", "Three")
    with pytest.raises(InvalidInput, match="al een casus"):
        store.update_case(other.id, code="X")
    assert len(store.list_cases()) == 2


def test_update_case_bumps_revision_and_writes_history(store):
    case = store.create_case("C-1", "Eerst", author="Anna")
    updated = store.update_case(
        case.id, expected_revision=1, author="Bob", title="Daarna", phase=Phase.CLOSING
    )
    assert updated.title == "Daarna" and updated.phase is Phase.CLOSING
    assert updated.revision == 2
    last = store.history(case.id)[0]
    assert (last.revision, last.author, last.summary) == (2, "Bob", "casus gewijzigd: titel, fase")
    assert last.at.endswith("+00:00")
    # nothing changed: no new revision
    assert store.update_case(case.id, title="Daarna").revision == 2
    with pytest.raises(InvalidInput, match="Onbekend casusveld"):
        store.update_case(case.id, revision=99)
    with pytest.raises(InvalidInput, match="'phase'"):
        store.update_case(case.id, phase="someday")


def test_stale_revision_is_refused_with_a_clear_message(store):
    case = store.create_case("C-1", "Casus")
    store.save(case.id, Entity(id="p1", name="Sanne"), expected_revision=1, author="tab 1")
    before = dump_db(store)
    with pytest.raises(StaleRevision) as info:
        store.save(case.id, Entity(id="p2", name="Piet"), expected_revision=1, author="tab 2")
    assert info.value.nl == (
        "Deze casus is intussen door iemand anders gewijzigd (revisie 2, u werkte op 1). Laad opnieuw."
    )
    assert "revision 2" in info.value.en
    assert dump_db(store) == before
    with pytest.raises(StaleRevision):
        store.update_case(case.id, expected_revision=1, title="Oud")
    with pytest.raises(StaleRevision):
        store.delete(case.id, Entity, "p1", expected_revision=1)
    with pytest.raises(StaleRevision):
        store.replace_case(case.id, make_rich_case(), expected_revision=1)
    assert dump_db(store) == before


def test_stale_revision_across_two_connections(tmp_path):
    path = tmp_path / "shared.db"
    with Store(path) as first, Store(path) as second:
        case = first.create_case("C-1", "Casus")
        seen = second.get_case(case.id).revision
        first.save(case.id, Entity(id="p1", name="Sanne"), expected_revision=seen)
        with pytest.raises(StaleRevision):
            second.save(case.id, Entity(id="p1", name="Overschreven"), expected_revision=seen)
        assert second.load(case.id).entities[0].name == "Sanne"


def test_delete_case_removes_everything(rich):
    store, case = rich
    store.snapshot(case.id, "intake")
    keep = store.create_case("KEEP", "Blijft")
    store.delete_case(case.id)
    assert counts(store) == {**dict.fromkeys(TABLES, 0), "cases": 1, "history": 1}
    assert store.list_cases() == [keep]
    with pytest.raises(NotFound):
        store.delete_case(case.id)


# ---------------------------------------------------------------- records
def test_save_adds_and_updates_records_in_words(store):
    case = store.create_case("C-1", "Casus")
    rev = store.save(case.id, Entity(id="p1", name="Sanne"), author="Anna")
    assert rev == 2 == store.revision(case.id)
    rev = store.save(case.id, Entity(id="p2", name="Piet"), author="Anna")
    rev = store.save(
        case.id,
        Relation(
            id="r1", kind=RelationKind.PARTNERSHIP, source="p1", target="p2", subtype="married"
        ),
    )
    rev = store.save(case.id, Entity(id="p1", name="Sanne", birth="1984"), author="Bob")
    assert rev == 5
    summaries = [c.summary for c in store.history(case.id)]
    assert summaries == [
        "persoon gewijzigd: Sanne (birth)",
        "relatie (partnerrelatie) toegevoegd: Sanne – Piet",
        "persoon toegevoegd: Piet",
        "persoon toegevoegd: Sanne",
        "casus aangemaakt: C-1",
    ]
    assert store.history(case.id, limit=2)[1].summary.startswith("relatie")
    data = store.load(case.id)
    # the update kept the entity's place and its relation (no delete + insert cascade)
    assert [e.id for e in data.entities] == ["p1", "p2"]
    assert data.entities[0].birth == "1984"
    assert [r.id for r in data.relations] == ["r1"]
    # saving the same record again changes nothing
    assert store.save(case.id, data.entities[0]) == 5


def test_save_refuses_bad_values_and_missing_links(rich):
    store, case = rich
    before = dump_db(store)
    bad = [
        Entity(id="p9", name="X", birth="mei 1984"),
        Entity(id="", name="No id"),
        Relation(id="r9", kind=RelationKind.EMOTIONAL, source="p1", target="ghost"),
        Relation(id="r9", kind=RelationKind.EMOTIONAL, source="p1", target="p1"),
        Factor(id="f9", side=FactorSide.DRAAGKRACHT, description="x", entity_ids=("ghost",)),
        Factor(id="f9", side=FactorSide.DRAAGKRACHT, description="x", relation_ids=("r99",)),
        Goal(id="g9", title="x", parent_id="nope"),
        Goal(id="g1", title="loop", parent_id="g2"),
        Action(id="a9", goal_id="nope", what="x"),
        Action(id="a9", goal_id="g1", what="x", actor_id="ghost"),
        Monitoring(id="m9", goal_id="nope", date="2026", score=3),
    ]
    for record in bad:
        with pytest.raises(InvalidInput):
            store.save(case.id, record)
    with pytest.raises(NotFound):
        store.save("no-such-case", Entity(id="p1", name="x"))
    assert dump_db(store) == before


def test_load_returns_lists_in_stable_order(rich):
    store, case = rich
    data = store.load(case.id)
    assert same_content(data, make_rich_case())
    assert data.case.id == case.id and data.case.revision == 1
    assert store.load(case.code) == data
    store.save(case.id, Entity(id="a0", name="Nieuw"))
    assert [e.id for e in store.load(case.id).entities][-1] == "a0"


# ---------------------------------------------------------------- deleting
def test_deleting_an_entity_takes_relations_and_positions_and_unlinks_it(rich):
    store, case = rich
    # p1 carries action a1: refused by default, nothing changes
    before = dump_db(store)
    with pytest.raises(InvalidInput, match="actie"):
        store.delete(case.id, Entity, "p1")
    assert dump_db(store) == before

    rev = store.delete(case.id, "entity", "p1", on_actions="unassign", author="Anna")
    data = store.load(case.id)
    assert rev == 2
    assert "p1" not in {e.id for e in data.entities}
    assert not [r for r in data.relations if "p1" in (r.source, r.target)]
    assert [r.id for r in data.relations] == ["r3"]
    assert [p.entity_id for p in data.positions] == ["p2"]
    f1 = next(f for f in data.factors if f.id == "f1")
    assert f1.entity_ids == ("s1",) and f1.relation_ids == ("r3",)
    g1 = next(g for g in data.goals if g.id == "g1")
    assert g1.owner_id == "" and g1.owner_text == "Sanne"  # kept its own text
    a1 = next(a for a in data.actions if a.id == "a1")
    assert a1.actor_id == "" and a1.actor_text == "Sanne Jansen"
    summary = store.history(case.id)[0].summary
    # the history keeps no name of someone who was removed from the case
    assert summary.startswith("persoon verwijderd (id ") and "relaties" in summary
    assert "Sanne" not in summary


def test_deleting_an_entity_with_its_actions(rich):
    store, case = rich
    store.delete(case.id, Entity, "p1", on_actions="delete")
    assert [a.id for a in store.load(case.id).actions] == ["a2"]
    with pytest.raises(NotFound):
        store.delete(case.id, Entity, "p1")


def test_deleting_a_relation_unlinks_it_from_factors(rich):
    store, case = rich
    store.delete(case.id, Relation, "r3")
    data = store.load(case.id)
    assert "r3" not in {r.id for r in data.relations}
    assert data.factors[0].relation_ids == ()
    assert data.factors[0].entity_ids == ("p1", "s1")


def test_deleting_a_factor_unlinks_it_from_goals(rich):
    store, case = rich
    store.delete(case.id, "factor", "f1")
    data = store.load(case.id)
    assert [f.id for f in data.factors] == ["f2"]
    assert data.goals[0].factor_ids == ()


def test_deleting_a_goal_takes_actions_monitoring_and_subgoals(rich):
    store, case = rich
    store.save(case.id, Goal(id="g3", title="Sub van sub", parent_id="g2"))
    store.save(case.id, Action(id="a3", goal_id="g3", what="iets"))
    store.delete(case.id, Goal, "g1")
    data = store.load(case.id)
    assert data.goals == [] and data.actions == [] and data.monitoring == []
    assert "2 subdoelen" in store.history(case.id)[0].summary
    assert len(data.factors) == 2  # factors stay


def test_deleting_actions_and_monitoring(rich):
    store, case = rich
    store.delete(case.id, Action, "a2")
    store.delete(case.id, "monitoring", "m1")
    data = store.load(case.id)
    assert [a.id for a in data.actions] == ["a1"]
    assert [m.id for m in data.monitoring] == ["m2"]
    with pytest.raises(InvalidInput):
        store.delete(case.id, "snapshot", "x")


# ---------------------------------------------------------------- positions
def test_positions_are_upserted_and_cleared(rich):
    store, case = rich
    store.set_position(case.id, Position(lens=Lens.GENOGRAM, entity_id="p1", x=5, y=6))
    store.set_position(case.id, Position(lens=Lens.GENOGRAM, entity_id="p4", x=1.5, y=2.5))
    data = store.load(case.id)
    assert data.positions_for(Lens.GENOGRAM) == {"p1": (5.0, 6.0), "p4": (1.5, 2.5)}
    assert "positie vastgelegd: Sanne Jansen" in store.history(case.id)[1].summary
    with pytest.raises(NotFound):
        store.set_position(case.id, Position(lens=Lens.ECOGRAM, entity_id="ghost", x=0, y=0))
    rev = store.revision(case.id)
    assert store.clear_positions(case.id, Lens.GENOGRAM) == rev + 1
    data = store.load(case.id)
    assert data.positions_for(Lens.GENOGRAM) == {}
    assert data.positions_for(Lens.SOCIOGRAM, "p1") == {"p2": (1e-7, 123456.789)}
    assert store.clear_positions(case.id, Lens.GENOGRAM) == rev + 1  # nothing to clear


# ---------------------------------------------------------------- whole cases
def test_import_gives_a_fresh_id_and_a_unique_code(store):
    first = store.import_case(make_rich_case())
    second = store.import_case(make_rich_case())
    third = store.import_case(make_rich_case())
    assert len({first.id, second.id, third.id, "c-rich"}) == 4
    assert [first.code, second.code, third.code] == [
        "WT-2026-014",
        "WT-2026-014 (2)",
        "WT-2026-014 (3)",
    ]
    assert same_content(store.load(second.id), make_rich_case())
    assert "casus geïmporteerd" in store.history(first.id)[0].summary


def test_import_of_the_demo_case(demo_store, demo_data):
    store, case = demo_store
    assert same_content(store.load(case.id), demo_data)


def test_import_refuses_an_inconsistent_case(store):
    data = make_rich_case()
    data.relations.append(Relation(id="rx", kind=RelationKind.TWIN, source="p1", target="ghost"))
    with pytest.raises(InvalidInput):
        store.import_case(data)
    assert counts(store) == dict.fromkeys(TABLES, 0)


def test_replace_case_replaces_network_balance_and_plan(rich):
    store, case = rich
    new = make_rich_case()
    new.entities = new.entities[3:4]
    new.relations, new.positions, new.factors = [], [], []
    new.goals, new.actions, new.monitoring = [], [], []
    rev = store.replace_case(case.id, new, expected_revision=1, author="Anna")
    assert rev == 2
    data = store.load(case.id)
    assert [e.id for e in data.entities] == ["p4"]
    assert data.relations == data.goals == data.factors == data.positions == []
    assert data.case.code == case.code  # the case record stays


# ---------------------------------------------------------------- snapshots
def test_snapshots_are_frozen_and_can_be_restored(rich):
    store, case = rich
    snap = store.snapshot(case.id, "intake", taken="2026-03-01", author="Anna")
    assert snap.taken == "2026-03-01" and snap.document.startswith("{")
    store.save(case.id, Entity(id="p9", name="Later erbij"))
    store.delete(case.id, Relation, "r5")
    frozen = store.snapshot_data(snap.id)
    assert same_content(frozen, make_rich_case())
    later = store.snapshot(case.id, "evaluatie 1", taken="2026-06-01")
    assert [s.label for s in store.snapshots(case.id)] == ["intake", "evaluatie 1"]
    assert store.get_snapshot(snap.id) == snap
    assert "momentopname gemaakt: intake" in [c.summary for c in store.history(case.id)]

    rev = store.revision(case.id)
    assert store.replace_case(case.id, frozen, expected_revision=rev) == rev + 1
    assert same_content(store.load(case.id), make_rich_case())
    assert len(store.snapshot_data(later.id).entities) == len(make_rich_case().entities) + 1

    store.delete_snapshot(snap.id, author="Anna de Vries")
    assert [s.label for s in store.snapshots(case.id)] == ["evaluatie 1"]
    deleted = store.history(case.id, limit=1)[0]
    assert (deleted.summary, deleted.author) == ("momentopname verwijderd: intake", "Anna de Vries")
    with pytest.raises(NotFound):
        store.get_snapshot(snap.id)
    with pytest.raises(NotFound):
        store.delete_snapshot(snap.id, author="Anna de Vries")
    with pytest.raises(InvalidInput):
        store.snapshot(case.id, "  ")


# ---------------------------------------------------------------- crashes
def test_a_failing_history_write_leaves_nothing_half_written(rich, monkeypatch):
    store, case = rich
    before = dump_db(store)

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_record_history", crash)
    with pytest.raises(RuntimeError):
        store.save(case.id, Entity(id="p9", name="Half"))
    with pytest.raises(RuntimeError):
        store.delete(case.id, Entity, "p1", on_actions="delete")
    with pytest.raises(RuntimeError):
        store.replace_case(case.id, replace(make_rich_case(), positions=[]))
    with pytest.raises(RuntimeError):
        store.import_case(make_rich_case())
    with pytest.raises(RuntimeError):
        store.snapshot(case.id, "intake")
    assert dump_db(store) == before
    assert not store.db.conn.in_transaction


def test_a_database_error_in_the_middle_rolls_everything_back(rich):
    store, case = rich
    before = dump_db(store)
    # the history insert fails inside the database itself, after the cascade already ran
    if store.postgres:
        store.db.raw.execute(
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE integrity_constraint_violation USING MESSAGE = 'crash'; END $$"
        )
        store.db.raw.execute(
            "CREATE TRIGGER crash BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION crash()"
        )
    else:
        store.db.execute(
            "CREATE TEMP TRIGGER crash BEFORE INSERT ON history "
            "BEGIN SELECT RAISE(ABORT, 'crash'); END"
        )
    with pytest.raises(INTEGRITY_ERRORS):
        store.delete(case.id, Entity, "p1", on_actions="unassign")
    with pytest.raises(INTEGRITY_ERRORS):
        store.delete(case.id, Goal, "g1")
    assert dump_db(store) == before
    store.db.execute("DROP TRIGGER crash" + (" ON history" if store.postgres else ""))
    store.delete(case.id, Goal, "g1")  # the store still works


def test_a_process_killed_in_the_middle_of_a_change_leaves_the_old_state(tmp_path):
    path = tmp_path / "killed.db"
    with Store(path) as store:
        case = store.import_case(make_rich_case())
        before = dump_db(store)
    script = textwrap.dedent(
        f"""
        import os
        from mapping.storage.store import Store
        from mapping.core.model import Entity
        store = Store({str(path)!r})
        def die(*args, **kwargs):
            os._exit(9)  # no rollback, no close: like a power cut
        store._record_history = die
        store.delete({case.id!r}, Entity, "p1", on_actions="delete")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60)
    assert result.returncode == 9
    with Store(path) as store:
        assert dump_db(store) == before
        assert same_content(store.load(case.id), make_rich_case())


def test_save_many_is_one_change_all_or_nothing(demo_store):
    store, case = demo_store
    data = store.load(case.id)
    before = store.revision(case.id)
    child = Entity(id="p-new-child", name="Nieuw Kind")
    parent = next(e for e in data.entities if e.is_person)
    link = Relation(
        id="r-new-link", kind=RelationKind.PARENT_CHILD, source=parent.id, target=child.id
    )
    revision = store.save_many(case.id, [child, link], expected_revision=before, author="t")
    assert revision == before + 1
    saved = store.load(case.id)
    assert {"p-new-child"} <= {e.id for e in saved.entities}
    assert "r-new-link" in {r.id for r in saved.relations}
    assert "Nieuw Kind" in store.history(case.id, limit=1)[0].summary

    # a relation to a person that does not exist sinks the whole batch
    other = Entity(id="p-never", name="Nooit Opgeslagen")
    bad = Relation(id="r-bad", kind=RelationKind.PARENT_CHILD, source=parent.id, target="p-missing")
    with pytest.raises(InvalidInput):
        store.save_many(case.id, [other, bad], expected_revision=revision)
    after = store.load(case.id)
    assert "p-never" not in {e.id for e in after.entities}
    assert store.revision(case.id) == revision

    # saving what is already there changes nothing and leaves no history line
    assert store.save_many(case.id, [child], expected_revision=revision) == revision


def test_a_file_that_is_no_database_is_refused_and_left_alone(tmp_path):
    from mapping.core.errors import StoreUnavailable

    path = tmp_path / "oud.db"
    path.write_bytes(b"geen sqlite" * 100)
    with pytest.raises(StoreUnavailable) as err:
        Store(path)
    assert "kan niet worden geopend" in err.value.nl and "cannot be opened" in err.value.en
    assert path.read_bytes() == b"geen sqlite" * 100


def test_a_database_in_a_folder_that_cannot_be_made_is_refused(tmp_path):
    from mapping.core.errors import StoreUnavailable

    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable):
        Store(blocker / "sub" / "casemap.db")


def test_a_database_busy_too_long_is_one_dutch_message_and_nothing_changes(tmp_path, monkeypatch):
    """Under load another process can hold the write lock longer than the busy timeout:
    the save and a view's access-log line are refused with a message, never sqlite3's
    'database is locked' (seen at 50 users on one SQLite file, #18), and nothing is half
    written."""
    from mapping.access import log
    from mapping.core.errors import StoreUnavailable
    from mapping.storage import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "busy.db"
    with Store(path) as store:
        case = store.create_case("BUSY-1", "Gezin B.")
        before = store.revision(case.id)
        other = sqlite3.connect(path)
        other.execute("BEGIN IMMEDIATE")  # a colleague's process in the middle of a write
        try:
            with pytest.raises(StoreUnavailable) as refused:
                store.save(case.id, Entity(id="p1", name="Sanne"))
            assert "bezet" in str(refused.value) and "busy" in refused.value.message("en")
            with pytest.raises(StoreUnavailable):
                log.append(store.db, log.Entry(user="anna", action="view", case_id=case.id))
        finally:
            other.rollback()
            other.close()
        assert store.revision(case.id) == before
        assert store.load(case.id).entities == []
        store.save(case.id, Entity(id="p1", name="Sanne"))  # its turn again: it goes through
        assert store.revision(case.id) == before + 1
