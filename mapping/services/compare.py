"""Compare two states of a case: what was added, removed and changed, in words.

Used for the evaluation question "has the network grown and has the balance
shifted?" (intake vs. evaluation) and for students comparing their map with
the model answer. Entities are matched by id first and then by name and kind,
so two independently made maps of the same family can be compared too.

>>> from mapping.services.demo import demo_case
>>> old, new = demo_case(), demo_case()
>>> tie = next(r for r in new.relations if r.id == "s-sanne-els")
>>> tie.ring = Ring.CLOSE
>>> [d.text("nl") for d in diff_cases(old, new).differences]
["Els Visser in de netwerkkaart van Sanne Jansen: van ring 'middel' naar ring 'dichtbij'"]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mapping.core.model import CaseData, Entity, Relation
from mapping.core.numbers import decimal
from mapping.core.vocabulary import Ring, Sector, Vocab, label

SYMMETRIC_KINDS = {"partnership", "twin", "emotional", "acquaintance", "connection"}


@dataclass(frozen=True)
class Difference:
    """One change between two states, with its text in Dutch and English."""

    change: str  # added | removed | changed
    subject: str  # entity | relation | factor | goal
    id: str  # the id in the new state (the old one for removals)
    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


@dataclass
class CaseDiff:
    """All differences, plus the ids to colour in each state's drawing."""

    differences: list[Difference] = field(default_factory=list)
    added: set[str] = field(default_factory=set)  # ids in the new state
    removed: set[str] = field(default_factory=set)  # ids in the old state
    changed: set[str] = field(default_factory=set)  # ids in the new state

    def texts(self, lang: str = "nl") -> list[str]:
        return [d.text(lang) for d in self.differences]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def match_entities(old: CaseData, new: CaseData) -> dict[str, str]:
    """``{old_id: new_id}`` for the entities that are the same in both states."""
    new_ids = {e.id for e in new.entities}
    mapping = {e.id: e.id for e in old.entities if e.id in new_ids}
    taken = set(mapping.values())
    by_name: dict[tuple[str, str], str] = {}
    for e in new.entities:
        if e.id not in taken:
            by_name.setdefault((_norm(e.name), e.kind.value), e.id)
    for e in old.entities:
        if e.id in mapping:
            continue
        key = (_norm(e.name), e.kind.value)
        if key in by_name:
            mapping[e.id] = by_name.pop(key)
    return mapping


def _relation_key(rel: Relation, ids: dict[str, str] | None = None) -> tuple:
    source = ids.get(rel.source, "?" + rel.source) if ids is not None else rel.source
    target = ids.get(rel.target, "?" + rel.target) if ids is not None else rel.target
    if rel.kind.value in SYMMETRIC_KINDS:
        source, target = sorted((source, target))
    return (rel.kind.value, source, target)


def _value_label(value: object, lang: str) -> str:
    if isinstance(value, Vocab):
        return label(value, lang)
    if value in ("", None):
        return "—"
    return str(value)


def _ring_text(ring: Ring | None, lang: str) -> str:
    """A ring named with the words the netwerkkaart and its legend use ("ring 'dichtbij'")."""
    if ring is None:
        return "—"
    return f"ring '{label(ring, lang)}'"


def diff_cases(old: CaseData, new: CaseData) -> CaseDiff:
    """The differences from ``old`` to ``new`` (entities, relations, balance, plan)."""
    diff = CaseDiff()
    ids = match_entities(old, new)
    old_by_id = old.entity_map()
    new_by_id = new.entity_map()
    matched_new = set(ids.values())

    def name(entity_id: str, state: CaseData) -> str:
        by = new_by_id if state is new else old_by_id
        entity = by.get(entity_id)
        return entity.name if entity else entity_id

    for e in new.entities:
        if e.id not in matched_new:
            diff.added.add(e.id)
            diff.differences.append(
                Difference("added", "entity", e.id, f"Nieuw in beeld: {e.name}", f"New: {e.name}")
            )
    for e in old.entities:
        if e.id not in ids:
            diff.removed.add(e.id)
            diff.differences.append(
                Difference(
                    "removed",
                    "entity",
                    e.id,
                    f"Niet meer in beeld: {e.name}",
                    f"No longer present: {e.name}",
                )
            )
    for old_id, new_id in ids.items():
        for nl, en in _entity_changes(old_by_id[old_id], new_by_id[new_id]):
            diff.changed.add(new_id)
            diff.differences.append(Difference("changed", "entity", new_id, nl, en))

    old_rel = {_relation_key(r, ids): r for r in old.relations}
    new_rel = {_relation_key(r): r for r in new.relations}
    for key, rel in new_rel.items():
        pair_nl = f"{name(rel.source, new)} – {name(rel.target, new)}"
        kind_nl, kind_en = label(rel.kind, "nl"), label(rel.kind, "en")
        if key not in old_rel:
            diff.added.add(rel.id)
            sub_nl = f" ({label_sub(rel, 'nl')})" if rel.subtype else ""
            sub_en = f" ({label_sub(rel, 'en')})" if rel.subtype else ""
            diff.differences.append(
                Difference(
                    "added",
                    "relation",
                    rel.id,
                    f"Nieuwe {kind_nl}: {pair_nl}{sub_nl}",
                    f"New {kind_en}: {pair_nl}{sub_en}",
                )
            )
            continue
        for nl, en in _relation_changes(
            old_rel[key], rel, name(rel.source, new), name(rel.target, new)
        ):
            diff.changed.add(rel.id)
            diff.differences.append(Difference("changed", "relation", rel.id, nl, en))
    for key, rel in old_rel.items():
        if key not in new_rel:
            diff.removed.add(rel.id)
            pair = f"{name(rel.source, old)} – {name(rel.target, old)}"
            diff.differences.append(
                Difference(
                    "removed",
                    "relation",
                    rel.id,
                    f"Vervallen {label(rel.kind, 'nl')}: {pair}",
                    f"Ended {label(rel.kind, 'en')}: {pair}",
                )
            )
    _plan_changes(old, new, diff)
    return diff


def label_sub(rel: Relation, lang: str) -> str:
    """The label of a relation's subtype ('gescheiden', 'conflict'), or the raw value."""
    from mapping.core.vocabulary import SUBTYPES

    enum = SUBTYPES.get(rel.kind)
    if enum and rel.subtype:
        try:
            return label(enum(rel.subtype), lang)
        except ValueError:
            return rel.subtype
    return rel.subtype


def _entity_changes(old: Entity, new: Entity) -> list[tuple[str, str]]:
    out = []
    if old.name != new.name:
        out.append((f"{old.name} heet nu {new.name}", f"{old.name} is now called {new.name}"))
    if new.is_deceased and not old.is_deceased:
        out.append((f"{new.name} is overleden", f"{new.name} has died"))
    if old.household != new.household:
        if new.household:
            out.append(
                (f"{new.name} woont nu in het huishouden", f"{new.name} now lives in the household")
            )
        else:
            out.append(
                (
                    f"{new.name} woont niet meer in het huishouden",
                    f"{new.name} no longer lives in the household",
                )
            )
    if old.birth_status != new.birth_status:
        out.append(
            (
                f"{new.name}: van {label(old.birth_status)} naar {label(new.birth_status)}",
                f"{new.name}: from {label(old.birth_status, 'en')} to {label(new.birth_status, 'en')}",
            )
        )
    if set(old.conditions) != set(new.conditions):
        added = [label(c) for c in new.conditions if c not in old.conditions]
        gone = [label(c) for c in old.conditions if c not in new.conditions]
        added_en = [label(c, "en") for c in new.conditions if c not in old.conditions]
        gone_en = [label(c, "en") for c in old.conditions if c not in new.conditions]
        if added:
            out.append(
                (
                    f"{new.name}: nu ook {', '.join(added)}",
                    f"{new.name}: now also {', '.join(added_en)}",
                )
            )
        if gone:
            out.append(
                (
                    f"{new.name}: niet meer {', '.join(gone)}",
                    f"{new.name}: no longer {', '.join(gone_en)}",
                )
            )
    return out


def _relation_changes(
    old: Relation, new: Relation, source: str, target: str
) -> list[tuple[str, str]]:
    out = []
    pair = f"{source} – {target}"
    if old.subtype != new.subtype:
        out.append(
            (
                f"{label(new.kind)} {pair}: van {label_sub(old, 'nl')} naar {label_sub(new, 'nl')}",
                f"{label(new.kind, 'en')} {pair}: from {label_sub(old, 'en')} to {label_sub(new, 'en')}",
            )
        )
    if new.kind.value == "support":
        where_nl = f"{target} in de netwerkkaart van {source}"
        where_en = f"{target} in {source}'s sociogram"
        if old.ring != new.ring:
            out.append(
                (
                    f"{where_nl}: van {_ring_text(old.ring, 'nl')} naar {_ring_text(new.ring, 'nl')}",
                    f"{where_en}: from {_ring_text(old.ring, 'en')} to {_ring_text(new.ring, 'en')}",
                )
            )
        if old.sector != new.sector:
            out.append(
                (
                    f"{where_nl}: van sector {_sector(old.sector, 'nl')} naar {_sector(new.sector, 'nl')}",
                    f"{where_en}: from sector {_sector(old.sector, 'en')} to {_sector(new.sector, 'en')}",
                )
            )
        if set(old.support) != set(new.support):
            now_nl = ", ".join(label(s) for s in new.support) or "—"
            now_en = ", ".join(label(s, "en") for s in new.support) or "—"
            out.append(
                (f"{where_nl}: steun is nu {now_nl}", f"{where_en}: support is now {now_en}")
            )
    if old.flow != new.flow:
        out.append(
            (
                f"{label(new.kind)} {pair}: richting nu {label(new.flow)}",
                f"{label(new.kind, 'en')} {pair}: direction now {label(new.flow, 'en')}",
            )
        )
    return out


def _sector(sector: Sector | None, lang: str) -> str:
    return label(sector, lang) if sector else "—"


def _plan_changes(old: CaseData, new: CaseData, diff: CaseDiff) -> None:
    old_factors = {f.id: f for f in old.factors}
    for f in new.factors:
        before = old_factors.pop(f.id, None)
        side_nl, side_en = label(f.side, "nl"), label(f.side, "en")
        if before is None:
            diff.differences.append(
                Difference(
                    "added",
                    "factor",
                    f.id,
                    f"Nieuwe {side_nl}: {f.description} ({f.weight})",
                    f"New {side_en}: {f.description} ({f.weight})",
                )
            )
        elif before.weight != f.weight:
            diff.differences.append(
                Difference(
                    "changed",
                    "factor",
                    f.id,
                    f"{side_nl} '{f.description}': gewicht van {before.weight} naar {f.weight}",
                    f"{side_en} '{f.description}': weight from {before.weight} to {f.weight}",
                )
            )
    for f in old_factors.values():
        diff.differences.append(
            Difference(
                "removed",
                "factor",
                f.id,
                f"Vervallen {label(f.side)}: {f.description}",
                f"Removed {label(f.side, 'en')}: {f.description}",
            )
        )
    old_goals = {g.id: g for g in old.goals}
    for g in new.goals:
        before = old_goals.get(g.id)
        if before is None:
            diff.differences.append(
                Difference("added", "goal", g.id, f"Nieuw doel: {g.title}", f"New goal: {g.title}")
            )
        elif before.status != g.status:
            diff.differences.append(
                Difference(
                    "changed",
                    "goal",
                    g.id,
                    f"Doel '{g.title}': van {label(before.status)} naar {label(g.status)}",
                    f"Goal '{g.title}': from {label(before.status, 'en')} to {label(g.status, 'en')}",
                )
            )


def figures(
    old: CaseData, new: CaseData, ego_id: str = "", lang: str | None = None
) -> list[tuple[str, str, object, object]]:
    """Key figures before and after: ``(label_nl, label_en, old_value, new_value)``.

    Network size and density of ego's netwerkkaart (default: the index
    person), the share of professionals, and the balance's weighted sums.
    With ``lang`` the values come as text the reader writes ("0,45" in Dutch).

    >>> from mapping.services.demo import demo_case
    >>> rows = {nl: (a, b) for nl, _en, a, b in figures(demo_case(), demo_case(), lang="nl")}
    >>> "," in rows["Dichtheid"][0], rows["Personen"]
    (True, ('22', '22'))
    """
    rows = _figures(old, new, ego_id)
    if lang is None:
        return rows
    return [(nl, en, _figure_text(a, lang), _figure_text(b, lang)) for nl, en, a, b in rows]


def _figure_text(value: object, lang: str) -> str:
    if isinstance(value, float):
        return decimal(value, 2, lang)
    return str(value)


def _figures(old: CaseData, new: CaseData, ego_id: str) -> list[tuple[str, str, object, object]]:
    rows: list[tuple[str, str, object, object]] = [
        ("Personen", "People", _count(old, True), _count(new, True)),
        ("Systemen", "Systems", _count(old, False), _count(new, False)),
    ]
    ego = ego_id or (new.index_person().id if new.index_person() else "")
    if ego:
        from mapping.services.metrics import network_metrics

        before, after = network_metrics(old, ego), network_metrics(new, ego)
        rows += [
            ("Omvang netwerk", "Network size", before.size, after.size),
            ("Dichtheid", "Density", round(before.density, 2), round(after.density, 2)),
            (
                "Aandeel professionals",
                "Share of professionals",
                round(before.professional_share, 2),
                round(after.professional_share, 2),
            ),
        ]
    from mapping.services.balance import balance

    b_old, b_new = balance(old), balance(new)
    rows += [
        ("Draagkracht (gewogen)", "Capacity (weighted)", b_old.draagkracht, b_new.draagkracht),
        ("Draaglast (gewogen)", "Load (weighted)", b_old.draaglast, b_new.draaglast),
    ]
    return rows


def _count(data: CaseData, people: bool) -> int:
    return sum(1 for e in data.entities if e.is_person == people)


ADDED_COLOUR = "#1b9e3a"
REMOVED_COLOUR = "#d62728"
#: Magenta: no relation kind, support type, system or status of the vocabulary uses it
#: (orange did: the ambivalent tie and the 'adjusted' goal), so 'veranderd' reads as itself.
CHANGED_COLOUR = "#d400d4"


def mark_changes(drawing, marked: set[str], colour: str, changed: set[str] = frozenset()):
    """Colour the symbols and lines whose entity or relation id is in ``marked``.

    The compare page marks additions in the new state's drawing and removals
    in the old one; ``changed`` ids get :data:`CHANGED_COLOUR`. Returns the
    same Drawing, changed in place.
    """
    for symbol in drawing.symbols:
        key = symbol.entity_id or symbol.id
        if key in marked:
            symbol.stroke = colour
            symbol.css = (symbol.css + " diff-marked").strip()
        elif key in changed:
            symbol.stroke = CHANGED_COLOUR
            symbol.css = (symbol.css + " diff-changed").strip()
    for line in drawing.lines:
        if line.relation_id in marked:
            line.color = colour
            line.width = max(line.width, 2.5)
        elif line.relation_id in changed:
            line.color = CHANGED_COLOUR
            line.width = max(line.width, 2.5)
    return drawing
