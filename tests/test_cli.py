"""The casemap CLI: demo, list, import/export, and hostile files refused with exit code 2."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest

from mapping.cli import main
from mapping.formats.exchange import dump_case, load_case
from mapping.storage.store import Store
from tests.test_exchange import make_rich_case

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def outbox(tmp_path, monkeypatch) -> Path:
    """The outbox of a command without -o: a temporary folder, never the checkout's exports/."""
    folder = tmp_path / "outbox"
    monkeypatch.setenv("CASEMAP_EXPORTS", str(folder))
    return folder


@pytest.fixture
def db(tmp_path) -> Path:
    """A database file holding the demo case."""
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "demo"]) == 0
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_of(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


# ---------------------------------------------------------------- demo and list
def test_demo_then_list(tmp_path, capsys):
    path = tmp_path / "new" / "casemap.db"
    code, out, _ = run(capsys, "demo", "--db", path)
    assert code == 0 and "Democasus geladen als DEMO-001" in out
    code, out, _ = run(capsys, "--db", path, "demo", "--if-empty")
    assert code == 0 and "niet geladen" in out
    code, out, _ = run(capsys, "list", "--db", path)
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["code", "titel", "fase"]
    assert row.startswith("DEMO-001") and "Jansen" in row
    assert row.split()[-2:] == ["22", "11"]  # people, systems
    with Store(path) as store:
        assert len(store.list_cases()) == 1


def test_demo_without_if_empty_adds_another_copy(db, capsys):
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "DEMO-001 (2)" in out


def test_list_of_an_empty_database_and_archived_cases(tmp_path, capsys):
    path = tmp_path / "empty.db"
    code, out, _ = run(capsys, "list", "--db", path)
    assert code == 0 and "Geen casussen" in out
    with Store(path) as store:
        case = store.create_case("OLD-1", "Oud")
        store.set_archived(case.id, True)
    assert "OLD-1" not in run(capsys, "list", "--db", path)[1]
    assert "OLD-1 [archief]" in run(capsys, "list", "--all", "--db", path)[1]


def test_db_defaults_to_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "env.db"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "env.db").exists()


# ---------------------------------------------------------------- import / export
def test_export_json_and_import_round_trip(db, tmp_path, capsys):
    out_file = tmp_path / "out" / "demo.json"
    code, out, _ = run(capsys, "export-json", "DEMO-001", "-o", out_file, "--db", db)
    assert code == 0 and out_file.exists()
    exported = load_case(out_file.read_bytes())
    code, out, _ = run(capsys, "import", out_file, "--db", db)
    assert code == 0 and "DEMO-001 (2)" in out and "22 personen" in out
    code, out, _ = run(capsys, "import", out_file, "--code", "WT-9", "--db", db)
    assert code == 0 and "WT-9" in out
    with Store(db) as store:
        assert [c.code for c in store.list_cases()] == ["DEMO-001", "DEMO-001 (2)", "WT-9"]
        again = store.load("WT-9")
        assert replace(again, case=exported.case) == exported
        # CASE may be an id as well as a code
        case_id = store.get_case("WT-9").id
    code, _, _ = run(capsys, "export-json", case_id, "-o", tmp_path / "by-id.json", "--db", db)
    assert code == 0
    assert load_case((tmp_path / "by-id.json").read_text()).case.code == "WT-9"


def test_export_json_to_stdout(db, capsys):
    code, out, _ = run(capsys, "export-json", "DEMO-001", "-o", "-", "--db", db)
    assert code == 0 and json.loads(out)["format"] == "casemap-case"


def test_unknown_case_is_a_clear_error(db, tmp_path, capsys):
    code, out, err = run(capsys, "export-json", "NOPE", "-o", tmp_path / "x.json", "--db", db)
    assert code == 2 and "bestaat niet" in err and "Traceback" not in err
    assert not (tmp_path / "x.json").exists()


def test_usage_errors_exit_2(db, capsys):
    assert run(capsys, "export", "DEMO-001", "--lens", "map", "-o", "x", "--db", db)[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "--help")[0] == 0


# ---------------------------------------------------------------- hostile imports
def _hostile_files(folder: Path) -> dict[str, bytes]:
    good = json.loads(dump_case(make_rich_case()))

    def doc(change) -> bytes:
        d = json.loads(json.dumps(good))
        change(d)
        return json.dumps(d).encode()

    def missing_name(d):
        del d["entities"][0]["name"]

    def duplicate(d):
        d["entities"].append(dict(d["entities"][0]))

    def ghost(d):
        d["relations"][0]["target"] = "ghost"

    return {
        "bad.json": b'{"format": "casemap-case", "version": 1, "case": {',
        "wrong-version.json": doc(lambda d: d.update(version=2)),
        "wrong-format.json": doc(lambda d: d.update(format="other")),
        "missing-case.json": doc(lambda d: d.pop("case")),
        "missing-name.json": doc(missing_name),
        "garbage.json": os.urandom(10 * 1024 * 1024),
        "duplicate-ids.json": doc(duplicate),
        "missing-entity.json": doc(ghost),
        "empty.json": b"",
        "unknown.txt": b"hello",
        "unknown.bin": b"hello",
        "bad-enum.json": doc(lambda d: d["entities"][0].update(sex="zz")),
    }


@pytest.fixture
def hostile(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "hostile"
    folder.mkdir()
    paths = {}
    for name, content in _hostile_files(folder).items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    # the small fixtures kept in the repository, too
    for kept in sorted(HOSTILE.glob("*")):
        paths[f"kept/{kept.name}"] = kept
    return paths


def test_hostile_imports_are_refused_and_the_db_stays_byte_for_byte(db, hostile, capsys):
    before = digest(db)
    files_before = files_of(db)
    assert len(hostile) >= 11
    for name, path in hostile.items():
        code, out, err = run(capsys, "import", path, "--db", db)
        assert code == 2, name
        assert err.startswith("casemap: "), (name, err)
        assert "Traceback" not in err
        assert len(err.splitlines()) == 2, (name, err)  # Dutch and English
        assert digest(db) == before, name
        assert files_of(db) == files_before, name
    with Store(db) as store:
        assert [c.code for c in store.list_cases()] == ["DEMO-001"]


def test_hostile_import_does_not_even_create_a_missing_db(hostile, tmp_path, capsys):
    path = tmp_path / "never.db"
    code, _, err = run(capsys, "import", hostile["missing-entity.json"], "--db", path)
    assert code == 2 and "ghost" in err
    assert not path.exists()


def test_missing_file_and_messages_per_kind(db, hostile, capsys):
    expectations = {
        "bad.json": "geen geldig JSON",
        "wrong-version.json": "nieuwere casemap-versie",
        "missing-name.json": "'name'",
        "garbage.json": "UTF-8",
        "duplicate-ids.json": "Dubbele id",
        "missing-entity.json": "'ghost'",
        "empty.json": "leeg",
        "unknown.txt": "één kolom",  # a .txt may be an edge list: read as one, and told why not
        "unknown.bin": "Onbekend bestandstype",
    }
    for name, fragment in expectations.items():
        _code, _out, err = run(capsys, "import", hostile[name], "--db", db)
        assert fragment in err, (name, err)
    code, _, err = run(capsys, "import", db.parent / "nothing.json", "--db", db)
    assert code == 2 and "niet gevonden" in err


def test_a_corrupt_database_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not sqlite" * 100)
    code, _, err = run(capsys, "list", "--db", path)
    assert code == 2 and "database" in err and "Traceback" not in err


# ---------------------------------------------------------------- lazily loaded parts
def test_a_missing_part_gives_a_clear_error(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "mapping.formats.graphml", None)
    monkeypatch.setitem(sys.modules, "mapping.formats.gedcom", None)
    code, _, err = run(
        capsys, "export-graphml", "DEMO-001", "-o", tmp_path / "x.graphml", "--db", db
    )
    assert code == 2 and "nog niet beschikbaar" in err and "mapping.formats.graphml" in err
    ged = tmp_path / "family.ged"
    ged.write_text("0 HEAD\n0 TRLR\n")
    before = digest(db)
    code, _, err = run(capsys, "import", ged, "--db", db)
    assert code == 2 and "nog niet beschikbaar" in err
    assert digest(db) == before


def fake_module(monkeypatch, name: str, **functions) -> list:
    calls: list = []
    module = types.ModuleType(f"mapping.{name}")
    for fname, result in functions.items():

        def fn(*args, _result=result, _fname=fname, **kwargs):
            calls.append((_fname, args, kwargs))
            return _result

        setattr(module, fname, fn)
    monkeypatch.setitem(sys.modules, f"mapping.{name}", module)
    return calls


def test_export_passes_its_options_to_export_lens(db, tmp_path, capsys, monkeypatch):
    calls = fake_module(monkeypatch, "services.export", export_lens=b"%PDF-fake")
    target = tmp_path / "g.pdf"
    code, out, _ = run(
        capsys, "export", "DEMO-001", "--lens", "sociogram", "--format", "pdf", "--ego", "p_sanne",
        "--dpi", "300", "--pseudonymise", "--lang", "en", "-o", target, "--db", db,
    )  # fmt: skip
    assert code == 0 and target.read_bytes() == b"%PDF-fake"
    (_name, args, kwargs) = calls[0]
    assert args[0].case.code == "DEMO-001" and args[1:] == ("sociogram", "pdf")
    assert kwargs["ego"] == "p_sanne" and kwargs["dpi"] == 300
    assert kwargs["pseudonymise"] == "roles" and kwargs["lang"] == "en"
    assert kwargs["focus"] == "household" and kwargs["hide_notes"] is False
    assert kwargs["show_emotional"] is True
    code, _, _ = run(
        capsys, "export", "DEMO-001", "--lens", "ecogram", "--focus", "client", "--hide-notes",
        "--no-emotional", "--pseudonymise", "initials", "-o", target, "--db", db,
    )  # fmt: skip
    kwargs = calls[1][2]
    assert code == 0 and kwargs["pseudonymise"] == "initials" and kwargs["focus"] == "client"
    assert kwargs["hide_notes"] is True and kwargs["show_emotional"] is False
    code, _, err = run(capsys, "export", "DEMO-001", "--lens", "ecogram", "--pseudonymise",
                       "nicknames", "-o", target, "--db", db)  # fmt: skip
    assert code == 2 and "nicknames" in err


def test_report_of_a_snapshot(db, tmp_path, capsys, monkeypatch):
    with Store(db) as store:
        case = store.get_case("DEMO-001")
        store.snapshot(case.id, "intake", taken="2026-01-01")
        from mapping.core.model import Entity

        store.save(case.id, Entity(id="later", name="Later"))
    calls = fake_module(monkeypatch, "services.report", build_report=b"%PDF-report")
    target = tmp_path / "r.pdf"
    code, _, _ = run(capsys, "report", "DEMO-001", "--snapshot", "intake", "-o", target, "--db", db)
    assert code == 0 and target.read_bytes() == b"%PDF-report"
    (_name, args, kwargs) = calls[0]
    assert "later" not in {e.id for e in args[0].entities}
    assert kwargs["snapshot_label"] == "intake"
    code, _, _ = run(capsys, "report", "DEMO-001", "--compare", "intake", "-o", target, "--db", db)
    (_name, args, kwargs) = calls[1]
    assert "later" in {e.id for e in args[0].entities}
    assert kwargs["compare_label"] == "intake"
    code, _, err = run(capsys, "report", "DEMO-001", "--snapshot", "nope", "-o", target, "--db", db)
    assert code == 2 and "nope" in err


def test_report_names_a_referral_as_the_kaart_does(db, tmp_path, capsys, monkeypatch, outbox):
    """The CLI's report names a referred organisation that is not on the ecogram by the
    kaart's name, as the report page does; a pseudonymised comparison keeps its code."""
    from mapping.core.model import Action, Goal
    from mapping.services.sociale_kaart import Organisation, save_org

    with Store(db) as store:
        case = store.get_case("DEMO-001")
        org = save_org(store, Organisation(name="Kledingbank Zuidwijk", kind="other"), author="t")
        assert org.id not in {e.kaart_id for e in store.load(case.id).entities}
        store.save(case.id, Goal(id="g-kleding", title="Winterkleding"), author="t")
        action = Action(id="a-kleding", goal_id="g-kleding", what="Aanmelden")
        store.save(case.id, replace(action, referral_org=org.id, referral_status="wachtlijst",
                                    referred_on="2026-11-01"), author="t")  # fmt: skip
        store.snapshot(case.id, "intake", taken="2026-01-01")
    calls = fake_module(monkeypatch, "services.report", build_report=b"%PDF-report")
    target = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", "DEMO-001", "-o", target, "--db", db)
    assert code == 0, err
    assert calls[0][2]["kaart_names"][org.id] == "Kledingbank Zuidwijk"
    code, _, err = run(capsys, "report", "DEMO-001", "--pseudonymise", "--compare", "intake",
                       "--db", db)  # fmt: skip
    kwargs = calls[1][2]
    assert code == 0, err
    assert kwargs["compare_label"] == "intake" and kwargs["export_code"]  # both, not one
    assert [p.name for p in outbox.rglob("*.pdf")] == [
        f"{kwargs['export_code']}-rapport-pseudo.pdf"
    ]


def test_real_export_when_available(db, tmp_path, capsys):
    pytest.importorskip("mapping.services.export")
    target = tmp_path / "genogram.svg"
    code, _, err = run(capsys, "export", "DEMO-001", "--lens", "genogram", "-o", target, "--db", db)
    assert code == 0, err
    assert "<svg" in target.read_text()


def test_export_takes_paper_orientation_and_png_choice(db, tmp_path, capsys, monkeypatch):
    calls = fake_module(monkeypatch, "services.export", export_lens=b"%PDF-fake")
    target = tmp_path / "g.pdf"
    code, _, _ = run(
        capsys, "export", "DEMO-001", "--lens", "genogram", "--format", "pdf", "--paper", "a4",
        "--orientation", "portrait", "-o", target, "--db", db,
    )  # fmt: skip
    kwargs = calls[0][2]
    assert code == 0 and kwargs["paper"] == "a4" and kwargs["orientation"] == "portrait"
    assert kwargs["png_mode"] == "verkleinen"  # the default: one picture, scaled down to fit
    code, _, _ = run(capsys, "export", "DEMO-001", "--lens", "genogram", "--format", "png",
                     "--png", "tegels", "-o", target, "--db", db)  # fmt: skip
    assert code == 0 and calls[1][2]["png_mode"] == "tegels"
    assert calls[1][2]["paper"] == ""  # no choice: the lens's own default paper
    code, _, err = run(capsys, "export", "DEMO-001", "--lens", "genogram", "--paper", "a5",
                       "-o", target, "--db", db)  # fmt: skip
    assert code == 2 and "a5" in err


def test_real_tiled_pdf_and_png_tiles_from_the_command_line(db, tmp_path, capsys):
    """The demo genogram on A4 portrait is tiled; its sheets are A4 portrait; the CLI says so."""
    from pypdf import PdfReader

    target = tmp_path / "genogram.pdf"
    code, out, err = run(
        capsys, "export", "DEMO-001", "--lens", "genogram", "--format", "pdf", "--paper", "a4",
        "--orientation", "portrait", "-o", target, "--db", db,
    )  # fmt: skip
    assert code == 0, err
    pages = PdfReader(target).pages
    assert len(pages) > 1 and "bladen A4 staand" in out
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (595, 842)
    }


def test_real_export_with_initials_names_nobody(db, tmp_path, capsys):
    target = tmp_path / "ecogram.svg"
    code, _, err = run(
        capsys, "export", "DEMO-001", "--lens", "ecogram", "--focus", "client",
        "--pseudonymise", "initials", "-o", target, "--db", db,
    )  # fmt: skip
    assert code == 0, err
    svg = target.read_text()
    with Store(db) as store:
        data = store.load("DEMO-001")
    people = [e for e in data.entities if e.is_person]
    for person in people:
        for part in person.name.split():
            if len(part) > 3:
                assert f">{part}" not in svg and f"{part}<" not in svg, part
    assert re.search(r">[A-Z]\.[A-Z]\.( \d+)?</text", svg), "the client shows as initials"


def test_real_graphml_export_when_available(db, tmp_path, capsys):
    pytest.importorskip("mapping.formats.graphml")
    target = tmp_path / "demo.graphml"
    code, _, err = run(capsys, "export-graphml", "DEMO-001", "-o", target, "--db", db)
    assert code == 0, err
    assert "<graphml" in target.read_text()


# ---------------------------------------------------------------- as a program
def test_the_console_script_in_a_subprocess(db, tmp_path):
    script = ROOT / ".venv" / "bin" / "casemap"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mapping.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [*command, "list", "--db", str(db)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "DEMO-001" in result.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{ nope")
    before = digest(db)
    result = subprocess.run(
        [*command, "import", str(bad), "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert "geen geldig JSON" in result.stderr and "Traceback" not in result.stderr
    assert digest(db) == before


def test_a_mistyped_database_path_is_not_created(tmp_path, capsys):
    missing = tmp_path / "typo" / "casemap.db"
    code, out, _ = run(capsys, "list", "--db", missing)
    assert code == 0 and "Geen casussen" in out and "bestaat nog niet" in out
    for command in (
        ["export-json", "DEMO-001", "-o", str(tmp_path / "x.json")],
        ["report", "X", "-o", str(tmp_path / "r.pdf")],
    ):
        code, _, err = run(capsys, *command, "--db", missing)
        assert code == 2 and "bestaat niet" in err
    assert not missing.parent.exists()
    code, _, _ = run(capsys, "demo", "--db", missing)  # demo and import may create it
    assert code == 0 and missing.exists()


def _chain_gedcom(people: int) -> str:
    """``people`` generations, each the only child of the previous one and a partner."""
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]
    for i in range(1, people + 1):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Gen{i} /Keten/", f"1 SEX {'M' if i % 2 else 'F'}"]
    for i in range(1, people):
        lines += [f"0 @F{i}@ FAM", f"1 HUSB @I{i}@" if i % 2 else f"1 WIFE @I{i}@"]
        lines += [f"1 CHIL @I{i + 1}@"]
    return "\n".join([*lines, "0 TRLR", ""])


def test_a_large_family_tree_asks_which_part_to_keep(tmp_path, capsys):
    from mapping.formats.gedcom import LARGE

    ged = tmp_path / "large.ged"
    ged.write_text(_chain_gedcom(LARGE + 50))
    db = tmp_path / "c.db"
    code, _, err = run(capsys, "import", ged, "--db", db)
    assert code == 2 and "--around" in err and "--all" in err
    assert not db.exists() or not Store(db).list_cases()
    code, out, err = run(
        capsys, "import", ged, "--around", "@I100@", "--generations", "2", "--db", db
    )
    assert code == 0, err
    assert "Geïmporteerd" in out and " 5 personen" in out  # I98..I102
    code, _, err = run(capsys, "import", ged, "--around", "Niemand", "--db", db)
    assert code == 2 and "niet in het bestand" in err
    code, out, _ = run(capsys, "import", ged, "--all", "--db", db)
    assert code == 0 and f"{LARGE + 50} personen" in out


def test_import_tells_what_it_left_out_of_a_graphml_file(db, tmp_path, capsys):
    source = tmp_path / "netwerk.graphml"
    source.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="leeftijd" attr.type="int"/>'
        '<graph edgedefault="undirected">'
        '<node id="a"><data key="d0">veel</data></node><node id="b"><data key="d0">40</data></node>'
        '<edge source="a" target="b"/></graph></graphml>'
    )
    code, out, err = run(capsys, "import", source, "--ego", "a", "--db", db)
    assert code == 0, err
    assert "Let op:" in out and "leeftijd" in out and "veel" in out
    assert "Geïmporteerd als" in out


# ---------------------------------------------------------------- import around a person (#21.4)
GEDCOM = Path(__file__).resolve().parent / "data" / "gedcom"


def _imported(db: Path, code: str):
    store = Store(db)
    (case,) = [c for c in store.list_cases() if c.code == code]
    return store.load(case.id)


def test_around_finds_a_person_by_part_of_a_long_name(tmp_path, capsys):
    """'Astrid Smith' finds Astrid Shermanna Augusta Smith (Gramps' sample2), case and
    accents aside, and she becomes the client of the new case."""
    db = tmp_path / "c.db"
    ged = GEDCOM / "gramps_sample2.ged"
    code, out, err = run(
        capsys, "import", ged, "--around", "astrid SMÍTH", "--generations", "1", "--code", "A1",
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    data = _imported(db, "A1")
    (client,) = [e for e in data.entities if e.index_person]
    assert client.name == "Astrid Shermanna Augusta Smith" and client.id == "ged-I9"
    # the netwerkkaart of the new case is drawn without choosing anyone first
    code, out, err = run(
        capsys, "export", "A1", "--lens", "sociogram", "--format", "svg",
        "-o", tmp_path / "n.svg", "--db", db,
    )  # fmt: skip
    assert code == 0, err
    assert "Astrid" in (tmp_path / "n.svg").read_text()


def test_around_by_gedcom_code_with_or_without_at_signs(tmp_path, capsys):
    db = tmp_path / "c.db"
    ged = GEDCOM / "gramps_sample2.ged"
    for n, ref in enumerate(("@I11@", "I11")):
        code, _, err = run(capsys, "import", ged, "--around", ref, "--code", f"H{n}", "--db", db)
        assert code == 0, err
        (client,) = [e for e in _imported(db, f"H{n}").entities if e.index_person]
        assert client.id == "ged-I11" and client.name == "Hjalmar Smith"


def test_around_lists_the_people_a_name_fits_and_asks_for_the_code(tmp_path, capsys):
    db = tmp_path / "c.db"
    code, _, err = run(
        capsys, "import", GEDCOM / "sopranos.ged", "--around", "Anthony Soprano", "--db", db
    )
    assert code == 2
    assert "2 personen passen bij 'Anthony Soprano'" in err
    assert "Anthony John Soprano Sr. (1959, @I1@)" in err
    assert "Anthony John Soprano Jr. (?, @I4@)" in err
    assert "GEDCOM-code, bijv. --around @I1@." in err
    assert not db.exists() or not Store(db).list_cases()  # nothing imported
    # every name holding the word is offered...
    code, _, err = run(capsys, "import", GEDCOM / "gramps_sample2.ged", "--around", "hjalmar")
    assert code == 2 and "3 personen" in err and "John Hjalmar Smith (1932, @I17@)" in err
    # ...and two people of exactly that name are both listed, with their birth years
    code, _, err = run(capsys, "import", GEDCOM / "gramps_sample2.ged", "--around", "Hjalmar Smith")
    assert code == 2 and "(1893, @I10@)" in err and "(1895, @I11@)" in err
    assert "John Hjalmar Smith" not in err  # the whole name fits better than a part


def test_around_someone_not_in_the_file_says_how_to_search(tmp_path, capsys):
    code, _, err = run(
        capsys, "import", GEDCOM / "sopranos.ged", "--around", "Paulie", "--db", tmp_path / "c.db"
    )
    assert code == 2 and "niet in het bestand" in err and "deel van de naam" in err


def test_demo_brings_the_demo_kaart_and_the_kaart_goes_out_and_in(db, tmp_path, capsys):
    """`casemap demo` fills the empty sociale kaart its systems link to; `sociale-kaart
    export` and `import` carry it as CSV; a bad file is refused whole, exit 2."""
    from mapping.services.sociale_kaart import organisations

    with Store(db) as store:
        kaart = organisations(store)
        linked = {e.kaart_id for e in store.load("DEMO-001").entities if e.kaart_id}
    assert len(kaart) >= 30 and linked <= {o.id for o in kaart}
    out_file = tmp_path / "kaart.csv"
    code, out, _err = run(capsys, "--db", db, "sociale-kaart", "export", "-o", out_file)
    assert code == 0
    text = out_file.read_text(encoding="utf-8-sig")
    assert text.startswith("naam;soort;")
    assert len(text.splitlines()) == len(kaart) + 1
    other = tmp_path / "other.db"
    assert run(capsys, "--db", other, "sociale-kaart", "import", out_file)[0] == 0
    with Store(other) as store:
        assert [o.name for o in organisations(store)] == [o.name for o in kaart]
    bad = tmp_path / "bad.csv"
    bad.write_text("naam;soort\nKledingbank;kleding\n;school\n", encoding="utf-8")
    code, _out, err = run(capsys, "--db", other, "sociale-kaart", "import", bad)
    assert code == 2 and "Regel" in err and "Traceback" not in err
    with Store(other) as store:
        assert "Kledingbank" not in {o.name for o in organisations(store)}
    # a second demo leaves the team's kaart as it is
    assert run(capsys, "--db", other, "demo")[0] == 0
    with Store(other) as store:
        assert len(organisations(store)) == len(kaart)
