"""The outbox: without -o the CLI writes to exports/<CASE-CODE>/, owner-only, never half a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mapping import outbox as box
from mapping.cli import main
from mapping.core.errors import CasemapError
from mapping.outbox import default_path, outbox, safe_name, write_file

ROOT = Path(__file__).resolve().parents[1]
DEMENTIE = ROOT / "data" / "training-dementie.json"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def exports(tmp_path, monkeypatch) -> Path:
    """``$CASEMAP_EXPORTS`` on a folder that does not exist yet."""
    folder = tmp_path / "uit" / "exports"
    monkeypatch.setenv("CASEMAP_EXPORTS", str(folder))
    return folder


@pytest.fixture
def db(tmp_path, exports) -> Path:
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "demo"]) == 0
    return path


@pytest.fixture
def open_umask():
    """A umask that lets everyone read: the outbox must still be owner-only."""
    old = os.umask(0)
    yield
    os.umask(old)


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---------------------------------------------------------------- where it goes
def test_the_outbox_is_the_projects_exports_folder_from_the_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEMAP_EXPORTS", raising=False)
    monkeypatch.chdir(tmp_path)  # started anywhere: still the project's folder
    assert outbox() == ROOT / "exports"


def test_an_installed_casemap_uses_the_current_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEMAP_EXPORTS", raising=False)
    monkeypatch.setattr(box, "_checkout", lambda: None)
    monkeypatch.chdir(tmp_path)
    assert outbox() == tmp_path / "exports"


def test_the_environment_moves_it(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEMAP_EXPORTS", str(tmp_path / "elders"))
    assert outbox() == tmp_path / "elders"
    monkeypatch.setenv("CASEMAP_EXPORTS", "  ")  # blank: as if unset
    assert outbox() == ROOT / "exports"


def test_exports_is_kept_out_of_git():
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert "/exports/" in ignored


# ---------------------------------------------------------------- each command's file
EXPECTED = [
    (("export-json", "DEMO-001"), "DEMO-001/DEMO-001.json"),
    (("export-graphml", "DEMO-001"), "DEMO-001/DEMO-001.graphml"),
    (("export", "DEMO-001", "--lens", "genogram"), "DEMO-001/DEMO-001-genogram.svg"),
    (
        ("export", "DEMO-001", "--lens", "ecogram", "--format", "pdf", "--lang", "en"),
        "DEMO-001/DEMO-001-ecogram-en.pdf",
    ),
    (
        ("export", "DEMO-001", "--lens", "sociogram", "--format", "png", "--dpi", "300"),
        "DEMO-001/DEMO-001-netwerkkaart-300dpi.png",
    ),
    (
        ("export", "DEMO-001", "--lens", "sociogram", "--ego", "daan"),
        "DEMO-001/DEMO-001-netwerkkaart-daan.svg",
    ),
    (("report", "DEMO-001"), "DEMO-001/DEMO-001-rapport.pdf"),
    (("report", "DEMO-001", "--lang", "en"), "DEMO-001/DEMO-001-rapport-en.pdf"),
]


@pytest.mark.parametrize(("argv", "made"), EXPECTED, ids=[e[1] for e in EXPECTED])
def test_each_command_writes_to_its_file_in_the_outbox(db, exports, capsys, argv, made, open_umask):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 0, err
    assert tree(exports) == ["DEMO-001", made]
    assert str(exports / made) in out  # the user is told where it went
    assert (exports / made).stat().st_size > 1000
    assert mode(exports) == 0o700 and mode(exports / "DEMO-001") == 0o700
    assert mode(exports / made) == 0o600


def test_the_files_are_the_same_as_with_o(db, exports, tmp_path, capsys):
    assert run(capsys, "export-json", "DEMO-001", "--db", db)[0] == 0
    assert run(capsys, "export-json", "DEMO-001", "--db", db, "-o", tmp_path / "o.json")[0] == 0
    assert (exports / "DEMO-001" / "DEMO-001.json").read_bytes() == (
        tmp_path / "o.json"
    ).read_bytes()


def test_a_pseudonymised_file_is_named_by_its_own_code(db, exports, capsys):
    code, _out, err = run(capsys, "export", "DEMO-001", "--lens", "genogram", "--pseudonymise", "--db", db)  # fmt: skip
    assert code == 0, err
    (made,) = (exports / "DEMO-001").iterdir()
    assert made.name.startswith("PS-") and made.name.endswith("-genogram-pseudoniem.svg")
    export_code = made.name.removesuffix("-genogram-pseudoniem.svg")
    svg = made.read_text("utf-8")
    assert export_code in svg and "DEMO-001" not in svg and "Sanne" not in svg
    # the netwerkkaart of one person: the ego's id stays out of a pseudonymised name
    run(capsys, "export", "DEMO-001", "--lens", "sociogram", "--ego", "daan", "--pseudonymise", "--db", db)  # fmt: skip
    names = sorted(p.name for p in (exports / "DEMO-001").iterdir())
    assert len(names) == 2 and not any("daan" in n for n in names)
    code, _out, err = run(capsys, "report", "DEMO-001", "--pseudonymise", "--db", db)
    assert code == 0, err
    (report,) = (exports / "DEMO-001").glob("*-rapport-pseudo.pdf")
    assert report.name.startswith("PS-")


def test_a_report_of_a_snapshot_names_it(db, exports, capsys):
    from mapping.storage.store import Store

    with Store(db) as store:
        case = store.get_case("DEMO-001")
        store.snapshot(case.id, "intake 2026", taken="2026-01-01")
    assert run(capsys, "report", "DEMO-001", "--snapshot", "intake 2026", "--db", db)[0] == 0
    (made,) = (exports / "DEMO-001").iterdir()
    assert made.name.startswith("DEMO-001-rapport-intake_2026-") and made.suffix == ".pdf"


def test_each_case_has_its_own_folder(db, exports, capsys):
    assert run(capsys, "import", DEMENTIE, "--db", db)[0] == 0
    run(capsys, "export-json", "DEMO-001", "--db", db)
    run(capsys, "export-json", "OEF-DEMENTIE", "--db", db)
    assert tree(exports) == [
        "DEMO-001",
        "DEMO-001/DEMO-001.json",
        "OEF-DEMENTIE",
        "OEF-DEMENTIE/OEF-DEMENTIE.json",
    ]


# ---------------------------------------------------------------- -o wins
def test_o_wins(db, exports, tmp_path, capsys):
    target = tmp_path / "elders" / "kaart.svg"
    code, out, _err = run(capsys, "export", "DEMO-001", "--lens", "genogram", "-o", target, "--db", db)  # fmt: skip
    assert code == 0 and target.is_file() and str(target) in out
    assert not exports.exists()


def test_o_dash_writes_to_stdout(db, exports, capsys):
    code, out, _err = run(capsys, "export-json", "DEMO-001", "-o", "-", "--db", db)
    assert code == 0 and out.startswith("{") and '"DEMO-001"' in out
    assert not exports.exists()


def test_a_failed_export_makes_no_folder(db, exports, capsys):
    code, _out, err = run(capsys, "export-json", "NOPE", "--db", db)
    assert code == 2 and "Traceback" not in err
    assert not exports.exists()


def test_an_unusable_outbox_is_a_clear_message(db, tmp_path, monkeypatch, capsys):
    (tmp_path / "een-bestand").write_text("geen map")
    monkeypatch.setenv("CASEMAP_EXPORTS", str(tmp_path / "een-bestand" / "exports"))
    code, _out, err = run(capsys, "export-json", "DEMO-001", "--db", db)
    assert code == 2 and "Traceback" not in err
    assert "Kan de map" in err and "CASEMAP_EXPORTS" in err and "Cannot make the folder" in err


# ---------------------------------------------------------------- hostile case codes
HOSTILE = [
    "../../buiten",
    "..",
    ".",
    "...",
    "/etc/passwd",
    "a/../../b",
    "..\\..\\buiten",
    "C:\\Windows\\System32",
    "\\\\server\\share",
    "a\x00b",
    "CON",
    "con.txt",
    "LPT1",
    "COM¹",
    "nul.tar.gz",
    "Aux",
    " ",
    "",
    ".verborgen",
    "punt.",
    "\u202e..\u202c/x",
    "a\nb\rc\td",
    '<>:"|?*',
    "~",
    "$HOME",
    "x" * 500,
    "．．／．．",  # fullwidth dots and slash
]
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}  # fmt: skip


@pytest.mark.parametrize("code", HOSTILE, ids=repr)
def test_hostile_code_becomes_one_plain_folder(code, tmp_path):
    name = safe_name(code)
    assert name and len(name) <= 100
    assert not {"/", "\\", "\0", ":", "\n", "\r", "\t"} & set(name)
    assert name not in (".", "..") and not name.startswith(".") and not name.endswith((".", " "))
    assert name.split(".")[0].upper() not in RESERVED
    assert all(c.isalnum() or c in "-_." for c in name)
    base = tmp_path / "exports"
    assert (base / name).resolve().parent == base.resolve()
    assert safe_name(code) == name  # the same code, the same folder, every time


def test_plain_codes_stay_as_they_are():
    for code in ("DEMO-001", "WT-2026-015", "OEF-18PLUS", "Ünal_2", "casus.3"):
        assert safe_name(code) == code


def test_two_codes_never_share_a_folder():
    codes = ["A/B", "A_B", "A B", "A\\B", "a/b", "..A", "A"]
    assert len({safe_name(c) for c in codes}) == len(codes)


@pytest.mark.parametrize("code", ["../../buiten", "/tmp/x", "CON", "a\\..\\b", "x" * 200])
def test_hostile_code_end_to_end(code, db, exports, tmp_path, capsys):
    """A case imported under a hostile code: its files land in one folder inside the outbox."""
    code_, _out, err = run(capsys, "import", DEMENTIE, "--code", code, "--db", db)
    assert code_ == 0, err

    def elsewhere() -> set[Path]:  # what is outside the outbox, beside the database
        return {
            p
            for p in tmp_path.rglob("*")
            if p != exports
            and exports not in p.parents
            and p not in exports.parents
            and not p.name.startswith("cli.db")
        }

    before = elsewhere()
    for argv in (
        ("export-json", code),
        ("export", code, "--lens", "genogram"),
        ("report", code),
    ):
        done, _out, err = run(capsys, *argv, "--db", db)
        assert done == 0, err
    made = tree(exports)
    folder = safe_name(code.strip())
    assert made[0] == folder and all(m.startswith(folder + os.sep) for m in made[1:])
    assert len(made) == 4
    assert elsewhere() == before  # nothing was written anywhere else


def test_a_symlink_in_place_of_the_case_folder_is_refused(tmp_path, exports):
    outside = tmp_path / "buiten"
    outside.mkdir()
    exports.mkdir(parents=True)
    (exports / "DEMO-001").symlink_to(outside)
    with pytest.raises(CasemapError) as err:
        default_path("DEMO-001", "DEMO-001.json")
    assert "wijst buiten" in err.value.nl


def test_a_file_name_that_leaves_the_folder_is_refused(exports):
    for name in ("../x.json", "..", "a/b.json", ""):
        with pytest.raises(ValueError):
            default_path("DEMO-001", name)


def test_an_existing_outbox_is_left_as_it_is(exports, open_umask):
    exports.mkdir(parents=True, mode=0o750)
    path = default_path("DEMO-001", "x.json")
    assert mode(exports) == 0o750  # the user's own choice
    assert mode(path.parent) == 0o700


# ---------------------------------------------------------------- never half a file
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "DEMO-001.json"
    target.write_text("oud")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(box.os, "replace", full_disk)
    with pytest.raises(CasemapError) as err:
        write_file(target, "nieuw" * 1000)
    assert "No space left" in err.value.nl and err.value.en.startswith("Cannot write")
    assert target.read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DEMO-001.json"]


def test_an_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "kaart.svg"

    class Interrupted:
        def __init__(self, fd, _mode):
            os.close(fd)

        def __enter__(self):
            return self

        def __exit__(self, *_exc):
            return False

        def write(self, _data):
            raise KeyboardInterrupt

    monkeypatch.setattr(box.os, "fdopen", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(target, b"<svg/>")
    assert list(tmp_path.iterdir()) == []


def test_a_written_file_is_owner_only_whatever_the_umask(tmp_path, open_umask):
    target = tmp_path / "open.json"
    target.write_text("oud")
    os.chmod(target, 0o644)
    write_file(target, "nieuw")
    assert target.read_text() == "nieuw" and mode(target) == 0o600
