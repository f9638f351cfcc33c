"""The two databases the store runs on: a SQLite file (sqlite-utils) or PostgreSQL (psycopg 3).

The store and the access module write one dialect: SQLite's, with ``?``
placeholders. On SQLite that SQL runs as it is. On PostgreSQL
:class:`PgDatabase` stands where the ``sqlite_utils.Database`` stands and
translates each statement once (:func:`translate`): ``?`` becomes ``%s``,
``INSERT OR IGNORE``/``OR REPLACE`` become ``ON CONFLICT``, ``LIKE`` (which
ignores case in SQLite) becomes ``ILIKE``, ``COLLATE NOCASE`` uses a
case-insensitive ICU collation of the same name, the column ``user`` is
quoted, and the schema's ``INTEGER PRIMARY KEY`` and ``REAL`` become an
identity column and ``DOUBLE PRECISION``.

Transactions keep SQLite's meaning: ``BEGIN IMMEDIATE`` (every change of the
store, every line of the access log) takes one transaction-scoped advisory
lock, so writers take turns as they do on one SQLite file, across every app
server sharing the database; reads never wait. The connection runs in
autocommit between those transactions, as sqlite-utils' does.

Which one is chosen by the database's name: ``postgresql://...`` (or
``postgres://``) is a server, anything else a SQLite file. A process keeps
one connection pool per server URL (psycopg_pool, ``CASEMAP_DB_POOL_SIZE``
connections at most, 20 by default); a store borrows a connection for one
statement or one transaction and gives it back at once, so an open page
holds none while it draws.

>>> is_postgres("postgresql://casemap@db.example.org/casemap"), is_postgres("data/casemap.db")
(True, False)
>>> translate("SELECT * FROM access_log WHERE 1 AND user = ? COLLATE NOCASE AND code LIKE ?")
'SELECT * FROM access_log WHERE TRUE AND "user" = %s COLLATE nocase AND code ILIKE %s'
>>> redacted("postgresql://casemap:geheim@db.example.org:5432/casemap")
'postgresql://casemap:***@db.example.org:5432/casemap'
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from mapping.core.errors import StoreUnavailable, database_busy

try:
    import psycopg
    import psycopg_pool
except ImportError:  # pragma: no cover - declared in pyproject; a broken install says so
    psycopg = None
    psycopg_pool = None

SCHEMES = ("postgresql://", "postgres://")

#: The errors of the PostgreSQL driver (empty when it is not installed).
PG_ERRORS: tuple[type[Exception], ...] = (psycopg.Error,) if psycopg else ()
#: A constraint refused a row (unique, foreign key, not null), on either backend.
PG_INTEGRITY_ERRORS: tuple[type[Exception], ...] = (psycopg.IntegrityError,) if psycopg else ()

#: The advisory lock every writing transaction takes (``BEGIN IMMEDIATE``).
WRITE_LOCK = 0x63617365  # 'case'
#: How long a writer waits for its turn (the write lock) before "De database is bezet".
WRITE_WAIT_S = 15.0
#: The table of applied migrations on PostgreSQL (sqlite-utils keeps ``_sqlite_migrations``).
MIGRATIONS_TABLE = "casemap_migrations"
#: The case-insensitive collation ``COLLATE NOCASE`` means on PostgreSQL (folded: ``nocase``).
NOCASE_COLLATION = (
    "CREATE COLLATION IF NOT EXISTS nocase "
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
)


def is_postgres(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL server rather than a SQLite file."""
    return str(target).startswith(SCHEMES)


_PASSWORD = re.compile(r"^(\w+:/{1,2}[^/:@]*:)[^@]*@")
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&]*")


def redacted(url: str) -> str:
    """``url`` without its password, for messages and logs (also a URL with one '/' lost)."""
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1***@", url))


def describe(url: str) -> dict[str, str]:
    """The server, user and database a URL names, for messages (defaults as libpq's)."""
    parts = urlsplit(url)
    host = unquote(parts.hostname or "") or os.environ.get("PGHOST", "") or "localhost"
    server = f"{host}:{parts.port}" if parts.port else host
    user = unquote(parts.username or "") or os.environ.get("PGUSER", "") or "?"
    database = unquote(parts.path.lstrip("/")) or os.environ.get("PGDATABASE", "") or user
    return {"server": server, "user": user, "database": database}


# --------------------------------------------------------------------------
# SQL: SQLite's dialect to PostgreSQL's
# --------------------------------------------------------------------------
#: String literals and quoted names pass unchanged; the rest is translated.
_TOKENS = re.compile(r"('(?:[^']|'')*')|(\"(?:[^\"]|\"\")*\")|([^'\"]+)", re.S)
_PLAIN = [
    (re.compile(r"%"), "%%"),
    (re.compile(r"\?"), "%s"),
    (re.compile(r"\bINSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\b", re.I), r"INSERT INTO"),
    (re.compile(r"(?<![\w.\"])user\b(?!\s*\()"), '"user"'),
    (re.compile(r"(?<!I)\bLIKE\b"), "ILIKE"),
    (re.compile(r"\bCOLLATE\s+NOCASE\b", re.I), "COLLATE nocase"),
    (re.compile(r"\bWHERE\s+1\b(?!\s*[=<>!])"), "WHERE TRUE"),
    (
        re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b"),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
]
_INSERT_OR = re.compile(
    r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+\"?(\w+)\"?\s*\(([^)]*)\)", re.I
)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite's ``sql`` as PostgreSQL reads it (see the module's docstring)."""
    out = []
    for literal, name, plain in _TOKENS.findall(sql):
        if plain:
            for pattern, replacement in _PLAIN:
                plain = pattern.sub(replacement, plain)
            out.append(plain)
        else:  # psycopg reads every % of a statement with parameters, quoted or not
            out.append((literal or name).replace("%", "%%"))
    return "".join(out)


def _param(value: Any) -> Any:
    # SQLite stores a bool as 0/1 in an INTEGER column; PostgreSQL refuses a boolean there
    return int(value) if isinstance(value, bool) else value


# --------------------------------------------------------------------------
# A PostgreSQL connection that reads like sqlite-utils' Database
# --------------------------------------------------------------------------
class PgConnection:
    """What the store uses of ``sqlite3.Connection``: ``execute``, ``in_transaction``, ``with``."""

    def __init__(self, database: PgDatabase) -> None:
        self._database = weakref.proxy(database)  # no cycle: a dropped store is freed at once
        self._own: list[bool] = []

    @property
    def in_transaction(self) -> bool:
        return self._database.in_transaction

    def execute(self, sql: str, params: Any = None):
        words = sql.split()
        if words and words[0].upper() == "BEGIN":
            self._database.begin(
                write=len(words) > 1 and words[1].upper() in ("IMMEDIATE", "EXCLUSIVE")
            )
            return None
        return self._database.execute(sql, params)

    def commit(self) -> None:
        if self.in_transaction:
            self._database.run("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._database.run("ROLLBACK")

    def __enter__(self) -> PgConnection:
        # sqlite3's ``with conn:`` commits what the block wrote; here the block is
        # one writing transaction of its own unless it runs inside the caller's
        own = not self.in_transaction
        if own:
            self._database.begin(write=True)
        self._own.append(own)
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        if self._own.pop():
            if exc_type is None:
                self.commit()
            else:
                self.rollback()


class _Result:
    """A finished query's rows, still readable after its connection went back to the pool."""

    def __init__(self, cursor: Any) -> None:
        self.description = cursor.description
        self.rowcount = cursor.rowcount
        self._rows = cursor.fetchall() if cursor.description is not None else []
        self._at = 0

    def fetchone(self) -> Any:
        rows = self.fetchmany(1)
        return rows[0] if rows else None

    def fetchmany(self, size: int = 1) -> list[Any]:
        rows = self._rows[self._at : self._at + size]
        self._at += len(rows)
        return rows

    def fetchall(self) -> list[Any]:
        return self.fetchmany(len(self._rows))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


#: (server URL, table) -> its primary key's columns, for ``INSERT OR REPLACE``.
_CONFLICT_KEYS: dict[tuple[str, str], list[str]] = {}


class PgDatabase:
    """A PostgreSQL database used the way the store uses ``sqlite_utils.Database``.

    ``execute(sql, params)`` takes SQLite's SQL with ``?`` and returns a
    cursor (``fetchone``, ``fetchall``, ``fetchmany``, ``description``,
    ``rowcount``, iteration). A connection is borrowed from the pool for one
    statement, or for a whole transaction, and given back right after: a
    page that keeps its store open while it draws holds no connection, and
    one that never closes it loses none.
    """

    dialect = "postgresql"

    def __init__(self, url: str, pool: Any) -> None:
        self.url, self._pool = url, pool
        self._held: Any = None  # the connection of the open transaction (or pinned by .raw)
        self._pinned = False
        self._give_back: Any = None
        self._savepoints = 0
        self.conn = PgConnection(self)

    # ------------------------------------------------------------ connections
    def _take(self) -> Any:
        if self._held is None:
            try:
                raw = self._pool.getconn(timeout=POOL_TIMEOUT)
            except psycopg_pool.PoolTimeout as err:
                raise self._unavailable(err) from err
            self._held = raw
            # given back (rolled back first) on release, or when the store is dropped
            self._give_back = weakref.finalize(self, _give_back, self._pool, raw)
        return self._held

    def _release(self, *, force: bool = False) -> None:
        held = self._held
        if held is None or (self._pinned and not force):
            return
        if force or held.closed or held.info.transaction_status == _IDLE:
            self._held = None
            self._give_back()

    @property
    def raw(self) -> Any:
        """The psycopg connection itself: the transaction's, else one kept until :meth:`close`."""
        if not self.in_transaction:
            self._pinned = True
        return self._take()

    @property
    def in_transaction(self) -> bool:
        held = self._held
        return held is not None and held.info.transaction_status != _IDLE

    def close(self) -> None:
        """Give the connection back to the pool (what was not committed is rolled back)."""
        self._pinned = False
        self._release(force=True)

    # ------------------------------------------------------------ statements
    def execute(self, sql: str, params: Any = None):
        values = [_param(v) for v in params] if params else []
        text = translate(sql)
        found = _INSERT_OR.match(sql)
        if found:
            text += self._on_conflict(found[1].upper(), found[2], found[3])
        return self.run(text, values)

    def run(self, sql: str, params: Any = None, *, again: bool = True):
        """Run PostgreSQL's own ``sql`` (not translated); a lost server is StoreUnavailable.

        A connection that died while it waited in the pool (the server was
        restarted) is noticed by the first statement on it: one that starts
        something (a read, a BEGIN) then runs once more on a fresh connection.
        """
        fresh = self._held is None
        raw = self._take()
        try:
            cursor = raw.execute(sql, params, prepare=False)
        except psycopg.OperationalError as err:
            broken = raw.closed or raw.info.transaction_status == _UNKNOWN
            self._release(force=broken)  # the pool throws a broken connection away
            if broken and fresh and again and sql.lstrip()[:6].upper() in ("SELECT", "BEGIN"):
                self._pool.check()  # its other idle connections died with this one: drop them
                return self.run(sql, params, again=False)
            raise self._unavailable(err) from err
        except BaseException:
            self._release()
            raise
        if self._held is raw and (self.in_transaction or self._pinned):
            return cursor
        result = _Result(cursor)
        self._release()
        return result

    def _unavailable(self, err: Exception) -> StoreUnavailable:
        # the server went away, or a writer waited too long for its turn: the
        # transaction is lost either way, and the page says so instead of a traceback
        if isinstance(err, psycopg.errors.LockNotAvailable):  # lock_timeout: busy, as SQLite
            return database_busy()
        text = str(err).strip()
        return StoreUnavailable(
            "De PostgreSQL-server {server} antwoordde niet of niet op tijd ({err}). Wat u "
            "net deed is niet bewaard. Probeer het over een ogenblik opnieuw; blijft dit "
            "zo, vraag dan de beheerder.",
            server=describe(self.url)["server"],
            err=redacted(text.splitlines()[0] if text else type(err).__name__),
        )

    def _on_conflict(self, verb: str, table: str, columns: str) -> str:
        if verb == "IGNORE":
            return " ON CONFLICT DO NOTHING"
        keys = _CONFLICT_KEYS.get((self.url, table))
        if keys is None:
            keys = _CONFLICT_KEYS[self.url, table] = [
                row[0]
                for row in self.run(
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                    "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
                    [table],
                )
            ]
        names = [c.strip().strip('"') for c in columns.split(",")]
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in names if c not in keys)
        target = ", ".join(f'"{k}"' for k in keys)
        return f" ON CONFLICT ({target}) DO " + (f"UPDATE SET {sets}" if sets else "NOTHING")

    def begin(self, *, write: bool) -> None:
        """Start a transaction; a writing one waits its turn (SQLite's ``BEGIN IMMEDIATE``)."""
        self.run("BEGIN")
        if not write:
            return
        try:  # waits WRITE_WAIT_S (the connection's lock_timeout), then "De database is bezet"
            self.run("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        except BaseException:  # no turn: no transaction either, as after SQLite's refused BEGIN
            if self.in_transaction:
                self.run("ROLLBACK")
            raise

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A savepoint inside the caller's transaction (a transaction of its own outside one)."""
        if not self.in_transaction:
            with self.conn:
                yield
            return
        self._savepoints += 1
        name = f"casemap_{self._savepoints}"
        self.run(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.run(f"ROLLBACK TO SAVEPOINT {name}")
            self.run(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.run(f"RELEASE SAVEPOINT {name}")

    def table_names(self) -> list[str]:
        """The tables of the schema, by name."""
        return [
            row[0]
            for row in self.run(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            )
        ]

    # --------------------------------------------------------- migrations
    def applied(self, migration_set: str) -> list[str]:
        """The names of the migrations applied to this database, in order."""
        if MIGRATIONS_TABLE not in self.table_names():
            return []
        return [
            row[0]
            for row in self.run(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = %s ORDER BY id",
                [migration_set],
            )
        ]

    def apply(self, migrations: Any) -> None:
        """Apply what is pending of ``migrations`` (a ``sqlite_utils.Migrations``), each in a
        transaction with the line that records it; another process doing the same waits."""
        for migration in migrations._migrations:
            with self.conn:
                self.run(
                    f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (id BIGINT GENERATED BY "
                    "DEFAULT AS IDENTITY PRIMARY KEY, migration_set TEXT NOT NULL, "
                    "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                if migration.name in self.applied(migrations.name):
                    continue
                migration.fn(self)
                self.run(
                    f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) "
                    "VALUES (%s, %s, %s)",
                    [migrations.name, migration.name, datetime.now(UTC).isoformat()],
                )


_IDLE = psycopg.pq.TransactionStatus.IDLE if psycopg else None
_UNKNOWN = psycopg.pq.TransactionStatus.UNKNOWN if psycopg else None


def _give_back(pool: Any, raw: Any) -> None:
    try:
        if not raw.closed and raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            raw.execute("ROLLBACK")
    except psycopg.Error:
        pass
    try:
        pool.putconn(raw)
    except Exception:  # the pool is closed already (the process ends): close it ourselves
        raw.close()


def dialect(db: Any) -> str:
    """``"postgresql"`` for a :class:`PgDatabase`, ``"sqlite"`` for sqlite-utils' Database."""
    return getattr(db, "dialect", "sqlite")


# --------------------------------------------------------------------------
# Pools: one per server URL per process
# --------------------------------------------------------------------------
_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()
#: How long a page run waits for a free connection before it says the server is busy.
POOL_TIMEOUT = float(os.environ.get("CASEMAP_DB_POOL_TIMEOUT", "10"))


def _configure(conn: Any) -> None:
    # a writer that waits for the write lock longer than this gets an error, not a hang
    conn.execute(f"SET lock_timeout = '{WRITE_WAIT_S * 1000:.0f}ms'")


def connect(url: str) -> PgDatabase:
    """A :class:`PgDatabase` on ``url``'s pool (made on first use in this process).

    The first connection of a process is made directly, so that a wrong
    password, a missing database or an unreachable server raise psycopg's own
    error (the pool would only time out).
    """
    if psycopg is None:
        raise ImportError("psycopg")
    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            psycopg.connect(url, connect_timeout=5).close()
            pool = psycopg_pool.ConnectionPool(
                url,
                min_size=1,
                max_size=int(os.environ.get("CASEMAP_DB_POOL_SIZE", "20")),
                kwargs={"autocommit": True, "connect_timeout": 5},
                configure=_configure,
                open=True,
                name="casemap",
            )
            _POOLS[url] = pool
    return PgDatabase(url, pool)


def close_pool(url: str) -> None:
    """Close ``url``'s pool and its connections (before the database is dropped, in tests)."""
    with _POOLS_LOCK:
        pool = _POOLS.pop(url, None)
    if pool is not None:
        pool.close()


@atexit.register
def _close_pools() -> None:
    for url in list(_POOLS):
        close_pool(url)
