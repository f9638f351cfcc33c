"""The one place that grants access to a case, and writes the access-log line.

:class:`GuardedStore` is the :class:`~mapping.storage.store.Store` as a user sees it:
the case list holds only the cases they may open; reading, changing,
exporting or deleting a case first asks :meth:`GuardedStore.may_open`; each
event leaves a line in the access log (:mod:`mapping.access.log`), whether it
was granted or refused. Pages and the command line use it; they never check
rights or write log lines themselves.

Who may open a case (:meth:`GuardedStore.may_open`):

- in personal mode and on the command line of the machine itself: everything
  (it is one person's laptop, or the server's operator); every event is still
  logged;
- the owner, and colleagues the case is shared with;
- members of the case's team when the team's policy is ``team``; the
  teamleider always;
- anyone who used noodtoegang (break the glass) with a reason, for
  :data:`BREAK_GLASS_HOURS` hours;
- a student only training cases; a beheerder only what is shared with them.

>>> with GuardedStore(":memory:", Principal.command_line()) as store:
...     _ = users.add_team(store.db, "Noord", policy="eigen")
...     anna = users.add_user(store.db, "anna@org.nl", teams=["Noord"])
...     bert = users.add_user(store.db, "bert@org.nl", teams=["Noord"])
...     store.principal = Principal.of(store.db, anna)
...     case = store.create_case("WT-1", "Gezin K.")
...     store.principal = Principal.of(store.db, bert)
...     [c.code for c in store.list_cases()], store.may_open(case.id)
([], None)
"""

from __future__ import annotations

import functools
import getpass
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from mapping.access import log, users
from mapping.access.users import Role, TeamPolicy, User
from mapping.core.codec import without_bidi
from mapping.core.errors import CasemapError, InvalidInput, NotFound, StoreUnavailable
from mapping.core.model import Case, CaseData
from mapping.storage.store import Store

#: How long a noodtoegang opens a case.
BREAK_GLASS_HOURS = 12
#: A view of the same part of the same case within this time is one log line.
VIEW_WINDOW_SECONDS = 15 * 60
#: The shortest reason a noodtoegang accepts.
MIN_REASON = 10


class AccessDenied(CasemapError):
    """The user may not do this; the refusal is in the access log."""


class Action(StrEnum):
    """What the access log says was done (Dutch, as a client reads it)."""

    SIGN_IN = "aanmelden"
    SIGN_IN_REFUSED = "aanmelden geweigerd"
    SIGN_OUT = "afmelden"
    LIST = "casuslijst bekijken"
    VIEW = "bekijken"
    CREATE = "aanmaken"
    IMPORT = "importeren"
    CHANGE = "wijzigen"
    RESTORE = "herstellen"
    SNAPSHOT = "momentopname"
    DELETE = "verwijderen"
    EXPORT = "exporteren"
    REPORT = "rapport"
    MEETING = "overleg"
    BREAK_GLASS = "noodtoegang"
    SHARE = "delen"
    READ_LOG = "toegangslog inzien"
    ADMIN = "beheer"


GRANTED, REFUSED = "ok", "geweigerd"


def _refusal() -> AccessDenied:
    # the same words whether the case exists or not: a refusal tells nothing about it
    return AccessDenied(
        "Deze casus bestaat niet of u heeft er geen toegang toe. Vraag de eigenaar of uw "
        "teamleider om toegang, of gebruik noodtoegang als het echt niet anders kan.",
    )


@dataclass(frozen=True)
class Principal:
    """Who is acting, as the access log names them, and what that gives them.

    ``everything`` is personal mode and the server's own command line: one
    person, all cases, still logged. ``signed_in`` means the identity came from
    the organisation's provider, so it is also the author of every change.
    """

    user: str
    role: str
    user_id: str = ""
    name: str = ""
    team_ids: tuple[str, ...] = ()
    everything: bool = False
    signed_in: bool = False
    session: str = ""
    on_behalf: str = ""

    @classmethod
    def personal(cls, name: str = "", session: str = "") -> Principal:
        """The one user of a laptop: the OS account, with the name typed in the sidebar."""
        account = _os_user()
        shown = f"{name} ({account}, lokaal)" if name else f"{account} (lokaal)"
        return cls(shown, "persoonlijk", name=name, everything=True, session=session)

    @classmethod
    def command_line(cls, name: str = "") -> Principal:
        account = _os_user()
        shown = f"{name} ({account}, opdrachtregel)" if name else f"{account} (opdrachtregel)"
        return cls(shown, "opdrachtregel", name=name, everything=True, session="cli")

    @classmethod
    def of(cls, db, user: User, session: str = "") -> Principal:
        """A registered, signed-in user with their teams."""
        return cls(
            user.email,
            user.role.value,
            user_id=user.id,
            name=user.display,
            team_ids=tuple(team.id for team in users.teams_of(db, user.id)),
            signed_in=True,
            session=session,
        )

    @property
    def is_admin(self) -> bool:
        return self.everything or self.role == Role.BEHEERDER


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container without a passwd entry
        return "onbekend"


def _now() -> datetime:
    return datetime.now(UTC)


def _guarded(action: Action, by: str = "case") -> Callable:
    """Wrap a Store method: check the case it touches, run it, log it (changes atomically)."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: GuardedStore, ref: str, *args: Any, **kwargs: Any) -> Any:
            if self._depth:  # a store method calling another: checked already
                return method(self, ref, *args, **kwargs)
            case_id = self._snapshot_case(ref) if by == "snapshot" else ref
            row, reason = self._check(case_id, action)
            if self.principal.signed_in and action != Action.VIEW:
                kwargs["author"] = self.principal.name  # the signed-in identity, not a typed name
            self._depth += 1
            try:
                if action == Action.VIEW:
                    result = method(self, ref, *args, **kwargs)
                    self._log(action, row, detail=f"grond: {reason}", dedupe=True)
                    return result
                with self._transaction():
                    result = method(self, ref, *args, **kwargs)
                    self._log(action, row, detail=f"{method.__name__}; grond: {reason}")
                return result
            finally:
                self._depth -= 1

        return wrapper

    return decorate


class GuardedStore(Store):
    """The store as ``principal`` may use it; every event goes into the access log.

    ``part`` names the page or lens in the log lines of this store's reads;
    ``seen`` (one dict per browser session) makes repeated views of the same
    part of a case within :data:`VIEW_WINDOW_SECONDS` one line, since a page
    runs again on every click.
    """

    def __init__(
        self,
        path: str | Path | None,
        principal: Principal,
        *,
        part: str = "",
        seen: dict | None = None,
    ) -> None:
        super().__init__(path)
        self.principal = principal
        self.part = part
        self.seen = seen if seen is not None else {}
        self._depth = 0
        self.unlogged = 0  # events that a read-only database could not take

    # ------------------------------------------------------------ the check
    def _access_row(self, case_id: str) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM case_access WHERE case_id = ?", [case_id])
        return rows[0] if rows else {"owner_id": "", "team_id": "", "training": 0}

    def may_open(self, case_id: str) -> str | None:
        """Why the principal may open this case ('eigenaar', 'team', ...), or None."""
        who = self.principal
        if who.everything:
            return "persoonlijk" if who.role == "persoonlijk" else "opdrachtregel"
        if not who.user_id:
            return None
        access = self._access_row(case_id)
        if who.role == Role.STUDENT and not access["training"]:
            return None
        if access["owner_id"] == who.user_id:
            return "eigenaar"
        if self.db.execute(
            "SELECT 1 FROM case_shares WHERE case_id = ? AND user_id = ?", [case_id, who.user_id]
        ).fetchone():
            return "gedeeld"
        if access["team_id"] and access["team_id"] in who.team_ids:
            if who.role == Role.TEAMLEIDER:
                return "teamleider"
            if who.role in (Role.CASEMANAGER, Role.STUDENT):
                policy = self.db.execute(
                    "SELECT policy FROM teams WHERE id = ?", [access["team_id"]]
                ).fetchone()
                if policy and policy[0] == TeamPolicy.TEAM:
                    return "team"
        since = (_now() - timedelta(hours=BREAK_GLASS_HOURS)).isoformat()
        if self.db.execute(
            "SELECT 1 FROM break_glass WHERE case_id = ? AND user_id = ? AND at >= ?",
            [case_id, who.user_id, since],
        ).fetchone():
            return "noodtoegang"
        return None

    def _check(self, ref: str, action: Action, part: str | None = None) -> tuple[dict, str]:
        """The case row and the reason access is granted; AccessDenied (logged) otherwise."""
        try:
            row = self._case_row(ref)
        except NotFound:
            self._log(action, {"id": "", "code": str(ref)[:80]}, REFUSED, "onbekende casus", part)
            raise _refusal() from None
        reason = self.may_open(row["id"])
        if reason is None:
            self._log(action, row, REFUSED, "geen recht", part)
            raise _refusal()
        return row, reason

    def _snapshot_case(self, snapshot_id: str) -> str:
        found = self.db.execute(
            "SELECT case_id FROM snapshots WHERE id = ?", [snapshot_id]
        ).fetchone()
        if not found:
            raise NotFound(
                "Momentopname '{snapshot_id}' bestaat niet (meer).",
                snapshot_id=snapshot_id,
            )
        return found[0]

    # ------------------------------------------------------------ the log
    def _log(
        self,
        action: Action | str,
        case: dict[str, Any] | None = None,
        outcome: str = GRANTED,
        detail: str = "",
        part: str | None = None,
        *,
        dedupe: bool = False,
    ) -> None:
        part = self.part if part is None else part
        case = case or {}
        if dedupe:
            key = (case.get("id", ""), str(action), part)
            last = self.seen.get(key)
            if last is not None and time.monotonic() - last < VIEW_WINDOW_SECONDS:
                return
            self.seen[key] = time.monotonic()
        who = self.principal
        if self.read_only:
            # a database on read-only media cannot take a log line: the operator on the
            # command line may still read it (and is told); nobody else may
            if who.everything:
                self.unlogged += 1
                return
            raise StoreUnavailable(
                "Deze database staat op een medium waarop niet geschreven kan worden, dus "
                "toegang kan niet worden vastgelegd. Open hem op de opdrachtregel.",
            )
        log.append(
            self.db,
            log.Entry(
                user=who.user,
                role=who.role,
                on_behalf=who.on_behalf,
                case_id=case.get("id", ""),
                case_code=case.get("code", ""),
                action=str(action),
                part=part,
                session=who.session,
                outcome=outcome,
                detail=detail[:500],
            ),
        )

    def record(
        self, action: Action, *, outcome: str = GRANTED, detail: str = "", once: bool = False
    ) -> None:
        """Log an event that concerns no case: sign-in, sign-out, the case list.

        ``once`` writes it once per session (a sign-in is not repeated on every click).
        """
        if once:
            key = ("", str(action), "once")
            if key in self.seen:
                return
            self.seen[key] = time.monotonic()
        self._log(action, None, outcome, detail, part="")

    def grant(self, ref: str, action: Action, part: str | None = None, detail: str = "") -> Case:
        """Ask for an event a page does itself (an export, the report, meeting mode).

        Checks the case, writes the line, returns the case; AccessDenied otherwise.
        """
        row, reason = self._check(ref, action, part)
        self._log(action, row, GRANTED, f"{detail}; grond: {reason}".lstrip("; "), part)
        return Store.get_case(self, row["id"])

    # ------------------------------------------------------------ reading
    def list_cases(self, search: str = "", include_archived: bool = False) -> list[Case]:
        """The cases the principal may open (the others are not even named)."""
        found = [
            case
            for case in super().list_cases(search, include_archived)
            if self.may_open(case.id) is not None
        ]
        self._log(Action.LIST, None, GRANTED, f"{len(found)} casussen", dedupe=True)
        return found

    get_case = _guarded(Action.VIEW)(Store.get_case)
    load = _guarded(Action.VIEW)(Store.load)
    load_reusing = _guarded(Action.VIEW)(Store.load_reusing)
    history = _guarded(Action.VIEW)(Store.history)
    snapshots = _guarded(Action.VIEW)(Store.snapshots)
    get_snapshot = _guarded(Action.VIEW, by="snapshot")(Store.get_snapshot)
    snapshot_data = _guarded(Action.VIEW, by="snapshot")(Store.snapshot_data)

    # ------------------------------------------------------------ changing
    update_case = _guarded(Action.CHANGE)(Store.update_case)
    set_archived = _guarded(Action.CHANGE)(Store.set_archived)
    replace_case = _guarded(Action.RESTORE)(Store.replace_case)
    save = _guarded(Action.CHANGE)(Store.save)
    save_many = _guarded(Action.CHANGE)(Store.save_many)
    delete = _guarded(Action.CHANGE)(Store.delete)
    set_position = _guarded(Action.CHANGE)(Store.set_position)
    clear_positions = _guarded(Action.CHANGE)(Store.clear_positions)
    snapshot = _guarded(Action.SNAPSHOT)(Store.snapshot)
    delete_snapshot = _guarded(Action.SNAPSHOT, by="snapshot")(Store.delete_snapshot)

    def create_case(self, code: str, title: str, *, training: bool = False, **kwargs) -> Case:
        """A new case owned by the principal, in their (first) team."""
        return self._new_case(
            training, lambda: super(GuardedStore, self).create_case(code, title, **kwargs), kwargs
        )

    def import_case(self, data: CaseData, *, training: bool = False, **kwargs) -> Case:
        """A copy of ``data`` as a new case owned by the principal."""
        return self._new_case(
            training,
            lambda: super(GuardedStore, self).import_case(data, **kwargs),
            kwargs,
            Action.IMPORT,
            f"{len(data.entities)} personen en systemen",
        )

    def _new_case(
        self,
        training: bool,
        make: Callable[[], Case],
        kwargs: dict[str, Any],
        action: Action = Action.CREATE,
        detail: str = "",
    ) -> Case:
        """Make a case with ``make`` and, in the same transaction, own it and log it."""
        self._may_create(training)
        if self.principal.signed_in or "author" not in kwargs:
            kwargs["author"] = self.principal.name  # ``make`` reads the same dict
        with self._transaction():
            self._depth += 1
            try:
                case = make()
            finally:
                self._depth -= 1
            self._own(case.id, training)
            self._log(action, {"id": case.id, "code": case.code}, detail=detail)
        return case

    def _may_create(self, training: bool) -> None:
        who = self.principal
        if who.everything or who.role in (Role.CASEMANAGER, Role.TEAMLEIDER):
            return
        if who.role == Role.STUDENT and training:
            return
        self._log(Action.CREATE, None, REFUSED, "rol mag geen casus aanmaken")
        if who.role == Role.STUDENT:
            raise AccessDenied(
                "Met uw rol kunt u hier geen casus aanmaken. Als student kunt u een oefencasus "
                "starten."
            )
        raise AccessDenied("Met uw rol kunt u hier geen casus aanmaken.")

    def _own(self, case_id: str, training: bool) -> None:
        who = self.principal
        team = who.team_ids[0] if who.team_ids else ""
        training = training or who.role == Role.STUDENT
        self.db.execute(
            "INSERT OR REPLACE INTO case_access (case_id, owner_id, team_id, training) "
            "VALUES (?, ?, ?, ?)",
            [case_id, who.user_id, team, int(training)],
        )

    def delete_case(self, case_id: str, reason: str = "") -> None:
        """Delete a case (owner, teamleider or personal mode); its log lines stay."""
        why = reason
        row, reason = self._check(case_id, Action.DELETE)
        if reason not in ("persoonlijk", "opdrachtregel", "eigenaar", "teamleider"):
            self._log(
                Action.DELETE, row, REFUSED, f"alleen eigenaar of teamleider; grond: {reason}"
            )
            raise AccessDenied(
                "Alleen de eigenaar of de teamleider kan deze casus verwijderen.",
            )
        with self._transaction():
            super().delete_case(row["id"])
            self._log(Action.DELETE, row, GRANTED, f"{why}; grond: {reason}".lstrip("; "))

    # ------------------------------------------------------------ sharing and noodtoegang
    def case_access(self, ref: str) -> dict[str, Any]:
        """Owner, team and shares of a case (for the Toegang page), checked and logged."""
        row, _reason = self._check(ref, Action.VIEW, "toegang")
        access = self._access_row(row["id"])
        owner = users.find_user(self.db, user_id=access["owner_id"]) if access["owner_id"] else None
        team = (
            self._rows("SELECT * FROM teams WHERE id = ?", [access["team_id"]])
            if access["team_id"]
            else []
        )
        shared = self._rows(
            "SELECT u.email, u.name, s.granted_by, s.at FROM case_shares s "
            "JOIN users u ON u.id = s.user_id WHERE s.case_id = ? ORDER BY u.email",
            [row["id"]],
        )
        return {
            "owner": owner,
            "team": team[0]["name"] if team else "",
            "training": bool(access["training"]),
            "shared": shared,
        }

    def _may_manage(self, row: dict[str, Any]) -> bool:
        who = self.principal
        if who.everything or who.role == Role.BEHEERDER:
            return True
        access = self._access_row(row["id"])
        if access["owner_id"] == who.user_id:
            return True
        return who.role == Role.TEAMLEIDER and access["team_id"] in who.team_ids

    def _managed(self, ref: str, what: str) -> dict[str, Any]:
        try:
            row = self._case_row(ref)
        except NotFound:
            raise _refusal() from None
        if not self._may_manage(row):
            self._log(Action.SHARE, row, REFUSED, what)
            raise AccessDenied(
                "Alleen de eigenaar, de teamleider of de beheerder kan dit regelen.",
            )
        return row

    def share(self, ref: str, email: str, shared: bool = True) -> None:
        """Share a case with a colleague (or stop sharing it)."""
        row = self._managed(ref, f"delen met {email}")
        user = users.get_user(self.db, email)
        with self._transaction():
            if shared:
                self.db.execute(
                    "INSERT OR REPLACE INTO case_shares (case_id, user_id, granted_by, at) "
                    "VALUES (?, ?, ?, ?)",
                    [row["id"], user.id, self.principal.user, log.now()],
                )
            else:
                self.db.execute(
                    "DELETE FROM case_shares WHERE case_id = ? AND user_id = ?",
                    [row["id"], user.id],
                )
            self._log(
                Action.SHARE,
                row,
                detail=("gedeeld met " if shared else "niet meer gedeeld met ") + user.email,
            )

    def assign(self, ref: str, *, owner: str | None = None, team: str | None = None) -> None:
        """Hand a case over to another owner and/or team."""
        row = self._managed(ref, "overdragen")
        access = self._access_row(row["id"])
        owner_id = users.get_user(self.db, owner).id if owner else access["owner_id"]
        team_id = users.find_team(self.db, team).id if team else access["team_id"]
        with self._transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO case_access (case_id, owner_id, team_id, training) "
                "VALUES (?, ?, ?, ?)",
                [row["id"], owner_id, team_id, access["training"]],
            )
            self._log(
                Action.SHARE,
                row,
                detail=f"overgedragen: eigenaar {owner or '='}, team {team or '='}",
            )

    def break_glass(self, code: str, reason: str) -> Case:
        """Noodtoegang: open a case one may not open, for a stated reason; logged and shown."""
        who = self.principal
        reason = without_bidi(reason).strip()
        if len(reason) < MIN_REASON:
            raise InvalidInput(
                "Geef een reden van ten minste {min_reason} tekens: waarom is toegang nu nodig?",
                min_reason=MIN_REASON,
            )
        try:
            row = self._case_row(code.strip())
        except NotFound:
            self._log(Action.BREAK_GLASS, {"code": code[:80]}, REFUSED, "onbekende casus")
            raise _refusal() from None
        if who.everything or not who.user_id or who.role in (Role.STUDENT, Role.BEHEERDER):
            self._log(Action.BREAK_GLASS, row, REFUSED, f"rol {who.role}; reden: {reason}")
            raise AccessDenied(
                "Met uw rol is noodtoegang niet mogelijk.",
            )
        with self._transaction():
            self.db.execute(
                "INSERT INTO break_glass (case_id, user_id, reason, at) VALUES (?, ?, ?, ?)",
                [row["id"], who.user_id, reason[:1000], log.now()],
            )
            self._log(Action.BREAK_GLASS, row, GRANTED, f"reden: {reason[:400]}")
        return Store.get_case(self, row["id"])

    def break_glass_events(self) -> list[dict[str, Any]]:
        """Noodtoegang the principal should know of: to their own cases and, for a
        teamleider, in their teams; everything for the beheerder. Newest first."""
        who = self.principal
        sql = (
            "SELECT b.at, b.reason, u.email AS user, c.code, c.id AS case_id "
            "FROM break_glass b JOIN cases c ON c.id = b.case_id "
            "LEFT JOIN users u ON u.id = b.user_id "
            "LEFT JOIN case_access a ON a.case_id = b.case_id"
        )
        params: list[Any] = []
        if not who.is_admin:
            teams = list(who.team_ids) if who.role == Role.TEAMLEIDER else []
            marks = ", ".join("?" for _ in teams) or "''"
            sql += f" WHERE a.owner_id = ? OR a.team_id IN ({marks})"
            params = [who.user_id, *teams]
        return self._rows(sql + " ORDER BY b.at DESC LIMIT 200", params)

    # ------------------------------------------------------------ reading the log
    def case_log(self, ref: str, since: str = "", until: str = "") -> list[log.Line]:
        """'Wie heeft dit dossier ingezien': the case's lines (owner, teamleider, beheerder)."""
        try:
            row = self._case_row(ref)
        except NotFound:
            # a deleted case's lines stay: the beheerder reads them by code or id
            if not self.principal.is_admin:
                raise _refusal() from None
            row = {"id": ref, "code": ref}
            found = [
                line
                for line in log.lines(self.db, since=since, until=until)
                if ref in (line.case_id, line.case_code)
            ]
            self._log(Action.READ_LOG, row, detail="verwijderde casus", part="toegangslog")
            return found
        if not (self.principal.is_admin or self._may_manage(row)):
            self._log(Action.READ_LOG, row, REFUSED, part="toegangslog")
            raise AccessDenied(
                "Het toegangslog van deze casus is voor de eigenaar, de teamleider en de "
                "beheerder.",
            )
        period = f"{since}..{until}" if since or until else "alles"
        self._log(Action.READ_LOG, row, part="toegangslog", detail=period)
        return log.lines(self.db, case_id=row["id"], since=since, until=until)

    def user_log(self, user: str, since: str = "", until: str = "") -> list[log.Line]:
        """Everything one user did (for the privacy officer): beheerder only."""
        if not self.principal.is_admin:
            self._log(Action.READ_LOG, None, REFUSED, f"gebruiker {user}", part="toegangslog")
            raise AccessDenied(
                "Alleen de beheerder leest het toegangslog per gebruiker.",
            )
        self._log(
            Action.READ_LOG, None, detail=f"gebruiker {user}; {since}..{until}", part="toegangslog"
        )
        return log.lines(self.db, user=user, since=since, until=until)

    # ------------------------------------------------------------ beheer
    @contextmanager
    def administering(self, what: str) -> Iterator[Any]:
        """Manage users and teams (beheerder or command line); the change is logged."""
        if not self.principal.is_admin:
            self._log(Action.ADMIN, None, REFUSED, what)
            raise AccessDenied(
                "Alleen de beheerder beheert gebruikers en teams.",
            )
        yield self.db
        self._log(Action.ADMIN, None, GRANTED, what)


__all__ = ["AccessDenied", "Action", "BREAK_GLASS_HOURS", "GuardedStore", "Principal"]
