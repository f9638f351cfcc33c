"""GraphML and CSV exchange of a case network, and safe import of foreign ego networks.

:func:`write_graphml` writes every entity as a node and every relation as an
edge (key = relation id) with all their fields, so another tool (Gephi, yEd,
NetworkX, R/igraph) can open a case, and :func:`read_graphml` reads it back
exactly. :func:`read_graphml` also makes a new case out of a GraphML file
made elsewhere (a Network Canvas ego-network export, a plain GraphML
network): every node is kept, one node is ego, ego gets a SUPPORT tie (with
a sector and ring) to each neighbour, and every other edge becomes an
ACQUAINTANCE ("kennen elkaar") tie.

Safety first: the bytes are parsed with ``defusedxml`` (no DTD, no entity
expansion, no external entities) and checked (at most 20 MB, no attribute
value over 100 KB, a GraphML root, at least one node) *before* anything is
read. A refused file raises
:class:`~mapping.core.errors.InvalidInput` and nothing is written: this module
never touches the store.

Files from the wild are read value by value, not with
``networkx.parse_graphml`` (which stops at the first value that does not fit
its ``attr.type``): an unusable value is left out and reported as an
:class:`ImportNotice` naming the attribute and the nodes; an edge to a node
the file does not declare is left out and reported, naming the id (see
:func:`read_graphml`).

How foreign attributes are mapped (override with :class:`GraphMLMapping`):

* **name**: the first non-empty node attribute called name, naam, label,
  title or full_name; else the node id.
* **ego**: the node given (its id or its name); else, for a Network Canvas
  export (the ego is not a node there, its data sit on the graph), a new
  ego node named after the graph's ``name``/``ego_name`` or the case id,
  tied to every node; else the most central node (highest degree, the
  first in the file on a tie).
* **sector**: the first attribute named sector, category, type, role,
  relationship, group, kind (or Dutch: categorie, rol, relatie, groep,
  soort) whose value names a sector: a sector value or label, or a word
  like family/familie/partner/mother (household), friend/vriend/kennis
  (friends), neighbour/buur (neighbours), work/collega/school/club/sport/
  church (work, school and clubs), or doctor/huisarts/therapist/social
  worker/agency/care (professional help). Node attributes are tried
  first, then those of the edge to ego. A node whose type reads as an
  organisation (organisation, agency, service, venue, institution...)
  becomes a system. Without a match: a system's default sector, else
  friends (or ``default_sector``).
* **ring**: an attribute named ring, circle, layer, distance (1 = closest)
  or closeness, strength, importance (higher = closer; Dutch: cirkel,
  laag, afstand, nabijheid, sterkte, belang). Words (close/dichtbij, middle/
  midden, far/ver) map directly, and so do 1/2/3 of a ring-like
  attribute; other numbers (a 1-5 closeness scale) are split in thirds
  of their range. Without a ring attribute the *tie strength* (edge
  ``weight``/``strength``) to ego is split in thirds by rank (the
  strongest third = ring 1); when all ties are equal, ring 2 (or
  ``default_ring``).
* **support**: boolean attributes whose name mentions emotional,
  practical/instrumental, advice/information, company/companionship or
  burden set those support types (as Network Canvas' ``support_type_*``
  variables do); ``frequency`` and ``valence`` attributes are read when
  their values are known words.
* Other attributes go into the node's (or tie's) note, except drawing ones
  (x, y, colour channels, size, shape, Network Canvas ``layout`` positions
  and UUIDs): a free-text note attribute (note, comment, opmerking...) as
  the note itself, the rest as one line of file data ('Uit het bestand:
  status: Submitted; weight: 4') that the maps do not draw
  (:func:`mapping.core.model.note_parts`).

>>> from mapping.services.demo import demo_case
>>> data = demo_case()
>>> back = read_graphml(write_graphml(data).encode())
>>> len(back.entities) == len(data.entities), len(back.relations) == len(data.relations)
(True, True)
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import types
import typing
import xml.etree.ElementTree as StdET
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import PurePath

import networkx as nx
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from mapping.core.codec import MAX_NAME, MAX_TEXT
from mapping.core.drawing import shortened
from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_
from mapping.core.model import FILE_DATA, Case, CaseData, Entity, Relation, new_id
from mapping.core.vocabulary import (
    SUBTYPES,
    TERMS,
    EntityKind,
    Frequency,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    Valence,
    label,
)
from mapping.core.words import sector_of_value, word_tokens, words_match
from mapping.formats.notices import ImportNotice, Message, and_more
from mapping.lenses.sociogram import map_members, valence_of

FORMAT = "casemap-graphml"
FORMAT_VERSION = "1"
MAX_BYTES = 20 * 1024 * 1024
MAX_VALUE = 100 * 1024
MAX_NODES = 10_000
MAX_EDGES = 50_000
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NETWORK_CANVAS_NS = "http://schema.networkcanvas.com/xmlns"
_LIST_SEP = ";"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ----------------------------------------------------------------- writing
def _plain(value):
    """A field value as a GraphML-friendly scalar (str or bool)."""
    if isinstance(value, bool):
        return value
    if value is None:
        return ""
    if isinstance(value, tuple):
        return _LIST_SEP.join(str(v) for v in value)
    if isinstance(value, int | float):
        return str(value)
    return _XML_INVALID.sub("", str(value))


def to_graphml_graph(data: CaseData) -> nx.MultiDiGraph:
    """The case as a MultiDiGraph whose attributes GraphML can hold (str and bool)."""
    case = data.case
    graph = nx.MultiDiGraph(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        case_id=_plain(case.id),
        code=_plain(case.code),
        title=_plain(case.title),
    )
    for entity in data.entities:
        attrs = {f.name: _plain(getattr(entity, f.name)) for f in fields(Entity) if f.name != "id"}
        attrs["label"] = attrs["name"]  # what Gephi, yEd and Cytoscape show
        graph.add_node(_plain(entity.id), **attrs)
    for order, rel in enumerate(data.relations):
        attrs = {
            f.name: _plain(getattr(rel, f.name))
            for f in fields(Relation)
            if f.name not in ("id", "source", "target")
        }
        attrs["order"] = str(order)  # GraphML writers group edges by node; keep the case order
        graph.add_edge(_plain(rel.source), _plain(rel.target), key=_plain(rel.id), **attrs)
    return graph


def write_graphml(data: CaseData) -> str:
    """The case network as GraphML text (UTF-8): entities = nodes, relations = edges.

    Lists (support types, conditions) are joined with ';'; an empty value
    means 'not set'. The graph carries ``format='casemap-graphml'`` so
    :func:`read_graphml` restores the case exactly.
    """
    lines = nx.generate_graphml(to_graphml_graph(data))
    return "<?xml version='1.0' encoding='utf-8'?>\n" + "\n".join(lines) + "\n"


# ----------------------------------------------------------------- safe parsing
def parse_xml_safely(data_bytes: bytes, fmt: str = "GraphML") -> StdET.Element:
    """The root element of XML bytes from another program, parsed safely, or InvalidInput.

    The one guard for every XML network format (GraphML, GEXF): at most
    20 MB, not empty, no DTD (so no entity expansion and no external
    entities), well-formed, no value of more than 100 KB. ``fmt`` names the
    format the user chose in the messages.
    """
    if not isinstance(data_bytes, bytes | bytearray):
        raise TypeError("parse_xml_safely expects bytes")
    if len(data_bytes) > MAX_BYTES:
        raise InvalidInput(
            "Het bestand is te groot ({data_bytes} MB; maximaal 20 MB).",
            data_bytes=len(data_bytes) // (1024 * 1024),
        )
    if not data_bytes.strip():
        raise InvalidInput("Het bestand is leeg.")
    try:
        root = SafeET.fromstring(
            bytes(data_bytes), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise InvalidInput(
            "Dit bestand is geweigerd: het bevat een DTD of entiteiten (mogelijk onveilig).",
        ) from None
    except StdET.ParseError:
        raise InvalidInput(
            "Dit is geen geldig XML-bestand, dus ook geen {fmt}.",
            fmt=fmt,
        ) from None
    except LookupError:  # <?xml encoding="..."?> names a character set Python does not know
        raise InvalidInput(
            "Dit XML-bestand noemt een onbekende tekenset (encoding); sla het op als UTF-8.",
        ) from None
    for element in root.iter():
        values = [element.text or "", element.tail or "", *element.attrib.values()]
        if any(len(v) > MAX_VALUE for v in values):
            raise InvalidInput(
                "Dit bestand is geweigerd: een waarde is groter dan 100 KB.",
            )
    return root


def refuse_too_large(nodes: int, edges: int) -> None:
    """InvalidInput when a network is beyond what a netwerkkaart can hold (any format)."""
    if nodes > MAX_NODES or edges > MAX_EDGES:
        raise InvalidInput(
            "Dit netwerk is te groot voor een netwerkkaart ({nodes} knopen, {edges} lijnen; "
            "maximaal {max_nodes} knopen en {max_edges} lijnen).",
            nodes=nodes,
            edges=edges,
            max_nodes=MAX_NODES,
            max_edges=MAX_EDGES,
        )


def check_graphml(data_bytes: bytes) -> StdET.Element:
    """Parse and check ``data_bytes`` safely; the root element, or InvalidInput.

    Refuses: more than 20 MB, a DTD (so no entity expansion and no external
    entities), text that is not XML, XML that is not GraphML, a value of
    more than 100 KB, a file without a graph or without nodes.
    """
    root = parse_xml_safely(data_bytes, "GraphML")
    if _local(root.tag) == "gexf":
        raise InvalidInput(
            "Dit is een GEXF-bestand (Gephi), geen GraphML. Kies in Gephi 'Bestand > "
            "Exporteren > Graafbestand' met het type GraphML en importeer dat bestand.",
        )
    if _local(root.tag) != "graphml":
        raise InvalidInput(
            "Dit XML-bestand is geen GraphML (het hoofdelement is geen <graphml>).",
        )
    network_parts(root, "GraphML")
    return root


def network_parts(root: StdET.Element, fmt: str) -> tuple[StdET.Element, list, list]:
    """The first ``<graph>`` of an XML network file with its nodes and edges, or InvalidInput.

    Refuses a file without a graph, without nodes, with a node without an
    id, or beyond the size a netwerkkaart can hold (GraphML and GEXF alike).
    """
    graphs = [e for e in root if _local(e.tag) == "graph"]
    if not graphs:
        raise InvalidInput("Dit {fmt}-bestand bevat geen netwerk.", fmt=fmt)
    nodes = [e for e in graphs[0].iter() if _local(e.tag) == "node"]
    if not nodes:
        raise InvalidInput(
            "Dit {fmt}-bestand bevat geen personen (0 knopen).",
            fmt=fmt,
        )
    if any(not (n.get("id") or "").strip() for n in nodes):
        raise InvalidInput(
            "Dit {fmt}-bestand bevat een knoop zonder id.",
            fmt=fmt,
        )
    edges = [e for e in graphs[0].iter() if _local(e.tag) == "edge"]
    refuse_too_large(len(nodes), len(edges))
    return graphs[0], nodes, edges


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ----------------------------------------------------------------- lenient reading
_TRUE_WORDS = ("true", "1", "yes", "y", "ja", "j", "waar", "wel")
_FALSE_WORDS = ("false", "0", "no", "n", "nee", "onwaar", "niet", "geen")
#: values that plainly mean 'not filled in': dropped without a notice
_MISSING_WORDS = ("", "nan", "null", "none")
_TYPE_WORDS = {
    "boolean": N_("ja/nee (boolean)"),
    "int": N_("geheel getal (int)"),
    "long": N_("geheel getal (long)"),
    "float": N_("getal (float)"),
    "double": N_("getal (double)"),
}
_MAX_NAMED = 3


@dataclass
class _Key:
    name: str
    type: str
    domain: str
    yfiles: str = ""
    default: object = None


def _typed_value(raw: str, attr_type: str):
    """``raw`` as ``attr_type`` says; None = 'not filled in'; ValueError = unusable.

    Lenient where the meaning is plain: booleans in Dutch or English words,
    a decimal comma, a whole number written '3.0', a fraction in an int key
    (kept as a number: Network Canvas types a number variable by its first value).
    """
    if attr_type in ("", "string"):
        return raw
    text = raw.strip()
    if text.casefold() in _MISSING_WORDS:
        return None
    if attr_type == "boolean":
        folded = text.casefold()
        if folded in _TRUE_WORDS:
            return True
        if folded in _FALSE_WORDS:
            return False
        raise ValueError(raw)
    if attr_type in ("int", "long", "float", "double"):
        number = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else None
        if number is None:
            number = float(text)  # ValueError for 'veel', 'n/a'
        if attr_type in ("int", "long"):
            if not math.isfinite(number):
                raise ValueError(raw)
            return int(number) if number == int(number) else number
        return number
    return raw  # an unknown attr.type: keep the text


def _keys(root: StdET.Element) -> dict[str, _Key]:
    keys: dict[str, _Key] = {}
    for element in root:
        if _local(element.tag) != "key" or not element.get("id"):
            continue
        key = _Key(
            name=element.get("attr.name") or element.get("id"),
            type=(element.get("attr.type") or "string").strip().casefold(),
            domain=element.get("for") or "all",
            yfiles=element.get("yfiles.type") or _yworks_uri(element),
        )
        for child in element:
            if _local(child.tag) == "default" and child.text is not None:
                try:
                    key.default = _typed_value(child.text, key.type)
                except ValueError:
                    key.default = None
        keys[element.get("id")] = key
    return keys


def _yworks_uri(key: StdET.Element) -> str:
    """The ``y:attr.uri`` of a key yFiles for HTML and yEd Live write for their drawing, else ''.

    Their labels, geometry, styles, z-order and folding state are declared
    this way instead of with yEd's ``yfiles.type``.
    """
    uri = next(
        (v for k, v in key.attrib.items() if _local(k) == "attr.uri" or k.endswith("}attr.uri")), ""
    )
    return uri if "yworks.com" in uri else ""


_MARKUP = re.compile(r"</?(?:p|br|div|span|strong|em|b|i|u|s|sub|sup|font|small|big)\b[^>]*>", re.I)


def _yfiles_label(data: StdET.Element) -> str:
    """The visible label yEd keeps in its graphics data.

    yEd writes it in ``y:NodeLabel``/``y:EdgeLabel``; yFiles for HTML and yEd
    Live in ``y:Label.Text``, as HTML when the label is styled (markup is
    dropped: ``<p>Jan <b>Smit</b></p>`` reads 'Jan Smit').
    """
    for element in data.iter():
        tag = _local(element.tag)
        if tag in ("NodeLabel", "EdgeLabel", "Label.Text") and (element.text or "").strip():
            text = element.text.strip()
            if tag == "Label.Text" and _MARKUP.search(text):
                text = " ".join(_MARKUP.sub(" ", text).split())
            return text
    return ""


class _Reader:
    """Builds a NetworkX graph from a checked GraphML root, value by value.

    Unlike :func:`networkx.parse_graphml`, one unusable value does not sink
    the file: it is left out and listed in :attr:`notices` (grouped per
    attribute, naming the nodes).
    """

    def __init__(self, root: StdET.Element) -> None:
        self.root = root
        self.keys = _keys(root)
        self.notices: list[ImportNotice] = []
        self.bad: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.repeated: dict[tuple[str, str], list[str]] = {}  # a value given twice: last kept

    def read(self):
        graphs = [e for e in self.root if _local(e.tag) == "graph"]
        top = graphs[0]
        if len(graphs) > 1:
            self.notices.append(
                ImportNotice(
                    "Het bestand bevat {n_graphs} netwerken; alleen het eerste is gelezen.",
                    n_graphs=len(graphs),
                )
            )
        directed = (top.get("edgedefault") or "directed").strip() == "directed"
        graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
        graph.graph.update(self._data(top, "graph", "graph"))
        nodes = [e for e in top.iter() if _local(e.tag) == "node"]
        for element in nodes:
            node = element.get("id")
            if node in graph:
                self.notices.append(double_node_notice(node))
                continue
            graph.add_node(node, **self._data(element, "node", node))
        self._edges(top, graph)
        self._report(graph)
        hyper = sum(1 for e in top.iter() if _local(e.tag) == "hyperedge")
        if hyper:
            self.notices.append(
                ImportNotice(
                    "{hyper} hyperlijn(en) (tussen meer dan twee knopen) overgeslagen.",
                    hyper=hyper,
                )
            )
        return graph

    def _edges(self, top: StdET.Element, graph) -> None:
        """Add the edges; one to a node the file does not declare is left out and reported.

        GraphML wants every end declared, but exports of part of a network
        (the arXiv citation sample graphology tests with) name nodes they left
        out. Refusing the file would lose every declared node; inventing a
        person from a bare id ('n17') would look like real data in a case
        file. So the edge is left out, and a notice names it and the id.
        """
        edges = [e for e in top.iter() if _local(e.tag) == "edge"]
        missing: dict[str, list[str]] = {}
        for number, element in enumerate(edges, start=1):
            source, target = element.get("source"), element.get("target")
            edge_id = element.get("id")
            ends = [end for end in (source, target) if not end or end not in graph]
            if ends:
                for end in ends:
                    missing.setdefault(end or "", []).append(edge_id or f"#{number}")
                continue
            attrs = self._data(element, "edge", edge_id or f"{source}->{target}")
            if edge_id:
                attrs["id"] = edge_id
            if graph.is_directed() and (element.get("directed") or "").strip() == "false":
                attrs[UNDIRECTED] = True  # a mixed graph: this edge names no one
            key = edge_id if edge_id and not graph.has_edge(source, target, edge_id) else None
            graph.add_edge(source, target, key=key, **attrs)
        if missing:
            self.notices.append(_missing_notice(missing))

    def _data(self, element: StdET.Element, domain: str, owner: str) -> dict:
        values: dict = {}
        for child in element:
            if _local(child.tag) != "data":
                continue
            key_id = child.get("key") or ""
            key = self.keys.get(key_id) or _Key(name=key_id, type="string", domain=domain)
            if key.yfiles or len(child):
                label_text = _yfiles_label(child)
                if label_text:
                    values.setdefault("label", label_text)
                continue
            raw = child.text or ""
            try:
                value = _typed_value(raw, key.type)
            except ValueError:
                self.bad.setdefault((domain, key.name), []).append((owner, raw))
                continue
            if value is not None:
                if key.name in values and values[key.name] != value:
                    self.repeated.setdefault((domain, key.name), []).append(owner)
                values[key.name] = value
        for key in self.keys.values():
            if key.domain in (domain, "all") and key.default is not None and not key.yfiles:
                values.setdefault(key.name, key.default)
        return values

    def _report(self, graph) -> None:
        """One notice per attribute with unusable values, naming the first nodes or edges;
        one per attribute given more than once with different values."""
        for (domain, name), owners in self.repeated.items():
            shown = [_display(graph, o) if domain == "node" else o for o in owners]
            self.notices.append(repeated_notice(name, domain, shown, first=False))
        for (domain, name), cases in self.bad.items():
            attr_type = next(
                (k.type for k in self.keys.values() if k.name == name and k.type), "string"
            )
            type_word = _TYPE_WORDS.get(attr_type, attr_type)
            name = _shown(name)
            named = []
            for owner, raw in cases[:_MAX_NAMED]:
                shown = _display(graph, owner) if domain == "node" else _shown(owner)
                named.append(f"{shown[:60]} ('{_shown(raw)[:30]}')")
            words = _ONE_OR_MORE.get(domain, (domain, domain))
            self.notices.append(
                ImportNotice(
                    "Kenmerk '{name}' moet een {type} zijn, maar is bij {count} {where} "
                    "onbruikbaar: {named}{more}. Die waarde(n) zijn genegeerd; de rest is "
                    "ingelezen.",
                    name=name[:60],
                    type=Message(type_word),
                    count=len(cases),
                    where=Message(words[0] if len(cases) == 1 else words[1]),
                    named=", ".join(named),
                    more=and_more(len(cases) - len(named)),
                )
            )


#: Where a value sits, in a notice (a Dutch message id), for one or more.
_WHERE = {"node": N_("knoop/knopen"), "edge": N_("lijn(en)"), "graph": N_("netwerk")}
#: The same, for exactly one and for more than one.
_ONE_OR_MORE = {
    "node": (N_("knoop"), N_("knopen")),
    "edge": (N_("lijn"), N_("lijnen")),
    "graph": (N_("netwerk"), N_("netwerken")),
}


def repeated_notice(name: str, domain: str, owners: list[str], *, first: bool) -> ImportNotice:
    """An attribute that nodes or edges give more than once with different values (any format).

    ``owners`` names them; ``first`` says which value was read: GML keeps the
    first, GraphML and GEXF the last (a dynamic GEXF's latest value).

    >>> print(repeated_notice("label", "node", ["1", "1", "7"], first=True).nl)
    Kenmerk 'label' heeft bij 2 knoop/knopen meer dan één waarde: '1', '7'. De eerste waarde in het bestand is gelezen.
    """
    owners = list(dict.fromkeys(owners))
    named = ", ".join(f"'{_shown(o)[:40]}'" for o in owners[:_MAX_NAMED])
    params = {
        "name": _shown(name)[:60],
        "count": len(owners),
        "where": Message(_WHERE[domain]),
        "named": named,
        "more": and_more(len(owners) - _MAX_NAMED),
    }
    if first:
        return ImportNotice(
            "Kenmerk '{name}' heeft bij {count} {where} meer dan één waarde: {named}{more}. "
            "De eerste waarde in het bestand is gelezen.",
            **params,
        )
    return ImportNotice(
        "Kenmerk '{name}' heeft bij {count} {where} meer dan één waarde: {named}{more}. "
        "De laatste waarde in het bestand is gelezen.",
        **params,
    )


def double_node_notice(node: str) -> ImportNotice:
    """A node id the file declares twice: the first one counts (any format)."""
    return ImportNotice(
        "Knoop '{shown}' staat twee keer in het bestand; de eerste telt.",
        shown=_shown(node)[:60],
    )


def _missing_notice(missing: dict[str, list[str]]) -> ImportNotice:
    """The edges left out because an end is not a node of the file, naming the ids."""
    ids = sorted(missing)
    edges = {edge for names in missing.values() for edge in names}
    shown = Message.join(
        ", ", [Message("'{id}'", id=_shown(i)[:40]) if i else Message("(leeg)") for i in ids[:5]]
    )
    return ImportNotice(
        "{count} lijn(en), waaronder '{first}', verwijzen naar een knoop die niet in het "
        "bestand staat: {shown}{more}. Die lijnen zijn weggelaten; alle knopen van het "
        "bestand zijn ingelezen.",
        count=len(edges),
        first=_shown(missing[ids[0]][0])[:40],
        shown=shown,
        more=and_more(len(ids) - 5),
    )


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _shown(text) -> str:
    """Text from the file as it may appear in a message: no control characters, one line."""
    return _CONTROL.sub("", str(text)).strip()


def _display(graph, node: str) -> str:
    """'n3 (Jan)' for a node with a name, else the id."""
    attrs = graph.nodes[node] if node in graph else {}
    _, name = _attribute(attrs, NAME_ATTRIBUTES)
    name = _shown(name) if name not in (None, "") else ""
    node = _shown(node)
    return f"{node} ({name})" if name and name != node else node


def _parse(data_bytes: bytes, notices: list | None = None):
    root = check_graphml(data_bytes)
    reader = _Reader(root)
    graph = reader.read()
    if notices is not None:
        notices.extend(reader.notices)
    return graph, root


# ----------------------------------------------------------------- reading
def read_graphml(
    data_bytes: bytes,
    *,
    ego: str | None = None,
    mapping: GraphMLMapping | dict | None = None,
    notices: list[ImportNotice] | None = None,
    file_name: str = "",
) -> CaseData:
    """A new CaseData from GraphML bytes (see the module docstring for the mapping).

    A network that names itself nowhere is called after ``file_name``, as in
    every other format.

    A file written by :func:`write_graphml` comes back exactly (``ego`` and
    ``mapping`` are then ignored: its netwerkkaarten are already in it).
    Raises InvalidInput for a refused or unreadable file, or an unknown ego.

    Files from the wild are read value by value (see :class:`_Reader`):

    * a value that does not fit its declared ``attr.type`` (``int`` 'veel',
      ``double`` 'n/a', ``boolean`` 'misschien') is left out and a notice
      naming the attribute and the nodes is appended to ``notices``; the
      node itself is kept. Plain variants are read without a notice: 'ja'/
      'nee' and other yes/no words, a decimal comma, 'NaN' (igraph's empty).
    * an edge that points at a node id the file does not declare (or has
      no source or target) is left out with a notice naming the id; the
      nodes are all kept. No person is invented from a bare id ('n17'): it
      would look like real data in a case file.
    * yEd's graphics data (``yfiles.type`` keys) give the node's visible
      label; data without a declared key is kept as text.
    """
    graph, root = _parse(data_bytes, notices)
    if graph.graph.get("format") == FORMAT:
        return _from_casemap(graph)
    if isinstance(mapping, dict):
        mapping = GraphMLMapping.from_dict(mapping)
    return _from_foreign(
        graph, root, ego, mapping or GraphMLMapping(), notices=notices, file_name=file_name
    )


def read_graphml_report(
    data_bytes: bytes, *, ego: str | None = None, mapping: GraphMLMapping | dict | None = None
) -> tuple[CaseData, list[ImportNotice]]:
    """:func:`read_graphml` and the notices of what was left out, for the page and the CLI."""
    notices: list[ImportNotice] = []
    data = read_graphml(data_bytes, ego=ego, mapping=mapping, notices=notices)
    return data, notices


def _from_casemap(graph) -> CaseData:
    meta = graph.graph
    case = Case(
        id=str(meta.get("case_id") or new_id()),
        code=str(meta.get("code") or "GRAPHML"),
        title=str(meta.get("title") or "GraphML"),
    )
    entities = []
    for node, attrs in graph.nodes(data=True):
        attrs = {k: v for k, v in attrs.items() if k != "label"}
        entities.append(
            Entity(
                id=str(node), **_typed(Entity, attrs, Message("knoop '{id}'", id=str(node)[:40]))
            )
        )
    ordered = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        order = _number(attrs.get("order"))
        attrs = {k: v for k, v in attrs.items() if k not in ("id", "order")}
        typed = _typed(Relation, attrs, Message("lijn '{id}'", id=str(key)[:40]))
        rel = Relation(id=str(key), source=str(u), target=str(v), **typed)
        enum = SUBTYPES.get(rel.kind)
        if rel.subtype and enum is not None and rel.subtype not in enum._value2member_map_:
            raise InvalidInput(
                "Ongeldige soort '{subtype}' voor relatie {id}.",
                subtype=rel.subtype[:40],
                id=rel.id[:40],
            )
        ordered.append((order if order is not None else math.inf, len(ordered), rel))
    relations = [rel for *_, rel in sorted(ordered, key=lambda item: item[:2])]
    return CaseData(case=case, entities=entities, relations=relations)


@functools.cache
def _hints(cls) -> tuple[dict, frozenset]:
    """The field types of a model class (resolved once: get_type_hints is slow)."""
    return typing.get_type_hints(cls), frozenset(f.name for f in fields(cls))


def _typed(cls, attrs: dict, owner: Message | str = "") -> dict:
    """Attribute strings turned back into the dataclass field types (enums, tuples, bools)."""
    hints, known = _hints(cls)
    result = {}
    for name, raw in attrs.items():
        if name not in known:
            continue
        try:
            result[name] = _convert(hints[name], raw)
        except ValueError:
            raise InvalidInput(
                "Ongeldige waarde '{value}' voor '{name}' bij {owner}.",
                value=str(raw)[:40],
                name=name,
                owner=owner,
            ) from None
    return result


def _convert(hint, raw):
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
        return None if raw in ("", None) else _convert(inner, raw)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        parts = [p for p in str(raw).split(_LIST_SEP) if p] if raw not in ("", None) else []
        return tuple(_convert(inner, p) for p in parts)
    if hint is bool:
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "1", "yes")
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(str(raw))
    if hint is float:
        return float(raw)
    if hint is int:
        return int(raw)
    return "" if raw is None else str(raw)


# ----------------------------------------------------------------- foreign files
@dataclass
class GraphMLMapping:
    """How a foreign file's attributes become sector and ring (empty = detect).

    ``sector_values`` / ``ring_values`` add or override value words
    (compared case-insensitively); ``higher_is_closer`` says which way a
    numeric ring attribute runs (None: by its name).
    """

    sector_attribute: str = ""
    ring_attribute: str = ""
    sector_values: dict[str, Sector] = field(default_factory=dict)
    ring_values: dict[str, Ring] = field(default_factory=dict)
    default_sector: Sector | None = None
    default_ring: Ring = Ring.MIDDLE
    higher_is_closer: bool | None = None

    @classmethod
    def from_dict(cls, values: Mapping) -> GraphMLMapping:
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise InvalidInput(
                "Onbekende instelling(en): {unknown}.",
                unknown=", ".join(sorted(unknown)),
            )
        kw = dict(values)
        try:
            if kw.get("sector_values"):
                kw["sector_values"] = {k: Sector(v) for k, v in kw["sector_values"].items()}
            if kw.get("ring_values"):
                kw["ring_values"] = {k: Ring(str(v)) for k, v in kw["ring_values"].items()}
            if kw.get("default_sector"):
                kw["default_sector"] = Sector(kw["default_sector"])
            if kw.get("default_ring"):
                kw["default_ring"] = Ring(str(kw["default_ring"]))
        except ValueError as err:
            raise InvalidInput("Ongeldige koppeling: {err}", err=err) from None
        return cls(**kw)


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).casefold())


NAME_ATTRIBUTES = ("name", "naam", "label", "title", "fullname", "displayname")
SECTOR_ATTRIBUTES = (
    "sector", "sectoren", "category", "categorie", "type", "networkcanvastype", "role", "rol",
    "relationship", "relation", "relatie", "group", "groep", "kind", "soort",
)  # fmt: skip
RING_NEAR_LOW = ("ring", "cirkel", "circle", "layer", "laag", "distance", "afstand")
RING_NEAR_HIGH = (
    "closeness", "nabijheid", "close", "strength", "sterkte", "tiestrength", "importance", "belang",
)  # fmt: skip
WEIGHT_ATTRIBUTES = ("weight", "strength", "tiestrength", "sterkte", "closeness")
SEX_ATTRIBUTES = ("sex", "gender", "geslacht")
FREQUENCY_ATTRIBUTES = ("frequency", "frequentie", "contact", "contactfrequency")
VALENCE_ATTRIBUTES = ("valence", "valentie", "quality", "kwaliteit", "sign")
_TECHNICAL = {
    "x", "y", "z", "r", "g", "b", "size", "pos", "width", "height",
    "shape", "networkcanvasuuid", "networkcanvassourceuuid", "networkcanvastargetuuid", "id",
    "layout", "layoutx", "layouty",
}  # fmt: skip

SYSTEM_WORDS = (
    "organisation", "organization", "organisatie", "agency", "instantie", "service", "venue",
    "place", "institution", "instelling", "system", "systeem", "company", "bedrijf",
)  # fmt: skip
#: Ring words, tried in this order as whole words or phrases ('very close' before 'close').
RING_WORDS: tuple[tuple[str, Ring], ...] = (
    ("not close", Ring.FAR), ("niet dichtbij", Ring.FAR), ("very close", Ring.CLOSE),
    ("heel belangrijk", Ring.CLOSE), ("dichtbij", Ring.CLOSE), ("close", Ring.CLOSE),
    ("inner", Ring.CLOSE), ("near", Ring.CLOSE), ("binnen", Ring.CLOSE),
    ("middle", Ring.MIDDLE), ("medium", Ring.MIDDLE), ("midden", Ring.MIDDLE),
    ("middel", Ring.MIDDLE), ("belangrijk", Ring.MIDDLE), ("far", Ring.FAR),
    ("distant", Ring.FAR), ("outer", Ring.FAR), ("verder", Ring.FAR), ("ver", Ring.FAR),
    ("buiten", Ring.FAR), ("minder", Ring.FAR),
)  # fmt: skip
SUPPORT_WORDS: dict[SupportType, tuple[str, ...]] = {
    SupportType.EMOTIONAL: ("emotion",),
    SupportType.PRACTICAL: ("practical", "praktisch", "instrumental", "help"),
    SupportType.INFORMATIONAL: ("advice", "advies", "inform"),
    SupportType.COMPANY: ("company", "companion", "gezelschap", "social"),
    SupportType.BURDEN: ("burden", "belast", "stress"),
}
FREQUENCY_WORDS: dict[Frequency, tuple[str, ...]] = {
    Frequency.DAILY: ("daily", "dagelijks", "every day", "elke dag"),
    Frequency.WEEKLY: ("weekly", "wekelijks", "week"),
    Frequency.MONTHLY: ("monthly", "maandelijks", "month", "maand"),
    Frequency.YEARLY: ("yearly", "jaarlijks", "year", "jaar"),
    Frequency.RARELY: ("rarely", "zelden", "never", "nooit", "seldom"),
}
VALENCE_WORDS: dict[Valence, tuple[str, ...]] = {
    Valence.BURDENING: ("burden", "belast", "negative", "negatief", "conflict", "stress"),
    Valence.AMBIVALENT: ("ambivalent", "mixed", "gemengd", "neutral"),
    Valence.SUPPORTIVE: ("support", "steun", "positive", "positief"),
}


def _ring_of_word(value, extra: Mapping[str, Ring]) -> Ring | None:
    """The ring a word names ('dichtbij', 'very close', 'outer'...), or None.

    >>> _ring_of_word("very close", {}), _ring_of_word("Verder weg", {})
    (<Ring.CLOSE: '1'>, <Ring.FAR: '3'>)
    """
    text = str(value).strip().casefold()
    for word, ring in extra.items():
        if text == str(word).casefold():
            return Ring(ring)
    for ring in Ring:
        if text in (TERMS[ring].nl, TERMS[ring].en):
            return ring
    tokens = word_tokens(text)
    for word, ring in RING_WORDS:
        if (" " in word and word in text) or word in tokens:
            return ring
    return None


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _thirds(
    values: dict[str, float], higher_is_closer: bool, *, by_rank: bool = False
) -> dict[str, Ring]:
    """Numbers split in three: by their range (a scale) or by rank (counts, weights).

    Equal numbers always land in the same ring; {} when all numbers are equal.

    >>> _thirds({"a": 1, "b": 3, "c": 5}, True)
    {'a': <Ring.FAR: '3'>, 'b': <Ring.MIDDLE: '2'>, 'c': <Ring.CLOSE: '1'>}
    >>> sorted(_thirds({"a": 1, "b": 1, "c": 2, "d": 31}, True, by_rank=True).items())[-1]
    ('d', <Ring.CLOSE: '1'>)
    """
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if high == low:
        return {}
    ordered = sorted(values.values())
    n = len(ordered)
    rings = {}
    for key, value in values.items():
        if by_rank:
            less = sum(1 for v in ordered if v < value)
            equal = ordered.count(value)
            closeness = (less + (equal - 1) / 2) / (n - 1)
        else:
            closeness = (value - low) / (high - low)
        if not higher_is_closer:
            closeness = 1 - closeness
        if closeness >= 2 / 3:
            rings[key] = Ring.CLOSE
        elif closeness >= 1 / 3:
            rings[key] = Ring.MIDDLE
        else:
            rings[key] = Ring.FAR
    return rings


def _attribute(attrs: Mapping, names: tuple[str, ...], wanted: str = "") -> tuple[str, object]:
    """(original name, value) of the first attribute whose normalised name is in ``names``."""
    by_key = {_key(k): k for k in attrs}
    if wanted:
        original = by_key.get(_key(wanted))
        return (original, attrs[original]) if original else ("", None)
    for name in names:
        if name in by_key and str(attrs[by_key[name]]).strip() != "":
            return by_key[name], attrs[by_key[name]]
    return "", None


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().casefold() in ("true", "1", "yes", "ja", "y", "j")


#: Edge attribute of an undirected edge in a directed file (a mixed GEXF, a CSV row typed
#: 'undirected'): it names no one, so it makes no pair reciprocal.
UNDIRECTED = "casemap_undirected"


def simple_ties(graph, notices: list | None = None) -> tuple[nx.Graph, set[frozenset]]:
    """One undirected tie per pair and the pairs tied both ways: the one place for every format.

    A netwerkkaart shows who knows whom, so parallel edges (a multigraph, the
    same pair twice in a list, a directed tie both ways) become one tie whose
    ``weight`` is the sum of theirs (1 each when they have none; the other
    ties then weigh 1, so that a pair that meets more often lands in a closer
    ring); a line from someone to themselves is left out. The tie keeps the
    first edge's other attributes. Each of these is said in a notice. The
    second result holds the pairs of a directed graph with an arc each way:
    two people who named each other, a reciprocal tie (an edge marked
    :data:`UNDIRECTED` in a mixed file is no arc).

    >>> graph = nx.MultiDiGraph([("kees", "tim", {"weight": 5}), ("tim", "kees", {"weight": 2})])
    >>> found = []
    >>> simple, mutual = simple_ties(graph, found)
    >>> simple.edges["kees", "tim"]["weight"], [sorted(pair) for pair in mutual], len(found)
    (7.0, [['kees', 'tim']], 1)
    """
    if notices is None:
        notices = []
    simple = nx.Graph()
    simple.graph.update(graph.graph)
    simple.add_nodes_from((str(n), attrs) for n, attrs in graph.nodes(data=True))
    loops = merged = 0
    counts: dict[frozenset, int] = {}
    differing: dict[str, int] = {}  # attribute -> pairs whose edges disagree on it
    directed = graph.is_directed()
    arcs: set[tuple[str, str]] = set()
    mutual: set[frozenset] = set()
    for u, v, attrs in graph.edges(data=True):
        u, v = str(u), str(v)
        if u == v:
            loops += 1
            continue
        pair = frozenset((u, v))
        attrs = dict(attrs)
        if directed and not attrs.pop(UNDIRECTED, False):
            arcs.add((u, v))
            if (v, u) in arcs:
                mutual.add(pair)
        if simple.has_edge(u, v):
            merged += 1
            tie = simple.edges[u, v]
            # rounded: 0.1 + 0.2 is 0.3 in a note, not 0.30000000000000004
            tie["weight"] = round(_tie_weight(tie) + _tie_weight(attrs), 9)
            for key, value in attrs.items():
                kept = tie.setdefault(key, value)
                if kept != value and key != "weight" and _key(key) not in _TECHNICAL:
                    differing[key] = differing.get(key, 0) + 1
        else:
            simple.add_edge(u, v, **attrs)
        counts[pair] = counts.get(pair, 0) + 1
    if loops:
        notices.append(_loops_notice(loops))
    if merged:  # a tie that was one edge weighs 1 beside them: the strength ranks the rings
        for _, _, tie in simple.edges(data=True):
            tie.setdefault("weight", 1)
        notices.append(_merged_notice(sum(1 for n in counts.values() if n > 1), merged))
    if differing:
        notices.append(_differing_notice(differing))
    return simple, mutual


def _tie_weight(attrs: Mapping) -> float:
    """An edge's weight as a number: a number, or text that reads as one ('2,5'); else 1."""
    value = attrs.get("weight")
    if isinstance(value, str):
        text = value.strip()
        value = _number(text.replace(",", ".") if text.count(",") == 1 else text)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 1.0


def _loops_notice(loops: int) -> ImportNotice:
    """What was said about lines from someone to themselves, in singular or plural.

    >>> _loops_notice(1).nl, _loops_notice(2).en
    ('1 lijn van iemand naar zichzelf is overgeslagen.', '2 edges from someone to themselves were skipped.')
    """
    if loops == 1:
        return ImportNotice(
            "1 lijn van iemand naar zichzelf is overgeslagen.",
        )
    return ImportNotice(
        "{loops} lijnen van iemand naar zichzelf zijn overgeslagen.",
        loops=loops,
    )


def _merged_notice(pairs: int, merged: int) -> ImportNotice:
    """What was said about pairs with more than one line, in singular or plural.

    >>> print(_merged_notice(1, 1).nl)
    1 paar had meer dan één lijn (samen 2: dubbel of heen en terug); dat paar is één relatie geworden met de opgetelde gewichten als sterkte.
    >>> print(_merged_notice(3, 3).en)
    3 pairs had more than one edge (6 in all: doubled or both ways); each pair became one tie with the weights added up as its strength.
    """
    edges = merged + pairs
    if pairs == 1:
        return ImportNotice(
            "1 paar had meer dan één lijn (samen {edges}: dubbel of heen en terug); dat paar "
            "is één relatie geworden met de opgetelde gewichten als sterkte.",
            edges=edges,
        )
    return ImportNotice(
        "{pairs} paren hadden meer dan één lijn (samen {edges}: dubbel of heen en "
        "terug); elk paar is één relatie geworden met de opgetelde gewichten als sterkte.",
        pairs=pairs,
        edges=edges,
    )


def _differing_notice(differing: Mapping[str, int]) -> ImportNotice:
    """The attributes on which the lines of one pair disagreed: the first line's value is kept.

    >>> print(_differing_notice({"label": 2, "type": 1}).nl)
    Lijnen van hetzelfde paar verschilden in 'label' (2×), 'type' (1×); elke relatie houdt de waarde van de eerste lijn.
    """
    shown = ", ".join(f"'{_shown(k)[:40]}' ({n}\u00d7)" for k, n in list(differing.items())[:5])
    return ImportNotice(
        "Lijnen van hetzelfde paar verschilden in {shown}; elke relatie houdt de waarde van de "
        "eerste lijn.",
        shown=shown,
    )


def _from_foreign(
    graph,
    root: StdET.Element | None,
    ego: str | None,
    mapping: GraphMLMapping,
    *,
    source: str = "GraphML",
    notices: list | None = None,
    file_name: str = "",
) -> CaseData:
    """A new case from a foreign network (see the module docstring for the mapping).

    Shared by every network format (:mod:`mapping.formats.netfiles`): ``root`` is the
    GraphML root (None for other formats), ``source`` names the format in the
    case code and the last fallback title ('GEXF-3FA2B1', 'GML-import'), after
    the stem of ``file_name`` ('kees.net': 'kees'). The graph
    is made simple here, once for every format (:func:`simple_ties`); what that
    changed is appended to ``notices``.
    """
    nodes = [str(n) for n in graph.nodes]
    attrs_of = {str(n): dict(a) for n, a in graph.nodes(data=True)}
    simple, mutual = simple_ties(graph, notices)
    edge_attrs = {frozenset((u, v)): attrs for u, v, attrs in simple.edges(data=True)}

    network_canvas = _is_network_canvas(root, graph)
    ego_id, new_ego = _choose_ego(graph, root, simple, nodes, attrs_of, ego, network_canvas)
    entities = [_entity(node, attrs_of[node], mapping) for node in nodes]
    if new_ego is not None:
        entities.insert(0, new_ego)
        members_ids = list(nodes)
    else:
        members_ids = [n for n in nodes if simple.has_edge(ego_id, n)]
    for entity in entities:
        if entity.id == ego_id:
            entity.index_person = True

    def ego_edge(member: str) -> dict:
        return edge_attrs.get(frozenset((ego_id, member)), {})

    rings = _rings(members_ids, attrs_of, ego_edge, mapping)
    by_id = {e.id: e for e in entities}
    relations = []
    for member in members_ids:
        node_attrs, tie_attrs = attrs_of.get(member, {}), ego_edge(member)
        sector = _sector(by_id[member], node_attrs, tie_attrs, mapping)
        relations.append(
            Relation(
                id=new_id(),
                kind=RelationKind.SUPPORT,
                source=ego_id,
                target=member,
                subtype=_valence(tie_attrs, node_attrs).value,
                support=_support(tie_attrs, node_attrs),
                frequency=_frequency(tie_attrs, node_attrs),
                sector=sector,
                ring=rings.get(member, mapping.default_ring),
                reciprocal=frozenset((ego_id, member)) in mutual
                or _truthy(_attribute(tie_attrs, RECIPROCAL_ATTRIBUTES)[1] or False),
                note=_edge_note(tie_attrs),
            )
        )
    for pair in simple.edges():
        if ego_id in pair:
            continue
        u, v = pair
        note = _edge_note(edge_attrs.get(frozenset(pair), {}))
        relations.append(
            Relation(id=new_id(), kind=RelationKind.ACQUAINTANCE, source=u, target=v, note=note)
        )
    meta = graph.graph
    title = _graph_title(meta, root) or PurePath(file_name).stem or f"{source}-import"
    case = Case(id=new_id(), code=f"{source.upper()}-{new_id()[:6].upper()}", title=title[:120])
    return CaseData(case=case, entities=entities, relations=relations)


def _is_network_canvas(root: StdET.Element | None, graph) -> bool:
    attributes = [] if root is None else list(root.attrib) + [a for g in root for a in g.attrib]
    if any(NETWORK_CANVAS_NS in a for a in attributes):
        return True
    return any(_key(k).startswith("networkcanvas") for _, a in graph.nodes(data=True) for k in a)


def _graph_title(meta: Mapping, root: StdET.Element | None) -> str:
    for name in ("title", "name", "ego_name", "description"):
        _, value = _attribute(meta, (name,))
        if value:
            return str(value).strip().splitlines()[0]
    for element in [] if root is None else [root, *list(root)]:
        for key, value in element.attrib.items():
            if _key(key).endswith("caseid") and value:
                return str(value)
    return ""


def _choose_ego(
    graph, root, simple, nodes, attrs_of, ego, network_canvas
) -> tuple[str, Entity | None]:
    if ego:
        if ego in attrs_of:
            return ego, None
        matches = [
            n
            for n in nodes
            if str(_attribute(attrs_of[n], NAME_ATTRIBUTES)[1] or "").casefold() == ego.casefold()
        ]
        if len(matches) == 1:
            return matches[0], None
        raise InvalidInput(
            "Ego '{ego}' staat niet (of niet eenduidig) in het bestand.",
            ego=ego[:60],
        )
    if network_canvas:
        ego_id = "ego"
        while ego_id in attrs_of:
            ego_id = f"ego-{new_id()[:6]}"
        name = _graph_title(graph.graph, root) or "Ego"
        return ego_id, Entity(id=ego_id, name=name[:120], index_person=True)
    order = {n: i for i, n in enumerate(nodes)}
    return max(nodes, key=lambda n: (simple.degree(n), -order[n])), None


def _entity(node: str, attrs: Mapping, mapping: GraphMLMapping) -> Entity:
    _, name = _attribute(attrs, NAME_ATTRIBUTES)
    name = _as_text(name).strip() if name not in (None, "") else node
    kind = EntityKind.PERSON
    system_kind = None
    _, type_value = _attribute(attrs, ("type", "networkcanvastype", "kind", "soort", "category"))
    if type_value is not None and words_match(str(type_value), SYSTEM_WORDS):
        kind = EntityKind.SYSTEM
        system_kind = _system_kind(attrs) or (
            SystemKind.LEISURE
            if words_match(str(type_value), ("venue", "place", "plek", "locatie"))
            else SystemKind.OTHER
        )
    sex = Sex.UNKNOWN
    _, sex_value = _attribute(attrs, SEX_ATTRIBUTES)
    if sex_value is not None:
        sex = _sex(sex_value)
    _, role = _attribute(attrs, ("role", "rol", "relationship", "relatie"))
    used = {_key(k) for k in attrs} & (
        set(NAME_ATTRIBUTES) | set(SEX_ATTRIBUTES) | {"role", "rol", "relationship", "relatie"}
    )
    note = _file_note({k: v for k, v in attrs.items() if _key(k) not in used})
    return Entity(
        id=node,
        name=shortened(name, MAX_NAME),  # with an ellipsis: the end is not silently lost
        kind=kind,
        sex=sex,
        role=shortened(str(role), MAX_NAME) if role not in (None, "") else "",
        system_kind=system_kind,
        note=_clipped(note),
    )


def _edge_note(attrs: Mapping) -> str:
    """What the file says about a tie: see :func:`_file_note` (a weight stays in the record;
    a reciprocal flag is the tie's own field)."""
    return _file_note({k: v for k, v in attrs.items() if _key(k) not in RECIPROCAL_ATTRIBUTES})


#: Attributes that say a tie is given both ways (the netwerkkaart's wederkerig).
RECIPROCAL_ATTRIBUTES = ("reciprocal", "wederkerig", "mutual", "wederzijds")

#: Attributes a person wrote as free text: they become the note itself, drawn like a typed one.
NOTE_ATTRIBUTES = (
    "note", "notes", "notitie", "notities", "opmerking", "opmerkingen", "comment", "comments",
    "memo", "toelichting", "description", "beschrijving", "omschrijving",
)  # fmt: skip


def _file_note(attrs: Mapping) -> str:
    """A note from a file's attributes: a free-text note as the note, the rest as file data.

    The rest (survey answers, weights, ids of another program) is kept as one
    line starting with :data:`~mapping.core.model.FILE_DATA`, as 'name: value'
    pairs; the maps leave that line out, so a network file's columns do not
    cover the names. Drawing data (x, y, colour, size) is left out altogether.

    >>> _file_note({"status": "Submitted", "x": 3.5, "weight": 4.0, "Opmerking": "belt zondag"})
    'belt zondag\\nUit het bestand: status: Submitted; weight: 4'
    """
    own, pairs = [], []
    for k, v in attrs.items():
        text = _as_text(v)
        if not text.strip() or _key(k) in _TECHNICAL:
            continue
        if _key(k) in NOTE_ATTRIBUTES:
            own.append(text)
        else:  # one line: a value's own line breaks would end the file's line early
            pairs.append(f"{k}: {' '.join(text.splitlines())}")
    lines = own + ([FILE_DATA + "; ".join(pairs)] if pairs else [])
    return _clipped("\n".join(lines))


def _clipped(text: str) -> str:
    """Text within the store's limit for a note, marked with an ellipsis when cut."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "\u2026"


def _as_text(value) -> str:
    """A value as the file wrote it: a whole number typed double is '12', not '12.0'."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _system_kind(attrs: Mapping) -> SystemKind | None:
    for value in attrs.values():
        text = str(value).casefold()
        for kind in SystemKind:
            if text in (kind.value, TERMS[kind].nl.casefold(), TERMS[kind].en.casefold()):
                return kind
    return None


def _sex(value) -> Sex:
    text = str(value).strip().casefold()
    if text in ("m", "male", "man", "boy", "jongen", "mannelijk"):
        return Sex.MALE
    if text in ("f", "v", "female", "woman", "vrouw", "girl", "meisje", "vrouwelijk"):
        return Sex.FEMALE
    if text in ("x", "other", "anders", "non-binary", "nonbinary", "non-binair"):
        return Sex.OTHER
    return Sex.UNKNOWN


def _sector(entity: Entity, node_attrs, tie_attrs, mapping: GraphMLMapping) -> Sector:
    for attrs in (node_attrs, tie_attrs):
        if mapping.sector_attribute:
            _, value = _attribute(attrs, (), mapping.sector_attribute)
            found = sector_of_value(value, mapping.sector_values)
            if found:
                return found
            continue
        by_key = {_key(k): k for k in attrs}
        for name in SECTOR_ATTRIBUTES:
            if name in by_key:
                found = sector_of_value(attrs[by_key[name]], mapping.sector_values)
                if found:
                    return found
    if mapping.default_sector:
        return mapping.default_sector
    if entity.kind is EntityKind.SYSTEM and entity.system_kind:
        return Sector(TERMS[entity.system_kind].style["sector"])
    return Sector.FRIENDS


def _rings(members_ids, attrs_of, ego_edge, mapping: GraphMLMapping) -> dict[str, Ring]:
    """Ring per member: from a ring attribute (node, then tie), else tie strength in thirds."""
    rings: dict[str, Ring] = {}
    numeric: dict[str, float] = {}
    direction = mapping.higher_is_closer
    for member in members_ids:
        for attrs in (attrs_of.get(member, {}), ego_edge(member)):
            if mapping.ring_attribute:
                name, value = _attribute(attrs, (), mapping.ring_attribute)
            else:
                name, value = _attribute(attrs, RING_NEAR_LOW + RING_NEAR_HIGH)
            if value is None or str(value).strip() == "":
                continue
            number = _number(value)
            if number is None or str(value) in mapping.ring_values:
                word = _ring_of_word(value, mapping.ring_values)
                if word is not None:
                    rings[member] = word
                    break
                continue
            higher = direction if direction is not None else _key(name) in RING_NEAR_HIGH
            if not higher and number in (1.0, 2.0, 3.0):
                rings[member] = Ring(str(int(number)))  # a ring number itself
                break
            numeric[member] = number
            direction = higher
            break
    rings.update(_thirds(numeric, bool(direction)))
    missing = [m for m in members_ids if m not in rings and m not in numeric]
    weights = {}
    for member in missing:
        _, value = _attribute(ego_edge(member), WEIGHT_ATTRIBUTES)
        number = _number(value)
        if number is not None:  # a negative weight (signed network) is as strong as its size
            weights[member] = abs(number)
    rings.update(_thirds(weights, True, by_rank=True))
    return rings


def _matching(attrs_list, names, words_table, default=None):
    for attrs in attrs_list:
        _, value = _attribute(attrs, names)
        if value is None:
            continue
        for member, words in words_table.items():
            if words_match(str(value), words):
                return member
    return default


def _valence(tie_attrs, node_attrs) -> Valence:
    """Supportive unless the file says otherwise: in words ('conflict', 'negatief'), or as
    a signed network does, with a negative sign or weight (-1: a tie that weighs on ego)."""
    found = _matching((tie_attrs, node_attrs), VALENCE_ATTRIBUTES, VALENCE_WORDS)
    if found is not None:
        return found
    number = _number(_attribute(tie_attrs, ("sign", *WEIGHT_ATTRIBUTES))[1])
    return Valence.BURDENING if number is not None and number < 0 else Valence.SUPPORTIVE


def _frequency(tie_attrs, node_attrs) -> Frequency | None:
    return _matching((tie_attrs, node_attrs), FREQUENCY_ATTRIBUTES, FREQUENCY_WORDS)


def _support(tie_attrs, node_attrs) -> tuple[SupportType, ...]:
    found = set()
    for attrs in (tie_attrs, node_attrs):
        for name, value in attrs.items():
            if not _truthy(value):
                continue
            for kind, words in SUPPORT_WORDS.items():
                if words_match(re.sub(r"[_\-]", " ", str(name)), words):
                    found.add(kind)
    return tuple(s for s in SupportType if s in found)


# ----------------------------------------------------------------- CSV
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A spreadsheet cell that is never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: list[list], lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def members_csv(data: CaseData, ego_id: str, *, lang: str = "nl") -> str:
    """One row per member of ego's netwerkkaart, for a spreadsheet: what the map shows.

    The placed members first, then the ties from the case not yet placed, at
    their suggested sector and ring, with 'nee (voorstel)' under 'geplaatst'
    and no valence (the casemanager has not said it). Dutch uses ';' as
    separator (what Dutch Excel expects), English ','. Cells that would
    start a formula get a leading apostrophe.
    """
    en = lang == "en"
    header = (
        ["id", "name", "kind", "sector", "ring", "valence", "support", "frequency", "reciprocal", "role", "placed"]
        if en
        else ["id", "naam", "soort", "sector", "ring", "valentie", "steun", "frequentie", "wederkerig", "rol", "geplaatst"]
    )  # fmt: skip
    rows = [header]
    for m in map_members(data, ego_id):
        tie = m.tie
        rows.append(
            [
                m.entity.id,
                m.entity.name,
                label(m.entity.kind, lang),
                label(m.sector, lang),
                label(m.ring, lang),
                label(valence_of(tie), lang) if m.placed else "",
                ", ".join(label(SupportType(s), lang) for s in tie.support),
                label(Frequency(tie.frequency), lang) if tie.frequency else "",
                ("yes" if en else "ja") if tie.reciprocal else ("no" if en else "nee"),
                m.entity.role,
                _placed_word(m.placed, en),
            ]
        )
    return _csv(rows, lang)


def _placed_word(placed: bool, en: bool) -> str:
    if placed:
        return "yes" if en else "ja"
    return "no (suggested)" if en else "nee (voorstel)"


def ties_csv(data: CaseData, ego_id: str, *, lang: str = "nl") -> str:
    """One row per tie of ego's netwerkkaart (ego-member and member-member), for a spreadsheet.

    A tie from the case not yet placed says where it comes from ('zus of
    broer', 'verbinding') under 'relatie' and 'nee (voorstel)' under 'geplaatst'.
    """
    en = lang == "en"
    names = {e.id: e.name for e in data.entities}
    header = (
        ["from", "to", "tie", "valence", "support", "frequency", "reciprocal", "sector", "ring", "placed"]
        if en
        else ["van", "naar", "relatie", "valentie", "steun", "frequentie", "wederkerig", "sector", "ring", "geplaatst"]
    )  # fmt: skip
    rows = [header]
    yes, no = ("yes", "no") if en else ("ja", "nee")
    shown = map_members(data, ego_id)
    for m in shown:
        tie = m.tie
        kind = (
            label(RelationKind.SUPPORT, lang)
            if m.placed
            else ", ".join(en_word if en else nl for nl, en_word in m.reasons)
        )
        rows.append(
            [
                names.get(tie.source, tie.source),
                m.entity.name,
                kind,
                label(valence_of(tie), lang) if m.placed else "",
                ", ".join(label(SupportType(s), lang) for s in tie.support),
                label(Frequency(tie.frequency), lang) if tie.frequency else "",
                yes if tie.reciprocal else no,
                label(m.sector, lang),
                label(m.ring, lang),
                _placed_word(m.placed, en),
            ]
        )
    among = {m.entity.id for m in shown}
    for rel in data.relations_among(RelationKind.ACQUAINTANCE, among):
        rows.append(
            [
                names.get(rel.source, rel.source),
                names.get(rel.target, rel.target),
                label(RelationKind.ACQUAINTANCE, lang),
                "", "", "", "", "", "", "",
            ]
        )  # fmt: skip
    return _csv(rows, lang)


__all__ = [
    "GraphMLMapping",
    "ImportNotice",
    "check_graphml",
    "members_csv",
    "read_graphml",
    "read_graphml_report",
    "sector_of_value",
    "ties_csv",
    "to_graphml_graph",
    "write_graphml",
]
