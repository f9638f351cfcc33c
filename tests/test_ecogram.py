"""The ecogram lens: connection styles and flow, the ring layout, drags, legend, export."""

from __future__ import annotations

import io
import math
from itertools import combinations

import pytest

from mapping.core.drawing import Drawing, Symbol
from mapping.core.errors import InvalidInput
from mapping.core.model import Case, CaseData, Entity, Position, Relation
from mapping.core.vocabulary import (
    TERMS,
    ConnectionStrength,
    EntityKind,
    Flow,
    Lens,
    RelationKind,
    Sector,
    Sex,
    SystemKind,
)
from mapping.lenses import draw
from mapping.lenses.ecogram import connection_between, layout_ecogram, make_connection

M, F = Sex.MALE, Sex.FEMALE
K = RelationKind.CONNECTION


# ----------------------------------------------------------------- builders
def person(pid, sex=F, **kw) -> Entity:
    return Entity(id=pid, name=kw.pop("name", pid.capitalize()), sex=sex, **kw)


def system(sid, kind=SystemKind.SCHOOL, **kw) -> Entity:
    return Entity(
        id=sid,
        name=kw.pop("name", sid.capitalize()),
        kind=EntityKind.SYSTEM,
        system_kind=kind,
        **kw,
    )


def connect(a, b, strength=ConnectionStrength.MODERATE, flow=Flow.NONE, **kw) -> Relation:
    return Relation(id=f"k-{a}-{b}", kind=K, source=a, target=b, subtype=strength, flow=flow, **kw)


def make_case(entities, relations=(), positions=()) -> CaseData:
    return CaseData(
        case=Case(id="t", code="T-1", title="Testgezin"),
        entities=list(entities),
        relations=list(relations),
        positions=list(positions),
    )


def make_family(extra_systems=(), extra_relations=()) -> CaseData:
    """Mother (client) and son in the household, father outside, three systems."""
    people = [
        person("mother", F, birth="1985", index_person=True, household=True),
        person("son", M, birth="2010", household=True),
        person("father", M, birth="1983"),
    ]
    systems = [
        system("school", SystemKind.SCHOOL),
        system("gp", SystemKind.GP, name="Huisarts"),
        system("debt", SystemKind.DEBT_COUNSELLING, name="Schuldhulp"),
    ]
    relations = [
        Relation(id="c-mother-son", kind=RelationKind.PARENT_CHILD, source="mother", target="son"),
        Relation(id="c-father-son", kind=RelationKind.PARENT_CHILD, source="father", target="son"),
        connect("son", "school", ConnectionStrength.STRESSFUL, Flow.BOTH, label="verzuim"),
        connect("mother", "gp", ConnectionStrength.STRONG, Flow.TO_FAMILY),
        connect(
            "mother", "debt", ConnectionStrength.WEAK, Flow.FROM_FAMILY, label="schuld € 4.000"
        ),
    ]
    return make_case(people + systems + list(extra_systems), relations + list(extra_relations))


def with_systems(n: int) -> CaseData:
    """The household plus ``n`` systems of mixed kinds, each connected to the mother."""
    kinds = list(SystemKind)
    systems = [
        system(f"s{i:02d}", kinds[(i * 7) % len(kinds)], name=f"Systeem {i}") for i in range(n)
    ]
    relations = [connect("mother", s.id) for s in systems]
    people = [
        person("mother", F, birth="1985", index_person=True, household=True),
        person("son", M, birth="2010", household=True),
        person("daughter", F, birth="2014", household=True),
    ]
    return make_case(people + systems, relations)


def line_of(drawing: Drawing, relation_id: str):
    return next(line for line in drawing.lines if line.relation_id == relation_id)


def ring_symbols(drawing: Drawing) -> list[Symbol]:
    return [s for s in drawing.symbols if "ring" in s.css.split()]


def distance(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def angle_of(s: Symbol) -> float:
    return math.atan2(s.y, s.x) % (2 * math.pi)


# ----------------------------------------------------------------- connections
@pytest.mark.parametrize("strength", list(ConnectionStrength))
def test_every_connection_strength_is_drawn_in_its_vocabulary_style(strength):
    data = make_family(extra_relations=[connect("son", "gp", strength)])
    line = line_of(layout_ecogram(data), "k-son-gp")
    style = TERMS[strength].style
    assert line.style == style["line"]
    assert line.width == style["width"]
    assert line.color == style.get("color", "#222222")
    assert line.layer == "connection"


def test_the_conventional_styles_differ_from_each_other():
    styles = {s: TERMS[s].style for s in ConnectionStrength}
    assert styles[ConnectionStrength.STRONG]["width"] > styles[ConnectionStrength.MODERATE]["width"]
    assert styles[ConnectionStrength.WEAK]["line"] == "dashed"
    assert styles[ConnectionStrength.STRESSFUL]["line"] == "zigzag"


@pytest.mark.parametrize(
    ("flow", "at_family", "at_system"),
    [
        (Flow.NONE, False, False),
        (Flow.TO_FAMILY, True, False),
        (Flow.FROM_FAMILY, False, True),
        (Flow.BOTH, True, True),
    ],
)
@pytest.mark.parametrize("reverse", [False, True])
def test_flow_arrows_point_at_the_right_end(flow, at_family, at_system, reverse):
    relation = connect("mother", "school", flow=flow)
    if reverse:  # recorded from the system's side: the family end is still first
        relation.source, relation.target = relation.target, relation.source
    line = line_of(layout_ecogram(make_family(extra_relations=[relation])), relation.id)
    assert line.ends == ("mother", "school")
    assert (line.arrow_start, line.arrow_end) == (at_family, at_system)


def test_a_connection_carries_its_short_label_and_note():
    data = make_family()
    data.relations[-1].note = "afspraak gemist"
    line = line_of(layout_ecogram(data), "k-mother-debt")
    assert line.label == "schuld € 4.000"
    assert line.note == "afspraak gemist"


def test_a_person_to_system_line_starts_at_that_persons_symbol():
    drawing = layout_ecogram(make_family())
    son, school = drawing.symbol("son"), drawing.symbol("school")
    line = line_of(drawing, "k-son-school")
    start, end = line.points[0], line.points[-1]
    assert distance(start, (son.x, son.y)) <= son.half * math.sqrt(2) + 5
    assert distance(end, (school.x, school.y)) <= school.half * math.sqrt(2) + 5
    # and not from the mother or the household circle
    mother = drawing.symbol("mother")
    assert distance(start, (son.x, son.y)) < distance(start, (mother.x, mother.y))


def test_household_members_sit_small_inside_the_central_circle_with_genogram_symbols():
    data = make_family()
    data.entities.append(person("granny", F, birth="1950", household=True, deceased=True))
    drawing = layout_ecogram(data)
    circle = next(a for a in drawing.areas if a.id == "focus")
    mother, son, granny = (drawing.symbol(i) for i in ("mother", "son", "granny"))
    assert (mother.shape, son.shape) == ("circle", "square")
    assert mother.index and not son.index
    assert granny.deceased
    for s in (mother, son, granny):
        assert distance((s.x, s.y), (circle.x, circle.y)) + s.half <= circle.r
        assert s.size < drawing.symbol("school").size
    assert "father" not in {s.id for s in drawing.symbols}  # outside the household, no connection


def test_client_focus_shows_the_index_person_alone_and_only_her_connections():
    drawing = layout_ecogram(make_family(), focus="client")
    centre = [s for s in drawing.symbols if s.css == "focus"]
    assert [s.id for s in centre] == ["mother"]
    assert "son" not in {s.id for s in drawing.symbols}
    assert "school" not in {s.id for s in drawing.symbols}  # connected to the son only
    assert {line.relation_id for line in drawing.lines} == {"k-mother-gp", "k-mother-debt"}


def test_systems_without_connections_show_and_systems_of_outsiders_do_not():
    data = make_family(
        extra_systems=[system("new", SystemKind.HOUSING), system("fwork", SystemKind.WORK)],
        extra_relations=[connect("father", "fwork")],
    )
    ids = {s.id for s in layout_ecogram(data).symbols}
    assert "new" in ids
    assert "fwork" not in ids


def test_a_connected_person_outside_the_household_stands_on_the_ring_as_a_system():
    data = make_family(
        extra_systems=[person("els", F, role="buurvrouw")],
        extra_relations=[
            connect("mother", "els", ConnectionStrength.STRONG, Flow.TO_FAMILY),
            Relation(
                id="s-mother-els",
                kind=RelationKind.SUPPORT,
                source="mother",
                target="els",
                sector=Sector.NEIGHBOURS,
            ),
            connect("mother", "father", ConnectionStrength.STRESSFUL),
        ],
    )
    drawing = layout_ecogram(data)
    els, father = drawing.symbol("els"), drawing.symbol("father")
    assert "ring" in els.css and els.shape == "circle"
    assert els.fill == _tint_of(SystemKind.NEIGHBOURS)
    assert father.fill == _tint_of(SystemKind.EXTENDED_FAMILY)  # family tie
    assert line_of(drawing, "k-mother-els").ends == ("mother", "els")
    keys = {e.key for e in drawing.legend}
    assert {"system:neighbours", "system:extended_family"} <= keys


def _tint_of(kind: SystemKind) -> str:
    from mapping.lenses.ecogram import _tint

    return _tint(TERMS[kind].style["color"])


def test_systems_carry_colour_icon_and_kind_and_free_systems_their_own_label():
    data = make_family(
        extra_systems=[system("moskee", SystemKind.OTHER, name="Taalcafé", custom_kind="taalles")]
    )
    drawing = layout_ecogram(data, lang="en")
    gp = drawing.symbol("gp")
    style = TERMS[SystemKind.GP].style
    assert (gp.shape, gp.icon, gp.stroke) == ("system", style["icon"], style["color"])
    assert gp.sublabels == ("GP",)
    assert drawing.symbol("moskee").sublabels == ("taalles",)
    assert any(e.key == "system:other:taalles" and e.text == "taalles" for e in drawing.legend)


# ----------------------------------------------------------------- layout invariants
COUNTS = [1, 5, 12, 30]


@pytest.mark.parametrize("n", COUNTS)
def test_all_systems_stand_on_one_ring_around_the_centre(n):
    drawing = layout_ecogram(with_systems(n))
    ring = ring_symbols(drawing)
    assert len(ring) == n
    radii = [math.hypot(s.x, s.y) for s in ring]
    assert max(radii) - min(radii) < 0.5
    circle = next(a for a in drawing.areas if a.id == "focus")
    assert min(radii) - ring[0].half > circle.r + 20


def _overlap(a: Symbol, b: Symbol, margin: float = 4.0) -> bool:
    return abs(a.x - b.x) < a.half + b.half + margin and abs(a.y - b.y) < a.half + b.half + margin


@pytest.mark.parametrize("n", COUNTS)
def test_no_symbols_overlap(n):
    drawing = layout_ecogram(with_systems(n))
    clashes = [(a.id, b.id) for a, b in combinations(drawing.symbols, 2) if _overlap(a, b)]
    assert clashes == []


@pytest.mark.parametrize("n", COUNTS)
def test_ring_neighbours_leave_room_for_their_labels(n):
    ring = sorted(ring_symbols(layout_ecogram(with_systems(n))), key=angle_of)
    if n > 1:
        gaps = [
            distance((a.x, a.y), (b.x, b.y)) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
        ]
        assert min(gaps) >= 120


def test_the_ring_grows_with_the_number_of_systems():
    radius = {n: math.hypot(*_xy(ring_symbols(layout_ecogram(with_systems(n)))[0])) for n in COUNTS}
    assert radius[30] > radius[12] > radius[1]


def _xy(s: Symbol) -> tuple[float, float]:
    return s.x, s.y


@pytest.mark.parametrize("n", [5, 12, 30])
def test_systems_of_the_same_kind_stand_together_in_vocabulary_order(n):
    data = with_systems(n)
    kinds = {e.id: e.system_kind for e in data.entities}
    ring = sorted(ring_symbols(layout_ecogram(data)), key=angle_of)
    sequence = [kinds[s.id] for s in ring]
    blocks = [k for i, k in enumerate(sequence) if i == 0 or k != sequence[i - 1]]
    if len(blocks) > 1 and blocks[0] == blocks[-1]:
        blocks.pop()  # the ring closes: the first and last block are one
    assert len(blocks) == len(set(blocks)), sequence
    order = list(SystemKind)
    positions = [order.index(k) for k in blocks]
    turn = positions.index(min(positions))
    assert positions[turn:] + positions[:turn] == sorted(positions)


def test_the_ring_turns_systems_towards_the_people_they_serve():
    drawing = layout_ecogram(make_family())
    son, school, gp = drawing.symbol("son"), drawing.symbol("school"), drawing.symbol("gp")
    assert distance(_xy(son), _xy(school)) < distance(_xy(son), _xy(gp)) + 1


def _crossings(drawing: Drawing) -> int:
    """How often two connection lines (ring to centre, straight) cross each other."""

    def ccw(a, b, c):
        return (c[1] - a[1]) * (b[0] - a[0]) > (b[1] - a[1]) * (c[0] - a[0])

    segments = [
        (line.points[0], line.points[-1], set(line.ends))
        for line in drawing.lines
        if line.relation_id and len(line.ends) == 2
    ]
    return sum(
        1
        for (p, q, e), (r, t, f) in combinations(segments, 2)
        if not e & f and ccw(p, r, t) != ccw(q, r, t) and ccw(p, q, r) != ccw(p, q, t)
    )


def _length(drawing: Drawing) -> float:
    return sum(
        distance(line.points[0], line.points[-1]) for line in drawing.lines if line.relation_id
    )


def test_groups_are_ordered_by_where_their_people_sit(demo_data, monkeypatch):
    """The demo's schools, club and employer stand beside the people they serve: in
    vocabulary order alone its lines crossed each other 9 times, now at most 3."""
    from mapping.lenses import ecogram

    placed = layout_ecogram(demo_data)
    monkeypatch.setattr(ecogram, "_candidate_orders", lambda nodes, pairs, centres: [nodes])
    vocabulary_only = layout_ecogram(demo_data)
    assert _crossings(placed) <= 3 < 8 <= _crossings(vocabulary_only)
    assert _length(placed) < _length(vocabulary_only)


def test_the_layout_is_deterministic():
    a, b = layout_ecogram(with_systems(12)), layout_ecogram(with_systems(12))
    assert [(s.id, s.x, s.y) for s in a.symbols] == [(s.id, s.x, s.y) for s in b.symbols]


def test_a_dragged_system_keeps_its_place_and_its_line_follows():
    data = make_family()
    data.positions.append(Position(lens=Lens.ECOGRAM, entity_id="gp", x=900.0, y=-40.0))
    data.positions.append(Position(lens=Lens.GENOGRAM, entity_id="debt", x=5.0, y=5.0))
    drawing = layout_ecogram(data)
    assert _xy(drawing.symbol("gp")) == (900.0, -40.0)
    assert distance(line_of(drawing, "k-mother-gp").points[-1], (900.0, -40.0)) < 60
    others = [s for s in ring_symbols(drawing) if s.id != "gp"]
    radii = {round(math.hypot(s.x, s.y), 1) for s in others}
    assert len(radii) == 1  # the other lens's position is ignored


def test_a_dragged_household_member_keeps_its_place():
    data = make_family()
    data.positions.append(Position(lens=Lens.ECOGRAM, entity_id="son", x=30.0, y=70.0))
    drawing = layout_ecogram(data)
    assert _xy(drawing.symbol("son")) == (30.0, 70.0)
    start = line_of(drawing, "k-son-school").points[0]
    assert distance(start, (30.0, 70.0)) < 25


# ----------------------------------------------------------------- legend, caption, edges
def test_the_legend_lists_exactly_the_styles_flows_and_kinds_used():
    keys = [e.key for e in layout_ecogram(make_family()).legend]
    assert keys == [
        "connection:strong",
        "connection:weak",
        "connection:stressful",
        "flow:to_family",
        "flow:from_family",
        "flow:both",
        "system:school",
        "system:gp",
        "system:debt",
        "focus",
    ]


def test_legend_samples_match_the_lines():
    drawing = layout_ecogram(make_family())
    sample = next(e.sample for e in drawing.legend if e.key == "connection:stressful")
    line = line_of(drawing, "k-son-school")
    assert (sample.style, sample.color, sample.width) == (line.style, line.color, line.width)
    flow = next(e.sample for e in drawing.legend if e.key == "flow:to_family")
    assert (flow.arrow_start, flow.arrow_end) == (True, False)


def test_caption_comes_from_the_case():
    caption = layout_ecogram(make_family(), lang="en").caption
    assert (caption.title, caption.case_code) == ("Testgezin", "T-1")
    assert caption.lens.startswith("Eco-map")


def test_nobody_in_the_centre_gives_an_explanation_not_an_error():
    drawing = layout_ecogram(make_case([system("school")]))
    assert drawing.symbols == [] and drawing.texts


def test_lenses_draw_passes_the_focus():
    drawing = draw(make_family(), Lens.ECOGRAM, focus="client")
    assert [s.id for s in drawing.symbols if s.css == "focus"] == ["mother"]


def test_the_demo_family_draws_every_household_connection(demo_data):
    drawing = layout_ecogram(demo_data)
    household = {e.id for e in demo_data.entities if e.household}
    expected = {
        r.id
        for r in demo_data.relations
        if r.kind is K and (r.source in household or r.target in household)
    }
    drawn = {line.relation_id for line in drawing.lines if line.layer == "connection"}
    assert drawn == expected
    assert [a for a, b in combinations(drawing.symbols, 2) if _overlap(a, b, 0)] == []


# ----------------------------------------------------------------- rendering and export
def test_the_svg_has_a_group_per_connection_and_per_symbol():
    svg_module = pytest.importorskip("mapping.render.svg")
    data = make_family()
    svg = svg_module.render_svg(layout_ecogram(data))
    for relation in ("k-son-school", "k-mother-gp", "k-mother-debt"):
        assert f'data-relation-id="{relation}"' in svg
    assert svg.count("layer-connection") >= 3
    for entity in ("mother", "son", "school", "gp", "debt"):
        assert f'data-entity-id="{entity}"' in svg
    assert "schuld € 4.000" in svg


def test_names_are_escaped_in_the_svg():
    svg_module = pytest.importorskip("mapping.render.svg")
    data = make_family(extra_systems=[system("evil", name="<script>alert(1)</script>")])
    svg = svg_module.render_svg(layout_ecogram(data))
    assert "<script>" not in svg


@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_export_formats(fmt, magic):
    export = pytest.importorskip("mapping.services.export")
    blob = export.export_lens(make_family(), "ecogram", fmt)
    assert blob.lstrip()[: len(magic)] == magic
    if fmt == "svg":
        assert b"k-son-school" in blob


def test_png_at_300_dpi_is_larger_than_on_screen():
    export = pytest.importorskip("mapping.services.export")
    from PIL import Image

    screen = export.export_lens(make_family(), "ecogram", "png", dpi=96)
    print_ = export.export_lens(make_family(), "ecogram", "png", dpi=300)
    width = {
        key: Image.open(io.BytesIO(blob)).size[0]
        for key, blob in (("screen", screen), ("print", print_))
    }
    assert width["print"] > 2.5 * width["screen"]


def test_pseudonymised_export_hides_names():
    export = pytest.importorskip("mapping.services.export")
    pytest.importorskip("mapping.services.pseudonym")
    data = make_family()
    data.entities[0].name = "Geheimenaam Jansen"
    blob = export.export_lens(data, "ecogram", "svg", pseudonymise=True)
    assert b"Geheimenaam" not in blob


def test_names_on_the_upper_half_of_the_ring_stand_above_their_symbol():
    ring = ring_symbols(layout_ecogram(with_systems(12)))
    assert {s.label_below for s in ring if s.y < -1} == {False}
    assert {s.label_below for s in ring if s.y > 1} == {True}


def test_without_graphviz_the_household_still_stands_in_the_circle(monkeypatch):
    import mapping.lenses.genogram
    from mapping.core.errors import RenderError

    def broken(*args, **kwargs):
        raise RenderError("Graphviz ontbreekt.")

    monkeypatch.setattr(mapping.lenses.genogram, "layout_genogram", broken)
    drawing = layout_ecogram(make_family())
    circle = next(a for a in drawing.areas if a.id == "focus")
    for pid in ("mother", "son"):
        s = drawing.symbol(pid)
        assert math.hypot(s.x, s.y) + s.half <= circle.r
    assert line_of(drawing, "k-son-school").ends == ("son", "school")


@pytest.mark.parametrize("n", COUNTS)
def test_long_names_on_the_ring_do_not_run_into_each_other(n):
    from mapping.lenses.ecogram import label_box

    data = with_systems(n)
    for e in data.entities:
        if e.kind is EntityKind.SYSTEM:
            e.name = f"Stichting Maatschappelijke Dienstverlening {e.name}"
            e.note = "contactpersoon mevrouw Van der Berg-Jansen"
    drawing = layout_ecogram(data)
    boxes = {s.id: label_box(s) for s in ring_symbols(drawing)}
    clashes = [
        (a, b)
        for a, b in combinations(boxes, 2)
        if boxes[a][0] < boxes[b][2]
        and boxes[b][0] < boxes[a][2]
        and boxes[a][1] < boxes[b][3]
        and boxes[b][1] < boxes[a][3]
    ]
    assert clashes == []
    assert all("\n" in s.label for s in ring_symbols(drawing))  # long names wrap


def test_a_connection_label_sits_between_the_circle_and_the_system():
    # the renderer writes a line's label at the middle of its middle segment
    drawing = layout_ecogram(make_family())
    circle = next(a for a in drawing.areas if a.id == "focus")
    line = line_of(drawing, "k-mother-debt")
    middle = (len(line.points) - 2) // 2
    (ax, ay), (bx, by) = line.points[middle], line.points[middle + 1]
    assert math.hypot((ax + bx) / 2, (ay + by) / 2) > circle.r
    # the extra points lie on the straight course from person to system
    (x0, y0), (x1, y1) = line.points[0], line.points[-1]
    for x, y in line.points[1:-1]:
        assert abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / math.dist((x0, y0), (x1, y1)) < 1


@pytest.mark.parametrize("data", [make_family(), with_systems(12)], ids=["family", "twelve"])
def test_the_household_name_is_written_where_no_connection_crosses_it(data):
    from mapping.lenses.ecogram import _segment_hits_box

    drawing = layout_ecogram(data)
    circle = next(a for a in drawing.areas if a.id == "focus")
    assert circle.label == "Huishouden"
    x, y = circle.label_at
    box = (x - 40, y - 12, x + 40, y + 3)
    for line in drawing.lines:
        if line.layer == "connection":
            for p, q in zip(line.points, line.points[1:], strict=False):
                assert not _segment_hits_box(p, q, box), line.id


def _svg_group(svg: str, relation_id: str) -> str:
    import re

    match = re.search(
        rf'<g class="line[^"]*"[^>]*data-relation-id="{relation_id}".*?</g>', svg, re.S
    )
    assert match, relation_id
    return match.group(0)


@pytest.mark.parametrize("strength", list(ConnectionStrength))
@pytest.mark.parametrize("flow", list(Flow))
def test_the_svg_draws_every_strength_and_flow(strength, flow):
    svg_module = pytest.importorskip("mapping.render.svg")
    data = make_family(extra_relations=[connect("son", "gp", strength, flow)])
    group = _svg_group(svg_module.render_svg(layout_ecogram(data)), "k-son-gp")
    style = TERMS[strength].style
    assert f"style-{style['line']}" in group
    assert "layer-connection" in group
    assert f'stroke="{style.get("color", "#222222")}"' in group
    assert f'stroke-width="{style["width"]:g}"' in group
    assert ("stroke-dasharray" in group) == (style["line"] == "dashed")
    assert ("marker-start" in group) == (flow in (Flow.TO_FAMILY, Flow.BOTH))
    assert ("marker-end" in group) == (flow in (Flow.FROM_FAMILY, Flow.BOTH))
    assert 'data-ends="son gp"' in group


# ----------------------------------------------------------------- editing
def small_case() -> CaseData:
    return CaseData(
        case=Case(id="c", code="C", title="T"),
        entities=[
            person("ma", index_person=True, household=True),
            system("school"),
            system("gp", SystemKind.GP),
        ],
        relations=[
            Relation(id="k1", kind=K, source="school", target="ma", subtype="weak"),
            Relation(id="e1", kind=RelationKind.EMOTIONAL, source="ma", target="gp"),
        ],
    )


def test_connection_between_finds_either_direction_and_only_connections():
    data = small_case()
    assert connection_between(data, "ma", "school").id == "k1"
    assert connection_between(data, "school", "ma").id == "k1"
    assert connection_between(data, "ma", "gp") is None  # an emotional tie is no connection
    assert connection_between(data, "ma", "ma") is None


def test_make_connection_new_and_existing():
    data = small_case()
    new = make_connection(
        data, "ma", "gp", strength="stressful", flow="from_family", label=" a  b "
    )
    assert new.id not in {"k1", "e1"} and new.kind is K
    assert (new.source, new.target, new.subtype, new.flow, new.label) == (
        "ma",
        "gp",
        "stressful",
        Flow.FROM_FAMILY,
        "a b",
    )
    again = make_connection(data, "ma", "school", strength=ConnectionStrength.STRONG)
    # the same two ends keep the one connection; the person becomes the family end
    assert (again.id, again.source, again.target, again.subtype) == ("k1", "ma", "school", "strong")


@pytest.mark.parametrize(
    "person_id, other_id, words",
    [
        ("", "school", "Kies een persoon"),
        ("ma", "ma", "twee verschillende"),
        ("ma", "nobody", "bestaat niet"),
        ("school", "gp", "van een persoon"),
    ],
)
def test_make_connection_refuses(person_id, other_id, words):
    with pytest.raises(InvalidInput) as caught:
        make_connection(small_case(), person_id, other_id)
    assert words in caught.value.message("nl")
