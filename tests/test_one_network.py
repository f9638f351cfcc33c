"""One network, one case, whatever the format (issue #21, point 2).

The same network is written with NetworkX's own writers (``write_graphml``,
``write_gexf``, ``write_gml``, ``write_pajek``) and as a CSV edge list the
way netformats reads it, each file is imported, and the five cases are
compared field by field: the people, every relation's kind, sector, ring,
reciprocity and weight (kept in the note), and the notices. Then the same
with classic public networks that NetworkX ships (Les Misérables, Zachary's
karate club).

Before, GraphML kept whichever arc of a reciprocal pair came last: Tim had
ring 3 and 'weight: 2' from GraphML, silently, and ring 1 and 'weight: 7'
with a notice from every other format.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields

import networkx as nx
import pytest

from mapping.core.model import Entity, Relation
from mapping.core.vocabulary import RelationKind, Ring
from mapping.formats.netfiles import read_network

FORMATS = ("graphml", "gexf", "gml", "pajek", "csv")
SUFFIX = {"graphml": "graphml", "gexf": "gexf", "gml": "gml", "pajek": "net", "csv": "csv"}
WRITERS = {
    "graphml": nx.write_graphml,
    "gexf": nx.write_gexf,
    "gml": nx.write_gml,
    "pajek": nx.write_pajek,
}


def written(graph, fmt: str) -> bytes:
    """The graph as a file of format ``fmt``, written by NetworkX (CSV: by the csv module)."""
    buffer = io.BytesIO()
    if fmt != "csv":
        WRITERS[fmt](graph, buffer)
        return buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["source", "target", "weight"])
    writer.writerows([u, v, attrs["weight"]] for u, v, attrs in graph.edges(data=True))
    return text.getvalue().encode("utf-8")


def imported(graph, fmt: str):
    notices: list = []
    data = read_network(written(graph, fmt), name=f"netwerk.{SUFFIX[fmt]}", notices=notices)
    return data, notices


def picture(data, notices, *, isolated: bool = True) -> dict:
    """The case as plain values, without ids: what must not depend on the format.

    (The case code does: it says where the case came from, 'GRAPHML-3FA2B1'.)

    ``isolated=False`` leaves out people without any tie: a CSV edge list has no
    line for them.
    """
    names = {e.id: e.name for e in data.entities}
    tied = {r.source for r in data.relations} | {r.target for r in data.relations}
    entities = sorted(
        tuple((f.name, getattr(e, f.name)) for f in fields(Entity) if f.name != "id")
        for e in data.entities
        if isolated or e.id in tied
    )
    relations = []
    for rel in data.relations:
        ends = (names[rel.source], names[rel.target])
        if rel.kind is RelationKind.ACQUAINTANCE:  # no direction: the pair in any order
            ends = tuple(sorted(ends))
        values = tuple(
            (f.name, getattr(rel, f.name))
            for f in fields(Relation)
            if f.name not in ("id", "source", "target")
        )
        relations.append((ends, values))
    return {
        "title": data.case.title,
        "entities": entities,
        "relations": sorted(relations, key=repr),
        "notices": [(n.nl, n.en) for n in notices],
    }


def ties_of(data, person: str) -> dict:
    """Ego's support ties by the member's name."""
    names = {e.id: e.name for e in data.entities}
    ego = data.index_person()
    assert ego is not None and ego.name == person
    return {
        names[r.target]: r
        for r in data.relations
        if r.kind is RelationKind.SUPPORT and r.source == ego.id
    }


# ----------------------------------------------------------------- a network made for the test
def kees_network() -> nx.DiGraph:
    """Directed and weighted: two reciprocal pairs, one-way arcs, non-ASCII names, one isolate.

    Kees has the most ties and is ego. Kees->Tim 5 and Tim->Kees 2 (the issue's
    example: together 7, the strongest); Kees and Zoë named each other with 1 each;
    Kees named Ans (3), Jürgen (2) and Renée (1) and was not named back; Ans and
    Zoë know each other one way.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(["Kees", "Tim", "Ans", "Zoë Ødegård", "Jürgen", "Renée", "Ĳsbrand"])
    graph.add_edges_from(
        [
            ("Kees", "Tim", {"weight": 5}),
            ("Tim", "Kees", {"weight": 2}),
            ("Kees", "Zoë Ødegård", {"weight": 1}),
            ("Zoë Ødegård", "Kees", {"weight": 1}),
            ("Kees", "Ans", {"weight": 3}),
            ("Kees", "Jürgen", {"weight": 2}),
            ("Kees", "Renée", {"weight": 1}),
            ("Ans", "Zoë Ødegård", {"weight": 4}),
        ]
    )
    return graph


@pytest.fixture(scope="module")
def kees_cases() -> dict:
    graph = kees_network()
    return {fmt: imported(graph, fmt) for fmt in FORMATS}


def test_graphml_adds_up_a_reciprocal_pair_like_every_other_format(kees_cases):
    data, notices = kees_cases["graphml"]
    tim = ties_of(data, "Kees")["Tim"]
    assert tim.ring == Ring.CLOSE and tim.reciprocal
    assert tim.note == "Uit het bestand: weight: 7"
    assert [n.en for n in notices] == [
        "2 pairs had more than one edge (4 in all: doubled or both ways); each pair became "
        "one tie with the weights added up as its strength."
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_issue_example_is_the_same_in_every_format(kees_cases, fmt):
    data, _ = kees_cases[fmt]
    ties = ties_of(data, "Kees")
    assert {name: (tie.ring, tie.reciprocal) for name, tie in ties.items()} == {
        "Tim": (Ring.CLOSE, True),  # 5 + 2
        "Ans": (Ring.CLOSE, False),  # 3
        "Jürgen": (Ring.MIDDLE, False),  # 2
        "Zoë Ødegård": (Ring.MIDDLE, True),  # 1 + 1
        "Renée": (Ring.FAR, False),  # 1
    }


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "graphml"])
def test_every_format_gives_the_graphml_case_field_by_field(kees_cases, fmt):
    """The same people, relations (every field but the ids) and notices as GraphML.

    A CSV edge list has no line for Ĳsbrand, who has no tie: the CSV case is
    compared without him, and he is in every other case.
    """
    isolated = fmt != "csv"
    expected = picture(*kees_cases["graphml"], isolated=isolated)
    assert picture(*kees_cases[fmt], isolated=isolated) == expected
    if isolated:
        assert "Ĳsbrand" in {e.name for e in kees_cases[fmt][0].entities}


# ----------------------------------------------------------------- classic public networks
def les_miserables() -> nx.Graph:
    """Knuth's Les Misérables co-appearances as NetworkX ships it: undirected, weighted."""
    return nx.les_miserables_graph()


def karate_named_back() -> nx.DiGraph:
    """Zachary's karate club as NetworkX ships it (weights 1-7), made directed as stated here.

    Every tie is an arc from the lower to the higher member number with the
    published weight; where the two numbers add up to a multiple of 3 the
    higher one named the lower one back, with weight 1: 21 reciprocal pairs.
    Node attributes ('club') are dropped: a CSV list and a Pajek file have no
    place for them. Names are the member numbers as text.
    """
    club = nx.karate_club_graph()
    graph = nx.DiGraph()
    graph.add_nodes_from(str(n) for n in club)
    for u, v, attrs in club.edges(data=True):
        low, high = sorted((u, v))
        graph.add_edge(str(low), str(high), weight=attrs["weight"])
        if (low + high) % 3 == 0:
            graph.add_edge(str(high), str(low), weight=1)
    return graph


@pytest.fixture(scope="module", params=["les_miserables", "karate_named_back"])
def classic(request):
    graph = {"les_miserables": les_miserables, "karate_named_back": karate_named_back}[
        request.param
    ]()
    return graph, {fmt: imported(graph, fmt) for fmt in FORMATS}


def test_a_classic_network_gives_one_case_in_five_formats(classic):
    graph, cases = classic
    expected = picture(*cases["graphml"])
    for fmt in FORMATS[1:]:
        assert picture(*cases[fmt]) == expected, fmt
    # and that case is the network: every pair one tie, ego the best-connected person
    data, notices = cases["graphml"]
    undirected = nx.Graph(graph)
    assert len(data.relations) == undirected.number_of_edges()
    ego = max(undirected, key=undirected.degree)
    assert data.index_person().name == ego
    assert len(ties_of(data, ego)) == undirected.degree(ego)
    mutual = {
        frozenset(e) for e in graph.edges() if graph.is_directed() and graph.has_edge(*e[::-1])
    }
    names = {e.id: e.name for e in data.entities}
    reciprocal = {
        frozenset((names[r.source], names[r.target])) for r in data.relations if r.reciprocal
    }
    assert reciprocal == {pair for pair in mutual if ego in pair}
    if mutual:  # the karate club: 21 pairs named each other, and the notice says so
        assert len(mutual) == 21
        assert notices[0].en.startswith("21 pairs had more than one edge (42 in all")
    else:
        assert notices == []


def test_the_karate_weights_add_up_for_ego_and_set_the_rings():
    """Member 33 is ego (17 ties); 15 named 33 back: 4 + 1 = 5; 8 did not: 4."""
    data, _ = imported(karate_named_back(), "graphml")
    ties = ties_of(data, "33")
    assert ties["15"].note == "Uit het bestand: weight: 5" and ties["15"].reciprocal
    assert ties["8"].note == "Uit het bestand: weight: 4" and not ties["8"].reciprocal
    assert {t.ring for t in ties.values()} == {Ring.CLOSE, Ring.MIDDLE, Ring.FAR}


def test_node_attributes_come_along_in_every_format_that_holds_them():
    """Zachary's karate club with its 'club' attribute ('Mr. Hi' or 'Officer'): GraphML,
    GEXF, GML and Pajek (NetworkX writes 'club "Mr. Hi"' after the drawing data) give
    the same case; a CSV list has no place for it. (NetworkX's Pajek writer leaves out
    the '*Network' line, so the graph's name is dropped here and the title comes from
    the file name in all four.)"""
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    graph.graph.clear()
    cases = {fmt: imported(graph, fmt) for fmt in FORMATS if fmt != "csv"}
    expected = picture(*cases["graphml"])
    for fmt, case in cases.items():
        assert picture(*case) == expected, fmt
    data, _ = cases["pajek"]
    notes = {e.name: e.note for e in data.entities}
    assert notes["0"] == "Uit het bestand: club: Mr. Hi"
    assert notes["33"] == "Uit het bestand: club: Officer"


def test_the_network_name_is_the_title_in_every_format_that_holds_it():
    """GraphML and GML keep NetworkX's graph name as data, GEXF as <graph name=...>."""
    graph = nx.karate_club_graph()
    for fmt in ("graphml", "gexf", "gml"):
        data, _ = imported(graph, fmt)
        assert data.case.title == "Zachary's Karate Club", fmt
