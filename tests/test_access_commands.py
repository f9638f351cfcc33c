"""The team-use commands: casemap user, team, case and audit."""

from __future__ import annotations

from mapping.access import users
from mapping.access.guard import GuardedStore, Principal
from mapping.cli import main
from tests.test_access import Raw


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_users_teams_cases_and_the_audit_trail(db_target, tmp_path, capsys):
    db = str(db_target)  # a SQLite file, and (backend) a PostgreSQL database
    assert _run(capsys, "team", "add", "Wijkteam Noord", "--policy", "eigen", "--db", db)[0] == 0
    code, out, _ = _run(
        capsys,
        "user",
        "add",
        "anna@org.nl",
        "--name",
        "Anna",
        "--team",
        "Wijkteam Noord",
        "--db",
        db,
    )
    assert code == 0 and "casemanager" in out
    assert _run(capsys, "user", "add", "bas@org.nl", "--role", "teamleider", "--db", db)[0] == 0
    assert _run(capsys, "team", "member", "Wijkteam Noord", "bas@org.nl", "--db", db)[0] == 0
    code, out, _ = _run(capsys, "user", "list", "--db", db)
    assert "anna@org.nl" in out and "teamleider" in out and "Wijkteam Noord" in out
    code, _, err = _run(capsys, "user", "add", "anna@org.nl", "--db", db)
    assert code == 2 and "bestaat al" in err
    code, _, err = _run(capsys, "user", "add", "geen-adres", "--db", db)
    assert code == 2 and "geen e-mailadres" in err

    assert _run(capsys, "demo", "--db", db)[0] == 0
    assert (
        _run(
            capsys,
            "case",
            "assign",
            "DEMO-001",
            "--owner",
            "anna@org.nl",
            "--team",
            "Wijkteam Noord",
            "--db",
            db,
        )[0]
        == 0
    )
    with GuardedStore(db, Principal.command_line()) as store:
        anna = Principal.of(store.db, users.get_user(store.db, "anna@org.nl"))
    with GuardedStore(db, anna, part="genogram") as store:
        assert [c.code for c in store.list_cases()] == ["DEMO-001"]
        store.load("DEMO-001")
    out_file = tmp_path / "demo.json"
    assert _run(capsys, "export-json", "DEMO-001", "-o", str(out_file), "--db", db)[0] == 0

    code, out, _ = _run(capsys, "audit", "DEMO-001", "--db", db)
    assert code == 0
    assert "anna@org.nl" in out and "bekijken" in out and "genogram" in out
    assert "exporteren" in out and "opdrachtregel: export-json" in out
    csv_file = tmp_path / "inzage.csv"
    assert _run(capsys, "audit", "DEMO-001", "--csv", str(csv_file), "--db", db)[0] == 0
    assert "anna@org.nl" in csv_file.read_text(encoding="utf-8-sig")
    code, out, _ = _run(capsys, "audit", "user", "anna@org.nl", "--db", db)
    assert code == 0 and "DEMO-001" in out

    code, out, _ = _run(capsys, "audit", "verify", "--db", db)
    assert code == 0 and "in orde" in out
    conn = Raw(db)
    conn.drop_trigger("access_log_no_update")
    conn.execute("UPDATE access_log SET action = 'niets' WHERE id = 2")
    conn.commit()
    conn.close()
    code, _, err = _run(capsys, "audit", "verify", "--db", db)
    assert code == 1 and "regel 2" in err

    code, out, _ = _run(capsys, "user", "disable", "anna@org.nl", "--db", db)
    assert code == 0 and "uitgeschakeld" in out
    with GuardedStore(db, Principal.command_line()) as store:
        assert users.get_user(store.db, "anna@org.nl").disabled


def test_purge_needs_a_retention(db_target, capsys, monkeypatch):
    db = str(db_target)
    _run(capsys, "demo", "--db", db)
    monkeypatch.delenv("CASEMAP_LOG_RETENTION_DAYS", raising=False)
    code, _, err = _run(capsys, "audit", "purge", "--db", db)
    assert code == 2 and "CASEMAP_LOG_RETENTION_DAYS" in err
    monkeypatch.setenv("CASEMAP_LOG_RETENTION_DAYS", "3650")
    code, out, _ = _run(capsys, "audit", "purge", "--db", db)
    assert code == 0 and out.startswith("0 regels")
