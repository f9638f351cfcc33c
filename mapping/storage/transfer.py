"""Move a whole casemap database to another one (a SQLite file to PostgreSQL) and check it.

Every table is copied row by row with its ids: cases and their content,
history, snapshots, positions, users, teams, shares, noodtoegang, the access
log with its hash chain (and its anchor), and any table a newer part of
casemap keeps (the sociale kaart). Then it is checked, case by case (the
case's exchange document, its history and its snapshots read back from both
sides must be the same) and table by table (the number of rows and a hash
of their content).

>>> from mapping.storage.store import Store
>>> with Store(":memory:") as old, Store(":memory:") as new:
...     case = old.create_case("WT-1", "Gezin K.")
...     tables = copy_database(old, new)
...     [(check.code, check.ok) for check in verify_cases(old, new)]
[('WT-1', True)]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mapping.core.errors import InvalidInput
from mapping.formats import exchange
from mapping.storage import backends
from mapping.storage.backends import dialect

#: Tables the migrations keep for themselves: never copied (each side has its own).
_OWN = {"_sqlite_migrations", backends.MIGRATIONS_TABLE}
#: Tables whose rows say the target is in use already.
_CONTENT = ("cases", "users", "teams", "access_log")


def tables(store: Any) -> list[str]:
    """The store's tables, each after the tables its foreign keys point at."""
    if dialect(store.db) == "postgresql":
        names = [n for n in store.db.table_names() if n not in _OWN]
        refs = {name: set() for name in names}
        for table, target in store.db.run(
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE c.contype = 'f' AND n.nspname = current_schema()"
        ):
            if table in refs:
                refs[table].add(target)
    else:
        names = [
            row[0]
            for row in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY rowid"
            )
            if row[0] not in _OWN
        ]
        refs = {
            name: {row[2] for row in store.db.execute(f'PRAGMA foreign_key_list("{name}")')}
            for name in names
        }
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...] = ()) -> None:
        if name in ordered or name in path or name not in refs:
            return
        for target in sorted(refs[name]):
            if target != name:
                visit(target, (*path, name))
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _columns(store: Any, table: str) -> list[str]:
    return [d[0] for d in store.db.execute(f'SELECT * FROM "{table}" LIMIT 0').description]


def in_use(store: Any) -> list[str]:
    """The tables of ``store`` that hold rows already (of those that mean it is in use)."""
    present = set(tables(store))
    return [
        t
        for t in _CONTENT
        if t in present and store.db.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()
    ]


def copy_database(source: Any, target: Any) -> dict[str, int]:
    """Copy every row of ``source`` into the empty, migrated ``target``, in one transaction.

    Returns the rows copied per table. The target must know every table of
    the source (the same casemap or a newer one: both were opened, so both
    have had every migration this casemap knows). Identity counters on
    PostgreSQL continue after the highest id copied.
    """
    wanted = tables(source)
    known = set(tables(target))
    missing = [t for t in wanted if t not in known]
    if missing:
        raise InvalidInput(
            "De doeldatabase kent de tabel(len) {tables} niet. Werk casemap op de server bij en "
            "probeer het opnieuw; er is niets overgezet.",
            tables=", ".join(missing),
        )
    copied: dict[str, int] = {}
    with target._transaction():
        for table in wanted:
            columns = [c for c in _columns(source, table) if c in set(_columns(target, table))]
            names = ", ".join(f'"{c}"' for c in columns)
            cursor = source.db.execute(f'SELECT {names} FROM "{table}"')
            sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
            count = 0
            while rows := cursor.fetchmany(2000):
                if dialect(target.db) == "postgresql":
                    with target.db.raw.cursor() as bulk:
                        bulk.executemany(backends.translate(sql), rows)
                else:
                    target.db.conn.executemany(sql, rows)
                count += len(rows)
            copied[table] = count
        if dialect(target.db) == "postgresql":
            _continue_identities(target)
    return copied


def _continue_identities(target: Any) -> None:
    for table, column in target.db.run(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ).fetchall():
        if table in _OWN:
            continue
        target.db.run(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
        )


@dataclass(frozen=True)
class CaseCheck:
    """One case compared on both sides."""

    code: str
    ok: bool
    people: int = 0
    relations: int = 0
    snapshots: int = 0
    changes: int = 0
    problem: str = ""


def _case_parts(store: Any, case_id: str) -> tuple[str, list, list]:
    data = store.load(case_id)
    document = json.loads(exchange.dump_case(data))
    history = [(c.revision, c.at, c.author, c.summary) for c in store.history(case_id, 10**9)]
    snapshots = [(s.id, s.label, s.taken, s.document) for s in store.snapshots(case_id)]
    return json.dumps(document, sort_keys=True), history, snapshots


def verify_cases(source: Any, target: Any) -> Iterator[CaseCheck]:
    """Each case of ``source`` read back from ``target``: the same document, history, snapshots."""
    for case in source.list_cases(include_archived=True):
        try:
            theirs = _case_parts(target, case.id)
        except Exception as err:  # NotFound, or a row that no longer reads: say which case
            yield CaseCheck(case.code, False, problem=str(err))
            continue
        ours = _case_parts(source, case.id)
        problem = next(
            (
                what
                for what, a, b in zip(
                    ("de casus", "de historie", "de momentopnamen"), ours, theirs, strict=True
                )
                if a != b
            ),
            "",
        )
        data = json.loads(ours[0])
        people = sum(1 for e in data.get("entities", []) if e.get("kind") == "person")
        yield CaseCheck(
            case.code,
            not problem,
            people,
            len(data.get("relations", [])),
            len(ours[2]),
            len(ours[1]),
            f"{problem} verschilt" if problem else "",
        )


def table_digest(store: Any, table: str) -> tuple[int, str]:
    """(rows, sha256 of their content) of one table, the same on either backend."""
    columns = sorted(_columns(store, table))
    names = ", ".join(f'"{c}"' for c in columns)
    rows = [
        json.dumps([_plain(v) for v in row], ensure_ascii=False)
        for row in store.db.execute(f'SELECT {names} FROM "{table}"')
    ]
    rows.sort()
    digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
    return len(rows), digest


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def empty_database(store: Any) -> None:
    """Drop every table of a PostgreSQL ``store`` (``migrate-db --replace``); reopen it to migrate.

    A SQLite target is a new file instead: this refuses one.
    """
    if dialect(store.db) != "postgresql":
        raise InvalidInput(
            "Alleen een PostgreSQL-doel kan worden leeggemaakt; kies een nieuw bestand."
        )
    with store.db.conn:
        for table in store.db.table_names():
            store.db.run(f'DROP TABLE IF EXISTS "{table}" CASCADE')
        store.db.run("DROP FUNCTION IF EXISTS access_log_append_only() CASCADE")
