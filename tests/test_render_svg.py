"""The one SVG renderer: every shape, every line style, escaping, options, speed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mapping.core.drawing import (
    LINE_STYLES,
    SHAPES,
    Area,
    Caption,
    Drawing,
    LegendEntry,
    Line,
    Symbol,
    Text,
)
from mapping.render.svg import RenderOptions, render_svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", "Tom & Jerry", 'say "hi"', "]]> end", "bell\x07\x00x"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if cls in g.get("class", "").split()]


def symbol_group(root: ET.Element, entity_id: str) -> ET.Element:
    (found,) = [g for g in groups(root, "symbol") if g.get("data-entity-id") == entity_id]
    return found


def line_group(root: ET.Element, relation_id: str) -> ET.Element:
    (found,) = [g for g in groups(root, "line") if g.get("data-relation-id") == relation_id]
    return found


def with_class(element: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in element.iter() if cls in e.get("class", "").split()]


def one(shape: str = "square", **kw) -> Drawing:
    d = Drawing(lens="genogram")
    kw.setdefault("label", "Jan")
    d.symbols.append(Symbol(id="p", entity_id="p", x=0, y=0, shape=shape, **kw))
    return d


def a_line(style: str = "solid", **kw) -> Drawing:
    d = Drawing(lens="genogram")
    d.lines.append(
        Line(id="l", points=((0, 0), (200, 0)), style=style, relation_id="r", ends=("a", "b"), **kw)
    )
    return d


def gallery() -> Drawing:
    """Every shape, every decoration, every line style, areas and a legend."""
    d = Drawing(lens="genogram")
    for i, shape in enumerate(SHAPES):
        d.symbols.append(
            Symbol(
                id=f"s-{shape}",
                entity_id=f"s-{shape}",
                x=i * 100,
                y=0,
                shape=shape,
                label=shape,
                sublabels=("1960",),
                annotations=("een notitie",),
                variant="circle" if shape == "small" else "",
                icon="🏫" if shape == "system" else "",
                inner_label="42" if shape in ("square", "circle", "unknown", "diamond") else "",
            )
        )
    extras = [
        dict(label="overleden", deceased=True, inner_label="78"),
        dict(label="cliënt", index=True, shape="circle", inner_label="35"),
        dict(label="verslaving", fill_parts=("lower",), inner_label="47"),
        dict(label="psychisch", fill_parts=("left",), shape="circle"),
        dict(label="lichamelijk", fill_parts=("right",), shape="diamond"),
        dict(label="balans", badges=("+", "-"), shape="circle"),
        dict(label="alles", shape="circle", deceased=True, index=True, fill_parts=("lower",)),
        dict(label="boven", shape="square", label_below=False, sublabels=("naam boven",)),
    ]
    for j, kw in enumerate(extras):
        kw.setdefault("shape", "square")
        d.symbols.append(Symbol(id=f"x{j}", entity_id=f"x{j}", x=j * 110, y=150, **kw))
    for k, style in enumerate(LINE_STYLES):
        y = 280 + k * 45
        d.lines.append(
            Line(
                id=f"l-{style}",
                points=((0, y), (300, y)),
                style=style,
                label=style,
                note="notitie",
                relation_id=f"r-{style}",
                ends=(f"a{k}", f"b{k}"),
            )
        )
    d.lines.append(
        Line(
            id="divorce",
            points=((420, 280), (420, 310), (640, 310), (640, 280)),
            slashes=2,
            label="x. 2003",
            relation_id="r-divorce",
        )
    )
    d.lines.append(
        Line(
            id="sep", points=((420, 360), (640, 360)), slashes=1, label="sep.", relation_id="r-sep"
        )
    )
    d.lines.append(
        Line(
            id="abuse",
            points=((420, 410), (640, 450)),
            style="zigzag",
            color="#7b1fa2",
            width=2.5,
            arrow_end=True,
            relation_id="r-abuse",
            label="mishandeling",
        )
    )
    d.lines.append(
        Line(
            id="both",
            points=((420, 500), (640, 500)),
            style="double",
            color="#2e7d32",
            arrow_start=True,
            arrow_end=True,
            relation_id="r-both",
        )
    )
    d.areas.append(
        Area(
            id="hh",
            shape="rect",
            x=-40,
            y=-40,
            w=260,
            h=120,
            radius=10,
            dash="6 4",
            label="huishouden",
        )
    )
    d.areas.append(
        Area(
            id="w",
            shape="wedge",
            x=850,
            y=430,
            r=150,
            r_inner=50,
            start_angle=0,
            end_angle=90,
            fill="#e8eaf6",
            label="familie",
        )
    )
    d.areas.append(Area(id="c", shape="circle", x=850, y=430, r=40, fill="#fff8e1", label="kern"))
    d.areas.append(
        Area(
            id="poly", shape="polygon", points=((720, 280), (790, 260), (800, 330)), fill="#eeeeee"
        )
    )
    d.texts.append(Text(x=850, y=250, text="Generatie I", weight="bold"))
    d.texts.append(Text(x=850, y=600, text="losse notitie", note=True))
    d.legend = [
        LegendEntry("m", "man", Symbol(id="lm", x=0, y=0, shape="square")),
        LegendEntry("f", "vrouw", Symbol(id="lf", x=0, y=0, shape="circle")),
        LegendEntry("dead", "overleden", Symbol(id="ld", x=0, y=0, shape="square", deceased=True)),
        LegendEntry("div", "gescheiden", Line(id="ldiv", points=((0, 0), (1, 0)), slashes=2)),
        LegendEntry("conflict", "conflict", Line(id="lz", points=((0, 0), (1, 0)), style="zigzag")),
        LegendEntry("hh", "huishouden", Area(id="la", shape="rect", dash="6 4")),
    ]
    d.caption = Caption(
        title="Galerij",
        case_code="T-1",
        date="2026-11-22",
        author="Anna",
        lens="genogram",
        note="test",
    )
    return d


# ------------------------------------------------------------------ document
def test_standalone_svg_document():
    svg = render_svg(gallery())
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("version") == "1.1"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert width > 900 and height > 600
    assert "DejaVu Sans" in root.get("font-family")
    assert "href" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "@import" not in svg and "url(http" not in svg


def test_empty_drawing_renders():
    root = parse(render_svg(Drawing(lens="ecogram")))
    assert float(root.get("width")) > 0


def test_paint_order_areas_lines_symbols_texts_legend_caption():
    svg = render_svg(gallery())
    marks = [
        svg.index('class="area'),
        svg.index('class="line'),
        svg.index('class="symbol'),
        svg.index(">Generatie I<"),
        svg.index('class="legend"'),
        svg.index('class="caption"'),
    ]
    assert marks == sorted(marks)


# ------------------------------------------------------------------ shapes
@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "point"])
def test_every_shape_draws_something(shape):
    root = parse(render_svg(one(shape, variant="square")))
    g = symbol_group(root, "p")
    assert g.get("data-x") == "0" and g.get("data-y") == "0"
    assert g.get("transform") == "translate(0,0)"
    assert g.find(f"{NS}title").text == "Jan"
    drawn = [e for e in g if e.tag in {f"{NS}{t}" for t in ("rect", "circle", "path", "ellipse")}]
    assert drawn, shape


def test_shape_elements_follow_mcgoldrick():
    root = parse(render_svg(gallery()))

    def first_shape(eid):
        return with_class(symbol_group(root, eid), "shape")[0]

    assert first_shape("s-square").tag == f"{NS}rect"
    assert first_shape("s-circle").tag == f"{NS}circle"
    assert first_shape("s-diamond").get("d").count("L") == 3
    assert first_shape("s-triangle").get("d").count("L") == 2
    unknown = symbol_group(root, "s-unknown")
    assert any(t.text == "?" for t in unknown.iter(f"{NS}text"))
    dot = first_shape("s-dot")
    assert dot.tag == f"{NS}circle" and float(dot.get("r")) < 10 and dot.get("fill") != "#ffffff"
    assert "abortion" in first_shape("s-x").get("class")
    small = symbol_group(root, "s-small")
    assert with_class(small, "stillbirth"), "a stillbirth carries a cross"
    assert with_class(small, "shape")[0].tag == f"{NS}circle"  # its variant
    system = first_shape("s-system")
    assert system.tag == f"{NS}rect" and float(system.get("rx")) > 0
    assert with_class(symbol_group(root, "s-system"), "icon")
    assert first_shape("s-ellipse").tag == f"{NS}ellipse"
    assert not [g for g in groups(root, "symbol") if g.get("data-entity-id") == "s-point"]


def test_deceased_has_a_cross_and_a_legible_age():
    root = parse(render_svg(one(deceased=True, inner_label="78")))
    g = symbol_group(root, "p")
    (cross,) = with_class(g, "deceased")
    assert cross.get("d").count("M") == 2  # two strokes: an X
    inner = [t for t in with_class(g, "inner")]
    assert inner and inner[0].text == "78"
    # the age is painted after the cross, with a white halo under it
    order = list(g)
    assert order.index(cross) < order.index(inner[0])
    assert any("halo" in t.get("class", "") and t.text == "78" for t in g.iter(f"{NS}text"))
    alive = symbol_group(parse(render_svg(one())), "p")
    assert not with_class(alive, "deceased")


def test_index_person_has_a_double_outline():
    g = symbol_group(parse(render_svg(one("circle", index=True))), "p")
    (outer,) = with_class(g, "index")
    assert float(outer.get("r")) > float(with_class(g, "shape")[0].get("r"))


@pytest.mark.parametrize("part", ["lower", "left", "right"])
@pytest.mark.parametrize("shape", ["square", "circle", "diamond", "triangle"])
def test_fill_parts_fill_a_half_dark(shape, part):
    g = symbol_group(parse(render_svg(one(shape, fill_parts=(part,)))), "p")
    (half,) = with_class(g, f"fill-{part}")
    assert half.get("fill") == "#333333" and half.get("d").endswith("Z")


def test_labels_sublabels_and_notes_below():
    d = one(sublabels=("1984", "42 jr"), annotations=("caissière",))
    g = symbol_group(parse(render_svg(d)), "p")
    texts = [t for t in g.iter(f"{NS}text") if "halo" not in t.get("class", "")]
    assert [t.text for t in texts] == ["Jan", "1984", "42 jr", "caissière"]
    ys = [float(t.get("y")) for t in texts]
    assert ys == sorted(ys) and ys[0] > 20  # below the symbol
    assert "note" in texts[-1].get("class") and texts[-1].get("font-style") == "italic"
    above = one(label_below=False)
    label = with_class(symbol_group(parse(render_svg(above)), "p"), "label")[0]
    assert float(label.get("y")) < -20


def test_badges_at_top_right():
    g = symbol_group(parse(render_svg(one("circle", badges=("+", "-")))), "p")
    badges = with_class(g, "badge")
    assert len(badges) == 2
    fills = [b.find(f"{NS}circle").get("fill") for b in badges]
    assert fills == ["#2e7d32", "#c62828"]
    for b in badges:
        c = b.find(f"{NS}circle")
        assert float(c.get("cx")) > 0 and float(c.get("cy")) < 0


def test_css_classes_and_tooltip():
    d = one(css="ego member", tooltip="Jan (vader) <b>")
    g = symbol_group(parse(render_svg(d)), "p")
    assert {"symbol", "ego", "member"} <= set(g.get("class").split())
    assert g.find(f"{NS}title").text == "Jan (vader) <b>"


# ------------------------------------------------------------------ lines
def strokes(g: ET.Element) -> list[ET.Element]:
    return with_class(g, "stroke")


@pytest.mark.parametrize("style", LINE_STYLES)
def test_every_line_style(style):
    root = parse(render_svg(a_line(style)))
    g = line_group(root, "r")
    assert g.get("data-ends") == "a b"
    assert f"style-{style}" in g.get("class") and "layer-family" in g.get("class")
    expected_strokes = {
        "solid": 1,
        "dashed": 1,
        "dotted": 1,
        "double": 2,
        "triple": 3,
        "zigzag": 1,
        "double_zigzag": 2,
        "double_with_zigzag": 3,
        "cutoff": 2,
        "hatched": 1,
    }
    assert len(strokes(g)) == expected_strokes[style]


def test_dashes_and_dots():
    dashed = strokes(line_group(parse(render_svg(a_line("dashed"))), "r"))[0]
    dotted = strokes(line_group(parse(render_svg(a_line("dotted"))), "r"))[0]
    assert dashed.get("stroke-dasharray") and dotted.get("stroke-dasharray")
    assert dotted.get("stroke-linecap") == "round"
    assert not strokes(line_group(parse(render_svg(a_line())), "r"))[0].get("stroke-dasharray")


def vertices(path: ET.Element) -> list[tuple[float, float]]:
    nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
    return list(zip(nums[::2], nums[1::2], strict=True))


def test_zigzag_is_a_real_zigzag():
    (zz,) = with_class(line_group(parse(render_svg(a_line("zigzag"))), "r"), "zigzag")
    pts = vertices(zz)
    assert len(pts) > 20
    ys = [y for _, y in pts[1:-1]]
    assert max(ys) > 2 and min(ys) < -2  # teeth on both sides of the line
    assert pts[0] == (0, 0) and pts[-1] == (200, 0)


def test_double_and_triple_are_parallel():
    g = line_group(parse(render_svg(a_line("triple"))), "r")
    ys = sorted({vertices(p)[0][1] for p in strokes(g)})
    assert len(ys) == 3 and ys[0] < 0 < ys[2]
    g2 = line_group(parse(render_svg(a_line("double_with_zigzag"))), "r")
    assert len(with_class(g2, "zigzag")) == 1


def test_cutoff_has_a_gap_and_two_bars():
    g = line_group(parse(render_svg(a_line("cutoff"))), "r")
    first, second = strokes(g)
    assert vertices(first)[-1][0] < 100 < vertices(second)[0][0]
    bars = with_class(g, "cutoff-bar")
    assert len(bars) == 2
    for bar in bars:
        (x1, y1), (x2, y2) = vertices(bar)
        assert abs(x1 - x2) < 0.5 and abs(y1 - y2) > 8  # perpendicular


def test_hatched_has_cross_strokes():
    (hatch,) = with_class(line_group(parse(render_svg(a_line("hatched"))), "r"), "hatch")
    assert hatch.get("d").count("M") > 10


def test_slashes_for_separation_and_divorce():
    root = parse(render_svg(gallery()))
    assert len(with_class(line_group(root, "r-divorce"), "slash")) == 2
    assert len(with_class(line_group(root, "r-sep"), "slash")) == 1
    slash = with_class(line_group(root, "r-sep"), "slash")[0]
    (x1, _), (x2, _) = vertices(slash)
    assert min(x1, x2) < 530 < max(x1, x2)  # across the middle


def test_arrows_use_markers_defined_once():
    svg = render_svg(gallery())
    root = parse(svg)
    markers = {m.get("id") for m in root.iter(f"{NS}marker")}
    assert root.find(f"{NS}defs") is not None
    used = set(re.findall(r'marker-(?:start|end)="url\(#([^)]+)\)"', svg))
    assert used and used <= markers
    (arrows,) = with_class(line_group(root, "r-both"), "arrows")
    assert arrows.get("marker-start") and arrows.get("marker-end")
    assert len(markers) == len(set(markers))
    assert svg.count("<marker ") == len(markers)


def test_arrow_stops_at_the_symbol_edge():
    d = Drawing(lens="sociogram")
    d.symbols.append(Symbol(id="a", entity_id="a", x=0, y=0, shape="circle", size=40))
    d.symbols.append(Symbol(id="b", entity_id="b", x=200, y=0, shape="square", size=40))
    d.lines.append(
        Line(id="l", points=((0, 0), (200, 0)), arrow_end=True, relation_id="r", ends=("a", "b"))
    )
    (arrows,) = with_class(line_group(parse(render_svg(d)), "r"), "arrows")
    assert vertices(arrows)[-1][0] <= 180


def test_line_label_and_note():
    root = parse(render_svg(a_line(label="x. 2003", note="via rechter")))
    g = line_group(root, "r")
    assert [t.text for t in with_class(g, "line-label")] == ["x. 2003"]
    assert [t.text for t in with_class(g, "note")] == ["via rechter"]
    assert any("halo" in t.get("class", "") for t in g.iter(f"{NS}text"))


# ------------------------------------------------------------------ areas, legend, caption
def test_areas_every_shape():
    root = parse(render_svg(gallery()))
    kinds = {g.get("data-area-id"): g for g in groups(root, "area")}
    assert kinds["hh"].find(f"{NS}rect").get("stroke-dasharray") == "6 4"
    assert kinds["c"].find(f"{NS}circle") is not None
    wedge = kinds["w"].find(f"{NS}path").get("d")
    assert wedge.count("A") == 2  # outer and inner arc
    assert kinds["poly"].find(f"{NS}path").get("d").endswith("Z")


def test_legend_draws_samples_with_the_same_code():
    root = parse(render_svg(gallery()))
    (legend,) = groups(root, "legend")
    rows = groups(legend, "legend-row")
    assert [r.get("data-key") for r in rows] == ["m", "f", "dead", "div", "conflict", "hh"]
    assert with_class(rows[2], "deceased")
    assert len(with_class(rows[3], "slash")) == 2
    assert with_class(rows[4], "zigzag")
    assert rows[0].findall(f"{NS}text")[-1].text == "man"
    # samples are drawn by the same code but are not relations a script could select
    assert not [g for g in groups(legend, "line")]
    assert with_class(rows[3], "sample-line")
    no_legend = parse(render_svg(gallery(), RenderOptions(legend=False)))
    assert not groups(no_legend, "legend")


def test_caption_band():
    root = parse(render_svg(gallery()))
    (caption,) = groups(root, "caption")
    text = " ".join(t.text for t in caption.iter(f"{NS}text"))
    for part in ("Galerij", "T-1", "2026-11-22", "Anna", "Genogram", "test"):
        assert part in text
    en = parse(render_svg(gallery(), RenderOptions(lang="en")))
    assert "Case T-1" in " ".join(t.text for t in groups(en, "caption")[0].iter(f"{NS}text"))
    assert not groups(parse(render_svg(gallery(), RenderOptions(caption=False))), "caption")


# ------------------------------------------------------------------ escaping
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_render_as_text(name):
    d = one(tooltip=name, annotations=(name,), sublabels=(name,))
    d.symbols[0].label = name
    d.symbols[0].entity_id = name
    d.symbols[0].css = name
    d.lines.append(Line(id=name, points=((0, 0), (90, 0)), label=name, note=name, relation_id=name))
    d.areas.append(Area(id=name, shape="rect", w=10, h=10, label=name, fill=name))
    d.texts.append(Text(x=0, y=0, text=name))
    d.legend.append(LegendEntry(name, name, Symbol(id=name, x=0, y=0)))
    d.caption = Caption(title=name, case_code=name, author=name, note=name)
    svg = render_svg(d)
    root = parse(svg)  # well-formed
    assert "<script" not in svg
    clean = name.replace("\x07", "").replace("\x00", "")
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert clean in texts
    assert symbol_group(root, clean) is not None


def test_control_characters_are_dropped():
    svg = render_svg(one(label="a\x01b\x1fc\ufffe"))
    assert "abc" in svg
    parse(svg)


# ------------------------------------------------------------------ options
def test_hide_notes_removes_every_note():
    shown = render_svg(gallery())
    assert 'class="note"' in shown
    root = parse(render_svg(gallery(), RenderOptions(hide_notes=True)))
    assert not [e for e in root.iter() if "note" in e.get("class", "").split()]
    assert "een notitie" not in render_svg(gallery(), RenderOptions(hide_notes=True))
    assert "losse notitie" not in render_svg(gallery(), RenderOptions(hide_notes=True))


def test_hidden_layers_are_left_out():
    d = a_line()
    d.lines.append(
        Line(
            id="e",
            points=((0, 50), (200, 50)),
            style="zigzag",
            layer="emotional",
            relation_id="emo",
        )
    )
    root = parse(render_svg(d, RenderOptions(hidden_layers=frozenset({"emotional"}))))
    assert [g.get("data-relation-id") for g in groups(root, "line")] == ["r"]
    assert len(groups(parse(render_svg(d)), "line")) == 2


def test_highlight_fades_everything_not_touching():
    d = Drawing(lens="sociogram")
    for i, eid in enumerate(("ego", "friend", "stranger")):
        d.symbols.append(Symbol(id=eid, entity_id=eid, x=i * 100, y=0))
    d.lines.append(
        Line(id="1", points=((0, 0), (100, 0)), relation_id="t1", ends=("ego", "friend"))
    )
    d.lines.append(
        Line(id="2", points=((100, 0), (200, 0)), relation_id="t2", ends=("friend", "stranger"))
    )
    root = parse(render_svg(d, RenderOptions(highlight=frozenset({"ego"}))))
    assert symbol_group(root, "ego").get("opacity") is None
    assert symbol_group(root, "friend").get("opacity") is None  # a direct tie stays
    assert symbol_group(root, "stranger").get("opacity") == "0.2"
    assert line_group(root, "t1").get("opacity") is None
    assert line_group(root, "t2").get("opacity") == "0.2"
    plain = parse(render_svg(d))
    assert all(g.get("opacity") is None for g in groups(plain, "symbol"))


def test_large_font_scales_text():
    def label_size(options):
        g = symbol_group(parse(render_svg(one(), options)), "p")
        return float(with_class(g, "label")[0].get("font-size"))

    assert label_size(RenderOptions(large_font=True)) == pytest.approx(
        1.5 * label_size(RenderOptions()), rel=0.01
    )


def test_labels_fit_inside_the_canvas():
    d = one(label="Een heel erg lange naam die breder is dan het symbool")
    root = parse(render_svg(d, RenderOptions(legend=False, caption=False, margin=0)))
    assert float(root.get("width")) > 250


def test_interactive_marks_draggable_symbols():
    d = one()
    d.symbols.append(Symbol(id="ego", entity_id="ego", x=100, y=0, draggable=False))
    root = parse(render_svg(d, RenderOptions(interactive=True)))
    assert symbol_group(root, "p").get("data-draggable") == "true"
    assert symbol_group(root, "ego").get("data-draggable") == "false"
    assert root.find(f"{NS}defs") is not None
    assert symbol_group(parse(render_svg(d)), "p").get("data-draggable") is None


def test_options_are_frozen_with_defaults():
    o = RenderOptions()
    assert (o.legend, o.caption, o.hide_notes, o.large_font, o.lang, o.margin) == (
        True,
        True,
        False,
        False,
        "nl",
        40,
    )
    with pytest.raises(AttributeError):
        o.legend = False  # type: ignore[misc]


# ------------------------------------------------------------------ many symbols
def many_symbols(count: int = 500) -> Drawing:
    """A drawing of ``count`` symbols in a grid, each joined to the next by a line
    (also the input of ``tests/benchmarks/bench_render.py``)."""
    d = Drawing(lens="genogram")
    for i in range(count):
        d.symbols.append(
            Symbol(
                id=f"p{i}",
                entity_id=f"p{i}",
                x=(i % 25) * 80,
                y=(i // 25) * 100,
                shape=("square", "circle")[i % 2],
                label=f"Persoon {i}",
                sublabels=("1970–2020",),
                annotations=("notitie",),
                inner_label="50",
                deceased=i % 7 == 0,
            )
        )
    for i in range(count - 1):
        d.lines.append(
            Line(
                id=f"l{i}",
                points=(
                    ((i % 25) * 80, (i // 25) * 100),
                    (((i + 1) % 25) * 80, ((i + 1) // 25) * 100),
                ),
                style=LINE_STYLES[i % len(LINE_STYLES)],
                relation_id=f"r{i}",
                ends=(f"p{i}", f"p{i + 1}"),
            )
        )
    return d


def test_500_symbols_and_lines_all_render():
    svg = render_svg(many_symbols(500))
    assert svg.count('class="symbol') == 500
    assert svg.count('data-relation-id="r') == 499
