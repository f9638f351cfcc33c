"""The case store: one database holding every case, a SQLite file or a PostgreSQL server.

Every change runs in ONE transaction together with a revision bump on the
case and a line of history ("persoon toegevoegd: Sanne", when, by whom); a
change that fails half-way leaves the database as it was. A change based on
an older revision than the stored one (the same case open in two tabs, or by
two colleagues) is refused with :class:`~mapping.core.errors.StaleRevision`.

The schema is created by :data:`MIGRATIONS` (``sqlite_utils.Migrations``),
applied at every open; an older database opens in a newer app.

``Store("data/casemap.db")`` is a SQLite file (sqlite-utils);
``Store("postgresql://casemap@db/casemap")`` a PostgreSQL server, through the
thin adapter in :mod:`mapping.storage.backends` that reads the same SQL.
Everything else here is written once for both.

>>> from mapping.core.model import Entity
>>> with Store(":memory:") as store:
...     case = store.create_case("WT-1", "Gezin K.", author="Anna")
...     revision = store.save(case.id, Entity(id="p1", name="Sanne"), author="Anna")
...     [c.summary for c in store.history(case.id)]
['persoon toegevoegd: Sanne', 'casus aangemaakt: WT-1']
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from mapping.core.codec import (
    check_values,
    cleaned,
    cleaned_case,
    from_record,
    from_row,
    to_record,
    to_row,
    without_bidi,
)
from mapping.core.errors import (
    InvalidInput,
    NotFound,
    StaleRevision,
    StoreUnavailable,
    database_busy,
)
from mapping.core.i18n import N_, Message
from mapping.core.model import (
    Action,
    Case,
    CaseData,
    Change,
    Entity,
    Factor,
    Goal,
    Monitoring,
    Position,
    Relation,
    Snapshot,
    new_id,
)
from mapping.core.vocabulary import Lens, Phase, label
from mapping.formats import exchange
from mapping.storage import backends
from mapping.storage.backends import dialect, is_postgres, redacted

DEFAULT_DB = Path("data") / "casemap.db"

# --------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------
MIGRATIONS = sqlite_utils.Migrations("casemap")

_SCHEMA_1 = """
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    casemanager TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL DEFAULT 'introductie',
    consent INTEGER NOT NULL DEFAULT 0,
    consent_date TEXT NOT NULL DEFAULT '',
    scope_note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entities (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth TEXT NOT NULL DEFAULT '',
    death TEXT NOT NULL DEFAULT '',
    deceased INTEGER NOT NULL DEFAULT 0,
    birth_status TEXT NOT NULL DEFAULT 'born',
    index_person INTEGER NOT NULL DEFAULT 0,
    household INTEGER NOT NULL DEFAULT 0,
    occupation TEXT NOT NULL DEFAULT '',
    conditions TEXT NOT NULL DEFAULT '[]',
    annotation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    system_kind TEXT,
    custom_kind TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, id)
);
CREATE TABLE relations (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    subtype TEXT NOT NULL DEFAULT '',
    flow TEXT NOT NULL DEFAULT 'none',
    support TEXT NOT NULL DEFAULT '[]',
    reciprocal INTEGER NOT NULL DEFAULT 0,
    frequency TEXT,
    sector TEXT,
    ring TEXT,
    start TEXT NOT NULL DEFAULT '',
    "end" TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, id),
    FOREIGN KEY (case_id, source) REFERENCES entities(case_id, id) ON DELETE CASCADE,
    FOREIGN KEY (case_id, target) REFERENCES entities(case_id, id) ON DELETE CASCADE
);
CREATE INDEX relations_source ON relations(case_id, source);
CREATE INDEX relations_target ON relations(case_id, target);
CREATE TABLE positions (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    lens TEXT NOT NULL,
    view TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    x REAL NOT NULL,
    y REAL NOT NULL,
    PRIMARY KEY (case_id, lens, view, entity_id),
    FOREIGN KEY (case_id, entity_id) REFERENCES entities(case_id, id) ON DELETE CASCADE
);
CREATE INDEX positions_entity ON positions(case_id, entity_id);
CREATE TABLE factors (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    side TEXT NOT NULL,
    description TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT 'micro',
    domain TEXT,
    weight INTEGER NOT NULL DEFAULT 3,
    source TEXT NOT NULL DEFAULT 'family',
    entity_ids TEXT NOT NULL DEFAULT '[]',
    relation_ids TEXT NOT NULL DEFAULT '[]',
    "order" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, id)
);
CREATE TABLE goals (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    owner_id TEXT NOT NULL DEFAULT '',
    owner_text TEXT NOT NULL DEFAULT '',
    term TEXT NOT NULL DEFAULT 'short',
    domain TEXT,
    result TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    parent_id TEXT NOT NULL DEFAULT '',
    factor_ids TEXT NOT NULL DEFAULT '[]',
    start TEXT NOT NULL DEFAULT '',
    evaluation_dates TEXT NOT NULL DEFAULT '[]',
    expected_change TEXT NOT NULL DEFAULT '',
    "order" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, id)
);
CREATE TABLE actions (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    goal_id TEXT NOT NULL,
    what TEXT NOT NULL,
    actor_id TEXT NOT NULL DEFAULT '',
    actor_text TEXT NOT NULL DEFAULT '',
    "where" TEXT NOT NULL DEFAULT '',
    "when" TEXT NOT NULL DEFAULT '',
    how TEXT NOT NULL DEFAULT '',
    aim TEXT NOT NULL DEFAULT '',
    hours REAL NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, id),
    FOREIGN KEY (case_id, goal_id) REFERENCES goals(case_id, id) ON DELETE CASCADE
);
CREATE INDEX actions_goal ON actions(case_id, goal_id);
CREATE TABLE monitoring (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    goal_id TEXT NOT NULL,
    date TEXT NOT NULL,
    score INTEGER NOT NULL,
    scale TEXT NOT NULL DEFAULT '1-10',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, id),
    FOREIGN KEY (case_id, goal_id) REFERENCES goals(case_id, id) ON DELETE CASCADE
);
CREATE INDEX monitoring_goal ON monitoring(case_id, goal_id);
CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    taken TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX snapshots_case ON snapshots(case_id);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL
);
CREATE INDEX history_case ON history(case_id, id);
"""


@MIGRATIONS(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # Raw SQL: sqlite-utils' create() cannot express composite foreign keys
    # with ON DELETE CASCADE. executescript() would COMMIT the migration's
    # transaction, so the statements run one by one.
    if dialect(db) == "postgresql":
        db.run(backends.NOCASE_COLLATION)
    for statement in _SCHEMA_1.split(";"):
        if statement.strip():
            db.execute(statement)


_SCHEMA_2 = """
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    subject TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'casemanager',
    disabled INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL DEFAULT ''
);
CREATE INDEX users_subject ON users(subject);
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    policy TEXT NOT NULL DEFAULT 'team'
);
CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE TABLE case_access (
    case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL DEFAULT '',
    team_id TEXT NOT NULL DEFAULT '',
    training INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE case_shares (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    granted_by TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, user_id)
);
CREATE TABLE break_glass (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX break_glass_case ON break_glass(case_id, at);
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    on_behalf TEXT NOT NULL DEFAULT '',
    case_id TEXT NOT NULL DEFAULT '',
    case_code TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    session TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT 'ok',
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX access_log_case ON access_log(case_id, id);
CREATE INDEX access_log_user ON access_log(user, id);
CREATE TABLE access_log_anchor (
    id INTEGER PRIMARY KEY,
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    removed INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
WHEN OLD.id > (SELECT COALESCE(MAX(last_id), 0) FROM access_log_anchor)
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END
"""

# The same two triggers on PostgreSQL, and TRUNCATE refused too.
_APPEND_ONLY_PG = """
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.id <= (SELECT COALESCE(MAX(last_id), 0) FROM access_log_anchor)
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'access_log is append-only';
END $$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()
"""


@MIGRATIONS(name="0002_access")
def _access(db: sqlite_utils.Database) -> None:
    # users, teams, who may open a case, noodtoegang and the NEN 7513 access log
    # (append-only: triggers refuse UPDATE and DELETE except of lines a retention
    # purge has anchored; see mapping.access.log). Statements one by one, as above;
    # a trigger body holds a ';' inside BEGIN ... END, so split on ';' at a line's end.
    postgres = dialect(db) == "postgresql"
    for statement in _SCHEMA_2.split(";\n"):
        if statement.strip() and not (postgres and "CREATE TRIGGER" in statement):
            db.execute(statement)
    if postgres:  # PL/pgSQL: run as written, not through the SQLite translation
        db.run(_APPEND_ONLY_PG)


@MIGRATIONS(name="0003_closure")
def _closure(db: sqlite_utils.Database) -> None:
    # when a case was closed (archived): the start of its retention period
    db.execute(
        "CREATE TABLE case_closure (case_id TEXT PRIMARY KEY REFERENCES cases(id) "
        "ON DELETE CASCADE, closed TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO case_closure (case_id, closed) SELECT id, "
        + ("CURRENT_DATE::text" if dialect(db) == "postgresql" else "date('now')")
        + " FROM cases WHERE archived = 1"
    )


@MIGRATIONS(name="0004_date_qualifiers")
def _date_qualifiers(db: sqlite_utils.Database) -> None:
    # how an inexact birth or death date is meant ('about', 'before', 'between/1845'):
    # before this, "BEF 1828" was stored as '1828' with its words in the note only
    for column in ("birth_qualifier", "death_qualifier"):
        db.execute(f"ALTER TABLE entities ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


@MIGRATIONS(name="0005_relation_date_qualifiers")
def _relation_date_qualifiers(db: sqlite_utils.Database) -> None:
    # how an inexact start or end of a relation is meant (a marriage 'ABT 1816')
    for column in ("start_qualifier", "end_qualifier"):
        db.execute(f"ALTER TABLE relations ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


@MIGRATIONS(name="0006_gedcom_qualifiers_from_notes")
def _gedcom_qualifiers_from_notes(db: sqlite_utils.Database) -> None:
    # A family tree imported before 0004 kept "BEF 1828" in the person's note and
    # '1828' as the date: give those dates their qualifier back, from the file's own
    # words, where the date still is what the file said (a date changed since stays).
    from mapping.formats.gedcom import qualifiers_in_note

    rows = db.execute(
        "SELECT case_id, id, note, birth, death FROM entities "
        "WHERE id LIKE 'ged-%' AND note != '' AND (birth != '' OR death != '')"
    ).fetchall()
    for case_id, entity_id, note, birth, death in rows:
        labels = {"Geboren": birth, "Gedoopt": birth, "Overleden": death}
        found = qualifiers_in_note(note, labels)
        born = found.get("Geboren") or found.get("Gedoopt", "")
        if born or found.get("Overleden"):
            db.execute(
                "UPDATE entities SET birth_qualifier = ?, death_qualifier = ? "
                "WHERE case_id = ? AND id = ?",
                [born, found.get("Overleden", ""), case_id, entity_id],
            )
    rows = db.execute(
        'SELECT case_id, id, note, start, "end" FROM relations '
        "WHERE id LIKE 'ged-%' AND kind = 'partnership' AND note != ''"
    ).fetchall()
    for case_id, relation_id, note, start, end in rows:
        found = qualifiers_in_note(
            note, {"Getrouwd": start, "Verloofd": start, "Gescheiden": end, "Nietig verklaard": end}
        )
        started = found.get("Getrouwd") or found.get("Verloofd", "")
        ended = found.get("Gescheiden") or found.get("Nietig verklaard", "")
        if started or ended:
            db.execute(
                "UPDATE relations SET start_qualifier = ?, end_qualifier = ? "
                "WHERE case_id = ? AND id = ?",
                [started, ended, case_id, relation_id],
            )


_SCHEMA_7 = (
    # the link of a system to the team's sociale kaart, and an action as a referral
    "ALTER TABLE entities ADD COLUMN kaart_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE actions ADD COLUMN referral_org TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE actions ADD COLUMN referral_status TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE actions ADD COLUMN referred_on TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE actions ADD COLUMN status_on TEXT NOT NULL DEFAULT ''",
    # the team's sociale kaart: organisations, no client data (mapping.storage.kaart)
    "CREATE TABLE sociale_kaart (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
    "kind TEXT NOT NULL DEFAULT '', offer TEXT NOT NULL DEFAULT '', "
    "for_whom TEXT NOT NULL DEFAULT '', area TEXT NOT NULL DEFAULT '', "
    "contact TEXT NOT NULL DEFAULT '', how_to_refer TEXT NOT NULL DEFAULT '', "
    "waiting_weeks INTEGER, checked_on TEXT NOT NULL DEFAULT '', "
    "team_id TEXT NOT NULL DEFAULT '', removed INTEGER NOT NULL DEFAULT 0, "
    "changed TEXT NOT NULL DEFAULT '', changed_by TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX sociale_kaart_name ON sociale_kaart(name)",
)


@MIGRATIONS(name="0007_sociale_kaart")
def _sociale_kaart(db: sqlite_utils.Database) -> None:
    # portable SQL (TEXT/INTEGER), one statement at a time
    for statement in _SCHEMA_7:
        db.execute(statement)


# Record type -> its table
_TABLES: dict[type, str] = {
    Entity: "entities",
    Relation: "relations",
    Factor: "factors",
    Goal: "goals",
    Action: "actions",
    Monitoring: "monitoring",
}
_TYPE_NAMES: dict[str, type] = {
    "entity": Entity,
    "relation": Relation,
    "factor": Factor,
    "goal": Goal,
    "action": Action,
    "monitoring": Monitoring,
    **{table: cls for cls, table in _TABLES.items()},
}
_CASE_FIELDS_NL = {
    "code": "code",
    "title": "titel",
    "casemanager": "casemanager",
    "phase": "fase",
    "consent": "toestemming",
    "consent_date": "datum toestemming",
    "scope_note": "afspraken over delen",
    "archived": "archief",
}


def default_db_path() -> Path | str:
    """``$CASEMAP_DB`` when set, else ``data/casemap.db``; a ``postgresql://`` URL stays a str."""
    named = os.environ.get("CASEMAP_DB") or DEFAULT_DB
    return named if is_postgres(named) else Path(named)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _describe(record: Any) -> str:
    """How a record is named in the history, in Dutch: 'persoon: Sanne'."""
    if isinstance(record, Entity):
        return f"{'persoon' if record.is_person else 'systeem'}: {record.name}"
    if isinstance(record, Relation):
        return f"relatie ({label(record.kind)}): {record.source} – {record.target}"
    if isinstance(record, Factor):
        return f"{label(record.side)}: {record.description[:60]}"
    if isinstance(record, Goal):
        return f"doel: {record.title[:60]}"
    if isinstance(record, Action):
        return f"actie: {record.what[:60]}"
    if isinstance(record, Monitoring):
        return f"monitoring: {record.date} score {record.score}"
    return type(record).__name__


def _with_verb(description: str, verb: str) -> str:
    noun, _, rest = description.partition(": ")
    return f"{noun} {verb}: {rest}" if rest else f"{noun} {verb}"


#: Where the database key comes from (never from the database's own folder).
KEY_ENV, KEY_FILE_ENV = "CASEMAP_DB_KEY", "CASEMAP_DB_KEY_FILE"
#: ``Store(path)`` reads the key from the environment; ``key=None`` means a plain file.
FROM_ENV = object()
#: The shortest key accepted: a passphrase of a few words, or 32 hex digits.
MIN_KEY = 16

try:  # SQLCipher: the same SQLite, encrypted page by page
    from sqlcipher3 import dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - declared in pyproject; a broken install says so
    sqlcipher = None

#: Errors of any driver: SQLite, SQLCipher, PostgreSQL (they do not share a base class).
DB_ERRORS: tuple[type[Exception], ...] = (
    (sqlite3.Error,) + ((sqlcipher.Error,) if sqlcipher else ()) + backends.PG_ERRORS
)


def begin_immediate(conn: Any) -> None:
    """``BEGIN IMMEDIATE``: wait (the connection's busy timeout) for the turn to write.

    A database still busy after that (many users saving at once on one SQLite file)
    is one Dutch :class:`StoreUnavailable` that says nothing was done, not sqlite3's
    "database is locked" traceback on the user's screen (#18). A view's access-log
    line is written the same way: the view is refused, never left unlogged.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DB_ERRORS as err:
        if not any(word in str(err).lower() for word in ("locked", "busy")):
            raise
        raise database_busy() from err


#: A constraint refused a row (unique, foreign key), on either backend.
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (
    (sqlite3.IntegrityError,)
    + ((sqlcipher.IntegrityError,) if sqlcipher else ())
    + backends.PG_INTEGRITY_ERRORS
)


def key_for(db_path: str) -> str | None:
    """The database key from ``$CASEMAP_DB_KEY_FILE`` or ``$CASEMAP_DB_KEY``; None when unset.

    A key file inside the database's folder is refused: a backup of that folder
    or a lost laptop would carry the lock and its key together.
    """
    file, raw = os.environ.get(KEY_FILE_ENV, ""), os.environ.get(KEY_ENV, "")
    if file:
        key_path = Path(file).expanduser().resolve()
        if db_path != ":memory:" and key_path.is_relative_to(Path(db_path).resolve().parent):
            raise StoreUnavailable(
                "Het sleutelbestand {file} staat in dezelfde map als de database. Bewaar de "
                "sleutel ergens anders (bijvoorbeeld /etc/casemap/sleutel, alleen leesbaar voor "
                "de dienst).",
                file=file,
            )
        try:
            key = key_path.read_text(encoding="utf-8").strip()
        except OSError as err:
            raise StoreUnavailable(
                "Het sleutelbestand {file} kan niet worden gelezen ({strerror}).",
                file=file,
                strerror=err.strerror,
            ) from None
    elif raw:
        key = raw.strip()
    else:
        return None
    if len(key) < MIN_KEY:
        raise StoreUnavailable(
            "De databasesleutel is te kort: gebruik minstens {min_key} tekens (bijvoorbeeld: "
            "python -c 'import secrets; print(secrets.token_hex(32))').",
            min_key=MIN_KEY,
        )
    return key


def _pg_unavailable(url: str, err: Exception) -> StoreUnavailable:
    """The one clear message for a PostgreSQL server that will not let us in, by its cause."""
    text = str(err)
    named = backends.describe(url)
    sqlstate = getattr(err, "sqlstate", None) or ""
    if (
        sqlstate in ("28P01", "28000")
        or "authentication failed" in text
        or ("password" in text and "no password supplied" in text)
    ):
        return StoreUnavailable(
            "PostgreSQL op {server} laat gebruiker {user} niet binnen: de gebruikersnaam of het "
            "wachtwoord klopt niet. Er is niets veranderd. Controleer de gebruiker en het "
            "wachtwoord in --db of CASEMAP_DB (of in ~/.pgpass), of vraag de beheerder.",
            server=named["server"],
            user=named["user"],
        )
    if sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return StoreUnavailable(
            "De database {database} bestaat niet op de PostgreSQL-server {server}. Er is niets "
            "veranderd. Controleer de naam in --db of CASEMAP_DB, of laat de beheerder hem "
            "aanmaken (createdb {database}).",
            database=named["database"],
            server=named["server"],
        )
    first = text.strip().splitlines()[-1] if text.strip() else type(err).__name__
    return StoreUnavailable(
        "De PostgreSQL-server {server} is niet bereikbaar ({err}). Er is niets veranderd. "
        "Controleer of de server draait en of het adres in --db of CASEMAP_DB klopt, of vraag "
        "de beheerder.",
        server=named["server"],
        err=redacted(first).replace(url, redacted(url)),
    )


#: How long a connection waits for another's write to end before the database counts as busy.
BUSY_TIMEOUT_S = 10.0


def _connect(path: str, key: str | None, *, read_only: bool = False):
    """A connection to ``path``: SQLCipher with ``key``, plain SQLite without."""
    target, uri = path, False
    if read_only:
        # immutable: read-only media get no -wal/-shm files and no journal-mode change
        target, uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1", True
    if key is None:
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, uri=uri)
    if sqlcipher is None:
        raise StoreUnavailable(
            "Versleutelde databases hebben het pakket sqlcipher3 nodig. Installeer casemap "
            "opnieuw (make run).",
        )
    conn = sqlcipher.connect(target, timeout=BUSY_TIMEOUT_S, uri=uri)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {raw_key(key)}")
    return conn


@functools.lru_cache(maxsize=8)
def raw_key(key: str) -> str:
    """The 256-bit key SQLCipher gets, as its ``"x'...'"`` literal.

    SQLCipher would stretch a passphrase with PBKDF2 on every connection
    (a fifth of a second), and casemap opens one per page run: the stretching
    is done here once per process instead. 64 hex digits are used as they are.
    """
    if len(key) == 64 and all(c in "0123456789abcdefABCDEF" for c in key):
        return f"\"x'{key.upper()}'\""
    stretched = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), b"casemap-db-key", 256_000, 32)
    return f"\"x'{stretched.hex().upper()}'\""


def _sql_text(text: str) -> str:
    """``text`` as an SQL string literal (PRAGMA takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"


def owner_only(path: Path) -> None:
    """Make a file of ours readable and writable by its owner only (0600)."""
    try:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:  # not ours (a shared mount): nothing to tighten
        pass


class Store:
    """All cases in one database; one connection per instance.

    ``Store(path)`` opens (and migrates) the SQLite file; ``Store()`` uses
    ``$CASEMAP_DB`` or ``data/casemap.db``; ``Store(":memory:")`` is a
    throw-away database for tests; ``Store("postgresql://user@host/db")``
    borrows a connection from that server's pool. Use it as a context
    manager or call :meth:`close`.
    """

    def __init__(
        self, path: str | Path | None = None, *, key: str | None | object = FROM_ENV
    ) -> None:
        if path is None:
            path = default_db_path()
        self.path = str(path)
        self.read_only = False
        if self.path.startswith(("postgresql:", "postgres:")) and not is_postgres(self.path):
            # a typo, or a URL that went through Path() (which folds '//' to '/')
            raise StoreUnavailable(
                "'{path}' lijkt op het adres van een PostgreSQL-server, maar is het niet: schrijf "
                "postgresql://gebruiker@server/database (met twee schuine strepen). Er is niets "
                "veranderd.",
                path=redacted(self.path),
            )
        if is_postgres(self.path):
            self.key = None
            self._open_postgres(key)
            return
        self.key = key_for(self.path) if key is FROM_ENV else key
        try:
            self._open()
        except DB_ERRORS + (OSError,) as err:
            if getattr(self, "db", None) is not None:
                self.db.close()
            raise StoreUnavailable(
                "De database {path} kan niet worden geopend ({err}). Er is niets veranderd. Kies "
                "een ander bestand met --db of CASEMAP_DB, of vraag de beheerder om de back-up.",
                path=self.path,
                err=err,
            ) from err
        except StoreUnavailable:
            if getattr(self, "db", None) is not None:
                self.db.close()
            raise

    @property
    def postgres(self) -> bool:
        """Whether this store is a PostgreSQL server (else a SQLite file)."""
        return is_postgres(self.path)

    @property
    def shown_path(self) -> str:
        """The database's name for messages: the file, or the URL without its password."""
        return redacted(self.path) if self.postgres else self.path

    def _open_postgres(self, key: str | None | object) -> None:
        """Borrow a connection from the server's pool, check the schema's version, migrate."""
        if (key is not FROM_ENV and key is not None) or (
            key is FROM_ENV and (os.environ.get(KEY_ENV) or os.environ.get(KEY_FILE_ENV))
        ):
            raise StoreUnavailable(
                "Een databasesleutel (CASEMAP_DB_KEY of CASEMAP_DB_KEY_FILE) versleutelt alleen "
                "een SQLite-bestand. PostgreSQL ({url}) versleutelt niet met een sleutel van "
                "casemap: laat de sleutel weg en gebruik de versleuteling van de server zelf "
                "(versleutelde schijf, TLS met sslmode=verify-full).",
                url=redacted(self.path),
            )
        try:
            self.db = backends.connect(self.path)
        except ImportError:
            raise StoreUnavailable(
                "Voor PostgreSQL heeft casemap het pakket psycopg nodig. Installeer casemap "
                "opnieuw (make run).",
            ) from None
        except DB_ERRORS + (OSError,) as err:
            raise _pg_unavailable(self.path, err) from None
        except Exception as err:  # psycopg_pool: no free connection in time
            if type(err).__name__ != "PoolTimeout":
                raise
            raise _pg_unavailable(self.path, err) from None
        try:
            self._check_version()
            if self._pending():
                self.db.apply(MIGRATIONS)
        except StoreUnavailable:
            self.db.close()
            raise
        except DB_ERRORS as err:
            self.db.close()
            raise StoreUnavailable(
                "De database {path} kan niet worden geopend ({err}). Er is niets veranderd. Kies "
                "een ander bestand met --db of CASEMAP_DB, of vraag de beheerder om de back-up.",
                path=redacted(self.path),
                err=err,
            ) from err

    def _applied(self) -> list[str]:
        """The names of the migrations this database has had, in order."""
        if dialect(self.db) == "postgresql":
            return self.db.applied(MIGRATIONS.name)
        return [m.name for m in MIGRATIONS.applied(self.db)]

    def _pending(self) -> list[str]:
        done = set(self._applied())
        return [m.name for m in MIGRATIONS._migrations if m.name not in done]

    def _open(self) -> None:
        # The database file is never opened here other than through SQLite: closing
        # any other descriptor of it would drop the locks SQLite holds for the other
        # connections of this process (every browser session has one), which corrupts.
        memory = self.path == ":memory:"
        file = Path(self.path)
        if not memory and file.exists():
            self.read_only = not os.access(file, os.W_OK) or not os.access(file.parent, os.W_OK)
        elif not memory:
            file.parent.mkdir(parents=True, exist_ok=True)
            # owner-only from the first byte, whatever the umask (nobody has it open yet)
            os.close(os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        conn = _connect(self.path, self.key, read_only=self.read_only)
        self.db = sqlite_utils.Database(conn)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DB_ERRORS as err:
            if "not a database" not in str(err):
                raise
            self._refuse_kind()
        self._check_version()
        self.db.execute("PRAGMA foreign_keys = ON")
        # a deleted client's data are overwritten, not left in free pages
        self.db.execute("PRAGMA secure_delete = ON")
        if not memory and not self.read_only:
            owner_only(file)
            mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal":
                self.db.execute("PRAGMA journal_mode = WAL")
            for suffix in ("-wal", "-shm"):
                owner_only(Path(self.path + suffix))
        if MIGRATIONS.pending(self.db):
            if self.read_only:
                raise StoreUnavailable(
                    "De database {path} staat op een medium waarop niet geschreven kan worden en is "
                    "van een oudere versie van casemap. Kopieer hem eerst naar een schrijfbare map.",
                    path=self.path,
                )
            try:
                MIGRATIONS.apply(self.db)
            except DB_ERRORS:
                # another process (the app, the CLI) migrated the same file just now
                if MIGRATIONS.pending(self.db):
                    raise

    def _refuse_kind(self) -> None:
        """SQLite could not read the file: with a key, the key does not fit (or the file is
        plain); without one, the file is encrypted (or no database). Nothing was changed."""
        if self.key is not None:
            raise StoreUnavailable(
                "De sleutel past niet bij de database {path} (of de database is niet "
                "versleuteld: gebruik dan 'casemap encrypt', of laat CASEMAP_DB_KEY(_FILE) weg). "
                "Er is niets veranderd. Controleer CASEMAP_DB_KEY_FILE of CASEMAP_DB_KEY.",
                path=self.path,
            )
        raise StoreUnavailable(
            "De database {path} kan niet worden geopend: hij is versleuteld (of geen "
            "casemap-database). Geef de sleutel met CASEMAP_DB_KEY_FILE (een bestand buiten "
            "de databasemap) of CASEMAP_DB_KEY. Er is niets veranderd.",
            path=self.path,
        )

    def _check_version(self) -> None:
        """Refuse a database a newer casemap wrote: this version would not know its schema."""
        known = {migration.name for migration in MIGRATIONS._migrations}
        unknown = [name for name in self._applied() if name not in known]
        if unknown:
            raise StoreUnavailable(
                "De database {path} is gemaakt of bijgewerkt door een nieuwere versie van "
                "casemap ({unknown}). Deze versie schrijft er niet in. Werk casemap bij.",
                path=self.shown_path,
                unknown=", ".join(unknown),
            )

    @property
    def encrypted(self) -> bool:
        """Whether this database is encrypted at rest (SQLCipher)."""
        return self.key is not None

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """How many schema migrations this database has had."""
        return len(self._applied())

    # ------------------------------------------------------------ plumbing
    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        conn = self.db.conn
        if conn.in_transaction:  # nested: a savepoint inside the outer change
            with self.db.atomic():
                yield
            return
        begin_immediate(conn)
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _execute(self, sql: str, params: Any = ()) -> Any:
        """Run one statement (SQLite's SQL, ``?`` placeholders) on either backend; its cursor."""
        return self.db.execute(sql, params)

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """The rows of a query (SQLite's SQL, ``?`` placeholders) as dicts, on either backend."""
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _case_row(self, ref: str) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM cases WHERE id = ?", [ref]) or self._rows(
            "SELECT * FROM cases WHERE code = ?", [ref]
        )
        if not rows:
            raise NotFound("Casus '{ref}' bestaat niet (meer).", ref=ref)
        return rows[0]

    def _record_history(self, case_id: str, revision: int, author: str, summary: str) -> None:
        self.db.execute(
            "INSERT INTO history (case_id, revision, at, author, summary) VALUES (?, ?, ?, ?, ?)",
            [case_id, revision, _now(), without_bidi(author), summary],
        )

    @contextmanager
    def _change(
        self, case_id: str, expected_revision: int | None, author: str
    ) -> Iterator[dict[str, Any]]:
        """One change to a case: check the revision, do it, bump, write history.

        The body fills ``change["summary"]``; it may set ``change["skip"]``
        when nothing changed. ``change["revision"]`` holds the result.
        """
        with self._transaction():
            row = self._case_row(case_id)
            current = row["revision"]
            if expected_revision is not None and expected_revision != current:
                raise StaleRevision(
                    "Deze casus is intussen door iemand anders gewijzigd (revisie {current}, u "
                    "werkte op {expected_revision}). Laad opnieuw.",
                    current=current,
                    expected_revision=expected_revision,
                )
            change: dict[str, Any] = {"case_id": row["id"], "summary": "", "revision": current}
            yield change
            if change.get("skip"):
                return
            revision = current + 1
            self.db.execute("UPDATE cases SET revision = ? WHERE id = ?", [revision, row["id"]])
            self._record_history(row["id"], revision, author, change["summary"])
            change["revision"] = revision

    def _next_seq(self, table: str, case_id: str) -> int:
        row = self.db.execute(
            f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {_q(table)} WHERE case_id = ?", [case_id]
        ).fetchone()
        return row[0]

    def _upsert(self, table: str, case_id: str, record: Any, keys: tuple[str, ...]) -> bool:
        """Insert or update one row, keeping its place (seq); True when it was new.

        A true UPDATE, never DELETE + INSERT: that would cascade and take the
        entity's relations with it.
        """
        row = {"case_id": case_id, **to_row(record)}
        where = " AND ".join(f"{_q(k)} = ?" for k in ("case_id", *keys))
        params = [case_id, *(row[k] for k in keys)]
        existing = self.db.execute(f"SELECT seq FROM {_q(table)} WHERE {where}", params).fetchone()
        if existing:
            sets = ", ".join(f"{_q(k)} = ?" for k in row if k not in ("case_id", *keys))
            values = [v for k, v in row.items() if k not in ("case_id", *keys)]
            self.db.execute(f"UPDATE {_q(table)} SET {sets} WHERE {where}", [*values, *params])
            return False
        row["seq"] = self._next_seq(table, case_id)
        columns = ", ".join(_q(k) for k in row)
        marks = ", ".join("?" for _ in row)
        self.db.execute(f"INSERT INTO {_q(table)} ({columns}) VALUES ({marks})", list(row.values()))
        return True

    def _ids(self, table: str, case_id: str) -> set[str]:
        return {
            r[0]
            for r in self.db.execute(f"SELECT id FROM {_q(table)} WHERE case_id = ?", [case_id])
        }

    def _load_list(self, cls: type, table: str, case_id: str) -> list[Any]:
        rows = self._rows(f"SELECT * FROM {_q(table)} WHERE case_id = ? ORDER BY seq", [case_id])
        return [from_row(cls, row) for row in rows]

    # ------------------------------------------------------------ cases
    def list_cases(self, search: str = "", include_archived: bool = False) -> list[Case]:
        """Cases ordered by code; ``search`` matches code or title (case-insensitive)."""
        sql = "SELECT * FROM cases WHERE 1"
        params: list[Any] = []
        if not include_archived:
            sql += " AND archived = 0"
        if search.strip():
            pattern = (
                "%"
                + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%"
            )
            sql += " AND (code LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')"
            params += [pattern, pattern]
        sql += " ORDER BY code COLLATE NOCASE, id"
        return [from_row(Case, row) for row in self._rows(sql, params)]

    def get_case(self, ref: str) -> Case:
        """The case with id or code ``ref``; NotFound otherwise."""
        return from_row(Case, self._case_row(ref))

    def _check_code_free(self, code: str, except_id: str = "") -> None:
        if not code.strip():
            raise InvalidInput("Vul een casuscode in.")
        rows = self.db.execute(
            "SELECT id FROM cases WHERE code = ? COLLATE NOCASE", [code]
        ).fetchall()
        if any(row[0] != except_id for row in rows):
            raise InvalidInput(
                "Er bestaat al een casus met code '{code}'.",
                code=code,
            )

    def _unique_code(self, code: str) -> str:
        code = code.strip() or "CASUS"
        candidate, n = code, 1
        while self.db.execute(
            "SELECT 1 FROM cases WHERE code = ? COLLATE NOCASE", [candidate]
        ).fetchone():
            n += 1
            candidate = f"{code} ({n})"
        return candidate

    def _insert_case(self, case: Case, author: str, summary: str) -> None:
        self.db.execute(
            "INSERT INTO cases ("
            + ", ".join(_q(k) for k in to_row(case))
            + ") VALUES ("
            + ", ".join("?" for _ in fields(Case))
            + ")",
            list(to_row(case).values()),
        )
        self._record_history(case.id, case.revision, author, summary)

    def create_case(
        self,
        code: str,
        title: str,
        *,
        casemanager: str = "",
        phase: Phase = Phase.INTRODUCTION,
        consent: bool = False,
        scope_note: str = "",
        author: str = "",
    ) -> Case:
        """A new, empty case with a unique ``code``; InvalidInput if the code is taken."""
        code, title = without_bidi(code).strip(), without_bidi(title).strip()
        if not title:
            raise InvalidInput("Vul een titel in.")
        case = Case(
            id=new_id(),
            code=code,
            title=title,
            casemanager=casemanager,
            phase=phase,
            consent=consent,
            scope_note=scope_note,
            created=date.today().isoformat(),
            revision=1,
        )
        case = from_record(Case, to_record(cleaned(case)))
        check_values(case)
        with self._transaction():
            self._check_code_free(case.code)
            self._insert_case(case, author, f"casus aangemaakt: {case.code}")
        return case

    def update_case(
        self, case_id: str, *, expected_revision: int | None = None, author: str = "", **changes
    ) -> Case:
        """Change case fields (code, title, phase, consent, ...); returns the updated case."""
        allowed = set(_CASE_FIELDS_NL)
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(
                "Onbekend casusveld: {unknown}.",
                unknown=", ".join(sorted(unknown)),
            )
        with self._change(case_id, expected_revision, author) as change:
            old = self.get_case(change["case_id"])
            new = from_record(Case, to_record(cleaned(replace(old, **changes))))
            check_values(new)
            if not new.title.strip():
                raise InvalidInput("Vul een titel in.")
            if new.code != old.code:
                self._check_code_free(new.code, except_id=old.id)
            changed = [k for k in _CASE_FIELDS_NL if getattr(old, k) != getattr(new, k)]
            if not changed:
                change["skip"] = True
            else:
                row = {k: v for k, v in to_row(new).items() if k in changed}
                sets = ", ".join(f"{_q(k)} = ?" for k in row)
                self.db.execute(f"UPDATE cases SET {sets} WHERE id = ?", [*row.values(), old.id])
                if "archived" in changed:
                    self._record_closure(old.id, new.archived)
                if changed == ["archived"]:
                    change["summary"] = (
                        "casus gearchiveerd" if new.archived else "casus uit het archief gehaald"
                    )
                else:
                    names = ", ".join(_CASE_FIELDS_NL[k] for k in changed)
                    change["summary"] = f"casus gewijzigd: {names}"
        return self.get_case(case_id)

    def _record_closure(self, case_id: str, closed: bool) -> None:
        if closed:
            self.db.execute(
                "INSERT OR REPLACE INTO case_closure (case_id, closed) VALUES (?, ?)",
                [case_id, date.today().isoformat()],
            )
        else:
            self.db.execute("DELETE FROM case_closure WHERE case_id = ?", [case_id])

    def closed_on(self, case_id: str) -> str:
        """The date the case was closed (archived), '' while it is open."""
        row = self.db.execute(
            "SELECT closed FROM case_closure WHERE case_id = ?", [case_id]
        ).fetchone()
        return row[0] if row else ""

    def set_archived(self, case_id: str, archived: bool, author: str = "") -> Case:
        """Archive (hide from the list) or restore a case."""
        return self.update_case(case_id, author=author, archived=archived)

    def delete_case(self, case_id: str) -> None:
        """Delete a case with everything in it (network, plan, snapshots, history)."""
        with self._transaction():
            row = self._case_row(case_id)
            self.db.execute("DELETE FROM cases WHERE id = ?", [row["id"]])

    def revision(self, case_id: str) -> int:
        return self._case_row(case_id)["revision"]

    def history(self, case_id: str, limit: int = 100) -> list[Change]:
        """The case's changes, newest first."""
        row = self._case_row(case_id)
        rows = self._rows(
            "SELECT * FROM history WHERE case_id = ? ORDER BY id DESC LIMIT ?", [row["id"], limit]
        )
        return [from_row(Change, r) for r in rows]

    # ------------------------------------------------------------ whole cases
    def load(self, ref: str) -> CaseData:
        """Everything of one case (by id or code), every list in a stable order."""
        case = self.get_case(ref)
        return CaseData(
            case=case,
            entities=self._load_list(Entity, "entities", case.id),
            relations=self._load_list(Relation, "relations", case.id),
            positions=self._load_list(Position, "positions", case.id),
            factors=self._load_list(Factor, "factors", case.id),
            goals=self._load_list(Goal, "goals", case.id),
            actions=self._load_list(Action, "actions", case.id),
            monitoring=self._load_list(Monitoring, "monitoring", case.id),
        )

    def load_reusing(self, ref: str, cache: dict[str, tuple[int, CaseData]]) -> CaseData:
        """:meth:`load`, reusing ``cache``'s copy while the case's revision is unchanged.

        ``cache`` maps a case id to ``(revision, data)`` and is the caller's
        (one browser session's, see :mod:`views.case_cache`). Asking for the
        revision is one indexed read, loading the case a dozen; a save by
        anyone raises the revision, so the next call loads again. The caller
        gets its own copy: what it changes does not change the cache.
        """
        case = self.get_case(ref)  # the case record carries its revision
        hit = cache.get(case.id)
        if hit is not None and hit[0] == case.revision:
            return copy.deepcopy(hit[1])
        data = self.load(case.id)
        cache[case.id] = (data.case.revision, copy.deepcopy(data))
        return data

    def _insert_content(self, case_id: str, data: CaseData) -> None:
        for cls, items in (
            (Entity, data.entities),
            (Relation, data.relations),
            (Factor, data.factors),
            (Goal, data.goals),
            (Action, data.actions),
            (Monitoring, data.monitoring),
        ):
            table = _TABLES[cls]
            for seq, item in enumerate(items, start=1):
                row = {"case_id": case_id, "seq": seq, **to_row(item)}
                self._insert_row(table, row)
        for seq, position in enumerate(data.positions, start=1):
            self._insert_row("positions", {"case_id": case_id, "seq": seq, **to_row(position)})

    def _insert_row(self, table: str, row: dict[str, Any]) -> None:
        columns = ", ".join(_q(k) for k in row)
        marks = ", ".join("?" for _ in row)
        self.db.execute(f"INSERT INTO {_q(table)} ({columns}) VALUES ({marks})", list(row.values()))

    def import_case(self, data: CaseData, *, author: str = "") -> Case:
        """A new case holding a copy of ``data``: a fresh id, the code made unique."""
        data = cleaned_case(data)
        exchange.check_case(data)
        with self._transaction():
            case = replace(
                data.case,
                id=new_id(),
                code=self._unique_code(data.case.code),
                created=data.case.created or date.today().isoformat(),
                archived=False,
                revision=1,
            )
            people = sum(e.is_person for e in data.entities)
            systems = len(data.entities) - people
            self._insert_case(
                case,
                author,
                f"casus geïmporteerd: {case.code} ({people} personen, {systems} systemen, "
                f"{len(data.relations)} relaties)",
            )
            self._insert_content(case.id, data)
        return case

    def replace_case(
        self,
        case_id: str,
        data: CaseData,
        *,
        expected_revision: int | None = None,
        author: str = "",
        summary: str = "",
    ) -> int:
        """Replace the network, positions, balance and plan of a case by ``data``'s.

        The case record itself (code, title, consent, ...) stays. Used to
        restore a snapshot as the working state. Returns the new revision.
        Links are checked; value rules are not (the data was casemap's own),
        but bidi overrides in a snapshot taken before they were dropped are.
        """
        data = cleaned_case(data)
        exchange.check_case(data, values=False)
        with self._change(case_id, expected_revision, author) as change:
            cid = change["case_id"]
            for table in ("monitoring", "actions", "goals", "factors", "positions", "relations"):
                self.db.execute(f"DELETE FROM {_q(table)} WHERE case_id = ?", [cid])
            self.db.execute("DELETE FROM entities WHERE case_id = ?", [cid])
            self._insert_content(cid, data)
            change["summary"] = summary or (
                f"casus vervangen: {len(data.entities)} personen en systemen, "
                f"{len(data.relations)} relaties"
            )
        return change["revision"]

    # ------------------------------------------------------------ records
    def _check_refs(self, case_id: str, record: Any) -> None:
        """Refuse a record pointing at something that is not in the case."""
        entities = self._ids("entities", case_id)

        def need(ids: Any, table: str, name: str) -> None:
            known = entities if table == "entities" else self._ids(table, case_id)
            missing = [i for i in ids if i and i not in known]
            if missing:
                raise InvalidInput(
                    "{what} '{id}' bestaat niet in deze casus.", what=Message(name), id=missing[0]
                )

        if isinstance(record, Relation):
            need([record.source, record.target], "entities", N_("Persoon of systeem"))
            if record.source == record.target:
                raise InvalidInput(
                    "Een relatie moet twee verschillende personen of systemen verbinden.",
                )
        elif isinstance(record, Factor):
            need(record.entity_ids, "entities", N_("Persoon of systeem"))
            need(record.relation_ids, "relations", N_("Relatie"))
        elif isinstance(record, Goal):
            need([record.owner_id], "entities", N_("Persoon of systeem"))
            need([record.parent_id], "goals", N_("Hoofddoel"))
            need(record.factor_ids, "factors", N_("Factor"))
            parents = dict(
                self.db.execute(
                    "SELECT id, parent_id FROM goals WHERE case_id = ?", [case_id]
                ).fetchall()
            )
            parent, seen = record.parent_id, {record.id}
            while parent:
                if parent in seen:
                    raise InvalidInput(
                        "Een doel kan niet zijn eigen subdoel zijn.",
                    )
                seen.add(parent)
                parent = parents.get(parent, "")
        elif isinstance(record, Action):
            need([record.goal_id], "goals", N_("Doel"))
            need([record.actor_id], "entities", N_("Persoon of systeem"))
        elif isinstance(record, Monitoring):
            need([record.goal_id], "goals", N_("Doel"))

    def save(
        self, case_id: str, record: Any, *, expected_revision: int | None = None, author: str = ""
    ) -> int:
        """Insert or update an Entity, Relation, Factor, Goal, Action or Monitoring.

        Returns the case's new revision. An update keeps the record's place
        in the lists and, for an entity, its relations.
        """
        return self.save_many(case_id, [record], expected_revision=expected_revision, author=author)

    def save_many(
        self,
        case_id: str,
        records: Iterable[Any],
        *,
        expected_revision: int | None = None,
        author: str = "",
    ) -> int:
        """Save several records as one change: all of them or, on any error, none.

        A person with their parents' links, a member with their tie: what the
        user saved in one click is one revision and one line in the history.
        Records are saved in the order given, so a relation may follow the
        entity it needs. Returns the case's new revision.
        """
        checked = [self._checked(record) for record in records]
        with self._change(case_id, expected_revision, author) as change:
            cid = change["case_id"]
            summaries = [s for s in (self._save_one(cid, r) for r in checked) if s]
            if not summaries:
                change["skip"] = True
            shown = (
                summaries
                if len(summaries) <= 5
                else [*summaries[:3], f"en {len(summaries) - 3} meer"]
            )
            change["summary"] = "; ".join(shown)
        return change["revision"]

    @staticmethod
    def _checked(record: Any) -> Any:
        if _TABLES.get(type(record)) is None:
            raise TypeError(f"cannot save {type(record).__name__}")
        if not record.id:
            raise InvalidInput(
                "Een record zonder id kan niet worden opgeslagen.",
            )
        record = from_record(type(record), to_record(cleaned(record)))  # checks every field
        check_values(record)
        return record

    def _save_one(self, case_id: str, record: Any) -> str:
        """Upsert one checked record inside a change; the history text, '' when unchanged."""
        table = _TABLES[type(record)]
        self._check_refs(case_id, record)
        old = self._rows(
            f"SELECT * FROM {_q(table)} WHERE case_id = ? AND id = ?", [case_id, record.id]
        )
        if self._upsert(table, case_id, record, ("id",)):
            return _with_verb(self._name(case_id, record), "toegevoegd")
        before = from_row(type(record), old[0])
        changed = [
            f.name for f in fields(record) if getattr(before, f.name) != getattr(record, f.name)
        ]
        if not changed:
            return ""
        summary = _with_verb(self._name(case_id, record), "gewijzigd")
        return f"{summary} ({', '.join(changed)})"

    def _name(self, case_id: str, record: Any) -> str:
        """:func:`_describe` with entity ids replaced by names."""
        if isinstance(record, Relation):
            names = dict(
                self.db.execute(
                    "SELECT id, name FROM entities WHERE case_id = ? AND id IN (?, ?)",
                    [case_id, record.source, record.target],
                ).fetchall()
            )
            return (
                f"relatie ({label(record.kind)}): "
                f"{names.get(record.source, record.source)} – {names.get(record.target, record.target)}"
            )
        return _describe(record)

    def delete(
        self,
        case_id: str,
        record_type: type | str,
        record_id: str,
        *,
        expected_revision: int | None = None,
        author: str = "",
        on_actions: str = "refuse",
    ) -> int:
        """Delete a record and whatever hangs on it; returns the new revision.

        ``record_type`` is a model class (``Entity``) or its name ("entity").
        An entity takes its relations and positions with it and is unlinked
        from factors and goals; actions it carries are refused
        (``on_actions="refuse"``, InvalidInput), kept with its name as text
        ("unassign") or deleted ("delete"). A relation is unlinked from
        factors; a factor from goals; a goal takes its actions, monitoring and
        subgoals with it.
        """
        cls = (
            record_type
            if isinstance(record_type, type)
            else _TYPE_NAMES.get(str(record_type).lower())
        )
        if cls not in _TABLES:
            raise InvalidInput("Onbekend soort record: {record_type}.", record_type=record_type)
        if on_actions not in ("refuse", "unassign", "delete"):
            raise ValueError(f"on_actions must be refuse, unassign or delete, not {on_actions!r}")
        table = _TABLES[cls]
        with self._change(case_id, expected_revision, author) as change:
            cid = change["case_id"]
            rows = self._rows(
                f"SELECT * FROM {_q(table)} WHERE case_id = ? AND id = ?", [cid, record_id]
            )
            if not rows:
                raise NotFound(
                    "Dit onderdeel ({record_id}) bestaat niet (meer) in deze casus.",
                    record_id=record_id,
                )
            record = from_row(cls, rows[0])
            summary = _with_verb(self._name(cid, record), "verwijderd")
            if cls is Entity:
                # no name of someone who is gone in the history (AVG: the name goes too)
                kind = "persoon" if record.is_person else "systeem"
                summary = f"{kind} verwijderd (id {record.id})"
                summary += self._delete_entity(cid, record, on_actions)
            elif cls is Relation:
                self._unlink(cid, "factors", "relation_ids", {record_id})
                self.db.execute(
                    "DELETE FROM relations WHERE case_id = ? AND id = ?", [cid, record_id]
                )
            elif cls is Factor:
                self._unlink(cid, "goals", "factor_ids", {record_id})
                self.db.execute(
                    "DELETE FROM factors WHERE case_id = ? AND id = ?", [cid, record_id]
                )
            elif cls is Goal:
                doomed = self._goal_subtree(cid, record_id)
                for goal_id in doomed:  # actions and monitoring follow by cascade
                    self.db.execute(
                        "DELETE FROM goals WHERE case_id = ? AND id = ?", [cid, goal_id]
                    )
                if len(doomed) > 1:
                    summary += f" (met {len(doomed) - 1} subdoelen)"
            else:
                self.db.execute(
                    f"DELETE FROM {_q(table)} WHERE case_id = ? AND id = ?", [cid, record_id]
                )
            change["summary"] = summary
        return change["revision"]

    def _goal_subtree(self, case_id: str, goal_id: str) -> list[str]:
        children: dict[str, list[str]] = {}
        for gid, parent in self.db.execute(
            "SELECT id, parent_id FROM goals WHERE case_id = ?", [case_id]
        ):
            children.setdefault(parent, []).append(gid)
        result, todo = [], [goal_id]
        while todo:
            current = todo.pop()
            if current in result:
                continue
            result.append(current)
            todo.extend(children.get(current, []))
        return result

    def _unlink(self, case_id: str, table: str, column: str, ids: set[str]) -> set[str]:
        """Remove ``ids`` from the JSON list ``column`` of every row of ``table``.

        Returns the ids of the rows that changed.
        """
        changed: set[str] = set()
        for row_id, text in self.db.execute(
            f"SELECT id, {_q(column)} FROM {_q(table)} WHERE case_id = ?", [case_id]
        ).fetchall():
            values = json.loads(text)
            kept = [v for v in values if v not in ids]
            if kept != values:
                self.db.execute(
                    f"UPDATE {_q(table)} SET {_q(column)} = ? WHERE case_id = ? AND id = ?",
                    [json.dumps(kept, ensure_ascii=False), case_id, row_id],
                )
                changed.add(row_id)
        return changed

    def _delete_entity(self, case_id: str, entity: Entity, on_actions: str) -> str:
        actions = self.db.execute(
            "SELECT id FROM actions WHERE case_id = ? AND actor_id = ?", [case_id, entity.id]
        ).fetchall()
        if actions and on_actions == "refuse":
            raise InvalidInput(
                "{name} voert nog {n_actions} actie(s) uit in het plan. Wijs die eerst aan "
                "iemand anders toe, of kies bij verwijderen wat er met die acties gebeurt.",
                name=entity.name,
                n_actions=len(actions),
            )
        if on_actions == "delete":
            self.db.execute(
                "DELETE FROM actions WHERE case_id = ? AND actor_id = ?", [case_id, entity.id]
            )
        else:
            self.db.execute(
                "UPDATE actions SET actor_text = CASE WHEN actor_text = '' THEN ? ELSE actor_text END, "
                "actor_id = '' WHERE case_id = ? AND actor_id = ?",
                [entity.name, case_id, entity.id],
            )
        self.db.execute(
            "UPDATE goals SET owner_text = CASE WHEN owner_text = '' THEN ? ELSE owner_text END, "
            "owner_id = '' WHERE case_id = ? AND owner_id = ?",
            [entity.name, case_id, entity.id],
        )
        relation_ids = {
            r[0]
            for r in self.db.execute(
                "SELECT id FROM relations WHERE case_id = ? AND (source = ? OR target = ?)",
                [case_id, entity.id, entity.id],
            )
        }
        factors = self._unlink(case_id, "factors", "entity_ids", {entity.id})
        factors |= self._unlink(case_id, "factors", "relation_ids", relation_ids)
        # relations and positions follow by ON DELETE CASCADE
        self.db.execute("DELETE FROM entities WHERE case_id = ? AND id = ?", [case_id, entity.id])
        parts = []
        if relation_ids:
            parts.append(f"{len(relation_ids)} relaties")
        if actions:
            verb = "verwijderd" if on_actions == "delete" else "zonder uitvoerder"
            parts.append(f"{len(actions)} acties {verb}")
        if factors:
            parts.append(f"{len(factors)} factoren ontkoppeld")
        return f" ({', '.join(parts)})" if parts else ""

    # ------------------------------------------------------------ positions
    def set_position(self, case_id: str, position: Position, *, author: str = "") -> int:
        """Store where the user dragged an entity in a lens (and ego view)."""
        position = from_record(Position, to_record(position))
        with self._change(case_id, None, author) as change:
            cid = change["case_id"]
            names = dict(
                self.db.execute(
                    "SELECT id, name FROM entities WHERE case_id = ? AND id = ?",
                    [cid, position.entity_id],
                ).fetchall()
            )
            if position.entity_id not in names:
                raise NotFound(
                    "Persoon of systeem '{entity_id}' bestaat niet in deze casus.",
                    entity_id=position.entity_id,
                )
            self._upsert("positions", cid, position, ("lens", "view", "entity_id"))
            change["summary"] = (
                f"positie vastgelegd: {names[position.entity_id]} ({label(position.lens)})"
            )
        return change["revision"]

    def clear_positions(self, case_id: str, lens: Lens, view: str = "", *, author: str = "") -> int:
        """Forget the dragged positions of one lens (and ego view): back to automatic layout."""
        lens = Lens(lens)
        with self._change(case_id, None, author) as change:
            cursor = self.db.execute(
                "DELETE FROM positions WHERE case_id = ? AND lens = ? AND view = ?",
                [change["case_id"], lens.value, view],
            )
            if cursor.rowcount == 0:
                change["skip"] = True
            change["summary"] = f"posities gewist: {label(lens)}"
        return change["revision"]

    # ------------------------------------------------------------ snapshots
    def snapshot(
        self, case_id: str, label: str, *, taken: str | None = None, author: str = ""
    ) -> Snapshot:
        """Freeze the case as it is now under ``label`` ("intake"); later edits never change it."""
        label = without_bidi(label)
        if not label.strip():
            raise InvalidInput("Geef de momentopname een naam.")
        # the label is a name like any other (length, no control characters); the
        # frozen document is checked when it is read back, so it stays out here
        check_values(Snapshot(id="", case_id="", label=label.strip(), taken=taken or ""))
        with self._transaction():
            data = self.load(case_id)
            snap = Snapshot(
                id=new_id(),
                case_id=data.case.id,
                label=label.strip(),
                taken=taken or date.today().isoformat(),
                document=exchange.dump_case(data),
            )
            row = {"seq": self._next_seq("snapshots", data.case.id), **to_row(snap)}
            self._insert_row("snapshots", row)
            self._record_history(
                data.case.id, data.case.revision, author, f"momentopname gemaakt: {snap.label}"
            )
        return snap

    def snapshots(self, case_id: str) -> list[Snapshot]:
        """The case's snapshots, oldest first."""
        row = self._case_row(case_id)
        rows = self._rows(
            "SELECT * FROM snapshots WHERE case_id = ? ORDER BY taken, seq", [row["id"]]
        )
        return [from_row(Snapshot, r) for r in rows]

    def get_snapshot(self, snapshot_id: str) -> Snapshot:
        rows = self._rows("SELECT * FROM snapshots WHERE id = ?", [snapshot_id])
        if not rows:
            raise NotFound(
                "Momentopname '{snapshot_id}' bestaat niet (meer).",
                snapshot_id=snapshot_id,
            )
        return from_row(Snapshot, rows[0])

    def snapshot_data(self, snapshot_id: str) -> CaseData:
        """The case as it was when the snapshot was taken."""
        return exchange.load_case(self.get_snapshot(snapshot_id).document, strict=False)

    def delete_snapshot(self, snapshot_id: str, *, author: str = "") -> None:
        """Delete a snapshot; the history says which one and who deleted it.

        NotFound when it is gone already (deleted in another tab).
        """
        with self._transaction():
            snap = self.get_snapshot(snapshot_id)
            self.db.execute("DELETE FROM snapshots WHERE id = ?", [snapshot_id])
            revision = self.revision(snap.case_id)
            self._record_history(
                snap.case_id, revision, author, f"momentopname verwijderd: {snap.label}"
            )
