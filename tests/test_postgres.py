"""The store on PostgreSQL: what only a server has (#18.2 and #18.4).

The rest of the store's behaviour is tested on both backends by
tests/test_store.py, tests/test_access*.py and tests/test_pages.py (the
``backend`` parameter of tests/conftest.py); this file holds the server's own
cases: a server that will not let us in, two connections writing at once,
and ``casemap migrate-db`` moving a whole database built from public files.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from mapping.access import log, users
from mapping.access.guard import Action, GuardedStore, Principal
from mapping.cli import main
from mapping.core.errors import StaleRevision, StoreUnavailable
from mapping.core.model import Entity, Position
from mapping.core.vocabulary import Lens
from mapping.storage import backends, transfer
from mapping.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


@pytest.fixture
def pg(postgres):
    """The URL of a fresh, migrated PostgreSQL database."""
    url = postgres.fresh()
    yield url
    postgres.drop(url)


def _cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


# ------------------------------------------------------------ a server that will not let us in
def test_a_wrong_password_is_one_clear_message(postgres, capsys):
    url = postgres.url("postgres", password="verkeerd-wachtwoord")
    with pytest.raises(StoreUnavailable) as refused:
        Store(url)
    assert "laat gebruiker casemap niet binnen" in str(refused.value)
    assert "does not let user casemap in" in refused.value.message("en")
    code, out, err = _cli(capsys, "list", "--db", url)
    assert code == 2 and "niet binnen" in err and "Traceback" not in err
    assert "verkeerd-wachtwoord" not in err + out


def test_a_missing_database_is_one_clear_message(postgres, capsys):
    url = postgres.url("bestaat_niet")
    with pytest.raises(StoreUnavailable, match="bestaat_niet bestaat niet op de PostgreSQL-server"):
        Store(url)
    code, _, err = _cli(capsys, "list", "--db", url)
    assert code == 2 and "createdb bestaat_niet" in err and "Traceback" not in err


def test_an_unreachable_server_is_one_clear_message(postgres, capsys):
    from tests.conftest import _free_port

    url = f"postgresql://casemap:geheim@127.0.0.1:{_free_port()}/casemap"
    with pytest.raises(StoreUnavailable, match="is niet bereikbaar"):
        Store(url)
    code, out, err = _cli(capsys, "demo", "--db", url)
    assert code == 2 and "127.0.0.1" in err and "Traceback" not in err
    assert "geheim" not in err + out


def test_a_schema_from_a_newer_casemap_is_refused(pg, capsys):
    with Store(pg) as store:
        store.db.execute(
            f"INSERT INTO {backends.MIGRATIONS_TABLE} (migration_set, name, applied_at) "
            "VALUES ('casemap', '0099_from_the_future', '2030-01-01')"
        )
    with pytest.raises(StoreUnavailable, match="nieuwere versie van casemap"):
        Store(pg)
    code, _, err = _cli(capsys, "list", "--db", pg)
    assert code == 2 and "0099_from_the_future" in err and "Traceback" not in err
    assert postgres_password_hidden(pg, err)


def postgres_password_hidden(url: str, text: str) -> bool:
    return backends.describe(url)["user"] in text or "***" in text or "@" not in text


def test_a_connection_lost_mid_run_is_a_message_and_the_next_run_works(postgres, pg):
    with Store(pg) as store:
        case = store.create_case("WT-1", "Gezin K.")
        pid = store.db.raw.info.backend_pid
        postgres._admin(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(StoreUnavailable, match="antwoordde niet of niet op tijd"):
            store.save(case.id, Entity(id="p1", name="Sanne"))
    with Store(pg) as store:  # the pool hands out a live connection again
        store.save(case.id, Entity(id="p1", name="Sanne"))
        assert [e.name for e in store.load(case.id).entities] == ["Sanne"]


def test_connections_that_died_in_the_pool_are_replaced_unseen(postgres, pg):
    """A restarted server leaves dead connections in the pool: the next run does not notice."""
    with Store(pg) as store:
        store.create_case("WT-1", "Gezin K.")
    database = pg.rsplit("/", 1)[1]
    postgres._admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    )
    with Store(pg) as store:
        assert [c.code for c in store.list_cases()] == ["WT-1"]
        store.save("WT-1", Entity(id="p1", name="Sanne"))


def test_a_url_folded_by_path_is_refused_not_made_into_folders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folded = str(Path("postgresql://casemap:geheim@db.example.org/casemap"))
    with pytest.raises(StoreUnavailable, match="met twee schuine strepen"):
        Store(folded)
    code, _, err = _cli(capsys, "demo", "--db", folded)
    assert code == 2 and "postgresql://gebruiker@server/database" in err
    assert (
        "geheim" not in err and list(tmp_path.iterdir()) == []
    )  # no folder 'postgresql:' with a database in it


def test_a_database_key_is_refused_on_postgresql(pg, monkeypatch):
    monkeypatch.setenv("CASEMAP_DB_KEY", "x" * 32)
    with pytest.raises(StoreUnavailable, match="versleutelt alleen een SQLite-bestand"):
        Store(pg)


def test_the_app_shows_the_message_instead_of_a_traceback(postgres, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CASEMAP_DB", postgres.url("postgres", password="fout"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    [error] = at.error
    assert "niet binnen" in error.value.replace("\\", "")


# ------------------------------------------------------------ two connections at once
def test_stale_revision_across_two_connections(pg):
    with Store(pg) as first, Store(pg) as second:
        case = first.create_case("WT-1", "Gezin K.")
        seen = second.revision(case.id)
        first.save(case.id, Entity(id="p1", name="Sanne"), expected_revision=seen)
        with pytest.raises(StaleRevision):
            second.save(case.id, Entity(id="p2", name="Joost"), expected_revision=seen)
        assert [e.name for e in second.load(case.id).entities] == ["Sanne"]


def test_a_writer_that_waits_too_long_hears_the_database_is_busy(pg, monkeypatch):
    """A colleague's server holds the write lock past the wait (seen at 50 users on two
    servers, #18): the save and a view's access-log line are refused with the same
    message as on SQLite, not "the server did not answer", and nothing is half written."""
    import psycopg

    from mapping.access import log
    from mapping.core.errors import StoreUnavailable
    from mapping.storage import backends

    monkeypatch.setattr(backends, "WRITE_WAIT_S", 0.2)
    with Store(pg) as store:
        case = store.create_case("BUSY-PG", "Gezin B.")
        before = store.revision(case.id)
        with psycopg.connect(pg) as other:  # in the middle of a write on another server
            other.execute("SELECT pg_advisory_xact_lock(%s)", [backends.WRITE_LOCK])
            with pytest.raises(StoreUnavailable) as refused:
                store.save(case.id, Entity(id="p1", name="Sanne"))
            assert "bezet" in str(refused.value) and "busy" in refused.value.message("en")
            with pytest.raises(StoreUnavailable, match="bezet"):
                log.append(store.db, log.Entry(user="anna", action="view", case_id=case.id))
            other.rollback()
        assert store.revision(case.id) == before
        assert store.load(case.id).entities == []
        store.save(case.id, Entity(id="p1", name="Sanne"))  # its turn again: it goes through
        assert store.revision(case.id) == before + 1


def test_concurrent_saves_lose_no_update(pg):
    """Two writers on one case, each saving on the revision it read: refused or kept, never lost."""
    with Store(pg) as store:
        case = store.create_case("WT-1", "Gezin K.")
    kept, refused, errors = [], [], []

    def writer(name: str) -> None:
        with Store(pg) as own:
            for n in range(15):
                try:
                    seen = own.revision(case.id)
                    own.save(case.id, Entity(id=f"{name}{n}", name=name), expected_revision=seen)
                    kept.append(f"{name}{n}")
                except StaleRevision:
                    refused.append(f"{name}{n}")
                except Exception as err:  # a lock error or a traceback is what this test is for
                    errors.append(err)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Store(pg) as store:
        data = store.load(case.id)
        assert sorted(e.id for e in data.entities) == sorted(kept)
        assert data.case.revision == 1 + len(kept)
        assert len(kept) + len(refused) == 30


def test_two_servers_starting_at_once_migrate_an_empty_database_once(postgres):
    url = postgres.fresh(migrated=False)
    opened, errors = [], []

    def start() -> None:
        try:
            with Store(url) as store:
                opened.append(store.schema_version)
        except Exception as err:  # a duplicate table, a lock error: what this test is for
            errors.append(err)

    try:
        threads = [threading.Thread(target=start) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors and len(set(opened)) == 1 and len(opened) == 3
        with Store(url) as store:
            names = store._applied()
            assert len(names) == len(set(names)) == opened[0]
    finally:
        postgres.drop(url)


def test_the_pool_lends_a_connection_per_statement_or_transaction_and_takes_it_back(pg):
    with Store(pg) as store:
        case = store.create_case("WT-1", "Gezin K.")
    pool = backends._POOLS[pg]
    with Store(pg) as store:
        store.list_cases()
        assert store.db._held is None  # a page drawing with its store open holds no connection
        with store._transaction():
            assert store.db._held is not None  # a transaction keeps its one
            store._execute("UPDATE cases SET title = ? WHERE id = ?", ["Gezin K. (2)", case.id])
        assert store.db._held is None
        for _ in range(5):
            store.save(case.id, Entity(id="p1", name="Sanne"))
    stats = pool.get_stats()
    assert stats["pool_size"] <= 2  # given back and lent again, not a new connection each time
    assert stats["pool_available"] == stats["pool_size"]


def test_a_store_a_page_never_closes_still_gives_its_connection_back(pg):
    import gc

    with Store(pg) as store:
        store.create_case("WT-1", "Gezin K.")
    pool = backends._POOLS[pg]
    for _ in range(pool.max_size + 5):  # as many page runs that leave their store open
        assert Store(pg).list_cases()
    gc.collect()
    with Store(pg) as store:  # no PoolTimeout: every connection came back
        assert store.list_cases()
    assert pool.get_stats().get("requests_waiting", 0) == 0


# ------------------------------------------------------------ migrate-db
def _filled_sqlite(path: Path, capsys) -> str:
    """A team's SQLite database from public files: cases, users, shares, snapshots, the log."""
    db = str(path)
    for argv in (
        ("demo",),
        ("import", DATA / "gedcom" / "sopranos.ged", "--all", "--code", "SOPRANOS"),
        ("import", DATA / "gedcom" / "harry_potter.ged", "--all", "--code", "POTTER"),
        ("import", DATA / "network" / "dolphins.gml", "--code", "DOLFIJNEN"),
        ("team", "add", "Wijkteam Noord", "--policy", "eigen"),
        ("user", "add", "anna@org.nl", "--name", "Anna", "--team", "Wijkteam Noord"),
        ("user", "add", "bas@org.nl", "--team", "Wijkteam Noord"),
        ("case", "assign", "DEMO-001", "--owner", "anna@org.nl", "--team", "Wijkteam Noord"),
    ):
        code, _, err = _cli(capsys, *argv, "--db", db)
        assert code == 0, (argv, err)
    with GuardedStore(db, Principal.command_line("beheer")) as store:
        from mapping.services.sociale_kaart import organisations

        assert len(organisations(store)) > 40  # the team's sociale kaart, from `casemap demo`
        demo = store.get_case("DEMO-001")
        store.share(demo.id, "bas@org.nl")
        store.snapshot(demo.id, "intake")
        person = store.load(demo.id).entities[0]
        store.set_position(demo.id, Position(Lens.GENOGRAM, person.id, 120.5, -40.25))
        store.save(demo.id, Entity(id="nieuw", name="Zoë Ñúñez"))
        store.snapshot(demo.id, "evaluatie 1")
        store.set_archived(store.get_case("DOLFIJNEN").id, True)
        store.grant(demo.id, Action.EXPORT, "genogram")
        anna = Principal.of(store.db, users.get_user(store.db, "anna@org.nl"))
    with GuardedStore(db, anna, part="genogram") as store:
        store.load("DEMO-001")
    return db


def test_migrate_db_moves_a_whole_database_and_checks_every_case(postgres, tmp_path, capsys):
    source = _filled_sqlite(tmp_path / "team.db", capsys)
    target = postgres.fresh(migrated=False)  # an empty database: opening it migrates it
    try:
        code, out, err = _cli(capsys, "migrate-db", source, target)
        assert code == 0, out + err
        for case in ("DEMO-001", "SOPRANOS", "POTTER", "DOLFIJNEN"):
            assert f"OK    {case}:" in out
        assert "OK    toegangslog: de keten klopt" in out
        assert "FOUT" not in out and re.search(r"sociale_kaart [1-9]\d", out)  # 42 organisations

        with Store(source) as old, Store(target) as new:
            assert [c.code for c in new.list_cases(include_archived=True)] == [
                c.code for c in old.list_cases(include_archived=True)
            ]
            for case in old.list_cases(include_archived=True):
                assert new.load(case.id) == old.load(case.id)
                assert new.history(case.id, 10**6) == old.history(case.id, 10**6)
                assert new.snapshots(case.id) == old.snapshots(case.id)
                assert new.closed_on(case.id) == old.closed_on(case.id)
            for table in transfer.tables(old):  # the log has one line more: below
                if table != "access_log":
                    assert transfer.table_digest(new, table) == transfer.table_digest(old, table)
            assert [u.email for u in users.users(new.db)] == [u.email for u in users.users(old.db)]
            old_lines = log.lines(old.db)
            moved = log.lines(new.db)
            assert moved[0].action == "database overzetten"  # the move is in the log itself
            assert moved[1:] == old_lines and log.verify(new.db).ok
            # the counters go on after the copied ids: the next change gets a new history line
            demo = new.get_case("DEMO-001")
            new.save(demo.id, Entity(id="na", name="Na de verhuizing"))
            assert new.history(demo.id)[0].summary == "persoon toegevoegd: Na de verhuizing"

        # a database in use is not written over, unless asked
        code, _, err = _cli(capsys, "migrate-db", source, target)
        assert code == 2 and "niet leeg" in err and "--replace" in err
        code, out, _ = _cli(capsys, "migrate-db", source, target, "--replace")
        assert code == 0 and "OK    DEMO-001:" in out
        with Store(target) as new:
            assert not any(e.id == "na" for e in new.load("DEMO-001").entities)
    finally:
        postgres.drop(target)


def test_migrate_db_says_so_when_a_case_did_not_arrive_whole(
    postgres, tmp_path, capsys, monkeypatch
):
    source = _filled_sqlite(tmp_path / "team.db", capsys)
    target = postgres.fresh()
    copy = transfer.copy_database

    def lossy(old, new):  # a copy that loses one relation of the Sopranos on the way
        copied = copy(old, new)
        case = new.get_case("SOPRANOS")
        new.db.execute(
            "DELETE FROM relations WHERE case_id = ? AND id = (SELECT MIN(id) FROM relations "
            "WHERE case_id = ?)",
            [case.id, case.id],
        )
        return copied

    monkeypatch.setattr(transfer, "copy_database", lossy)
    try:
        code, out, err = _cli(capsys, "migrate-db", source, target)
        assert code == 1
        assert "FOUT  SOPRANOS: de casus verschilt" in out and "OK    DEMO-001:" in out
        assert "FOUT  tabel relations" in out and "niet gelijk overgekomen" in err
    finally:
        postgres.drop(target)


def test_migrate_db_to_a_server_that_will_not_let_us_in_is_one_message(postgres, tmp_path, capsys):
    _cli(capsys, "demo", "--db", tmp_path / "bron.db")
    target = postgres.url("postgres", password="fout-wachtwoord")
    code, out, err = _cli(capsys, "migrate-db", tmp_path / "bron.db", target)
    assert code == 2 and "niet binnen" in err and "Traceback" not in err
    assert "fout-wachtwoord" not in out + err


def test_migrate_db_refuses_a_missing_source_and_an_existing_target_file(tmp_path, capsys):
    code, _, err = _cli(capsys, "migrate-db", tmp_path / "geen.db", tmp_path / "nieuw.db")
    assert code == 2 and "bestaat niet" in err
    (tmp_path / "bestaat.db").write_bytes(b"")
    _cli(capsys, "demo", "--db", tmp_path / "bron.db")
    code, _, err = _cli(capsys, "migrate-db", tmp_path / "bron.db", tmp_path / "bestaat.db")
    assert code == 2 and "bestaat al" in err
