"""Anyone's netwerkkaart from the whole case (#21.1), on the demo and on public data.

Every person with at least one tie has a non-empty map: the demo case, Zachary's
karate club and Les Misérables (GML files from tests/data/network), NetworkX's
Florentine families written to GraphML, and a GEDCOM tree (Harry Potter's family,
tests/data/gedcom). Ties not placed yet are marked; placed SUPPORT ties win.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from mapping.core.model import Entity, Relation
from mapping.core.vocabulary import BirthStatus, Lens, RelationKind, Ring, Sector
from mapping.formats.gedcom import read_gedcom
from mapping.formats.netfiles import read_import_file
from mapping.lenses.sociogram import (
    WORDS,
    layout_sociogram,
    map_members,
    members,
    people_with_ties,
    place_member,
)
from mapping.services.demo import demo_case
from mapping.services.export import export_lens
from mapping.services.metrics import network_metrics

DATA = Path(__file__).resolve().parent / "data"
EMPTY = WORDS["empty"][0]


def tied_people(data) -> set[str]:
    """People with a relation to another born person or a system (an independent count)."""
    entities = data.entity_map()

    def born(i):
        e = entities.get(i)
        return e is not None and (not e.is_person or e.birth_status is BirthStatus.BORN)

    found = set()
    for r in data.relations:
        if r.source != r.target and born(r.source) and born(r.target):
            found.update({r.source, r.target})
    return {i for i in found if entities[i].is_person}


def shown(drawing) -> set[str]:
    return {s.id for s in drawing.symbols} - {drawing.view}


def assert_full(data, ego):
    drawing = layout_sociogram(data, ego)
    assert shown(drawing), ego
    assert EMPTY not in {t.text for t in drawing.texts}, ego
    return drawing


def imported(name: str):
    path = DATA / "network" / name
    return read_import_file(name, path.read_bytes())


def florentine():
    buffer = io.BytesIO()
    nx.write_graphml(nx.florentine_families_graph(), buffer)
    return read_import_file("florentine.graphml", buffer.getvalue())


# ----------------------------------------------------------------- demo
def test_every_demo_person_with_a_tie_has_a_map():
    data = demo_case()
    tied = tied_people(data)
    assert len(tied) >= 20
    assert tied <= people_with_ties(data)
    for ego in tied:
        assert_full(data, ego)


def test_demo_placed_members_keep_their_cell_and_tie_on_the_full_map():
    data = demo_case()
    full = {m.entity.id: m for m in map_members(data, "sanne")}
    for m in members(data, "sanne"):
        assert full[m.entity.id].placed
        assert (full[m.entity.id].sector, full[m.entity.id].ring) == (m.sector, m.ring)
        assert full[m.entity.id].tie is m.tie
    drawing = layout_sociogram(data, "sanne")
    placed_lines = {ln.relation_id for ln in drawing.lines if ln.layer == "support"}
    assert placed_lines == {m.tie.id for m in members(data, "sanne")}


def test_demo_unplaced_ties_are_marked_on_the_map_in_tooltip_and_legend():
    data = demo_case()
    drawing = layout_sociogram(data, "sanne")
    unplaced = {s.id for s in drawing.symbols if "unplaced" in s.css.split()}
    # her four children at home, her deceased father, her ex's wife, the housing corporation
    assert unplaced == {"lotte", "noor", "jayden", "finn", "henk", "ilse", "woningcorp"}
    lotte = drawing.symbol("lotte")
    assert "nog niet geplaatst" in lotte.tooltip and "kind" in lotte.tooltip
    assert "unplaced-lotte" in {a.id for a in drawing.areas}  # the dashed ring
    dotted = [ln for ln in drawing.lines if ln.layer == "unplaced"]
    assert {ln.ends[1] for ln in dotted} == unplaced
    assert all(ln.style == "dotted" and not ln.relation_id for ln in dotted)
    assert "unplaced" in {e.key for e in drawing.legend}
    english = layout_sociogram(data, "sanne", lang="en")
    assert "not placed yet" in english.symbol("lotte").tooltip
    # children at home in ring 1 of the household sector; the deceased father far away
    cells = {m.entity.id: (m.sector, m.ring) for m in map_members(data, "sanne")}
    assert cells["lotte"] == (Sector.HOUSEHOLD, Ring.CLOSE)
    assert cells["henk"] == (Sector.HOUSEHOLD, Ring.FAR)
    assert drawing.symbol("henk").deceased
    assert cells["woningcorp"][0] is Sector.PROFESSIONALS


def test_placed_support_tie_wins_and_placing_makes_one():
    data = demo_case()
    tie = place_member(data, "sanne", "lotte", Sector.FRIENDS, Ring.MIDDLE)
    assert tie.kind is RelationKind.SUPPORT and tie.source == "sanne"
    data.relations.append(tie)
    m = next(m for m in map_members(data, "sanne") if m.entity.id == "lotte")
    assert m.placed and (m.sector, m.ring) == (Sector.FRIENDS, Ring.MIDDLE)
    assert sum(1 for m in map_members(data, "sanne") if m.entity.id == "lotte") == 1


def test_metrics_count_placed_ties_only_and_say_how_many_wait():
    data = demo_case()
    metrics = network_metrics(data, "sanne")
    assert metrics.size == len(members(data, "sanne")) == 13
    assert metrics.unplaced == 7


# ----------------------------------------------------------------- public networks
@pytest.mark.parametrize("name", ["karate.gml", "lesmis.gml"])
def test_every_node_of_an_imported_network_has_its_neighbours_as_map(name):
    data = imported(name)
    graph = nx.read_gml(DATA / "network" / name, label="id")
    ego = data.index_person().id
    for node in graph.nodes:
        neighbours = {str(n) for n in graph.neighbors(node)}
        if not neighbours:
            continue
        drawing = assert_full(data, str(node))
        assert shown(drawing) == neighbours, node
        unplaced = {s.id for s in drawing.symbols if "unplaced" in s.css.split()}
        if str(node) == ego:
            assert not unplaced  # the import placed all of ego's ties
        else:
            assert unplaced == neighbours  # nobody but the import's ego has placed ties


def test_karate_node_1_has_16_ties_on_its_map():
    """The issue's example: node 0 in NetworkX's numbering is id 1 in the GML file."""
    data = imported("karate.gml")
    drawing = assert_full(data, "1")
    assert len(shown(drawing)) == 16
    # who knows whom among them: the karate club's own edges
    assert sum(1 for ln in drawing.lines if ln.layer == "acquaintance") > 10


def test_florentine_families_from_graphml():
    data = florentine()
    by_name = {e.name: e.id for e in data.entities}
    graph = nx.florentine_families_graph()
    for family in graph.nodes:
        drawing = layout_sociogram(data, by_name[family])
        names = {data.entity(i).name for i in shown(drawing)}
        assert names == set(graph.neighbors(family)), family
    assert len(graph) == 15 and all(graph.degree(f) for f in graph)


def test_imported_weight_sets_the_ring_of_an_unplaced_tie():
    data = imported("lesmis.gml")
    # Marius (55) co-appears with Cosette 21 times and with Javert once or so: heavier is closer
    marius = next(e.id for e in data.entities if e.name == "Marius")
    cells = {m.entity.name: m.ring for m in map_members(data, marius)}
    assert cells["Cosette"] is Ring.CLOSE
    assert Ring.FAR in cells.values()


# ----------------------------------------------------------------- GEDCOM
def test_gedcom_man_with_wife_parents_and_son():
    data = read_gedcom((DATA / "gedcom" / "harry_potter.ged").read_bytes())
    names = {e.name: e.id for e in data.entities}
    harry = names["Harry James Potter"]
    drawing = assert_full(data, harry)
    on_map = {data.entity(i).name for i in shown(drawing)}
    assert {"Ginerva Molly Weasley", "James Potter", "Lily Evans"} <= on_map
    assert {"Albus Severus Potter", "James Sirius Potter"} <= on_map
    cells = {m.entity.name: m for m in map_members(data, harry)}
    assert all(m.sector is Sector.HOUSEHOLD for m in cells.values())
    assert cells["James Potter"].ring is Ring.FAR and drawing.symbol(names["James Potter"]).deceased
    assert ("ouder", "parent") in cells["Lily Evans"].reasons
    for person in tied_people(data):
        assert_full(data, person)


def test_export_and_report_draw_the_whole_case_map():
    data = imported("karate.gml")
    svg = export_lens(data, Lens.SOCIOGRAM, "svg", ego="1").decode("utf-8")
    assert EMPTY not in svg and "nog niet geplaatst" in svg


def test_cli_export_of_another_node(tmp_path):
    db = tmp_path / "c.db"
    run = [sys.executable, "-m", "mapping.cli", "--db", str(db)]
    done = subprocess.run(
        [*run, "import", str(DATA / "network" / "karate.gml"), "--code", "KARATE"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "one.svg"
    done = subprocess.run(
        [*run, "export", "KARATE", "--lens", "sociogram", "--ego", "1", "--format", "svg",
         "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert EMPTY not in svg and svg.count('class="symbol') >= 17


def test_a_person_with_no_ties_keeps_the_empty_text():
    data = demo_case()
    data.entities.append(Entity(id="alone", name="Alleen"))
    assert "alone" not in people_with_ties(data)
    assert EMPTY in {t.text for t in layout_sociogram(data, "alone").texts}
    data.relations.append(Relation("x", RelationKind.ACQUAINTANCE, "alone", "mirjam"))
    assert "alone" in people_with_ties(data)
    assert shown(assert_full(data, "alone")) == {"mirjam"}


def test_report_and_meeting_show_the_clients_map_from_the_case():
    """``egos`` (the report's and meeting mode's maps): the client's map as soon as the
    client has a tie, placed or not; everyone with placed ties after."""
    from dataclasses import replace

    from mapping.lenses.sociogram import egos

    data = read_gedcom((DATA / "gedcom" / "harry_potter.ged").read_bytes())
    assert egos(data) == []  # nobody is the client yet, nobody placed anyone
    harry = next(e.id for e in data.entities if e.name == "Harry James Potter")
    data.entities = [replace(e, index_person=e.id == harry) for e in data.entities]
    assert egos(data) == [harry]
    assert egos(demo_case()) == ["sanne", "daan"]
