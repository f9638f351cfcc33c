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

from mapping.core.i18n import Localized, Message
from mapping.core.model import CaseData, Entity, Relation
from mapping.core.numbers import decimal
from mapping.core.vocabulary import Ring, Sector, Vocab, label

SYMMETRIC_KINDS = {"partnership", "twin", "emotional", "acquaintance", "connection"}


@dataclass(frozen=True)
class Difference:
    """One change between two states; its text a message translated where it is shown."""

    change: str  # added | removed | changed
    subject: str  # entity | relation | factor | goal
    id: str  # the id in the new state (the old one for removals)
    words: Message

    def text(self, lang: str = "nl") -> str:
        return self.words.message(lang)

    @property
    def nl(self) -> str:
        return self.text("nl")

    @property
    def en(self) -> str:
        return self.text("en")


def _label(value) -> Localized:
    """A vocabulary value's label, in the language the message is shown in."""
    return Localized(lambda lang: label(value, lang))


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
                Difference("added", "entity", e.id, Message("Nieuw in beeld: {name}", name=e.name))
            )
    for e in old.entities:
        if e.id not in ids:
            diff.removed.add(e.id)
            diff.differences.append(
                Difference(
                    "removed",
                    "entity",
                    e.id,
                    Message("Niet meer in beeld: {name}", name=e.name),
                )
            )
    for old_id, new_id in ids.items():
        for words in _entity_changes(old_by_id[old_id], new_by_id[new_id]):
            diff.changed.add(new_id)
            diff.differences.append(Difference("changed", "entity", new_id, words))

    old_rel = {_relation_key(r, ids): r for r in old.relations}
    new_rel = {_relation_key(r): r for r in new.relations}
    for key, rel in new_rel.items():
        pair = f"{name(rel.source, new)} – {name(rel.target, new)}"
        if key not in old_rel:
            diff.added.add(rel.id)
            words = (
                Message(
                    "Nieuwe {kind}: {pair} ({sub})",
                    kind=_label(rel.kind),
                    pair=pair,
                    sub=Localized(lambda lang, rel=rel: label_sub(rel, lang)),
                )
                if rel.subtype
                else Message("Nieuwe {kind}: {pair}", kind=_label(rel.kind), pair=pair)
            )
            diff.differences.append(Difference("added", "relation", rel.id, words))
            continue
        for words in _relation_changes(
            old_rel[key], rel, name(rel.source, new), name(rel.target, new)
        ):
            diff.changed.add(rel.id)
            diff.differences.append(Difference("changed", "relation", rel.id, words))
    for key, rel in old_rel.items():
        if key not in new_rel:
            diff.removed.add(rel.id)
            pair = f"{name(rel.source, old)} – {name(rel.target, old)}"
            diff.differences.append(
                Difference(
                    "removed",
                    "relation",
                    rel.id,
                    Message("Vervallen {kind}: {pair}", kind=_label(rel.kind), pair=pair),
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


def _entity_changes(old: Entity, new: Entity) -> list[Message]:
    out = []
    if old.name != new.name:
        out.append(Message("{old} heet nu {new}", old=old.name, new=new.name))
    if new.is_deceased and not old.is_deceased:
        out.append(Message("{name} is overleden", name=new.name))
    if old.household != new.household:
        if new.household:
            out.append(Message("{name} woont nu in het huishouden", name=new.name))
        else:
            out.append(Message("{name} woont niet meer in het huishouden", name=new.name))
    if old.birth_status != new.birth_status:
        out.append(
            Message(
                "{name}: van {old} naar {new}",
                name=new.name,
                old=_label(old.birth_status),
                new=_label(new.birth_status),
            )
        )
    if set(old.conditions) != set(new.conditions):
        added = [c for c in new.conditions if c not in old.conditions]
        gone = [c for c in old.conditions if c not in new.conditions]
        if added:
            out.append(
                Message("{name}: nu ook {conditions}", name=new.name, conditions=_labels(added))
            )
        if gone:
            out.append(
                Message("{name}: niet meer {conditions}", name=new.name, conditions=_labels(gone))
            )
    return out


def _labels(values: list, empty: str = "") -> Localized:
    """Vocabulary values' labels joined with commas, in the message's language."""
    return Localized(lambda lang: ", ".join(label(v, lang) for v in values) or empty)


def _relation_changes(old: Relation, new: Relation, source: str, target: str) -> list[Message]:
    out = []
    pair = f"{source} – {target}"
    kind = _label(new.kind)
    if old.subtype != new.subtype:
        out.append(
            Message(
                "{kind} {pair}: van {old} naar {new}",
                kind=kind,
                pair=pair,
                old=Localized(lambda lang: label_sub(old, lang)),
                new=Localized(lambda lang: label_sub(new, lang)),
            )
        )
    if new.kind.value == "support":
        where = Message("{target} in de netwerkkaart van {source}", target=target, source=source)
        if old.ring != new.ring:
            out.append(
                Message(
                    "{where}: van {old} naar {new}",
                    where=where,
                    old=Localized(lambda lang: _ring_text(old.ring, lang)),
                    new=Localized(lambda lang: _ring_text(new.ring, lang)),
                )
            )
        if old.sector != new.sector:
            out.append(
                Message(
                    "{where}: van sector {old} naar {new}",
                    where=where,
                    old=Localized(lambda lang: _sector(old.sector, lang)),
                    new=Localized(lambda lang: _sector(new.sector, lang)),
                )
            )
        if set(old.support) != set(new.support):
            out.append(
                Message(
                    "{where}: steun is nu {support}", where=where, support=_labels(new.support, "—")
                )
            )
    if old.flow != new.flow:
        out.append(
            Message(
                "{kind} {pair}: richting nu {flow}", kind=kind, pair=pair, flow=_label(new.flow)
            )
        )
    return out


def _sector(sector: Sector | None, lang: str) -> str:
    return label(sector, lang) if sector else "—"


def _plan_changes(old: CaseData, new: CaseData, diff: CaseDiff) -> None:
    old_factors = {f.id: f for f in old.factors}
    for f in new.factors:
        before = old_factors.pop(f.id, None)
        side = _label(f.side)
        if before is None:
            diff.differences.append(
                Difference(
                    "added",
                    "factor",
                    f.id,
                    Message(
                        "Nieuwe {side}: {description} ({weight})",
                        side=side,
                        description=f.description,
                        weight=f.weight,
                    ),
                )
            )
        elif before.weight != f.weight:
            diff.differences.append(
                Difference(
                    "changed",
                    "factor",
                    f.id,
                    Message(
                        "{side} '{description}': gewicht van {old} naar {new}",
                        side=side,
                        description=f.description,
                        old=before.weight,
                        new=f.weight,
                    ),
                )
            )
    for f in old_factors.values():
        diff.differences.append(
            Difference(
                "removed",
                "factor",
                f.id,
                Message(
                    "Vervallen {side}: {description}",
                    side=_label(f.side),
                    description=f.description,
                ),
            )
        )
    old_goals = {g.id: g for g in old.goals}
    for g in new.goals:
        before = old_goals.get(g.id)
        if before is None:
            diff.differences.append(
                Difference("added", "goal", g.id, Message("Nieuw doel: {title}", title=g.title))
            )
        elif before.status != g.status:
            diff.differences.append(
                Difference(
                    "changed",
                    "goal",
                    g.id,
                    Message(
                        "Doel '{title}': van {old} naar {new}",
                        title=g.title,
                        old=_label(before.status),
                        new=_label(g.status),
                    ),
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
