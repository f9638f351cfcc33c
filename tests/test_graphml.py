"""GraphML and CSV exchange: round trip, real-world files, mapping, hostile input."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from mapping.core.errors import InvalidInput
from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import (
    Condition,
    EntityKind,
    Frequency,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    Valence,
)
from mapping.core.words import sector_of_value
from mapping.formats.graphml import (
    GraphMLMapping,
    members_csv,
    read_graphml,
    ties_csv,
    write_graphml,
)
from mapping.lenses.sociogram import map_members, members
from mapping.services.metrics import network_metrics

DATA = Path(__file__).resolve().parent / "data" / "graphml"
NS = "{http://graphml.graphdrawing.org/xmlns}"


def plain_counts(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes and edges counted with the standard library only (independent of casemap)."""
    root = ET.parse(path).getroot()
    nodes = [n.get("id") for n in root.iter(f"{NS}node")]
    edges = [(e.get("source"), e.get("target")) for e in root.iter(f"{NS}edge")]
    return nodes, edges


def kinds(data: CaseData) -> dict[str, int]:
    out: dict[str, int] = {}
    for rel in data.relations:
        out[rel.kind.value] = out.get(rel.kind.value, 0) + 1
    return out


# ----------------------------------------------------------------- round trip
def test_round_trip_of_the_demo_is_exact(demo_data):
    back = read_graphml(write_graphml(demo_data).encode("utf-8"))
    assert (back.case.code, back.case.title) == (demo_data.case.code, demo_data.case.title)
    assert back.entities == demo_data.entities
    assert back.relations == demo_data.relations


def test_round_trip_of_awkward_values():
    case = Case(id="c1", code="X-1", title='Familie "De <Vries>" & co')
    entities = [
        Entity(id="a", name="Zoë <b>bold</b> & 'quotes'", sex=Sex.FEMALE, index_person=True,
               conditions=(Condition.ADDICTION, Condition.DEMENTIA), note="regel 1\nregel 2"),
        Entity(id="b", name="Wijkteam", kind=EntityKind.SYSTEM, system_kind=SystemKind.WIJKTEAM),
        Entity(id="c c/ü", name="=SUM(A1)", deceased=True, death="2020-05"),
    ]  # fmt: skip
    relations = [
        Relation("s1", RelationKind.SUPPORT, "a", "b", subtype="ambivalent",
                 support=(SupportType.PRACTICAL, SupportType.BURDEN), reciprocal=True,
                 frequency=Frequency.WEEKLY, sector=Sector.PROFESSIONALS, ring=Ring.FAR,
                 label="één keer per week"),
        Relation("s2", RelationKind.SUPPORT, "a", "c c/ü"),
        Relation("k1", RelationKind.ACQUAINTANCE, "b", "c c/ü"),
        Relation("k2", RelationKind.EMOTIONAL, "b", "c c/ü", subtype="conflict"),
    ]  # fmt: skip
    data = CaseData(case=case, entities=entities, relations=relations)
    back = read_graphml(write_graphml(data).encode())
    assert back.entities == entities
    assert back.relations == relations
    assert back.case.title == case.title


def test_control_characters_are_dropped_not_fatal():
    data = CaseData(Case("c", "C", "T"), [Entity(id="a", name="A\x00B\x1f")])
    back = read_graphml(write_graphml(data).encode())
    assert back.entities[0].name == "AB"


def test_written_file_has_every_entity_and_relation_with_attributes(demo_data, tmp_path):
    path = tmp_path / "demo.graphml"
    path.write_text(write_graphml(demo_data), encoding="utf-8")
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.iter(f"{NS}key")}
    node_ids = {n.get("id") for n in root.iter(f"{NS}node")}
    assert node_ids == {e.id for e in demo_data.entities}
    edges = {e.get("id"): e for e in root.iter(f"{NS}edge")}
    assert set(edges) == {r.id for r in demo_data.relations}
    tie = edges["s-sanne-rick"]
    values = {keys[d.get("key")][1]: d.text for d in tie.iter(f"{NS}data")}
    assert values["kind"] == "support" and values["subtype"] == "supportive"
    assert values["support"] == "emotional;practical"
    assert values["sector"] == "household" and values["ring"] == "1"
    assert values["frequency"] == "daily" and values["reciprocal"] == "True"
    # a plain NetworkX reader sees the same network
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(demo_data.entities)
    assert graph.number_of_edges() == len(demo_data.relations)
    assert graph.nodes["sanne"]["label"] == "Sanne Jansen"


# ----------------------------------------------------------------- real-world files
def test_networkx_fourpath():
    path = DATA / "fourpath.graphml"
    nodes, edges = plain_counts(path)
    assert (len(nodes), len(edges)) == (4, 3)
    data = read_graphml(path.read_bytes())
    assert len(data.entities) == 4  # every node kept
    ego = data.index_person()
    assert ego.id == "1"  # degree 2, first in the file (ties with '2')
    assert kinds(data) == {"support": 2, "acquaintance": 1}
    assert {m.entity.id for m in members(data, "1")} == {"0", "2"}


def test_graphology_attributes_with_given_ego():
    path = DATA / "attributes.graphml"
    nodes, edges = plain_counts(path)
    assert (len(nodes), len(edges)) == (6, 7)
    data = read_graphml(path.read_bytes())
    assert data.index_person().id == "n2"  # degree 3, before n3 (also 3)
    assert kinds(data) == {"support": 3, "acquaintance": 4}
    assert data.entity("n0").note == "Uit het bestand: color: green"
    chosen = read_graphml(path.read_bytes(), ego="n5")
    assert chosen.index_person().id == "n5"
    expected_members = {t for s, t in edges if s == "n5"} | {s for s, t in edges if t == "n5"}
    assert {m.entity.id for m in members(chosen, "n5")} == expected_members == {"n3", "n4"}
    assert kinds(chosen) == {"support": 2, "acquaintance": 5}


def test_les_miserables_valjean_is_ego():
    path = DATA / "miserables.graphml"
    nodes, edges = plain_counts(path)
    assert (len(nodes), len(edges)) == (77, 254)  # Knuth's co-appearance network
    degree = {n: 0 for n in nodes}
    for s, t in edges:
        degree[s] += 1
        degree[t] += 1
    top = max(nodes, key=lambda n: degree[n])
    assert top == "11" and degree[top] == 36
    data = read_graphml(path.read_bytes())
    ego = data.index_person()
    assert (ego.id, ego.name) == ("11", "Valjean")
    assert len(data.entities) == 77
    assert kinds(data) == {"support": 36, "acquaintance": 254 - 36}
    rings = {m.entity.name: m.ring for m in members(data, "11")}
    assert rings["Cosette"] is Ring.CLOSE  # 31 co-appearances: the strongest tie
    assert rings["Labarre"] is Ring.FAR  # 1 co-appearance
    assert network_metrics(data, "11").size == 36


# ----------------------------------------------------------------- foreign mapping
NETWORK_CANVAS = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:nc="http://schema.networkcanvas.com/xmlns">
  <key id="label" for="all" attr.name="label" attr.type="string"/>
  <key id="networkCanvasType" for="all" attr.name="networkCanvasType" attr.type="string"/>
  <key id="networkCanvasUUID" for="all" attr.name="networkCanvasUUID" attr.type="string"/>
  <key id="v-ego" for="graph" attr.name="name" attr.type="string"/>
  <key id="v-name" for="node" attr.name="name" attr.type="string"/>
  <key id="v-role" for="node" attr.name="role" attr.type="string"/>
  <key id="v-close" for="node" attr.name="closeness" attr.type="int"/>
  <key id="v-emo" for="node" attr.name="support_type_emotional" attr.type="boolean"/>
  <key id="v-adv" for="node" attr.name="support_type_advice" attr.type="boolean"/>
  <graph edgedefault="undirected" nc:caseId="P014">
    <data key="networkCanvasUUID">6f1c</data>
    <data key="v-ego">Sanne</data>
    <node id="1"><data key="networkCanvasType">person</data><data key="v-name">Avery</data>
      <data key="v-role">mother</data><data key="v-close">5</data>
      <data key="v-emo">true</data><data key="v-adv">false</data></node>
    <node id="2"><data key="networkCanvasType">person</data><data key="v-name">Jordan</data>
      <data key="v-role">neighbour</data><data key="v-close">3</data>
      <data key="v-emo">false</data><data key="v-adv">true</data></node>
    <node id="3"><data key="networkCanvasType">person</data><data key="v-name">Kim</data>
      <data key="v-role">social worker</data><data key="v-close">1</data></node>
    <node id="4"><data key="networkCanvasType">venue</data><data key="v-name">Buurthuis</data></node>
    <edge id="e1" source="1" target="2"><data key="networkCanvasType">know_each_other</data></edge>
  </graph>
</graphml>"""


def test_network_canvas_ego_network():
    data = read_graphml(NETWORK_CANVAS)
    ego = data.index_person()
    assert ego.name == "Sanne" and ego.id not in {"1", "2", "3", "4"}
    assert len(data.entities) == 5  # four alters kept, ego added
    cells = {m.entity.name: (m.sector, m.ring) for m in members(data, ego.id)}
    assert cells == {
        "Avery": (Sector.HOUSEHOLD, Ring.CLOSE),  # mother, closeness 5 of 1..5
        "Jordan": (Sector.NEIGHBOURS, Ring.MIDDLE),
        "Kim": (Sector.PROFESSIONALS, Ring.FAR),
        "Buurthuis": (Sector.WORK_SCHOOL, Ring.MIDDLE),  # a venue: club-like system, ring 2
    }
    support = {m.entity.name: m.tie.support for m in members(data, ego.id)}
    assert support["Avery"] == (SupportType.EMOTIONAL,)
    assert support["Jordan"] == (SupportType.INFORMATIONAL,)
    assert data.entity("4").kind is EntityKind.SYSTEM
    assert data.entity("4").system_kind is SystemKind.LEISURE
    assert [
        (r.source, r.target) for r in data.relations if r.kind is RelationKind.ACQUAINTANCE
    ] == [("1", "2")]
    assert data.case.title == "Sanne"


def test_mapping_chooses_attribute_values_and_defaults():
    xml = b"""<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="c" for="node" attr.name="club" attr.type="string"/>
      <key id="k" for="node" attr.name="kring" attr.type="string"/>
      <graph edgedefault="undirected">
        <node id="ego"/><node id="a"><data key="c">Mr. Hi</data><data key="k">binnen</data></node>
        <node id="b"><data key="c">Officer</data><data key="k">buiten</data></node>
        <node id="c"/>
        <edge source="ego" target="a"/><edge source="ego" target="b"/><edge source="ego" target="c"/>
      </graph></graphml>"""
    mapping = {
        "sector_attribute": "club",
        "sector_values": {"Mr. Hi": "friends", "officer": "work_school"},
        "ring_attribute": "kring",
        "ring_values": {"binnen": "1", "buiten": "3"},
        "default_sector": "neighbours",
        "default_ring": "2",
    }
    data = read_graphml(xml, ego="ego", mapping=mapping)
    cells = {m.entity.id: (m.sector, m.ring) for m in members(data, "ego")}
    assert cells == {
        "a": (Sector.FRIENDS, Ring.CLOSE),
        "b": (Sector.WORK_SCHOOL, Ring.FAR),
        "c": (Sector.NEIGHBOURS, Ring.MIDDLE),
    }
    as_object = read_graphml(
        xml, ego="ego", mapping=GraphMLMapping(default_sector=Sector.NEIGHBOURS)
    )
    assert {m.sector for m in members(as_object, "ego")} == {Sector.NEIGHBOURS}


def test_ring_attribute_numbers_and_valence_words():
    xml = b"""<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="r" for="node" attr.name="ring" attr.type="int"/>
      <key id="v" for="edge" attr.name="valence" attr.type="string"/>
      <key id="f" for="edge" attr.name="frequency" attr.type="string"/>
      <graph edgedefault="undirected">
        <node id="e"/><node id="a"><data key="r">1</data></node><node id="b"><data key="r">2</data></node>
        <edge source="e" target="a"><data key="v">negative</data><data key="f">wekelijks</data></edge>
        <edge source="e" target="b"><data key="v">ambivalent</data></edge>
      </graph></graphml>"""
    data = read_graphml(xml, ego="e")
    ties = {m.entity.id: m.tie for m in members(data, "e")}
    assert (ties["a"].ring, ties["b"].ring) == (Ring.CLOSE, Ring.MIDDLE)  # ring numbers as such
    assert ties["a"].subtype == Valence.BURDENING and ties["b"].subtype == Valence.AMBIVALENT
    assert ties["a"].frequency is Frequency.WEEKLY


def test_ego_by_name_and_unknown_ego():
    data = read_graphml((DATA / "miserables.graphml").read_bytes(), ego="cosette")
    assert data.index_person().id == "26"
    with pytest.raises(InvalidInput) as err:
        read_graphml((DATA / "fourpath.graphml").read_bytes(), ego="Nobody")
    assert "Nobody" in err.value.message("nl") and "not" in err.value.message("en")


def test_bad_mapping_is_refused():
    with pytest.raises(InvalidInput):
        read_graphml((DATA / "fourpath.graphml").read_bytes(), mapping={"colour": "red"})
    with pytest.raises(InvalidInput):
        read_graphml((DATA / "fourpath.graphml").read_bytes(), mapping={"default_ring": "7"})


@pytest.mark.parametrize(
    ("value", "sector"),
    [
        ("familie", Sector.HOUSEHOLD),
        ("Grandmother", Sector.HOUSEHOLD),
        ("vriendin", Sector.FRIENDS),
        ("buurvrouw", Sector.NEIGHBOURS),
        ("collega", Sector.WORK_SCHOOL),
        ("huisarts", Sector.PROFESSIONALS),
        ("Professionele hulp", Sector.PROFESSIONALS),
        ("work_school", Sector.WORK_SCHOOL),
        ("green", None),
    ],
)
def test_sector_words(value, sector):
    assert sector_of_value(value) == sector


# ----------------------------------------------------------------- hostile input
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="undirected"><node id="a"><data key="d0">&lol9;</data></node></graph>
</graphml>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="undirected"><node id="a"><data key="d0">&secret;</data></node></graph>
</graphml>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE graphml SYSTEM "http://example.invalid/evil.dtd">
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"/></graph></graphml>"""


def graphml_with_value(size: int) -> bytes:
    return (
        b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        b'<key id="d0" for="node" attr.name="note" attr.type="string"/>'
        b'<graph edgedefault="undirected"><node id="a"><data key="d0">'
        + b"x" * size
        + b"</data></node></graph></graphml>"
    )


def test_billion_laughs_is_refused_fast():
    start = time.perf_counter()
    with pytest.raises(InvalidInput) as err:
        read_graphml(BILLION_LAUGHS)
    # expanded, it would take minutes and gigabytes; refused, milliseconds (10 s: a busy CI)
    assert time.perf_counter() - start < 10
    assert "DTD" in err.value.message("nl") and "unsafe" in err.value.message("en")


@pytest.mark.parametrize("payload", [EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_external_entities_are_refused(payload):
    with pytest.raises(InvalidInput) as err:
        read_graphml(payload)
    assert "root:" not in err.value.message("nl")


def test_file_over_20_mb_is_refused_before_parsing():
    big = graphml_with_value(25 * 1024 * 1024)
    with pytest.raises(InvalidInput) as err:
        read_graphml(big)
    assert "20 MB" in err.value.message("nl") and "20 MB" in err.value.message("en")


def test_attribute_value_over_100_kb_is_refused():
    with pytest.raises(InvalidInput) as err:
        read_graphml(graphml_with_value(1024 * 1024))
    assert "100 KB" in err.value.message("nl")
    assert read_graphml(graphml_with_value(50 * 1024)).entities[0].id == "a"  # below the limit


def test_huge_attribute_in_an_xml_attribute_is_refused():
    xml = (
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="'
        + b"n" * (200 * 1024)
        + b'"/></graph></graphml>'
    )
    with pytest.raises(InvalidInput):
        read_graphml(xml)


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"   \n",
        b"hello, this is not xml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"<html><body>not a graph</body></html>",
        b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'></graphml>",
        b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph/></graphml>",
        b"<graphml><graph><node id='a'></graph></graphml>",
        b"name,sector\nAnna,friends\n",
    ],
    ids=["empty", "blank", "text", "png", "html", "no-graph", "zero-nodes", "broken", "csv"],
)
def test_wrong_types_are_refused_in_both_languages(payload):
    with pytest.raises(InvalidInput) as err:
        read_graphml(payload)
    assert err.value.message("nl") and err.value.message("en")
    assert err.value.message("nl") != err.value.message("en")


def test_bad_value_in_a_casemap_file_is_refused(demo_data):
    text = write_graphml(demo_data).replace(">supportive<", ">very-supportive<", 1)
    with pytest.raises(InvalidInput):
        read_graphml(text.encode())


def test_refused_file_writes_nothing(tmp_path):
    store_module = pytest.importorskip("mapping.storage.store")
    store = store_module.Store(tmp_path / "s.db")
    try:
        with pytest.raises(InvalidInput):
            store.import_case(read_graphml(BILLION_LAUGHS))
        assert store.list_cases() == []
    finally:
        store.close()


# ----------------------------------------------------------------- CSV
def read_csv(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_members_csv(demo_data):
    rows = read_csv(members_csv(demo_data, "sanne"), ";")
    assert rows[0][:5] == ["id", "naam", "soort", "sector", "ring"] and rows[0][-1] == "geplaatst"
    # what the map shows: the placed members, then the ties not yet placed
    shown = map_members(demo_data, "sanne")
    assert len(rows) == 1 + len(shown) and len(shown) > len(members(demo_data, "sanne"))
    rick = next(r for r in rows if r[0] == "rick")
    assert rick[1:] == [
        "Rick de Boer", "persoon", "Huisgenoten en familie", "dichtbij", "steunend",
        "emotioneel, praktisch", "dagelijks", "ja", "stiefvader", "ja",
    ]  # fmt: skip
    waiting = [r for r in rows[1:] if r[-1] == "nee (voorstel)"]
    assert {r[0] for r in waiting} == {m.entity.id for m in shown if not m.placed}
    assert all(r[5] == "" for r in waiting)  # no valence the casemanager did not give
    en = read_csv(members_csv(demo_data, "sanne", lang="en"), ",")
    assert en[0][1] == "name" and "Household and family" in {r[3] for r in en}


def test_ties_csv(demo_data):
    rows = read_csv(ties_csv(demo_data, "sanne"), ";")
    support = [r for r in rows[1:] if r[2] == "netwerkrelatie (steun)"]
    known = [r for r in rows[1:] if r[2] == "kennen elkaar"]
    assert len(support) == 13
    assert ["Rick de Boer", "Riet Jansen"] in [r[:2] for r in known]
    assert all(r[0] == "Sanne Jansen" for r in support)
    waiting = [r for r in rows[1:] if r[-1] == "nee (voorstel)"]
    assert waiting and all(r[0] == "Sanne Jansen" and r[2] for r in waiting)
    unplaced = {m.entity.name for m in map_members(demo_data, "sanne") if not m.placed}
    assert {r[1] for r in waiting} == unplaced


def test_csv_cells_never_run_as_formulas(demo_data):
    data = replace(demo_data, entities=list(demo_data.entities))
    i = next(i for i, e in enumerate(data.entities) if e.id == "rick")
    data.entities[i] = replace(data.entities[i], name='=HYPERLINK("http://x","y")')
    text = members_csv(data, "sanne")
    assert "'=HYPERLINK" in text
    assert not any(line.split(";")[1].startswith("=") for line in text.splitlines()[1:])


# ----------------------------------------------------------------- files from the wild
def read_with_notices(xml: bytes, **kw):
    notices = []
    data = read_graphml(xml, notices=notices, **kw)
    return data, notices


WRONG_TYPES = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="name" attr.type="string"/>
  <key id="d1" for="node" attr.name="leeftijd" attr.type="int"/>
  <key id="d2" for="node" attr.name="closeness" attr.type="double"/>
  <key id="d3" for="node" attr.name="support_emotional" attr.type="boolean"/>
  <key id="d4" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="d0">Sanne</data><data key="d1">38</data></node>
    <node id="n1"><data key="d0">Jan</data><data key="d1">veel</data><data key="d2">n/a</data>
      <data key="d3">ja</data></node>
    <node id="n2"><data key="d0">Piet</data><data key="d1">2.5</data><data key="d2">4,5</data>
      <data key="d3">misschien</data></node>
    <node id="n3"><data key="d0">Kees</data><data key="d1">oud</data><data key="d2">1</data>
      <data key="d3">nee</data></node>
    <edge source="n0" target="n1"><data key="d4">heel sterk</data></edge>
    <edge source="n0" target="n2"><data key="d4">2</data></edge>
    <edge source="n0" target="n3"><data key="d4">1</data></edge>
  </graph>
</graphml>"""


def test_values_that_do_not_fit_their_type_are_ignored_with_a_notice():
    data, notices = read_with_notices(WRONG_TYPES)
    assert {e.id for e in data.entities} == {"n0", "n1", "n2", "n3"}  # every node kept
    nl = [n.message("nl") for n in notices]
    en = [n.message("en") for n in notices]
    age = next(m for m in nl if "'leeftijd'" in m)
    assert "geheel getal" in age and "2 knopen" in age
    assert "n1 (Jan) ('veel')" in age and "n3 (Kees) ('oud')" in age
    assert "n2" not in age  # 2.5 in an int key is still a number
    close = next(m for m in nl if "'closeness'" in m)
    assert "n1 (Jan) ('n/a')" in close and "1 knoop" in close
    boolean = next(m for m in nl if "'support_emotional'" in m)
    assert "n2 (Piet) ('misschien')" in boolean and "Jan" not in boolean  # 'ja' is a yes
    weight = next(m for m in nl if "'weight'" in m)
    assert "heel sterk" in weight and "lijn" in weight
    assert len(notices) == 4
    assert any("must be a whole number" in m for m in en)
    # what was usable is used: Jan's 'ja' gives emotional support, Piet's 4,5 is closest
    cells = {m.entity.name: m for m in members(data, "n0")}
    assert cells["Jan"].tie.support == (SupportType.EMOTIONAL,)
    assert cells["Kees"].tie.support == ()
    assert cells["Piet"].ring is Ring.CLOSE and cells["Kees"].ring is Ring.FAR
    assert "leeftijd" not in data.entity("n1").note  # the unusable age is not in the note
    assert "leeftijd: 38" in data.entity("n0").note


def test_a_clean_file_has_no_notices():
    _data, notices = read_with_notices((DATA / "miserables.graphml").read_bytes())
    assert notices == []


def test_edge_to_an_undeclared_node_is_left_out_naming_the_id():
    xml = b"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
      <node id="a"/><node id="b"/>
      <edge id="e1" source="a" target="b"/><edge id="e2" source="a" target="ghost-17"/>
    </graph></graphml>"""
    data, notices = read_with_notices(xml)
    assert sorted(e.id for e in data.entities) == ["a", "b"]  # nobody invented for ghost-17
    assert len(data.relations) == 1
    [notice] = notices
    assert "'ghost-17'" in notice.message("nl") and "e2" in notice.message("nl")
    assert "weggelaten" in notice.message("nl") and "'ghost-17'" in notice.message("en")


def test_edge_without_a_target_is_left_out():
    xml = b"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>
      <node id="a"/><node id="b"/><edge id="e1" source="a"/><edge id="e2" source="a" target="b"/>
    </graph></graphml>"""
    data, notices = read_with_notices(xml)
    assert len(data.entities) == 2 and len(data.relations) == 1
    assert "e1" in notices[0].message("nl") and "(leeg)" in notices[0].message("nl")


def test_yed_live_labels_are_the_names():
    # yEd Live / yFiles for HTML keep labels in y:Label.Text (igraph's fuzzing input
    # yfiles.graphml); they were ignored and every person was called after the node id.
    data, notices = read_with_notices((DATA / "yed_live.graphml").read_bytes())
    names = {e.id: e.name for e in data.entities}
    assert names == {
        "n0": "Top left rounded rectangle",
        "n1": "Star",
        "n2": "őð中",
        "n3": "regular bold italic newline",  # a MarkupLabelStyle label, HTML dropped
    }
    # its loop n3->n3 and the edge n2->n1 drawn twice are said, as in every other format
    assert [n.message("en") for n in notices] == [
        "1 edge from someone to themselves was skipped.",
        "1 pair had more than one edge (2 in all: doubled or both ways); it became one tie "
        "with the weights added up as its strength.",
    ]
    assert data.entity("n0").note == '<node id="n3">'  # a description; zOrder is drawing data
    assert data.index_person().id == "n1"  # three edges: the most central


def test_whole_numbers_typed_double_read_as_written():
    # igraph's fuzzing inputs wa2/wa5 write the label as attr.type="double": "1" was
    # shown as the name "1.0".
    xml = b"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="v_label" for="node" attr.name="label" attr.type="double"/>
      <key id="v_age" for="node" attr.name="leeftijd" attr.type="double"/>
      <graph edgedefault="undirected">
        <node id="n0"><data key="v_label">1</data><data key="v_age">38</data></node>
        <node id="n1"><data key="v_label">2.5</data><data key="v_age">7.5</data></node>
        <edge source="n0" target="n1"/>
      </graph></graphml>"""
    data, notices = read_with_notices(xml)
    assert {e.id: e.name for e in data.entities} == {"n0": "1", "n1": "2.5"}
    assert data.entity("n0").note == "Uit het bestand: leeftijd: 38"
    assert data.entity("n1").note == "Uit het bestand: leeftijd: 7.5"


def test_what_the_file_says_about_a_tie_is_kept_in_its_note():
    # graphology's escaping_writer.graphml: the edge's note was dropped on import.
    data, notices = read_with_notices((DATA / "escaping.graphml").read_bytes())
    assert {e.id: e.name for e in data.entities} == {"a": "Tom & Jerry", "b": "<b>bold</b>"}
    [tie] = data.relations
    assert tie.note == 'say "hi"' and notices == []  # a note attribute is the note itself


def test_a_long_node_note_is_not_cut_at_500_characters():
    story = "Woont sinds 2019 bij haar tante. " * 40  # about 1,300 characters
    xml = f"""<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="d0" for="node" attr.name="verhaal" attr.type="string"/>
      <key id="d1" for="edge" attr.name="relatie" attr.type="string"/>
      <graph edgedefault="undirected">
        <node id="a"><data key="d0">{story}</data></node><node id="b"/><node id="c"/>
        <edge source="a" target="b"/><edge source="a" target="c"/>
        <edge source="b" target="c"><data key="d1">ruzie sinds 2020</data></edge>
      </graph></graphml>""".encode()
    data, _ = read_with_notices(xml, ego="a")
    assert data.entity("a").note == f"Uit het bestand: verhaal: {story}"
    [known] = [r for r in data.relations if r.kind is RelationKind.ACQUAINTANCE]
    assert known.note == "Uit het bestand: relatie: ruzie sinds 2020"


def test_a_partial_citation_network_keeps_its_nodes():
    # graphology's missing_nodes.graphml: arXiv papers citing papers the file left out.
    # The whole file used to be refused; now its 15 nodes are read and the 37 edges to
    # the 36 undeclared ids are reported.
    raw = (DATA / "missing_nodes.graphml").read_bytes()
    root = ET.fromstring(raw)
    declared = {e.get("id") for e in root.iter() if e.tag.endswith("}node")}
    assert len(declared) == 15
    data, notices = read_with_notices(raw)
    assert {e.id for e in data.entities} == declared and data.relations == []
    [notice] = notices
    assert notice.message("en").startswith("37 edge(s)")
    assert "'9204228'" in notice.message("en") and "and 31 more" in notice.message("en")


# yEd 3.x writes its drawing in yfiles.type keys; the label sits in y:NodeLabel.
# Laid out as yEd writes it (keys d0..d10, resources for graphml, a group node).
YED = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java" xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <!--Created by yEd 3.20-->
  <key attr.name="Description" attr.type="string" for="graph" id="d0"/>
  <key for="port" id="d1" yfiles.type="portgraphics"/>
  <key for="port" id="d2" yfiles.type="portgeometry"/>
  <key for="port" id="d3" yfiles.type="portuserdata"/>
  <key attr.name="url" attr.type="string" for="node" id="d4"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="graphml" id="d7" yfiles.type="resources"/>
  <key attr.name="url" attr.type="string" for="edge" id="d8"/>
  <key attr.name="description" attr.type="string" for="edge" id="d9"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <data key="d0"/>
    <node id="n0">
      <data key="d4" xml:space="preserve"/>
      <data key="d5" xml:space="preserve"><![CDATA[moeder, cli\xc3\xabnt]]></data>
      <data key="d6">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="30.0" x="100.0" y="100.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" fontStyle="plain" hasBackgroundColor="false" hasLineColor="false" height="18.1" horizontalTextPosition="center" iconTextGap="4" modelName="custom" textColor="#000000" verticalTextPosition="bottom" visible="true" width="40.0" x="-5.0" xml:space="preserve" y="5.9">Sanne<y:LabelModel><y:SmartNodeLabelModel distance="4.0"/></y:LabelModel></y:NodeLabel>
          <y:Shape type="ellipse"/>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="200.0" y="100.0"/><y:NodeLabel>Huisarts de Wit</y:NodeLabel><y:Shape type="rectangle"/></y:ShapeNode></data>
    </node>
    <node id="n2" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode><y:NodeLabel>Buren</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n2:">
        <node id="n2::n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Ahmed</y:NodeLabel></y:ShapeNode></data></node>
        <node id="n2::n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Fatima</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d10"><y:PolyLineEdge><y:LineStyle color="#000000" type="line" width="1.0"/><y:Arrows source="none" target="standard"/><y:EdgeLabel>praktisch</y:EdgeLabel><y:BendStyle smoothed="false"/></y:PolyLineEdge></data>
    </edge>
    <edge id="e1" source="n0" target="n2::n0"><data key="d10"><y:PolyLineEdge/></data></edge>
    <edge id="n2::e0" source="n2::n0" target="n2::n1"><data key="d10"><y:PolyLineEdge/></data></edge>
  </graph>
  <data key="d7"><y:Resources/></data>
</graphml>"""


def test_yed_file_takes_the_visible_labels_and_keeps_every_node():
    data, notices = read_with_notices(YED, ego="n0")
    names = {e.id: e.name for e in data.entities}
    assert names == {
        "n0": "Sanne",
        "n1": "Huisarts de Wit",
        "n2": "Buren",
        "n2::n0": "Ahmed",
        "n2::n1": "Fatima",
    }
    assert notices == []
    assert data.entity("n0").note == "moeder, cliënt"  # yEd's description: typed by a person
    assert {m.entity.name for m in members(data, "n0")} == {"Huisarts de Wit", "Ahmed"}
    assert [
        (r.source, r.target) for r in data.relations if r.kind is RelationKind.ACQUAINTANCE
    ] == [("n2::n0", "n2::n1")]


# Gephi 0.9/0.10 'Export graph file' as GraphML: label key, colour channels, positions,
# a statistics column (modularity) and weighted edges.
GEPHI = b"""<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="Edge Id" attr.type="string" for="edge" id="edgeid"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="g" attr.type="int" for="node" id="g"/>
<key attr.name="b" attr.type="int" for="node" id="b"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="y" attr.type="float" for="node" id="y"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
<key attr.name="Relatie" attr.type="string" for="node" id="relatie"/>
<graph edgedefault="undirected">
<node id="0">
<data key="label">Sanne</data><data key="size">20.0</data><data key="modularity_class">0</data>
<data key="r">255</data><data key="g">204</data><data key="b">0</data>
<data key="x">-12.5</data><data key="y">40.25</data>
</node>
<node id="1">
<data key="label">Oma Jansen</data><data key="relatie">familie</data><data key="size">10.0</data>
<data key="modularity_class">0</data><data key="r">153</data><data key="g">0</data><data key="b">0</data>
<data key="x">85.0</data><data key="y">-3.0</data>
</node>
<node id="2">
<data key="label">Buurvrouw Els</data><data key="relatie">buurvrouw</data><data key="size">10.0</data>
<data key="modularity_class">1</data><data key="r">0</data><data key="g">153</data><data key="b">0</data>
<data key="x">12.0</data><data key="y">-80.5</data>
</node>
<node id="3">
<data key="label">Wijkteam</data><data key="relatie">hulpverlener</data><data key="size">10.0</data>
<data key="modularity_class">1</data><data key="r">NaN</data><data key="g">0</data><data key="b">153</data>
<data key="x">n/a</data><data key="y">1.0</data>
</node>
<edge id="0" source="0" target="1"><data key="edgeid">0</data><data key="weight">5.0</data></edge>
<edge id="1" source="0" target="2"><data key="edgeid">1</data><data key="weight">2.0</data></edge>
<edge id="2" source="0" target="3"><data key="edgeid">2</data><data key="weight">1.0</data></edge>
<edge id="3" source="1" target="2"><data key="weight">1.0</data></edge>
</graph>
</graphml>"""


def test_gephi_export_keeps_names_and_maps_relation_words():
    data, notices = read_with_notices(GEPHI)
    assert len(data.entities) == 4
    assert data.index_person().name == "Sanne"  # most central
    cells = {m.entity.name: (m.sector, m.ring) for m in members(data, "0")}
    assert cells == {
        "Oma Jansen": (Sector.HOUSEHOLD, Ring.CLOSE),  # weight 5: strongest
        "Buurvrouw Els": (Sector.NEIGHBOURS, Ring.MIDDLE),
        "Wijkteam": (Sector.PROFESSIONALS, Ring.FAR),
    }
    assert "Modularity Class: 0" in data.entity("1").note
    assert "255" not in data.entity("0").note  # colour channels are drawing data
    # 'n/a' for a float x is not usable: named, the node is kept
    assert len(notices) == 1 and "3 (Wijkteam) ('n/a')" in notices[0].message("nl")


def test_networkx_write_graphml_with_d_keys(tmp_path):
    graph = nx.Graph(name="Netwerk van Anna")
    graph.add_node("anna", name="Anna", gender="female")
    graph.add_node("bo", name="Bo", relationship="friend", closeness=4)
    graph.add_node("cas", name="Cas", relationship="colleague", closeness=2)
    graph.add_node("dirk", name="Dirk", relationship="neighbour", closeness=1)
    graph.add_edges_from([("anna", "bo"), ("anna", "cas"), ("anna", "dirk"), ("bo", "cas")])
    path = tmp_path / "anna.graphml"
    nx.write_graphml(graph, path)
    text = path.read_text()
    assert 'id="d0"' in text and 'attr.type="long"' in text  # how NetworkX writes keys
    # somebody typed over a number in a text editor
    text = text.replace(">2</data>", ">twee</data>")
    data, notices = read_with_notices(text.encode())
    assert [e.id for e in data.entities] == ["anna", "bo", "cas", "dirk"]
    assert data.entity("anna").sex is Sex.FEMALE
    assert data.case.title == "Netwerk van Anna"
    cells = {m.entity.name: (m.sector, m.ring) for m in members(data, "anna")}
    assert cells["Bo"] == (Sector.FRIENDS, Ring.CLOSE)
    assert cells["Cas"][0] is Sector.WORK_SCHOOL  # closeness unusable: ring from the rest
    assert cells["Dirk"] == (Sector.NEIGHBOURS, Ring.FAR)
    assert len(notices) == 1 and "cas (Cas) ('twee')" in notices[0].message("nl")


# igraph's write_graphml: v_/e_ key ids, NaN for a missing number.
IGRAPH = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
<!-- Created by igraph -->
  <key id="g_name" for="graph" attr.name="name" attr.type="string"/>
  <key id="v_name" for="node" attr.name="name" attr.type="string"/>
  <key id="v_ring" for="node" attr.name="ring" attr.type="double"/>
  <key id="v_helpt" for="node" attr.name="practical" attr.type="boolean"/>
  <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="undirected">
    <data key="g_name">ego netwerk</data>
    <node id="n0"><data key="v_name">Mo</data><data key="v_ring">NaN</data><data key="v_helpt">false</data></node>
    <node id="n1"><data key="v_name">Lin</data><data key="v_ring">1</data><data key="v_helpt">true</data></node>
    <node id="n2"><data key="v_name">Ravi</data><data key="v_ring">3</data><data key="v_helpt">false</data></node>
    <edge source="n0" target="n1"><data key="e_weight">NaN</data></edge>
    <edge source="n0" target="n2"><data key="e_weight">1</data></edge>
  </graph>
</graphml>"""


def test_igraph_nan_is_simply_empty():
    data, notices = read_with_notices(IGRAPH, ego="Mo")
    assert notices == []
    cells = {m.entity.name: (m.ring, m.tie.support) for m in members(data, "n0")}
    assert cells == {"Lin": (Ring.CLOSE, (SupportType.PRACTICAL,)), "Ravi": (Ring.FAR, ())}


# Network Canvas' GraphML export as its exporter writes it: nc: metadata on <graphml>,
# 'label' and 'type' keys for all, variable UUIDs as key ids with attr.name, categorical
# variables split in booleans, layout as _X/_Y doubles, UUID node ids; ordinal/number keys
# typed by the first value (so a later 2.5 sits in an 'int' key).
NC_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
  <graphml
    xmlns="http://graphml.graphdrawing.org/xmlns"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://schema.networkcanvas.com/xmlns http://schema.networkcanvas.com/xmlns/1.0/graphml+netcanvas.xsd"
    xmlns:nc="http://schema.networkcanvas.com/xmlns"
    nc:caseID="Lotte"
    nc:sessionUUID="1f1ac148-1e05-4bb3-9028-552451817da6"
    nc:protocolName="Netwerkkaart"
    nc:remoteProtocolID="90f75deb"
    nc:sessionStartTime="2024-05-26T15:04:28.706Z"
    nc:sessionFinishTime="2024-05-26T15:34:29.678Z"
    nc:sessionExportTime="2024-05-26T15:35:32.030Z"
  >
<key id="label" attr.name="label" attr.type="string" for="all"/>
<key id="type" attr.name="type" attr.type="string" for="all"/>
<key id="6b3f-name" attr.name="name" attr.type="string" for="node"/>
<key id="9a1c-close" attr.name="closeness" attr.type="int" for="node"/>
<key id="77aa-rel_family" attr.name="relationship_family" attr.type="boolean" for="node"/>
<key id="77aa-rel_friend" attr.name="relationship_friend" attr.type="boolean" for="node"/>
<key id="c0de-layout_X" attr.name="layout_X" attr.type="double" for="node"/>
<key id="c0de-layout_Y" attr.name="layout_Y" attr.type="double" for="node"/>
<key id="e5e5-since" attr.name="known_since" attr.type="int" for="edge"/>
<graph edgedefault="undirected">
<node id="2e1b6f0e-0001">
  <data key="type">person</data>
  <data key="label">Noor</data>
  <data key="6b3f-name">Noor</data>
  <data key="9a1c-close">5</data>
  <data key="77aa-rel_family">true</data>
  <data key="77aa-rel_friend">false</data>
  <data key="c0de-layout_X">0.25</data>
  <data key="c0de-layout_Y">0.75</data>
</node>
<node id="2e1b6f0e-0002">
  <data key="type">person</data>
  <data key="label">Sem</data>
  <data key="6b3f-name">Sem</data>
  <data key="9a1c-close">2.5</data>
  <data key="77aa-rel_family">false</data>
  <data key="77aa-rel_friend">true</data>
</node>
<node id="2e1b6f0e-0003">
  <data key="type">person</data>
  <data key="label">Node</data>
  <data key="9a1c-close">veel</data>
</node>
<edge id="edge-1" source="2e1b6f0e-0001" target="2e1b6f0e-0002">
  <data key="type">knows</data>
  <data key="e5e5-since">unknown</data>
  <data key="_egoID">{"id":"ego-1"}</data>
</edge>
</graph>
</graphml>"""


def test_network_canvas_export_with_typed_variables():
    data, notices = read_with_notices(NC_EXPORT)
    ego = data.index_person()
    assert ego.name == "Lotte" and ego.id == "ego"  # from nc:caseID, added as a node
    assert len(data.entities) == 4  # three alters kept, ego added
    by_name = {m.entity.name: m for m in members(data, ego.id)}
    assert set(by_name) == {"Noor", "Sem", "Node"}
    assert by_name["Noor"].ring is Ring.CLOSE
    assert by_name["Sem"].ring is Ring.FAR  # 2.5 of 2.5..5: kept as a number
    assert [
        (r.source, r.target) for r in data.relations if r.kind is RelationKind.ACQUAINTANCE
    ] == [("2e1b6f0e-0001", "2e1b6f0e-0002")]
    messages = " | ".join(n.message("nl") for n in notices)
    assert "'closeness'" in messages and "2e1b6f0e-0003 (Node) ('veel')" in messages
    assert "'known_since'" in messages and "edge-1 ('unknown')" in messages
    assert len(notices) == 2


@pytest.mark.parametrize(
    "xml",
    [YED, GEPHI, IGRAPH, NC_EXPORT, WRONG_TYPES, NETWORK_CANVAS],
    ids=["yed", "gephi", "igraph", "network-canvas-export", "wrong-types", "network-canvas"],
)
def test_files_from_the_wild_keep_every_node_and_store(xml, tmp_path):
    store_module = pytest.importorskip("mapping.storage.store")
    from mapping.formats.importers import tidy

    ids = {n.get("id") for n in ET.fromstring(xml).iter(f"{NS}node")}
    data = tidy(read_graphml(xml))
    assert ids <= {e.id for e in data.entities}
    store = store_module.Store(tmp_path / "s.db")
    try:
        case = store.import_case(data)
        assert len(store.load(case.id).entities) == len(data.entities)
    finally:
        store.close()


def test_a_gephi_gexf_file_gets_a_message_that_says_what_to_do():
    gexf = b"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes><node id="0" label="Sanne"><viz:size value="10.0"/></node></nodes>
    <edges/>
  </graph>
</gexf>"""
    with pytest.raises(InvalidInput) as err:
        read_graphml(gexf)
    assert "GEXF" in err.value.message("nl") and "GraphML" in err.value.message("nl")
    assert "Export" in err.value.message("en")


# ----------------------------------------------------------------- one network, one case (#21.2)
def test_parallel_edges_of_an_undirected_file_add_up_with_a_notice():
    """graphology's multigraph.graphml: n2-n4 twice without a weight, n5-n4 with 1.1 and
    7.5. Before, the last edge won silently (weight 7.5 and 1); now they add up, as in
    every other format, and the page says so."""
    notices: list = []
    data = read_graphml((DATA / "multigraph.graphml").read_bytes(), notices=notices)
    notes = {frozenset((r.source, r.target)): r.note for r in data.relations}
    assert notes[frozenset(("n4", "n5"))] == "Uit het bestand: weight: 8.6"
    assert notes[frozenset(("n2", "n4"))] == "Uit het bestand: weight: 2"
    assert [n.en for n in notices] == [
        "2 pairs had more than one edge (4 in all: doubled or both ways); each pair became "
        "one tie with the weights added up as its strength."
    ]
    ego = data.index_person()
    assert ego.id == "n2"
    assert {r.target: r.ring for r in data.relations if r.source == "n2"}["n4"] == Ring.CLOSE


def test_an_arc_each_way_is_reciprocal_but_an_undirected_edge_names_no_one():
    """In a directed GraphML, b->a back makes the tie reciprocal; b-a marked
    directed="false" (a mixed graph) adds its weight and names no one."""
    template = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"/><node id="b"/><edge source="a" target="b"/>'
        '<edge source="b" target="a"{}/></graph></graphml>'
    )
    for extra, reciprocal in (("", True), (' directed="false"', False)):
        [tie] = read_graphml(template.format(extra).encode()).relations
        assert tie.reciprocal is reciprocal and tie.note == "Uit het bestand: weight: 2"
