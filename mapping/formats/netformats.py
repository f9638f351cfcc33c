"""The text network formats read as NetworkX graphs: GML, Pajek ``.net`` and CSV/TSV edge lists.

Each reader takes the file's text (decoded by :mod:`mapping.formats.netfiles`:
BOM, UTF-8 or Windows-1252/Latin-1, CRLF) and returns a MultiGraph or
MultiDiGraph with string node ids; what it left out is appended to
``notices`` as :class:`~mapping.formats.notices.ImportNotice`; a file it cannot
read at all raises :class:`~mapping.core.errors.InvalidInput` with a Dutch and
English message. :mod:`mapping.formats.netfiles` turns the graph into a case.

Why not networkx's own readers: ``parse_gml`` raises on what real files
hold (a node id twice, an edge twice without ``multigraph 1``, an edge to
an undeclared node, no ``label``) and recurses once per nesting level;
``parse_pajek`` silently invents a person for a vertex number out of
range, stops at an unbalanced quote and knows no ``*Matrix`` or
``*Arcslist``; ``read_edgelist`` knows no header, no semicolons and no
decimal comma. These readers are lenient where the meaning is plain, say
what they left out, and never recurse; the tests compare their counts with
networkx on the files networkx does read.

>>> graph = read_gml_graph('graph [ node [ id 1 label "Anne" ] node [ id 2 ] edge [ source 1 target 2 value 3 ] ]')
>>> graph.nodes["1"], graph.edges["1", "2", 0]
({'label': 'Anne'}, {'weight': 3})
>>> graph = read_pajek_graph('*Vertices 2\\n1 "Anne"\\n2 "Bas"\\n*Edges\\n1 2 2.5')
>>> graph.nodes["1"]["label"], graph.edges["1", "2", 0]["weight"]
('Anne', 2.5)
>>> graph = read_edgelist_graph("van;naar;gewicht\\nAnne;Bas;1,5")
>>> [graph.nodes[n]["label"] for n in graph], graph.edges["n1", "n2", 0]["weight"]
(['Anne', 'Bas'], 1.5)
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter

import networkx as nx

from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_
from mapping.formats.graphml import (
    MAX_EDGES,
    UNDIRECTED,
    _missing_notice,
    _shown,
    double_node_notice,
    refuse_too_large,
    repeated_notice,
)
from mapping.formats.graphml import (
    _number as _finite,
)
from mapping.formats.notices import ImportNotice, Message, and_more


def _skipped_notice(count: int, what: str) -> list[ImportNotice]:
    """'3 regel(s) ... overgeslagen' when there is something to say, else nothing.

    ``what`` is the Dutch message id of what was skipped."""
    if not count:
        return []
    return [ImportNotice("{count} {what} overgeslagen.", count=count, what=Message(what))]


def _finish(graph, missing: dict[str, list[str]], notices: list | None, extra: list) -> None:
    if notices is None:
        return
    notices.extend(extra)
    if missing:
        notices.append(_missing_notice(missing))


# ----------------------------------------------------------------- GML
_GML_TOKEN = re.compile(
    r"""(?P<space>\s+|\#[^\n]*)
    |(?P<string>"[^"]*")
    |(?P<number>(?>[+-]?(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][+-]?\d++)?+)(?![A-Za-z_]))
    |(?P<word>[A-Za-z_][A-Za-z0-9_.\-]*)
    |(?P<open>\[)
    |(?P<close>\])""",
    re.VERBOSE,
)


def _gml_refuse(text: str, pos: int, reason: Message) -> InvalidInput:
    line = text.count("\n", 0, pos) + 1
    return InvalidInput(
        "Dit GML-bestand is niet te lezen: {reason} (regel {line}).", reason=reason, line=line
    )


def _gml_tree(text: str) -> list[tuple[str, object]]:
    """GML text as nested lists of (key, value) pairs, without recursion (any depth)."""
    top: list = []
    stack = [top]
    key: str | None = None
    pos = 0
    while pos < len(text):
        match = _GML_TOKEN.match(text, pos)
        if match is None:
            shown = _shown(text[pos : pos + 10])
            raise _gml_refuse(text, pos, Message("onverwacht teken '{shown}'", shown=shown))
        kind, value = match.lastgroup, match.group()
        start, pos = pos, match.end()
        if kind == "space":
            continue
        if key is None:
            if kind == "word":
                key = value
            elif kind == "close" and len(stack) > 1:
                stack.pop()
            else:
                raise _gml_refuse(
                    text,
                    start,
                    Message("de haakjes [ ] zijn niet in evenwicht")
                    if kind == "close"
                    else Message("een naam verwacht, '{found}' gevonden", found=_shown(value)[:20]),
                )
            continue
        if kind == "open":
            child: list = []
            stack[-1].append((key, child))
            stack.append(child)
        elif kind == "string":
            stack[-1].append((key, html.unescape(value[1:-1])))
        elif kind == "number":
            stack[-1].append((key, float(value) if re.search(r"[.eE]", value) else int(value)))
        elif kind == "word":  # an unquoted word as value: 'id A'
            stack[-1].append((key, value))
        else:
            raise _gml_refuse(text, start, Message("'{key}' heeft geen waarde", key=key[:20]))
        key = None
    if len(stack) > 1 or key is not None:
        raise _gml_refuse(
            text, len(text), Message("de haakjes [ ] zijn niet in evenwicht (het bestand houdt te vroeg op)"),
        )  # fmt: skip
    return top


def _gml_attrs(items: list, repeated: dict[str, list[str]] | None = None, owner: str = "") -> dict:
    """The scalar attributes of a GML list (the first of a repeated key; 'graphics [ ]' dropped).

    A key given again with another value is added to ``repeated`` (key -> owners).
    """
    attrs: dict = {}
    for key, value in items:
        if not isinstance(value, list) and attrs.setdefault(key, value) != value:
            if repeated is not None:
                repeated.setdefault(key, []).append(owner)
    return attrs


def _gml_id(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def read_gml_graph(text: str, notices: list | None = None):
    """GML text (Newman's datasets, igraph, networkx, Gephi, yEd) as a NetworkX multigraph.

    A node's ``label`` stays an attribute (the name); nodes are keyed by
    ``id``. An edge ``value`` (Newman's weights) becomes ``weight``. A
    second node with the same id, a node without id and an edge to a node
    the file does not declare are left out with a notice; parallel edges are
    kept (with or without ``multigraph 1``).
    """
    tree = _gml_tree(text)
    graphs = [v for k, v in tree if k.casefold() == "graph" and isinstance(v, list)]
    if not graphs:
        raise InvalidInput(
            "Dit GML-bestand bevat geen netwerk ('graph [ ... ]').",
        )
    body = graphs[0]
    nodes = [v for k, v in body if k == "node"]
    edges = [v for k, v in body if k == "edge"]
    refuse_too_large(len(nodes), len(edges))
    meta = {**_gml_attrs(tree), **_gml_attrs(body)}
    directed = str(meta.pop("directed", 0)) == "1"
    meta.pop("multigraph", None)
    graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    graph.graph.update({k: v for k, v in meta.items() if k not in ("graph", "node", "edge")})
    extra: list = []
    if len(graphs) > 1:
        extra.append(ImportNotice(
            "Het bestand bevat {n_graphs} netwerken; alleen het eerste is gelezen.",
n_graphs=len(graphs),
        ))  # fmt: skip
    without_id = 0
    repeated: dict[str, list[str]] = {}
    for number, item in enumerate(nodes, start=1):
        found: dict[str, list[str]] = {}
        attrs = _gml_attrs(item, found) if isinstance(item, list) else {}
        for key in found:
            repeated.setdefault(key, []).append(_gml_id(attrs.get("id", f"#{number}")))
        node = attrs.pop("id", None)
        if node is None or str(node).strip() == "":
            without_id += 1
            continue
        node = _gml_id(node)
        if node in graph:
            extra.append(double_node_notice(node))
            continue
        graph.add_node(node, **attrs)
    extra += [repeated_notice(k, "node", owners, first=True) for k, owners in repeated.items()]
    missing: dict[str, list[str]] = {}
    repeated = {}
    for number, item in enumerate(edges, start=1):
        found = {}
        attrs = _gml_attrs(item, found) if isinstance(item, list) else {}
        ends = [attrs.pop("source", None), attrs.pop("target", None)]
        name = _gml_id(attrs.get("id", f"#{number}"))
        for key in found:
            repeated.setdefault(key, []).append(name)
        absent = [e for e in ends if e is None or _gml_id(e) not in graph]
        for end in absent:
            missing.setdefault("" if end is None else _gml_id(end), []).append(name)
        if absent:
            continue
        if "weight" not in attrs and isinstance(attrs.get("value"), int | float):
            attrs["weight"] = attrs.pop("value")
        graph.add_edge(_gml_id(ends[0]), _gml_id(ends[1]), **attrs)
    extra += [repeated_notice(k, "edge", owners, first=True) for k, owners in repeated.items()]
    extra += _skipped_notice(without_id, N_("knoop/knopen zonder id"))
    _finish(graph, missing, notices, extra)
    return graph


# ----------------------------------------------------------------- Pajek
_PAJEK_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_PAJEK_EDGES = ("arcs", "edges", "arcslist", "edgeslist", "matrix")


def _pajek_tokens(line: str) -> list[str]:
    """The words of a Pajek line; a quoted label is one word (an unclosed quote runs to the end)."""
    return [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _PAJEK_TOKEN.finditer(line)
    ]


def _number(text: str) -> float | None:
    """A number as people write it: '2.5', '2,5', '-1'; None for anything else."""
    return _finite(text.strip().replace(",", ".") if text.count(",") == 1 else text)


def read_pajek_graph(text: str, notices: list | None = None):
    """A Pajek network (``*Vertices``, ``*Arcs``, ``*Edges``, ``*Arcslist``, ``*Edgeslist``, ``*Matrix``).

    Vertices are numbered 1..N (``*Vertices N``, also two-mode ``N N1``);
    their quoted label is the attribute ``label`` (quotes inside it, as
    NetworkX writes them, stay; a label whose closing quote is missing keeps
    its words, with a notice), drawing data after it is left out and
    NetworkX's ``key value`` pairs after that are node attributes. A vertex
    number given twice keeps its first line, with a notice. The third number of an arc or edge is its ``weight``, an
    ``l "..."`` its ``label``. A vertex line or a line whose vertex number is
    not within 1..N is left out with a notice, and so are unreadable lines;
    ``*Partition``, ``*Vector`` and other sections are skipped.
    """
    size = first_mode = 0
    section = ""
    labels: dict[int, str] = {}
    attributes: dict[int, dict[str, str]] = {}  # NetworkX's 'key value' pairs after the drawing
    edges: list[tuple[str, str, dict, str]] = []
    outside: list[str] = []
    unreadable = matrix_row = 0
    unclosed: list[tuple[int, str]] = []  # vertices whose label has no closing quote
    extra: list = []
    name = ""
    directed = False
    cells: dict[tuple[int, int], tuple[float, str]] = {}  # *Matrix: (row, column) -> weight
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            words = line[1:].split(None, 1)
            section = words[0].casefold() if words else ""
            rest = words[1] if len(words) > 1 else ""
            if section == "network":
                name = rest.strip()
            elif section == "vertices":
                counts = [_number(w) for w in rest.split()[:2]]
                if not counts or counts[0] is None or counts[0] < 0 or not counts[0].is_integer():
                    raise InvalidInput(
                        "Dit Pajek-bestand is niet te lezen: '*Vertices' zonder aantal (regel {number}).",
number=number,
                    )  # fmt: skip
                size = int(counts[0])
                refuse_too_large(size, 0)
                first_mode = int(counts[1]) if len(counts) > 1 and counts[1] else 0
            directed = directed or section in ("arcs", "arcslist")
            matrix_row = 0
            continue
        tokens = _pajek_tokens(line)
        if section == "vertices":
            vertex = _number(tokens[0])
            rest = line[len(line.split(None, 1)[0]) :].strip()
            if vertex is None or not vertex.is_integer() or not 1 <= vertex <= size:
                outside.append(tokens[0])
            elif int(vertex) in labels:
                extra.append(double_node_notice(str(int(vertex))))
            elif rest:
                labels[int(vertex)], whole, end = _pajek_label(rest)
                if not whole:
                    unclosed.append((int(vertex), labels[int(vertex)]))
                attributes[int(vertex)] = _vertex_attributes(rest[end:])
            else:
                labels[int(vertex)] = ""
        elif section in ("arcs", "edges") and len(tokens) >= 2:
            attrs: dict = {}
            weight = _number(tokens[2]) if len(tokens) > 2 else None
            if weight is not None:
                attrs["weight"] = weight
            if "l" in tokens[3:-1]:
                attrs["label"] = tokens[tokens.index("l", 3) + 1]
            edges.append((tokens[0], tokens[1], attrs, f"#{number}"))
        elif section in ("arcslist", "edgeslist") and len(tokens) >= 2:
            edges += [(tokens[0], other, {}, f"#{number}") for other in tokens[1:]]
        elif section == "matrix":
            matrix_row += 1
            offset = first_mode if first_mode else 0
            for column, cell in enumerate(tokens, start=1):
                weight = _number(cell)
                if weight:
                    cells[(matrix_row, column + offset)] = (weight, f"#{number}")
        elif section not in _PAJEK_EDGES and section != "vertices" and section:
            continue  # *Partition, *Vector, *Cluster...: not a network
        else:
            unreadable += 1
        if len(edges) > MAX_EDGES:
            refuse_too_large(size, len(edges))
    if cells:
        # A symmetric one-mode matrix is an undirected network, each tie written twice:
        # one edge a pair. Otherwise a cell is an arc from its row to its column, so
        # two people who named each other stay recognisable.
        symmetric = not first_mode and all(
            cells.get((c, r), (None,))[0] == w for (r, c), (w, _) in cells.items()
        )
        directed = directed or not (symmetric or first_mode)
        edges += [
            (str(r), str(c), {"weight": w}, where)
            for (r, c), (w, where) in cells.items()
            if not symmetric or r <= c
        ]
        if len(edges) > MAX_EDGES:
            refuse_too_large(size, len(edges))
    if size == 0:
        raise InvalidInput(
            "Dit Pajek-bestand bevat geen personen ('*Vertices N' ontbreekt of is 0).",
        )
    graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    if name:
        graph.graph["name"] = name
    for vertex in range(1, size + 1):
        label = {"label": labels[vertex]} if vertex in labels else {}
        graph.add_node(str(vertex), **{**label, **attributes.get(vertex, {})})
    missing: dict[str, list[str]] = {}
    for source, target, attrs, where in edges:
        ends = [_pajek_vertex(source, size), _pajek_vertex(target, size)]
        for raw, end in zip((source, target), ends, strict=True):
            if end is None:
                missing.setdefault(raw, []).append(where)
        if None not in ends:
            graph.add_edge(ends[0], ends[1], **attrs)
    if outside:
        shown = ", ".join(f"'{_shown(v)[:20]}'" for v in outside[:5])
        extra.append(ImportNotice(
            "{n_outside} knoop/knopen met een nummer buiten 1..{size} (*Vertices {size}) "
"overgeslagen: {shown}.",
n_outside=len(outside),
size=size,
shown=shown,
        ))  # fmt: skip
    extra += _skipped_notice(unreadable, N_("onleesbare regel(s)"))
    if unclosed:
        extra.append(_unclosed_notice(unclosed))
    _finish(graph, missing, notices, extra)
    return graph


#: Words that follow a vertex's label: Pajek's shapes and drawing parameters.
_PAJEK_WORDS = frozenset(
    "ellipse box diamond triangle cross empty man woman ic bc bw lc la lr lphi fos font "
    "x_fact y_fact phi r q s_size".split()
)
_CLOSING_QUOTE = re.compile(r'"(?=\s|$)')
_NEXT_WORD = re.compile(r"\s*(\S*)")


def _drawing(word: str) -> bool:
    """True when ``word`` can follow a label: a coordinate, a shape, a drawing parameter."""
    return _number(word) is not None or word.casefold() in _PAJEK_WORDS


def _pajek_label(rest: str) -> tuple[str, bool, int]:
    """A vertex's label from its line after the number, whether it was read whole, and where
    it ends in ``rest``.

    Pajek quotes a label with spaces and has no way to write a quote inside
    one; NetworkX writes it anyway (``""Quote" Piet"``). The label ends at the
    first closing quote that is followed by what follows a label (coordinates,
    a shape, the end of the line), so the quotes inside it stay. Without any
    closing quote the words up to the drawing data are kept, and the label
    was not read whole. Linear in the line's length, whatever it holds.

    >>> _pajek_label('""Quote" Piet" 0.0 0.0 ellipse'), _pajek_label('"Jan "de Smid" Bakker"')
    (('"Quote" Piet', True, 14), ('Jan "de Smid" Bakker', True, 22))
    >>> _pajek_label('"Anne 0.1 0.2 box'), _pajek_label('x"y 0.0 0.0')
    (('Anne', False, 17), ('x"y', True, 3))
    """
    word = rest.split(None, 1)[0]
    if not rest.startswith('"'):
        return word, True, len(word)
    for match in _CLOSING_QUOTE.finditer(rest, 1):
        after = _NEXT_WORD.match(rest, match.end()).group(1)
        if not after or _drawing(after):
            return rest[1 : match.start()], True, match.end()
    first = _CLOSING_QUOTE.search(rest, 1)
    if first:  # something unknown after the label: Pajek's own reading
        return rest[1 : first.start()], True, first.end()
    if '"' in word[1:]:  # '"Quote"Piet': a word with quotes in it, written without quotes
        return word, True, len(word)
    words = rest[1:].split()
    end = len(words)
    while end > 1 and _drawing(words[end - 1]):
        end -= 1
    return " ".join(words[:end]), False, len(rest)


_PAJEK_SHAPES = frozenset(
    ("ellipse", "box", "diamond", "triangle", "cross", "empty", "man", "woman")
)


def _vertex_attributes(tail: str) -> dict[str, str]:
    """The ``key value`` pairs NetworkX writes after a vertex's coordinates and shape.

    ``nx.write_pajek`` keeps a node's text attributes that way (``club "Mr. Hi"``),
    as GraphML, GEXF and GML keep them; Pajek's own drawing parameters
    (``ic Red``, ``x_fact 1``) are left out.

    >>> _vertex_attributes(' 0.1 0.2 ellipse club "Mr. Hi" ic Red')
    {'club': 'Mr. Hi'}
    """
    tokens = _pajek_tokens(tail)
    start = 0
    while start < len(tokens) and _number(tokens[start]) is not None:
        start += 1
    if start < len(tokens) and tokens[start].casefold() in _PAJEK_SHAPES:
        start += 1
    pairs = zip(tokens[start::2], tokens[start + 1 :: 2], strict=False)
    return {key: value for key, value in pairs if key.casefold() not in _PAJEK_WORDS}


def _unclosed_notice(unclosed: list[tuple[int, str]]) -> ImportNotice:
    """The vertices whose label has an opening quote and no closing one: what was kept."""
    shown = ", ".join(f"{number} '{_shown(label)[:40]}'" for number, label in unclosed[:5])
    return ImportNotice(
        '{count} label(s) openen met een aanhalingsteken (") dat niet gesloten wordt; '
        "gelezen tot de tekeninggegevens: {shown}{more}. Controleer die namen.",
        count=len(unclosed),
        shown=shown,
        more=and_more(len(unclosed) - 5),
    )


def _pajek_vertex(text: str, size: int) -> str | None:
    number = _number(text)
    if number is None or not number.is_integer() or not 1 <= number <= size:
        return None
    return str(int(number))


# ----------------------------------------------------------------- CSV / TSV edge lists
def _column_names(*names: str) -> frozenset[str]:
    return frozenset(names)


SOURCE_COLUMNS = _column_names(
    "source", "from", "van", "bron", "node1", "person1", "persoon1", "ego", "vertex1", "id1",
    "sender", "afzender", "actor1", "naam1", "name1", "source_id", "sourceid", "start",
)  # fmt: skip
TARGET_COLUMNS = _column_names(
    "target", "to", "naar", "doel", "node2", "person2", "persoon2", "alter", "vertex2", "id2",
    "receiver", "ontvanger", "actor2", "naam2", "name2", "target_id", "targetid", "end",
)  # fmt: skip
WEIGHT_COLUMNS = _column_names("weight", "gewicht", "value", "waarde", "count", "aantal")
_NODE_TABLE = _column_names("id", "label", "name", "naam", "node", "knoop")
_DIRECTIONS = ("directed", "undirected", "mutual", "gericht", "ongericht")
_DELIMITERS = ("\t", ";", ",", "|")
_MAX_LINE = 100_000  # below csv's field limit (128 KB): no row of a tie list is this long


def _fold(cell: str) -> str:
    return re.sub(r"[^a-z0-9_]", "", cell.casefold())


def _rows(text: str) -> list[list[str]]:
    """The rows of a delimited text: the delimiter most lines agree on, else whitespace."""
    lines = [
        line
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "%"))
    ]
    if any(len(line) > _MAX_LINE for line in lines):
        raise InvalidInput(
            "Dit bestand is geen lijst van relaties: een regel is langer dan 100.000 tekens.",
        )
    sample = lines[:50]
    best, best_score = None, (0.0, 0)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        width, agree = Counter(widths).most_common(1)[0] if widths else (0, 0)
        score = (agree / len(widths), width) if width >= 2 else (0.0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    if best is None:
        return [line.split() for line in lines]
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(lines, delimiter=best)]
    except csv.Error:  # an opening quote that is never closed swallows the rest of the file
        raise InvalidInput(
            'Dit bestand is niet te lezen als lijst van relaties: een aanhalingsteken (") '
            "wordt niet gesloten.",
        ) from None


def _has_header(rows: list[list[str]]) -> bool:
    first = [_fold(cell) for cell in rows[0]]
    if set(first) & (SOURCE_COLUMNS | TARGET_COLUMNS | WEIGHT_COLUMNS | _NODE_TABLE):
        return True
    if len(first) >= 3 and len(rows) > 1:  # a word above a column of numbers
        numeric = [r for r in rows[1:] if len(r) >= 3 and _number(r[2]) is not None]
        return _number(rows[0][2]) is None and len(numeric) >= (len(rows) - 1) / 2
    return False


def read_edgelist_graph(text: str, notices: list | None = None):
    """A CSV/TSV edge list (source, target, optional weight and type) as a NetworkX multigraph.

    The separator is the one the lines agree on (comma, semicolon as Dutch
    Excel writes, tab, '|'; else spaces). A first row with column names
    (source/target, van/naar, bron/doel, from/to, weight/gewicht...) is a
    header; columns it names go along as tie attributes; without a header
    the third column is the weight when it is a number (decimal comma
    allowed), else the type of the tie. Nodes get short ids (n1, n2...)
    and the cell text as ``label``. Lines starting with # or % are comments.
    A tie runs from source to target (a MultiDiGraph, as Gephi reads a list);
    a column saying 'undirected' on every row makes the list undirected, and
    'mutual' marks a tie as reciprocal.
    """
    rows = _rows(text)
    if not rows:
        raise InvalidInput("Het bestand is leeg.")
    if max(len(row) for row in rows) < 2:
        raise InvalidInput(
            "Dit bestand heeft maar één kolom. Een lijst van relaties heeft per regel twee "
            "namen: van wie en naar wie (bijv. 'Jan;Piet'), eventueel met een gewicht.",
        )
    names = rows[0] if _has_header(rows) else []
    header = [_fold(cell) for cell in names]
    if header and not set(header) & (SOURCE_COLUMNS | TARGET_COLUMNS) and set(header) & _NODE_TABLE:
        raise InvalidInput(
            "Dit lijkt een lijst van personen (id, label), geen lijst van relaties. Kies het "
            "bestand met de relaties (kolommen source/target of van/naar).",
        )
    source = next((i for i, c in enumerate(header) if c in SOURCE_COLUMNS), 0)
    target = next((i for i, c in enumerate(header) if c in TARGET_COLUMNS and i != source), None)
    if target is None:
        target = next(i for i in range(len(max(rows, key=len))) if i != source)
    body = rows[1:] if header else rows
    refuse_too_large(0, len(body))
    ids: dict[str, str] = {}
    nodes: list[tuple[str, str]] = []
    ties: list[tuple[str, str, dict]] = []
    directions: set[str] = set()
    skipped = 0
    for row in body:
        if max(source, target) >= len(row) or not row[source] or not row[target]:
            skipped += 1
            continue
        ends = []
        for name in (row[source], row[target]):
            if name not in ids:
                ids[name] = f"n{len(ids) + 1}"
                nodes.append((ids[name], name))
            ends.append(ids[name])
        attrs = _tie_attrs(row, names, (source, target))
        direction = _direction(row, (source, target))
        directions.add(direction)
        if direction == "mutual":  # Gephi's 'Mutual': a tie both give
            attrs.setdefault("reciprocal", True)
        elif direction == "undirected":  # in a list that mixes: no arc, so never reciprocal
            attrs[UNDIRECTED] = True
        ties.append((ends[0], ends[1], attrs))
    # A list of ties runs from source to target, as Gephi reads it: a pair listed both
    # ways is a tie both give, as in a directed GML, Pajek, GEXF or GraphML file. Only
    # a file whose rows all say 'undirected' is undirected.
    graph = nx.MultiGraph() if directions == {"undirected"} else nx.MultiDiGraph()
    if not graph.is_directed():
        ties = [(u, v, {k: a for k, a in attrs.items() if k != UNDIRECTED}) for u, v, attrs in ties]
    for node, name in nodes:
        graph.add_node(node, label=name)
    graph.add_edges_from(ties)
    refuse_too_large(len(ids), graph.number_of_edges())
    if not ids:
        raise InvalidInput(
            "Dit bestand bevat geen enkele relatie (regels met twee namen).",
        )
    extra = _skipped_notice(skipped, N_("regel(s) zonder twee namen"))
    twice = [name for name, n in Counter(c.strip() for c in names if c.strip()).items() if n > 1]
    if twice:
        shown = ", ".join(f"'{_shown(name)[:40]}'" for name in twice[:5])
        extra.append(ImportNotice(
            "De kop noemt een kolom meer dan eens: {shown}. Van zo'n kolom is de eerste "
"gelezen.",
shown=shown,
        ))  # fmt: skip
    _finish(graph, {}, notices, extra)
    return graph


_UNDIRECTED = ("undirected", "ongericht")


def _direction(row: list[str], ends: tuple[int, int]) -> str:
    """'directed', 'undirected' or 'mutual': what a row's type cell says (directed without one)."""
    for index, cell in enumerate(row):
        folded = cell.strip().casefold()
        if index not in ends and folded in _DIRECTIONS:
            return (
                "undirected"
                if folded in _UNDIRECTED
                else {"gericht": "directed"}.get(folded, folded)
            )
    return "directed"


def _tie_attrs(row: list[str], names: list[str], ends: tuple[int, int]) -> dict:
    """A row's other cells as tie attributes named by the header (weight as a number)."""
    attrs: dict = {}
    for index, cell in enumerate(row):
        if index in ends or not cell or cell.casefold() in _DIRECTIONS:
            continue
        name = names[index].strip() if index < len(names) else ""
        number = _number(cell)
        if number is not None and (_fold(name) in WEIGHT_COLUMNS or not names):
            attrs.setdefault("weight", number)
        elif name and _fold(name) != "id":
            attrs.setdefault(name, cell)
        elif not names:
            attrs.setdefault("type", cell)
    return attrs


__all__ = ["read_edgelist_graph", "read_gml_graph", "read_pajek_graph"]
