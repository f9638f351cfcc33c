"""The sociale kaart as CSV, both ways: all or nothing in, formula-safe out.

Dutch column names (:data:`~mapping.services.kaart_orgs.CSV_COLUMNS`; the
English ones are read too), ``;`` or ``,`` between fields, UTF-8 with or
without BOM, UTF-16 or Windows-1252. One bad row refuses the whole file,
naming its line and column; an organisation with the same name is updated.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mapping.access.guard import Action as LogAction
from mapping.core.codec import is_blank
from mapping.core.errors import InvalidInput
from mapping.core.i18n import Message
from mapping.services.kaart_orgs import (
    COLUMN_OF,
    CSV_COLUMNS,
    ENGLISH_COLUMNS,
    FIELD_OF,
    MAX_BYTES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    Organisation,
    check_org,
    column_of,
    iso_date,
    kind_of,
    log_kaart,
    name_key,
    new_org_id,
    org_row,
    organisations,
    require_edit,
)
from mapping.storage import kaart as sql


def _read_date(text: str) -> str | None:
    """'2026-03-01', '1-3-2026', '01/03/2026' -> '2026-03-01'; None when no date."""
    if iso_date(text):
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
        key = name_key(org.name)
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
        """The CSV columns in which ``new`` differs from ``old`` ('teruggezet' for an
        organisation that comes back on the kaart)."""
        names = [column_of(f) for f in COLUMN_OF if getattr(old, f) != getattr(new, f)]
        return [*names, "teruggezet"] if old.removed else names

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
    existing = {
        name_key(o.name): o for o in organisations(store, include_removed=True) if o.removed
    }
    existing.update({name_key(o.name): o for o in organisations(store)})
    taken = sql.ids(store)
    result = ImportResult()
    for item in rows:
        old = existing.get(name_key(item.org.name))
        if old is None:
            result.added.append(replace(item.org, id=new_org_id(item.org.name, taken)))
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
        require_edit(store, "CSV importeren")
    result = plan_import(store, read_csv(data))
    if dry_run:
        return result
    records = [org_row(o) for o in result.added] + [org_row(new) for _old, new in result.updated]
    with store._transaction():
        sql.put_many(store, records, author=author)
        log_kaart(
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
        values = {**{c: getattr(org, f) for c, f in FIELD_OF.items()}, "soort": org.kind_label()}
        writer.writerow([_protect(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def export_bytes(store: Any) -> bytes:
    """:func:`export_csv` as UTF-8 with a BOM, the file a spreadsheet opens right."""
    return export_csv(store).encode("utf-8-sig")
