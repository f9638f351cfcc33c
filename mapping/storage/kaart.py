"""The SQL of the team's sociale kaart: the table ``sociale_kaart`` (migration 0007).

Only the store's own plumbing is used (``_transaction``, ``_rows`` and
``_execute`` with ``?`` placeholders), so the same statements run on SQLite
and on PostgreSQL. The kaart holds organisations, never client data; what a
case links to it (``entities.kaart_id``, ``actions.referral_org``) is read
here only as counts per organisation (:func:`links`).

Rows are plain dicts with the table's columns; :mod:`mapping.services.sociale_kaart`
makes organisations of them and checks what goes in.

>>> from mapping.storage.store import Store
>>> with Store(":memory:") as store:
...     put(store, {"id": "shv", "name": "Schuldhulp Stad", "kind": "debt"}, author="Anna")
...     [r["name"] for r in rows(store)], row(store, "shv")["changed_by"]
(['Schuldhulp Stad'], 'Anna')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

#: The columns of ``sociale_kaart`` an organisation fills (the others are bookkeeping).
COLUMNS = (
    "id",
    "name",
    "kind",
    "offer",
    "for_whom",
    "area",
    "contact",
    "how_to_refer",
    "waiting_weeks",
    "checked_on",
    "removed",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _execute(store: Any, sql: str, params: Any = ()) -> Any:
    # the store's own statement runner (one per backend); an older Store had only .db
    execute = getattr(store, "_execute", None)
    return execute(sql, params) if execute is not None else store.db.execute(sql, params)


def rows(store: Any, *, include_removed: bool = False) -> list[dict[str, Any]]:
    """Every organisation, by name (case-insensitive); removed ones only when asked."""
    sql = "SELECT * FROM sociale_kaart"
    if not include_removed:
        sql += " WHERE removed = 0"
    found = store._rows(sql, [])
    return sorted(found, key=lambda r: (r["name"].casefold(), r["id"]))


def row(store: Any, org_id: str) -> dict[str, Any] | None:
    """The organisation ``org_id`` (also a removed one), or None."""
    found = store._rows("SELECT * FROM sociale_kaart WHERE id = ?", [org_id])
    return found[0] if found else None


def ids(store: Any) -> set[str]:
    """Every id in the kaart, removed ones too (a new id must differ from all)."""
    return {r["id"] for r in store._rows("SELECT id FROM sociale_kaart", [])}


def put(store: Any, values: dict[str, Any], *, author: str) -> None:
    """Insert or update one organisation by its id (an UPDATE, never a DELETE + INSERT)."""
    record = {c: values[c] for c in COLUMNS if c in values}
    record.setdefault("removed", 0)
    record["removed"] = int(bool(record["removed"]))
    record["changed"] = _now()
    record["changed_by"] = author
    with store._transaction():
        if row(store, record["id"]) is None:
            names = ", ".join(record)
            marks = ", ".join("?" for _ in record)
            _execute(
                store,
                f"INSERT INTO sociale_kaart ({names}) VALUES ({marks})",
                list(record.values()),
            )
        else:
            sets = ", ".join(f"{c} = ?" for c in record if c != "id")
            values_ = [v for c, v in record.items() if c != "id"]
            _execute(
                store, f"UPDATE sociale_kaart SET {sets} WHERE id = ?", [*values_, record["id"]]
            )


def put_many(store: Any, records: Iterable[dict[str, Any]], *, author: str) -> None:
    """:func:`put` for each record, all in one transaction: all of them or none."""
    with store._transaction():
        for record in records:
            put(store, record, author=author)


def set_removed(store: Any, org_id: str, removed: bool, *, author: str) -> None:
    """Flag an organisation as removed (its row stays: linked cases keep its name)."""
    with store._transaction():
        _execute(
            store,
            "UPDATE sociale_kaart SET removed = ?, changed = ?, changed_by = ? WHERE id = ?",
            [int(removed), _now(), author, org_id],
        )


def links(store: Any, case_ids: Iterable[str]) -> tuple[list[dict], list[dict]]:
    """What the cases ``case_ids`` link to the kaart, and nothing else of them.

    Returns (systems, referrals): ``[{case_id, kaart_id}]`` of systems linked to
    an organisation and ``[{case_id, referral_org, referral_status, referred_on}]``
    of actions that are a referral. No name, no text of a case is read.
    """
    wanted = set(case_ids)
    if not wanted:
        return [], []
    systems = store._rows(
        "SELECT case_id, kaart_id FROM entities WHERE kaart_id != ''",
        [],
    )
    referrals = store._rows(
        "SELECT case_id, referral_org, referral_status, referred_on FROM actions "
        "WHERE referral_org != ''",
        [],
    )
    return (
        [r for r in systems if r["case_id"] in wanted],
        [r for r in referrals if r["case_id"] in wanted],
    )


def linked_case_count(store: Any, org_id: str) -> int:
    """In how many cases a system or a referral points at ``org_id`` (all cases: a number only)."""
    found = store._rows(
        "SELECT case_id FROM entities WHERE kaart_id = ? "
        "UNION SELECT case_id FROM actions WHERE referral_org = ?",
        [org_id, org_id],
    )
    return len(found)


__all__ = ["COLUMNS", "ids", "linked_case_count", "links", "put", "put_many", "row", "rows"]
