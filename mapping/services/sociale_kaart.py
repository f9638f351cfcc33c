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

>>> from mapping.storage.store import Store
>>> with Store(":memory:") as store:
...     org = save_org(store, Organisation(name="Schuldhulp Stad", kind="debt"), author="Anna")
...     [o.name for o in find(store, "schuld")], get(store, org.id).kind
(['Schuldhulp Stad'], 'debt')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mapping.access.guard import REFUSED, AccessDenied
from mapping.access.guard import Action as LogAction
from mapping.access.users import Role
from mapping.core.codec import MAX_NAME, is_blank, without_bidi
from mapping.core.errors import InvalidInput, NotFound
from mapping.core.i18n import Message
from mapping.core.vocabulary import TERMS, ReferralStatus, SystemKind, label
from mapping.storage import kaart as sql
from mapping.storage.store import Store

#: The columns of the CSV, in order (Dutch; :data:`ENGLISH_COLUMNS` are read too).
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
_FIELD_OF = {dutch: english for english, dutch in ENGLISH_COLUMNS.items()}
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
        try:
            return label(SystemKind(self.kind), lang)
        except ValueError:
            return self.kind

    def age_days(self, today: date | None = None) -> int | None:
        """Days since the details were checked, or None when never."""
        checked = _iso_date(self.checked_on)
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


def _log(store: Any, action: LogAction, detail: str, outcome: str = "ok") -> None:
    """One access-log line without a case (a plain Store keeps no log)."""
    record = getattr(store, "record", None)
    if record is not None:
        record(action, outcome=outcome, detail=detail[:500])


def _require_edit(store: Any, what: str) -> None:
    if not may_edit(store):
        _log(store, LogAction.CHANGE, f"sociale kaart: {what}", REFUSED)
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


def _row(org: Organisation) -> dict[str, Any]:
    return {c: getattr(org, c) for c in sql.COLUMNS}


def organisations(store: Any, *, include_removed: bool = False) -> list[Organisation]:
    """The organisations of the kaart by name; removed ones only when asked."""
    return [_org(r) for r in sql.rows(store, include_removed=include_removed)]


def get(store: Any, org_id: str) -> Organisation | None:
    """The organisation ``org_id``, also when it was removed (see ``removed``), or None."""
    if not org_id:
        return None
    found = sql.row(store, org_id)
    return _org(found) if found else None


def _key(name: str) -> str:
    """A name as two names are compared: case, accents and spacing aside."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split()) or name.casefold().strip()


def find(store: Any, text: str) -> list[Organisation]:
    """Organisations whose name holds ``text`` (case and accents aside), for pickers.

    Names that start with ``text`` come first; an empty ``text`` gives them all.
    """
    wanted = _key(text) if text.strip() else ""
    found = [o for o in organisations(store) if wanted in _key(o.name)]
    return sorted(found, key=lambda o: (not _key(o.name).startswith(wanted), _key(o.name)))


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "organisatie"


def _new_id(name: str, taken: set[str]) -> str:
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
                field=_column(name),
                code=f"{ord(bad):04X}",
            )
        limit = MAX_NAME if name == "name" else MAX_FIELD
        if len(value) > limit:
            raise InvalidInput(
                "{where}: '{field}' is te lang ({n_text} tekens, hoogstens {limit}).",
                where=where,
                field=_column(name),
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
        day = _iso_date(checked)
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
    _require_edit(store, f"opslaan: {org.name[:80]}")
    org = check_org(org)
    same = [o for o in organisations(store) if _key(o.name) == _key(org.name) and o.id != org.id]
    if same:
        raise InvalidInput(
            "Er staat al een organisatie '{name}' op de sociale kaart; pas die aan.",
            name=same[0].name,
        )
    new = not org.id
    if not new and sql.row(store, org.id) is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org.id)
    if new:
        org = replace(org, id=_new_id(org.name, sql.ids(store)), removed=False)
    with store._transaction():
        sql.put(store, _row(org), author=author)
        verb = "toegevoegd" if new else "gewijzigd"
        _log(store, LogAction.CHANGE, f"sociale kaart: {verb}: {org.name} ({org.id})")
    return org


def remove(store: Any, org_id: str, *, author: str) -> Organisation:
    """Take an organisation off the kaart; its row stays (flagged) for the cases that link to it."""
    org = get(store, org_id)
    _require_edit(store, f"verwijderen: {org.name if org else org_id}")
    if org is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org_id)
    with store._transaction():
        sql.set_removed(store, org_id, True, author=author)
        _log(store, LogAction.CHANGE, f"sociale kaart: verwijderd: {org.name} ({org.id})")
    return replace(org, removed=True)


def restore(store: Any, org_id: str, *, author: str) -> Organisation:
    """Put a removed organisation back on the kaart."""
    org = get(store, org_id)
    _require_edit(store, f"terugzetten: {org.name if org else org_id}")
    if org is None:
        raise NotFound("De organisatie '{org}' staat niet (meer) op de sociale kaart.", org=org_id)
    same = [o for o in organisations(store) if _key(o.name) == _key(org.name)]
    if same:
        raise InvalidInput(
            "Er staat al een organisatie '{name}' op de sociale kaart; pas die aan.",
            name=same[0].name,
        )
    with store._transaction():
        sql.set_removed(store, org_id, False, author=author)
        _log(store, LogAction.CHANGE, f"sociale kaart: teruggezet: {org.name} ({org.id})")
    return replace(org, removed=False)


def linked_cases(store: Any, org_id: str) -> int:
    """In how many cases a system or a referral points at the organisation (a number only)."""
    return sql.linked_case_count(store, org_id)


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------
_COLUMN_OF = {field_: column for column, field_ in _FIELD_OF.items()}


def _column(field_name: str) -> str:
    return _COLUMN_OF.get(field_name, field_name)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _read_date(text: str) -> str | None:
    """'2026-03-01', '1-3-2026', '01/03/2026' -> '2026-03-01'; None when no date."""
    if _iso_date(text):
        return text
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1])).isoformat()
    except ValueError:
        return None


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-16 (BOM), UTF-8 (BOM or not), else Windows-1252 / Latin-1."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            "Het bestand is groter dan {mb} MB en wordt niet gelezen.", mb=MAX_BYTES // 2**20
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise InvalidInput(
        "Dit bestand is geen leesbare tekst (geen UTF-8 of Windows-1252). Sla het in Excel op "
        "als 'CSV UTF-8 (door komma's gescheiden)'."
    )


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().strip("\ufeff").strip().casefold())


def _unprotect(value: str) -> str:
    """Drop the quote our export puts before a cell that starts like a formula."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


@dataclass(frozen=True)
class CsvRow:
    """One organisation read from a CSV, with the line it came from."""

    line: int
    org: Organisation


def read_csv(data: bytes | str) -> list[CsvRow]:
    """The organisations of a CSV file, checked; InvalidInput on the first problem.

    Nothing is stored. Refused, naming the line and column: a file that is no
    text, a header without 'naam' or 'soort' or with unknown or double columns,
    a row without a name or with more fields than the header, an unknown kind,
    a waiting time that is no whole number of weeks, a date that is no date,
    the same name twice.
    """
    text = _decode(data) if isinstance(data, bytes | bytearray) else data
    if not text.strip():
        raise InvalidInput("Het bestand is leeg.")
    for number, line_text in enumerate(text.splitlines(), start=1):
        bad = next(
            (ch for ch in line_text if (ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) < 0xA0),
            "",
        )
        if bad:
            raise InvalidInput(
                "Regel {line} bevat een onleesbaar teken (U+{code}): is dit wel een CSV-bestand?",
                line=number,
                code=f"{ord(bad):04X}",
            )
    first = next(line for line in text.splitlines() if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        table = [(reader.line_num, cells) for cells in reader]
    except csv.Error as err:
        raise InvalidInput(
            "Regel {line}: het CSV-bestand is niet goed opgebouwd ({err}).",
            line=reader.line_num,
            err=str(err),
        ) from None
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells)]
    if not table:
        raise InvalidInput("Het bestand is leeg.")
    (header_line, header), rows = table[0], table[1:]
    names = [_header_name(c) for c in header]
    columns = [ENGLISH_COLUMNS.get(n, n) for n in names]
    unknown = [header[i].strip() for i, c in enumerate(columns) if c not in CSV_COLUMNS]
    if unknown:
        raise InvalidInput(
            "Onbekende kolom(men) in de kopregel: {unknown}. De sociale kaart kent: {columns}.",
            unknown=", ".join(f"'{u[:40]}'" for u in unknown[:5]),
            columns=", ".join(CSV_COLUMNS),
        )
    doubles = sorted({c for c in columns if columns.count(c) > 1})
    if doubles:
        raise InvalidInput("De kolom '{column}' staat twee keer in de kopregel.", column=doubles[0])
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InvalidInput(
            "De kolom '{column}' ontbreekt in de kopregel (regel {line}). Nodig zijn: {columns}.",
            column=missing[0],
            line=header_line,
            columns=", ".join(CSV_COLUMNS),
        )
    if not rows:
        raise InvalidInput("Het bestand bevat geen organisaties, alleen een kopregel.")
    if len(rows) > MAX_ROWS:
        raise InvalidInput(
            "Het bestand bevat {n} regels; de sociale kaart leest er hoogstens {max_rows}.",
            n=len(rows),
            max_rows=MAX_ROWS,
        )
    found: list[CsvRow] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise InvalidInput(
                "Regel {line} heeft {n} velden, de kopregel {m}: staat er een scheidingsteken in "
                "een tekst zonder aanhalingstekens?",
                line=line,
                n=len(cells),
                m=len(columns),
            )
        values = {
            c: _unprotect(cells[i].strip()) if i < len(cells) else "" for i, c in enumerate(columns)
        }
        org = _row_org(values, line)
        key = _key(org.name)
        if key in seen:
            raise InvalidInput(
                "Regel {line}: de naam '{name}' staat ook op regel {first}; elke organisatie één keer.",
                line=line,
                name=org.name[:80],
                first=seen[key],
            )
        seen[key] = line
        found.append(CsvRow(line, org))
    return found


def _row_org(values: dict[str, str], line: int) -> Organisation:
    def where(column: str) -> Message:
        return Message("Regel {line}, kolom '{column}'", line=line, column=column)

    if is_blank(values.get("naam", "")):
        raise InvalidInput("Regel {line}: de naam ontbreekt.", line=line)
    weeks_text = values.get("wachttijd_weken", "")
    weeks = None
    if weeks_text:
        plain = weeks_text.replace(",0", "").replace(".0", "").strip()
        if not plain.isdigit():
            raise InvalidInput(
                "{where}: '{value}' is geen aantal weken; schrijf een heel getal, bijv. 6.",
                where=where("wachttijd_weken"),
                value=weeks_text[:30],
            )
        weeks = int(plain)
    checked_text = values.get("gecontroleerd_op", "")
    checked = ""
    if checked_text:
        checked = _read_date(checked_text) or ""
        if not checked:
            raise InvalidInput(
                "{where}: '{value}' is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.",
                where=where("gecontroleerd_op"),
                value=checked_text[:30],
            )
    kind = kind_of(values.get("soort", ""), where("soort"))
    org = Organisation(
        name=values["naam"],
        kind=kind.value,
        offer=values.get("aanbod", ""),
        for_whom=values.get("voor_wie", ""),
        area=values.get("gebied", ""),
        contact=values.get("contact", ""),
        how_to_refer=values.get("verwijzen", ""),
        waiting_weeks=weeks,
        checked_on=checked,
    )
    return check_org(org, Message("Regel {line}", line=line))


@dataclass
class ImportResult:
    """What an import adds, changes and leaves as it is (by name)."""

    added: list[Organisation] = field(default_factory=list)
    updated: list[tuple[Organisation, Organisation]] = field(default_factory=list)
    unchanged: list[Organisation] = field(default_factory=list)
    stored: bool = False

    def changed_fields(self, old: Organisation, new: Organisation) -> list[str]:
        """The CSV columns in which ``new`` differs from ``old``."""
        names = [f for f in _COLUMN_OF if getattr(old, f) != getattr(new, f)]
        if old.removed:
            names.append("removed")
        return [_column(n) for n in names]

    def summary(self) -> Message:
        return Message(
            "{added} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd.",
            added=len(self.added),
            updated=len(self.updated),
            unchanged=len(self.unchanged),
        )


def plan_import(store: Any, rows: Iterable[CsvRow]) -> ImportResult:
    """What importing ``rows`` would do: an organisation with the same name is updated
    (a removed one comes back), a new name is added. Nothing is stored."""
    existing = {_key(o.name): o for o in organisations(store, include_removed=True) if o.removed}
    existing.update({_key(o.name): o for o in organisations(store)})
    taken = sql.ids(store)
    result = ImportResult()
    for item in rows:
        old = existing.get(_key(item.org.name))
        if old is None:
            result.added.append(replace(item.org, id=_new_id(item.org.name, taken)))
            continue
        new = replace(item.org, id=old.id, removed=False)
        if new == old:
            result.unchanged.append(old)
        else:
            result.updated.append((old, new))
    return result


def import_csv(
    store: Any, data: bytes | str, *, author: str, dry_run: bool = False
) -> ImportResult:
    """Read a CSV and store it: all organisations or none (InvalidInput names the problem).

    ``dry_run`` only tells what would change (the page's preview).
    """
    if not dry_run:
        _require_edit(store, "CSV importeren")
    result = plan_import(store, read_csv(data))
    if dry_run:
        return result
    records = [_row(o) for o in result.added] + [_row(new) for _old, new in result.updated]
    with store._transaction():
        sql.put_many(store, records, author=author)
        _log(
            store,
            LogAction.IMPORT,
            f"sociale kaart: CSV: {len(result.added)} nieuw, {len(result.updated)} bijgewerkt",
        )
    result.stored = True
    return result


def _protect(value: Any) -> str:
    """A cell as text; one that a spreadsheet would run as a formula gets a quote first."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(store: Any, *, delimiter: str = ";") -> str:
    """The kaart (without removed organisations) as CSV text with Dutch column names.

    ``;`` between fields (what Dutch Excel reads); cells that start like a
    formula (= + - @) get a ``'`` before them. Write it as UTF-8 with BOM
    (:func:`export_bytes`) so that Excel shows the accents.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for org in organisations(store):
        values = {**{c: getattr(org, f) for c, f in _FIELD_OF.items()}, "soort": org.kind_label()}
        writer.writerow([_protect(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def export_bytes(store: Any) -> bytes:
    """:func:`export_csv` as UTF-8 with a BOM, the file a spreadsheet opens right."""
    return export_csv(store).encode("utf-8-sig")


# --------------------------------------------------------------------------
# The overview across cases (no family named)
# --------------------------------------------------------------------------
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
        since = _iso_date(r.get("referred_on") or "")
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
    return sorted(rows, key=lambda r: (-r.waiting, -r.linked, _key(r.name)))


def overview(store: Any, *, today: date | None = None) -> Overview:
    """The overview over the cases the user may open, as :func:`overview_scope` allows.

    Reads only the links of those cases (no names, no texts) and leaves one
    access-log line; a student is refused (AccessDenied, logged).
    """
    scope = overview_scope(store)
    if not scope:
        _log(store, LogAction.VIEW, "sociale kaart: overzicht", REFUSED)
        raise AccessDenied("Het overzicht over de casussen is voor casemanagers en teamleiders.")
    may_open = getattr(store, "may_open", None)
    # the unguarded list (the guard's own would log a line of its own): the guard's
    # may_open decides, case by case, as for the case list
    cases = Store.list_cases(store)
    case_ids = [c.id for c in cases if may_open is None or may_open(c.id) is not None]
    systems, referrals = sql.links(store, case_ids)
    rows = overview_of(organisations(store, include_removed=True), systems, referrals, today)
    _log(store, LogAction.VIEW, f"sociale kaart: overzicht over {len(case_ids)} casussen")
    return Overview(scope=scope, cases=len(case_ids), rows=rows)


__all__ = [
    "CSV_COLUMNS",
    "CsvRow",
    "ENGLISH_COLUMNS",
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
    "kind_of",
    "linked_cases",
    "may_edit",
    "organisations",
    "overview",
    "overview_of",
    "overview_scope",
    "plan_import",
    "read_csv",
    "remove",
    "restore",
    "save_org",
]
