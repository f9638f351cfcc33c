"""Network files from other programs made into a case: GraphML, GEXF, GML, Pajek and CSV.

One entry for the netwerkkaart page, the cases page and ``casemap import``:
:func:`read_network` finds the format by the file's content (a ``.txt`` or
``.xml`` can be anything; the name only decides when the content does not),
reads it with its reader and makes the case through the same conversion as
GraphML (:func:`mapping.formats.graphml._from_foreign`): every node is kept, the
best-connected node (or ``ego``) is ego, sector and ring come from the
attributes or, without them, from the tie strength (``weight``), names are
the ``label``/``name`` attributes, and the same limits apply (20 MB,
10,000 nodes, 50,000 edges). A refused file raises
:class:`~mapping.core.errors.InvalidInput` (Dutch and English) and nothing is
written: this module never touches the store.

======== ====================================== =========================
format   recognised by                          reader
======== ====================================== =========================
GraphML  ``<graphml``                           :mod:`mapping.formats.graphml`
GEXF     ``<gexf`` (1.1-1.3)                    :mod:`mapping.formats.gexf`
GML      ``graph [`` (after comments, Creator)  :mod:`mapping.formats.netformats`
Pajek    ``*Network``/``*Vertices``/``*Arcs``   :mod:`mapping.formats.netformats`
CSV/TSV  anything else that is text             :mod:`mapping.formats.netformats`
======== ====================================== =========================

A netwerkkaart shows who knows whom, so the graph is made simple first, in
one place for every format, GraphML included
(:func:`mapping.formats.graphml.simple_ties`): parallel edges (a multigraph, the
same pair twice in a list, a directed tie both ways) become one tie whose
``weight`` is the sum of theirs, and a line from someone to themselves is
left out; both are said in a notice. Directions are not kept, except that a
pair with an arc each way is a reciprocal tie. So one network gives one
case whatever format it was saved in.

>>> data = read_network(b"van;naar;gewicht\\nAnne;Bas;3\\nAnne;Cor;1\\nBas;Cor;1", name="kaart.csv")
>>> sorted(e.name for e in data.entities), data.case.code.startswith("CSV-")
(['Anne', 'Bas', 'Cor'], True)
>>> [e.name for e in data.entities if e.index_person]
['Anne']
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, Message
from mapping.core.model import CaseData
from mapping.formats.graphml import MAX_BYTES, GraphMLMapping, _from_foreign, read_graphml
from mapping.formats.importers import read_case_file, tidy
from mapping.formats.notices import ImportNotice

#: File name endings the uploaders offer; the content decides the format.
NETWORK_SUFFIXES = (".graphml", ".xml", ".gexf", ".gml", ".net", ".paj", ".csv", ".tsv", ".txt")
#: What the user is told is accepted (the same words in Dutch and English).
FORMAT_NAMES = "GraphML, GEXF, GML, Pajek (.net), CSV/TSV"

_SOURCES = {"gexf": "GEXF", "gml": "GML", "pajek": "Pajek", "csv": "CSV"}
_SUFFIX_FORMAT = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".gml": "gml",
    ".net": "pajek",
    ".paj": "pajek",
}
# Possessive quantifiers: a head of words that is no GML must fail at once, not backtrack.
_GML_START = re.compile(
    r"(?:\s*+(?:#[^\n]*+|(?!graph\b)\w++\s++(?:\"[^\"]*+\"|[^\s\[\]]++)))*+\s*+graph\s*+\[",
    re.I,
)
_PAJEK_START = re.compile(r"(?:\s*+%[^\n]*+)*+\s*+\*(?:network|vertices|arcs|edges)\b", re.I)
_XML_ROOT = re.compile(r"<(?:[\w.-]+:)?(gexf|graphml)\b", re.I)


def decode_text(content: bytes) -> str:
    """The text of a network file: BOM (UTF-8/16) honoured, else UTF-8, else Windows-1252.

    Refuses binary data (NUL bytes or many control characters) with a
    message that names the formats casemap reads.

    >>> decode_text(b"\\xef\\xbb\\xbfgraph"), decode_text("Ren\\xe9e".encode("latin-1"))
    ('graph', 'Renée')
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if content.startswith(bom):
            text = content[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        if _binary(content[:4096]):
            raise _not_a_network_file()
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")  # Latin-1 files read the same
    if "\x00" in text[:4096]:
        raise _not_a_network_file()
    return text


def _binary(sample: bytes) -> bool:
    """NUL bytes or more than 1% control characters: not text in any encoding casemap reads."""
    control = sum(1 for byte in sample if byte < 32 and byte not in b"\t\r\n\f")
    return b"\x00" in sample or control > len(sample) / 100


def _not_a_network_file() -> InvalidInput:
    return InvalidInput(
        "Dit bestand is geen tekst maar binaire gegevens, dus geen netwerkbestand. "
        "casemap leest {format_names}.",
        format_names=FORMAT_NAMES,
    )


def detect_format(name: str, content: bytes) -> str:
    """'graphml', 'gexf', 'gml', 'pajek' or 'csv': by content first, then by the name.

    >>> detect_format("netwerk.txt", b'Creator "me"\\ngraph [ node [ id 1 ] ]')
    'gml'
    >>> detect_format("export.xml", b"<?xml version='1.0'?><gexf version='1.3'/>")
    'gexf'
    """
    head = content[:8192]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            encoding = "utf-8" if bom == codecs.BOM_UTF8 else "utf-16"
            head = head.decode(encoding, errors="ignore").encode("utf-8")
            break
    text = head.decode("latin-1").lstrip()
    suffix = Path(name).suffix.lower()
    if text.startswith("<"):
        found = _XML_ROOT.search(text)
        return found.group(1).lower() if found else _SUFFIX_FORMAT.get(suffix, "graphml")
    if _GML_START.match(text):
        return "gml"
    if _PAJEK_START.match(text):
        return "pajek"
    expected = _SUFFIX_FORMAT.get(suffix)
    if _binary(head):
        raise _not_a_network_file()
    if expected:
        raise InvalidInput(
            "Dit {suffix}-bestand is geen {format}: {reason}",
            suffix=suffix,
            format=_label(expected),
            reason=Message(_EXPECTED_START[expected]),
        )
    return "csv"


#: Why a file is not the format its suffix names (Dutch message ids).
_EXPECTED_START = {
    "graphml": N_("het is geen XML (het begint niet met '<')."),
    "gexf": N_("het is geen XML (het begint niet met '<')."),
    "gml": N_("het begint niet met 'graph ['."),
    "pajek": N_("het begint niet met '*Vertices' of '*Network'."),
}


def _label(fmt: str) -> str:
    return {"graphml": "GraphML", **_SOURCES}[fmt]


def read_network(
    content: bytes,
    *,
    name: str = "",
    ego: str | None = None,
    mapping: GraphMLMapping | dict | None = None,
    notices: list[ImportNotice] | None = None,
) -> CaseData:
    """A new case from a network file of any supported format (see the module docstring).

    ``name`` is the file name (its stem is the title when the file names no
    network, its suffix decides only when the content does not). What was
    left out or changed is appended to ``notices``.
    """
    if not isinstance(content, bytes | bytearray):
        raise TypeError("read_network expects bytes")
    content = bytes(content)
    if not content.strip():
        raise InvalidInput("Het bestand is leeg.")
    if len(content) > MAX_BYTES:
        mb = len(content) // (1024 * 1024)
        raise InvalidInput(
            "Het bestand is te groot ({mb} MB; maximaal 20 MB).",
            mb=mb,
        )
    fmt = detect_format(name, content)
    if fmt == "graphml":
        return read_graphml(content, ego=ego, mapping=mapping, notices=notices, file_name=name)
    found: list[ImportNotice] = []
    graph = _read_graph(fmt, content, found)
    if not graph.number_of_nodes():
        raise InvalidInput(
            "Dit {label}-bestand bevat geen personen (0 knopen).",
            label=_label(fmt),
        )
    if isinstance(mapping, dict):
        mapping = GraphMLMapping.from_dict(mapping)
    data = _from_foreign(
        graph,
        None,
        ego,
        mapping or GraphMLMapping(),
        source=_SOURCES[fmt],
        notices=found,
        file_name=name,
    )
    if notices is not None:
        notices.extend(found)
    return data


def read_network_report(
    content: bytes,
    *,
    name: str = "",
    ego: str | None = None,
    mapping: GraphMLMapping | dict | None = None,
) -> tuple[CaseData, list[ImportNotice]]:
    """:func:`read_network` and the notices of what was left out or changed, for the page."""
    notices: list[ImportNotice] = []
    data = read_network(content, name=name, ego=ego, mapping=mapping, notices=notices)
    return data, notices


def _read_graph(fmt: str, content: bytes, notices: list):
    if fmt == "gexf":
        from mapping.formats.gexf import read_gexf_graph

        return read_gexf_graph(content, notices)
    from mapping.formats import netformats

    reader = {
        "gml": netformats.read_gml_graph,
        "pajek": netformats.read_pajek_graph,
        "csv": netformats.read_edgelist_graph,
    }[fmt]
    return reader(decode_text(content), notices)


def is_network_file(name: str) -> bool:
    """True for a file name the network import takes (not JSON or GEDCOM)."""
    return Path(name).suffix.lower() in NETWORK_SUFFIXES


def read_import_file(
    name: str, content: bytes, *, ego: str | None = None, notices: list | None = None
) -> CaseData:
    """Any importable file: a network file here, a case JSON or GEDCOM through the importers.

    For the cases page and ``casemap import``; a network file is tidied
    (control characters, over-long names) like every other program's file.
    """
    if is_network_file(name) and content:
        return tidy(read_network(content, name=name, ego=ego, notices=notices), notices)
    return read_case_file(name, content, ego=ego, notices=notices)


__all__ = [
    "FORMAT_NAMES",
    "NETWORK_SUFFIXES",
    "decode_text",
    "detect_format",
    "is_network_file",
    "read_import_file",
    "read_network",
    "read_network_report",
]
