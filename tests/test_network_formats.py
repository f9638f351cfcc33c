"""Network files other than GraphML (GEXF, GML, Pajek, CSV/TSV) made into a case.

The real files in tests/data/network/ (see its README) are imported and
counted; where networkx reads a file too, our count of ties is checked
against networkx's count of distinct pairs.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import networkx as nx
import pytest

from mapping.core.errors import InvalidInput
from mapping.core.vocabulary import RelationKind, Ring, Sector, Sex
from mapping.formats import graphml
from mapping.formats.importers import tidy
from mapping.formats.netfiles import decode_text, detect_format, read_import_file, read_network
from mapping.storage.store import Store

DATA = Path(__file__).resolve().parent / "data" / "network"
HOSTILE = DATA / "hostile"
HANDMADE = DATA / "handmade"

#: file: (entities, relations, ego's name, case code prefix). Counted by hand and
#: from the datasets' published figures (karate 34/78, lesmis 77/254, dolphins 62/159).
REAL = {
    "karate.gml": (34, 78, "34", "GML-"),
    "lesmis.gml": (77, 254, "Valjean", "GML-"),
    "dolphins.gml": (62, 159, "14", "GML-"),
    "gephi_label.gml": (3, 2, "Node A", "GML-"),
    "gephi_emojis.gml": (1, 0, "\u2705", "GML-"),
    "igraph_karate.net": (34, 77, "34", "PAJEK-"),  # 78 lines, '9 33' twice
    "igraph_links.net": (4, 4, "1", "PAJEK-"),  # 7 arcs: 2 loops, 1->2 and 2->1
    "igraph_signed_matrix.net": (10, 33, "S75", "PAJEK-"),
    "igraph_bipartite.net": (13, 11, "x-3", "PAJEK-"),
    "networkx_test.net": (4, 3, "1", "PAJEK-"),
    "gephi_basic.gexf": (2, 1, "Hello", "GEXF-"),
    "gephi_data.gexf": (1, 0, "Node1", "GEXF-"),  # its one edge is a loop
    "gephi_dynamic_weight.gexf": (2, 1, "Hello", "GEXF-"),
    "graphology_mixed.gexf": (3, 3, "one", "GEXF-"),
    "graphology_missing_nodes.gexf": (2, 1, "Hello", "GEXF-"),
    "graphology_v1_3.gexf": (2, 1, "Suzy", "GEXF-"),
    "polinode_survey.gexf": (10, 17, "Britta Witzel", "GEXF-"),  # 20 nominations, 3 mutual
    "gephi_edges_types.csv": (2, 1, "1", "CSV-"),
    "gephi_edges_repeated.csv": (4, 3, "2", "CSV-"),
}


def load(path: Path, **kw):
    notices: list = []
    data = tidy(read_network(path.read_bytes(), name=path.name, notices=notices, **kw))
    return data, notices


def names(data) -> dict[str, str]:
    return {e.id: e.name for e in data.entities}


def tie(data, a: str, b: str):
    by_name = {e.name: e.id for e in data.entities}
    pair = {by_name[a], by_name[b]}
    return next(r for r in data.relations if {r.source, r.target} == pair)


def test_every_real_file_is_in_the_table():
    files = {p.name for p in DATA.iterdir() if p.is_file() and p.suffix != ".md"}
    assert files == set(REAL)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_file_imports_with_its_figures(name):
    entities, relations, ego, code = REAL[name]
    data, _ = load(DATA / name)
    assert len(data.entities) == entities
    assert len(data.relations) == relations
    assert [e.name for e in data.entities if e.index_person] == [ego]
    assert data.case.code.startswith(code)
    egos = {e.id for e in data.entities if e.index_person}
    support = [r for r in data.relations if r.kind is RelationKind.SUPPORT]
    assert support and all(r.source in egos for r in support) or relations == 0
    assert all(r.sector and r.ring for r in support)


def _pairs(graph) -> int:
    return len({frozenset((u, v)) for u, v in graph.edges() if u != v})


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("karate.gml", lambda p: nx.read_gml(p, label=None)),
        ("lesmis.gml", lambda p: nx.read_gml(p, label=None)),
        ("dolphins.gml", lambda p: nx.read_gml(p, label=None)),
        ("gephi_label.gml", lambda p: nx.read_gml(p, label=None)),
        ("networkx_test.net", nx.read_pajek),  # (read_pajek fails on igraph_karate.net)
        ("gephi_basic.gexf", nx.read_gexf),
        ("polinode_survey.gexf", nx.read_gexf),
        ("gephi_data.gexf", nx.read_gexf),  # (read_gexf refuses graphology_mixed.gexf)
    ],
)
def test_counts_agree_with_networkx(name, reader):
    reference = reader(DATA / name)
    data, _ = load(DATA / name)
    assert len(data.entities) == reference.number_of_nodes()
    assert len(data.relations) == _pairs(reference)


def test_lesmis_weights_make_the_rings_and_labels_the_names():
    data, notices = load(DATA / "lesmis.gml")
    assert notices == []
    assert tie(data, "Valjean", "Cosette").ring is Ring.CLOSE  # 31 co-appearances
    assert tie(data, "Valjean", "Labarre").ring is Ring.FAR  # 1
    assert "weight: 31" in tie(data, "Valjean", "Cosette").note


def test_polinode_survey_names_sex_and_mutual_nominations():
    data, notices = load(DATA / "polinode_survey.gexf")
    people = {e.name: e for e in data.entities}
    assert people["Britta Witzel"].sex is Sex.FEMALE and people["Joesph Palau"].sex is Sex.MALE
    assert "Position: VP" in people["Britta Witzel"].note
    assert data.case.title == "Survey One"
    assert any("3 paren hadden meer" in n.nl and "3 pairs had more" in n.en for n in notices)
    # a mutual nomination counts double: the strongest ties of ego are the mutual ones
    assert tie(data, "Britta Witzel", "Cleopatra Cordray").ring is Ring.CLOSE
    assert tie(data, "Britta Witzel", "Tamala Bible").ring is not Ring.CLOSE


def test_repeated_csv_rows_add_up_their_weights():
    data, notices = load(DATA / "gephi_edges_repeated.csv")
    assert "weight: 7.5" in tie(data, "1", "2").note  # 1 + 5 + 1.5
    assert any(n.nl.startswith("1 paar had meer dan één lijn (samen 3") for n in notices)
    assert any(n.en.startswith("1 pair had more than one edge") for n in notices)


def test_gexf_dynamic_weight_keeps_the_last_value_and_loops_are_said():
    data, _ = load(DATA / "gephi_dynamic_weight.gexf")
    assert "Weight: 2" in data.relations[0].note
    _, notices = load(DATA / "gephi_data.gexf")
    assert any("naar zichzelf" in n.nl for n in notices)


def test_gexf_edges_to_undeclared_nodes_are_left_out_with_a_notice():
    data, notices = load(DATA / "graphology_missing_nodes.gexf")
    assert sorted(names(data).values()) == ["Hello", "Word"]
    [notice] = notices
    assert "'2', '4', '5', '6'" in notice.nl and "weggelaten" in notice.nl


def test_pajek_labels_weights_and_two_modes():
    data, notices = load(DATA / "igraph_signed_matrix.net")
    assert sorted(names(data).values())[:3] == ["S04", "S24", "S29"]
    assert data.case.title.startswith("First.net")
    data, _ = load(DATA / "igraph_bipartite.net")
    assert {"A", "H", "x-5"} <= set(names(data).values())
    data, notices = load(DATA / "igraph_links.net")  # CRLF, drawing data after the labels
    assert any("2 lijnen van iemand naar zichzelf zijn" in n.nl for n in notices)
    assert "Bezier arc" in tie(data, "1", "2").note


# ----------------------------------------------------------------- encodings, CSV dialects
def test_dutch_excel_csv_semicolons_decimal_comma_cp1252_and_sectors():
    data, notices = load(HANDMADE / "dutch_excel.csv")
    assert notices == []
    assert sorted(names(data).values()) == ["Huisarts Brouwer", "Jan", "Renée", "Zoë"]
    assert tie(data, "Renée", "Jan").sector is Sector.HOUSEHOLD  # familie
    assert tie(data, "Renée", "Zoë").sector is Sector.NEIGHBOURS  # buurvrouw
    assert tie(data, "Renée", "Huisarts Brouwer").sector is Sector.PROFESSIONALS
    assert tie(data, "Renée", "Jan").ring is Ring.CLOSE  # 2,5 is the strongest
    assert tie(data, "Renée", "Huisarts Brouwer").ring is Ring.FAR  # 0,5
    assert tie(data, "Jan", "Zoë").kind is RelationKind.ACQUAINTANCE


def test_latin1_gml_and_a_tsv_with_bom_and_crlf():
    data, _ = load(HANDMADE / "latin1.gml")
    assert sorted(names(data).values()) == ["François", "Renée", "Zoë"]
    data, _ = load(HANDMADE / "bom_tab.tsv")
    assert sorted(names(data).values()) == ["Anne", "Bas", "Cor"]
    assert "weight: 3" in tie(data, "Anne", "Bas").note


def test_utf16_with_bom_is_read():
    text = "van,naar\nAnne,Bas\nAnne,Cor\n"
    data = read_network(text.encode("utf-16"), name="lijst.csv")
    assert sorted(names(data).values()) == ["Anne", "Bas", "Cor"]


def test_whitespace_edge_list_with_comments_and_no_header():
    data = read_network(b"# SNAP style\n1 2\n2 3\n3 1\n3 4\n", name="graph.txt")
    assert len(data.entities) == 4 and len(data.relations) == 4


def test_a_header_less_third_word_is_the_type_of_the_tie():
    data = read_network(b"Anne,Bas,familie\nAnne,Cor,collega\n", name="x.csv")
    assert tie(data, "Anne", "Bas").sector is Sector.HOUSEHOLD
    assert tie(data, "Anne", "Cor").sector is Sector.WORK_SCHOOL


# ----------------------------------------------------------------- format by content
@pytest.mark.parametrize(
    ("fixture", "name", "fmt"),
    [
        ("karate.gml", "netwerk.txt", "gml"),
        ("karate.gml", "netwerk.xml", "gml"),
        ("polinode_survey.gexf", "export.xml", "gexf"),
        ("polinode_survey.gexf", "export.txt", "gexf"),
        ("igraph_karate.net", "karate.txt", "pajek"),
        ("gephi_edges_repeated.csv", "lijst.txt", "csv"),
        ("../graphml/fourpath.graphml", "fourpath.gexf", "graphml"),
    ],
)
def test_format_is_found_by_content_not_by_name(fixture, name, fmt):
    content = (DATA / fixture).read_bytes()
    assert detect_format(name, content) == fmt
    data = read_network(content, name=name)
    assert len(data.entities) == len(read_network(content, name=fixture).entities)


def test_gml_with_a_creator_line_comments_and_multigraph():
    text = b'# from igraph\nCreator "igraph"\nVersion 1\ngraph [ multigraph 1 directed 1\n'
    text += b'node [ id 0 name "Anne" ] node [ id 1 name "Bas" ]\n'
    text += b"edge [ source 0 target 1 ] edge [ source 1 target 0 ] ]"
    data = read_network(text, name="igraph.gml")
    assert sorted(names(data).values()) == ["Anne", "Bas"] and len(data.relations) == 1


def test_gml_duplicate_node_id_and_missing_label_are_read():
    text = b'graph [ node [ id 1 label "Anne" ] node [ id 1 label "Anja" ] node [ id 2 ] '
    text += b'node [ label "zonder id" ] edge [ source 1 target 2 ] edge [ source 1 target 9 ] ]'
    notices: list = []
    data = read_network(text, name="dubbel.gml", notices=notices)
    assert sorted(names(data).values()) == ["2", "Anne"]
    said = " ".join(n.nl for n in notices)
    assert "'1' staat twee keer" in said and "zonder id" in said and "'9'" in said


# ----------------------------------------------------------------- hostile files
REFUSED = {
    "billion_laughs.gexf": "DTD of entiteiten",
    "external_entity.gexf": "DTD of entiteiten",
    "garbage.gml": "binaire gegevens",
    "empty.net": "leeg",
    "unbalanced.gml": "haakjes",
    "one_column.csv": "één kolom",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_file_is_refused_in_dutch_and_english(name):
    with pytest.raises(InvalidInput) as err:
        read_network((HOSTILE / name).read_bytes(), name=name)
    assert REFUSED[name] in err.value.nl
    assert err.value.en != err.value.nl and err.value.en


def test_every_hostile_file_is_in_a_test():
    tested = set(REFUSED) | {"out_of_range.net", "long_label.gml", "script_labels.gexf"}
    tested |= {"script_labels.csv"}
    assert {p.name for p in HOSTILE.iterdir()} == tested


def test_billion_laughs_is_refused_before_expansion():
    import time

    start = time.perf_counter()
    with pytest.raises(InvalidInput):
        read_network((HOSTILE / "billion_laughs.gexf").read_bytes(), name="x.xml")
    # expanded, it would take minutes and gigabytes; refused, milliseconds (10 s: a busy CI)
    assert time.perf_counter() - start < 10


def test_pajek_vertex_numbers_out_of_range_are_left_out_and_said():
    notices: list = []
    data = read_network((HOSTILE / "out_of_range.net").read_bytes(), name="x.net", notices=notices)
    assert sorted(names(data).values()) == ["Anne", "Bas", "Cor"]
    assert len(data.relations) == 2
    said = " ".join(n.nl for n in notices)
    assert "'7'" in said and "buiten 1..3" in said
    assert "'9'" in said and "'0'" in said and "'x'" in said


def test_a_5000_character_label_is_shortened_and_markup_stays_literal():
    data, _ = load(HOSTILE / "long_label.gml")
    long_name = next(e.name for e in data.entities if e.name.startswith("Marie-"))
    assert len(long_name) == 200 and long_name.startswith("Marie-xxx")
    assert long_name.endswith("\u2026")  # cut visibly, not silently
    for name in ("script_labels.gexf", "script_labels.csv"):
        data, _ = load(HOSTILE / name)
        assert "<script>alert(1)</script>" in names(data).values()
        assert "[klik](http://example.org/x)" in {n[:28] for n in names(data).values()}


def test_deep_gml_nesting_is_no_recursion_error():
    text = b"graph [ " + b"a [ " * 200_000 + b"]" * 200_000 + b" node [ id 1 ] ]"
    data = read_network(text, name="diep.gml")
    assert len(data.entities) == 1


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"<?xml version='1.0'?><gexf><meta/></gexf>", "x.gexf", "geen netwerk"),
        (b"<gexf><graph><nodes/></graph></gexf>", "x.gexf", "geen personen"),
        (b"<gexf><graph><nodes><node label='a'/></nodes></graph></gexf>", "x.gexf", "zonder id"),
        (b"<gexf><graph><nodes><node id='1'></graph></gexf>", "x.gexf", "geen geldig XML"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.gexf", "geen GEXF"),
        (b'Creator "x"\nversion 1\n', "x.gml", "geen GML"),
        (b"graph [ node [ id 1 ] edge [ source ] ]", "x.gml", "geen waarde"),
        (b"graph [ node [ id 1 ] ] ]", "x.gml", "haakjes"),
        (b"graph [ directed 0 ]", "x.gml", "geen personen"),
        (b'<?xml version="1.0" encoding="hTF-8"?><gexf/>', "x.gexf", "onbekende tekenset"),
        (b'graph [ node [ id 1 label "a" ] @ ]', "x.gml", "onverwacht teken"),
        (b"Versie\n", "x.txt", "één kolom"),
        (b"*Vertices many\n", "x.net", "zonder aantal"),
        (b"*Arcs\n1 2\n", "x.net", "geen personen"),
        (b"hello world\n", "x.net", "geen Pajek"),
        (b"id,label\n1,Anne\n2,Bas\n", "knopen.csv", "lijst van personen"),
        (b"van;naar\n;\n", "leeg.csv", "geen enkele relatie"),
        (b"   \n\n", "x.csv", "leeg"),
    ],
)
def test_bad_input_gets_a_clear_message(content, name, words):
    with pytest.raises(InvalidInput) as err:
        read_network(content, name=name)
    assert words in err.value.nl, err.value.nl


def test_big_networks_get_the_graphml_limits(monkeypatch):
    monkeypatch.setattr(graphml, "MAX_NODES", 30)
    for name in ("karate.gml", "igraph_karate.net", "lesmis.gml", "polinode_survey.gexf"):
        if name == "polinode_survey.gexf":
            monkeypatch.setattr(graphml, "MAX_NODES", 5)
        with pytest.raises(InvalidInput) as err:
            read_network((DATA / name).read_bytes(), name=name)
        assert "te groot voor een netwerkkaart" in err.value.nl
    with pytest.raises(InvalidInput, match="te groot"):
        read_network(b"*Vertices 999999999\n", name="groot.net")
    monkeypatch.setattr(graphml, "MAX_EDGES", 3)
    with pytest.raises(InvalidInput, match="te groot"):
        read_network(b"a,b\nb,c\nc,d\nd,e\ne,f\n", name="lang.csv")


def test_a_file_over_20_mb_is_refused_unread():
    with pytest.raises(InvalidInput, match="te groot"):
        read_network(b"a,b\n" * (5 * 1024 * 1024 + 1), name="groot.csv")


@pytest.mark.parametrize("name", sorted(REAL))
def test_damaged_real_files_are_read_or_refused_never_a_crash(name):
    """Cut short or with flipped bytes: a case or InvalidInput, nothing else."""
    content = (DATA / name).read_bytes()
    rng = random.Random(name)
    variants = [content[: len(content) * k // 7] for k in range(1, 7)]
    for _ in range(6):
        damaged = bytearray(content)
        for _ in range(5):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants.append(bytes(damaged))
    for variant in variants:
        try:
            read_network(variant, name=name)
        except InvalidInput as err:
            assert err.nl and err.en


def test_decode_text_refuses_binary():
    with pytest.raises(InvalidInput, match="binaire"):
        decode_text(b"\x00\x01\x02graph [")


# ----------------------------------------------------------------- the dispatcher
def test_read_import_file_sends_network_files_here_and_the_rest_to_the_importers():
    data = read_import_file("karate.gml", (DATA / "karate.gml").read_bytes())
    assert data.case.code.startswith("GML-")
    with pytest.raises(InvalidInput, match="Onbekend bestandstype"):
        read_import_file("foto.png", b"\x89PNG")


def test_ego_by_name_and_mapping_work_as_for_graphml():
    path = DATA / "lesmis.gml"
    data = read_network(path.read_bytes(), name=path.name, ego="Javert")
    assert [e.name for e in data.entities if e.index_person] == ["Javert"]
    data = read_network(path.read_bytes(), name=path.name, mapping={"default_sector": "neighbours"})
    assert {r.sector for r in data.relations if r.kind is RelationKind.SUPPORT} == {
        Sector.NEIGHBOURS
    }
    with pytest.raises(InvalidInput, match="niet"):
        read_network(path.read_bytes(), name=path.name, ego="Niemand")


# ----------------------------------------------------------------- the command line
def test_cli_imports_gexf_gml_pajek_and_csv(tmp_path, capsys):
    from mapping.cli import main

    db = tmp_path / "cli.db"
    for name, people in (
        ("polinode_survey.gexf", 10),
        ("lesmis.gml", 77),
        ("igraph_karate.net", 34),
        ("gephi_edges_repeated.csv", 4),
    ):
        assert main(["import", str(DATA / name), "--db", str(db)]) == 0
        out = capsys.readouterr().out
        assert f"{people} personen" in out, out
    assert main(["import", str(DATA / "lesmis.gml"), "--ego", "Javert", "--db", str(db)]) == 0
    with Store(db) as store:
        codes = [c.code for c in store.list_cases()]
    assert len(codes) == 5 and {c.split("-")[0] for c in codes} == {"GEXF", "GML", "PAJEK", "CSV"}


@pytest.mark.parametrize("name", ["billion_laughs.gexf", "garbage.gml", "unbalanced.gml"])
def test_cli_refuses_a_hostile_network_file_with_exit_2_and_leaves_the_db(tmp_path, capsys, name):
    import hashlib

    from mapping.cli import main

    db = tmp_path / "cli.db"
    assert main(["--db", str(db), "demo"]) == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["import", str(HOSTILE / name), "--db", str(db)]) == 2
    assert REFUSED[name] in capsys.readouterr().err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "content",
    [
        b"ab " * 2700,  # a head of words that is no GML: the format check must not backtrack
        b"%" * 8000,
        b"graph [ x " + b"1" * 200_000 + b"a ]",  # a long number that turns out a word
        b"Jan Piet " * 100_000,
    ],
)
def test_format_detection_and_tokenising_stay_linear(content):
    import time

    start = time.perf_counter()
    try:
        read_network(content, name="x.txt")
    except InvalidInput:
        pass
    # backtracking on these would take minutes; linear, well under a second (10 s: a busy CI)
    assert time.perf_counter() - start < 10


def test_an_unclosed_quote_in_a_csv_is_a_message_not_a_crash():
    content = b'van,naar\nAnne,"Bas\n' + b"Cor,Daan\n" * 50_000
    with pytest.raises(InvalidInput, match="aanhalingsteken"):
        read_network(content, name="lijst.csv")


def test_people_who_named_each_other_have_a_reciprocal_tie():
    """In a directed file (a survey: who did you name?) an edge each way between ego and
    a member is a tie both give: the netwerkkaart's 'wederkerig'."""
    import xml.etree.ElementTree as ET

    path = DATA / "polinode_survey.gexf"
    data, _ = load(path)
    ego = next(e.id for e in data.entities if e.index_person)
    arcs = {
        (edge.get("source"), edge.get("target"))
        for edge in ET.parse(path).getroot().iter()
        if edge.tag.endswith("}edge") or edge.tag == "edge"
    }
    both = {b for a, b in arcs if a == ego and (b, a) in arcs}
    ties = {r.target: r for r in data.relations if r.source == ego and r.kind.value == "support"}
    assert both and {m for m, r in ties.items() if r.reciprocal} == both


def test_a_reciprocal_column_marks_the_tie_and_is_not_repeated_in_the_note():
    data = read_import_file(
        "netwerk.csv", b"bron,doel,wederkerig\nAnna,Bo,ja\nAnna,Cas,nee\nAnna,Dirk,\n", notices=[]
    )
    names = {e.id: e.name for e in data.entities}
    ties = {names[r.target]: r for r in data.relations}
    assert [n for n, r in ties.items() if r.reciprocal] == ["Bo"]
    assert all("wederkerig" not in r.note for r in data.relations)


def test_a_signed_network_marks_its_negative_ties_as_burdening():
    """igraph's signed matrix: S75 (ego) gave S65 a -1; S29, S24 and S51 named S75 back."""
    data, _ = load(DATA / "igraph_signed_matrix.net")
    names = {e.id: e.name for e in data.entities}
    ego = next(e for e in data.entities if e.index_person)
    ties = {names[r.target]: r for r in data.relations if r.source == ego.id}
    assert ego.name == "S75" and len(ties) == 9
    assert {n for n, r in ties.items() if r.subtype == "burdening"} == {"S65"}
    assert {n for n, r in ties.items() if r.reciprocal} == {"S29", "S24", "S51"}


def test_a_symmetric_pajek_matrix_is_one_tie_a_pair_not_two():
    """An undirected network written as a symmetric matrix names each tie twice; it is
    one tie of weight 1, not a doubled one with a notice about merged lines."""
    notices: list = []
    data = read_import_file(
        "sym.net",
        b'*Vertices 3\n1 "Anna"\n2 "Bo"\n3 "Cas"\n*Matrix\n0 1 1\n1 0 0\n1 0 0\n',
        notices=notices,
    )
    assert len(data.relations) == 2 and notices == []
    assert all("weight: 1" in r.note and not r.reciprocal for r in data.relations)


# ----------------------------------------------------------------- labels read whole (#21.3)
QUOTED = ['"Quote" Piet', 'Jan "de Smid" Bakker', '"Q"Piet', 'x"y', "O'Neil", "Anne"]


def test_pajek_labels_with_quotes_in_them_come_in_whole():
    """NetworkX writes ``1 ""Quote" Piet" 0.0 0.0 ellipse``: Pajek has no way to put a
    quote in a label, so nx.read_pajek refuses its own file, and casemap read the empty
    '""' and named the person '1', without a notice."""
    graph = nx.DiGraph([("Anne", name) for name in QUOTED[:-1]])
    buffer = io.BytesIO()
    nx.write_pajek(graph, buffer)
    content = buffer.getvalue()
    assert b'""Quote" Piet"' in content and b'"Jan "de Smid" Bakker"' in content
    with pytest.raises(ValueError):  # 'No closing quotation': NetworkX cannot read it back
        nx.read_pajek(io.BytesIO(content))
    notices: list = []
    data = read_network(content, name="quotes.net", notices=notices)
    assert sorted(names(data).values()) == sorted(QUOTED) and notices == []
    graphml = io.BytesIO()
    nx.write_graphml(graph, graphml)
    assert sorted(names(read_network(graphml.getvalue(), name="q.graphml")).values()) == sorted(
        names(data).values()
    )


def test_a_pajek_label_without_its_closing_quote_keeps_its_words_with_a_notice():
    """igraph's LINKS.NET with the closing quote of vertex 2 lost (and a longer name)."""
    text = (DATA / "igraph_links.net").read_text()
    assert '2 "2"' in text
    text = text.replace('2 "2"', '2 "Anne de Vries', 1)
    notices: list = []
    data = read_network(text.encode(), name="links.net", notices=notices)
    assert sorted(names(data).values()) == ["1", "3", "4", "Anne de Vries"]
    said = [n for n in notices if "aanhalingsteken" in n.nl]
    assert len(said) == 1 and "2 'Anne de Vries'" in said[0].nl
    assert "never closed" in said[0].en and "2 'Anne de Vries'" in said[0].en


# ----------------------------------------------------------------- never the last one silently
def test_a_pajek_vertex_given_twice_keeps_the_first_with_a_notice():
    """networkx's test.net with vertex 2 given a second time: before, the last line won."""
    text = (DATA / "networkx_test.net").read_text()
    text = text.replace("2 1 0.0 0.0 ellipse\n", "2 1 0.0 0.0 ellipse\n2 Bas 0.0 0.0 ellipse\n")
    notices: list = []
    data = read_network(text.encode(), name="test.net", notices=notices)
    assert sorted(names(data).values()) == ["0", "1", "2", "3"]
    assert [n.en for n in notices] == ["Node '2' appears twice in the file; the first one counts."]


def test_a_gml_key_given_twice_keeps_the_first_with_a_notice():
    """lesmis.gml with Napoleon (id 1) given a second label."""
    text = (DATA / "lesmis.gml").read_bytes().decode()  # as written: CRLF
    old = 'id 1\r\n    label "Napoleon"'
    assert old in text
    text = text.replace(old, old + '\r\n    label "Bonaparte"', 1)
    notices: list = []
    data = read_network(text.encode(), name="lesmis.gml", notices=notices)
    assert "Napoleon" in names(data).values() and "Bonaparte" not in names(data).values()
    [notice] = notices
    assert "'label'" in notice.nl and "'1'" in notice.nl and "eerste waarde" in notice.nl


def test_a_gexf_value_given_over_time_keeps_the_last_with_a_notice():
    """Gephi's dynamic weight: 1 in 2004, 2 in 2005; the last is read, and that is said."""
    data, notices = load(DATA / "gephi_dynamic_weight.gexf")
    assert "Weight: 2" in data.relations[0].note
    [notice] = notices
    assert "'Weight'" in notice.nl and "laatste waarde" in notice.nl and "last value" in notice.en


def test_gexf_multi_edges_add_up_and_a_mutual_edge_is_reciprocal():
    """Gephi's basic.gexf with its edge drawn twice (GEXF allows parallel edges), then typed
    'mutual' (a tie both give)."""
    text = (DATA / "gephi_basic.gexf").read_text()
    edge = '<edge id="0" source="0" target="1" />'
    twice = text.replace(edge, edge + '<edge id="1" source="0" target="1" label="again"/>')
    notices: list = []
    data = read_network(twice.encode(), name="basic.gexf", notices=notices)
    [tie] = data.relations
    assert "weight: 2" in tie.note and not tie.reciprocal
    assert [n.en for n in notices] == [
        "1 pair had more than one edge (2 in all: doubled or both ways); it became one tie "
        "with the weights added up as its strength.",
    ]
    mutual = text.replace(edge, '<edge id="0" source="0" target="1" type="mutual"/>')
    [tie] = read_network(mutual.encode(), name="basic.gexf").relations
    assert tie.reciprocal and "reciprocal" not in tie.note


def test_csv_rows_of_one_pair_that_disagree_are_one_tie_and_said():
    """Gephi's typed edges table: 1->2 'directed' (kind 8) and 2->1 'undirected' (kind 1).
    One tie weighing 4; not reciprocal (an undirected row names no one); the differing
    kind and label are said, the first row's kept."""
    data, notices = load(DATA / "gephi_edges_types.csv")
    [tie] = data.relations
    assert not tie.reciprocal and tie.note == "Uit het bestand: label: 1; kind: 8; weight: 4"
    assert [n.en for n in notices] == [
        "1 pair had more than one edge (2 in all: doubled or both ways); it became one tie "
        "with the weights added up as its strength.",
        "Edges of the same pair differed in 'label' (1\u00d7), 'kind' (1\u00d7); each tie "
        "keeps the first edge's value.",
    ]


def test_a_csv_list_runs_from_source_to_target():
    """Named each other in a list: reciprocal, as in GML or GraphML; 'undirected' on every
    row: one tie, not reciprocal; 'mutual': reciprocal."""
    both = read_import_file("l.csv", b"van,naar\nAnna,Bo\nBo,Anna\nAnna,Cas\n", notices=[])
    assert {r.reciprocal for r in both.relations if "weight: 2" in r.note} == {True}
    plain = b"source,target,type\nAnna,Bo,Undirected\nBo,Anna,Undirected\nAnna,Cas,Undirected\n"
    undirected = read_import_file("l.csv", plain, notices=[])
    assert not any(r.reciprocal for r in undirected.relations)
    mutual = read_import_file("l.csv", b"source,target,type\nAnna,Bo,Mutual\n", notices=[])
    assert [r.reciprocal for r in mutual.relations] == [True]


def test_a_csv_header_that_names_a_column_twice_keeps_the_first_and_says_so():
    notices: list = []
    data = read_network(b"van;naar;gewicht;gewicht\nAnna;Bo;1;5\nAnna;Cas;2;1\n", name="l.csv",
                        notices=notices)  # fmt: skip
    assert sorted(r.note for r in data.relations) == [
        "Uit het bestand: weight: 1",
        "Uit het bestand: weight: 2",
    ]
    [notice] = notices
    assert "'gewicht'" in notice.nl and "eerste" in notice.nl and "first" in notice.en


def test_added_weights_are_written_as_people_add_them():
    data = read_network(b"van;naar;gewicht\nAnna;Bo;0,1\nBo;Anna;0,2\nAnna;Cas;1\n", name="l.csv")
    assert tie(data, "Anna", "Bo").note == "Uit het bestand: weight: 0.3"


@pytest.mark.parametrize(
    "make_line",
    [
        lambda n: '1 "' + '" x' * n,
        lambda n: '1 "' + "Anne " * n,
        lambda n: '1 "' + '" 0' * n + " y",
    ],
    ids=["quotes", "words", "quoted-numbers"],
)
def test_a_long_pajek_vertex_line_is_read_in_linear_time(make_line):
    """Labels with quotes are read by looking ahead one word per quote, never the rest.

    Judged by growth, not by the clock (a busy machine is slow, not quadratic):
    four times the words may take about four times as long, never sixteen.
    """
    import time

    def fastest(n: int) -> float:
        content = f"*Vertices 2\n{make_line(n)}\n2 Bo\n*Edges\n1 2\n".encode()
        times = []
        for _ in range(2):
            start = time.perf_counter()
            data = read_network(content, name="long.net")
            times.append(time.perf_counter() - start)
            assert len(data.entities) == 2
        return min(times)

    small, large = fastest(10_000), fastest(40_000)
    assert large / small < 8, f"10,000 words {small:.3f} s, 40,000 words {large:.3f} s"
