"""The access log (NEN 7513): who saw or changed which client's data, when and how.

Every line says when (UTC), who (user and role), on whose behalf, which case
(id and code, kept after the case is deleted), which action, which part (a
page or a lens), which session, and whether access was granted. Lines are
append-only (SQLite triggers refuse UPDATE and DELETE) and tamper-evident:
each line's ``hash`` is SHA-256 over its own fields and the previous line's
hash, so :func:`verify` finds a line that was changed, removed or moved.

A retention purge (:func:`purge`) removes the oldest lines and records an
anchor (the last removed line's id and hash), from which the chain goes on.

>>> import sqlite3
>>> from mapping.storage.store import Store
>>> with Store(":memory:") as store:
...     _ = append(store.db, Entry(user="anna@wijkteam.nl", action="casus openen", case_code="WT-1"))
...     _ = append(store.db, Entry(user="anna@wijkteam.nl", action="kaart bekijken", part="genogram"))
...     verify(store.db).ok, [line.action for line in lines(store.db)]
(True, ['kaart bekijken', 'casus openen'])
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mapping.storage.store import begin_immediate

#: The hash before the first line of a fresh log.
GENESIS = "0" * 64

#: What a line records, in this order; the hash covers all of them.
_FIELDS = (
    "at",
    "user",
    "role",
    "on_behalf",
    "case_id",
    "case_code",
    "action",
    "part",
    "session",
    "outcome",
    "detail",
)


@dataclass(frozen=True)
class Entry:
    """One access event before it is written (``at`` is filled in when empty)."""

    user: str
    action: str
    role: str = ""
    on_behalf: str = ""
    case_id: str = ""
    case_code: str = ""
    part: str = ""
    session: str = ""
    outcome: str = "ok"
    detail: str = ""
    at: str = ""


@dataclass(frozen=True)
class Line(Entry):
    """One written line of the log, with its place and hashes."""

    id: int = 0
    prev_hash: str = ""
    hash: str = ""


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify`: ``ok``, lines checked, and the first bad line."""

    ok: bool
    checked: int
    bad_id: int | None = None
    reason: str = ""


def now() -> str:
    """UTC, to the microsecond, ISO 8601: lines of one second stay in order when read."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def line_hash(prev_hash: str, values: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the line's fields (unit separators between)."""
    text = "\x1f".join([prev_hash, *(str(values.get(name, "")) for name in _FIELDS)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _head(db) -> str:
    row = db.execute("SELECT hash FROM access_log ORDER BY id DESC LIMIT 1").fetchone()
    if row:
        return row[0]
    anchor = db.execute(
        "SELECT last_hash FROM access_log_anchor ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return anchor[0] if anchor else GENESIS


def append(db, entry: Entry) -> str:
    """Write ``entry`` as the next line of the chain; returns its hash.

    Runs in the caller's transaction when there is one (a change and its log
    line commit together); otherwise in its own ``BEGIN IMMEDIATE``, which
    serialises writers, so two processes never fork the chain.
    """
    values = asdict(entry)
    values["at"] = values["at"] or now()
    conn = db.conn
    own = not conn.in_transaction
    if own:
        begin_immediate(conn)
    try:
        prev = _head(db)
        digest = line_hash(prev, values)
        columns = [*_FIELDS, "prev_hash", "hash"]
        conn.execute(
            f"INSERT INTO access_log ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [*(values[name] for name in _FIELDS), prev, digest],
        )
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return digest


def _line(row: dict[str, Any]) -> Line:
    names = {f.name for f in fields(Line)}
    return Line(**{k: v for k, v in row.items() if k in names})


def lines(
    db,
    *,
    case_id: str | None = None,
    user: str | None = None,
    since: str = "",
    until: str = "",
    limit: int | None = None,
) -> list[Line]:
    """Lines newest first, for one case and/or one user, in a period (ISO dates, inclusive)."""
    sql, params = "SELECT * FROM access_log WHERE 1", []
    if case_id is not None:
        sql += " AND case_id = ?"
        params.append(case_id)
    if user is not None:
        sql += " AND user = ? COLLATE NOCASE"
        params.append(user)
    if since:
        sql += " AND at >= ?"
        params.append(since)
    if until:
        # a date "2026-12-04" includes the whole day
        sql += " AND at < ?"
        params.append((date.fromisoformat(until[:10]) + timedelta(days=1)).isoformat())
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [_line(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def verify(db) -> Verification:
    """Walk the chain from the anchor (or the start); the first line that does not fit is bad.

    A changed line no longer matches its own hash; a removed or moved line
    breaks the link from the next line's ``prev_hash``; a line removed from
    the end is found by :func:`head` compared with a copy kept elsewhere.
    """
    anchor = db.execute(
        "SELECT last_id, last_hash FROM access_log_anchor ORDER BY id DESC LIMIT 1"
    ).fetchone()
    after, prev = (anchor[0], anchor[1]) if anchor else (0, GENESIS)
    cursor = db.execute("SELECT * FROM access_log ORDER BY id")
    names = [d[0] for d in cursor.description]
    checked = 0
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        if values["id"] <= after:
            return Verification(False, checked, values["id"], "regel vóór het anker")
        if values["prev_hash"] != prev:
            return Verification(
                False, checked, values["id"], "de keten is onderbroken (regel weg of verplaatst)"
            )
        if line_hash(prev, values) != values["hash"]:
            return Verification(False, checked, values["id"], "de regel is gewijzigd")
        prev = values["hash"]
        checked += 1
    return Verification(True, checked)


def head(db) -> tuple[int, str]:
    """(id, hash) of the newest line: keep it elsewhere to notice lines cut off at the end."""
    row = db.execute("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, _head(db))


def purge(db, older_than_days: int) -> int:
    """Remove lines older than ``older_than_days`` (retention); returns how many.

    The chain stays verifiable: an anchor keeps the last removed line's id
    and hash, and the purge itself is the caller's to log.
    """
    cutoff = (datetime.now(UTC) - timedelta(days=older_than_days)).isoformat()
    conn = db.conn
    begin_immediate(conn)
    try:
        row = db.execute(
            "SELECT MAX(id), COUNT(*) FROM access_log WHERE at < ?", [cutoff]
        ).fetchone()
        last_id, count = row[0], row[1]
        if last_id:
            last_hash = db.execute(
                "SELECT hash FROM access_log WHERE id = ?", [last_id]
            ).fetchone()[0]
            count = db.execute(
                "SELECT COUNT(*) FROM access_log WHERE id <= ?", [last_id]
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO access_log_anchor (last_id, last_hash, removed, at) VALUES (?, ?, ?, ?)",
                [last_id, last_hash, count, now()],
            )
            conn.execute("DELETE FROM access_log WHERE id <= ?", [last_id])
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return count if last_id else 0


#: Column headings of an exported log, in Dutch (a client's request is answered in Dutch).
CSV_HEADINGS = {
    "at": "tijdstip (UTC)",
    "user": "gebruiker",
    "role": "rol",
    "on_behalf": "namens",
    "case_code": "casus",
    "action": "handeling",
    "part": "onderdeel",
    "outcome": "uitkomst",
    "detail": "toelichting",
    "session": "sessie",
}


def to_csv(found: list[Line]) -> str:
    """The lines as CSV (semicolons, for Dutch Excel), oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_HEADINGS.values())
    for line in reversed(found):
        writer.writerow(_csv_safe(getattr(line, name)) for name in CSV_HEADINGS)
    return out.getvalue()


def _csv_safe(value: Any) -> str:
    """No spreadsheet formulas from names someone typed ('=HYPERLINK(...)')."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
