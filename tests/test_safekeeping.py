"""Encrypted at rest, backups that restore, owner-only files (mapping.storage.safekeeping, the store)."""

from __future__ import annotations

import stat
import threading

import pytest

from mapping.cli import main
from mapping.core.errors import InvalidInput, StoreUnavailable
from mapping.core.model import Entity
from mapping.services.demo import demo_case
from mapping.storage import safekeeping
from mapping.storage.store import Store

KEY = "correct horse battery staple 2026"


@pytest.fixture
def keyed(tmp_path, monkeypatch):
    """The key in a file outside the database folder, as a server keeps it."""
    key_file = tmp_path / "sleutel" / "casemap.key"
    key_file.parent.mkdir()
    key_file.write_text(KEY + "\n")
    monkeypatch.setenv("CASEMAP_DB_KEY_FILE", str(key_file))
    monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    db = tmp_path / "data" / "casemap.db"
    return db


def _raw(path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_encrypted_database_shows_nothing_to_strings(keyed):
    with Store(keyed) as store:
        case = store.import_case(demo_case())
        store.save(case.id, Entity(id="x1", name="Vollenhoven"))
        assert store.encrypted
        names = [e.name for e in store.load(case.id).entities]
    raw = _raw(keyed)
    for text in ("Vollenhoven", names[0], "DEMO-001", "SQLite format 3"):
        assert text.encode() not in raw, text
    with Store(keyed) as again:  # and it opens again with the key
        assert "Vollenhoven" in {e.name for e in again.load("DEMO-001").entities}


def test_a_wrong_or_missing_key_is_one_message_and_changes_nothing(keyed, monkeypatch, capsys):
    with Store(keyed) as store:
        store.import_case(demo_case())
    before = keyed.read_bytes()
    monkeypatch.setenv("CASEMAP_DB_KEY", "een heel andere sleutel van 40 tekens....")
    monkeypatch.delenv("CASEMAP_DB_KEY_FILE")
    with pytest.raises(StoreUnavailable, match="sleutel past niet"):
        Store(keyed)
    assert main(["list", "--db", str(keyed)]) == 2
    assert "sleutel past niet" in capsys.readouterr().err
    monkeypatch.delenv("CASEMAP_DB_KEY")
    with pytest.raises(StoreUnavailable, match="versleuteld"):
        Store(keyed)
    assert keyed.read_bytes() == before  # never a new empty database in its place


def test_the_key_file_may_not_live_beside_the_database(tmp_path, monkeypatch):
    (tmp_path / "casemap.key").write_text(KEY)
    monkeypatch.setenv("CASEMAP_DB_KEY_FILE", str(tmp_path / "casemap.key"))
    with pytest.raises(StoreUnavailable, match="dezelfde map"):
        Store(tmp_path / "casemap.db")
    assert not (tmp_path / "casemap.db").exists()


def test_casemap_encrypt_turns_a_plain_database_into_an_encrypted_one(
    tmp_path, monkeypatch, capsys
):
    db = tmp_path / "data" / "casemap.db"
    monkeypatch.delenv("CASEMAP_DB_KEY_FILE", raising=False)
    monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    assert main(["demo", "--db", str(db)]) == 0
    with Store(db) as plain:
        before = safekeeping.fingerprint(plain)
    assert b"DEMO-001" in _raw(db)
    assert main(["encrypt", "--db", str(db)]) == 2  # no key: refused, nothing changed
    assert b"DEMO-001" in _raw(db)
    monkeypatch.setenv("CASEMAP_DB_KEY", KEY)
    assert main(["encrypt", "--db", str(db)]) == 0, capsys.readouterr().err
    assert b"DEMO-001" not in _raw(db)
    with Store(db) as encrypted:
        after = safekeeping.fingerprint(encrypted)
    # the same rows, plus the log line of the encryption
    assert {k: v for k, v in after.items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }
    assert not list(db.parent.glob("*.versleuteld*"))


def test_files_are_owner_only_whatever_the_umask(tmp_path, monkeypatch):
    import os

    old = os.umask(0o002)
    try:
        db = tmp_path / "open" / "casemap.db"
        with Store(db) as store:
            store.import_case(demo_case())
            out, _ = safekeeping.backup(store, tmp_path / "backup.db")
        assert (
            main(["export-json", "DEMO-001", "-o", str(tmp_path / "d.json"), "--db", str(db)]) == 0
        )
    finally:
        os.umask(old)
    for path in [
        db,
        db.with_name("casemap.db-wal"),
        out,
        tmp_path / "backup.db.sha256",
        tmp_path / "d.json",
    ]:
        if path.exists():
            assert _mode(path) == 0o600, path


def test_a_backup_during_saves_restores_every_committed_change(keyed, tmp_path):
    with Store(keyed) as store:
        case = store.import_case(demo_case())
    committed: list[str] = []
    stop = threading.Event()

    def saving():
        with Store(keyed) as writer:
            n = 0
            while not stop.is_set() and n < 400:
                writer.save(case.id, Entity(id=f"n{n}", name=f"Buur {n}"))
                committed.append(f"n{n}")
                n += 1

    thread = threading.Thread(target=saving)
    thread.start()
    try:
        while len(committed) < 20:
            pass
        with Store(keyed) as store:
            before_backup = len(committed)  # these were committed before the copy began
            out, digest = safekeeping.backup(store, tmp_path / "backup.db")
    finally:
        stop.set()
        thread.join()
    assert (tmp_path / "backup.db.sha256").read_text().startswith(digest)
    assert b"DEMO-001" not in out.read_bytes()  # encrypted like the database
    restored = safekeeping.restore(out, tmp_path / "hersteld.db", KEY)
    with Store(restored, key=KEY) as back:
        ids = {e.id for e in back.load(case.id).entities}
        assert back.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        history = {h.summary for h in back.history(case.id, limit=1000)}
    assert {f"n{i}" for i in range(before_backup)} <= ids
    # a save in the backup came with its history line: whole changes, never half
    saved = sorted(int(i[1:]) for i in ids if i.startswith("n") and i[1:].isdigit())
    assert saved == list(range(len(saved)))
    assert sum("persoon toegevoegd: Buur" in h for h in history) == len(saved)


def test_a_tampered_truncated_or_foreign_backup_is_refused(keyed, tmp_path):
    with Store(keyed) as store:
        store.import_case(demo_case())
        out, _ = safekeeping.backup(store, tmp_path / "b.db")
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInput, match="controlesom"):
        safekeeping.restore(out, tmp_path / "x.db", KEY)
    assert not (tmp_path / "x.db").exists()
    out.write_bytes(data)
    with pytest.raises(StoreUnavailable, match="sleutel past niet"):
        safekeeping.restore(out, tmp_path / "x.db", "een andere sleutel die niet past")
    assert not (tmp_path / "x.db").exists()
    (tmp_path / "b.db.sha256").unlink()
    with pytest.raises(InvalidInput, match="controlebestand"):
        safekeeping.restore(out, tmp_path / "x.db", KEY)


def test_restore_never_overwrites_a_working_database_unasked(keyed, tmp_path, capsys):
    with Store(keyed) as store:
        store.import_case(demo_case())
        out, _ = safekeeping.backup(store, tmp_path / "b.db")
        store.create_case("LATER-1", "Na de back-up")
    assert main(["restore", str(out), "--db", str(keyed)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main(["restore", str(out), "--db", str(keyed), "--replace"]) == 0
    with Store(keyed) as store:
        assert [c.code for c in store.list_cases()] == ["DEMO-001"]
    kept = list(keyed.parent.glob("casemap.db.voor-herstel-*"))
    assert len(kept) == 1
    with Store(kept[0], key=KEY) as old:
        assert "LATER-1" in [c.code for c in old.list_cases()]


def test_a_database_of_a_newer_casemap_is_refused_and_not_written(tmp_path):
    db = tmp_path / "nieuw.db"
    with Store(db) as store:
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('casemap', '0099_future', '2030-01-01')"
        )
        store.db.conn.commit()
    before = db.read_bytes()
    with pytest.raises(StoreUnavailable, match="nieuwere versie"):
        Store(db)
    assert db.read_bytes() == before


def test_a_database_on_read_only_media_can_be_read(tmp_path):
    """A database on a read-only medium (mounted ro) lists, exports and reports."""
    import shutil
    import subprocess
    import sys

    db = tmp_path / "bron" / "casemap.db"
    assert main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA journal_mode = DELETE")
    media = tmp_path / "usb"
    media.mkdir()
    script = f"""
set -e
mount -t tmpfs -o size=20m tmpfs {media}
cp {db} {media}/casemap.db
mount -o remount,ro {media}
{sys.executable} -m mapping.cli list --db {media}/casemap.db
{sys.executable} -m mapping.cli export DEMO-001 --lens genogram --format svg -o {tmp_path}/g.svg --db {media}/casemap.db
"""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=tmp_path
    )
    if "mount:" in run.stderr and run.returncode != 0 and "DEMO-001" not in run.stdout:
        pytest.skip(f"no private mounts here: {run.stderr[:200]}")
    assert run.returncode == 0, run.stderr
    assert "DEMO-001" in run.stdout
    assert "<svg" in (tmp_path / "g.svg").read_text()
    assert "alleen-lezen" in run.stderr  # the access could not be logged, and it says so


def test_a_backup_of_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "nieuw.db"
    with Store(db, key=None) as store:
        store.import_case(demo_case())
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('casemap', '0099_future', '2030-01-01')"
        )
        store.db.conn.commit()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = tmp_path / "nieuw-backup.db"
    backup.write_bytes(db.read_bytes())
    (tmp_path / "nieuw-backup.db.sha256").write_text(
        f"{safekeeping.checksum(backup)}  nieuw-backup.db\n"
    )
    with pytest.raises(StoreUnavailable, match="nieuwere versie"):
        safekeeping.restore(backup, tmp_path / "x.db", None)
    assert not (tmp_path / "x.db").exists()


def test_exports_of_a_case_without_consent_warn_on_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    db = tmp_path / "c.db"
    with Store(db) as store:
        case = store.create_case("ZT-1", "Zonder toestemming")
        store.save(case.id, Entity(id="p1", name="Sanne"))
    for argv in (
        ["export", "ZT-1", "--lens", "genogram", "-o", str(tmp_path / "g.svg")],
        ["export-json", "ZT-1", "-o", str(tmp_path / "z.json")],
        ["report", "ZT-1", "-o", str(tmp_path / "r.pdf")],
    ):
        assert main([*argv, "--db", str(db)]) == 0
        assert "geen toestemmingsverklaring" in capsys.readouterr().err, argv[0]
    assert main(["export-json", "DEMO-001", "-o", str(tmp_path / "d.json"), "--db", str(db)]) == 2


def test_an_imported_family_tree_is_unreadable_in_the_encrypted_file_and_destroyable(keyed, capsys):
    """A real GEDCOM (Gramps' sample tree) imported into an encrypted database, then destroyed."""
    from pathlib import Path

    from mapping.services import retention

    ged = Path(__file__).parent / "data" / "gedcom" / "gramps_sample.ged"
    assert main(["import", str(ged), "--code", "GED-1", "--db", str(keyed)]) == 0
    with Store(keyed) as store:
        names = sorted({e.name for e in store.load("GED-1").entities if len(e.name) > 6})
    assert len(names) > 10
    raw = _raw(keyed)
    assert not [name for name in names if name.encode() in raw]
    with Store(keyed) as store:
        case = store.get_case("GED-1")
        store.set_archived(case.id, True)
        store.db.execute(
            "UPDATE case_closure SET closed = '2000-01-01' WHERE case_id = ?", [case.id]
        )
        store.db.conn.commit()
    assert main(["retention", "--destroy", "GED-1", "--yes", "--db", str(keyed)]) == 0
    with Store(keyed) as store:
        assert store.list_cases(include_archived=True) == []
        assert retention.due_cases(store, 15) == []


def test_backup_restore_and_encrypt_point_to_pg_dump_on_postgresql(postgres, tmp_path, capsys):
    url = postgres.fresh()
    try:
        assert main(["demo", "--db", url]) == 0
        for argv in (
            ["backup", "-o", str(tmp_path / "b.db"), "--db", url],
            ["encrypt", "--db", url],
        ):
            capsys.readouterr()
            assert main(argv) == 2
            err = capsys.readouterr().err
            assert "pg_dump" in err and "Traceback" not in err and postgres.password not in err
        assert not (tmp_path / "b.db").exists()
        with pytest.raises(InvalidInput, match="pg_restore"):
            safekeeping.restore(tmp_path / "b.db", url, None)
    finally:
        postgres.drop(url)
