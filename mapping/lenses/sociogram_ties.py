"""Which ties from the whole case a person's netwerkkaart shows before they are placed.

A netwerkkaart member is *placed* when ego has a SUPPORT relation to it: the
casemanager chose its sector and ring (:func:`mapping.lenses.sociogram.members`).
Everyone else ego is tied to in the one case network is a tie *not yet
placed*, and the map shows it as such (issue #21.1), at a suggested cell:

* **family** (partners, parents, children, twins, siblings through a shared
  parent) and ego's fellow household members: household/family;
* **people who know ego** (ACQUAINTANCE, an emotional relation, or a SUPPORT
  tie *to* ego from someone else's map): the sector the other's map gave ego
  (a tie is mutual), else by the words of their role ('buurvrouw' neighbours,
  'collega' work/school; a kinship word such as 'moeder' names their role in
  the client's family, not towards ego), else friends;
* **systems** ego is connected to (the ecogram's CONNECTION): their kind's
  sector (GP, wijkteam: professional help; school, club: work/school/clubs).

The ring says how strong the tie is: an emotional relation that says close
(close, fused) is ring 1 and one that says distant or cut off ring 3; living
together, or being married or cohabiting, ring 1; a divorce or separation
ring 3; a strong connection ring 1, a weak one ring 3; an imported weight
("weight: 8" in the note) in thirds of ego's weighted ties; otherwise
ring 2. A deceased relative is still shown (with the cross), always in
ring 3: a map of a GEDCOM tree would otherwise lose a man's parents; a
deceased person gives no support, so a casemanager rarely places them. The
unborn (a pregnancy, a lost child) are left out.

>>> from mapping.services.demo import demo_case
>>> found = {t.entity.id: t for t in case_ties(demo_case(), "daan")}
>>> found["lotte"].sector.value, found["lotte"].reasons[0]
('household', ('zus of broer', 'sibling'))
>>> found["voetbal"].ring, found["mark"].ring  # strong connection; distant father
(<Ring.CLOSE: '1'>, <Ring.FAR: '3'>)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapping.core.model import CaseData, Entity, Relation, note_parts
from mapping.core.vocabulary import (
    BirthStatus,
    ConnectionStrength,
    EmotionalKind,
    EntityKind,
    PartnershipStatus,
    RelationKind,
    Ring,
    Sector,
    label,
    sector_for_system,
)

Reason = tuple[str, str]  # (Dutch, English)

#: What each kind of tie is called in a tooltip (Dutch, English).
REASONS: dict[str, Reason] = {
    "partner": ("partner", "partner"),
    "ex": ("ex-partner", "former partner"),
    "parent": ("ouder", "parent"),
    "child": ("kind", "child"),
    "twin": ("tweeling", "twin"),
    "sibling": ("zus of broer", "sibling"),
    "household": ("huisgenoot", "household member"),
    "knows": ("kennen elkaar", "know each other"),
    "their_map": ("staat in de netwerkkaart van de ander", "on the other's netwerkkaart"),
}

#: Emotional relations that say how close two people are (the others say nothing about it).
EMOTIONAL_RING: dict[EmotionalKind, Ring] = {
    EmotionalKind.CLOSE: Ring.CLOSE,
    EmotionalKind.VERY_CLOSE: Ring.CLOSE,
    EmotionalKind.DISTANT: Ring.FAR,
    EmotionalKind.CUTOFF: Ring.FAR,
}

CONNECTION_RING: dict[ConnectionStrength, Ring] = {
    ConnectionStrength.STRONG: Ring.CLOSE,
    ConnectionStrength.MODERATE: Ring.MIDDLE,
    ConnectionStrength.WEAK: Ring.FAR,
    ConnectionStrength.STRESSFUL: Ring.MIDDLE,
}

PARTNER_RING: dict[PartnershipStatus, Ring] = {
    PartnershipStatus.MARRIED: Ring.CLOSE,
    PartnershipStatus.COHABITING: Ring.CLOSE,
    PartnershipStatus.SEPARATED: Ring.FAR,
    PartnershipStatus.DIVORCED: Ring.FAR,
}

_WEIGHT = re.compile(r"\b(?:weight|value|gewicht|waarde)\s*[:=]\s*(-?\d+(?:[.,]\d+)?)", re.I)


@dataclass(frozen=True)
class CaseTie:
    """A tie of ego's in the case that ego's netwerkkaart does not place yet.

    ``reasons`` names the relations it comes from (Dutch, English), for the
    tooltip; ``sector`` and ``ring`` are the suggested cell.
    """

    entity: Entity
    sector: Sector
    ring: Ring
    reasons: tuple[Reason, ...]


class _Found:
    """What the relations say about one other entity, gathered in one pass."""

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.family = False
        self.sector: Sector | None = None  # the sector someone else's map gave ego
        self.emotional: Ring | None = None
        self.strong: list[Ring] = []  # rings other evidence suggests
        self.weight: float | None = None

    def add(self, reason: Reason) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)


def weight_of(rel: Relation) -> float | None:
    """The weight an imported file gave this tie ("weight: 8" in its note), or None.

    >>> weight_of(Relation("r", RelationKind.ACQUAINTANCE, "a", "b", note="Uit het bestand: weight: 8"))
    8.0
    """
    found = _WEIGHT.search(note_parts(rel.note)[1]) if rel.note else None
    return float(found.group(1).replace(",", ".")) if found else None


def weight_rings(weights: dict[str, float]) -> dict[str, Ring]:
    """Weights split by rank in thirds: the heaviest third ring 1, the lightest ring 3.

    Equal weights share a ring; {} when all are equal (the weight says nothing then).

    >>> weight_rings({"a": 1, "b": 5, "c": 9})
    {'a': <Ring.FAR: '3'>, 'b': <Ring.MIDDLE: '2'>, 'c': <Ring.CLOSE: '1'>}
    """
    values = sorted(weights.values())
    if not values or values[0] == values[-1]:
        return {}
    n = len(values)
    rings = {}
    for key, value in weights.items():
        less = sum(1 for v in values if v < value)
        closeness = (less + (values.count(value) - 1) / 2) / (n - 1)
        rings[key] = (
            Ring.CLOSE if closeness >= 2 / 3 else Ring.MIDDLE if closeness >= 1 / 3 else Ring.FAR
        )
    return rings


def _gather(data: CaseData, ego_id: str) -> dict[str, _Found]:
    """One pass over the relations: everything that ties someone to ego."""
    found: dict[str, _Found] = {}
    parents: list[str] = []
    children_of: dict[str, list[str]] = {}

    def at(other: str) -> _Found:
        return found.setdefault(other, _Found())

    for rel in data.relations:
        kind = rel.kind
        if kind is RelationKind.PARENT_CHILD and rel.source != rel.target:
            children_of.setdefault(rel.source, []).append(rel.target)
            if rel.target == ego_id:
                parents.append(rel.source)
        if ego_id not in (rel.source, rel.target) or rel.source == rel.target:
            continue
        other = rel.other(ego_id)
        if kind is RelationKind.SUPPORT:
            if rel.source == ego_id:
                continue  # placed: the member itself
            f = at(other)
            f.add(REASONS["their_map"])
            f.sector = f.sector or (Sector(rel.sector) if rel.sector else None)
            if rel.ring:
                f.strong.append(Ring(rel.ring))
        elif kind is RelationKind.PARTNERSHIP:
            f = at(other)
            status = _enum(PartnershipStatus, rel.subtype)
            ended = status in (PartnershipStatus.SEPARATED, PartnershipStatus.DIVORCED)
            f.add(REASONS["ex" if ended else "partner"])
            f.family = True
            f.strong.append(PARTNER_RING.get(status, Ring.MIDDLE))
        elif kind is RelationKind.PARENT_CHILD:
            f = at(other)
            f.add(REASONS["child" if rel.source == ego_id else "parent"])
            f.family = True
        elif kind is RelationKind.TWIN:
            f = at(other)
            f.add(REASONS["twin"])
            f.family = True
        elif kind is RelationKind.EMOTIONAL:
            f = at(other)
            emotional = _enum(EmotionalKind, rel.subtype)
            f.add(_labelled(emotional) if emotional else REASONS["knows"])
            if emotional in EMOTIONAL_RING:
                f.emotional = EMOTIONAL_RING[emotional]
        elif kind is RelationKind.ACQUAINTANCE:
            f = at(other)
            f.add(REASONS["knows"])
            weight = weight_of(rel)
            if weight is not None:
                f.weight = weight if f.weight is None else f.weight + weight
        elif kind is RelationKind.CONNECTION:
            f = at(other)
            strength = _enum(ConnectionStrength, rel.subtype)
            f.add(_labelled(strength) if strength else (label(kind, "nl"), label(kind, "en")))
            f.strong.append(CONNECTION_RING.get(strength, Ring.MIDDLE))
    for parent in parents:  # siblings and half-siblings: a parent in common
        for child in children_of.get(parent, ()):
            if child != ego_id:
                f = at(child)
                f.add(REASONS["sibling"])
                f.family = True
    return found


def _enum(enum, value):
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def _labelled(term) -> Reason:
    return (label(term, "nl"), label(term, "en"))


def case_ties(data: CaseData, ego_id: str, *, placed: set[str] | None = None) -> list[CaseTie]:
    """Ego's ties in the whole case that are not placed on ego's netwerkkaart, in data order.

    ``placed`` holds the ids already on the map (default: ego's SUPPORT
    targets); they are left out, as are ego, entities that no longer exist
    and the unborn.
    """
    entities = data.entity_map()
    ego = entities.get(ego_id)
    if ego is None:
        return []
    if placed is None:
        placed = {
            r.target
            for r in data.relations
            if r.kind is RelationKind.SUPPORT and r.source == ego_id
        }
    found = _gather(data, ego_id)
    if ego.household and ego.is_person:
        for entity in data.entities:
            if entity.household and entity.is_person and entity.id != ego_id:
                found.setdefault(entity.id, _Found()).add(REASONS["household"])
    shown = {
        other: f
        for other, f in found.items()
        if other in entities and other not in placed and _born(entities[other])
    }
    by_weight = weight_rings(
        {other: f.weight for other, f in shown.items() if f.weight is not None}
    )
    order = {e.id: i for i, e in enumerate(data.entities)}
    ties = []
    for other, f in sorted(shown.items(), key=lambda item: order[item[0]]):
        entity = entities[other]
        together = bool(ego.household and entity.household and entity.is_person)
        ties.append(
            CaseTie(
                entity=entity,
                sector=_sector(entity, f, together),
                ring=Ring.FAR
                if entity.is_person and entity.is_deceased
                else _ring(f, together, by_weight.get(other)),
                reasons=tuple(f.reasons),
            )
        )
    return ties


def _born(entity: Entity) -> bool:
    return entity.kind is EntityKind.SYSTEM or entity.birth_status is BirthStatus.BORN


def _sector(entity: Entity, f: _Found, together: bool) -> Sector:
    if entity.kind is EntityKind.SYSTEM:
        return sector_for_system(entity.system_kind) if entity.system_kind else Sector.PROFESSIONALS
    if f.family or together:
        return Sector.HOUSEHOLD
    if f.sector is not None:  # where the other's own map puts ego: a tie is mutual
        return f.sector
    from mapping.core.words import sector_of_value

    by_role = sector_of_value(entity.role)
    # a kinship word ('moeder') names a role in the client's family, not towards ego
    return by_role if by_role not in (None, Sector.HOUSEHOLD) else Sector.FRIENDS


def _ring(f: _Found, together: bool, weighted: Ring | None) -> Ring:
    """What the strongest evidence says: emotional closeness, then living together,
    then the closest of partnership, connection, the other's map and imported weight."""
    if f.emotional is not None:
        return f.emotional
    if together:
        return Ring.CLOSE
    rings = [*f.strong, *([weighted] if weighted else [])]
    if rings:
        return min(rings, key=lambda r: int(r.value))
    return Ring.MIDDLE


__all__ = ["REASONS", "CaseTie", "case_ties", "weight_of", "weight_rings"]
