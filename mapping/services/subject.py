"""Inzage and erasure for one person (AVG articles 15 and 17).

A client may ask for everything held about them (art. 15) and, within
limits, for its erasure (art. 17). This module answers both over a
:class:`~mapping.storage.store.Store` or, as the command line and pages use it, a
:class:`~mapping.access.guard.GuardedStore`, so every read and change is
checked and leaves an access-log line:

- :func:`find_person`: the people matching a name, an entity id or a GEDCOM
  xref, in every case the user may open;
- :func:`gather`: the inzage document (JSON-ready dict) of every match: the
  person's record, relations, positions, factors, goals, actions and
  monitoring, where the name appears as free text, the history lines naming
  them, their presence in each snapshot, and the access log of those cases.
  :mod:`mapping.services.subject_report` makes the Dutch PDF of it;
- :func:`plan_erasure` and :func:`erase_person`: what erasing a person from a
  case takes away, and doing it: from the live case, from every snapshot and
  from the history lines, with a history line and a log line without a name.
  Free text that still names them is listed, not changed: the casemanager
  edits it;
- :func:`wipe_free_space`: empty the WAL and VACUUM, so erased text leaves the file.

>>> from mapping.core.model import Case, CaseData, Entity, Relation
>>> from mapping.core.vocabulary import RelationKind
>>> data = CaseData(
...     Case(id="c", code="WT-1", title="Gezin K."),
...     [Entity(id="p1", name="Sanne"), Entity(id="p2", name="Tom", note="broer van Sanne")],
...     [Relation(id="r1", kind=RelationKind.PARTNERSHIP, source="p1", target="p2")],
... )
>>> smaller = without_person(data, "p1", {"Sanne"})
>>> [e.name for e in smaller.entities], smaller.relations
(['Tom'], [])
>>> [m.where for m in mentions(smaller, name_pattern(["Sanne"]))]
['persoon Tom (notitie)']
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mapping.core.codec import from_row, to_record
from mapping.core.errors import CasemapError, NotFound, StoreUnavailable
from mapping.core.i18n import Message
from mapping.core.model import Case, CaseData, Entity
from mapping.formats import exchange
from mapping.services import plan

#: What an erased person's name becomes where a field says who (a goal's owner, an actor).
ERASED = "[gewist]"
#: The history line an erasure writes: no name.
HISTORY_LINE = "persoon gewist (AVG art. 17)"
#: The access log's 'part' of an inzage and of an erasure.
PART_INZAGE, PART_ERASURE = "AVG art. 15", "AVG art. 17"
FORMAT, VERSION = "casemap-inzage", 1

#: Record kind -> (Dutch noun, free-text fields with their Dutch names).
_TEXT_FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "case": ("casus", {"title": "titel", "scope_note": "afspraken over delen"}),
    "entities": (
        "persoon of systeem",
        {
            "name": "naam",
            "note": "notitie",
            "annotation": "aantekening",
            "role": "rol",
            "occupation": "beroep",
            "custom_kind": "soort",
        },
    ),
    "relations": ("relatie", {"label": "label", "note": "notitie"}),
    "factors": ("factor", {"description": "beschrijving"}),
    "goals": (
        "doel",
        {
            "title": "titel",
            "owner_text": "van wie",
            "result": "beoogd resultaat",
            "expected_change": "verwachte verandering",
        },
    ),
    "actions": (
        "actie",
        {
            "what": "wat",
            "actor_text": "wie",
            "where": "waar",
            "when": "wanneer",
            "how": "hoe",
            "aim": "doel",
        },
    ),
    "monitoring": ("monitoring", {"note": "notitie"}),
}


# ----------------------------------------------------------------- names in text
def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_pattern(names: Iterable[str], *, first_names: bool = True) -> re.Pattern[str] | None:
    """A case-insensitive pattern for whole-word occurrences of ``names``.

    With ``first_names`` the first word of each name (three letters or more)
    counts too: notes and goals say "Daan", not "Daan Bakker". None when there
    is no name to look for.

    >>> bool(name_pattern(["Daan Bakker"]).search("ruzie tussen Rick en daan"))
    True
    >>> bool(name_pattern(["Daan Bakker"], first_names=False).search("Daantje"))
    False
    """
    terms = {" ".join(n.split()) for n in names if n.strip()}
    if first_names:
        terms |= {t.split()[0] for t in list(terms) if len(t.split()[0]) >= 3}
    if not terms:
        return None
    words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A free-text field that names the person: where (in Dutch) and what it says."""

    kind: str  # a key of the case document: "entities", "goals", ... or "case"
    id: str
    field: str
    where: str
    text: str


def mentions(data: CaseData, pattern: re.Pattern[str] | None, skip: str = "") -> list[Mention]:
    """Every free-text field of ``data`` that ``pattern`` finds, except entity ``skip``'s own.

    Relations of ``skip`` are left out too: they belong to the person.
    """
    if pattern is None:
        return []
    names = {e.id: e.name for e in data.entities}
    found: list[Mention] = []
    for kind, (noun, text_fields) in _TEXT_FIELDS.items():
        records = [data.case] if kind == "case" else getattr(data, kind)
        for record in records:
            if kind == "entities" and record.id == skip:
                continue
            if kind == "relations" and skip in (record.source, record.target):
                continue
            for name, field_nl in text_fields.items():
                text = getattr(record, name)
                if text and pattern.search(text):
                    if kind == "entities":
                        what = f"{'persoon' if record.is_person else 'systeem'} {names[record.id]}"
                    else:
                        what = f"{noun} {record.code if kind == 'case' else record.id}"
                    found.append(Mention(kind, record.id, name, f"{what} ({field_nl})", text))
    return found


# ----------------------------------------------------------------- finding a person
def _xref_id(ref: str) -> str:
    """The entity id a GEDCOM import gives ``@I12@`` (see mapping.formats.gedcom)."""
    return "ged-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", ref.strip().strip("@")) or "x")


def find_person(store: Any, ref: str, *, case_ref: str | None = None) -> list[tuple[Case, Entity]]:
    """The people ``ref`` names in the cases the user may open, as (case, person).

    ``ref`` is an entity id, a GEDCOM xref (``@I12@`` or ``I12``) or a name,
    matched exactly but without regard to case and spacing. Only people
    (not systems) are found; ``case_ref`` (code or id) keeps one case.
    Archived cases are searched too: their data are still held.
    """
    wanted, xref = _key(ref), _xref_id(ref)
    cases = {c.id: c for c in store.list_cases(include_archived=True)}  # the guard's choice
    if case_ref is not None:
        cases = {i: c for i, c in cases.items() if case_ref in (c.id, c.code)}
    found: list[tuple[Case, Entity]] = []
    cursor = store.db.execute("SELECT * FROM entities WHERE kind = 'person' ORDER BY case_id, seq")
    columns = [d[0] for d in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(columns, values, strict=True))
        case = cases.get(row["case_id"])
        if case is None:
            continue
        if row["id"] in (ref.strip(), xref) or _key(row["name"]) == wanted:
            found.append((case, from_row(Entity, row)))
    return sorted(found, key=lambda match: (match[0].code.casefold(), match[1].name))


def person_in_case(store: Any, case_ref: str, ref: str) -> Entity:
    """The one person ``ref`` (id, GEDCOM xref or exact name) names in a case.

    NotFound when there is none; CasemapError, listing the ids, when two
    people of the case carry that name.
    """
    case = store.get_case(case_ref)  # checks access (a refusal is logged)
    found = [e for _c, e in find_person(store, ref, case_ref=case.id)]
    by_id = [e for e in found if e.id in (ref.strip(), _xref_id(ref))]
    if by_id:
        return by_id[0]
    if len(found) > 1:
        ids = ", ".join(e.id for e in found)
        raise CasemapError(
            "In casus {code} heten {n_found} personen zo; geef het id van de juiste persoon "
            "({ids}).",
            code=case.code,
            n_found=len(found),
            ids=ids,
        )
    if not found:
        raise NotFound(
            "Persoon '{ref}' staat niet in casus {code}. Geef het id of de naam precies "
            "zoals in de casus.",
            ref=ref,
            code=case.code,
        )
    return found[0]


# ----------------------------------------------------------------- the inzage document
def _grant(store: Any, case_id: str, action: Any, part: str, detail: str) -> None:
    """Ask the guard for an event (and so write its log line); a plain Store has none."""
    grant = getattr(store, "grant", None)
    if grant is not None:
        grant(case_id, action, part=part, detail=detail)


def _log_lines(store: Any, case_id: str) -> list[Any]:
    from mapping.access import log
    from mapping.access.guard import AccessDenied

    if hasattr(store, "case_log"):
        try:
            return store.case_log(case_id)  # reading the log is itself logged
        except AccessDenied:
            return []
    return log.lines(store.db, case_id=case_id)


def person_section(data: CaseData, entity_id: str) -> dict[str, Any]:
    """What one case (or snapshot) holds about one person, as JSON-ready records.

    Relations carry a readable label and the other end; factors are those
    linked to the person or to one of their relations; goals they own, with
    the monitoring of those goals; actions they carry out.
    """
    person = data.entity(entity_id)
    names = {e.id: e.name for e in data.entities}
    links = plan.entity_links(data, entity_id)
    goal_ids = {g.id for g in links["goals"]}
    return {
        "person": to_record(person),
        "relations": [
            {
                **to_record(r),
                "label_nl": plan.relation_label(data, r, names=names),
                "other_name": names.get(r.other(entity_id), ""),
            }
            for r in data.relations_of(entity_id)
        ],
        "positions": [to_record(p) for p in data.positions if p.entity_id == entity_id],
        "factors": [to_record(f) for f in links["factors"]],
        "goals": [to_record(g) for g in links["goals"]],
        "actions": [to_record(a) for a in links["actions"]],
        "monitoring": [to_record(m) for m in data.monitoring if m.goal_id in goal_ids],
    }


def _listed(section: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (kind, record["id"])
        for kind in ("relations", "factors", "goals", "actions", "monitoring")
        for record in section[kind]
    }


def _case_part(case: Case) -> dict[str, Any]:
    keep = ("id", "code", "title", "casemanager", "phase", "consent", "created", "archived")
    return {k: v for k, v in to_record(case).items() if k in keep}


def _gather_one(store: Any, case: Case, entity: Entity) -> dict[str, Any]:
    from mapping.access.guard import Action

    _grant(store, case.id, Action.EXPORT, PART_INZAGE, f"inzage persoon {entity.id}")
    data = store.load(case.id)
    section = person_section(data, entity.id)
    snapshots, names = [], {entity.name}
    for snap in store.snapshots(case.id):
        then = exchange.load_case(snap.document, strict=False)
        present = entity.id in then.entity_map()
        item: dict[str, Any] = {
            "id": snap.id,
            "label": snap.label,
            "taken": snap.taken,
            "present": present,
        }
        if present:
            names.add(then.entity(entity.id).name)
            item.update(person_section(then, entity.id))
        snapshots.append(item)
    pattern = name_pattern(names)
    listed = _listed(section)
    section["mentions"] = [
        {"where": m.where, "kind": m.kind, "id": m.id, "field": m.field, "text": m.text}
        for m in mentions(data, pattern, skip=entity.id)
        if (m.kind, m.id) not in listed
    ]
    history = store.history(case.id, limit=1_000_000)
    section["history"] = [
        {"at": c.at, "author": c.author, "revision": c.revision, "summary": c.summary}
        for c in reversed(history)
        if pattern is not None and pattern.search(c.summary)
    ]
    section["snapshots"] = snapshots
    keep = ("at", "user", "role", "on_behalf", "action", "part", "outcome", "detail")
    section["access_log"] = [
        {k: getattr(line, k) for k in keep} for line in reversed(_log_lines(store, case.id))
    ]
    return {"case": _case_part(data.case), **section}


def gather(
    store: Any, ref: str, *, case_ref: str | None = None, author: str = ""
) -> dict[str, Any]:
    """The inzage document (AVG art. 15) of everyone ``ref`` names, in every case.

    Each match is one entry of ``"matches"`` (see :func:`person_section`,
    plus ``mentions``, ``history``, ``snapshots`` and ``access_log``). The
    search cannot tell two people of the same name apart: the caller says so
    when there is more than one match. Through a GuardedStore every case read
    is logged as an export (part "AVG art. 15", the person's id, no name).
    NotFound when nobody matches.
    """
    found = find_person(store, ref, case_ref=case_ref)
    if not found:
        raise NotFound(
            "Geen persoon '{ref}' gevonden in {where}. Geef de naam precies, het id of de "
            "GEDCOM-code (bijv. @I12@).",
            ref=ref,
            where=Message("casus {case}", case=case_ref)
            if case_ref
            else Message("de casussen die u mag openen"),
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "made": date.today().isoformat(),
        "author": author,
        "query": ref,
        "matches": [_gather_one(store, case, entity) for case, entity in found],
    }


# ----------------------------------------------------------------- erasure
def without_person(data: CaseData, entity_id: str, names: Iterable[str] = ()) -> CaseData:
    """``data`` without one person: their relations, positions and links go too.

    Positions go where they are the person's and where they are of others in
    the person's own netwerkkaart (``view`` is the ego's id).

    Factors and goals keep their text but lose the link; a goal they owned or
    an action they carried says :data:`ERASED` for who, as does any owner or
    actor text that is exactly one of ``names``. The same rules as
    :meth:`mapping.storage.store.Store.delete` with ``on_actions="unassign"``, minus
    the name.
    """
    keys = {_key(n) for n in names}
    gone = {r.id for r in data.relations_of(entity_id)}

    def who(ref: str, text: str) -> str:
        return ERASED if (ref == entity_id and not text) or _key(text) in keys else text

    return CaseData(
        case=data.case,
        entities=[e for e in data.entities if e.id != entity_id],
        relations=[r for r in data.relations if r.id not in gone],
        positions=[p for p in data.positions if entity_id not in (p.entity_id, p.view)],
        factors=[
            replace(
                f,
                entity_ids=tuple(i for i in f.entity_ids if i != entity_id),
                relation_ids=tuple(i for i in f.relation_ids if i not in gone),
            )
            for f in data.factors
        ],
        goals=[
            replace(
                g,
                owner_id="" if g.owner_id == entity_id else g.owner_id,
                owner_text=who(g.owner_id, g.owner_text),
            )
            for g in data.goals
        ],
        actions=[
            replace(
                a,
                actor_id="" if a.actor_id == entity_id else a.actor_id,
                actor_text=who(a.actor_id, a.actor_text),
            )
            for a in data.actions
        ],
        monitoring=list(data.monitoring),
    )


@dataclass
class Erasure:
    """What erasing one person from one case takes (or took) away, and what still names them."""

    case_code: str
    entity_id: str
    name: str
    relations: int = 0
    positions: int = 0
    factors: int = 0
    goals: int = 0
    actions: int = 0
    snapshots: int = 0
    history: int = 0
    remaining: list[Mention] = field(default_factory=list)
    done: bool = False

    def lines(self) -> list[str]:
        """The report in Dutch, one line each (the name is shown, never stored)."""
        verb = "gewist" if self.done else "wordt gewist"
        out = [
            f"Casus {self.case_code}: persoon {self.entity_id} ({self.name}) {verb}.",
            f"- {self.relations} relaties en {self.positions} posities op de kaarten",
            f"- {self.factors} factoren ontkoppeld, {self.goals} doelen en {self.actions} acties "
            f"zonder eigenaar of uitvoerder (daar staat '{ERASED}')",
            f"- {self.snapshots} momentopnamen zonder deze persoon",
            f"- {self.history} historieregels zonder de naam",
        ]
        if self.done:
            out.append(
                f"- vastgelegd in de historie en het toegangslog ({PART_ERASURE}), zonder naam"
            )
        if self.remaining:
            out.append("De naam staat nog als vrije tekst op deze plaatsen; pas ze zo nodig aan:")
            for m in self.remaining:
                text = " ".join(m.text.split())
                out.append(f"  - {m.where}: {text[:120]}{'…' if len(text) > 120 else ''}")
        return out


def _person(data: CaseData, entity_id: str) -> Entity:
    people = {e.id: e for e in data.entities if e.is_person}
    if entity_id not in people:
        raise NotFound(
            "Persoon '{entity_id}' staat niet (meer) in casus {code}.",
            entity_id=entity_id,
            code=data.case.code,
        )
    return people[entity_id]


def _names_in_snapshots(store: Any, case_id: str, entity_id: str) -> set[str]:
    """Every name the person had in the case's snapshots (a renamed person had others)."""
    names = set()
    for (document,) in store.db.execute(
        "SELECT document FROM snapshots WHERE case_id = ?", [case_id]
    ).fetchall():
        then = exchange.load_case(document, strict=False)
        if entity_id in then.entity_map():
            names.add(then.entity(entity_id).name)
    return names


def _remaining(store: Any, data: CaseData, entity_id: str, names: set[str]) -> list[Mention]:
    """Free text in the case, its snapshots, history and access log that still names them."""
    pattern = name_pattern(names)
    if pattern is None:
        return []
    found = mentions(data, pattern, skip=entity_id)
    for snap_id, label, document in store.db.execute(
        "SELECT id, label, document FROM snapshots WHERE case_id = ? ORDER BY taken, seq",
        [data.case.id],
    ).fetchall():
        if pattern.search(label):
            found.append(Mention("snapshots", snap_id, "label", "momentopname (naam)", label))
        then = without_person(exchange.load_case(document, strict=False), entity_id, names)
        found += [
            replace(m, where=f"momentopname '{label}': {m.where}")
            for m in mentions(then, pattern, skip=entity_id)
        ]
    for row_id, summary in store.db.execute(
        "SELECT id, summary FROM history WHERE case_id = ? ORDER BY id", [data.case.id]
    ).fetchall():
        if pattern.search(summary):
            found.append(Mention("history", str(row_id), "summary", "historieregel", summary))
    for row_id, detail in store.db.execute(
        "SELECT id, detail FROM access_log WHERE case_id = ? ORDER BY id", [data.case.id]
    ).fetchall():
        # the log names the person by id ("persoon daan"): that is no mention of the name
        if pattern.search(detail.replace(entity_id, "")):
            where = f"toegangslog regel {row_id} (kan niet worden gewijzigd: NEN 7513)"
            found.append(Mention("access_log", str(row_id), "detail", where, detail))
    for row_id, reason in store.db.execute(
        "SELECT id, reason FROM break_glass WHERE case_id = ? ORDER BY id", [data.case.id]
    ).fetchall():
        if pattern.search(reason):
            found.append(Mention("break_glass", str(row_id), "reason", "reden noodtoegang", reason))
    return found


def _assess(store: Any, data: CaseData, entity: Entity, names: set[str]) -> Erasure:
    links = plan.entity_links(data, entity.id)
    in_snapshots = sum(
        1
        for (document,) in store.db.execute(
            "SELECT document FROM snapshots WHERE case_id = ?", [data.case.id]
        ).fetchall()
        if entity.id in exchange.load_case(document, strict=False).entity_map()
    )
    full = name_pattern(names, first_names=False)
    history = sum(
        1
        for (summary,) in store.db.execute(
            "SELECT summary FROM history WHERE case_id = ?", [data.case.id]
        ).fetchall()
        if full is not None and full.search(summary)
    )
    return Erasure(
        case_code=data.case.code,
        entity_id=entity.id,
        name=entity.name,
        relations=len(data.relations_of(entity.id)),
        positions=sum(entity.id in (p.entity_id, p.view) for p in data.positions),
        factors=len(links["factors"]),
        goals=len(links["goals"]),
        actions=len(links["actions"]),
        snapshots=in_snapshots,
        history=history,
    )


def plan_erasure(store: Any, case_ref: str, entity_id: str) -> Erasure:
    """What :func:`erase_person` would take away and which free text would still name them.

    Changes nothing (through a GuardedStore the case read is logged as a view).
    """
    data = store.load(case_ref)
    entity = _person(data, entity_id)
    names = {entity.name} | _names_in_snapshots(store, data.case.id, entity_id)
    erasure = _assess(store, data, entity, names)
    scrubbed = name_pattern(names, first_names=False)  # history lines that will lose the name
    erasure.remaining = [
        m
        for m in _remaining(store, without_person(data, entity_id, names), entity_id, names)
        if not (m.kind == "history" and scrubbed is not None and scrubbed.search(m.text))
    ]
    return erasure


def _erase_from_snapshots(store: Any, case_id: str, entity_id: str, names: set[str]) -> int:
    """Rewrite every snapshot document of the case without the person; how many changed.

    Store-level: runs in the caller's transaction (``store._transaction()``).
    """
    changed = 0
    rows = store.db.execute(
        "SELECT id, document FROM snapshots WHERE case_id = ?", [case_id]
    ).fetchall()
    for snap_id, document in rows:
        then = exchange.load_case(document, strict=False)
        now = without_person(then, entity_id, names)
        if now == then:
            continue
        exchange.check_case(now, values=False)
        store.db.execute(
            "UPDATE snapshots SET document = ? WHERE id = ?", [exchange.dump_case(now), snap_id]
        )
        changed += 1
    return changed


def _scrub_history(store: Any, case_id: str, names: set[str]) -> int:
    """Replace the full names in the case's history lines by :data:`ERASED`; how many changed.

    Store-level, in the caller's transaction. Only whole names: a first name
    in a goal's title quoted by the history is free text, reported instead.
    """
    pattern = name_pattern(names, first_names=False)
    changed = 0
    rows = store.db.execute(
        "SELECT id, summary FROM history WHERE case_id = ?", [case_id]
    ).fetchall()
    for row_id, summary in rows:
        scrubbed = pattern.sub(ERASED, summary) if pattern else summary
        if scrubbed != summary:
            store.db.execute("UPDATE history SET summary = ? WHERE id = ?", [scrubbed, row_id])
            changed += 1
    return changed


def _erase_who_texts(store: Any, case_id: str, names: set[str]) -> None:
    """Store.delete writes the name into the goals and actions it unassigns: take it out."""
    keys = {_key(n) for n in names}
    for table, column in (("goals", "owner_text"), ("actions", "actor_text")):
        rows = store.db.execute(
            f'SELECT id, "{column}" FROM {table} WHERE case_id = ?', [case_id]
        ).fetchall()
        for row_id, text in rows:
            if text and _key(text) in keys:
                store.db.execute(
                    f'UPDATE {table} SET "{column}" = ? WHERE case_id = ? AND id = ?',
                    [ERASED, case_id, row_id],
                )


def erase_person(store: Any, case_ref: str, entity_id: str, author: str = "") -> Erasure:
    """Erase a person from a case (AVG art. 17): live, in its snapshots and its history.

    One transaction: the entity with its relations and positions is deleted
    through ``store.delete`` (checked and logged by a GuardedStore), its goals
    and actions keep their text with :data:`ERASED` for who, every snapshot
    document is rewritten without them (:func:`without_person`), their names
    leave the history lines, and the history line and the access-log line of
    the erasure name no one (the log line has the entity id). The store opens
    SQLite with ``secure_delete`` on, so deleted text is overwritten; the WAL
    file, and pages freed earlier by a connection without it, are cleared by
    :func:`wipe_free_space`. Returns what was done and where free text still
    names them.
    """
    from mapping.access.guard import Action
    from mapping.core.model import Entity as EntityType

    data = store.load(case_ref)  # checked (and a refusal logged) before anything changes
    entity = _person(data, entity_id)
    case_id = data.case.id
    names = {entity.name} | _names_in_snapshots(store, case_id, entity_id)
    erasure = _assess(store, data, entity, names)
    with store._transaction():
        revision = store.delete(
            case_id, EntityType, entity_id, author=author, on_actions="unassign"
        )
        _erase_who_texts(store, case_id, names)
        # their own netwerkkaart's positions (view = the ego's id) do not cascade
        store.db.execute(
            "DELETE FROM positions WHERE case_id = ? AND view = ?", [case_id, entity_id]
        )
        erasure.snapshots = _erase_from_snapshots(store, case_id, entity_id, names)
        erasure.history = _scrub_history(store, case_id, names)
        counts = (
            f"{erasure.relations} relaties, {erasure.factors} factoren ontkoppeld, "
            f"{erasure.snapshots} momentopnamen aangepast"
        )
        store.db.execute(
            "UPDATE history SET summary = ? WHERE id = "
            "(SELECT MAX(id) FROM history WHERE case_id = ? AND revision = ?)",
            [f"{HISTORY_LINE}: {counts}", case_id, revision],
        )
        _grant(
            store,
            case_id,
            Action.CHANGE,
            PART_ERASURE,
            f"persoon {entity_id} gewist; {counts}; {erasure.history} historieregels zonder naam",
        )
    erasure.done = True
    erasure.remaining = _remaining(store, store.load(case_id), entity_id, names)
    return erasure


def wipe_free_space(store: Any) -> bool:
    """Empty the WAL and VACUUM (:func:`mapping.services.retention.wipe`): erased text leaves the file.

    The erasure overwrites what it deletes; this also clears the write-ahead
    log and pages freed earlier by a connection without ``secure_delete``.
    False when another process kept the database busy: the erasure stands,
    and wiping can be repeated later.
    """
    from mapping.services.retention import wipe

    try:
        wipe(store)
    except (sqlite3.OperationalError, StoreUnavailable):  # PostgreSQL: VACUUM FULL timed out
        return False
    return True


__all__ = [
    "ERASED",
    "Erasure",
    "Mention",
    "erase_person",
    "find_person",
    "gather",
    "mentions",
    "name_pattern",
    "person_in_case",
    "person_section",
    "plan_erasure",
    "wipe_free_space",
    "without_person",
]
