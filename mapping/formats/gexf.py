"""GEXF (Gephi's own format, versions 1.1 to 1.3) read as a NetworkX graph.

The bytes pass the same hostile-XML guard as GraphML
(:func:`mapping.formats.graphml.parse_xml_safely`: no DTD, no entities, at most
20 MB, no value over 100 KB). The GEXF tree is then restated as the GraphML
tree it means (``<attribute>`` = ``<key>``, ``<attvalue>`` = ``<data>``,
the node ``label`` and edge ``weight`` as data) and read by the GraphML
reader, so a value that does not fit its declared type, a second node with
the same id and an edge to a node the file does not declare give the same
notices as in GraphML, and never sink the file.

Read as well: ``<meta><description>`` or ``<graph name=>`` (the case
title), an attribute
``<default>``, an ``attvalue`` the file did not declare (kept as text),
nested nodes of a hierarchical graph, and GEXF 1.0's ``attvalue id=``.
Dynamic graphs keep the last value the file gives for an attribute, with a
notice. Drawing data (``viz:``) and spells are left out, and so is the
direction of a tie (a netwerkkaart draws who knows whom), except that an
edge ``type="mutual"``, or an arc each way, is a reciprocal tie; an
undirected edge in a directed graph makes no pair reciprocal.

>>> gexf = b'''<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>
... <nodes><node id="a" label="Anne"/><node id="b" label="Bas"/></nodes>
... <edges><edge source="a" target="b" weight="2"/></edges></graph></gexf>'''
>>> graph = read_gexf_graph(gexf)
>>> graph.nodes["a"]["label"], graph.edges["a", "b", 0]["weight"]
('Anne', 2.0)
"""

from __future__ import annotations

import xml.etree.ElementTree as StdET

from mapping.core.errors import InvalidInput
from mapping.formats.graphml import (
    UNDIRECTED,
    _local,
    _Reader,
    network_parts,
    parse_xml_safely,
)

#: GEXF attribute types as GraphML's attr.type (lists, dates and URIs stay text).
_TYPES = {
    "integer": "int",
    "long": "long",
    "float": "float",
    "double": "double",
    "boolean": "boolean",
}


def read_gexf_graph(data_bytes: bytes, notices: list | None = None):
    """A GEXF file as a NetworkX MultiGraph or MultiDiGraph; InvalidInput when refused.

    Node attributes are named by their ``title``; the node's ``label`` is
    the attribute ``label``, an edge's ``weight`` the attribute ``weight``.
    What was left out is appended to ``notices``.
    """
    root = parse_xml_safely(data_bytes, "GEXF")
    if _local(root.tag) != "gexf":
        raise InvalidInput(
            "Dit XML-bestand is geen GEXF (het hoofdelement is geen <gexf>).",
        )
    graph, nodes, edges = network_parts(root, "GEXF")
    reader = _Reader(_as_graphml(root, graph, nodes, edges))
    result = reader.read()
    if notices is not None:
        notices.extend(reader.notices)
    return result


def _as_graphml(root, graph, nodes, edges) -> StdET.Element:
    """The GraphML tree that says what the GEXF tree says (names without a namespace)."""
    out = StdET.Element("graphml")
    keys: dict[tuple[str, str], str] = {}

    def key(domain: str, name: str, attr_type: str = "string", default: str | None = None):
        if (domain, name) not in keys:
            keys[domain, name] = f"{domain}{len(keys)}"
            element = StdET.SubElement(
                out, "key", id=keys[domain, name], attrib={"for": domain, "attr.name": name}
            )
            element.set("attr.type", attr_type)
            if default is not None:
                StdET.SubElement(element, "default").text = default
        return keys[domain, name]

    declared: dict[tuple[str, str], str] = {}
    for block in (e for e in graph if _local(e.tag) == "attributes"):
        domain = "edge" if (block.get("class") or "node").strip() == "edge" else "node"
        for attribute in (a for a in block if _local(a.tag) == "attribute"):
            ident = attribute.get("id") or attribute.get("title") or ""
            title = attribute.get("title") or ident
            default = next(
                (d.text for d in attribute if _local(d.tag) == "default" and d.text), None
            )
            attr_type = _TYPES.get((attribute.get("type") or "string").strip().casefold(), "string")
            declared[domain, ident] = key(domain, title, attr_type, default)

    top = StdET.SubElement(out, "graph")
    direction = (graph.get("defaultedgetype") or "undirected").strip()
    top.set("edgedefault", "directed" if direction == "directed" else "undirected")
    description = next(
        (
            d.text
            for m in root
            if _local(m.tag) == "meta"
            for d in m
            if _local(d.tag) == "description"
        ),
        None,
    )
    if description and description.strip():
        _data(top, key("graph", "description"), description.strip())
    if (graph.get("name") or "").strip():  # NetworkX writes the graph's name here
        _data(top, key("graph", "name"), graph.get("name").strip())

    for domain, elements in (("node", nodes), ("edge", edges)):
        for element in elements:
            copy = StdET.SubElement(top, domain)
            for name in ("id", "source", "target"):
                if element.get(name) is not None:
                    copy.set(name, element.get(name))
            if element.get("label"):
                _data(copy, key(domain, "label"), element.get("label"))
            if domain == "edge" and element.get("weight") is not None:
                _data(copy, key("edge", "weight", "double"), element.get("weight"))
            if domain == "edge" and element.get("kind"):  # GEXF 1.3: what kind of tie
                _data(copy, key("edge", "kind"), element.get("kind"))
            edge_type = (element.get("type") or "").strip().casefold() if domain == "edge" else ""
            if edge_type == "mutual":  # a tie both give: the netwerkkaart's wederkerig
                _data(copy, key("edge", "reciprocal", "boolean"), "true")
            elif edge_type == "undirected" and direction == "directed":  # a mixed graph
                _data(copy, key("edge", UNDIRECTED, "boolean"), "true")
            for value in _attvalues(element):
                ident = value.get("for") or value.get("id") or ""
                key_id = declared.get((domain, ident)) or key(domain, ident)
                _data(copy, key_id, value.get("value") or "")
    return out


def _attvalues(element: StdET.Element) -> list[StdET.Element]:
    """The element's own ``<attvalue>``s (not those of nested nodes)."""
    return [
        value
        for block in element
        if _local(block.tag) == "attvalues"
        for value in block
        if _local(value.tag) == "attvalue"
    ]


def _data(parent: StdET.Element, key_id: str, text: str) -> None:
    StdET.SubElement(parent, "data", key=key_id).text = text


__all__ = ["read_gexf_graph"]
