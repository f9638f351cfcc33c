"""Bewaartermijn: closed cases due for destruction, destroyed without a trace in the file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mapping.access import log
from mapping.access.guard import GuardedStore, Principal
from mapping.cli import main
from mapping.core.errors import InvalidInput
from mapping.core.model import Entity
from mapping.services import retention
from mapping.services.demo import demo_case


def _store(path):
    return GuardedStore(path, Principal.command_line("beheer"))


def _age(store, case_id, years):
    store.db.execute(
        "UPDATE case_closure SET closed = ? WHERE case_id = ?",
        [(date.today() - timedelta(days=365 * years + 5)).isoformat(), case_id],
    )
    store.db.conn.commit()


def test_only_closed_cases_past_their_retention_are_due(db_target):
    with _store(db_target) as store:
        old = store.import_case(demo_case())
        recent = store.create_case("RECENT-1", "Kort geleden gesloten")
        still_open = store.create_case("OPEN-1", "Loopt nog")
        store.set_archived(old.id, True)
        store.set_archived(recent.id, True)
        assert store.closed_on(old.id) == date.today().isoformat()
        assert store.closed_on(still_open.id) == ""
        _age(store, old.id, 16)
        _age(store, recent.id, 2)
        assert [d.code for d in retention.due_cases(store, 15)] == ["DEMO-001"]
        assert [d.code for d in retention.due_cases(store, 1)] == ["DEMO-001", "RECENT-1"]
        store.set_archived(recent.id, False)  # reopened: its period no longer runs
        assert store.closed_on(recent.id) == ""


def test_destroying_leaves_only_a_log_line_and_nothing_in_the_file(tmp_path, capsys):
    path = tmp_path / "c.db"
    with _store(path) as store:
        case = store.import_case(demo_case())
        store.save(case.id, Entity(id="v1", name="Xandravollenhoven"))
        store.snapshot(case.id, "intake")
        keep = store.create_case("BLIJFT-1", "Blijft bewaard")
        store.set_archived(case.id, True)
        _age(store, case.id, 16)
    wal = tmp_path / "c.db-wal"
    assert b"Xandravollenhoven" in path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert main(["retention", "--due", "--db", str(path)]) == 0
    assert "DEMO-001" in capsys.readouterr().out
    assert main(["retention", "--destroy", "DEMO-001", "--db", str(path)]) == 2  # no --yes
    assert main(["retention", "--destroy", "DEMO-001", "--yes", "--db", str(path)]) == 0
    raw = path.read_bytes()
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"Xandravollenhoven" not in raw
    assert b"Jansen" not in raw  # the demo family's surname
    with _store(path) as store:
        assert [c.code for c in store.list_cases()] == [keep.code]
        destroyed = [
            line for line in log.lines(store.db, case_id=case.id) if line.action == "verwijderen"
        ]
        assert len(destroyed) == 1
        assert destroyed[0].case_code == "DEMO-001"
        assert "bewaartermijn" in destroyed[0].detail
        assert destroyed[0].user.endswith("opdrachtregel)")
        assert log.verify(store.db).ok


def test_an_open_or_not_yet_due_case_is_not_destroyed(db_target):
    with _store(db_target) as store:
        case = store.import_case(demo_case())
        with pytest.raises(InvalidInput, match="nog open"):
            retention.destroy(store, [case.code], 15)
        store.set_archived(case.id, True)
        with pytest.raises(InvalidInput, match="pas op"):
            retention.destroy(store, [case.code], 15)
        assert store.load(case.id).entities


def test_destroying_on_postgresql_leaves_only_the_log_line(backend, db_target, capsys):
    if backend != "postgresql":
        pytest.skip("the SQLite file is read byte by byte above")
    with _store(db_target) as store:
        case = store.import_case(demo_case())
        store.save(case.id, Entity(id="v1", name="Xandravollenhoven"))
        store.snapshot(case.id, "intake")
        store.set_archived(case.id, True)
        _age(store, case.id, 16)
    assert main(["retention", "--destroy", "DEMO-001", "--yes", "--db", db_target]) == 0
    with _store(db_target) as store:
        assert store.list_cases(include_archived=True) == []
        for table in ("entities", "snapshots", "history", "case_closure"):
            assert store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        assert [line.action for line in log.lines(store.db, case_id=case.id)][0] == "verwijderen"
        assert log.verify(store.db).ok


def test_the_retention_period_is_configurable():
    assert retention.retention_years({}) == 15
    assert retention.retention_years({"CASEMAP_RETENTION_YEARS": "20"}) == 20
    with pytest.raises(InvalidInput):
        retention.retention_years({"CASEMAP_RETENTION_YEARS": "nooit"})
    assert retention.due_date("2024-02-29", 15) == date(2039, 2, 28)
