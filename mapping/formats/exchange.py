"""A whole case as one versioned JSON document, and back.

:func:`dump_case` writes everything of a case (the case record, entities,
relations, positions, factors, goals, actions, monitoring);
:func:`load_case` reads it back exactly, after checking it thoroughly: a
file from outside is untrusted. Anything wrong raises
:class:`~mapping.core.errors.InvalidInput` with a Dutch and English message and
nothing is written anywhere.

>>> from mapping.core.model import Case, CaseData, Entity
>>> data = CaseData(Case(id="c1", code="WT-1", title="Gezin K."), [Entity(id="p1", name="Sanne")])
>>> load_case(dump_case(data)) == data
True
>>> load_case('{"format": "casemap-case", "version": 9}')
Traceback (most recent call last):
...
mapping.core.errors.InvalidInput: Dit bestand is van een nieuwere casemap-versie (formaatversie 9); deze versie leest versie 1.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from mapping.core.codec import check_values, from_record, to_record
from mapping.core.errors import InvalidInput
from mapping.core.model import (
    Action,
    Case,
    CaseData,
    Entity,
    Factor,
    Goal,
    Monitoring,
    Position,
    Relation,
)
from mapping.core.vocabulary import SUBTYPES

FORMAT = "casemap-case"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024

#: The lists of a document, in order, with their record type and Dutch / English name.
SECTIONS: tuple[tuple[str, type, str, str], ...] = (
    ("entities", Entity, "personen en systemen", "entities"),
    ("relations", Relation, "relaties", "relations"),
    ("positions", Position, "posities", "positions"),
    ("factors", Factor, "factoren", "factors"),
    ("goals", Goal, "doelen", "goals"),
    ("actions", Action, "acties", "actions"),
    ("monitoring", Monitoring, "monitoring", "monitoring"),
)


def dump_case(data: CaseData) -> str:
    """The case as a JSON document (UTF-8 text, indented, keys in model order)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "case": to_record(data.case),
    }
    for key, _cls, _nl, _en in SECTIONS:
        document[key] = [to_record(item) for item in getattr(data, key)]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _refuse_constant(name: str) -> Any:
    raise InvalidInput(
        f"Ongeldig getal '{name}' in het bestand.", f"Invalid number '{name}' in the file."
    )


def _parse(text_or_bytes: str | bytes | bytearray) -> Any:
    if isinstance(text_or_bytes, bytes | bytearray):
        if len(text_or_bytes) > MAX_BYTES:
            raise _too_large()
        try:
            text = bytes(text_or_bytes).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(
                "Dit is geen casemap-bestand: het is geen UTF-8-tekst.",
                "This is not a casemap file: it is not UTF-8 text.",
            ) from None
    elif isinstance(text_or_bytes, str):
        if len(text_or_bytes) > MAX_BYTES:
            raise _too_large()
        text = text_or_bytes
    else:
        raise TypeError(f"load_case needs str or bytes, not {type(text_or_bytes).__name__}")
    if not text.strip():
        raise InvalidInput("Het bestand is leeg.", "The file is empty.")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"Dit is geen geldig JSON-bestand (regel {err.lineno}, kolom {err.colno}: {err.msg}).",
            f"This is not a valid JSON file (line {err.lineno}, column {err.colno}: {err.msg}).",
        ) from None
    except RecursionError:
        raise InvalidInput(
            "Het bestand is te diep genest om te lezen.", "The file is nested too deeply to read."
        ) from None


def _too_large() -> InvalidInput:
    mb = MAX_BYTES // (1024 * 1024)
    return InvalidInput(
        f"Het bestand is groter dan {mb} MB en wordt niet gelezen.",
        f"The file is larger than {mb} MB and is not read.",
    )


def load_case(text_or_bytes: str | bytes | bytearray, *, strict: bool = True) -> CaseData:
    """Read and check a document written by :func:`dump_case`.

    Refuses (InvalidInput): more than 20 MB, not JSON, not an object, another
    format or version, missing or wrongly typed fields, unknown vocabulary
    values, invalid partial dates, duplicate ids, and links to entities,
    relations, factors or goals that are not in the document. ``strict=False``
    skips the value rules of :func:`~mapping.core.codec.check_values` (for a
    document casemap wrote itself, e.g. a snapshot taken before a rule existed).
    """
    document = _parse(text_or_bytes)
    if not isinstance(document, dict):
        raise InvalidInput(
            "Dit is geen casemap-bestand: verwacht een JSON-object.",
            "This is not a casemap file: expected a JSON object.",
        )
    if document.get("format") != FORMAT:
        raise InvalidInput(
            f"Dit is geen casemap-casusbestand (format moet '{FORMAT}' zijn).",
            f"This is not a casemap case file (format must be '{FORMAT}').",
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput(
            "Het bestand mist een geldig versienummer ('version').",
            "The file lacks a valid version number ('version').",
        )
    if version > VERSION:
        raise InvalidInput(
            f"Dit bestand is van een nieuwere casemap-versie (formaatversie {version}); "
            f"deze versie leest versie {VERSION}.",
            f"This file comes from a newer casemap (format version {version}); "
            f"this version reads version {VERSION}.",
        )
    if version != VERSION:
        raise InvalidInput(
            f"Onbekende formaatversie {version}; deze versie leest versie {VERSION}.",
            f"Unknown format version {version}; this version reads version {VERSION}.",
        )
    if "case" not in document:
        raise InvalidInput(
            "Het bestand mist het onderdeel 'case'.", "The file lacks the part 'case'."
        )
    case = from_record(Case, document["case"], context="case")
    lists: dict[str, list[Any]] = {}
    for key, cls, nl, en in SECTIONS:
        items = document.get(key, [])
        if not isinstance(items, list):
            raise InvalidInput(
                f"Het onderdeel '{key}' ({nl}) moet een lijst zijn.",
                f"The part '{key}' ({en}) must be a list.",
            )
        lists[key] = [from_record(cls, item, context=f"{key}[{n}]") for n, item in enumerate(items)]
    data = CaseData(case=case, **lists)
    check_case(data, values=strict)
    return data


def _duplicates(values: list[Any]) -> list[Any]:
    return [value for value, count in Counter(values).items() if count > 1]


def check_case(data: CaseData, *, values: bool = True) -> None:
    """Refuse a case whose records do not fit together.

    Checks unique non-empty ids per list, one position per entity, lens and
    view, and that every link (relation ends, positions, factor links, goal
    owner/parent/factors, action goal and actor, monitoring goal) points at a
    record of the same case, and every record's values (see
    :func:`~mapping.core.codec.check_values`). Raises InvalidInput naming the first problem.
    """
    if values:
        check_values(data.case)
        for key, _cls, _nl, _en in SECTIONS:
            for item in getattr(data, key):
                check_values(item)
    for key, _cls, nl, en in SECTIONS:
        if key == "positions":
            continue
        ids = [item.id for item in getattr(data, key)]
        if "" in ids:
            raise InvalidInput(
                f"Een record in '{key}' ({nl}) heeft geen id.",
                f"A record in '{key}' ({en}) has no id.",
            )
        doubles = _duplicates(ids)
        if doubles:
            raise InvalidInput(
                f"Dubbele id '{doubles[0]}' in '{key}' ({nl}).",
                f"Duplicate id '{doubles[0]}' in '{key}' ({en}).",
            )
    entities = {e.id for e in data.entities}
    relations = {r.id for r in data.relations}
    factors = {f.id for f in data.factors}
    goals = {g.id: g for g in data.goals}

    def need(ids: Any, known: Any, where: str, what_nl: str, what_en: str) -> None:
        for ref in ids:
            if ref and ref not in known:
                raise InvalidInput(
                    f"{where}: verwijzing naar {what_nl} '{ref}', maar het bestand bevat "
                    f"geen {what_nl} '{ref}'.",
                    f"{where}: refers to {what_en} '{ref}', but the file holds no {what_en} '{ref}'.",
                )

    person = ("persoon of systeem", "entity")
    for r in data.relations:
        where = f"relations ({r.id})"
        need([r.source, r.target], entities, where, *person)
        if not r.source or not r.target or r.source == r.target:
            raise InvalidInput(
                f"{where}: een relatie moet twee verschillende personen of systemen verbinden.",
                f"{where}: a relation must connect two different entities.",
            )
        enum = SUBTYPES.get(r.kind)
        if r.subtype and enum is not None and r.subtype not in {m.value for m in enum}:
            allowed = ", ".join(m.value for m in enum)
            raise InvalidInput(
                f"{where}: ongeldig subtype '{r.subtype[:60]}' voor {r.kind.value}; toegestaan: {allowed}.",
                f"{where}: invalid subtype '{r.subtype[:60]}' for {r.kind.value}; allowed: {allowed}.",
            )
    keys = [(p.lens, p.view, p.entity_id) for p in data.positions]
    doubles = _duplicates(keys)
    if doubles:
        lens, view, entity = doubles[0]
        raise InvalidInput(
            f"Dubbele positie voor '{entity}' in {lens.value} {view}".rstrip() + ".",
            f"Duplicate position for '{entity}' in {lens.value} {view}".rstrip() + ".",
        )
    for p in data.positions:
        need([p.entity_id], entities, f"positions ({p.entity_id})", *person)
    for f in data.factors:
        need(f.entity_ids, entities, f"factors ({f.id})", *person)
        need(f.relation_ids, relations, f"factors ({f.id})", "relatie", "relation")
    for g in data.goals:
        where = f"goals ({g.id})"
        need([g.owner_id], entities, where, *person)
        need([g.parent_id], goals, where, "doel", "goal")
        need(g.factor_ids, factors, where, "factor", "factor")
        seen, parent = {g.id}, g.parent_id
        while parent:
            if parent in seen:
                raise InvalidInput(
                    f"{where}: een doel kan niet (via subdoelen) zijn eigen subdoel zijn.",
                    f"{where}: a goal cannot be its own subgoal (via subgoals).",
                )
            seen.add(parent)
            parent = goals[parent].parent_id
    for a in data.actions:
        need([a.goal_id], goals, f"actions ({a.id})", "doel", "goal")
        need([a.actor_id], entities, f"actions ({a.id})", *person)
        if not a.goal_id:
            raise InvalidInput(
                f"actions ({a.id}): een actie hoort bij een doel.",
                f"actions ({a.id}): an action belongs to a goal.",
            )
    for m in data.monitoring:
        need([m.goal_id], goals, f"monitoring ({m.id})", "doel", "goal")
        if not m.goal_id:
            raise InvalidInput(
                f"monitoring ({m.id}): een score hoort bij een doel.",
                f"monitoring ({m.id}): a score belongs to a goal.",
            )
