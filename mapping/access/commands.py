"""The command line of team use: users, teams, who owns a case, and the access log.

    casemap user add anna@org.nl --name "Anna de Vries" --role casemanager --team "Wijkteam Noord"
    casemap user list | disable EMAIL | enable EMAIL | role EMAIL ROLE
    casemap team add "Wijkteam Noord" [--policy team|eigen]
    casemap team member "Wijkteam Noord" EMAIL [--remove]
    casemap team list
    casemap case assign CASE [--owner EMAIL] [--team TEAM]
    casemap case share CASE EMAIL [--remove]
    casemap audit CASE [--since DATE] [--until DATE] [--csv FILE]
    casemap audit user EMAIL | verify | head | purge [--older-than-days N]

Run on the server itself, they act as its operator: everything is allowed and
everything is logged under the OS account.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from mapping.access import log, users
from mapping.access.guard import GuardedStore
from mapping.access.users import ROLES, Role, TeamPolicy
from mapping.core.errors import CasemapError, InvalidInput

#: Where the retention of the access log is set when ``--older-than-days`` is not given.
RETENTION_ENV = "CASEMAP_LOG_RETENTION_DAYS"


def _say(text: str) -> None:
    print(text)


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        _say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def cmd_user(args: argparse.Namespace, store: GuardedStore) -> None:
    action = args.action
    if action == "list":
        with store.administering("gebruikers bekijken") as db:
            found = users.users(db)
            rows = [("e-mail", "naam", "rol", "teams", "status")]
            for user in found:
                teams = ", ".join(t.name for t in users.teams_of(db, user.id))
                status = "uitgeschakeld" if user.disabled else "actief"
                rows.append((user.email, user.name, user.role.value, teams, status))
        if len(rows) == 1:
            _say(
                "Nog geen gebruikers. Voeg de beheerder toe: casemap user add EMAIL --role beheerder"
            )
        else:
            _table(rows)
        return
    if not args.email:
        raise InvalidInput("Geef het e-mailadres van de gebruiker.")
    if action == "add":
        with store.administering(f"gebruiker toegevoegd: {args.email}") as db:
            user = users.add_user(
                db, args.email, name=args.name or "", role=args.role, teams=args.team or []
            )
        _say(f"Gebruiker {user.email} toegevoegd als {ROLES[user.role]['nl']}.")
    elif action in ("disable", "enable"):
        what = "uitgeschakeld" if action == "disable" else "ingeschakeld"
        with store.administering(f"gebruiker {what}: {args.email}") as db:
            user = users.set_disabled(db, args.email, action == "disable")
        _say(f"Gebruiker {user.email} {what}.")
    elif action == "role":
        if not args.value:
            raise InvalidInput("Geef de nieuwe rol.")
        with store.administering(f"rol van {args.email}: {args.value}") as db:
            user = users.set_role(db, args.email, args.value)
        _say(f"Gebruiker {user.email} is nu {ROLES[user.role]['nl']}.")


def cmd_team(args: argparse.Namespace, store: GuardedStore) -> None:
    if args.action == "list":
        with store.administering("teams bekijken") as db:
            rows = [("team", "beleid", "leden")]
            for team in users.teams(db):
                members = ", ".join(u.email for u in users.members(db, team.id))
                rows.append((team.name, team.policy.value, members))
        if len(rows) == 1:
            _say("Nog geen teams.")
        else:
            _table(rows)
        return
    if not args.name:
        raise InvalidInput("Geef de naam van het team.")
    if args.action == "add":
        with store.administering(f"team toegevoegd: {args.name}") as db:
            team = users.add_team(db, args.name, args.policy)
        _say(f"Team {team.name} toegevoegd (beleid: {team.policy.value}).")
    elif args.action == "member":
        if not args.email:
            raise InvalidInput("Geef het e-mailadres van het lid.")
        verb = "verwijderd uit" if args.remove else "toegevoegd aan"
        with store.administering(f"teamlid {args.email} {verb} {args.name}") as db:
            if args.remove:
                users.remove_member(db, args.name, args.email)
            else:
                users.add_member(db, args.name, args.email)
        _say(f"{args.email} {verb} {args.name}.")


def cmd_case(args: argparse.Namespace, store: GuardedStore) -> None:
    if args.action == "assign":
        if not (args.owner or args.team):
            raise InvalidInput("Geef --owner en/of --team.")
        store.assign(args.case, owner=args.owner, team=args.team)
        _say(
            f"Casus {args.case}: eigenaar {args.owner or '(ongewijzigd)'}, team {args.team or '(ongewijzigd)'}."
        )
    elif args.action == "share":
        if not args.email:
            raise InvalidInput("Geef het e-mailadres van de collega.")
        store.share(args.case, args.email, shared=not args.remove)
        _say(f"Casus {args.case} {'niet meer ' if args.remove else ''}gedeeld met {args.email}.")


def _print_lines(lines: list[log.Line], csv_path: str | None) -> None:
    if csv_path:
        text = log.to_csv(lines)
        if csv_path == "-":
            sys.stdout.write(text)
        else:
            with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
                handle.write(text)
            _say(f"{len(lines)} regels geschreven naar {csv_path}.")
        return
    if not lines:
        _say("Geen regels in deze periode.")
        return
    rows = [
        (
            "tijdstip (UTC)",
            "gebruiker",
            "rol",
            "casus",
            "handeling",
            "onderdeel",
            "uitkomst",
            "toelichting",
        )
    ]
    for line in reversed(lines):
        rows.append(
            (
                line.at[:19].replace("T", " "),
                line.user,
                line.role,
                line.case_code,
                line.action,
                line.part,
                line.outcome,
                line.detail,
            )
        )
    _table(rows)


def cmd_audit(args: argparse.Namespace, store: GuardedStore) -> int | None:
    target = args.target
    if target == "verify":
        with store.administering("toegangslog controleren") as db:
            result = log.verify(db)
            last_id, last_hash = log.head(db)
        if not result.ok:
            print(
                f"casemap: het toegangslog is aangetast bij regel {result.bad_id}: {result.reason} "
                f"({result.checked} regels ervoor zijn in orde).",
                file=sys.stderr,
            )
            print(
                f"casemap: the access log was tampered with at line {result.bad_id}.",
                file=sys.stderr,
            )
            return 1
        _say(f"Toegangslog in orde: {result.checked} regels, laatste {last_id} ({last_hash}).")
        return None
    if target == "head":
        with store.administering("toegangslog: laatste hash") as db:
            last_id, last_hash = log.head(db)
        _say(f"{last_id} {last_hash}")
        return None
    if target == "purge":
        days = args.older_than_days or _retention_days()
        with store.administering(f"toegangslog opschonen: ouder dan {days} dagen") as db:
            removed = log.purge(db, days)
        _say(
            f"{removed} regels ouder dan {days} dagen verwijderd; de keten loopt door vanaf het anker."
        )
        return None
    if target == "user":
        if not args.value:
            raise InvalidInput("Geef het e-mailadres van de gebruiker.")
        _print_lines(store.user_log(args.value, args.since or "", args.until or ""), args.csv)
        return None
    _print_lines(store.case_log(target, args.since or "", args.until or ""), args.csv)
    return None


def _retention_days() -> int:
    raw = os.environ.get(RETENTION_ENV, "")
    try:
        days = int(raw)
    except ValueError:
        raise InvalidInput(
            "Geef --older-than-days of zet {retention_env} (een aantal dagen).",
            retention_env=RETENTION_ENV,
        ) from None
    if days < 1:
        raise InvalidInput("De bewaartermijn is minstens 1 dag.")
    return days


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the team-use commands to the ``casemap`` parser."""
    p = sub.add_parser(
        "user", parents=[common], help="gebruikers: add, list, disable, enable, role"
    )
    p.add_argument("action", choices=("add", "list", "disable", "enable", "role"))
    p.add_argument("email", nargs="?", metavar="EMAIL")
    p.add_argument("value", nargs="?", metavar="ROL", help="de nieuwe rol (bij 'role')")
    p.add_argument("--name", help="naam zoals collega's hem lezen")
    p.add_argument("--role", default=Role.CASEMANAGER.value, choices=[r.value for r in Role])
    p.add_argument("--team", action="append", help="team (meer keer mogelijk)")
    p.set_defaults(func=cmd_user, creates_db=True)

    p = sub.add_parser("team", parents=[common], help="teams: add, member, list")
    p.add_argument("action", choices=("add", "member", "list"))
    p.add_argument("name", nargs="?", metavar="TEAM")
    p.add_argument("email", nargs="?", metavar="EMAIL")
    p.add_argument("--policy", default=TeamPolicy.TEAM.value, choices=[p.value for p in TeamPolicy])
    p.add_argument("--remove", action="store_true", help="lid uit het team halen")
    p.set_defaults(func=cmd_team, creates_db=True)

    p = sub.add_parser("case", parents=[common], help="eigenaar en team van een casus; delen")
    p.add_argument("action", choices=("assign", "share"))
    p.add_argument("case", metavar="CASE", help="casuscode of id")
    p.add_argument("email", nargs="?", metavar="EMAIL")
    p.add_argument("--owner", metavar="EMAIL")
    p.add_argument("--team", metavar="TEAM")
    p.add_argument("--remove", action="store_true", help="niet meer delen")
    p.set_defaults(func=cmd_case)

    p = sub.add_parser(
        "audit", parents=[common], help="toegangslog: CASE, user EMAIL, verify, head, purge"
    )
    p.add_argument("target", metavar="CASE|user|verify|head|purge")
    p.add_argument("value", nargs="?", metavar="EMAIL")
    p.add_argument("--since", metavar="DATUM", help="vanaf (JJJJ-MM-DD)")
    p.add_argument("--until", metavar="DATUM", help="tot en met (JJJJ-MM-DD)")
    p.add_argument("--csv", metavar="FILE", help="als CSV ('-' voor stdout)")
    p.add_argument(
        "--older-than-days", type=int, metavar="N", help=f"purge: standaard ${RETENTION_ENV}"
    )
    p.set_defaults(func=cmd_audit)


__all__ = ["register", "CasemapError"]
