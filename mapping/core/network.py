"""The case network as a ``networkx.MultiDiGraph``, and the queries lenses need.

Entities are nodes (attributes: the Entity's fields), relations are edges
keyed by relation id (attributes: the Relation's fields). The conversion is
lossless: ``from_graph(to_graph(data), data.case)`` gives the same entities
and relations back.

>>> from mapping.services.demo import demo_case
>>> data = demo_case()
>>> g = to_graph(data)
>>> g.number_of_nodes() == len(data.entities), g.number_of_edges() == len(data.relations)
(True, True)
>>> sorted(e.id for e in household(data))[:3]
['baby', 'daan', 'finn']
"""

from __future__ import annotations

from collections import deque
from dataclasses import fields

import networkx as nx

from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import RelationKind

_ENTITY_FIELDS = [f.name for f in fields(Entity) if f.name != "id"]
_RELATION_FIELDS = [f.name for f in fields(Relation) if f.name not in ("id", "source", "target")]


def to_graph(data: CaseData) -> nx.MultiDiGraph:
    """The case network as a MultiDiGraph (nodes = entities, edges = relations)."""
    graph = nx.MultiDiGraph(case_id=data.case.id, code=data.case.code)
    for entity in data.entities:
        graph.add_node(entity.id, **{name: getattr(entity, name) for name in _ENTITY_FIELDS})
    for rel in data.relations:
        graph.add_edge(
            rel.source,
            rel.target,
            key=rel.id,
            **{name: getattr(rel, name) for name in _RELATION_FIELDS},
        )
    return graph


def from_graph(graph: nx.MultiDiGraph, case: Case) -> CaseData:
    """Entities and relations back from a graph made by :func:`to_graph`."""
    entities = [Entity(id=node, **attrs) for node, attrs in graph.nodes(data=True)]
    relations = [
        Relation(id=key, source=u, target=v, **attrs)
        for u, v, key, attrs in graph.edges(keys=True, data=True)
    ]
    return CaseData(case=case, entities=entities, relations=relations)


def household(data: CaseData) -> list[Entity]:
    """The people who live together (the household boundary in the genogram)."""
    return [e for e in data.entities if e.is_person and e.household]


def parents_of(data: CaseData, entity_id: str) -> list[str]:
    """Ids of the parents (biological, adoptive or foster) of a person."""
    return [
        r.source
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == entity_id
    ]


def children_of(data: CaseData, entity_id: str) -> list[str]:
    return [
        r.target
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.source == entity_id
    ]


def partners_of(data: CaseData, entity_id: str) -> list[str]:
    """Partners of a person, in the order their partnerships started."""
    rels = [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and entity_id in (r.source, r.target)
    ]
    rels.sort(key=lambda r: (r.start or "9999", r.id))
    return [r.other(entity_id) for r in rels]


def generations(data: CaseData) -> dict[str, int]:
    """Generation number per person (0 = oldest), from parent and partner ties.

    Parents sit one generation above their children and partners share a
    generation. Works per connected family; a loop in the data (a person
    recorded as their own ancestor) does not hang: each person is placed once.

    >>> from mapping.services.demo import demo_case
    >>> g = generations(demo_case())
    >>> g["henk"], g["sanne"], g["daan"]
    (0, 1, 2)
    """
    people = [e.id for e in data.entities if e.is_person]
    neighbours: dict[str, list[tuple[str, int]]] = {p: [] for p in people}
    for r in data.relations:
        if r.source not in neighbours or r.target not in neighbours:
            continue
        if r.kind is RelationKind.PARENT_CHILD:
            neighbours[r.source].append((r.target, 1))
            neighbours[r.target].append((r.source, -1))
        elif r.kind in (RelationKind.PARTNERSHIP, RelationKind.TWIN):
            neighbours[r.source].append((r.target, 0))
            neighbours[r.target].append((r.source, 0))
    level: dict[str, int] = {}
    for start in people:
        if start in level:
            continue
        component = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for other, step in neighbours[node]:
                if other not in component:
                    component[other] = component[node] + step
                    queue.append(other)
        low = min(component.values())
        for node, value in component.items():
            level[node] = value - low
    return level


def ego_network(data: CaseData, ego_id: str) -> list[Relation]:
    """The support ties of ego's netwerkkaart, plus the ties among its members."""
    ties = [r for r in data.relations if r.kind is RelationKind.SUPPORT and r.source == ego_id]
    members = {r.target for r in ties}
    among = [
        r
        for r in data.relations
        if r.kind is RelationKind.ACQUAINTANCE and r.source in members and r.target in members
    ]
    return ties + among
