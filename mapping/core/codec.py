"""Model dataclasses to plain records and back, driven by their fields and type hints.

One codec serves both ends that need plain data: the JSON exchange
(:func:`to_record` / :func:`from_record`: enums as strings, tuples as lists)
and the SQLite store (:func:`to_row` / :func:`from_row`: tuples as JSON text,
booleans as 0/1). Reading checks every value against the field's type and
raises :class:`~mapping.core.errors.InvalidInput` naming the field, so a bad file
or a bad form value never reaches the database.

>>> from mapping.core.model import Entity
>>> from mapping.core.vocabulary import Condition, Sex
>>> rec = to_record(Entity(id="p1", name="Sanne", sex=Sex.FEMALE, conditions=(Condition.DEMENTIA,)))
>>> rec["sex"], rec["conditions"]
('f', ['dementia'])
>>> from_record(Entity, rec).sex is Sex.FEMALE
True
>>> from_record(Entity, {"id": "p1", "name": "Sanne", "sex": "q"})
Traceback (most recent call last):
...
mapping.core.errors.InvalidInput: Ongeldige waarde 'q' voor veld 'sex' (persoon of systeem p1); toegestaan: m, f, x, u.
"""

from __future__ import annotations

import json
import math
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, Field, fields, is_dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from mapping.core import model
from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, Message
from mapping.core.model import is_after, is_before, is_date_qualifier, valid_date
from mapping.core.vocabulary import BirthStatus, ReferralStatus

T = TypeVar("T")

#: Fields holding a partial ISO date ('', 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'), or a tuple of them.
DATE_FIELDS = frozenset(
    {
        "birth",
        "death",
        "start",
        "end",
        "consent_date",
        "date",
        "evaluation_dates",
        "referred_on",
        "status_on",
    }
)

#: How a record type is named in messages (Dutch message ids; English in domain.po).
RECORD_NAMES: dict[type, str] = {
    model.Case: N_("casus"),
    model.Entity: N_("persoon of systeem"),
    model.Relation: N_("relatie"),
    model.Position: N_("positie"),
    model.Factor: N_("factor"),
    model.Goal: N_("doel"),
    model.Action: N_("actie"),
    model.Monitoring: N_("monitoring"),
    model.Snapshot: N_("momentopname"),
    model.Change: N_("wijziging"),
}


def _record_name(cls: type) -> Message:
    return Message(RECORD_NAMES.get(cls, cls.__name__))


def _record_where(cls: type, ident: str | None) -> Message:
    """'persoon of systeem p1' / 'person or system p1', or the name alone without id."""
    return (
        Message("{record} {ident}", record=_record_name(cls), ident=ident)
        if ident
        else _record_name(cls)
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _fields(cls: type) -> tuple[Field, ...]:
    return fields(cls)  # type: ignore[arg-type]


@cache  # a handful of hints, asked once a field of every record read (50,000 a large case)
def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(hint, False)``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


@cache
def _tuple_item(hint: Any) -> Any | None:
    """The item type of ``tuple[X, ...]``, or None when ``hint`` is no such tuple."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def to_record(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict of a model dataclass: enums as their value, tuples as lists."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"not a dataclass instance: {obj!r}")
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}


def to_row(obj: Any) -> dict[str, Any]:
    """A dict for an SQLite row: like :func:`to_record`, with lists as JSON text."""
    record = to_record(obj)
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for key, value in record.items()
    }


def _where(cls: type, data: dict[str, Any]) -> Message:
    ident = data.get("id") if isinstance(data.get("id"), str) else None
    if ident is None and isinstance(data.get("entity_id"), str):
        ident = data["entity_id"]
    return _record_where(cls, ident)


class _Reader:
    """Converts and checks one field value; raises InvalidInput naming the field."""

    def __init__(self, cls: type, data: dict[str, Any], context: str) -> None:
        self.where = _where(cls, data)
        if context:
            self.where = Message("{context}: {where}", context=context, where=self.where)

    def fail(self, name: str, reason: Message) -> InvalidInput:
        return InvalidInput(
            "{reason} voor veld '{name}' ({where}).",
            reason=reason,
            name=name,
            where=self.where,
        )

    def value(self, name: str, hint: Any, value: Any) -> Any:
        inner, optional = _unwrap_optional(hint)
        if value is None:
            if optional:
                return None
            raise self.fail(name, Message("Lege waarde (null)"))
        item = _tuple_item(inner)
        if item is not None:
            if not isinstance(value, list | tuple):
                raise self.fail(name, Message("Verwacht een lijst"))
            return tuple(self.value(name, item, v) for v in value)
        if isinstance(inner, type) and issubclass(inner, StrEnum):
            if optional and value == "":
                return None
            try:
                return inner(value)
            except ValueError:
                allowed = ", ".join(m.value for m in inner)
                shown = repr(value)[:60]
                raise InvalidInput(
                    "Ongeldige waarde {shown} voor veld '{name}' ({where}); toegestaan: {allowed}.",
                    shown=shown,
                    name=name,
                    where=self.where,
                    allowed=allowed,
                ) from None
        if inner is bool:
            if not isinstance(value, bool):
                raise self.fail(name, Message("Verwacht true of false"))
            return value
        if inner is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(name, Message("Verwacht een geheel getal"))
            return value
        if inner is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(name, Message("Verwacht een getal"))
            if not math.isfinite(value):
                raise self.fail(name, Message("Verwacht een eindig getal"))
            return float(value)
        if inner is str:
            if not isinstance(value, str):
                raise self.fail(name, Message("Verwacht tekst"))
            if name in DATE_FIELDS and not valid_date(value):
                shown = repr(value)[:60]
                raise InvalidInput(
                    "Ongeldige datum {shown} voor veld '{name}' ({where}); gebruik JJJJ, JJJJ-MM of "
                    "JJJJ-MM-DD.",
                    shown=shown,
                    name=name,
                    where=self.where,
                )
            return value
        raise TypeError(f"codec cannot read field {name!r} of type {hint!r}")


def from_record(cls: type[T], data: Any, *, context: str = "") -> T:
    """Build a ``cls`` instance from a plain dict, checking every field.

    Missing fields with a default take the default; a missing required field,
    a wrongly typed value, an unknown enum value or an invalid partial date
    raise InvalidInput. Keys that are not fields are ignored (a store row
    carries its ``case_id``). ``context`` prefixes messages ("entities[3]").
    """
    if not isinstance(data, dict):
        prefix = f"{context}: " if context else ""
        raise InvalidInput(
            "{prefix}Een {record} moet een object zijn, geen {kind}.",
            prefix=prefix,
            record=_record_name(cls),
            kind=type(data).__name__,
        )
    reader = _Reader(cls, data, context)
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in _fields(cls):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise InvalidInput(
                    "Verplicht veld '{name}' ontbreekt ({where}).",
                    name=f.name,
                    where=reader.where,
                )
            continue
        values[f.name] = reader.value(f.name, hints[f.name], data[f.name])
    return cls(**values)


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build a ``cls`` instance from an SQLite row written by :func:`to_row`."""
    hints = _hints(cls)
    data = dict(row)
    for f in _fields(cls):
        if f.name not in data:
            continue
        inner, _optional = _unwrap_optional(hints[f.name])
        value = data[f.name]
        if _tuple_item(inner) is not None and isinstance(value, str):
            data[f.name] = json.loads(value)
        elif inner is bool and isinstance(value, int):
            data[f.name] = bool(value)
        elif inner is float and isinstance(value, int):
            data[f.name] = float(value)
    return from_record(cls, data)


def column_types(cls: type) -> dict[str, type]:
    """SQLite column affinity per field: ``str``, ``int`` or ``float``."""
    result: dict[str, type] = {}
    for f in fields(cls):
        inner, _optional = _unwrap_optional(_hints(cls)[f.name])
        if inner is bool or inner is int:
            result[f.name] = int
        elif inner is float:
            result[f.name] = float
        else:
            result[f.name] = str
    return result


#: The longest name or label a record may carry (a name is drawn under a symbol).
MAX_NAME = 200
#: The longest free text (a note, a description) a record may carry.
MAX_TEXT = 20_000
#: Fields that are names or short labels, drawn on the maps.
NAME_FIELDS = frozenset({"name", "title", "code", "label", "custom_kind", "role", "occupation"})
#: Characters below U+0020 that text may hold: tab, line feed, carriage return.
_ALLOWED_CONTROL = frozenset("\t\n\r")
#: Unicode bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069):
#: they make a name display reversed ("spoofing" in a dossier PDF). Real right-to-left
#: names (Arabic, Hebrew) need none of them, so they are dropped wherever text comes in.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
#: Factor weights and monitoring scales (kept equal to mapping.services.balance / mapping.services.plan by a test).
WEIGHTS = range(1, 6)
SCALES: dict[str, tuple[int, int]] = {"1-10": (1, 10), "1-5": (1, 5)}


def without_bidi(text: str) -> str:
    """``text`` without bidi embedding, override and isolate characters.

    >>> without_bidi("\u202eSanne\u202c"), without_bidi("سارة"), without_bidi("\u2066\u2069")
    ('Sanne', 'سارة', '')
    """
    return _BIDI.sub("", text)


def is_blank(text: str) -> bool:
    """True for text that shows nothing: empty, spaces, or only bidi control characters.

    >>> is_blank("  "), is_blank("\u202e\u202d"), is_blank("Sanne")
    (True, True, False)
    """
    return not without_bidi(text).strip()


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, StrEnum)


def with_texts(record: T, fix: Callable[[str, str], str]) -> T:
    """``record`` with every text (and tuple of texts) passed through ``fix(field, text)``.

    The same record is returned when nothing changed.
    """
    changes: dict[str, Any] = {}
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if _is_text(value):
            fixed: Any = fix(f.name, value)
        elif isinstance(value, tuple) and value and all(_is_text(v) for v in value):
            fixed = tuple(fix(f.name, v) for v in value)
        else:
            continue
        if fixed != value:
            changes[f.name] = fixed
    return replace(record, **changes) if changes else record  # type: ignore[type-var]


def cleaned(record: T) -> T:
    """``record`` with the bidi control characters taken out of all its text.

    The one cleaning of typed text on its way into a case (forms through the
    store, imports through :func:`mapping.formats.importers.tidy`): an override
    character cannot make a name display reversed, and a name of nothing but
    such characters becomes empty and is refused as having no name.

    >>> from mapping.core.model import Entity
    >>> cleaned(Entity(id="p1", name="\u202eennaS", note="x\u2067y")).name
    'ennaS'
    """
    return with_texts(record, lambda _field, text: without_bidi(text))


def cleaned_case(data: model.CaseData) -> model.CaseData:
    """``data`` with every record :func:`cleaned` (an imported case)."""
    return case_with_texts(data, lambda _field, text: without_bidi(text))


def case_with_texts(data: model.CaseData, fix: Callable[[str, str], str]) -> model.CaseData:
    """:func:`with_texts` over the case record and every list of ``data``."""
    lists = {
        f.name: [with_texts(item, fix) for item in getattr(data, f.name)]
        for f in fields(data)
        if f.name != "case"
    }
    return model.CaseData(case=with_texts(data.case, fix), **lists)


#: Dates that may not lie in the future, with their names (Dutch message ids).
PAST_DATES: dict[str, str] = {
    "birth": N_("Geboortedatum"),
    "death": N_("Overlijdensdatum"),
    "consent_date": N_("Datum toestemming"),
}


def date_problems(record: Any, today: date | None = None) -> list[tuple[str, Message]]:
    """The dates of ``record`` that cannot be right, as (field, message) pairs.

    A birth, a death or a consent date after ``today`` (a typo like 2105
    for 2015), except a pregnancy's birth date, which is the expected one;
    and a death before the birth. (Plan dates, deadlines and evaluations,
    lie ahead by nature and are no concern here.) Forms are refused with the first message
    (:func:`check_values`); an import keeps the person and moves the date to
    the note (:func:`mapping.formats.importers.tidy`).

    >>> from mapping.core.model import Entity
    >>> [str(m) for _f, m in date_problems(Entity("p1", "Bo", birth="2105"), date(2026, 12, 1))]
    ['Geboortedatum van Bo (2105) ligt in de toekomst.']
    """
    today = today or date.today()
    future = [
        name
        for name in PAST_DATES
        if hasattr(record, name) and is_after(getattr(record, name), today)
    ]
    if isinstance(record, model.Entity) and record.birth_status is BirthStatus.PREGNANCY:
        future = [name for name in future if name != "birth"]
    problems = [
        (
            name,
            Message(
                "{what} van {name} ({value}) ligt in de toekomst.",
                what=Message(PAST_DATES[name]),
                name=record.name,
                value=getattr(record, name),
            )
            if hasattr(record, "name")
            else Message(
                "{what} ({value}) ligt in de toekomst.",
                what=Message(PAST_DATES[name]),
                value=getattr(record, name),
            ),
        )
        for name in future
    ]
    if (
        isinstance(record, model.Entity)
        and not {"birth", "death"} & set(future)
        and is_before(record.death, record.birth)
    ):
        problems.append(
            (
                "death",
                Message(
                    "Overlijdensdatum van {name} ({death}) ligt vóór de geboortedatum ({birth}).",
                    name=record.name,
                    death=record.death,
                    birth=record.birth,
                ),
            )
        )
    return problems


def _bad_char(text: str) -> str | None:
    for ch in text:
        if (ord(ch) < 0x20 and ch not in _ALLOWED_CONTROL) or ch == "\x7f":
            return f"U+{ord(ch):04X}"
    return None


def check_values(record: Any) -> None:
    """Refuse values a record's type allows but the domain does not.

    Text without control characters (a NUL or an escape sequence from a
    copied terminal line), names of at most :data:`MAX_NAME` characters and
    other text of at most :data:`MAX_TEXT`, a person or system with a name
    that is not blank, a factor weight 1-5, a monitoring score within its
    scale, and birth, death and consent dates that can be right (none in the
    future, no death before the birth: :func:`date_problems`). Raises
    InvalidInput naming the field. Used on everything that enters the store
    (a form, an import), never on what is read back.
    """
    ident = getattr(record, "id", "") or getattr(record, "entity_id", "")
    where = _record_where(type(record), ident)

    def fail(name: str, reason: Message) -> InvalidInput:
        return InvalidInput(
            "{reason} (veld '{name}', {where}).", reason=reason, name=name, where=where
        )

    for f in fields(record):
        value = getattr(record, f.name)
        texts = value if isinstance(value, tuple) else (value,)
        for text in texts:
            if not isinstance(text, str):
                continue
            bad = _bad_char(text)
            if bad:
                raise fail(
                    f.name,
                    Message("De tekst bevat een onzichtbaar stuurteken ({bad})", bad=bad),
                )
            limit = MAX_NAME if f.name in NAME_FIELDS else MAX_TEXT
            if len(text) > limit:
                raise fail(
                    f.name,
                    Message(
                        "De tekst is te lang: {n_text} tekens, hoogstens {limit}",
                        n_text=len(text),
                        limit=limit,
                    ),
                )
    if isinstance(record, model.Entity) and is_blank(record.name):
        raise fail("name", Message("Geef een naam"))
    for name in ("birth_qualifier", "death_qualifier", "start_qualifier", "end_qualifier"):
        if hasattr(record, name) and not is_date_qualifier(getattr(record, name)):
            raise fail(
                name,
                Message(
                    "Onbekende aanduiding '{qualifier}' bij een datum; kies about, before, after "
                    "of between/JJJJ",
                    qualifier=getattr(record, name)[:20],
                ),
            )
    status = getattr(record, "referral_status", "")
    if status and status not in {s.value for s in ReferralStatus}:
        raise fail(
            "referral_status",
            Message(
                "Onbekende status '{status}' van een verwijzing; kies {allowed}",
                status=status[:30],
                allowed=", ".join(s.value for s in ReferralStatus),
            ),
        )
    problems = date_problems(record)
    if problems:
        _field, problem = problems[0]
        raise InvalidInput(problem)
    if isinstance(record, model.Factor) and (
        isinstance(record.weight, bool) or record.weight not in WEIGHTS
    ):
        raise fail(
            "weight",
            Message("Het gewicht is een heel getal van 1 tot en met 5"),
        )
    if isinstance(record, model.Monitoring):
        low, high = SCALES.get(record.scale, (None, None))
        if low is None:
            raise fail(
                "scale",
                Message("Onbekende schaal '{scale}'; kies 1-10 of 1-5", scale=record.scale[:20]),
            )
        if isinstance(record.score, bool) or not low <= record.score <= high:
            raise fail(
                "score",
                Message(
                    "De score is een heel getal van {low} tot en met {high}", low=low, high=high
                ),
            )
