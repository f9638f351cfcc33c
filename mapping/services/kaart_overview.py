"""The teamleider's overview of the sociale kaart: per organisation, counts of cases only.

How many of the cases the user may open link a system to the organisation,
how many wait for it (an open referral) and the median wait since the
aanmelding; no family is named, and reading it is one access-log line.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mapping.access.guard import REFUSED, AccessDenied
from mapping.access.guard import Action as LogAction
from mapping.core.vocabulary import ReferralStatus
from mapping.services.kaart_orgs import (
    Organisation,
    iso_date,
    log_kaart,
    name_key,
    organisations,
    overview_scope,
)
from mapping.storage import kaart as sql
from mapping.storage.store import Store


@dataclass(frozen=True)
class OverviewRow:
    """One organisation in the overview: counts of cases only, never which ones."""

    org_id: str
    name: str
    kind: str
    removed: bool
    #: the kaart's own waiting time (weeks), as last checked
    waiting_weeks: int | None
    #: cases with a system linked to the organisation
    linked: int
    #: cases with an open referral (aangemeld, wachtlijst, intake gepland) to it
    waiting: int
    #: the median of the days those open referrals have waited since aanmelding
    median_days: float | None
    unknown: bool = False


@dataclass(frozen=True)
class Overview:
    scope: str
    cases: int
    rows: list[OverviewRow]


def overview_of(
    orgs: Iterable[Organisation],
    systems: Iterable[dict[str, Any]],
    referrals: Iterable[dict[str, Any]],
    today: date | None = None,
) -> list[OverviewRow]:
    """Per organisation: linked cases, cases waiting, median wait (pure).

    ``systems`` and ``referrals`` are the rows :func:`mapping.storage.kaart.links`
    gives. A case counts once per organisation however many systems or
    referrals it has; the median is over the open referrals with a date.
    Organisations come by most cases waiting, then most linked, then name;
    an id the kaart does not know gets a row of its own (``unknown``).

    >>> orgs = [Organisation(id="shv", name="Schuldhulp", kind="debt")]
    >>> refs = [{"case_id": "c1", "referral_org": "shv", "referral_status": "wachtlijst",
    ...          "referred_on": "2026-01-01"}]
    >>> row = overview_of(orgs, [{"case_id": "c1", "kaart_id": "shv"}], refs, date(2026, 1, 15))[0]
    >>> row.linked, row.waiting, row.median_days
    (1, 1, 14.0)
    """
    today = today or date.today()
    known = {o.id: o for o in orgs}
    linked: dict[str, set[str]] = {}
    for s in systems:
        linked.setdefault(s["kaart_id"], set()).add(s["case_id"])
    waiting: dict[str, set[str]] = {}
    days: dict[str, list[int]] = {}
    for r in referrals:
        try:
            is_open = ReferralStatus(r["referral_status"]).is_open
        except ValueError:
            continue
        if not is_open:
            continue
        waiting.setdefault(r["referral_org"], set()).add(r["case_id"])
        since = iso_date(r.get("referred_on") or "")
        if since is not None and since <= today:
            days.setdefault(r["referral_org"], []).append((today - since).days)
    ids = set(known) | set(linked) | set(waiting)
    rows = []
    for org_id in ids:
        org = known.get(org_id)
        if org is None:
            org = Organisation(id=org_id, name=org_id)
        if org.removed and org_id not in linked and org_id not in waiting:
            continue
        spans = days.get(org_id)
        rows.append(
            OverviewRow(
                org_id=org_id,
                name=org.name,
                kind=org.kind,
                removed=org.removed,
                waiting_weeks=org.waiting_weeks,
                linked=len(linked.get(org_id, ())),
                waiting=len(waiting.get(org_id, ())),
                median_days=float(statistics.median(spans)) if spans else None,
                unknown=org_id not in known,
            )
        )
    return sorted(rows, key=lambda r: (-r.waiting, -r.linked, name_key(r.name)))


def overview(store: Any, *, today: date | None = None) -> Overview:
    """The overview over the cases the user may open, as :func:`overview_scope` allows.

    Reads only the links of those cases (no names, no texts) and leaves one
    access-log line; a student is refused (AccessDenied, logged).
    """
    scope = overview_scope(store)
    if not scope:
        log_kaart(store, LogAction.VIEW, "sociale kaart: overzicht", REFUSED)
        raise AccessDenied("Het overzicht over de casussen is voor casemanagers en teamleiders.")
    may_open = getattr(store, "may_open", None)
    # the unguarded list (the guard's own would log a line of its own): the guard's
    # may_open decides, case by case, as for the case list
    cases = Store.list_cases(store)
    case_ids = [c.id for c in cases if may_open is None or may_open(c.id) is not None]
    systems, referrals = sql.links(store, case_ids)
    rows = overview_of(organisations(store, include_removed=True), systems, referrals, today)
    log_kaart(store, LogAction.VIEW, f"sociale kaart: overzicht over {len(case_ids)} casussen")
    return Overview(scope=scope, cases=len(case_ids), rows=rows)
