"""Inzage and erasure for one person (AVG art. 15 and 17): mapping.services.subject and its commands."""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from mapping.access import log, users
from mapping.access.guard import AccessDenied, GuardedStore, Principal
from mapping.core.errors import NotFound
from mapping.core.model import Position
from mapping.core.vocabulary import Lens
from mapping.formats.exchange import dump_case, load_case
from mapping.formats.netfiles import read_import_file
from mapping.services import subject, subject_commands
from mapping.services.demo import demo_case
from mapping.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
GEDCOM = ROOT / "tests" / "data" / "gedcom" / "harry_potter.ged"
#: Occurs in the demo only as the football trainer's name: nowhere else in the database.
AHMED = "Ahmed El Amrani"


@pytest.fixture
def run(monkeypatch, capsys):
    """``run(*argv) -> (code, out, err)`` through ``mapping.cli.main``, our commands registered.

    Registers them itself until mapping/cli.py does (then it leaves the parser alone).
    """
    from mapping import cli

    original = cli.build_parser

    def build() -> argparse.ArgumentParser:
        parser = original()
        sub = next(a for a in parser._actions if a.dest == "command")
        if "subject-export" not in sub.choices:
            common = argparse.ArgumentParser(add_help=False)
            common.add_argument("--db", default=argparse.SUPPRESS)
            common.add_argument("--author", default=argparse.SUPPRESS)
            subject_commands.register(sub, common)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)

    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def _operator(db) -> GuardedStore:
    return GuardedStore(db, Principal.command_line("Test"), part="test")


@pytest.fixture
def two_demos(tmp_path, run):
    """A database with the demo imported twice (DEMO-001, DEMO-001 (2)) and a snapshot in the first.

    In DEMO-001 the trainer's note was edited (a history line with his name),
    he has a sociogram position, and Daan's netwerkkaart has one in his view.
    """
    db = str(tmp_path / "casemap.db")
    assert run("demo", "--db", db)[0] == 0
    assert run("demo", "--db", db)[0] == 0
    with _operator(db) as store:
        ahmed = store.load("DEMO-001").entity("ahmed")
        store.save("DEMO-001", replace(ahmed, note="traint dinsdag en donderdag"), author="Test")
        store.set_position("DEMO-001", Position(Lens.SOCIOGRAM, "ahmed", 10.0, 20.0, view="daan"))
        store.set_position("DEMO-001", Position(Lens.SOCIOGRAM, "daan", 0.0, 0.0, view="ahmed"))
        store.snapshot("DEMO-001", "intake", taken="2026-03-01")
    return db


def _state(db: str, code: str) -> str:
    """Everything of one case that an erasure could touch, as one text."""
    with Store(db) as store:
        case = store.get_case(code)
        parts = [dump_case(store.load(code))]
        parts += [s.document for s in store.snapshots(case.id)]
        parts += [c.summary for c in store.history(case.id, limit=10_000)]
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


# ----------------------------------------------------------------- finding
def test_find_person_by_name_id_and_gedcom_xref(two_demos, tmp_path):
    with _operator(two_demos) as store:
        by_name = subject.find_person(store, "  daan   BAKKER ")
        assert [(c.code, e.id) for c, e in by_name] == [
            ("DEMO-001", "daan"),
            ("DEMO-001 (2)", "daan"),
        ]
        assert len(subject.find_person(store, "daan")) == 2  # the entity id
        assert [
            c.code for c, _ in subject.find_person(store, "Daan Bakker", case_ref="DEMO-001 (2)")
        ] == ["DEMO-001 (2)"]
        assert subject.find_person(store, "GGZ Midden") == []  # a system is not a person
        assert subject.find_person(store, "Daan") == []  # a name is matched whole
        data = read_import_file(GEDCOM.name, GEDCOM.read_bytes())
        store.import_case(data)
        for ref in ("@I23@", "I23", "ged-I23", "hermione jean granger"):
            found = subject.find_person(store, ref)
            assert [e.name for _, e in found] == ["Hermione Jean Granger"], ref


def test_find_person_only_in_cases_the_user_may_open(two_demos):
    with _operator(two_demos) as store:
        users.add_team(store.db, "Noord", policy="eigen")
        bert = users.add_user(store.db, "bert@org.nl", teams=["Noord"])
        principal = Principal.of(store.db, bert)
    with GuardedStore(two_demos, principal) as store:
        assert subject.find_person(store, "Daan Bakker") == []
        with pytest.raises(AccessDenied):
            subject.erase_person(store, "DEMO-001", "daan")
        refused = log.lines(store.db, user="bert@org.nl")
    assert any(line.outcome == "geweigerd" for line in refused)
    with Store(two_demos) as store:
        assert "daan" in store.load("DEMO-001").entity_map()


# ----------------------------------------------------------------- inzage
def test_subject_export_gathers_a_person_from_two_cases(two_demos, tmp_path, run):
    target = tmp_path / "uit" / "inzage.json"
    code, out, err = run("subject-export", "Daan Bakker", "-o", str(target), "--db", two_demos)
    assert code == 0, err
    assert "Gevonden in 2 casus(sen)" in out and "meer dan één treffer" in out
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "casemap-inzage"
    first, second = document["matches"]
    assert (first["case"]["code"], second["case"]["code"]) == ("DEMO-001", "DEMO-001 (2)")
    assert first["person"]["name"] == "Daan Bakker" and first["person"]["birth"] == "2008"
    relations = {r["id"]: r for r in first["relations"]}
    assert relations["c-mark-daan"]["other_name"] == "Mark Bakker"
    assert "Rick de Boer" in relations["e-rick-daan"]["label_nl"]
    assert {"f-ruzie", "f-voetbal", "f-politie"} <= {f["id"] for f in first["factors"]}
    assert [g["id"] for g in first["goals"]] == ["g-daan"]
    # goals and actions that only name him in their text
    mentioned = {(m["kind"], m["id"]) for m in first["mentions"]}
    assert ("goals", "g-thuis") in mentioned and ("actions", "a-school") in mentioned
    assert ("goals", "g-daan") not in mentioned  # listed once, as his own goal
    # snapshot presence: the first case has one snapshot with him, the second none
    assert [(s["label"], s["present"]) for s in first["snapshots"]] == [("intake", True)]
    assert first["snapshots"][0]["person"]["name"] == "Daan Bakker"
    assert second["snapshots"] == []
    # the access log of each case, with the import, and this inzage itself (by id, no name)
    actions = [(line["action"], line["part"]) for line in first["access_log"]]
    assert ("importeren", "opdrachtregel: demo") in actions
    assert ("exporteren", "AVG art. 15") in actions
    assert not any("Daan" in line["detail"] for line in first["access_log"])
    assert any(line["action"] == "momentopname" for line in first["access_log"])

    pdf = target.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _pdf_text(pdf)
    for part in (
        "Inzage persoonsgegevens",
        "AVG artikel 15",
        "Daan Bakker",
        "DEMO-001 (2)",
        "Relaties",
        "Balans: factoren",
        "Plan: doelen",
        "Genoemd in vrije tekst",
        "Momentopnamen",
        "Toegangslog",
        "meer dan één casus",
    ):
        assert part in text, part


def test_subject_export_lists_the_history_and_actions_of_a_person(two_demos, tmp_path, run):
    target = tmp_path / "els.json"
    code, _, err = run(
        "subject-export", "Els Visser", "--case", "DEMO-001", "-o", str(target), "--db", two_demos
    )
    assert code == 0, err
    (match,) = json.loads(target.read_text(encoding="utf-8"))["matches"]
    assert [a["id"] for a in match["actions"]] == ["a-post"]
    target = tmp_path / "ahmed.json"
    argv = ("subject-export", "ahmed", "--case", "DEMO-001", "-o", str(target), "--db", two_demos)
    assert run(*argv)[0] == 0
    (match,) = json.loads(target.read_text(encoding="utf-8"))["matches"]
    assert [h["summary"] for h in match["history"]] == [
        f"persoon gewijzigd: {AHMED} (note)",
        f"positie vastgelegd: {AHMED} (Netwerkkaart)",
    ]
    assert {(p["lens"], p["view"]) for p in match["positions"]} == {("sociogram", "daan")}


def test_subject_export_refuses_unknown_people_and_a_pdf_name(two_demos, tmp_path, run):
    code, _, err = run(
        "subject-export", "Niemand Bestaat", "-o", str(tmp_path / "x.json"), "--db", two_demos
    )
    assert code == 2 and "Geen persoon 'Niemand Bestaat' gevonden" in err
    code, _, err = run(
        "subject-export", "Daan Bakker", "-o", str(tmp_path / "x.pdf"), "--db", two_demos
    )
    assert code == 2 and "bestandsnaam voor de JSON" in err
    assert not list(tmp_path.glob("x.*"))


# ----------------------------------------------------------------- erasure
def test_erase_person_without_yes_changes_nothing(two_demos, run):
    before = _state(two_demos, "DEMO-001")
    code, out, err = run("erase-person", "DEMO-001", AHMED, "--db", two_demos)
    assert code == 2
    assert "Er is niets gewist" in err and "--yes" in err
    assert "wordt gewist" in out and "2 relaties" in out and "1 momentopnamen" in out
    assert _state(two_demos, "DEMO-001") == before
    code, _, err = run("erase-person", "DEMO-001", "Niemand", "--yes", "--db", two_demos)
    assert code == 2 and "staat niet in casus DEMO-001" in err
    assert _state(two_demos, "DEMO-001") == before


def test_erase_person_removes_them_everywhere_in_the_case(tmp_path, run):
    db = str(tmp_path / "een.db")
    assert run("demo", "--db", db)[0] == 0
    assert run("import", str(GEDCOM), "--db", db)[0] == 0
    with _operator(db) as store:
        ahmed = store.load("DEMO-001").entity("ahmed")
        store.save("DEMO-001", replace(ahmed, note="traint dinsdag en donderdag"))
        store.set_position("DEMO-001", Position(Lens.SOCIOGRAM, "ahmed", 1.0, 2.0, view="daan"))
        store.set_position("DEMO-001", Position(Lens.SOCIOGRAM, "daan", 1.0, 2.0, view="ahmed"))
        store.snapshot("DEMO-001", "intake", taken="2026-03-01")
        store.snapshot("DEMO-001", "evaluatie", taken="2026-06-01")
        assert AHMED.encode() in Path(db).read_bytes() + Path(db + "-wal").read_bytes()

    code, out, err = run("erase-person", "DEMO-001", AHMED, "--yes", "--db", db)
    assert code == 0, err
    assert "gewist" in out and "2 momentopnamen zonder deze persoon" in out

    with Store(db) as store:
        case = store.get_case("DEMO-001")
        data = store.load("DEMO-001")
        assert "ahmed" not in data.entity_map()
        assert not [r for r in data.relations if "ahmed" in (r.source, r.target)]
        assert not [p for p in data.positions if "ahmed" in (p.entity_id, p.view)]
        action = next(a for a in data.actions if a.id == "a-voetbal")
        assert (action.actor_id, action.actor_text) == ("", subject.ERASED)
        assert "ahmed" not in next(f for f in data.factors if f.id == "f-voetbal").entity_ids
        for snap in store.snapshots(case.id):
            assert "Ahmed" not in snap.document and "Amrani" not in snap.document
            then = load_case(snap.document, strict=False)
            assert "ahmed" not in then.entity_map() and "daan" in then.entity_map()
        summaries = [c.summary for c in store.history(case.id, limit=10_000)]
        assert not [s for s in summaries if "Ahmed" in s or "Amrani" in s]
        assert summaries[0].startswith("persoon gewist (AVG art. 17)")
        assert any(subject.ERASED in s for s in summaries)  # 'persoon gewijzigd: [gewist] (note)'
        erasure = [
            line for line in log.lines(store.db, case_id=case.id) if line.part == "AVG art. 17"
        ]
        assert [line.action for line in erasure] == ["wijzigen"]
        assert "persoon ahmed gewist" in erasure[0].detail and "Amrani" not in erasure[0].detail
        assert log.verify(store.db).ok
        # the other case of the database is untouched
        assert "Hermione Jean Granger" in dump_case(store.load("GED-HARRY-POTTER"))
        store.db.execute("VACUUM")
    files = [Path(db), Path(db + "-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert b"Amrani" not in raw and b"Ahmed" not in raw
    assert b"Hermione Jean Granger" in raw


def test_erase_person_from_a_gedcom_case_by_xref(tmp_path, run):
    db = str(tmp_path / "ged.db")
    assert run("import", str(GEDCOM), "--db", db)[0] == 0
    target = tmp_path / "hermione.json"
    assert run("subject-export", "@I23@", "-o", str(target), "--db", db)[0] == 0
    (match,) = json.loads(target.read_text(encoding="utf-8"))["matches"]
    assert match["person"]["name"] == "Hermione Jean Granger"
    assert [r["other_name"] for r in match["relations"]] == ["Ronald Bilius Weasley"]
    assert "Hermione Jean Granger" in _pdf_text(target.with_suffix(".pdf"))

    code, out, err = run("erase-person", "GED-HARRY-POTTER", "@I23@", "--yes", "--db", db)
    assert code == 0, err
    with Store(db) as store:
        data = store.load("GED-HARRY-POTTER")
        assert "ged-I23" not in data.entity_map() and "ged-F7" not in {r.id for r in data.relations}
    assert b"Hermione" not in Path(db).read_bytes()
    code, _, err = run("subject-export", "@I23@", "-o", str(target), "--db", db)
    assert code == 2 and "Geen persoon" in err


def test_erasure_in_one_case_leaves_the_other_and_lists_free_text(two_demos):
    with _operator(two_demos) as store:
        planned = subject.plan_erasure(store, "DEMO-001", "daan")
        done = subject.erase_person(store, "DEMO-001", "daan", author="Test")
        assert (planned.relations, planned.goals, planned.snapshots) == (15, 1, 1)
        assert (done.relations, done.goals, done.snapshots, done.done) == (15, 1, 1, True)
        where = {m.where for m in done.remaining}
        assert "doel g-thuis (titel)" in where and "factor f-ruzie (beschrijving)" in where
        assert "momentopname 'intake': doel g-thuis (titel)" in where
        # the log names him by id only: those lines are no mention
        assert not [m for m in done.remaining if m.kind == "access_log"]
        assert "daan" in store.load("DEMO-001 (2)").entity_map()
        goal = next(g for g in store.load("DEMO-001").goals if g.id == "g-daan")
        assert (goal.owner_id, goal.owner_text) == ("", subject.ERASED)
        assert any("Daan maakt zijn school af" in line for line in done.lines())
        with pytest.raises(NotFound):
            subject.erase_person(store, "DEMO-001", "daan")


def test_erased_text_leaves_the_database_file(tmp_path):
    """The store overwrites what it deletes (secure_delete); wipe_free_space clears the rest.

    A connection without secure_delete (another SQLite build or opener) leaves
    freed text in the file until wipe_free_space rebuilds it.
    """
    path = tmp_path / "plain.db"
    with Store(path) as store:
        assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        case = store.import_case(demo_case())
        store.snapshot(case.id, "intake")
        erasure = subject.erase_person(store, case.id, "ahmed")  # a plain Store: no log line
        assert erasure.done and erasure.snapshots == 1
        assert not log.lines(store.db, case_id=case.id)
    assert b"Amrani" not in path.read_bytes()  # closing the store emptied the WAL into it

    path = tmp_path / "edited.db"
    with Store(path) as store:
        store.db.execute("PRAGMA secure_delete = 0")
        case = store.import_case(demo_case())
        ahmed = store.load(case.id).entity("ahmed")
        store.save(case.id, replace(ahmed, note="traint dinsdag en donderdag"))
        subject.erase_person(store, case.id, "ahmed")
        assert subject.wipe_free_space(store)
        assert not Path(f"{path}-wal").stat().st_size
    assert b"Amrani" not in path.read_bytes()


def test_without_person_drops_links_and_names_who(demo_data):
    smaller = subject.without_person(
        replace(
            demo_data,
            positions=[
                Position(Lens.SOCIOGRAM, "ahmed", 1, 1, view="daan"),
                Position(Lens.SOCIOGRAM, "daan", 1, 1, view="ahmed"),
                Position(Lens.GENOGRAM, "daan", 1, 1),
            ],
        ),
        "ahmed",
        {AHMED},
    )
    assert [(p.entity_id, p.view) for p in smaller.positions] == [("daan", "")]
    assert AHMED not in dump_case(smaller)
    factor = next(f for f in smaller.factors if f.id == "f-voetbal")
    assert factor.entity_ids == ("daan", "voetbal")
    assert next(a for a in smaller.actions if a.id == "a-voetbal").actor_text == subject.ERASED
    assert len(smaller.entities) == len(demo_data.entities) - 1


def test_name_pattern_finds_whole_names_and_first_names():
    pattern = subject.name_pattern(["Sanne  Jansen"])
    assert pattern.search("gesprek met SANNE jansen") and pattern.search("Sanne belt")
    assert not pattern.search("Sanneke belt") and not pattern.search("Jansen belt")
    assert subject.name_pattern([""]) is None


def test_sqlite_raw_search_helper_sees_the_name_before_erasure(tmp_path):
    """The raw-file check of the erasure test is not vacuous: the name is in the file before."""
    path = tmp_path / "raw.db"
    with Store(path) as store:
        store.import_case(demo_case())
    assert AHMED.encode() in path.read_bytes()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM entities WHERE name = ?", [AHMED]).fetchone() == (1,)
    conn.close()


def test_inzage_keeps_how_exact_a_date_is():
    """An inexact date from a family tree is not reported as a bare year."""
    from mapping.core.model import Entity
    from mapping.services.subject_report import _person_rows

    person = Entity(
        id="p",
        name="Jan",
        birth="1828",
        birth_qualifier="before",
        death="1890",
        death_qualifier="between/1895",
    )
    (rows,) = _person_rows(person)
    assert "Geboren: vóór 1828" in rows and "Overleden: tussen 1890 en 1895" in rows
    exact = Entity(id="q", name="Piet", birth="1850-03-02")
    assert "Geboren: 1850-03-02" in _person_rows(exact)[0]
