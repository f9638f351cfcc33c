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

from mapping.errors import InvalidInput
from mapping.graphml import (
    GraphMLMapping,
    members_csv,
    read_graphml,
    sector_of_value,
    ties_csv,
    write_graphml,
)
from mapping.metrics import network_metrics
from mapping.model import Case, CaseData, Entity, Relation
from mapping.sociogram import members
from mapping.vocabulary import (
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
    assert data.entity("n0").note == "color: green"
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
    assert time.perf_counter() - start < 2
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
    store_module = pytest.importorskip("mapping.store")
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
    assert rows[0][:5] == ["id", "naam", "soort", "sector", "ring"]
    assert len(rows) == 1 + len(members(demo_data, "sanne"))
    rick = next(r for r in rows if r[0] == "rick")
    assert rick[1:] == [
        "Rick de Boer", "persoon", "Huisgenoten en familie", "dichtbij", "steunend",
        "emotioneel, praktisch", "dagelijks", "ja", "stiefvader",
    ]  # fmt: skip
    en = read_csv(members_csv(demo_data, "sanne", lang="en"), ",")
    assert en[0][1] == "name" and "Household and family" in {r[3] for r in en}


def test_ties_csv(demo_data):
    rows = read_csv(ties_csv(demo_data, "sanne"), ";")
    support = [r for r in rows[1:] if r[2] == "netwerkrelatie (steun)"]
    known = [r for r in rows[1:] if r[2] == "kennen elkaar"]
    assert len(support) == 13
    assert ["Rick de Boer", "Riet Jansen"] in [r[:2] for r in known]
    assert all(r[0] == "Sanne Jansen" for r in support)


def test_csv_cells_never_run_as_formulas(demo_data):
    data = replace(demo_data, entities=list(demo_data.entities))
    i = next(i for i, e in enumerate(data.entities) if e.id == "rick")
    data.entities[i] = replace(data.entities[i], name='=HYPERLINK("http://x","y")')
    text = members_csv(data, "sanne")
    assert "'=HYPERLINK" in text
    assert not any(line.split(";")[1].startswith("=") for line in text.splitlines()[1:])
