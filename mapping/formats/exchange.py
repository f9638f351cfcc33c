"""A whole case as one versioned JSON document, and back.

:func:`dump_case` writes everything of a case (the case record, entities,
relations, positions, factors, goals, actions, monitoring);
:func:`load_case` reads it back exactly, after checking it thoroughly: a
file from outside is untrusted. Anything wrong raises
:class:`~mapping.core.errors.InvalidInput` with a Dutch and English message and
nothing is written anywhere.

A document may also carry a ``training`` part: the title and the written
case description a student reads before drawing the case (the files in
``data/``). :func:`load_training` reads it; :func:`load_case` and older
casemap versions pass over it, so a case file with it is still a case file::

    {"format": "casemap-case", "version": 1,
     "training": {"key": "dementie",
                  "title": {"nl": "Meneer Hoekstra ...", "en": "Mr Hoekstra ..."},
                  "description": {"nl": "Gerrit Hoekstra (84) ...", "en": "..."},
                  "questions": {"nl": ["Wie ...?", "..."], "en": ["Who ...?", "..."]}},
     "case": {...}, "entities": [...], ...}

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
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from mapping.core.codec import MAX_NAME, MAX_TEXT, check_values, from_record, is_blank, to_record
from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, Message
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

#: The lists of a document, in order, with their record type and name (a Dutch message id).
SECTIONS: tuple[tuple[str, type, str], ...] = (
    ("entities", Entity, N_("personen en systemen")),
    ("relations", Relation, N_("relaties")),
    ("positions", Position, N_("posities")),
    ("factors", Factor, N_("factoren")),
    ("goals", Goal, N_("doelen")),
    ("actions", Action, N_("acties")),
    ("monitoring", Monitoring, N_("monitoring")),
)


def dump_case(data: CaseData) -> str:
    """The case as a JSON document (UTF-8 text, indented, keys in model order)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "case": to_record(data.case),
    }
    for key, _cls, _name in SECTIONS:
        document[key] = [to_record(item) for item in getattr(data, key)]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _refuse_constant(name: str) -> Any:
    raise InvalidInput("Ongeldig getal '{name}' in het bestand.", name=name)


def _parse(text_or_bytes: str | bytes | bytearray) -> Any:
    if isinstance(text_or_bytes, bytes | bytearray):
        if len(text_or_bytes) > MAX_BYTES:
            raise _too_large()
        try:
            text = bytes(text_or_bytes).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(
                "Dit is geen casemap-bestand: het is geen UTF-8-tekst.",
            ) from None
    elif isinstance(text_or_bytes, str):
        if len(text_or_bytes) > MAX_BYTES:
            raise _too_large()
        text = text_or_bytes
    else:
        raise TypeError(f"load_case needs str or bytes, not {type(text_or_bytes).__name__}")
    if not text.strip():
        raise InvalidInput("Het bestand is leeg.")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            "Dit is geen geldig JSON-bestand (regel {lineno}, kolom {colno}: {msg}).",
            lineno=err.lineno,
            colno=err.colno,
            msg=err.msg,
        ) from None
    except RecursionError:
        raise InvalidInput("Het bestand is te diep genest om te lezen.") from None


def _too_large() -> InvalidInput:
    mb = MAX_BYTES // (1024 * 1024)
    return InvalidInput(
        "Het bestand is groter dan {mb} MB en wordt niet gelezen.",
        mb=mb,
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
    return _case_of(_parse(text_or_bytes), strict=strict)


def _case_of(document: Any, *, strict: bool) -> CaseData:
    if not isinstance(document, dict):
        raise InvalidInput(
            "Dit is geen casemap-bestand: verwacht een JSON-object.",
        )
    if document.get("format") != FORMAT:
        raise InvalidInput(
            "Dit is geen casemap-casusbestand (format moet '{format}' zijn).",
            format=FORMAT,
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput(
            "Het bestand mist een geldig versienummer ('version').",
        )
    if version > VERSION:
        raise InvalidInput(
            "Dit bestand is van een nieuwere casemap-versie (formaatversie {version}); deze "
            "versie leest versie {supported_version}.",
            version=version,
            supported_version=VERSION,
        )
    if version != VERSION:
        raise InvalidInput(
            "Onbekende formaatversie {version}; deze versie leest versie {supported_version}.",
            version=version,
            supported_version=VERSION,
        )
    if "case" not in document:
        raise InvalidInput("Het bestand mist het onderdeel 'case'.")
    case = from_record(Case, document["case"], context="case")
    lists: dict[str, list[Any]] = {}
    for key, cls, name in SECTIONS:
        items = document.get(key, [])
        if not isinstance(items, list):
            raise InvalidInput(
                "Het onderdeel '{key}' ({name}) moet een lijst zijn.", key=key, name=Message(name)
            )
        lists[key] = [from_record(cls, item, context=f"{key}[{n}]") for n, item in enumerate(items)]
    data = CaseData(case=case, **lists)
    check_case(data, values=strict)
    return data


@dataclass(frozen=True)
class TrainingText:
    """What a student reads about a training case: its key, title, description, questions.

    Each falls back to Dutch when the English is missing.
    """

    key: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    questions_nl: tuple[str, ...] = ()
    questions_en: tuple[str, ...] = ()

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" else self.title_nl

    def description(self, lang: str = "nl") -> str:
        return self.description_en if lang == "en" else self.description_nl

    def questions(self, lang: str = "nl") -> tuple[str, ...]:
        return self.questions_en if lang == "en" else self.questions_nl


#: A training key names widgets and exercise codes (OEF-<KEY>-...): short, plain.
_TRAINING_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
#: At most this many questions for students, each at most this long.
MAX_QUESTIONS, MAX_QUESTION = 20, 1000


def load_training(
    text_or_bytes: str | bytes | bytearray, *, strict: bool = True
) -> tuple[CaseData, TrainingText | None]:
    """The case of a document and its ``training`` part (None when it has none).

    The case is read and checked as by :func:`load_case`; the training part
    must be an object with a ``key`` (lower-case letters, digits and
    hyphens), and a ``title`` and ``description`` that each hold a Dutch
    text (``nl``) and may hold an English one (``en``); it may hold
    ``questions`` for students, a list of texts under ``nl`` and ``en``.
    Other keys in it are passed over.

    >>> doc = {"format": "casemap-case", "version": 1,
    ...        "training": {"key": "oefen", "title": {"nl": "Oefening"},
    ...                     "description": {"nl": "Teken het genogram.", "en": "Draw it."}},
    ...        "case": {"id": "c1", "code": "OEF-1", "title": "Oefening"}}
    >>> data, training = load_training(json.dumps(doc))
    >>> data.case.code, training.title("en"), training.description("en")
    ('OEF-1', 'Oefening', 'Draw it.')
    """
    document = _parse(text_or_bytes)
    data = _case_of(document, strict=strict)
    part = document.get("training")
    if part is None:
        return data, None
    if not isinstance(part, dict):
        raise InvalidInput("Het onderdeel 'training' moet een object zijn.")
    key = part.get("key")
    if not isinstance(key, str) or not _TRAINING_KEY.fullmatch(key):
        raise InvalidInput(
            "training: 'key' moet een korte naam zijn van kleine letters, cijfers en streepjes (bijv. 'dementie')."
        )
    title = _texts(part, "title", MAX_NAME)
    description = _texts(part, "description", MAX_TEXT)
    return data, TrainingText(key, *title, *description, *_questions(part.get("questions")))


def _questions(questions: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The Dutch and English questions (English falls back to Dutch when it has none)."""
    if questions is None:
        return (), ()
    lists: dict[str, tuple[str, ...]] = {}
    for lang in ("nl", "en"):
        items = questions.get(lang, []) if isinstance(questions, dict) else None
        if (
            not isinstance(items, list)
            or len(items) > MAX_QUESTIONS
            or not all(isinstance(q, str) and not is_blank(q) for q in items)
            or any(len(q) > MAX_QUESTION for q in items)
        ):
            raise InvalidInput(
                "training: 'questions' moet een object zijn met een lijst vragen onder 'nl' "
                "(en eventueel 'en'): hoogstens {count} vragen van hoogstens {limit} tekens.",
                count=MAX_QUESTIONS,
                limit=MAX_QUESTION,
            )
        lists[lang] = tuple(items)
    return lists["nl"], lists["en"] or lists["nl"]


def _texts(part: dict[str, Any], name: str, limit: int) -> tuple[str, str]:
    """The Dutch and English text of ``training.<name>`` (English falls back to Dutch)."""
    texts = part.get(name)
    if not isinstance(texts, dict) or not isinstance(texts.get("nl"), str) or is_blank(texts["nl"]):
        raise InvalidInput(
            "training: '{name}' moet een object zijn met de Nederlandse tekst onder 'nl' (en eventueel de Engelse onder 'en').",
            name=name,
        )
    english = texts.get("en", "")
    if not isinstance(english, str):
        raise InvalidInput("training: '{name}.en' moet tekst zijn.", name=name)
    for text in (texts["nl"], english):
        if len(text) > limit:
            raise InvalidInput(
                "training: '{name}' is langer dan {limit} tekens.", name=name, limit=limit
            )
    return texts["nl"], english if not is_blank(english) else texts["nl"]


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
        for key, _cls, _name in SECTIONS:
            for item in getattr(data, key):
                check_values(item)
    for key, _cls, name in SECTIONS:
        if key == "positions":
            continue
        ids = [item.id for item in getattr(data, key)]
        if "" in ids:
            raise InvalidInput(
                "Een record in '{key}' ({name}) heeft geen id.", key=key, name=Message(name)
            )
        doubles = _duplicates(ids)
        if doubles:
            raise InvalidInput(
                "Dubbele id '{double}' in '{key}' ({name}).",
                double=doubles[0],
                key=key,
                name=Message(name),
            )
    entities = {e.id for e in data.entities}
    relations = {r.id for r in data.relations}
    factors = {f.id for f in data.factors}
    goals = {g.id: g for g in data.goals}

    def need(ids: Any, known: Any, where: str, what: str) -> None:
        for ref in ids:
            if ref and ref not in known:
                raise InvalidInput(
                    "{where}: verwijzing naar {what} '{ref}', maar het bestand bevat "
                    "geen {what} '{ref}'.",
                    where=where,
                    what=Message(what),
                    ref=ref,
                )

    person = N_("persoon of systeem")
    for r in data.relations:
        where = f"relations ({r.id})"
        need([r.source, r.target], entities, where, person)
        if not r.source or not r.target or r.source == r.target:
            raise InvalidInput(
                "{where}: een relatie moet twee verschillende personen of systemen verbinden.",
                where=where,
            )
        enum = SUBTYPES.get(r.kind)
        if r.subtype and enum is not None and r.subtype not in {m.value for m in enum}:
            allowed = ", ".join(m.value for m in enum)
            raise InvalidInput(
                "{where}: ongeldig subtype '{subtype}' voor {value}; toegestaan: {allowed}.",
                where=where,
                subtype=r.subtype[:60],
                value=r.kind.value,
                allowed=allowed,
            )
    keys = [(p.lens, p.view, p.entity_id) for p in data.positions]
    doubles = _duplicates(keys)
    if doubles:
        lens, view, entity = doubles[0]
        if view:
            raise InvalidInput(
                "Dubbele positie voor '{entity}' in {lens} {view}.",
                entity=entity,
                lens=lens.value,
                view=view,
            )
        raise InvalidInput(
            "Dubbele positie voor '{entity}' in {lens}.", entity=entity, lens=lens.value
        )
    for p in data.positions:
        need([p.entity_id], entities, f"positions ({p.entity_id})", person)
    for f in data.factors:
        need(f.entity_ids, entities, f"factors ({f.id})", person)
        need(f.relation_ids, relations, f"factors ({f.id})", N_("relatie"))
    for g in data.goals:
        where = f"goals ({g.id})"
        need([g.owner_id], entities, where, person)
        need([g.parent_id], goals, where, N_("doel"))
        need(g.factor_ids, factors, where, N_("factor"))
        seen, parent = {g.id}, g.parent_id
        while parent:
            if parent in seen:
                raise InvalidInput(
                    "{where}: een doel kan niet (via subdoelen) zijn eigen subdoel zijn.",
                    where=where,
                )
            seen.add(parent)
            parent = goals[parent].parent_id
    for a in data.actions:
        need([a.goal_id], goals, f"actions ({a.id})", N_("doel"))
        need([a.actor_id], entities, f"actions ({a.id})", person)
        if not a.goal_id:
            raise InvalidInput(
                "actions ({id}): een actie hoort bij een doel.",
                id=a.id,
            )
    for m in data.monitoring:
        need([m.goal_id], goals, f"monitoring ({m.id})", N_("doel"))
        if not m.goal_id:
            raise InvalidInput(
                "monitoring ({id}): een score hoort bij een doel.",
                id=m.id,
            )
