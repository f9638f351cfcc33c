"""The ``casemap`` command line: list, load the demo, import and export cases.

Every command takes ``--db PATH`` (default ``$CASEMAP_DB`` or
``data/casemap.db``). A refused file or any other error users can act on is
printed to stderr in Dutch and English and ends with exit code 2; a refused
import is read and checked completely before the database is opened, so the
database stays exactly as it was.

An export, a report or a case's JSON goes to ``-o PATH`` (``-o -``: stdout)
or, without ``-o``, into the outbox: ``exports/<CASE-CODE>/`` (see
:mod:`mapping.outbox`), named by the case code, the lens and the format.

    casemap demo --if-empty
    casemap list
    casemap import gezin.json --code WT-2026-015
    casemap export-json DEMO-001            # exports/DEMO-001/DEMO-001.json
    casemap export DEMO-001 --lens genogram --format pdf -o genogram.pdf
    casemap export DEMO-001 --lens genogram --format pdf --paper a4 --orientation portrait -o g.pdf
    casemap migrate-db data/casemap.db postgresql://casemap@db.example.org/casemap
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from mapping.access import commands as access_commands
from mapping.access.guard import Action, GuardedStore, Principal
from mapping.core.errors import CasemapError, InvalidInput, NotFound
from mapping.core.i18n import Localized
from mapping.core.model import CaseData
from mapping.core.vocabulary import Phase, label
from mapping.formats.importers import MAX_BYTES as MAX_IMPORT_BYTES
from mapping.formats.netfiles import read_import_file
from mapping.formats.notices import and_more
from mapping.outbox import default_path, safe_name, write_file
from mapping.services import kaart_commands, subject_commands
from mapping.services import protection_commands as protection_commands
from mapping.storage.backends import is_postgres, redacted
from mapping.storage.store import DB_ERRORS, Store, default_db_path

LENSES = ("genogram", "ecogram", "sociogram")
FORMATS = ("svg", "png", "pdf")


# ---------------------------------------------------------------- helpers
def _missing(what: str | None) -> CasemapError:
    return CasemapError(
        "Deze functie is in deze versie van casemap nog niet beschikbaar ({what}).", what=what
    )


def _lazy(module: str, name: str) -> Any:
    """``mapping.<module>.<name>``, or a CasemapError when that part is not there (yet)."""
    try:
        return getattr(importlib.import_module(f"mapping.{module}"), name)
    except ModuleNotFoundError as err:
        if (err.name or "").startswith("mapping"):
            raise _missing(err.name) from None
        raise CasemapError(
            "Een onderdeel dat hiervoor nodig is, ontbreekt: {name}. Installeer casemap opnieuw.",
            name=err.name,
        ) from None
    except AttributeError:
        raise _missing(f"mapping.{module}.{name}") from None


def _read_file(path: str) -> bytes:
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise InvalidInput("'{path}' is geen bestand.", path=path)
        if size > MAX_IMPORT_BYTES:
            mb = MAX_IMPORT_BYTES // (1024 * 1024)
            raise InvalidInput("Het bestand is groter dan {mb} MB en wordt niet gelezen.", mb=mb)
        return file.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("Bestand '{path}' niet gevonden.", path=path) from None
    except OSError as err:
        raise InvalidInput(
            "Bestand '{path}' kan niet worden gelezen: {strerror}.",
            path=path,
            strerror=err.strerror,
        ) from None


def read_case(path: str, *, ego: str | None = None) -> CaseData:
    """Parse and check a case file (.json, .ged, or a network file) without touching any database.

    The file's size is checked before it is read; the format is chosen by
    :func:`mapping.formats.netfiles.read_import_file` (network files: GraphML, GEXF,
    GML, Pajek, CSV, found by their content) and
    :func:`mapping.formats.importers.read_case_file`, as on the cases page.
    """
    content = _read_file(path)
    notices: list = []
    try:
        data = read_import_file(Path(path).name, content, ego=ego, notices=notices)
        for notice in notices:  # what was left out of another program's file
            _say(f"Let op: {notice.message('nl')}")
        return data
    except ModuleNotFoundError as err:
        if (err.name or "").startswith("mapping"):
            raise _missing(err.name) from None
        raise


def _say(text: str) -> None:
    print(text)


def _find_snapshot(store: Store, case_id: str, ref: str):
    matches = [s for s in store.snapshots(case_id) if ref in (s.id, s.label)]
    if not matches:
        raise NotFound("Geen momentopname '{ref}' bij deze casus.", ref=ref)
    return matches[-1]


# ---------------------------------------------------------------- commands
def cmd_list(args: argparse.Namespace, store: Store) -> None:
    cases = store.list_cases(include_archived=args.all)
    if not cases:
        _say("Geen casussen. Laad de democasus met 'casemap demo'.")
        return
    rows = [("code", "titel", "fase", "toestemming", "personen", "systemen")]
    for case in cases:
        data = store.load(case.id)
        people = sum(e.is_person for e in data.entities)
        rows.append(
            (
                case.code + (" [archief]" if case.archived else ""),
                case.title,
                label(Phase(case.phase)),
                "ja" if case.consent else "nee",
                str(people),
                str(len(data.entities) - people),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        _say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def cmd_demo(args: argparse.Namespace, store: Store) -> None:
    existing = store.list_cases(include_archived=True)
    if args.if_empty and existing:
        _say(f"De database heeft al {len(existing)} casus(sen); democasus niet geladen.")
        return
    demo_case = _lazy("services.demo", "demo_case")
    case = store.import_case(demo_case(), author=args.author)
    _say(f"Democasus geladen als {case.code} ({case.title}).")
    # the organisations its systems are linked to, when the team's kaart is still empty
    loaded = _lazy("services.demo", "load_demo_kaart")(store, author=args.author)
    if loaded:
        _say(f"Sociale kaart van de demo geladen ({loaded} organisaties).")


def _person_ref(data, ref: str) -> str:
    """The entity id for ``ref``: a GEDCOM code (@I12@ or I12), an id, or words of a name.

    Several people match: the message lists them (name, birth year, code) and
    asks for the code (see :func:`mapping.formats.gedcom.find_people`).
    """
    find_people = _lazy("formats.gedcom", "find_people")
    person_line = _lazy("formats.gedcom", "person_line")
    found = find_people(data, ref)
    if len(found) == 1:
        return found[0].id
    if not found:
        raise CasemapError(
            "Persoon '{ref}' staat niet in het bestand; zoek op een deel van de naam of op de GEDCOM-code (bijv. @I12@).",
            ref=ref,
        )
    shown = found[:20]
    more = len(found) - len(shown)
    lines = Localized(
        lambda lang: (
            "\n".join("  " + person_line(e, lang) for e in shown)
            + ("\n " + and_more(more).message(lang) if more else "")
        )
    )
    first = person_line(found[0]).rsplit(", ", 1)[-1].rstrip(")")  # '@I10@'
    raise CasemapError(
        "{count} personen passen bij '{ref}':\n{lines}\nKies er één met de GEDCOM-code, bijv. --around {first}.",
        count=len(found),
        ref=ref,
        lines=lines,
        first=first,
    )


def _keep_part(args: argparse.Namespace, data):
    """For a large family tree: the part around ``--around``, all of it with ``--all``."""
    if Path(args.file).suffix.lower() not in (".ged", ".gedcom", ".gdz"):
        return data
    large = _lazy("formats.gedcom", "LARGE")
    people = sum(e.is_person for e in data.entities)
    if args.around:
        # the person the part is around is the client (index person) of the new case
        around_person = _lazy("formats.gedcom", "around_person")
        return around_person(data, _person_ref(data, args.around), args.generations)
    if people > large and not args.all:
        raise CasemapError(
            "Deze stamboom heeft {people} personen; een genogram is leesbaar tot zo'n {large}. Kies een deel met --around PERSOON [--generations N] (naam of GEDCOM-code, bijv. @I12@), of neem alles met --all.",
            people=people,
            large=large,
        )
    return data


def cmd_import(args: argparse.Namespace, store_path: str) -> None:
    data = read_case(args.file, ego=args.ego)  # checked completely before the db is opened
    data = _keep_part(args, data)
    if args.code:
        data = replace(data, case=replace(data.case, code=args.code.strip()))
    with _opened(store_path, args) as store:
        case = store.import_case(data, author=args.author)
    people = sum(e.is_person for e in data.entities)
    _say(
        f"Geïmporteerd als {case.code}: {people} personen, {len(data.entities) - people} systemen, "
        f"{len(data.relations)} relaties."
    )


def _warn_without_consent(case) -> None:
    """The dossier's rule, said where the file is made: no recorded consent, no sharing."""
    if not case.consent:
        print(
            f"casemap: let op: voor {case.code} is geen toestemmingsverklaring vastgelegd; "
            "deel dit bestand niet met derden.",
            file=sys.stderr,
        )
        print(
            f"casemap: note: no consent is recorded for {case.code}; do not share this file "
            "with third parties.",
            file=sys.stderr,
        )


def _output(args: argparse.Namespace, code: str, name: str) -> str:
    """``-o`` when given, else ``name`` in the case's folder of the outbox (made now)."""
    return args.output or str(default_path(code, name))


def _export_case(args: argparse.Namespace, store: Store, render, suffix: str) -> None:
    """The whole case through ``render`` (CaseData -> text) to ``-o`` or the outbox."""
    _warn_without_consent(
        store.grant(args.case, Action.EXPORT, part=f"opdrachtregel: {args.command}")
    )
    data = store.load(args.case)
    content = render(data)
    output = _output(args, data.case.code, f"{safe_name(data.case.code)}{suffix}")
    write_file(output, content)
    if output != "-":
        _say(f"{data.case.code} geëxporteerd naar {output}.")


def cmd_export_json(args: argparse.Namespace, store: Store) -> None:
    from mapping.formats.exchange import dump_case

    _export_case(args, store, dump_case, ".json")


def cmd_export(args: argparse.Namespace, store: Store) -> None:
    export_lens = _lazy("services.export", "export_lens")
    _warn_without_consent(
        store.grant(args.case, Action.EXPORT, part=f"opdrachtregel: {args.lens} {args.format}")
    )
    data = store.load(args.case)
    notices: list = []
    # a pseudonymised file carries a code made for it alone, in its caption and its name
    code = _lazy("services.pseudonym", "export_code")() if args.pseudonymise else ""
    content = export_lens(
        data,
        args.lens,
        args.format,
        ego=args.ego or "",
        pseudonymise=args.pseudonymise,
        lang=args.lang,
        author=args.author,
        dpi=args.dpi,
        hide_notes=args.hide_notes,
        focus=args.focus,
        show_emotional=not args.no_emotional,
        paper=args.paper or "",
        orientation=args.orientation or "",
        png_mode=args.png,
        export_code=code,
        notices=notices,
    )
    tiles = content.startswith(b"PK\x03\x04")  # the tiles of a PNG too large for one
    output = _output(args, data.case.code, _map_name(args, data.case.code, code, tiles))
    if tiles and output != "-" and not output.endswith(".zip"):
        output = str(Path(output).with_suffix(".zip"))
    write_file(output, content)
    for notice in notices:  # tiled sheets, a smaller picture: said where the file is made
        _say(f"Let op: {notice.message('nl')}")
    if output != "-":
        _say(f"{args.lens} van {data.case.code} geëxporteerd naar {output}.")


#: a lens's word in a file name, as the map pages name their downloads
FILE_WORDS = {"genogram": "genogram", "ecogram": "ecogram", "sociogram": "netwerkkaart"}


def _map_name(args: argparse.Namespace, case_code: str, export_code: str, tiles: bool) -> str:
    """The outbox's name of a map: ``DEMO-001-netwerkkaart-daan-300dpi-en.png``.

    A pseudonymised map is named by its own code and says nothing of the
    ego (``PS-7KQ3MX-genogram-pseudoniem.svg``), as the pages name it.
    """
    parts = [export_code or safe_name(case_code), FILE_WORDS[args.lens]]
    if args.ego and not export_code:
        parts.append(safe_name(args.ego))
    if args.format == "png" and args.dpi == 300:
        parts.append("300dpi")
    if args.lang != "nl":
        parts.append(args.lang)
    if export_code:
        parts.append("pseudoniem")
    return "-".join(parts) + ("-tegels.zip" if tiles else f".{args.format}")


def cmd_export_graphml(args: argparse.Namespace, store: Store) -> None:
    _export_case(args, store, _lazy("formats.graphml", "write_graphml"), ".graphml")


def cmd_report(args: argparse.Namespace, store: Store) -> None:
    build_report = _lazy("services.report", "build_report")
    case = store.grant(args.case, Action.REPORT, part="opdrachtregel: report")
    _warn_without_consent(case)
    data, snapshot_label = store.load(case.id), ""
    if args.snapshot:
        snap = _find_snapshot(store, case.id, args.snapshot)
        data, snapshot_label = store.snapshot_data(snap.id), snap.label
    kwargs: dict[str, Any] = {}
    code = _lazy("services.pseudonym", "export_code")() if args.pseudonymise else ""
    if code:
        kwargs["export_code"] = code  # in the PDF and in its name, not the case's code
    if args.compare:  # beside the export code: a pseudonymised comparison keeps its code
        earlier = _find_snapshot(store, case.id, args.compare)
        kwargs |= {"compare_with": store.snapshot_data(earlier.id), "compare_label": earlier.label}
    # a referral names its organisation as the kaart does, on the ecogram or not
    kwargs["kaart_names"] = _lazy("services.sociale_kaart", "names")(store)
    pdf = build_report(
        data,
        lang=args.lang,
        pseudonymise=args.pseudonymise,
        snapshot_label=snapshot_label,
        author=args.author,
        **kwargs,
    )
    if code:  # a pseudonymised report's snapshots are "momentopname 1": no label in the name
        name = f"{code}-rapport-pseudo"
    else:
        name = f"{safe_name(case.code)}-rapport"
        name += f"-{safe_name(snapshot_label)}" if snapshot_label else ""
    name += f"-{args.lang}" if args.lang != "nl" else ""
    output = _output(args, case.code, f"{name}.pdf")
    write_file(output, pdf)
    if output != "-":
        _say(f"Rapport van {case.code} geschreven naar {output}.")


def cmd_migrate_db(args: argparse.Namespace, db: str) -> int:
    """Move a whole database (a SQLite file) into another (PostgreSQL), then check every case."""
    from mapping.access import log
    from mapping.storage import transfer

    source_ref, target_ref = args.source, args.target
    if not is_postgres(source_ref) and not Path(source_ref).exists():
        raise CasemapError(
            "Database '{db}' bestaat niet. Controleer de naam van het bestand dat overgezet moet "
            "worden.",
            db=source_ref,
        )
    if source_ref == target_ref:
        raise InvalidInput("Bron en doel zijn dezelfde database. Er is niets overgezet.")
    if not is_postgres(target_ref) and Path(target_ref).exists():
        raise InvalidInput(
            "Het doelbestand {target} bestaat al. Kies een nieuw bestand; er is niets overgezet.",
            target=target_ref,
        )
    with Store(source_ref) as source:
        target = Store(target_ref)
        try:
            used = transfer.in_use(target)
            if used and not args.replace:
                raise InvalidInput(
                    "De doeldatabase {target} is niet leeg ({tables}). Er is niets overgezet. Kies "
                    "een lege database, of geef --replace om alles wat erin staat te vervangen.",
                    target=redacted(target_ref),
                    tables=", ".join(used),
                )
            if used:
                transfer.empty_database(target)
                target.close()
                target = Store(target_ref)
            copied = transfer.copy_database(source, target)
            _say(
                f"Overgezet van {redacted(source_ref)} naar {redacted(target_ref)}: "
                + ", ".join(f"{table} {n}" for table, n in copied.items())
            )
            failed = 0
            for check in transfer.verify_cases(source, target):
                if check.ok:
                    _say(
                        f"OK    {check.code}: {check.people} personen, {check.relations} relaties, "
                        f"{check.snapshots} momentopnamen, {check.changes} wijzigingen"
                    )
                else:
                    failed += 1
                    _say(f"FOUT  {check.code}: {check.problem}")
            for table in copied:
                ours, theirs = (
                    transfer.table_digest(source, table),
                    transfer.table_digest(target, table),
                )
                if ours != theirs:
                    failed += 1
                    _say(f"FOUT  tabel {table}: {ours[0]} regels, overgezet {theirs[0]}, of anders")
            chain = log.verify(target.db)
            if not chain.ok or log.head(target.db) != log.head(source.db):
                failed += 1
                _say(f"FOUT  toegangslog: {chain.reason or 'de laatste regel verschilt'}")
            else:
                _say(f"OK    toegangslog: de keten klopt ({chain.checked} regels)")
            if failed:
                print(
                    f"casemap: {failed} onderdeel/onderdelen niet gelijk overgekomen; gebruik de "
                    f"doeldatabase niet en zet opnieuw over (--replace).",
                    file=sys.stderr,
                )
                return 1
            log.append(
                target.db,
                log.Entry(
                    user=Principal.command_line(args.author).user,
                    role="opdrachtregel",
                    action="database overzetten",
                    part="opdrachtregel: migrate-db",
                    session="cli",
                    detail=f"van {redacted(source_ref)}: {len(copied)} tabellen",
                ),
            )
            _say(
                f"Alle tabellen en casussen zijn gelijk. De app kan nu {redacted(target_ref)} gebruiken."
            )
        finally:
            target.close()
    return 0


# ---------------------------------------------------------------- parser
OUTPUT_HELP = (
    "bestand om te schrijven ('-': naar stdout); zonder -o: exports/CASUSCODE/ "
    "(of $CASEMAP_EXPORTS/CASUSCODE/)"
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="databasebestand (standaard $CASEMAP_DB of data/casemap.db)",
    )
    common.add_argument(
        "--author", default=argparse.SUPPRESS, help="naam voor de historie van wijzigingen"
    )
    parser = argparse.ArgumentParser(
        prog="casemap",
        description="Genogram, ecogram en netwerkkaart voor casemanagement.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", parents=[common], help="toon de casussen")
    p.add_argument("--all", action="store_true", help="ook gearchiveerde casussen")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("demo", parents=[common], help="laad de fictieve democasus")
    p.add_argument("--if-empty", action="store_true", help="alleen als er nog geen casus is")
    p.set_defaults(func=cmd_demo, creates_db=True)

    p = sub.add_parser(
        "import",
        parents=[common],
        help="importeer een .json, .ged, .gdz of een netwerk (.graphml, .gexf, .gml, .net, .csv)",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--ego", help="ego-knoop (id of naam) voor een netwerkbestand")
    p.add_argument("--code", help="casuscode voor de nieuwe casus")
    p.add_argument("--around", metavar="PERSOON", help="GEDCOM: alleen het deel rond deze persoon")
    p.add_argument(
        "--generations", type=int, default=3, metavar="N", help="GEDCOM: generaties rond --around"
    )
    p.add_argument("--all", action="store_true", help="GEDCOM: ook een grote stamboom helemaal")
    p.set_defaults(func=cmd_import, opens_store=False, creates_db=True)

    p = sub.add_parser("export-json", parents=[common], help="exporteer een casus als JSON")
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_export_json)

    p = sub.add_parser("export", parents=[common], help="exporteer een kaart als SVG, PNG of PDF")
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("--lens", choices=LENSES, required=True)
    p.add_argument("--format", choices=FORMATS, default="svg")
    p.add_argument("--ego", help="ego (id) van de netwerkkaart")
    p.add_argument("--dpi", type=int, choices=(96, 300), default=96)
    p.add_argument(
        "--pseudonymise",
        nargs="?",
        const="roles",
        default=False,
        choices=("roles", "initials"),
        help="namen vervangen door rollen (standaard) of initialen",
    )
    p.add_argument(
        "--focus",
        choices=("household", "client"),
        default="household",
        help="ecogram: het huishouden of alleen de hulpvrager in het midden",
    )
    p.add_argument("--hide-notes", action="store_true", help="notities en aantekeningen weglaten")
    p.add_argument(
        "--no-emotional", action="store_true", help="genogram: zonder de emotionele relaties"
    )
    p.add_argument(
        "--paper",
        choices=("a4", "a3"),
        help="PDF: papierformaat (standaard a3 voor een genogram, anders a4)",
    )
    p.add_argument(
        "--orientation",
        choices=("portrait", "landscape"),
        help="PDF: staand (portrait) of liggend (landscape, standaard)",
    )
    p.add_argument(
        "--png",
        choices=("verkleinen", "tegels"),
        default="verkleinen",
        help="PNG groter dan kan: verkleinen tot het past, of in tegels (een zip)",
    )
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("-o", "--output", metavar="PATH", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-graphml", parents=[common], help="exporteer het netwerk als GraphML")
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_export_graphml)

    p = sub.add_parser("report", parents=[common], help="maak het dossierrapport (PDF)")
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("--pseudonymise", action="store_true", help="namen vervangen door rollen")
    p.add_argument("--snapshot", metavar="LABEL", help="rapport van een momentopname")
    p.add_argument("--compare", metavar="LABEL", help="met de wijzigingen sinds deze momentopname")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help=OUTPUT_HELP)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "migrate-db",
        parents=[common],
        help="zet een hele database over (SQLite naar PostgreSQL) en controleer elke casus",
    )
    p.add_argument("source", metavar="SQLITE_FILE", help="de database die overgaat (een bestand)")
    p.add_argument("target", metavar="DOEL", help="postgresql://gebruiker@server/database")
    p.add_argument(
        "--replace", action="store_true", help="een doeldatabase die niet leeg is eerst leegmaken"
    )
    p.set_defaults(func=cmd_migrate_db, opens_store=False, creates_db=True)  # no --db of its own

    access_commands.register(sub, common)
    protection_commands.register(sub, common)
    subject_commands.register(sub, common)
    kaart_commands.register(sub, common)
    return parser


def _opened(db: str, args: argparse.Namespace) -> GuardedStore:
    """The store as the server's operator uses it: everything, and every event logged."""
    typed = args.author if args.author not in ("casemap", os.environ.get("USER", "")) else ""
    return GuardedStore(db, Principal.command_line(typed), part=f"opdrachtregel: {args.command}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``casemap`` command; returns the exit code (0 ok, 2 refused or failed)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    args.author = getattr(args, "author", "") or os.environ.get("USER", "") or "casemap"
    db = getattr(args, "db", None) or str(default_db_path())
    try:
        missing = db != ":memory:" and not is_postgres(db) and not Path(db).exists()
        if missing and args.func is cmd_list:
            # nothing to list, and a mistyped --db must not create a database (and its folders)
            _say(f"Geen casussen ({db} bestaat nog niet). Laad de democasus met 'casemap demo'.")
            return 0
        if missing and not getattr(args, "creates_db", False):
            raise CasemapError(
                "Database '{db}' bestaat niet. Controleer --db, of maak hem met 'casemap demo --db {db}' of 'casemap import BESTAND --db {db}'.",
                db=db,
            )
        if getattr(args, "opens_store", True):
            with _opened(db, args) as store:
                code = args.func(args, store)
                if store.unlogged:
                    print(
                        f"casemap: let op: de database staat op een alleen-lezen medium; "
                        f"{store.unlogged} toegang(en) konden niet in het toegangslog.",
                        file=sys.stderr,
                    )
        else:
            code = args.func(args, db)
        if code:
            return code
    except CasemapError as err:
        print(f"casemap: {err.nl}", file=sys.stderr)
        if err.en != err.nl:
            print(f"casemap: {err.en}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as err:
        if not (err.name or "").startswith("mapping"):
            raise
        # a part of casemap that a later version brings (imported lazily deep down)
        print(f"casemap: {_missing(err.name).nl}", file=sys.stderr)
        print(f"casemap: {_missing(err.name).en}", file=sys.stderr)
        return 2
    except DB_ERRORS as err:
        shown, detail = redacted(db), str(err).replace(db, redacted(db))
        print(f"casemap: de database {shown} kan niet worden gebruikt: {detail}", file=sys.stderr)
        print(f"casemap: the database {shown} cannot be used: {detail}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
