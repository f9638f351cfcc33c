"""The organisations of the team's sociale kaart: what one is, who may change them, and how.

:class:`Organisation` (name, kind from the ecogram's system kinds, offer, for
whom, area, contact, how to refer, waiting time in weeks, when last checked),
the rights (:func:`may_edit`: teamleider and beheerder; :func:`overview_scope`)
and the changes, each with its access-log line (no case). The public API is
:mod:`mapping.services.sociale_kaart`, which gathers this module,
:mod:`~mapping.services.kaart_csv` and :mod:`~mapping.services.kaart_overview`.

>>> kind_of("Schuldhulpverlening").value
'debt'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mapping.access.guard import REFUSED, AccessDenied
from mapping.access.guard import Action as LogAction
from mapping.access.users import Role
from mapping.core.codec import MAX_NAME, is_blank, without_bidi
from mapping.core.errors import InvalidInput, NotFound
from mapping.core.i18n import Message
from mapping.core.vocabulary import TERMS, SystemKind, label
from mapping.storage import kaart as sql

CSV_COLUMNS = (
    "naam",
    "soort",
    "aanbod",
    "voor_wie",
    "gebied",
    "contact",
    "verwijzen",
    "wachttijd_weken",
    "gecontroleerd_op",
)
#: The English column names an import accepts, with the Dutch one each stands for.
ENGLISH_COLUMNS = {
    "name": "naam",
    "kind": "soort",
    "offer": "aanbod",
    "for_whom": "voor_wie",
    "area": "gebied",
    "contact": "contact",
    "how_to_refer": "verwijzen",
    "waiting_weeks": "wachttijd_weken",
    "checked_on": "gecontroleerd_op",
}
#: The Organisation field behind each CSV column.
FIELD_OF = {dutch: english for english, dutch in ENGLISH_COLUMNS.items()}
#: Columns a CSV must have.
REQUIRED_COLUMNS = ("naam", "soort")
#: The longest text of the other fields (an offer, how to refer).
MAX_FIELD = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_WEEKS = 520
#: After this many days a waiting time is shown as possibly out of date.
STALE_DAYS = 182

#: The roles that may change the kaart (everyone signed in may read it).
EDITORS = frozenset({Role.TEAMLEIDER, Role.BEHEERDER})
#: The roles that see the overview over the team's cases (a casemanager sees it
#: over the cases they may open; a student not at all).
TEAM_OVERVIEW = frozenset({Role.TEAMLEIDER, Role.BEHEERDER})


@dataclass(frozen=True)
class Organisation:
    """One organisation of the sociale kaart.

    ``kind`` is a :class:`~mapping.core.vocabulary.SystemKind` value ('debt',
    'ggz', ...); ``waiting_weeks`` None when unknown; ``checked_on`` the ISO
    date the details were last checked ('' when never).
    """

    name: str
    kind: str = SystemKind.OTHER.value
    offer: str = ""
    for_whom: str = ""
    area: str = ""
    contact: str = ""
    how_to_refer: str = ""
    waiting_weeks: int | None = None
    checked_on: str = ""
    removed: bool = False
    id: str = ""

    def kind_label(self, lang: str = "nl") -> str:
        """The kind as the ecogram names it ('schuldhulpverlening')."""
        return kind_label(self.kind, lang)

    def age_days(self, today: date | None = None) -> int | None:
        """Days since the details were checked, or None when never."""
        checked = iso_date(self.checked_on)
        return None if checked is None else ((today or date.today()) - checked).days

    def is_stale(self, today: date | None = None) -> bool:
        """Never checked, or longer ago than :data:`STALE_DAYS`: the waiting time may be wrong."""
        age = self.age_days(today)
        return age is None or age > STALE_DAYS


# --------------------------------------------------------------------------
# Rights and the access log
# --------------------------------------------------------------------------
def _principal(store: Any) -> Any:
    return getattr(store, "principal", None)


def may_edit(store: Any) -> bool:
    """Whether the user of ``store`` may change the kaart (see :data:`EDITORS`).

    A plain Store (no principal) is the program itself: it may.
    """
    who = _principal(store)
    return who is None or who.everything or who.role in EDITORS


def overview_scope(store: Any) -> str:
    """Over which cases the user sees the overview: 'all' (personal mode, the command
    line), 'team' (teamleider, beheerder), 'own' (a casemanager), or '' (not at all)."""
    who = _principal(store)
    if who is None or who.everything:
        return "all"
    if who.role in TEAM_OVERVIEW:
        return "team"
    if who.role == Role.CASEMANAGER:
        return "own"
    return ""


def log_kaart(store: Any, action: LogAction, detail: str, outcome: str = "ok") -> None:
    """One access-log line without a case (a plain Store keeps no log)."""
    record = getattr(store, "record", None)
    if record is not None:
        record(action, outcome=outcome, detail=detail[:500])


def require_edit(store: Any, what: str) -> None:
    if not may_edit(store):
        log_kaart(store, LogAction.CHANGE, f"sociale kaart: {what}", REFUSED)
        raise AccessDenied(
            "Alleen de teamleider en de beheerder kunnen de sociale kaart wijzigen. Vraag hen "
            "om deze wijziging."
        )


# --------------------------------------------------------------------------
# Reading and changing
# --------------------------------------------------------------------------
def _org(row: dict[str, Any]) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        kind=row["kind"] or SystemKind.OTHER.value,
        offer=row["offer"],
        for_whom=row["for_whom"],
        area=row["area"],
        contact=row["contact"],
        how_to_refer=row["how_to_refer"],
        waiting_weeks=row["waiting_weeks"],
        checked_on=row["checked_on"],
        removed=bool(row["removed"]),
    )


def org_row(org: Organisation) -> dict[str, Any]:
    return {c: getattr(org, c) for c in sql.COLUMNS}


def organisations(store: Any, *, include_removed: bool = False) -> list[Organisation]:
    """The organisations of the kaart by name; removed ones only when asked."""
    return [_org(r) for r in sql.rows(store, include_removed=include_removed)]


def names(store: Any) -> dict[str, str]:
    """Kaart id -> name of every organisation, removed ones too: what a report names
    a referral by, also when the organisation is not on the family's ecogram."""
    return {o.id: o.name for o in organisations(store, include_removed=True)}


def get(store: Any, org_id: str) -> Organisation | None:
    """The organisation ``org_id``, also when it was removed (see ``removed``), or None."""
    if not org_id:
        return None
    found = sql.row(store, org_id)
    return _org(found) if found else None


def name_key(name: str) -> str:
    """A name as two names are compared: case, accents and spacing aside."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split()) or name.casefold().strip()


def find(store: Any, text: str) -> list[Organisation]:
    """Organisations whose name holds ``text`` (case and accents aside), for pickers.

    Names that start with ``text`` come first; an empty ``text`` gives them all.
    """
    wanted = name_key(text) if text.strip() else ""
    found = [o for o in organisations(store) if wanted in name_key(o.name)]
    return sorted(found, key=lambda o: (not name_key(o.name).startswith(wanted), name_key(o.name)))


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "organisatie"


def new_org_id(name: str, taken: set[str]) -> str:
    """A readable id from the name ('schuldhulpverlening-stad'), unique in ``taken``."""
    base = _slug(name)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def check_org(org: Organisation, where: Message | None = None) -> Organisation:
    """The organisation with its texts tidied, or InvalidInput naming the field.

    A name (at most 200 characters), a known kind, a waiting time of 0 to
    :data:`MAX_WEEKS` weeks, a checked-on date that is a date and not in the
    future, and no control characters.
    """
    where = where or Message("Organisatie '{name}'", name=org.name[:60])
    texts = {}
    for name in ("name", "offer", "for_whom", "area", "contact", "how_to_refer"):
        value = getattr(org, name)
        if not isinstance(value, str):
            raise InvalidInput("{where}: '{field}' moet tekst zijn.", where=where, field=name)
        value = without_bidi(value).strip()
        bad = next((ch for ch in value if ord(ch) < 32 and ch not in "\t\n\r" or ch == "\x7f"), "")
        if bad:
            raise InvalidInput(
                "{where}: '{field}' bevat een onzichtbaar stuurteken (U+{code}).",
                where=where,
                field=column_of(name),
                code=f"{ord(bad):04X}",
            )
        limit = MAX_NAME if name == "name" else MAX_FIELD
        if len(value) > limit:
            raise InvalidInput(
                "{where}: '{field}' is te lang ({n_text} tekens, hoogstens {limit}).",
                where=where,
                field=column_of(name),
                n_text=len(value),
                limit=limit,
            )
        texts[name] = value
    if is_blank(texts["name"]):
        raise InvalidInput("{where}: geef de organisatie een naam.", where=where)
    kind = kind_of(org.kind, where)
    weeks = org.waiting_weeks
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int)):
        raise InvalidInput("{where}: de wachttijd is een heel aantal weken.", where=where)
    if weeks is not None and not 0 <= weeks <= MAX_WEEKS:
        raise InvalidInput(
            "{where}: een wachttijd van {weeks} weken kan niet; geef 0 tot {max_weeks} weken.",
            where=where,
            weeks=weeks,
            max_weeks=MAX_WEEKS,
        )
    checked = org.checked_on.strip()
    if checked:
        day = iso_date(checked)
        if day is None:
            raise InvalidInput(
                "{where}: '{value}' is geen datum van controle; schrijf JJJJ-MM-DD.",
                where=where,
                value=checked[:30],
            )
        if day > date.today():
            raise InvalidInput(
                "{where}: de datum van controle ({value}) ligt in de toekomst.",
                where=where,
                value=checked,
            )
    return replace(org, **texts, kind=kind.value, checked_on=checked)


def kind_label(kind: str, lang: str = "nl") -> str:
    """A kind's value as the ecogram names it; a value no kind has stays as it is.

    >>> kind_label("debt"), kind_label("debt", "en"), kind_label("iets anders")
    ('schuldhulpverlening', 'debt counselling', 'iets anders')
    """
    try:
        return label(SystemKind(kind), lang)
    except ValueError:
        return kind


def kind_of(text: str, where: Message | None = None) -> SystemKind:
    """The system kind ``text`` names: its value ('debt') or its Dutch or English label.

    >>> kind_of("Schuldhulpverlening").value, kind_of("GGZ").value, kind_of("").value
    ('debt', 'ggz', 'other')
    """
    wanted = " ".join(str(text).casefold().split())
    if not wanted:
        return SystemKind.OTHER
    for kind in SystemKind:
        term = TERMS[kind]
        if wanted in (kind.value, term.nl.casefold(), term.en.casefold()):
            return kind
    raise InvalidInput(
        "{where}: onbekende soort '{value}'. Kies een van: {kinds}.",
        where=where or Message("De soort"),
        value=str(text)[:40],
        kinds=", ".join(label(k) for k in SystemKind),
    )


def save_org(store: Any, org: Organisation, *, author: str) -> Organisation:
    """Add an organisation (``id`` '') or change one; returns it as stored.

    Refused: a user who may not edit (AccessDenied, logged), bad values
    (:func:`check_org`), a name another organisation on the kaart has already.
    """
    require_edit(store, f"opslaan: {org.name[:80]}")
    org = check_org(org)
    same = [
        o for o in organisations(store) if name_key(o.name) == name_key(org.name) and o.id != org.id
    ]
    if same:
        raise InvalidInput(
            "Er staat al een organisatie '{name}' op de sociale kaart; pas die aan.",
            name=same[0].name,
        )
    new = not org.id
    if not new and sql.row(store, org.id) is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org.id)
    if new:
        org = replace(org, id=new_org_id(org.name, sql.ids(store)), removed=False)
    with store._transaction():
        sql.put(store, org_row(org), author=author)
        verb = "toegevoegd" if new else "gewijzigd"
        log_kaart(store, LogAction.CHANGE, f"sociale kaart: {verb}: {org.name} ({org.id})")
    return org


def remove(store: Any, org_id: str, *, author: str) -> Organisation:
    """Take an organisation off the kaart; its row stays (flagged) for the cases that link to it."""
    org = get(store, org_id)
    require_edit(store, f"verwijderen: {org.name if org else org_id}")
    if org is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org_id)
    with store._transaction():
        sql.set_removed(store, org_id, True, author=author)
        log_kaart(store, LogAction.CHANGE, f"sociale kaart: verwijderd: {org.name} ({org.id})")
    return replace(org, removed=True)


def restore(store: Any, org_id: str, *, author: str) -> Organisation:
    """Put a removed organisation back on the kaart."""
    org = get(store, org_id)
    require_edit(store, f"terugzetten: {org.name if org else org_id}")
    if org is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org_id)
    same = [o for o in organisations(store) if name_key(o.name) == name_key(org.name)]
    if same:
        raise InvalidInput(
            "Er staat al een organisatie '{name}' op de sociale kaart; pas die aan.",
            name=same[0].name,
        )
    with store._transaction():
        sql.set_removed(store, org_id, False, author=author)
        log_kaart(store, LogAction.CHANGE, f"sociale kaart: teruggezet: {org.name} ({org.id})")
    return replace(org, removed=False)


def linked_cases(store: Any, org_id: str) -> int:
    """In how many cases a system or a referral points at the organisation (a number only)."""
    return sql.linked_case_count(store, org_id)


COLUMN_OF = {field_: column for column, field_ in FIELD_OF.items()}


def column_of(field_name: str) -> str:
    return COLUMN_OF.get(field_name, field_name)


def iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None
