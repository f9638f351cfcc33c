"""The command line of inzage and erasure for one person (AVG articles 15 and 17).

    casemap subject-export "Daan Bakker" -o inzage.json [--case DEMO-001]
    casemap erase-person DEMO-001 "Daan Bakker"          # shows what would go; exit 2
    casemap erase-person DEMO-001 "Daan Bakker" --yes    # erases it

``subject-export`` writes the JSON document and, next to it, the same as a
Dutch PDF (``inzage.pdf``). ``erase-person`` without ``--yes`` changes
nothing. Both go through the access check and leave access-log lines that
name the case and the person's id, never the name.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from mapping.core.errors import CasemapError, InvalidInput
from mapping.outbox import write_file
from mapping.services.subject import (
    erase_person,
    gather,
    person_in_case,
    plan_erasure,
    wipe_free_space,
)


def _say(text: str) -> None:
    print(text)


def cmd_subject_export(args: argparse.Namespace, store: Any) -> None:
    from mapping.services.subject_report import build_subject_pdf

    json_path = Path(args.output)
    if args.output == "-" or json_path.suffix.lower() == ".pdf":
        raise InvalidInput(
            "Geef een bestandsnaam voor de JSON, bijv. -o inzage.json; de PDF komt ernaast "
            "als inzage.pdf.",
        )
    pdf_path = json_path.with_suffix(".pdf")
    document = gather(store, args.person, case_ref=args.case, author=args.author)
    pdf = build_subject_pdf(document)  # before writing anything: both files or none
    write_file(str(json_path), json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    write_file(str(pdf_path), pdf)
    matches = document["matches"]
    codes = ", ".join(f"{m['case']['code']} (id {m['person']['id']})" for m in matches)
    _say(f"Gevonden in {len(matches)} casus(sen): {codes}.")
    if len(matches) > 1:
        _say(
            "Let op: meer dan één treffer. Alle treffers staan in het overzicht; controleer of "
            "het om dezelfde persoon gaat, of beperk met --case CODE."
        )
    _say(f"Inzageoverzicht geschreven naar {json_path} en {pdf_path}.")


def cmd_erase_person(args: argparse.Namespace, store: Any) -> None:
    person = person_in_case(store, args.case, args.person)
    if not args.yes:
        for line in plan_erasure(store, args.case, person.id).lines():
            _say(line)
        raise CasemapError(
            "Er is niets gewist. Controleer het overzicht hierboven en herhaal de opdracht "
            "met --yes om deze persoon definitief te wissen (ook uit de momentopnamen).",
        )
    erasure = erase_person(store, args.case, person.id, author=args.author)
    for line in erasure.lines():
        _say(line)
    if wipe_free_space(store):
        _say("De vrijgekomen ruimte in het databasebestand is gewist (VACUUM).")
    else:
        _say(
            "Let op: de vrijgekomen ruimte in het databasebestand kon nu niet worden gewist "
            "(de database was bezet). Herhaal later met de app gesloten."
        )
    _say(
        "Back-ups van vóór vandaag bevatten de persoon nog; die vallen onder hun eigen bewaartermijn."
    )


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``subject-export`` and ``erase-person`` to the ``casemap`` parser."""
    p = sub.add_parser(
        "subject-export",
        parents=[common],
        help="inzage (AVG art. 15): alles over één persoon, als JSON en PDF",
    )
    p.add_argument("person", metavar="PERSOON", help="naam (precies), id of GEDCOM-code (@I12@)")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="JSON-bestand; de PDF komt ernaast"
    )
    p.add_argument("--case", metavar="CODE", help="alleen in deze casus zoeken")
    p.set_defaults(func=cmd_subject_export)

    p = sub.add_parser(
        "erase-person",
        parents=[common],
        help="wissen (AVG art. 17): een persoon uit een casus en haar momentopnamen",
    )
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("person", metavar="PERSOON", help="id of naam (precies) van de persoon")
    p.add_argument("--yes", action="store_true", help="echt wissen (anders alleen tonen)")
    p.set_defaults(func=cmd_erase_person)


__all__ = ["register"]
