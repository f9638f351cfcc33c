"""No text covers another text or a symbol, in normal and in large type (#15.2).

The layouts make room for their text at the size the renderer writes it
(``text_scale``: :func:`mapping.render.svg.text_scale`). This module checks
that on the rendered SVG itself, in pure Python: every ``<text>`` of the
drawing (names, years, roles, couple labels, notes, ring and sector names,
support letters; not the legend or the caption) gets a box from its font
size, anchor and :func:`mapping.render.markup.text_width`, every symbol the
box of its outline, and boxes that overlap are counted. A text inside its own
symbol (an age, an icon, the '?' of an unknown sex, a badge) does not count
against that symbol.

The cases are the demo case, the three training cases, a real family tree of
about 100 people (the Gramps example tree, reduced with ``--around`` to three
generations around one person) and real networks of 62 and 77 people
(dolphins, Les Misérables), through every lens, in normal and large type, with
the balance badges the canvas shows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from mapping.core.drawing import Drawing, Symbol, Text
from mapping.formats.gedcom import around_person
from mapping.formats.netfiles import read_import_file
from mapping.lenses import draw
from mapping.render.markup import text_width
from mapping.render.svg import RenderOptions, render_svg, text_scale
from mapping.services.balance import apply_badges
from mapping.services.demo import demo_case
from mapping.services.training import load_training_case

DATA = Path(__file__).resolve().parent / "data"
NS = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_LEFT_OUT = {"legend", "caption"}  # beside the map, not on it
_INSIDE_OWN = {"inner", "icon", "unknown"}  # texts written inside their own symbol
TOLERANCE = 0.5  # boxes that only touch do not overlap

Box = tuple[float, float, float, float]


# ----------------------------------------------------------------- the check
def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _translate(el: ET.Element) -> tuple[float, float]:
    found = re.search(r"translate\(([^,)]+),([^)]+)\)", el.get("transform") or "")
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


def _outline_box(el: ET.Element, dx: float, dy: float) -> Box | None:
    tag = el.tag.removeprefix(NS)

    def f(key: str) -> float:
        return float(el.get(key, 0))

    if tag == "rect":
        return (dx + f("x"), dy + f("y"), dx + f("x") + f("width"), dy + f("y") + f("height"))
    if tag == "circle":
        cx, cy, r = dx + f("cx"), dy + f("cy"), f("r")
        return (cx - r, cy - r, cx + r, cy + r)
    if tag == "ellipse":
        cx, cy, rx, ry = dx + f("cx"), dy + f("cy"), f("rx"), f("ry")
        return (cx - rx, cy - ry, cx + rx, cy + ry)
    if tag == "path":  # our outlines are polygons: their points bound them
        numbers = [float(n) for n in _NUMBER.findall(el.get("d", ""))]
        xs, ys = numbers[0::2], numbers[1::2]
        return (dx + min(xs), dy + min(ys), dx + max(xs), dy + max(ys))
    return None


def text_boxes(svg: str) -> tuple[list[tuple[Box, str, str]], list[tuple[Box, str]]]:
    """The texts of a rendered map as (box, text, own symbol id) and its symbols as (box, id).

    A text's box runs from 0.78 of its font size above the baseline to 0.22
    below (DejaVu Sans' ascent and descent), as wide as ``text_width`` says;
    the white halo copies are skipped. ``own`` is the symbol a text is written
    inside (an age, an icon, a badge), else ''.
    """
    texts: list[tuple[Box, str, str]] = []
    symbols: list[tuple[Box, str]] = []

    def walk(el: ET.Element, dx: float, dy: float, symbol: str, inside: bool) -> None:
        cls = _classes(el)
        if cls & _LEFT_OUT:
            return
        tx, ty = _translate(el)
        dx, dy = dx + tx, dy + ty
        tag = el.tag.removeprefix(NS)
        if tag == "text":
            if "halo" in cls or not (el.text or "").strip():
                return
            size = float(el.get("font-size", 12))
            x, y = dx + float(el.get("x", 0)), dy + float(el.get("y", 0))
            w = text_width(el.text, size)
            anchor = el.get("text-anchor", "start")
            left = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
            own = symbol if (cls & _INSIDE_OWN or inside) else ""
            texts.append(((left, y - 0.78 * size, left + w, y + 0.22 * size), el.text, own))
            return
        if tag == "g" and "symbol" in cls:
            symbol = el.get("data-symbol-id", "")
            outlines = [_outline_box(c, dx, dy) for c in el if _classes(c) & {"shape", "index"}]
            outlines = [b for b in outlines if b]
            if outlines:
                box = (
                    min(b[0] for b in outlines),
                    min(b[1] for b in outlines),
                    max(b[2] for b in outlines),
                    max(b[3] for b in outlines),
                )
                symbols.append((box, symbol))
        for child in el:
            walk(child, dx, dy, symbol, inside or "badge" in cls)

    walk(ET.fromstring(svg), 0.0, 0.0, "", False)
    return texts, symbols


def _hit(a: Box, b: Box) -> bool:
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE
    )


def overlaps(svg: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text, text) pairs whose boxes overlap, and (text, symbol id) pairs of a text over a
    symbol other than its own."""
    texts, symbols = text_boxes(svg)
    on_text: list[tuple[str, str]] = []
    order = sorted(range(len(texts)), key=lambda i: texts[i][0][0])
    for n, i in enumerate(order):  # a sweep from left to right
        a = texts[i][0]
        for j in order[n + 1 :]:
            b = texts[j][0]
            if b[0] >= a[2]:
                break
            if _hit(a, b):
                on_text.append((texts[i][1], texts[j][1]))
    on_symbol = [
        (text, sid)
        for box, text, own in texts
        for sbox, sid in symbols
        if sid != own and _hit(box, sbox)
    ]
    return on_text, on_symbol


def rendered(drawing: Drawing, large: bool) -> str:
    """The map as the screen shows it (no legend, no caption), in normal or large type."""
    return render_svg(drawing, RenderOptions(large_font=large, legend=False, caption=False))


# ----------------------------------------------------------------- the cases
@cache
def _gramps_tree():
    content = (DATA / "gedcom" / "gramps_example.ged").read_bytes()
    return read_import_file("gramps_example.ged", content)


def _around(person_id: str):
    return lambda: around_person(_gramps_tree(), person_id, 3)


def _network(name: str):
    return lambda: read_import_file(name, (DATA / "network" / name).read_bytes())


CASES = {
    "demo": demo_case,
    **{
        key: (lambda key=key: load_training_case(key))
        for key in ("gezin", "dementie", "jongvolwassene")
    },
    # the Gramps example tree (2,157 people) around one person, three generations:
    # 99 and 95 people; the second has a long name ("... von Zieliński Sr")
    "gramps-garner": _around("ged-I0046"),
    "gramps-zielinski": _around("ged-I0044"),
    "dolphins": _network("dolphins.gml"),  # 62 dolphins
    "lesmis": _network("lesmis.gml"),  # 77 characters of Les Misérables
}
LENSES = ("genogram", "ecogram", "sociogram")


@cache
def case(name: str):
    return CASES[name]()


def _egos(name: str) -> list[str]:
    """Whose netwerkkaart: the client, and in a network the member with the most ties."""
    data = case(name)
    egos = [data.index_person().id] if data.index_person() else []
    if name in ("dolphins", "lesmis"):
        degree: dict[str, int] = {}
        for r in data.relations:
            for end in (r.source, r.target):
                degree[end] = degree.get(end, 0) + 1
        egos.append(max(sorted(degree), key=degree.get))
    return list(dict.fromkeys(egos))


def maps():
    for name in CASES:
        for lens in LENSES:
            yield name, lens


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize(("name", "lens"), list(maps()))
def test_no_text_covers_text_or_symbol(name, lens, large):
    data = case(name)
    scale = text_scale(RenderOptions(large_font=large))
    drawings = []
    if lens == "sociogram":
        drawings = [draw(data, lens, ego=ego, text_scale=scale) for ego in _egos(name)]
    else:
        drawings = [draw(data, lens, text_scale=scale)]
    for drawing in drawings:
        # as the canvas shows it: with the '+'/'-' badges of linked balance factors
        svg = rendered(apply_badges(drawing, data), large)
        on_text, on_symbol = overlaps(svg)
        assert on_text == [], f"{name} {lens}: text over text {on_text[:5]}"
        assert on_symbol == [], f"{name} {lens}: text over a symbol {on_symbol[:5]}"


def test_the_cases_are_the_sizes_the_issue_asks():
    """About 100 people in the family trees, 50 to 80 in the networks, all drawn."""
    for name in ("gramps-garner", "gramps-zielinski"):
        people = [e for e in case(name).entities if e.is_person]
        assert 90 <= len(people) <= 110, (name, len(people))
        assert len(draw(case(name), "genogram").symbols) >= len(people)
    for name, size in (("dolphins", 62), ("lesmis", 77)):
        assert len(case(name).entities) == size
    ego = _egos("lesmis")[-1]
    assert len(draw(case("lesmis"), "sociogram", ego=ego).symbols) > 30  # Valjean's many ties


# ----------------------------------------------------------------- the check itself
def test_the_check_sees_a_name_over_a_name_and_over_a_symbol():
    """Two people placed too close: their names collide, and a name on a symbol."""
    drawing = Drawing(lens="genogram")
    drawing.symbols += [
        Symbol(id="a", x=0, y=0, shape="square", label="Fatima Jansen"),
        Symbol(id="b", x=60, y=0, shape="circle", label="Rick de Boer"),
        Symbol(id="c", x=300, y=0, shape="circle", label="Noor"),
    ]
    on_text, on_symbol = overlaps(rendered(drawing, False))
    assert on_text == [("Fatima Jansen", "Rick de Boer")]
    assert on_symbol == []
    drawing.texts.append(Text(x=300, y=4, text="x 2007 // 2016", size=11))
    on_text, on_symbol = overlaps(rendered(drawing, False))
    assert ("x 2007 // 2016", "c") in on_symbol


def test_the_check_sees_what_large_type_does_to_an_old_layout():
    """A genogram laid out for normal type and rendered in large type has overlaps (the bug
    of #15); laid out at the large scale it has none."""
    data = case("demo")
    old = overlaps(rendered(draw(data, "genogram"), True))
    new = overlaps(rendered(draw(data, "genogram", text_scale=1.5), True))
    assert len(old[0]) + len(old[1]) > 0
    assert new == ([], [])


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lens", LENSES)
def test_no_overlaps_in_english_either(lens, large):
    """English words are longer or shorter ('Friends and acquaintances', 'pregnancy')."""
    scale = text_scale(RenderOptions(large_font=large))
    drawing = draw(case("demo"), lens, lang="en", text_scale=scale)
    assert overlaps(rendered(apply_badges(drawing, case("demo")), large)) == ([], [])


def test_text_scale_is_the_renderers_factor():
    assert text_scale(RenderOptions()) == 1.0
    assert text_scale(RenderOptions(large_font=True)) == 1.5
    drawing = Drawing(lens="genogram", symbols=[Symbol(id="a", x=0, y=0, label="Jan")])
    texts, _ = text_boxes(rendered(drawing, True))
    (box, text, _), *_ = texts
    assert text == "Jan" and box[3] - box[1] == pytest.approx(12 * 1.5)


def test_netwerkkaart_rings_take_the_radius_their_members_need():
    """#15.2: no wide empty ring; an empty ring keeps room for its name; sectors keep angles."""
    from mapping.lenses.sociogram import SECTOR_ANGLES
    from mapping.lenses.sociogram_layout import EMPTY_BAND, farthest, symbol_box, text_rect

    for name in ("demo", "dementie", "jongvolwassene", "dolphins", "lesmis"):
        data = case(name)
        for ego in _egos(name):
            drawing = draw(data, "sociogram", ego=ego)
            rings = sorted(a.r for a in drawing.areas if a.id.startswith("ring-"))
            members = [s for s in drawing.symbols if s.id != ego]
            inner = 80.0
            for outer in rings:
                inside = [s for s in members if inner < (s.x**2 + s.y**2) ** 0.5 <= outer]
                if not inside and outer != rings[-1]:  # an empty ring: room for its name
                    assert outer - inner <= EMPTY_BAND + 1, (name, ego, inner, outer)
                elif not inside:  # the empty outer ring holds the sector names (two lines
                    # at the sides): about as wide as the longest word of one
                    assert outer - inner <= 13 * 14 * 0.6 * 1.08 + 40, (name, ego, inner, outer)
                else:  # the farthest corner of a member's box (its labels too) is near the rim
                    far = max(farthest(symbol_box(s).at(s.x, -s.y)) for s in inside)
                    if outer == rings[-1]:  # the sector names stand inside its rim too
                        far = max(far, *(farthest(text_rect(t)) for t in drawing.texts))
                    assert outer - far < 40, (name, ego, outer, far)
                inner = outer
            wedges = {
                a.id: (a.start_angle, a.end_angle) for a in drawing.areas if a.shape == "wedge"
            }
            assert wedges == {f"sector-{s.value}": angles for s, angles in SECTOR_ANGLES.items()}


def test_labels_of_converging_connections_do_not_cover_each_other():
    """The demo after the browser tests: Rick - GGZ twice ('intake in maart', 'wachtlijst')
    beside Sanne - GGZ's 'wachtlijst'. Their middles are close together; the later
    labels move along their lines (the soak run found them on top of each other)."""
    from mapping.core.model import Relation
    from mapping.core.vocabulary import ConnectionStrength, Flow, RelationKind
    from mapping.lenses import draw

    data = demo_case()
    for rid, flow, text in (
        ("c1", Flow.NONE, "intake in maart"),
        ("c2", Flow.FROM_FAMILY, "wachtlijst"),
    ):
        data.relations.append(
            Relation(
                id=rid,
                kind=RelationKind.CONNECTION,
                source="rick",
                target="ggz",
                subtype=ConnectionStrength.STRESSFUL,
                flow=flow,
                label=text,
            )
        )
    on_text, on_symbol = overlaps(rendered(draw(data, "ecogram"), False))
    assert on_text == [] and on_symbol == []
