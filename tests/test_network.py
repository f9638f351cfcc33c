"""The case network <-> NetworkX, and the queries the lenses use."""

from __future__ import annotations

from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.network import (
    children_of,
    ego_network,
    from_graph,
    generations,
    household,
    parents_of,
    partners_of,
    to_graph,
)
from mapping.core.vocabulary import RelationKind


def test_round_trip_is_lossless(demo_data):
    back = from_graph(to_graph(demo_data), demo_data.case)
    assert back.entities == demo_data.entities
    # a graph keeps edges per node pair, so compare relations regardless of order
    by_id = sorted(back.relations, key=lambda r: r.id)
    assert by_id == sorted(demo_data.relations, key=lambda r: r.id)


def test_parallel_relations_are_kept(demo_data):
    graph = to_graph(demo_data)
    # Sanne and Mark: a partnership, an emotional relation and a support tie
    keys = set(graph["mark"]["sanne"]) | set(graph["sanne"]["mark"])
    assert {"u-mark-sanne", "e-sanne-mark", "s-sanne-mark"} <= keys


def test_family_queries(demo_data):
    assert sorted(parents_of(demo_data, "daan")) == ["mark", "sanne"]
    assert sorted(children_of(demo_data, "henk")) == ["peter", "sanne"]
    assert partners_of(demo_data, "sanne") == ["mark", "rick"]  # in date order
    assert {e.id for e in household(demo_data)} == {
        "sanne",
        "rick",
        "daan",
        "lotte",
        "noor",
        "jayden",
        "finn",
        "baby",
    }


def test_generations(demo_data):
    gen = generations(demo_data)
    assert gen["henk"] == gen["riet"] == gen["kees"] == gen["ans"] == 0
    assert gen["sanne"] == gen["mark"] == gen["rick"] == gen["ilse"] == 1
    assert gen["lotte"] == gen["noor"] == gen["mila"] == gen["sara"] == 2
    assert "basisschool" not in gen


def test_generations_survive_a_loop():
    case = Case(id="c", code="X", title="loop")
    people = [Entity(id=i, name=i) for i in "abc"]
    rels = [
        Relation(id=f"r{i}", kind=RelationKind.PARENT_CHILD, source=s, target=t)
        for i, (s, t) in enumerate([("a", "b"), ("b", "c"), ("c", "a")])
    ]
    gen = generations(CaseData(case=case, entities=people, relations=rels))
    assert set(gen) == {"a", "b", "c"}


def test_ego_network(demo_data):
    ties = ego_network(demo_data, "sanne")
    members = {r.target for r in ties if r.kind is RelationKind.SUPPORT}
    assert {"rick", "riet", "els", "mirjam", "wijkteam"} <= members
    among = [r for r in ties if r.kind is RelationKind.ACQUAINTANCE]
    assert all(r.source in members and r.target in members for r in among)
    assert any(r.id == "a-riet-els" for r in among)
