"""Every export of the demo and training cases, and the golden copies they must equal.

Issue #17 point 6: the re-layout of ``mapping/`` must not change one byte of
what casemap exports. The golden files in ``tests/data/golden/`` were made by
this module from commit 6f75e50, before the re-layout; see the README there.

Every file is made the way a user makes it: through the command line
(``mapping.cli.main([...])``, in-process), on a fresh database with the demo
case (``casemap demo``) and the training cases (``casemap import
data/training-*.json``) in it. The netwerkkaart CSV files, which only the
Netwerkkaart page offers, come from the CSV writers of the format module
(found by name wherever the module lives) on the case as ``export-json``
wrote it.

"Dates aside" is made as narrow as it can be:

- the clock is stopped at :data:`DAY` while the files are made
  (:func:`frozen`), because the date is not only caption text: it is drawn
  as glyphs into PNG and PDF files, and ages (in the genogram, age bands
  of a pseudonymised copy) count to today;
- a pseudonymised export's case code, random by design
  (``pseudonym.export_code``), is :data:`EXPORT_CODE` while the files are
  made;
- a case gets a random id when it is imported (``Store.import_case``):
  in text files that exact id is replaced by ``<case-id>``;
- cairo writes the time of day into a PDF's ``/CreationDate``; its digits
  (and those of ``/ModDate`` and ``/ID``, should a PDF get them) become
  zeros of the same length.

Anything else that differs is a difference.

Compare the current code with the golden files (exit 1 on a difference)::

    .venv/bin/python tests/golden.py

Write them anew, ON PURPOSE, when an export is meant to change (say so in the
commit)::

    .venv/bin/python tests/golden.py --write
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import difflib
import functools
import hashlib
import importlib
import io
import json
import pkgutil
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden"
MANIFEST = GOLDEN / "MANIFEST.json"
#: the day the clock is stopped at while the files are made
DAY = datetime.date(2026, 12, 4)
#: the author every command is run as (a map's caption names it)
AUTHOR = "Golden Test"
#: the case code a pseudonymised export gets instead of a random one
EXPORT_CODE = "PS-GGGGGG"
CASE_ID_TOKEN = "<case-id>"
TEXT = (".svg", ".json", ".graphml", ".csv")
#: PNG and PDF files larger than this are kept as a sha256 in the manifest only
STORE_LIMIT = 900_000

#: case code -> the command that puts it into the database (paths from the code's root)
CASES: dict[str, tuple[str, ...]] = {
    "DEMO-001": ("demo",),
    "OEF-DEMENTIE": ("import", "data/training-dementie.json"),
    "OEF-18PLUS": ("import", "data/training-jongvolwassene.json"),
}
LENSES = ("genogram", "ecogram", "sociogram")


# ------------------------------------------------------------ the code under test
def code_root() -> Path:
    """The checkout whose ``mapping`` package is imported (its data/ holds the cases)."""
    import mapping

    return Path(mapping.__file__).resolve().parents[1]


@functools.cache
def _import_all() -> None:
    """Every module of ``mapping`` imported (the CLI imports some lazily, after a patch)."""
    import mapping

    for info in pkgutil.walk_packages(mapping.__path__, "mapping."):
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001, S112  a module that cannot load is not ours to judge
            continue


def _mapping_modules() -> list:
    return [
        m
        for name, m in list(sys.modules.items())
        if m is not None and (name == "mapping" or name.startswith("mapping."))
    ]


def find(name: str) -> Callable:
    """The function ``name`` defined in some ``mapping`` module, wherever the re-layout put it."""
    _import_all()
    for module in _mapping_modules():
        obj = module.__dict__.get(name)
        if callable(obj) and getattr(obj, "__module__", "") == module.__name__:
            return obj
    raise LookupError(f"no mapping module defines {name}()")


# ------------------------------------------------------------ the stopped clock
_REAL_DATE = datetime.date
_stopped = False


class _DateMeta(type):
    # a real date is an instance too (isinstance(on, date) in the code under test)
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, _REAL_DATE)

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, _REAL_DATE)


class _StoppedDate(_REAL_DATE, metaclass=_DateMeta):
    """``datetime.date`` whose ``today()`` is :data:`DAY` while :func:`frozen` runs."""

    @classmethod
    def today(cls) -> datetime.date:
        return _REAL_DATE(DAY.year, DAY.month, DAY.day) if _stopped else _REAL_DATE.today()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Stop the clock at :data:`DAY` and fix the pseudonym code, for ``mapping`` only.

    ``datetime.date`` is replaced in every ``mapping`` module that imported
    it, under whatever name (and in the ``datetime`` module, for code that
    says ``datetime.date``); the pseudonym module's ``export_code`` wherever
    it is bound. All is put back on leaving.
    """
    global _stopped
    _import_all()
    real_code = find("export_code")
    saved: list[tuple[object, str, object]] = [(datetime, "date", _REAL_DATE)]
    datetime.date = _StoppedDate
    stand_ins = {id(_REAL_DATE): _StoppedDate, id(real_code): lambda: EXPORT_CODE}
    for module in _mapping_modules():
        for name, value in list(module.__dict__.items()):  # under any name it was imported as
            if id(value) in stand_ins:
                saved.append((module, name, value))
                setattr(module, name, stand_ins[id(value)])
    _stopped = True
    try:
        yield
    finally:
        _stopped = False
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


# ------------------------------------------------------------ normalising
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)([^)]*)(\))")
_PDF_ID = re.compile(rb"(/ID ?\[ ?<)([0-9A-Fa-f]*)(> ?<)([0-9A-Fa-f]*)(> ?\])")


def _zeros(match: re.Match) -> bytes:
    parts = list(match.groups())
    for i in range(1, len(parts), 2):
        parts[i] = re.sub(rb"[0-9A-Fa-f]", b"0", parts[i])
    return b"".join(parts)


def normalise(name: str, content: bytes, case_id: str = "") -> bytes:
    """``content`` of the file ``name`` with what changes by date or run replaced.

    >>> normalise("a.pdf", b"<< /CreationDate (D:20261204225600Z) >>")
    b'<< /CreationDate (D:00000000000000Z) >>'
    >>> normalise("case.json", b'{"id": "4f1c2a9be0d7"}', "4f1c2a9be0d7")
    b'{"id": "<case-id>"}'
    """
    if name.endswith(".pdf"):
        return _PDF_ID.sub(_zeros, _PDF_DATE.sub(_zeros, content))
    if name.endswith(TEXT) and case_id:
        return content.replace(case_id.encode(), CASE_ID_TOKEN.encode())
    return content


# ------------------------------------------------------------ what is made
@dataclass
class Export:
    """One file: ``case``/``name``, made by the CLI with ``argv`` or by ``make``."""

    case: str
    name: str
    argv: tuple[str, ...] = ()
    make: Callable[[Path], bytes] | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return f"{self.case}/{self.name}"


def _egos(case_json: dict) -> tuple[str, list[str]]:
    """The client and everyone with a netwerkkaart of their own (placed support ties)."""
    people = [e for e in case_json["entities"] if e["kind"] == "person"]
    index = next(e["id"] for e in people if e.get("index_person"))
    own = {r["source"] for r in case_json["relations"] if r["kind"] == "support"}
    return index, [e["id"] for e in people if e["id"] in own and e["id"] != index]


def exports(case: str, case_json: dict) -> list[Export]:
    """Every file made of ``case`` (whose exported JSON is ``case_json``)."""
    out: list[Export] = []

    def export(name: str, *argv: str) -> None:
        out.append(Export(case, name, argv))

    for lens in LENSES:
        base = ("export", case, "--lens", lens)
        for fmt in ("svg", "png", "pdf"):
            export(f"{lens}.{fmt}", *base, "--format", fmt)
        export(f"{lens}-en.svg", *base, "--format", "svg", "--lang", "en")
        export(f"{lens}-hide-notes.svg", *base, "--format", "svg", "--hide-notes")
        for mode in ("roles", "initials"):
            export(f"{lens}-pseudo-{mode}.svg", *base, "--format", "svg", "--pseudonymise", mode)
        export(f"{lens}-pseudo-roles.pdf", *base, "--format", "pdf", "--pseudonymise", "roles")
        if case == "DEMO-001":  # the same code paths again: once is enough (size, time)
            export(f"{lens}-en.pdf", *base, "--format", "pdf", "--lang", "en")
    if case == "DEMO-001":
        export("genogram-300dpi.png", "export", case, "--lens", "genogram", "--format", "png", "--dpi", "300")  # fmt: skip
    gen, eco, soc = (("export", case, "--lens", lens) for lens in LENSES)
    export("genogram-no-emotional.svg", *gen, "--no-emotional")
    export("genogram-a4-portrait.pdf", *gen, "--format", "pdf", "--paper", "a4", "--orientation", "portrait")  # fmt: skip
    export("ecogram-client.svg", *eco, "--focus", "client")
    export("ecogram-a3-portrait.pdf", *eco, "--format", "pdf", "--paper", "a3", "--orientation", "portrait")  # fmt: skip
    export("sociogram-a4-portrait.pdf", *soc, "--format", "pdf", "--paper", "a4", "--orientation", "portrait")  # fmt: skip
    index, others = _egos(case_json)
    for ego in sorted({e["id"] for e in case_json["entities"] if e["kind"] == "person"}):
        export(f"sociogram-ego-{ego}.svg", *soc, "--ego", ego)
    for ego in others:
        export(f"sociogram-ego-{ego}.pdf", *soc, "--format", "pdf", "--ego", ego)
        export(f"sociogram-ego-{ego}-pseudo-roles.svg", *soc, "--ego", ego, "--pseudonymise", "roles")  # fmt: skip
    export("case.json", "export-json", case)
    export("case.graphml", "export-graphml", case)
    for ego in (index, *others):
        for lang in ("nl", "en"):
            for what in ("members", "ties"):
                suffix = "" if (ego, lang) == (index, "nl") else f"-{ego}-{lang}"
                out.append(Export(case, f"{what}{suffix}.csv", make=_csv_maker(what, ego, lang)))
    export("report.pdf", "report", case)
    export("report-en.pdf", "report", case, "--lang", "en")
    export("report-pseudo.pdf", "report", case, "--pseudonymise")
    return out


def after_intake(case: str) -> list[Export]:
    """The reports made after :func:`change_since_intake`: of the snapshot, and compared with it."""
    return [
        Export(case, "report-snapshot-intake.pdf", ("report", case, "--snapshot", "intake")),
        Export(case, "report-compare-intake.pdf", ("report", case, "--compare", "intake")),
        Export(
            case,
            "report-compare-intake-en.pdf",
            ("report", case, "--compare", "intake", "--lang", "en"),
        ),  # fmt: skip
    ]


def change_since_intake(db: Path, code: str) -> None:
    """A snapshot 'intake' of case ``code``, then changes as a casemanager makes them.

    There is no command for either, so this goes through the store (found by
    name): a person renamed, a system added, the client's first placed tie
    in another ring, the first goal in another status.
    """
    store = find("Store")(db)
    try:
        case = store.get_case(code)
        store.snapshot(case.id, "intake", author=AUTHOR)
        data = store.load(case.id)
        index = data.index_person()
        person = [e for e in data.entities if e.is_person and e.id != index.id][-1]
        person.name += " (nieuw)"
        system = next(e for e in data.entities if not e.is_person)
        data.entities.append(replace(system, id="golden-buurthuis", name="Buurthuis De Linde"))
        tie = min(
            (r for r in data.relations if r.source == index.id and r.ring and r.kind == "support"),
            key=lambda r: r.id,
        )
        tie.ring = next(ring for ring in type(tie.ring) if ring != tie.ring)
        if data.goals:
            goal = data.goals[0]
            goal.status = next(status for status in type(goal.status) if status != goal.status)
        store.replace_case(case.id, data, author=AUTHOR, summary="wijzigingen sinds de intake")
    finally:
        store.close()


def _csv_maker(what: str, ego: str, lang: str) -> Callable[[Path], bytes]:
    def make(case_json: Path) -> bytes:
        data = find("load_case")(case_json.read_bytes())
        text = find(f"{what}_csv")(data, ego, lang=lang)
        return text.encode("utf-8-sig")  # as the Netwerkkaart page's download

    return make


class CommandFailed(RuntimeError):
    pass


def cli(db: Path, *argv: str) -> None:
    """``casemap --db DB --author AUTHOR ARGV...`` in this process; raises when it fails."""
    from mapping import cli as casemap

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = casemap.main([argv[0], "--db", str(db), "--author", AUTHOR, *argv[1:]])
    if code:
        raise CommandFailed(f"casemap {' '.join(argv)}: exit {code}\n{err.getvalue()}")


class Made(dict):
    """``{case/name: bytes}`` that prints as a count (pytest shows a test's arguments)."""

    def __repr__(self) -> str:
        return f"<{len(self)} exports>"


def make_all(out: Path) -> dict[str, bytes]:
    """Make every export with the code that is imported now: ``{case/name: normalised bytes}``.

    The files are written under ``out`` as the CLI writes them (not normalised).
    """
    root = code_root()
    made: dict[str, bytes] = Made()
    db = out / "golden.db"
    with frozen():
        for code, load in CASES.items():
            argv = [str(root / a) if a.endswith(".json") else a for a in load]
            if load[0] == "import":
                argv += ["--code", code]
            cli(db, *argv)
        for code in CASES:
            folder = out / code
            cli(db, "export-json", code, "-o", str(folder / "case.json"))
            case_json = json.loads((folder / "case.json").read_text("utf-8"))
            case_id = case_json["case"]["id"]
            for item in exports(code, case_json):
                path = folder / item.name
                if item.make is not None:
                    path.write_bytes(item.make(folder / "case.json"))
                else:
                    cli(db, *item.argv, "-o", str(path))
                made[item.key] = normalise(item.name, path.read_bytes(), case_id)
            change_since_intake(db, code)  # after the exports above: they show the case as loaded
            for item in after_intake(code):
                path = folder / item.name
                cli(db, *item.argv, "-o", str(path))
                made[item.key] = normalise(item.name, path.read_bytes(), case_id)
    return made


# ------------------------------------------------------------ golden files
def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def manifest() -> dict:
    return json.loads(MANIFEST.read_text("utf-8"))


def golden_keys() -> list[str]:
    """Every golden file's ``case/name`` (the manifest lists them all, stored or not)."""
    return sorted(manifest()["files"])


def golden(key: str) -> tuple[dict, bytes | None]:
    """The manifest entry of ``key`` and its stored bytes (None when only its sum is kept)."""
    entry = manifest()["files"][key]
    path = GOLDEN / key
    return entry, (path.read_bytes() if entry["stored"] else None)


def difference(key: str, new: bytes) -> str:
    """'' when ``new`` equals the golden ``key``; else what differs, readable."""
    entry, old = golden(key)
    if old is None:
        if sha256(new) == entry["sha256"] and len(new) == entry["bytes"]:
            return ""
        return (
            f"{key}: {len(new)} bytes, sha256 {sha256(new)[:16]}; "
            f"golden (sum only): {entry['bytes']} bytes, sha256 {entry['sha256'][:16]}"
        )
    if new == old:
        return ""
    if not key.endswith(TEXT):
        return (
            f"{key}: {len(new)} bytes, sha256 {sha256(new)[:16]}; "
            f"golden: {len(old)} bytes, sha256 {sha256(old)[:16]}; "
            f"first differing byte at {_first_difference(old, new)}"
        )
    old_lines = old.decode("utf-8", "replace").splitlines()
    new_lines = new.decode("utf-8", "replace").splitlines()
    at = _first_difference(old_lines, new_lines)
    was = old_lines[at] if at < len(old_lines) else "<end of file>"
    now = new_lines[at] if at < len(new_lines) else "<end of file>"
    column = _first_difference(was, now)
    lines = [
        f"{key}: first difference at line {at + 1}, column {column + 1} "
        f"({len(old_lines)} lines golden, {len(new_lines)} now)",
        f"  golden: {_around(was, column)}",
        f"  now:    {_around(now, column)}",
    ]
    if max(len(was), len(now)) <= WIDE:  # a diff of one-line SVGs would say nothing more
        diff = difflib.unified_diff(old_lines, new_lines, "golden", "now", n=1, lineterm="")
        lines += list(diff)[:40]
    return "\n".join(lines)


def _first_difference(old, new) -> int:
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            return i
    return min(len(old), len(new))


WIDE = 200  # characters of a line shown around its first difference


def _around(line: str, column: int) -> str:
    """The part of ``line`` around ``column``: a long line (a whole SVG) is cut to WIDE."""
    if len(line) <= WIDE:
        return line
    start = max(0, column - WIDE // 2)
    end = start + WIDE
    return ("..." if start else "") + line[start:end] + ("..." if end < len(line) else "")


def write(made: dict[str, bytes], commit: str) -> None:
    """Replace the golden files by ``made`` (on purpose only; see the module docstring)."""
    files = {}
    for key, content in sorted(made.items()):
        stored = key.endswith(TEXT) or len(content) <= STORE_LIMIT
        files[key] = {"bytes": len(content), "sha256": sha256(content), "stored": stored}
    for case in CASES:
        for old in (GOLDEN / case).glob("*") if (GOLDEN / case).is_dir() else ():
            old.unlink()
    for key, content in made.items():
        if files[key]["stored"]:
            (GOLDEN / key).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / key).write_bytes(content)
    document = {
        "made_from": commit,
        "day": DAY.isoformat(),
        "author": AUTHOR,
        "export_code": EXPORT_CODE,
        "files": files,
    }
    MANIFEST.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")


def _commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the golden files anew")
    parser.add_argument("--keep", metavar="DIR", help="make the files in DIR and keep them")
    args = parser.parse_args(argv)
    root = code_root()
    print(f"code under test: {root} ({_commit(root)})", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        out = (
            Path(args.keep)
            if args.keep
            else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        )
        out.mkdir(parents=True, exist_ok=True)
        made = make_all(out)
    if args.write:
        write(made, _commit(root))
        print(f"wrote {len(made)} golden files to {GOLDEN}", file=sys.stderr)
        return 0
    wanted = set(golden_keys())
    problems = [f"{key}: made now, no golden file" for key in sorted(set(made) - wanted)]
    problems += [f"{key}: golden, not made now" for key in sorted(wanted - set(made))]
    problems += [d for key in sorted(wanted & set(made)) if (d := difference(key, made[key]))]
    for problem in problems:
        print(problem)
    print(f"{len(wanted)} golden files, {len(problems)} differences", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    # the checkout this script is in, after PYTHONPATH and an installed casemap
    # (PYTHONPATH=OTHER-CHECKOUT makes the files of other code)
    sys.path.append(str(HERE.parent))
    raise SystemExit(main())
