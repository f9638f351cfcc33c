"""The sociogram lens: background, placement by sector and ring, ties, legend."""

from __future__ import annotations

import math
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from mapping.core.errors import InvalidInput
from mapping.core.model import Case, CaseData, Entity, Position, Relation
from mapping.core.vocabulary import (
    TERMS,
    BirthStatus,
    EntityKind,
    Frequency,
    Lens,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    Valence,
)
from mapping.formats.netfiles import read_network
from mapping.lenses import draw
from mapping.lenses.sociogram import (
    SECTOR_ANGLES,
    candidates,
    clamp_to_cell,
    family_steps,
    layout_sociogram,
    line_width,
    members,
    place_member,
    support_label,
    title_lines,
)
from mapping.lenses.sociogram_layout import crosses
from mapping.render.markup import text_width
from mapping.render.symbols import drawn_symbol
from mapping.services.demo import demo_case

S, A = RelationKind.SUPPORT, RelationKind.ACQUAINTANCE


def person(pid, sex=Sex.FEMALE, **kw):
    return Entity(id=pid, name=pid.capitalize(), sex=sex, **kw)


def system(sid, kind):
    return Entity(id=sid, name=sid.upper(), kind=EntityKind.SYSTEM, system_kind=kind)


def tie(member, sector=None, ring=None, valence=Valence.SUPPORTIVE, **kw):
    return Relation(
        id=f"s-{member}", kind=S, source="ego", target=member, subtype=valence.value,
        sector=sector, ring=ring, **kw,
    )  # fmt: skip


def make_network(*ties, extra=(), relations=()):
    """An ego 'ego' (index person) with members named after the tie targets."""
    entities = [person("ego", index_person=True)]
    entities += list(extra)
    known = {e.id for e in entities}
    for t in ties:
        if t.target not in known:
            entities.append(person(t.target))
            known.add(t.target)
    return CaseData(
        case=Case(id="c", code="T-1", title="Test"),
        entities=entities,
        relations=list(ties) + list(relations),
    )


def polar_of(symbol):
    r = math.hypot(symbol.x, symbol.y)
    angle = math.degrees(math.atan2(-symbol.y, symbol.x))
    return r, angle


def in_sector(angle, sector):
    start, end = SECTOR_ANGLES[sector]
    mid = (start + end) / 2
    angle = (angle - mid + 180) % 360 - 180 + mid
    return start <= angle <= end


def ring_bounds(drawing):
    radii = {a.id: a.r for a in drawing.areas if a.shape == "circle"}
    r1, r2, r3 = radii["ring-1"], radii["ring-2"], radii["ring-3"]
    return {Ring.CLOSE: (0, r1), Ring.MIDDLE: (r1, r2), Ring.FAR: (r2, r3)}


# ----------------------------------------------------------------- background
def rings_r(drawing) -> list[float]:
    return sorted(a.r for a in drawing.areas if a.shape == "circle")


def test_background_has_five_sector_wedges_and_three_rings():
    drawing = layout_sociogram(make_network(tie("a", Sector.FRIENDS, Ring.CLOSE)), "ego")
    wedges = [a for a in drawing.areas if a.shape == "wedge"]
    assert {w.id for w in wedges} == {f"sector-{s.value}" for s in Sector}
    for wedge in wedges:
        sector = Sector(wedge.id.removeprefix("sector-"))
        assert wedge.fill == TERMS[sector].style["color"]
        assert (wedge.start_angle, wedge.end_angle) == SECTOR_ANGLES[sector]
        # at the map's sides a long name takes two lines (#15.2): its first line is checked
        first_line = title_lines(TERMS[sector].nl, sum(SECTOR_ANGLES[sector]) / 2)[0]
        title = next(t for t in drawing.texts if t.text == first_line)
        # inside the map (#23.9: a name outside was clipped at the map's edge), in its wedge
        x0, y0, x1, y1 = next(box for what, box in drawn_boxes(drawing) if what == title.text)
        assert all(math.hypot(x, y) < wedge.r for x in (x0, x1) for y in (y0, y1))
        assert math.hypot(title.x, title.y) > rings_r(drawing)[1]  # in the outer ring
        assert in_sector(math.degrees(math.atan2(-title.y, title.x)), sector)
        assert title.weight == "bold" and title.size >= 12
    assert sum(w.end_angle - w.start_angle for w in wedges) == pytest.approx(360)
    rings = sorted((a for a in drawing.areas if a.shape == "circle"), key=lambda a: a.r)
    assert [a.id for a in rings] == ["ring-1", "ring-2", "ring-3"]
    assert rings[0].r < rings[1].r < rings[2].r == wedges[0].r
    assert {t.text for t in drawing.texts} >= {TERMS[r].nl for r in Ring}
    # ring names as large as a name (#23.9), the vocabulary's labels as in the legend (#23.8)
    ring_names = [t for t in drawing.texts if t.text in {TERMS[r].nl for r in Ring}]
    assert len(ring_names) == 3 and all(t.size >= 12 for t in ring_names)
    legend = {e.key: e.text for e in drawing.legend}
    assert all(legend[f"ring:{r.value}"].startswith(TERMS[r].nl + " ") for r in Ring)


def test_english_labels():
    drawing = layout_sociogram(make_network(tie("a")), "ego", lang="en")
    titles = " ".join(t.text for t in drawing.texts if t.weight == "bold")
    assert "Professional help" in titles  # on two lines at the map's side
    assert "Sociogram" in drawing.caption.lens


def test_ego_in_centre_and_view():
    drawing = layout_sociogram(make_network(tie("a")), "ego")
    ego = drawing.symbol("ego")
    assert (ego.x, ego.y) == (0.0, 0.0)
    assert drawing.lens == "sociogram" and drawing.view == "ego"
    assert ego.css == "ego" and not ego.draggable and ego.index


def test_unknown_ego_is_refused():
    with pytest.raises(InvalidInput):
        layout_sociogram(make_network(), "nobody")


def test_empty_network_says_so():
    drawing = layout_sociogram(make_network(), "ego")
    assert [s.id for s in drawing.symbols] == ["ego"]
    assert any("Nog geen leden" in t.text for t in drawing.texts)


# ----------------------------------------------------------------- placement
@pytest.mark.parametrize("sector", list(Sector))
@pytest.mark.parametrize("ring", list(Ring))
def test_member_lands_in_its_sector_and_ring(sector, ring):
    drawing = layout_sociogram(make_network(tie("a", sector, ring)), "ego")
    r, angle = polar_of(drawing.symbol("a"))
    low, high = ring_bounds(drawing)[ring]
    assert low < r < high
    assert in_sector(angle, sector)
    assert f"sector-{sector.value}" in drawing.symbol("a").css


def test_crowded_cell_spreads_without_overlap_and_grows():
    crowd = [tie(f"m{i:02d}", Sector.NEIGHBOURS, Ring.CLOSE) for i in range(14)]
    drawing = layout_sociogram(make_network(*crowd), "ego")
    calm = layout_sociogram(make_network(tie("m00", Sector.NEIGHBOURS, Ring.CLOSE)), "ego")
    assert ring_bounds(drawing)[Ring.CLOSE][1] > ring_bounds(calm)[Ring.CLOSE][1]
    symbols = [drawing.symbol(f"m{i:02d}") for i in range(14)]
    low, high = ring_bounds(drawing)[Ring.CLOSE]
    for s in symbols:
        r, angle = polar_of(s)
        assert low < r < high and in_sector(angle, Sector.NEIGHBOURS)
    for a, b in combinations(symbols, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= a.size, (a.id, b.id)


def test_members_of_one_cell_are_spread_evenly_by_angle():
    # the middle ring: in the outer ring the sector's name takes a place too
    ties = [tie(n, Sector.FRIENDS, Ring.MIDDLE) for n in ("a", "b", "c")]
    drawing = layout_sociogram(make_network(*ties), "ego")
    rows: dict[float, list[float]] = {}
    for n in "abc":
        r, angle = polar_of(drawing.symbol(n))
        rows.setdefault(round(r, 1), []).append(angle % 360)
    # the rings are as wide as their members need (#15.2), so the empty close ring is
    # narrow and the cell starts near ego: its members take two rows there; each row is
    # spread evenly around the middle of the sector's wedge (126..198 degrees)
    assert len(rows) <= 2
    for angles in rows.values():
        angles.sort()
        steps = [b - a for a, b in zip(angles, angles[1:], strict=False)]
        assert max(steps, default=0) - min(steps, default=0) < 1.5
        assert sum(angles) / len(angles) == pytest.approx(162.0, abs=4.0)


def test_defaults_when_tie_has_no_sector_or_ring():
    gp = system("gp", SystemKind.GP)
    school = system("school", SystemKind.SCHOOL)
    son = person("son", Sex.MALE)
    data = make_network(
        tie("gp"), tie("school"), tie("son"), tie("friend"),
        extra=[gp, school, son],
        relations=[Relation("pc", RelationKind.PARENT_CHILD, "ego", "son")],
    )  # fmt: skip
    cells = {m.entity.id: (m.sector, m.ring) for m in members(data, "ego")}
    assert cells == {
        "gp": (Sector.PROFESSIONALS, Ring.MIDDLE),
        "school": (Sector.WORK_SCHOOL, Ring.MIDDLE),
        "son": (Sector.HOUSEHOLD, Ring.MIDDLE),
        "friend": (Sector.FRIENDS, Ring.MIDDLE),
    }


def test_dragged_position_inside_cell_wins():
    data = make_network(tie("a", Sector.FRIENDS, Ring.MIDDLE))
    auto = layout_sociogram(data, "ego").symbol("a")
    target = (auto.x - 5, auto.y + 7)
    data.positions.append(Position(Lens.SOCIOGRAM, "a", *target, view="ego"))
    moved = layout_sociogram(data, "ego").symbol("a")
    assert (moved.x, moved.y) == pytest.approx(target, abs=0.05)


def test_dragged_position_outside_cell_is_clamped_into_it():
    data = make_network(tie("a", Sector.FRIENDS, Ring.CLOSE))
    # dragged far into professional help, outer ring
    data.positions.append(Position(Lens.SOCIOGRAM, "a", 400.0, 0.0, view="ego"))
    drawing = layout_sociogram(data, "ego")
    r, angle = polar_of(drawing.symbol("a"))
    low, high = ring_bounds(drawing)[Ring.CLOSE]
    assert low < r < high and in_sector(angle, Sector.FRIENDS)


def test_position_of_another_ego_or_lens_is_ignored():
    data = make_network(tie("a", Sector.FRIENDS, Ring.CLOSE))
    auto = layout_sociogram(data, "ego").symbol("a")
    data.positions += [
        Position(Lens.SOCIOGRAM, "a", auto.x + 9, auto.y, view="someone-else"),
        Position(Lens.ECOGRAM, "a", auto.x + 9, auto.y),
    ]
    again = layout_sociogram(data, "ego").symbol("a")
    assert (again.x, again.y) == (auto.x, auto.y)


def test_clamp_keeps_a_point_already_inside():
    from mapping.lenses.sociogram import Band

    assert clamp_to_cell((0.0, -120.0), Band(60, 180, 1), 54, 126) == (0.0, -120.0)


# ----------------------------------------------------------------- ties
def test_tie_style_follows_valence():
    data = make_network(
        tie("a", valence=Valence.SUPPORTIVE),
        tie("b", valence=Valence.AMBIVALENT),
        tie("c", valence=Valence.BURDENING),
    )
    drawing = layout_sociogram(data, "ego")
    lines = {line.relation_id: line for line in drawing.lines if line.layer == "support"}
    for member, valence in zip("abc", Valence, strict=True):
        line = lines[f"s-{member}"]
        assert line.style == TERMS[valence].style["line"]
        assert line.color == TERMS[valence].style["color"]
        assert line.points[0] == (0.0, 0.0)
        sym = drawing.symbol(member)
        assert line.points[-1] == (sym.x, sym.y)
        assert line.ends == ("ego", member)


def test_width_grows_with_support_breadth_and_frequency():
    one = tie("a", support=(SupportType.EMOTIONAL,), frequency=Frequency.MONTHLY)
    three = tie(
        "a",
        support=(SupportType.EMOTIONAL, SupportType.PRACTICAL, SupportType.COMPANY),
        frequency=Frequency.MONTHLY,
    )
    daily = tie("a", support=(SupportType.EMOTIONAL,), frequency=Frequency.DAILY)
    burden = tie("a", support=(SupportType.BURDEN,), frequency=Frequency.MONTHLY)
    assert line_width(three) > line_width(one)
    assert line_width(daily) > line_width(one)
    assert line_width(burden) < line_width(one)
    drawing = layout_sociogram(make_network(three), "ego")
    assert next(ln for ln in drawing.lines if ln.relation_id == "s-a").width == line_width(three)


def test_support_letters_reciprocity_and_note_on_the_line():
    t = tie(
        "a",
        support=(SupportType.PRACTICAL, SupportType.EMOTIONAL, SupportType.COMPANY),
        reciprocal=True,
        frequency=Frequency.WEEKLY,
        label="past op kinderen",
    )
    drawing = layout_sociogram(make_network(t), "ego")
    line = next(ln for ln in drawing.lines if ln.relation_id == "s-a")
    # the letters beside the line, as large as a name (#23.9), clear of names and lines
    letters = next(t for t in drawing.texts if t.text == "E P G ⇄")
    assert letters.size >= 12 and not line.label
    assert not [c for c in crossings(drawing) if c[1] == "E P G ⇄"]
    assert not [o for o in overlapping(drawing) if "E P G ⇄" in o]
    assert line.arrow_start and line.arrow_end
    assert line.note == "past op kinderen"
    assert "wekelijks" in line.tooltip and "wederkerig" in line.tooltip
    assert support_label(t, "en") == "E P C ⇄"
    plain = layout_sociogram(make_network(tie("b")), "ego")
    line_b = next(ln for ln in plain.lines if ln.relation_id == "s-b")
    assert not line_b.arrow_start and line_b.label == ""
    assert not [t for t in plain.texts if t.size == 12 and t.color == "#222222"]  # no letters


def test_acquaintance_lines_only_between_members():
    data = make_network(
        tie("a"),
        tie("b"),
        extra=[person("outsider")],
        relations=[
            Relation("k1", A, "a", "b"),
            Relation("k2", A, "a", "outsider"),
            Relation("k3", A, "ego", "a"),
        ],
    )
    drawing = layout_sociogram(data, "ego")
    acq = [ln for ln in drawing.lines if ln.layer == "acquaintance"]
    assert [ln.relation_id for ln in acq] == ["k1"]
    assert acq[0].color == "#9e9e9e" and acq[0].width < 1
    assert "outsider" not in {s.id for s in drawing.symbols}


def test_symbols_persons_and_systems():
    data = make_network(
        tie("man"), tie("gp"),
        extra=[person("man", Sex.MALE, deceased=True), system("gp", SystemKind.GP)],
    )  # fmt: skip
    drawing = layout_sociogram(data, "ego")
    assert drawing.symbol("ego").shape == "circle"
    man = drawing.symbol("man")
    assert man.shape == "square" and man.deceased
    gp = drawing.symbol("gp")
    assert gp.shape == "system"
    assert gp.fill == TERMS[SystemKind.GP].style["color"]
    assert gp.icon == TERMS[SystemKind.GP].style["icon"]


def test_legend_lists_sectors_rings_and_only_used_tie_styles():
    data = make_network(
        tie("a", valence=Valence.BURDENING, support=(SupportType.BURDEN,)),
        tie("b"),
        relations=[Relation("k", A, "a", "b")],
    )
    keys = [e.key for e in layout_sociogram(data, "ego").legend]
    assert all(f"sector:{s.value}" in keys for s in Sector)
    assert all(f"ring:{r.value}" in keys for r in Ring)
    assert "valence:burdening" in keys and "valence:supportive" in keys
    assert "valence:ambivalent" not in keys
    assert "acquaintance" in keys and "reciprocal" not in keys


# ----------------------------------------------------------------- place_member
def test_place_member_creates_a_new_supportive_tie():
    data = make_network(extra=[person("new")])
    rel = place_member(data, "ego", "new", Sector.NEIGHBOURS, "3")
    assert (rel.kind, rel.source, rel.target) == (S, "ego", "new")
    assert (rel.sector, rel.ring, rel.subtype) == (Sector.NEIGHBOURS, Ring.FAR, "supportive")
    assert data.relations == []  # pure


def test_place_member_moves_an_existing_tie_and_keeps_its_support():
    old = tie("a", Sector.FRIENDS, Ring.CLOSE, support=(SupportType.PRACTICAL,))
    data = make_network(old)
    rel = place_member(data, "ego", "a", Sector.WORK_SCHOOL, Ring.MIDDLE)
    assert rel.id == old.id and rel.support == (SupportType.PRACTICAL,)
    assert (rel.sector, rel.ring) == (Sector.WORK_SCHOOL, Ring.MIDDLE)
    assert old.sector is Sector.FRIENDS


@pytest.mark.parametrize("member", ["ego", "ghost"])
def test_place_member_refuses_self_and_unknown(member):
    with pytest.raises(InvalidInput):
        place_member(make_network(), "ego", member, Sector.FRIENDS, Ring.CLOSE)


# ----------------------------------------------------------------- the demo
def test_demo_mother_and_son_have_their_own_map(demo_data):
    mother = draw(demo_data, Lens.SOCIOGRAM)  # default ego = the index person
    assert mother.view == "sanne"
    son = draw(demo_data, Lens.SOCIOGRAM, ego="daan")
    assert son.view == "daan" and (son.symbol("daan").x, son.symbol("daan").y) == (0, 0)
    placed = {"daan", "sanne", "rick", "riet", "ahmed", "vmbo", "politie"}
    assert {s.id for s in layout_sociogram(demo_data, "daan", unplaced=False).symbols} == placed
    # the whole case: his father, his (half-)siblings and his football club, not yet placed
    unplaced = {"mark", "lotte", "noor", "jayden", "finn", "mila", "voetbal"}
    assert {s.id for s in son.symbols} == placed | unplaced
    assert {s.id for s in son.symbols if "unplaced" in s.css.split()} == unplaced
    for m in members(demo_data, "sanne"):
        r, angle = polar_of(mother.symbol(m.entity.id))
        low, high = ring_bounds(mother)[m.ring]
        assert low < r < high and in_sector(angle, m.sector), m.entity.id


# ----------------------------------------------------------------- candidates
def family_case():
    """Ego with a partner and child at home, her mother, a sister, a neighbour and systems."""
    P, C = RelationKind.PARTNERSHIP, RelationKind.PARENT_CHILD
    entities = [
        person("ego", index_person=True, household=True),
        person("partner", sex=Sex.MALE, household=True),
        person("kid", household=True),
        person("mum"),
        person("sis"),
        person("grandpa", sex=Sex.MALE, deceased=True),
        person("unborn", birth_status=BirthStatus.PREGNANCY, household=True),
        person("els", role="buurvrouw"),
        person("bo", role=""),
        system("gp", SystemKind.GP),
        system("school", SystemKind.SCHOOL),
        Entity(id="club", name="Club", kind=EntityKind.SYSTEM),
        person("member"),
    ]
    relations = [
        Relation("p1", P, "ego", "partner"),
        Relation("c1", C, "ego", "kid"),
        Relation("c2", C, "partner", "kid"),
        Relation("c3", C, "mum", "ego"),
        Relation("c4", C, "mum", "sis"),
        Relation("c5", C, "grandpa", "mum"),
        Relation("c6", C, "ego", "unborn"),
        tie("member", Sector.FRIENDS, Ring.CLOSE),
    ]
    return CaseData(Case(id="c", code="T-2", title="Fam"), entities, relations)


def test_family_steps_follow_the_genogram():
    steps = family_steps(family_case(), "ego")
    assert steps == {
        "ego": 0, "partner": 1, "kid": 1, "mum": 1, "unborn": 1, "sis": 2, "grandpa": 2,
    }  # fmt: skip


def test_candidates_get_a_sector_and_ring_a_casemanager_starts_from():
    found = {c.entity.id: (c.sector, c.ring, c.family) for c in candidates(family_case(), "ego")}
    assert found == {
        "partner": (Sector.HOUSEHOLD, Ring.CLOSE, 1),  # household: ring 1
        "kid": (Sector.HOUSEHOLD, Ring.CLOSE, 1),
        "mum": (Sector.HOUSEHOLD, Ring.MIDDLE, 1),  # family outside the household: ring 2
        "sis": (Sector.HOUSEHOLD, Ring.MIDDLE, 2),
        "els": (Sector.NEIGHBOURS, Ring.MIDDLE, None),  # by her role
        "bo": (Sector.FRIENDS, Ring.MIDDLE, None),
        "gp": (Sector.PROFESSIONALS, Ring.MIDDLE, None),
        "school": (Sector.WORK_SCHOOL, Ring.MIDDLE, None),
        "club": (Sector.PROFESSIONALS, Ring.MIDDLE, None),  # a system without a kind
        "grandpa": (Sector.HOUSEHOLD, Ring.FAR, 2),  # deceased: offered, in ring 3
    }  # ego, the member already in the map and the unborn are left out


def test_candidates_come_household_first_then_family_then_others_then_systems():
    order = [c.entity.id for c in candidates(family_case(), "ego")]
    assert order == ["kid", "partner", "mum", "grandpa", "sis", "bo", "els", "club", "gp", "school"]


def test_candidates_become_members_with_their_suggested_cell():
    data = family_case()
    ties = [
        place_member(data, "ego", c.entity.id, c.sector, c.ring) for c in candidates(data, "ego")
    ]
    grown = CaseData(data.case, data.entities, data.relations + ties)
    cells = {m.entity.id: (m.sector, m.ring) for m in members(grown, "ego")}
    assert cells["partner"] == (Sector.HOUSEHOLD, Ring.CLOSE)
    assert cells["gp"] == (Sector.PROFESSIONALS, Ring.MIDDLE)
    assert candidates(grown, "ego") == []


def test_candidates_of_the_demo_mother_and_an_unknown_ego(demo_data):
    found = candidates(demo_data, "sanne")
    in_map = {m.entity.id for m in members(demo_data, "sanne")}
    assert found and not in_map & {c.entity.id for c in found}
    assert candidates(demo_data, "nobody") == []


# ----------------------------------------------------------------- nothing covers anything
DATA = Path(__file__).parent / "data"
NETWORK_FILES = sorted(
    p
    for folder in (DATA / "network", DATA / "graphml")
    for p in folder.iterdir()
    if p.is_file() and p.suffix != ".md"
)


def drawn_boxes(drawing):
    """(what, rectangle) of every symbol with the lines under it and every free text,
    as the renderer draws them (its own sizes, not the layout's), y down."""
    boxes = []
    for s in drawing.symbols:
        _, total, widest = drawn_symbol(s, 1.0, False)
        half = s.half + (4 if s.index else 0)
        x0, y0, x1, y1 = s.x - half, s.y - half, s.x + half, s.y + half
        if total is not None:
            top = s.half * (0.72 if s.shape == "system" else 1.0) + (4 if s.index else 0)
            x0, x1 = min(x0, s.x - widest / 2), max(x1, s.x + widest / 2)
            y1 = max(y1, s.y + top + 4 + total)
        boxes.append((s.label, (x0, y0, x1, y1)))
    for t in drawing.texts:
        w = text_width(t.text, t.size)
        left = t.x - (w / 2 if t.anchor == "middle" else w if t.anchor == "end" else 0)
        boxes.append((t.text, (left, t.y - t.size * 0.85, left + w, t.y + t.size * 0.25)))
    return boxes


def crossings(drawing) -> list[tuple[str, str]]:
    """(line, what) for every drawn line that runs through a box of :func:`drawn_boxes`
    (a symbol with its names, or a free text) that is not one of the line's own ends."""
    names = [s.id for s in drawing.symbols] + [t.text for t in drawing.texts]
    return [
        (line.id, what)
        for line in drawing.lines
        for what, (_, rect) in zip(names, drawn_boxes(drawing), strict=True)
        if what not in line.ends and any(crosses(p, q, rect) for p, q in pairwise(line.points))
    ]


def ego_crossings(drawing) -> list[tuple[str, str]]:
    """:func:`crossings` of ego's lines to its members."""
    return [(line, what) for line, what in crossings(drawing) if line.startswith("tie-")]


def overlapping(drawing) -> list[tuple[str, str]]:
    """Pairs of boxes (:func:`drawn_boxes`) that cover each other."""
    boxes = drawn_boxes(drawing)
    return [
        (a, b)
        for (a, ra), (b, rb) in combinations(boxes, 2)
        if min(ra[2], rb[2]) - max(ra[0], rb[0]) > 0.5
        and min(ra[3], rb[3]) - max(ra[1], rb[1]) > 0.5
    ]


def test_overlap_measure_sees_a_name_over_a_symbol():
    data = make_network(tie("a", Sector.FRIENDS, Ring.CLOSE), tie("b", Sector.FRIENDS, Ring.CLOSE))
    drawing = layout_sociogram(data, "ego")
    a, b = drawing.symbol("a"), drawing.symbol("b")
    b.x, b.y = a.x + 10, a.y + 30
    assert ("A", "B") in overlapping(drawing)


def test_demo_netwerkkaarten_have_no_overlaps():
    data = demo_case()
    egos = {r.source for r in data.relations if r.kind is S}
    assert egos
    for ego in sorted(egos):
        assert overlapping(layout_sociogram(data, ego)) == [], ego


def imported(path):
    """A network fixture as imported, and its ego (skips a file the import refuses)."""
    try:
        data = read_network(path.read_bytes(), name=path.name)
    except InvalidInput:
        pytest.skip("not importable")
    return data, next(e.id for e in data.entities if e.index_person)


@pytest.mark.parametrize("path", NETWORK_FILES, ids=lambda p: p.name)
def test_imported_network_files_have_no_overlaps(path):
    data, ego = imported(path)
    for lang in ("nl", "en"):
        assert overlapping(layout_sociogram(data, ego, lang=lang)) == []


@pytest.mark.parametrize("count", range(1, 61))
def test_crowded_sector_has_no_overlaps(count):
    sector = list(Sector)[count % 5]
    ties = [
        tie(f"lid-{i:02d}-{'x' * (i % 7)}", sector, list(Ring)[i % 3], note="belt" * (i % 3))
        for i in range(count)
    ]
    drawing = layout_sociogram(make_network(*ties), "ego")
    assert overlapping(drawing) == []
    for t in ties:
        r, angle = polar_of(drawing.symbol(t.target))
        low, high = ring_bounds(drawing)[Ring(t.ring)]
        assert low < r < high and in_sector(angle, sector)


@pytest.mark.parametrize("count", [1, 2, 5, 12, 25, 40, 60])
def test_members_across_sectors_have_no_overlaps(count):
    names = ("Jo", "Annemarie van der Berg-Smit", "Ko Li", "Mohammed el Amrani", "Evi")
    ties = [tie(f"m{i}", list(Sector)[i % 5], list(Ring)[(i // 5) % 3]) for i in range(count)]
    data = make_network(*ties)
    for i, e in enumerate(data.entities[1:]):
        e.name, e.role = names[i % 5], "buurvrouw" if i % 2 else ""
        e.note = "past op de kinderen" if i % 4 == 0 else ""
    assert overlapping(layout_sociogram(data, "ego")) == []


def test_a_system_with_a_long_name_and_note_stays_clear():
    gp = system("gp", SystemKind.GP)
    gp.name, gp.note = "Huisartsenpraktijk Van Dam en Partners", "casemanager M. de Wit"
    ties = [tie("gp", Sector.PROFESSIONALS, Ring.CLOSE)]
    ties += [tie(f"p{i}", Sector.PROFESSIONALS, Ring.CLOSE) for i in range(6)]
    assert overlapping(layout_sociogram(make_network(*ties, extra=[gp]), "ego")) == []


def test_layout_stays_deterministic():
    ties = [tie(f"m{i:02d}", Sector.FRIENDS, list(Ring)[i % 3]) for i in range(40)]
    one = layout_sociogram(make_network(*ties), "ego")
    two = layout_sociogram(make_network(*ties), "ego")
    assert [(s.id, s.x, s.y) for s in one.symbols] == [(s.id, s.x, s.y) for s in two.symbols]


def test_dragged_position_still_wins_in_a_crowd():
    ties = [tie(f"m{i:02d}", Sector.FRIENDS, Ring.CLOSE) for i in range(20)]
    data = make_network(*ties)
    auto = layout_sociogram(data, "ego").symbol("m05")
    target = (auto.x - 4, auto.y + 6)
    data.positions.append(Position(Lens.SOCIOGRAM, "m05", *target, view="ego"))
    assert (layout_sociogram(data, "ego").symbol("m05").x,) == pytest.approx((target[0],))


# ----------------------------------------------------------------- notes from a file
def test_a_files_attributes_stay_in_the_record_but_off_the_map():
    data, ego = imported(DATA / "network" / "polinode_survey.gexf")
    britta = next(e for e in data.entities if e.name == "Britta Witzel")
    assert "Position: VP" in britta.note  # kept
    drawing = layout_sociogram(data, ego)
    assert not any(s.annotations for s in drawing.symbols)
    assert not any(line.note for line in drawing.lines)  # no 'Q1: true; weight: 1'
    assert "Position: VP" in drawing.symbol(britta.id).tooltip  # one hover away
    tie_line = next(line for line in drawing.lines if line.layer == "support")
    assert "weight" in tie_line.tooltip


def test_a_typed_note_shows_beside_the_files_data():
    data = make_network(tie("a", Sector.FRIENDS, note="belt elke week\nUit het bestand: Q1: true"))
    data.entities[1].note = "past op de kinderen\nUit het bestand: status: Submitted"
    drawing = layout_sociogram(data, "ego")
    assert drawing.symbol("a").annotations == ("past op de kinderen",)
    assert next(ln for ln in drawing.lines if ln.layer == "support").note == "belt elke week"


def test_the_short_note_on_a_who_knows_whom_line_is_drawn():
    knows = Relation("k", A, "a", "b", label="oud-collega's", note="Uit het bestand: weight: 1")
    data = make_network(tie("a"), tie("b"), relations=[knows])
    line = next(ln for ln in layout_sociogram(data, "ego").lines if ln.layer == "acquaintance")
    assert line.note == "oud-collega's" and line.tooltip == "weight: 1"


# ----------------------------------------------------------------- lines clear of names
def test_crossing_measure_sees_a_line_through_a_name():
    ties = [tie("a", Sector.FRIENDS, Ring.CLOSE), tie("b", Sector.FRIENDS, Ring.FAR)]
    drawing = layout_sociogram(make_network(*ties), "ego")
    a, b = drawing.symbol("a"), drawing.symbol("b")
    b.x, b.y = a.x * 3, a.y * 3  # right behind a, seen from ego
    line = next(ln for ln in drawing.lines if ln.relation_id == "s-b")
    line.points = ((0.0, 0.0), (b.x, b.y))
    assert ("tie-s-b", "a") in crossings(drawing)
    assert ("tie-s-a", "a") not in crossings(drawing)  # a line's own end does not count


#: Ego's lines through a name in the demo: ego -> member. Sanne's household holds
#: three members in ring 1 and two in ring 3 in a 72 degree wedge: with names some
#: 80 units wide, the inner three shade all of it unless ring 1 grows much wider.
DEMO_CROSSINGS = {"sanne": 3, "daan": 0}
#: The same with the ties not yet placed (#21.1): Sanne's four children join ring 1 of
#: her household, so that cell needs rows and lines pass behind the front row's names.
DEMO_CROSSINGS_ALL = {"sanne": 6, "daan": 2}


def test_demo_lines_pass_between_names():
    data = demo_case()
    for ego, most in DEMO_CROSSINGS.items():
        assert len(ego_crossings(layout_sociogram(data, ego, unplaced=False))) <= most, ego
    for ego, most in DEMO_CROSSINGS_ALL.items():
        assert len(ego_crossings(layout_sociogram(data, ego))) <= most, ego


#: Ceilings of all lines (ego's and who-knows-whom) through a name, per network
#: file; before lines were kept off names: lesmis 219, karate 34, dolphins 22,
#: signed matrix 19, polinode 6.
FILE_CROSSINGS = {
    "miserables.graphml": 196,
    "lesmis.gml": 196,
    # rings as wide as their members need (#15.2): members stand nearer to ego, so a few
    # more who-knows-whom lines pass a name (karate +4/+5, dolphins +2)
    "karate.gml": 34,
    "igraph_karate.net": 33,
    "dolphins.gml": 21,
    # sector names inside the map (#23.9) are crossed by thin who-knows-whom lines in the
    # outer ring (+6), and a tie's letters beside its line where no spot is free (+1)
    "igraph_signed_matrix.net": 25,
    "polinode_survey.gexf": 7,
}


@pytest.mark.parametrize("path", NETWORK_FILES, ids=lambda p: p.name)
def test_imported_network_files_keep_lines_off_names(path):
    data, ego = imported(path)
    assert len(crossings(layout_sociogram(data, ego))) <= FILE_CROSSINGS.get(path.name, 0)
