"""The team's sociale kaart: the organisations a casemanager refers families to.

One shared list per database (no client data in it): name, kind (a system
kind of the ecogram), what they offer, for whom, area, contact, how to refer,
the waiting time in weeks and when that was last checked. A system of an
ecogram links to it by ``Entity.kaart_id``, a referral in the plan by
``Action.referral_org``.

Who may change it follows the roles (:func:`may_edit`): the teamleider and
the beheerder, and the one user of a personal laptop or the command line;
casemanagers and students read it. Every change leaves a line in the access
log (no case: the kaart holds none). A removed organisation keeps its row,
flagged, so a case that links to it still shows its name (:func:`get`).

The CSV (import and export) has Dutch column names (:data:`CSV_COLUMNS`;
the English names are read too), ``;`` or ``,`` between fields, and UTF-8
with or without BOM, UTF-16 or Windows-1252. An import is all or nothing: one
bad row refuses the whole file, naming the row and column.

This module is the one to import; the work is done in
:mod:`~mapping.services.kaart_orgs` (organisations and rights),
:mod:`~mapping.services.kaart_csv` (the CSV) and
:mod:`~mapping.services.kaart_overview` (the overview across cases), over the
SQL of :mod:`mapping.storage.kaart`.

>>> from mapping.storage.store import Store
>>> with Store(":memory:") as store:
...     org = save_org(store, Organisation(name="Schuldhulp Stad", kind="debt"), author="Anna")
...     [o.name for o in find(store, "schuld")], get(store, org.id).kind
(['Schuldhulp Stad'], 'debt')
"""

from __future__ import annotations

from mapping.services.kaart_csv import (
    CsvRow,
    ImportResult,
    export_bytes,
    export_csv,
    import_csv,
    plan_import,
    read_csv,
)
from mapping.services.kaart_orgs import (
    CSV_COLUMNS,
    EDITORS,
    ENGLISH_COLUMNS,
    MAX_WEEKS,
    STALE_DAYS,
    TEAM_OVERVIEW,
    Organisation,
    check_org,
    find,
    get,
    kind_label,
    kind_of,
    linked_cases,
    may_edit,
    names,
    organisations,
    overview_scope,
    remove,
    restore,
    save_org,
)
from mapping.services.kaart_overview import Overview, OverviewRow, overview, overview_of
from mapping.storage import kaart as sql

__all__ = [
    "CSV_COLUMNS",
    "EDITORS",
    "ENGLISH_COLUMNS",
    "MAX_WEEKS",
    "STALE_DAYS",
    "TEAM_OVERVIEW",
    "CsvRow",
    "ImportResult",
    "Organisation",
    "Overview",
    "OverviewRow",
    "check_org",
    "export_bytes",
    "export_csv",
    "find",
    "get",
    "import_csv",
    "kind_label",
    "kind_of",
    "linked_cases",
    "may_edit",
    "names",
    "organisations",
    "overview",
    "overview_of",
    "overview_scope",
    "plan_import",
    "read_csv",
    "remove",
    "restore",
    "save_org",
    "sql",
]
