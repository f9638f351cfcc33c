"""Who may open which case, and the access log that says who did (mapping.access)."""

from __future__ import annotations

import sqlite3

import pytest

from mapping.access import log, users
from mapping.access.guard import AccessDenied, Action, GuardedStore, Principal
from mapping.access.users import Role
from mapping.core.errors import InvalidInput
from mapping.core.model import Entity
from mapping.services.demo import demo_case
from mapping.storage.backends import is_postgres
from mapping.storage.store import DB_ERRORS, Store


@pytest.fixture
def org(db_target):
    """A database with two teams and their people; ``org.as_(email)`` is their store.

    A SQLite file, and (``backend``) a PostgreSQL database.
    """

    class Org:
        path = db_target

        def as_(self, email: str | None, **kwargs) -> GuardedStore:
            store = GuardedStore(self.path, Principal.command_line(), **kwargs)
            if email:
                store.principal = Principal.of(
                    store.db, users.get_user(store.db, email), session="s-" + email
                )
            return store

    o = Org()
    with o.as_(None) as store:
        db = store.db
        users.add_team(db, "Noord", policy="eigen")
        users.add_team(db, "Zuid", policy="team")
        users.add_user(db, "anna@org.nl", name="Anna", teams=["Noord"])
        users.add_user(db, "bas@org.nl", name="Bas", teams=["Noord"])
        users.add_user(db, "lies@org.nl", name="Lies", role=Role.TEAMLEIDER, teams=["Noord"])
        users.add_user(db, "zoe@org.nl", name="Zoë", teams=["Zuid"])
        users.add_user(db, "zef@org.nl", name="Zef", teams=["Zuid"])
        users.add_user(db, "beheer@org.nl", role=Role.BEHEERDER)
        users.add_user(db, "stu@org.nl", role=Role.STUDENT, teams=["Noord"])
    return o


def _lines(path, **kwargs):
    with GuardedStore(path, Principal.command_line()) as store:
        return log.lines(store.db, **kwargs)


def test_owner_team_policy_teamleider_and_others(org):
    with org.as_("anna@org.nl") as anna:
        noord = anna.import_case(demo_case(), author="wat ik typ")
    with org.as_("zoe@org.nl") as zoe:
        zuid = zoe.create_case("Z-1", "Gezin Z.")

    expected = {
        "anna@org.nl": ({"DEMO-001"}, "eigenaar"),
        "bas@org.nl": (set(), None),  # Noord: only the owner ('eigen')
        "lies@org.nl": ({"DEMO-001"}, "teamleider"),
        "zoe@org.nl": ({"Z-1"}, None),
        "zef@org.nl": ({"Z-1"}, None),  # Zuid: the whole team ('team')
        "beheer@org.nl": (set(), None),  # no content unless shared
        "stu@org.nl": (set(), None),  # training cases only
    }
    for email, (visible, why) in expected.items():
        with org.as_(email) as store:
            assert {c.code for c in store.list_cases()} == visible, email
            assert store.may_open(noord.id) == why, email
    with org.as_("zef@org.nl") as zef:
        assert zef.may_open(zuid.id) == "team"


def test_a_refusal_says_nothing_about_the_case_and_is_logged(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
    with org.as_("zoe@org.nl") as zoe:
        with pytest.raises(AccessDenied) as refused:
            zoe.load(case.id)
        with pytest.raises(AccessDenied) as unknown:
            zoe.load("BESTAAT-NIET")
        with pytest.raises(AccessDenied):
            zoe.save(case.id, Entity(id="x", name="Indringer"))
        with pytest.raises(AccessDenied):
            zoe.grant(case.code, Action.EXPORT, "genogram: pdf")
    assert refused.value.message("nl") == unknown.value.message("nl")
    refusals = [line for line in _lines(org.path, user="zoe@org.nl") if line.outcome == "geweigerd"]
    assert [line.action for line in refusals] == ["exporteren", "wijzigen", "bekijken", "bekijken"]
    assert refusals[-1].case_code == "DEMO-001" and refusals[-1].case_id == case.id
    assert refusals[-2].case_code == "BESTAAT-NIET"
    with org.as_(None) as plain:
        assert "Indringer" not in {e.name for e in plain.load(case.id).entities}


def test_every_read_and_change_leaves_a_line_with_who_what_and_where(org):
    with org.as_("anna@org.nl", part="genogram", seen={}) as anna:
        case = anna.import_case(demo_case())
        anna.load(case.id)
        anna.load(case.id)  # the same view again within the window: one line
        revision = anna.save(case.id, Entity(id="n1", name="Nieuwe buur"), author="getypt")
        anna.snapshot(case.id, "intake")
        anna.grant(case.id, Action.EXPORT, "genogram: pdf")
        history = anna.history(case.id)
    lines = list(reversed(_lines(org.path, case_id=case.id)))
    assert [line.action for line in lines] == [
        "importeren",
        "bekijken",
        "wijzigen",
        "momentopname",
        "exporteren",
    ]
    first = lines[1]
    assert (first.user, first.role, first.part, first.session) == (
        "anna@org.nl",
        "casemanager",
        "genogram",
        "s-anna@org.nl",
    )
    assert first.at.endswith("+00:00")  # UTC
    assert "grond: eigenaar" in first.detail
    # the signed-in identity is the author, whatever a page passed
    assert history[0].author == "Anna <anna@org.nl>"
    assert revision > case.revision


def test_a_change_and_its_line_are_one_transaction(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
        before = len(_lines(org.path))
        with pytest.raises(InvalidInput):
            anna.save(case.id, Entity(id="", name=""))  # refused by the store
    assert len(_lines(org.path)) == before


def test_noodtoegang_needs_a_reason_opens_the_case_and_is_shown(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
    with org.as_("zoe@org.nl") as zoe:
        with pytest.raises(InvalidInput):
            zoe.break_glass(case.code, "nodig")
        opened = zoe.break_glass(case.code, "Crisis in de nacht, casemanager afwezig")
        assert opened.id == case.id
        assert zoe.may_open(case.id) == "noodtoegang"
        assert zoe.load(case.id).case.code == "DEMO-001"
    line = _lines(org.path, user="zoe@org.nl", case_id=case.id)[-1]
    assert line.action == "noodtoegang" and "Crisis in de nacht" in line.detail
    for who in ("anna@org.nl", "lies@org.nl", "beheer@org.nl"):
        with org.as_(who) as store:
            events = store.break_glass_events()
        assert [(e["user"], e["code"]) for e in events] == [("zoe@org.nl", "DEMO-001")], who
    with org.as_("bas@org.nl") as bas:
        assert bas.break_glass_events() == []
    with org.as_("stu@org.nl") as student, pytest.raises(AccessDenied):
        student.break_glass(case.code, "Ik wil het echt even zien")


def test_sharing_and_handing_over(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
        anna.share(case.id, "bas@org.nl")
    with org.as_("bas@org.nl") as bas:
        assert bas.may_open(case.id) == "gedeeld"
        with pytest.raises(AccessDenied):
            bas.share(case.id, "zoe@org.nl")  # only owner, teamleider, beheerder
        with pytest.raises(AccessDenied):
            bas.delete_case(case.id)  # only owner or teamleider
    with org.as_("anna@org.nl") as anna:
        anna.share(case.id, "bas@org.nl", shared=False)
    with org.as_("bas@org.nl") as bas:
        assert bas.may_open(case.id) is None
    with org.as_("beheer@org.nl") as beheer:
        beheer.assign(case.id, owner="zoe@org.nl", team="Zuid")
        assert beheer.may_open(case.id) is None  # handing over shows no content
    with org.as_("zef@org.nl") as zef:
        assert zef.may_open(case.id) == "team"


def test_students_only_open_training_cases(org):
    with org.as_("stu@org.nl") as student:
        with pytest.raises(AccessDenied):
            student.create_case("ECHT-1", "Echte casus")
        practice = student.create_case("OEF-1", "Oefening", training=True)
        assert [c.code for c in student.list_cases()] == ["OEF-1"]
    with org.as_("lies@org.nl") as leader:
        assert leader.may_open(practice.id) == "teamleider"


def test_deleting_a_case_keeps_its_log_lines(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
        anna.load(case.id)
        anna.delete_case(case.id)
    lines = _lines(org.path, case_id=case.id)
    assert lines[0].action == "verwijderen" and lines[0].case_code == "DEMO-001"
    with org.as_("beheer@org.nl") as beheer:
        found = beheer.case_log("DEMO-001")
    assert {"importeren", "bekijken", "verwijderen"} <= {line.action for line in found}
    with org.as_("bas@org.nl") as bas, pytest.raises(AccessDenied):
        bas.case_log("DEMO-001")


def test_reading_the_log_is_logged_and_kept_to_those_who_may(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
        assert anna.case_log(case.id)
    with org.as_("zoe@org.nl") as zoe:
        with pytest.raises(AccessDenied):
            zoe.case_log(case.id)
        with pytest.raises(AccessDenied):
            zoe.user_log("anna@org.nl")
    with org.as_("beheer@org.nl") as beheer:
        assert {line.action for line in beheer.user_log("anna@org.nl")} >= {"importeren"}
    actions = [
        (line.user, line.outcome)
        for line in _lines(org.path)
        if line.action == "toegangslog inzien"
    ]
    assert ("anna@org.nl", "ok") in actions
    assert ("zoe@org.nl", "geweigerd") in actions
    assert ("beheer@org.nl", "ok") in actions


# ------------------------------------------------------------------ the chain
@pytest.fixture
def chained(org):
    with org.as_("anna@org.nl") as anna:
        case = anna.import_case(demo_case())
        for n in range(5):
            anna.grant(case.id, Action.EXPORT, f"export {n}")
    return org.path


class Raw:
    """A connection of its own beside the app's, as someone tampering with the database has."""

    def __init__(self, path) -> None:
        self.postgres = is_postgres(path)
        if self.postgres:  # the store's adapter reads the same SQL; it commits every statement
            self.store = Store(path)
            self.conn = self.store.db
        else:
            self.conn = sqlite3.connect(path)

    def execute(self, sql, params=()):
        return self.conn.execute(sql, params)

    def commit(self) -> None:
        if not self.postgres:
            self.conn.commit()

    def close(self) -> None:
        (self.store if self.postgres else self.conn).close()

    def drop_trigger(self, name: str) -> None:
        self.execute(f"DROP TRIGGER {name}" + (" ON access_log" if self.postgres else ""))


def _raw(path):
    conn = Raw(path)
    conn.drop_trigger("access_log_no_update")
    conn.drop_trigger("access_log_no_delete")
    return conn


def _verify(path):
    with GuardedStore(path, Principal.command_line()) as store:
        return log.verify(store.db)


def test_the_chain_verifies_and_the_database_refuses_edits(chained):
    assert _verify(chained).ok and _verify(chained).checked >= 6
    conn = Raw(chained)
    with pytest.raises(DB_ERRORS, match="append-only"):
        conn.execute("UPDATE access_log SET user = 'niemand' WHERE id = 2")
    with pytest.raises(DB_ERRORS, match="append-only"):
        conn.execute("DELETE FROM access_log WHERE id = 2")
    if conn.postgres:  # and emptying the table at once
        with pytest.raises(DB_ERRORS, match="append-only"):
            conn.execute("TRUNCATE access_log")
    conn.close()
    assert _verify(chained).ok


def test_an_edited_line_is_found(chained):
    conn = _raw(chained)
    conn.execute("UPDATE access_log SET user = 'iemand@anders.nl' WHERE id = 3")
    conn.commit()
    result = _verify(chained)
    assert not result.ok and result.bad_id == 3 and "gewijzigd" in result.reason


def test_a_removed_line_is_found(chained):
    conn = _raw(chained)
    conn.execute("DELETE FROM access_log WHERE id = 3")
    conn.commit()
    result = _verify(chained)
    assert not result.ok and result.bad_id == 4


def test_swapped_lines_are_found(chained):
    conn = _raw(chained)
    cols = "at, user, role, on_behalf, case_id, case_code, action, part, session, outcome, detail, prev_hash, hash"
    two = conn.execute(f"SELECT {cols} FROM access_log WHERE id = 2").fetchone()
    three = conn.execute(f"SELECT {cols} FROM access_log WHERE id = 3").fetchone()
    sets = ", ".join(f"{c} = ?" for c in cols.split(", "))
    conn.execute(f"UPDATE access_log SET {sets} WHERE id = 2", three)
    conn.execute(f"UPDATE access_log SET {sets} WHERE id = 3", two)
    conn.commit()
    result = _verify(chained)
    assert not result.ok and result.bad_id == 2


def test_a_retention_purge_keeps_the_chain_verifiable(chained):
    conn = _raw(chained)  # make the first three lines old
    conn.execute("UPDATE access_log SET at = '2019-01-01T00:00:00+00:00' WHERE id <= 3")
    # re-hash the whole chain as if those lines had been written then
    prev = log.GENESIS
    cursor = conn.execute("SELECT * FROM access_log ORDER BY id")
    names = [d[0] for d in cursor.description]
    for row in cursor.fetchall():
        values = dict(zip(names, row, strict=True))
        digest = log.line_hash(prev, values)
        conn.execute(
            "UPDATE access_log SET prev_hash = ?, hash = ? WHERE id = ?",
            [prev, digest, values["id"]],
        )
        prev = digest
    conn.commit()
    conn.close()
    with GuardedStore(chained, Principal.command_line()) as store:
        if store.postgres:
            store.db.execute(
                "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
                "FOR EACH ROW EXECUTE FUNCTION access_log_append_only()"
            )
        else:
            store.db.execute(
                "CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log "
                "WHEN OLD.id > (SELECT COALESCE(MAX(last_id), 0) FROM access_log_anchor) "
                "BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
            )
        assert log.verify(store.db).ok
        assert log.purge(store.db, older_than_days=365) == 3
        result = log.verify(store.db)
        assert result.ok and result.checked == len(log.lines(store.db))
        assert min(line.id for line in log.lines(store.db)) == 4


def test_csv_export_defuses_spreadsheet_formulas():
    line = log.Line(user='=HYPERLINK("http://x")', action="bekijken", at="2026-12-04T10:00:00")
    text = log.to_csv([line])
    assert "'=HYPERLINK" in text and text.splitlines()[0].startswith("tijdstip (UTC);")


def test_personal_mode_opens_everything_and_still_logs(tmp_path):
    path = tmp_path / "laptop.db"
    with GuardedStore(path, Principal.personal("Anna", "sessie-1")) as store:
        case = store.import_case(demo_case(), author="Anna")
        assert store.may_open(case.id) == "persoonlijk"
        store.load(case.id)
        assert store.history(case.id)[0].author == "Anna"  # the typed name, no sign-in
    line = _lines(path)[0]
    assert line.user.startswith("Anna (") and line.user.endswith("lokaal)")
    assert line.role == "persoonlijk" and line.session == "sessie-1"
