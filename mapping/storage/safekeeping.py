"""Keeping the caseload safe: encrypt a plain database, back it up, restore a backup.

- :func:`encrypt` turns a plain database into a SQLCipher one, checks that the
  copy holds every row, and only then replaces the plain file.
- :func:`backup` copies a database while the app runs (SQLite's online backup
  API), encrypted with the same key when it is, and writes a SHA-256 checksum
  beside it (``FILE.sha256``, the format of ``sha256sum``).
- :func:`restore` checks that checksum and the backup itself, and restores into
  a new file; over an existing database only when asked, and the old file is
  kept beside it.

Every file made here is owner-only (0600).

All three are for a SQLite file. A PostgreSQL database is backed up and
restored with the server's own tools (``pg_dump``, ``pg_restore``) and
encrypted by the server (its disk, TLS): asked for one, these say so.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from mapping.core.errors import InvalidInput, StoreUnavailable
from mapping.storage.backends import is_postgres, redacted
from mapping.storage.store import (
    MIGRATIONS,
    Store,
    _connect,
    _sql_text,
    owner_only,
    raw_key,
    sqlcipher,
)

CHECKSUM_SUFFIX = ".sha256"


def _new_file(path: Path) -> None:
    """Create ``path`` empty and owner-only; refuse when it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise InvalidInput(
            "{path} bestaat al; kies een andere naam. Er is niets overschreven.",
            path=path,
        ) from None


def sqlite_only(target: object) -> None:
    """Refuse a PostgreSQL database, saying which tools do this there."""
    if is_postgres(target):
        raise InvalidInput(
            "{url} is een PostgreSQL-database: maak de back-up met pg_dump (bijvoorbeeld "
            "pg_dump --format=custom --file=casemap.dump DATABASE-URL) en zet hem terug met "
            "pg_restore. Versleuteling regelt de server (versleutelde schijf, TLS). casemap "
            "backup, restore en encrypt zijn voor een SQLite-bestand.",
            url=redacted(str(target)),
        )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def fingerprint(store: Store) -> dict[str, str]:
    """A SHA-256 of every table's rows, in a stable order: two equal databases agree."""
    found = {}
    tables = [
        row[0]
        for row in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    for table in tables:
        digest = hashlib.sha256()
        for row in store.db.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
            digest.update(repr(row).encode("utf-8"))
        found[table] = digest.hexdigest()
    found["_schema"] = hashlib.sha256(
        repr(
            store.db.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                "ORDER BY type, name"
            ).fetchall()
        ).encode()
    ).hexdigest()
    return found


def _intact(store: Store) -> None:
    result = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise StoreUnavailable(
            "De database {path} is beschadigd ({result}).",
            path=store.path,
            result=result,
        )


def encrypt(path: str | Path, key: str) -> Path:
    """Replace the plain database at ``path`` by an encrypted copy, verified first."""
    sqlite_only(path)
    path = Path(path)
    if sqlcipher is None:
        raise StoreUnavailable("Het pakket sqlcipher3 ontbreekt.")
    with Store(path, key=None) as plain:  # refuses an encrypted or foreign file
        plain.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = fingerprint(plain)
    target = path.with_name(path.name + ".versleuteld")
    _remove(target)
    _new_file(target)
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(f"ATTACH DATABASE {_sql_text(str(target))} AS versleuteld KEY {raw_key(key)}")
        conn.execute("SELECT sqlcipher_export('versleuteld')")
        conn.execute("DETACH DATABASE versleuteld")
    finally:
        conn.close()
    try:
        with Store(target, key=key) as copy:
            _intact(copy)
            after = fingerprint(copy)
            copy.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if after != before:
            differ = sorted(k for k in before if before.get(k) != after.get(k))
            raise StoreUnavailable(
                "De versleutelde kopie wijkt af ({differ}); de onversleutelde database is niet "
                "aangeraakt.",
                differ=", ".join(differ),
            )
    except BaseException:
        _remove(target)
        raise
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(target, path)
    _remove(target)  # and the -wal/-shm its check left
    owner_only(path)
    return path


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(store: Store, out: str | Path) -> tuple[Path, str]:
    """A consistent copy of ``store`` at ``out`` (same key) and its checksum file.

    Uses SQLite's online backup API, so the app may go on saving meanwhile;
    the copy holds every change committed before it finished.
    """
    sqlite_only(store.path)
    out = Path(out)
    _new_file(out)
    try:
        target = _connect(str(out), store.key)
        try:
            store.db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        check = _connect(str(out), store.key)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise StoreUnavailable(
                "De back-up {out} is niet in orde ({result}).", out=out, result=result
            )
        digest = checksum(out)
        sums = Path(str(out) + CHECKSUM_SUFFIX)
        sums.unlink(missing_ok=True)
        _new_file(sums)
        sums.write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    except BaseException:
        _remove(out)
        Path(str(out) + CHECKSUM_SUFFIX).unlink(missing_ok=True)
        raise
    return out, digest


def restore(
    backup_file: str | Path, target: str | Path, key: str | None, *, replace: bool = False
) -> Path:
    """Check ``backup_file`` and restore it as the database ``target``.

    The checksum must match; the backup must open with ``key``, pass the
    integrity check and be of this version's schema or an older one. An
    existing ``target`` is only replaced with ``replace=True``, and then kept
    as ``TARGET.voor-herstel-<time>``.
    """
    sqlite_only(target)
    backup_file, target = Path(backup_file), Path(target)
    sums = Path(str(backup_file) + CHECKSUM_SUFFIX)
    if not backup_file.is_file():
        raise InvalidInput("Back-up {backup_file} niet gevonden.", backup_file=backup_file)
    if not sums.is_file():
        raise InvalidInput(
            "Bij {backup_file} hoort een controlebestand {name}; het ontbreekt. Zonder "
            "controle wordt niet teruggezet.",
            backup_file=backup_file,
            name=sums.name,
        )
    words = sums.read_text(encoding="utf-8", errors="replace").split()
    expected = words[0] if words else ""
    if checksum(backup_file) != expected:
        raise InvalidInput(
            "De back-up {backup_file} is beschadigd of gewijzigd (de controlesom klopt "
            "niet). Er is niets teruggezet.",
            backup_file=backup_file,
        )
    if target.exists() and not replace:
        raise InvalidInput(
            "{target} bestaat al. Kies een nieuwe naam met --to, of vervang hem bewust met "
            "--replace (de huidige database blijft dan bewaard).",
            target=target,
        )
    staging = target.with_name(target.name + ".herstel")
    _remove(staging)
    _new_file(staging)
    try:
        with open(backup_file, "rb") as source, open(staging, "wb") as copy:
            for block in iter(lambda: source.read(1 << 20), b""):
                copy.write(block)
        with Store(staging, key=key) as restored:  # key, version and migrations checked here
            _intact(restored)
            if MIGRATIONS.pending(restored.db):
                raise StoreUnavailable("Migratie mislukt.")
            restored.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        _remove(staging)
        raise
    if target.exists():
        keep = target.with_name(
            f"{target.name}.voor-herstel-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}"
        )
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(target, keep)
    for suffix in ("-wal", "-shm"):
        Path(str(staging) + suffix).unlink(missing_ok=True)
    os.replace(staging, target)
    owner_only(target)
    return target


__all__ = ["backup", "checksum", "encrypt", "fingerprint", "restore"]
