"""The command line of the team's sociale kaart.

    casemap sociale-kaart import kaart.csv            # all rows or none
    casemap sociale-kaart import kaart.csv --dry-run  # only shows what would change
    casemap sociale-kaart export -o kaart.csv         # UTF-8 with BOM, ';' between fields

The columns are those of :data:`mapping.services.sociale_kaart.CSV_COLUMNS`.
An import updates an organisation with the same name and adds the others; a
bad file is refused with the line and column, and nothing is stored. Both
leave an access-log line (no case).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mapping.core.errors import CasemapError, InvalidInput
from mapping.outbox import write_file
from mapping.services import sociale_kaart


def _say(text: str) -> None:
    print(text)


def cmd_kaart_import(args: argparse.Namespace, store: Any) -> None:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CasemapError(
            "Bestand '{path}' kan niet worden gelezen: {strerror}.",
            path=path,
            strerror=err.strerror,
        ) from None
    result = sociale_kaart.import_csv(store, data, author=args.author, dry_run=args.dry_run)
    for org in result.added:
        _say(f"+ {org.name} ({org.kind_label()})")
    for old, new in result.updated:
        _say(f"~ {new.name}: {', '.join(result.changed_fields(old, new))}")
    _say(str(result.summary()))
    if args.dry_run:
        _say("Niets opgeslagen (--dry-run).")


def cmd_kaart_export(args: argparse.Namespace, store: Any) -> None:
    if args.output == "-":
        print(sociale_kaart.export_csv(store), end="")
        return
    if not args.output.lower().endswith(".csv"):
        raise InvalidInput("Geef een bestandsnaam die eindigt op .csv, bijv. -o kaart.csv.")
    write_file(args.output, sociale_kaart.export_bytes(store))
    count = len(sociale_kaart.organisations(store))
    _say(f"{count} organisaties geschreven naar {args.output}.")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``sociale-kaart import`` and ``sociale-kaart export`` to the ``casemap`` parser."""
    kaart = sub.add_parser(
        "sociale-kaart", help="de sociale kaart van het team: importeren en exporteren (CSV)"
    )
    actions = kaart.add_subparsers(dest="kaart_command", required=True, metavar="OPDRACHT")
    p = actions.add_parser(
        "import", parents=[common], help="organisaties uit een CSV-bestand (alles of niets)"
    )
    p.add_argument(
        "file", metavar="FILE.csv", help="kolommen: " + ", ".join(sociale_kaart.CSV_COLUMNS)
    )
    p.add_argument("--dry-run", action="store_true", help="alleen tonen wat er zou veranderen")
    p.set_defaults(func=cmd_kaart_import, creates_db=True)  # a team may start with its kaart
    p = actions.add_parser("export", parents=[common], help="de sociale kaart als CSV-bestand")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.csv", help="'-' schrijft naar het scherm"
    )
    p.set_defaults(func=cmd_kaart_export)


__all__ = ["cmd_kaart_export", "cmd_kaart_import", "register"]
