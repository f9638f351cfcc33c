"""Bewaartermijn: which closed cases are due for destruction, and destroying them.

A case is closed when it is archived; from that day its retention period runs
(``$CASEMAP_RETENTION_YEARS``, default :data:`DEFAULT_YEARS`: the 15 years the
Jeugdwet sets for youth-care records, which wijkteams commonly follow too).
Destroying a case removes it with its network, plan, snapshots and history;
what stays is the access-log line that says which case was destroyed, when and
by whom, and no content. Deleted pages are overwritten (``secure_delete``),
the write-ahead log is emptied and the file is compacted (``VACUUM``), so the
data are gone from the file as well.

>>> from datetime import date
>>> due_date("2020-03-01", 15)
datetime.date(2035, 3, 1)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from mapping.access.guard import GuardedStore
from mapping.core.errors import InvalidInput

#: Years a closed case is kept before it is due for destruction.
DEFAULT_YEARS = 15
YEARS_ENV = "CASEMAP_RETENTION_YEARS"


@dataclass(frozen=True)
class Due:
    code: str
    case_id: str
    closed: str
    due: date


def retention_years(env: dict | None = None) -> int:
    raw = (env if env is not None else os.environ).get(YEARS_ENV, "")
    if not raw:
        return DEFAULT_YEARS
    try:
        years = int(raw)
    except ValueError:
        years = 0
    if years < 1:
        raise InvalidInput(
            "{years_env} moet een aantal jaren zijn (1 of meer), niet '{raw}'.",
            years_env=YEARS_ENV,
            raw=raw,
        )
    return years


def due_date(closed: str, years: int) -> date:
    start = date.fromisoformat(closed[:10])
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def due_cases(store: GuardedStore, years: int, today: date | None = None) -> list[Due]:
    """Closed cases whose retention ended on or before ``today``, oldest first."""
    today = today or date.today()
    found = []
    rows = store.db.execute(
        "SELECT c.id, c.code, k.closed FROM cases c JOIN case_closure k ON k.case_id = c.id "
        "ORDER BY k.closed, c.code"
    ).fetchall()
    for case_id, code, closed in rows:
        when = due_date(closed, years)
        if when <= today and store.may_open(case_id) is not None:
            found.append(Due(code, case_id, closed, when))
    return found


def destroy(
    store: GuardedStore, codes: list[str], years: int, today: date | None = None
) -> list[str]:
    """Destroy the cases ``codes``; each must be closed and past its retention."""
    due = {d.code: d for d in due_cases(store, years, today)}
    for code in codes:
        if code not in due:
            case = store.get_case(code)  # refuses (and logs) one the user may not open
            closed = store.closed_on(case.id)
            if closed:
                raise InvalidInput(
                    "Casus {code} is gesloten op {closed} en pas op {due} aan de beurt. Er is "
                    "niets vernietigd.",
                    code=case.code,
                    closed=closed,
                    due=due_date(closed, years),
                )
            raise InvalidInput(
                "Casus {code} is nog open (niet gearchiveerd) en wordt niet vernietigd. Er is "
                "niets vernietigd.",
                code=case.code,
            )
    destroyed = []
    for code in codes:
        store.delete_case(due[code].case_id, reason=f"vernietigd na bewaartermijn ({years} jaar)")
        destroyed.append(code)
    wipe(store)
    return destroyed


def wipe(store: GuardedStore) -> None:
    """Leave nothing of deleted rows in the file: empty the WAL, compact the database.

    On PostgreSQL, ``VACUUM FULL`` writes every table anew without the deleted
    rows; the server's own write-ahead log and its backups keep them until
    they are recycled (the server's retention, not casemap's).
    """
    if store.postgres:
        store.db.execute("VACUUM FULL")
        return
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("VACUUM")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
