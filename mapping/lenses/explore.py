"""The explore view: the whole case network as a free, physics-based pyvis graph.

Where the three lenses each show a part in a fixed layout, this shows every
entity and every relation at once, pulled apart by vis-network's physics,
coloured by kind (people, and systems by their kind) and by relation kind,
with a legend. The result is ONE self-contained HTML page:

- pyvis builds the nodes, edges and physics options; the page around them is
  ours, because pyvis's own template (even with ``cdn_resources="in_line"``)
  links Bootstrap from a CDN and ``lib/`` paths. vis-network's script and
  stylesheet are inlined from the copy inside the pyvis package, so nothing
  is fetched from anywhere;
- every name reaches the page as JSON with ``<``, ``>`` and ``&`` escaped,
  tooltips are built as DOM text (never markup), and the legend is
  HTML-escaped: a name like ``<img src=x onerror=alert(1)>`` shows as text.

>>> from mapping.services.demo import demo_case
>>> page = explore_html(demo_case())
>>> page.startswith("<!DOCTYPE html>") and "cdnjs" not in page and "bootstrap" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

from mapping.core.model import CaseData, Entity, Relation
from mapping.core.vocabulary import TERMS, EntityKind, RelationKind, label

#: Edge colours per relation kind (the legend reads the same table).
RELATION_COLOURS: dict[RelationKind, str] = {
    RelationKind.PARTNERSHIP: "#222222",
    RelationKind.PARENT_CHILD: "#555555",
    RelationKind.TWIN: "#8c6d31",
    RelationKind.EMOTIONAL: "#d62728",
    RelationKind.CONNECTION: "#1f77b4",
    RelationKind.SUPPORT: "#2ca02c",
    RelationKind.ACQUAINTANCE: "#9467bd",
}
PERSON_COLOUR = "#f2c14e"
INDEX_COLOUR = "#e07b39"
SYSTEM_COLOUR = "#79706e"

_WORDS = {
    "title": {"nl": "Verkennen: het hele netwerk", "en": "Explore: the whole network"},
    "person": {"nl": "persoon", "en": "person"},
    "index": {"nl": "cliënt (indexpersoon)", "en": "client (index person)"},
    "legend": {"nl": "Legenda", "en": "Legend"},
    "age": {"nl": "jaar", "en": "years"},
    "deceased": {"nl": "overleden", "en": "deceased"},
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key].get(lang, _WORDS[key]["nl"])


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package."""
    return _read_vis_assets()


@lru_cache(maxsize=1)
def _read_vis_assets() -> tuple[str, str]:
    import pyvis

    root = Path(pyvis.__file__).resolve().parent
    for folder in (root / "templates" / "lib", root / "lib"):
        versions = sorted(folder.glob("vis-*/vis-network.min.js"))
        if versions:
            js = versions[-1]
            css = js.with_name("vis-network.css")
            return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    raise FileNotFoundError("vis-network is missing from the pyvis package")


def entity_colour(entity: Entity) -> str:
    """The fill of an entity: its system kind's colour, or the person colour."""
    if entity.kind is EntityKind.SYSTEM:
        if entity.system_kind is not None:
            return str(TERMS[entity.system_kind].style.get("color", SYSTEM_COLOUR))
        return SYSTEM_COLOUR
    return INDEX_COLOUR if entity.index_person else PERSON_COLOUR


def _tooltip(entity: Entity, lang: str) -> str:
    parts = [entity.name]
    if entity.is_person:
        age = entity.age()
        shown = entity.age_text() if age is not None else entity.age_band  # "~71" when inexact
        if shown:
            parts.append(f"{shown} {_word('age', lang)}")
        if entity.is_deceased:
            parts.append(_word("deceased", lang))
        if entity.role:
            parts.append(entity.role)
    else:
        kind = label(entity.system_kind, lang) if entity.system_kind else entity.custom_kind
        if kind:
            parts.append(kind)
    return ", ".join(p for p in parts if p)


def _edge_title(relation: Relation, names: dict[str, str], lang: str) -> str:
    kind = label(relation.kind, lang)
    sub = ""
    if relation.subtype:
        try:
            from mapping.core.vocabulary import SUBTYPES

            sub = label(SUBTYPES[relation.kind](relation.subtype), lang)
        except (KeyError, ValueError, TypeError):
            sub = relation.subtype
    head = f"{names.get(relation.source, '?')} – {names.get(relation.target, '?')}"
    return "\n".join(t for t in (head, ": ".join(t for t in (kind, sub) if t), relation.label) if t)


#: Beyond this many entities the browser's physics crawls and the picture is a hairball:
#: Verkennen shows the part around one person (:func:`around`).
EXPLORE_MAX = 300


def most_tied(data: CaseData) -> str:
    """The entity to start from in a large network: the index person, else the one with
    the most relations ('' for an empty case)."""
    index = data.index_person()
    if index is not None:
        return index.id
    degree = Counter()
    for r in data.relations:
        degree[r.source] += 1
        degree[r.target] += 1
    known = {e.id for e in data.entities}
    ranked = [pid for pid, _ in degree.most_common() if pid in known]
    return ranked[0] if ranked else (data.entities[0].id if data.entities else "")


def around(data: CaseData, centre: str, steps: int, limit: int = EXPLORE_MAX) -> CaseData:
    """The part of ``data`` within ``steps`` relations of ``centre``: at most ``limit``
    entities, nearest first (of one step, those with the most ties first), and the
    relations among them. The rest of the case (balance, plan) is left out.
    """
    neighbours: dict[str, set[str]] = {}
    for r in data.relations:
        if r.source != r.target:
            neighbours.setdefault(r.source, set()).add(r.target)
            neighbours.setdefault(r.target, set()).add(r.source)
    known = {e.id: e for e in data.entities}
    kept = [centre] if centre in known else []
    seen = set(kept)
    ring = kept
    for _ in range(steps):
        nxt = {n for pid in ring for n in neighbours.get(pid, ()) if n not in seen and n in known}
        ordered = sorted(nxt, key=lambda n: (-len(neighbours.get(n, ())), known[n].name, n))
        room = limit - len(kept)
        ordered = ordered[: max(room, 0)]
        kept += ordered
        seen.update(ordered)
        ring = ordered
        if len(kept) >= limit or not ring:
            break
    chosen = set(kept)
    return CaseData(
        case=data.case,
        entities=[e for e in data.entities if e.id in chosen],
        relations=[r for r in data.relations if r.source in chosen and r.target in chosen],
    )


def build_network(data: CaseData, lang: str = "nl"):
    """A pyvis ``Network`` of every entity and relation of the case, physics on."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    names = {e.id: e.name for e in data.entities}
    for entity in data.entities:
        net.add_node(
            entity.id,
            label=entity.name,
            title=_tooltip(entity, lang),
            color=entity_colour(entity),
            shape="box" if entity.kind is EntityKind.SYSTEM else "dot",
            size=22 if entity.index_person else 14,
            borderWidth=3 if entity.index_person else 1,
        )
    for relation in data.relations:
        if relation.source not in names or relation.target not in names:
            continue
        directed = relation.kind in (RelationKind.PARENT_CHILD, RelationKind.SUPPORT)
        net.add_edge(
            relation.source,
            relation.target,
            id=relation.id,
            title=_edge_title(relation, names, lang),
            color=RELATION_COLOURS.get(relation.kind, "#888888"),
            arrows="to" if directed else "",
            dashes=relation.kind in (RelationKind.EMOTIONAL, RelationKind.ACQUAINTANCE),
            width=2 if relation.kind is RelationKind.PARTNERSHIP else 1,
        )
    net.barnes_hut(gravity=-6000, spring_length=140, spring_strength=0.03, damping=0.2)
    return net


def _json_for_script(value: object) -> str:
    """JSON that cannot end the surrounding <script> or open markup."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _legend(data: CaseData, lang: str) -> str:
    rows: list[tuple[str, str, str]] = []
    if any(e.is_person for e in data.entities):
        rows.append(("dot", PERSON_COLOUR, _word("person", lang)))
    if any(e.index_person for e in data.entities):
        rows.append(("dot", INDEX_COLOUR, _word("index", lang)))
    kinds = []
    for e in data.entities:
        if e.kind is EntityKind.SYSTEM and e.system_kind not in kinds:
            kinds.append(e.system_kind)
    for kind in kinds:
        text = label(kind, lang) if kind else label(EntityKind.SYSTEM, lang)
        rows.append(
            ("box", TERMS[kind].style.get("color", SYSTEM_COLOUR) if kind else SYSTEM_COLOUR, text)
        )
    used = [k for k in RelationKind if any(r.kind is k for r in data.relations)]
    for kind in used:
        rows.append(("line", RELATION_COLOURS[kind], label(kind, lang)))
    items = "".join(
        f'<li><span class="sw {shape}" style="--c:{html.escape(colour)}"></span>{html.escape(text)}</li>'
        for shape, colour, text in rows
    )
    return f'<div class="legend"><b>{html.escape(_word("legend", lang))}</b><ul>{items}</ul></div>'


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: "DejaVu Sans", Arial, sans-serif; }}
#network {{ position: absolute; inset: 0; }}
.legend {{ position: absolute; top: 8px; right: 8px; z-index: 2; background: rgba(255,255,255,.93);
  border: 1px solid #bbb; border-radius: 6px; padding: 6px 10px; font-size: 12px; max-width: 260px; }}
.legend ul {{ list-style: none; margin: 4px 0 0; padding: 0; }}
.legend li {{ margin: 2px 0; display: flex; align-items: center; gap: 6px; }}
.sw {{ display: inline-block; width: 14px; height: 14px; background: var(--c); flex: none; }}
.sw.dot {{ border-radius: 50%; }}
.sw.box {{ border-radius: 3px; }}
.sw.line {{ height: 3px; width: 22px; }}
.caption {{ position: absolute; left: 8px; bottom: 6px; z-index: 2; font-size: 11px; color: #444; }}
div.vis-tooltip {{ white-space: pre-line; font-family: inherit; }}
</style>
<script>{vis_js}</script>
</head>
<body>
<div id="network" data-testid="explore-network"></div>
{legend}
<div class="caption">{caption}</div>
<script>{init}</script>
</body>
</html>
"""


_INIT = """
(function () {
  var nodes = @NODES@;
  var edges = @EDGES@;
  var options = @OPTIONS@;
  function asText(item) {
    // a tooltip is text: build it as a DOM node so no markup is ever parsed
    if (typeof item.title === "string") {
      var box = document.createElement("div");
      box.textContent = item.title;
      item.title = box;
    }
    return item;
  }
  var network = new vis.Network(
    document.getElementById("network"),
    { nodes: new vis.DataSet(nodes.map(asText)), edges: new vis.DataSet(edges.map(asText)) },
    options
  );
  window.casemapNetwork = network;
})();
"""


def _sha256(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        + "'"
    )


def content_policy(*scripts: str) -> str:
    """A Content-Security-Policy that runs exactly ``scripts`` (by hash) and fetches nothing.

    No inline event handler, no injected ``<script>``, no eval, no request:
    even a name that slipped past the escaping could not run or phone home.
    Inline styles stay allowed (vis-network positions its tooltips with them).
    """
    hashes = " ".join(_sha256(s) for s in scripts) or "'none'"
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def sandboxed(page: str, *, scripts: bool = True, size: tuple[float, float] | None = None) -> str:
    """``page`` inside an iframe of its own with the strictest sandbox that still works.

    Streamlit puts component and ``st.iframe`` HTML in a frame that may run
    scripts AND is same-origin with the app (it could read the app's page),
    and that sandbox cannot be narrowed from Python. This inner frame gets
    ``sandbox="allow-scripts"``, or ``sandbox=""`` when the page needs no
    script: an opaque origin, no forms, popups or navigation of the app.

    Without ``size`` the inner frame fills the outer one (give that a
    height); with ``size=(width, height)`` it keeps that aspect ratio at the
    column's width (never wider than ``width``), so an outer
    ``st.iframe(..., height="content")`` measures it.

    >>> frame = sandboxed('<p title="x">a & b</p>')
    >>> 'sandbox="allow-scripts"' in frame, 'srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b' in frame
    (True, True)
    >>> "aspect-ratio:300/200" in sandboxed("<svg/>", scripts=False, size=(300, 200))
    True
    """
    allow = "allow-scripts" if scripts else ""
    if size:
        width, height = (max(1.0, float(v)) for v in size)
        frame = f"width:min(100%,{width:g}px);aspect-ratio:{width:g}/{height:g}"
        body = "html,body{margin:0}"
    else:
        frame = "width:100%;height:100%"
        body = "html,body{margin:0;height:100%;overflow:hidden}"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"{body}iframe{{border:0;display:block;{frame}}}</style></head><body>"
        f'<iframe sandbox="{allow}" title="casemap" srcdoc="{html.escape(page, quote=True)}">'
        "</iframe></body></html>"
    )


def explore_html(data: CaseData, lang: str = "nl") -> str:
    """A self-contained HTML page with the case network in vis-network (via pyvis).

    No ``http(s)`` references, no relative script or stylesheet paths: the
    page works with the network cable pulled.
    """
    net = build_network(data, lang)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    options = json.loads(net.options.to_json())
    options.setdefault("interaction", {}).update({"hover": True, "tooltipDelay": 150})
    vis_js, vis_css = _vis_assets()
    caption = " · ".join(
        t for t in (data.case.code, data.case.title, date.today().isoformat()) if t
    )
    values = {"NODES": nodes, "EDGES": edges, "OPTIONS": options}
    # one pass: a name that reads '@EDGES@' is data, never a placeholder
    init = re.sub(r"@(NODES|EDGES|OPTIONS)@", lambda m: _json_for_script(values[m[1]]), _INIT)
    vis_js = vis_js.replace("</script", "<\\/script")
    return _PAGE.format(
        lang="en" if lang == "en" else "nl",
        csp=content_policy(vis_js, init),
        init=init,
        title=html.escape(_word("title", lang)),
        vis_css=vis_css.replace("</style", "<\\/style"),
        vis_js=vis_js,
        legend=_legend(data, lang),
        caption=html.escape(caption),
    )


__all__ = [
    "RELATION_COLOURS",
    "build_network",
    "content_policy",
    "entity_colour",
    "explore_html",
    "sandboxed",
]
