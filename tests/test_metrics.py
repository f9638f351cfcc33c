"""Network metrics of a netwerkkaart: hand-computed small networks and NetworkX classics."""

from __future__ import annotations

import networkx as nx
import pytest

from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import (
    EntityKind,
    Frequency,
    RelationKind,
    Ring,
    Sector,
    SupportType,
    SystemKind,
)
from mapping.services.metrics import explain, in_words, network_metrics, number

S, A = RelationKind.SUPPORT, RelationKind.ACQUAINTANCE
ST = SupportType


def make_case(ties, knows=(), systems=()):
    """Ego 'ego' with SUPPORT ties ``{member: kwargs}`` and ACQUAINTANCE pairs ``knows``."""
    entities = [Entity(id="ego", name="Ego")]
    for sid, kind in systems:
        entities.append(Entity(id=sid, name=sid, kind=EntityKind.SYSTEM, system_kind=kind))
    known = {e.id for e in entities}
    relations = []
    for member, kw in ties.items():
        if member not in known:
            entities.append(Entity(id=member, name=member.upper()))
        kw = {"sector": Sector.FRIENDS, "ring": Ring.MIDDLE, **kw}
        relations.append(Relation(f"s-{member}", S, "ego", member, **kw))
    for a, b in knows:
        relations.append(Relation(f"k-{a}-{b}", A, a, b))
    return CaseData(
        case=Case(id="c", code="M-1", title="M"), entities=entities, relations=relations
    )


def graph_as_case(graph: nx.Graph, ego: str | None = None) -> tuple[CaseData, str]:
    """A NetworkX graph as a case: ``ego`` (or a new 'EGO') with ties to every node it should know.

    With ``ego=None`` a new ego gets a tie to every node of the graph, and
    every edge becomes an ACQUAINTANCE tie, so the member graph IS ``graph``.
    With a node as ego, its neighbours are the members.
    """
    names = {node: str(node) for node in graph}
    ego_id = "EGO" if ego is None else names[ego]
    entities = [Entity(id=names[n], name=names[n]) for n in graph]
    if ego is None:
        entities.append(Entity(id="EGO", name="EGO"))
        member_nodes = list(graph)
    else:
        member_nodes = list(graph[ego])
    relations = [
        Relation(f"s-{names[n]}", S, ego_id, names[n], sector=Sector.FRIENDS, ring=Ring.MIDDLE)
        for n in member_nodes
    ]
    relations += [
        Relation(f"k-{i}", A, names[u], names[v]) for i, (u, v) in enumerate(graph.edges())
    ]
    return CaseData(Case(id="g", code="G", title="G"), entities, relations), ego_id


# ----------------------------------------------------------------- hand-computed
@pytest.fixture
def small():
    """a - b - c in a line, d knows nobody; e is a burdening professional.

    By hand: 5 members, 10 pairs, 2 know-ties -> density 0.2; components
    {a,b,c}, {d}, {e}; isolated d and e; b lies on the only shortest path
    between a and c: betweenness 1 / C(4, 2) = 1/6.
    """
    return make_case(
        {
            "a": {
                "subtype": "supportive",
                "support": (ST.EMOTIONAL, ST.PRACTICAL),
                "frequency": Frequency.DAILY,
                "reciprocal": True,
            },
            "b": {"subtype": "supportive", "support": (ST.COMPANY,), "frequency": Frequency.WEEKLY},
            "c": {
                "subtype": "ambivalent",
                "support": (ST.INFORMATIONAL, ST.BURDEN),
                "frequency": Frequency.MONTHLY,
                "reciprocal": True,
            },
            "d": {"subtype": "supportive", "support": (ST.BURDEN,), "sector": Sector.NEIGHBOURS},
            "e": {
                "subtype": "burdening",
                "support": (ST.PRACTICAL,),
                "sector": Sector.PROFESSIONALS,
                "ring": Ring.FAR,
            },
        },
        knows=[("a", "b"), ("b", "c"), ("a", "ego")],
    )


def test_size_and_sectors(small):
    m = network_metrics(small, "ego")
    assert m.size == 5
    assert m.per_sector[Sector.FRIENDS] == 3
    assert m.per_sector[Sector.NEIGHBOURS] == 1
    assert m.per_sector[Sector.PROFESSIONALS] == 1
    assert m.per_sector[Sector.HOUSEHOLD] == 0


def test_structure_by_hand(small):
    m = network_metrics(small, "ego")
    assert m.density == pytest.approx(2 / 10)  # the tie to ego does not count
    assert m.components == [["a", "b", "c"], ["d"], ["e"]]
    assert m.isolated == ["d", "e"]
    assert m.betweenness["b"] == pytest.approx(1 / 6)
    assert m.betweenness["a"] == 0
    assert m.brokers == [("b", pytest.approx(1 / 6))]


def test_function_by_hand(small):
    m = network_metrics(small, "ego")
    # a: 2 kinds x daily (4) = 8; c: 1 kind (burden not counted) x monthly (2) = 2;
    # b: 1 x weekly (3) = 3; e: 1 x unknown frequency (1) = 1; d: burden only = 0
    assert m.strongest == [("a", 8.0), ("b", 3.0), ("c", 2.0)]
    assert m.burdening == ["d", "e"]  # d: only burden; e: valence burdening
    assert m.reciprocal == 2 and m.reciprocity == pytest.approx(0.4)
    assert (m.professionals, m.informal) == (1, 4)
    assert m.professional_share == pytest.approx(0.2)


def test_professional_system_counts_wherever_it_is_placed():
    data = make_case(
        {"gp": {}, "school": {}, "nurse": {"sector": Sector.PROFESSIONALS}, "friend": {}},
        systems=[("gp", SystemKind.GP), ("school", SystemKind.SCHOOL)],
    )
    m = network_metrics(data, "ego")
    assert (m.professionals, m.informal) == (2, 2)  # gp (kind) and nurse (sector)


def test_empty_and_single_member_networks():
    empty = network_metrics(make_case({}), "ego")
    assert (empty.size, empty.density, empty.components, empty.brokers) == (0, 0.0, [], [])
    assert len(explain(empty)) == len(explain(empty, "en")) == 10
    one = network_metrics(make_case({"a": {}}), "ego")
    assert one.density == 0.0 and one.isolated == ["a"] and one.components == [["a"]]


def test_other_egos_ties_are_not_counted(small):
    small.entities.append(Entity(id="other", name="Other"))
    small.relations.append(Relation("s-x", S, "other", "a"))
    assert network_metrics(small, "ego").size == 5
    assert network_metrics(small, "other").size == 1


# ----------------------------------------------------------------- against NetworkX
def test_karate_club_matches_networkx():
    karate = nx.karate_club_graph()
    data, ego = graph_as_case(karate)
    m = network_metrics(data, ego)
    assert m.size == 34
    assert m.density == pytest.approx(nx.density(karate))
    assert m.density == pytest.approx(78 / 561)  # 78 ties among 34 members
    expected = nx.betweenness_centrality(karate)
    for node, value in expected.items():
        assert m.betweenness[str(node)] == pytest.approx(value)
    assert [n for n, _ in m.brokers] == ["0", "33", "32"]  # Mr. Hi, the officer, then 32
    assert m.brokers[0][1] == pytest.approx(0.4376, abs=1e-4)
    assert len(m.components) == nx.number_connected_components(karate) == 1
    assert m.isolated == []


def test_florentine_medici_ego_network_matches_networkx():
    florence = nx.florentine_families_graph()
    data, ego = graph_as_case(florence, ego="Medici")
    m = network_metrics(data, ego)
    neighbours = florence.subgraph(florence["Medici"])
    assert m.size == 6
    assert m.density == pytest.approx(nx.density(neighbours)) == pytest.approx(1 / 15)
    assert len(m.components) == nx.number_connected_components(neighbours) == 5
    assert sorted(m.isolated) == ["Acciaiuoli", "Albizzi", "Barbadori", "Salviati"]
    assert m.brokers == []  # Ridolfi - Tornabuoni is a pair: nobody in between


def test_demo_mother():
    from mapping.services.demo import demo_case

    m = network_metrics(demo_case(), "sanne")
    assert m.size == 13
    assert m.burdening == ["peter", "mark"]
    assert m.brokers[0][0] == "rick"
    assert m.strongest[0] == ("wijkteam", 9.0)  # 3 kinds x weekly (3)


# ----------------------------------------------------------------- words
def test_explain_density_in_plain_dutch():
    data = make_case({"a": {}, "b": {}, "c": {}}, knows=[("a", "b")])
    rows = {name: (value, text) for name, value, text in explain(network_metrics(data, "ego"))}
    value, text = rows["Dichtheid"]
    assert value == "0,33"
    assert text.startswith("Een derde van alle paren leden kent elkaar")
    en = {name: (value, text) for name, value, text in explain(network_metrics(data, "ego"), "en")}
    assert en["Density"][0] == "0.33" and en["Density"][1].startswith("A third of all pairs")


def test_explain_names_the_people(small):
    rows = {name: value for name, value, _ in explain(network_metrics(small, "ego"))}
    assert rows["Alleen belastend"] == "D, E"
    assert rows["Losse leden"] == "D, E"
    assert rows["Verbinders"] == "B (0,17)"
    assert rows["Sterkste steun"].startswith("A (8,0)")
    assert rows["Wederkerigheid"] == "2 / 5 (40 %)"
    assert (
        "leeg: Huisgenoten en familie, Werk, school en verenigingen"
        in dict((n, t) for n, _, t in explain(network_metrics(small, "ego")))["Per sector"]
    )


@pytest.mark.parametrize(
    ("share", "nl", "en"),
    [(0.5, "de helft", "half"), (0.25, "een kwart", "a quarter"), (0.0, "0 %", "0 %")],
)
def test_in_words(share, nl, en):
    assert in_words(share) == nl and in_words(share, "en") == en


def test_number_uses_dutch_decimal_comma():
    assert number(0.125, "nl", 3) == "0,125" and number(0.125, "en", 3) == "0.125"
