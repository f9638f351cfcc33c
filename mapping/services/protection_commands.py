"""The command line of data protection: encrypt, backup, restore, retention.

casemap encrypt                      # the plain database -> SQLCipher (key from CASEMAP_DB_KEY_FILE)
casemap backup -o /backup/casemap-2026-12-04.db
casemap restore /backup/casemap-2026-12-04.db --to data/hersteld.db [--replace]
casemap retention --due | --destroy CODE... --yes
"""

from __future__ import annotations

import argparse
from typing import Any

from mapping.access.guard import Action, GuardedStore
from mapping.core.errors import InvalidInput, StoreUnavailable
from mapping.services import retention
from mapping.storage import safekeeping
from mapping.storage.store import key_for


def _say(text: str) -> None:
    print(text)


def cmd_encrypt(args: argparse.Namespace, db: str) -> None:
    safekeeping.sqlite_only(db)  # PostgreSQL: the server encrypts
    key = key_for(db)
    if key is None:
        raise InvalidInput(
            "Geef eerst de sleutel: CASEMAP_DB_KEY_FILE (een bestand buiten de databasemap, "
            "alleen leesbaar voor u of de dienst) of CASEMAP_DB_KEY.",
        )
    safekeeping.encrypt(db, key)
    with GuardedStore(db, _operator(args), part="opdrachtregel: encrypt") as store:
        store.record(Action.ADMIN, detail="database versleuteld")
    _say(f"{db} is versleuteld en gecontroleerd; het onversleutelde bestand is vervangen.")


def _operator(args: argparse.Namespace):
    from mapping.access.guard import Principal

    return Principal.command_line(getattr(args, "typed_author", ""))


def cmd_backup(args: argparse.Namespace, store: GuardedStore) -> None:
    with store.administering(f"back-up naar {args.output}"):
        out, digest = safekeeping.backup(store, args.output)
    kind = "versleuteld" if store.encrypted else "NIET versleuteld"
    _say(f"Back-up {out} ({kind}) gemaakt en gecontroleerd; sha256 {digest}.")


def cmd_restore(args: argparse.Namespace, db: str) -> None:
    target = args.to or db
    key = key_for(target)
    restored = safekeeping.restore(args.backup, target, key, replace=args.replace)
    with GuardedStore(restored, _operator(args), part="opdrachtregel: restore") as store:
        store.record(Action.ADMIN, detail=f"back-up teruggezet: {args.backup}")
    _say(f"Back-up {args.backup} gecontroleerd en teruggezet als {restored}.")


def cmd_retention(args: argparse.Namespace, store: GuardedStore) -> None:
    years = retention.retention_years()
    if args.destroy:
        if not args.yes:
            raise InvalidInput(
                "Vernietigen kan niet ongedaan worden gemaakt. Herhaal met --yes.",
            )
        done = retention.destroy(store, args.destroy, years)
        _say(f"Vernietigd: {', '.join(done)}. Het toegangslog vermeldt wat, wanneer en door wie.")
        return
    due = retention.due_cases(store, years)
    if not due:
        _say(f"Geen casussen voorbij de bewaartermijn ({years} jaar na sluiten).")
        return
    _say(f"Voorbij de bewaartermijn ({years} jaar na sluiten):")
    for item in due:
        _say(f"  {item.code}  gesloten {item.closed}  te vernietigen sinds {item.due}")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("encrypt", parents=[common], help="versleutel de database (SQLCipher)")
    p.set_defaults(func=cmd_encrypt, opens_store=False)

    p = sub.add_parser("backup", parents=[common], help="maak een gecontroleerde back-up")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="zet een back-up terug (gecontroleerd)")
    p.add_argument("backup", metavar="FILE")
    p.add_argument("--to", metavar="DB", help="nieuw databasebestand (standaard --db)")
    p.add_argument("--replace", action="store_true", help="een bestaande database vervangen")
    p.set_defaults(func=cmd_restore, opens_store=False, creates_db=True)

    p = sub.add_parser("retention", parents=[common], help="bewaartermijn: --due of --destroy")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--due", action="store_true", help="toon casussen voorbij de termijn")
    group.add_argument("--destroy", nargs="+", metavar="CODE", help="vernietig deze casussen")
    p.add_argument("--yes", action="store_true", help="bevestig het vernietigen")
    p.set_defaults(func=cmd_retention)


__all__ = ["register", "StoreUnavailable"]
