"""The genogram lens: symbols, connectors, legend and layout invariants."""

from __future__ import annotations

from itertools import combinations

import pytest

from mapping.core.drawing import Line
from mapping.core.errors import RenderError
from mapping.core.model import Case, CaseData, Entity, Position, Relation
from mapping.core.network import generations
from mapping.core.vocabulary import (
    BirthStatus,
    ChildLink,
    Condition,
    EmotionalKind,
    EntityKind,
    Lens,
    PartnershipStatus,
    RelationKind,
    Sex,
    SystemKind,
    TwinKind,
)
from mapping.lenses.genogram import layout_genogram
from mapping.lenses.genogram_layout import dot_source, family_structure, genogram_people

M, F = Sex.MALE, Sex.FEMALE
P, C = RelationKind.PARTNERSHIP, RelationKind.PARENT_CHILD


# ----------------------------------------------------------------- builders
def person(pid, sex=M, birth="", **kw) -> Entity:
    return Entity(id=pid, name=kw.pop("name", pid.capitalize()), sex=sex, birth=birth, **kw)


def couple(a, b, status=PartnershipStatus.MARRIED, start="", end="") -> Relation:
    return Relation(
        id=f"u-{a}-{b}", kind=P, source=a, target=b, subtype=status, start=start, end=end
    )


def children(parents, *kids, link=ChildLink.BIOLOGICAL) -> list[Relation]:
    return [
        Relation(id=f"c-{p}-{k}", kind=C, source=p, target=k, subtype=link)
        for k in kids
        for p in parents
    ]


def emotional(a, b, kind) -> Relation:
    return Relation(id=f"e-{a}-{b}", kind=RelationKind.EMOTIONAL, source=a, target=b, subtype=kind)


def make_case(entities, relations) -> CaseData:
    return CaseData(
        case=Case(id="t", code="T-1", title="Testgezin"), entities=entities, relations=relations
    )


def make_family() -> CaseData:
    """Three generations with a divorce and a remarriage on both sides, twins and a foster child."""
    people = [
        person("opa", M, "1940", death="2010"),
        person("oma", F, "1942", conditions=(Condition.CHRONIC_ILLNESS,)),
        person("ome", M, "1945"),
        person("omi", F, "1946"),
        person("stiefoma", F, "1950"),
        person("adam", M, "1965", occupation="bakker"),
        person("bea", F, "1968"),
        person("cor", M, "1970", conditions=(Condition.ADDICTION,)),
        person("dina", F, "1966", index_person=True, household=True),
        person("evert", M, "1980"),
        person("fien", F, "1972"),
        person("gijs", M, "1967"),
        person("kim", F, "1991", household=True),
        person("kai", M, "1993-05-01", household=True),
        person("kas", M, "1993-05-01", household=True),
        person("lot", F, "2005"),
        person("mo", M, "2000"),
        person("nina", F, "1998"),
    ]
    rels = [
        couple("opa", "oma", start="1963"),
        couple("ome", "omi", PartnershipStatus.DIVORCED, "1964", "1975"),
        couple("ome", "stiefoma", PartnershipStatus.MARRIED, "1978"),
        couple("adam", "dina", PartnershipStatus.DIVORCED, "1990", "2000"),
        couple("adam", "fien", PartnershipStatus.COHABITING, "2003"),
        couple("bea", "gijs", PartnershipStatus.SEPARATED, "1995", "2011"),
        *children(("opa", "oma"), "adam", "bea", "cor"),
        *children(("ome", "omi"), "dina"),
        *children(("ome", "stiefoma"), "evert"),
        *children(("adam", "dina"), "kim", "kai", "kas"),
        *children(("adam", "fien"), "lot", link=ChildLink.ADOPTED),
        *children(("bea", "gijs"), "mo", link=ChildLink.FOSTER),
        *children(("cor",), "nina"),
        Relation(
            id="t-kai-kas",
            kind=RelationKind.TWIN,
            source="kai",
            target="kas",
            subtype=TwinKind.IDENTICAL,
        ),
        emotional("dina", "oma", EmotionalKind.CLOSE),
        emotional("adam", "dina", EmotionalKind.CONFLICT),
        emotional("cor", "nina", EmotionalKind.NEGLECT),
    ]
    return make_case(people, rels)


# ----------------------------------------------------------------- geometry checks
def _segments(drawing, layer="family"):
    for line in drawing.lines:
        if line.layer == layer:
            for p, q in zip(line.points, line.points[1:], strict=False):
                yield line.id, p, q


def _cross(p1, p2, p3, p4) -> bool:
    """True when two segments cross at a point inside both (touching ends do not count)."""

    def orient(a, b, c):
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(value) < 1e-6 else (1 if value > 0 else -1)

    o1, o2 = orient(p1, p2, p3), orient(p1, p2, p4)
    o3, o4 = orient(p3, p4, p1), orient(p3, p4, p2)
    return o1 * o2 < 0 and o3 * o4 < 0


def _overlap(p1, p2, p3, p4) -> bool:
    """Two horizontal (or vertical) segments lying on top of each other for more than a point."""
    for axis in (0, 1):
        other = 1 - axis
        if p1[other] == p2[other] == p3[other] == p4[other]:
            lo = max(min(p1[axis], p2[axis]), min(p3[axis], p4[axis]))
            hi = min(max(p1[axis], p2[axis]), max(p3[axis], p4[axis]))
            if hi - lo > 1:
                return True
    return False


def crossings(drawing) -> list[tuple[str, str]]:
    """Pairs of family lines that cross or lie on top of each other.

    Two lines of one person may share the short leg under that person's
    symbol (a couple line to each of two partners, or a couple line and the
    line to a child of that person alone); nothing else may coincide.
    """
    x_of = {s.id: s.x for s in drawing.symbols}
    ends = {line.id: set(line.ends) for line in drawing.lines}
    found = []
    for (id1, a1, b1), (id2, a2, b2) in combinations(list(_segments(drawing)), 2):
        if id1 == id2:
            continue
        if _cross(a1, b1, a2, b2):
            found.append((id1, id2))
        elif _overlap(a1, b1, a2, b2):
            shared_leg = a1[0] == b1[0] and any(
                x_of.get(pid) == a1[0] for pid in ends[id1] & ends[id2]
            )
            if not shared_leg:
                found.append((id1, id2))
    return found


def test_crossing_check_sees_a_crossing():
    from mapping.core.drawing import Drawing

    d = Drawing(lens="genogram")
    d.lines.append(Line(id="a", points=((0, 0), (10, 10))))
    d.lines.append(Line(id="b", points=((0, 10), (10, 0))))
    d.lines.append(Line(id="c", points=((20, 5), (30, 5))))
    d.lines.append(Line(id="d", points=((25, 5), (35, 5))))
    d.lines.append(Line(id="e", points=((30, 5), (30, 20))))  # touches c's end: fine
    assert crossings(d) == [("a", "b"), ("c", "d")]


# ----------------------------------------------------------------- layout invariants
def test_generation_rows_share_a_y():
    data = make_family()
    drawing = layout_genogram(data)
    gens = generations(data)
    ys: dict[int, set[float]] = {}
    for s in drawing.symbols:
        ys.setdefault(gens[s.id], set()).add(s.y)
    assert all(len(v) == 1 for v in ys.values()), ys
    rows = [ys[g].pop() for g in sorted(ys)]
    assert rows == sorted(rows) and len(set(rows)) == 3


def test_children_ordered_by_birth_left_to_right():
    drawing = layout_genogram(make_family())
    x = {s.id: s.x for s in drawing.symbols}
    assert x["adam"] < x["bea"] < x["cor"]
    assert x["kim"] < x["kai"] < x["lot"] and x["kim"] < x["kas"] < x["lot"]


def test_partners_side_by_side():
    drawing = layout_genogram(make_family())
    by_row: dict[float, list] = {}
    for s in drawing.symbols:
        by_row.setdefault(s.y, []).append(s)
    order = {
        s.id: i for row in by_row.values() for i, s in enumerate(sorted(row, key=lambda s: s.x))
    }
    row_of = {s.id: s.y for s in drawing.symbols}
    for a, b in [
        ("opa", "oma"),
        ("ome", "omi"),
        ("ome", "stiefoma"),
        ("adam", "dina"),
        ("adam", "fien"),
        ("bea", "gijs"),
    ]:
        assert row_of[a] == row_of[b]
        assert abs(order[a] - order[b]) == 1, (a, b)


def test_no_crossing_family_lines_three_generations_with_remarriage():
    drawing = layout_genogram(make_family())
    assert crossings(drawing) == []


def test_no_crossing_family_lines_demo(demo_data):
    drawing = layout_genogram(demo_data)
    assert crossings(drawing) == []
    x = {s.id: s.x for s in drawing.symbols}
    assert x["daan"] < x["lotte"] < x["noor"]
    assert x["jayden"] < x["finn"] < x["baby"]


def test_demo_leaves_out_friends_and_systems(demo_data):
    ids = {s.id for s in layout_genogram(demo_data).symbols}
    assert {"sanne", "henk", "mila", "baby"} <= ids
    assert not ids & {"els", "mirjam", "basisschool", "ggz"}


def test_dragged_position_wins_and_lines_follow():
    data = make_family()
    data.positions.append(Position(lens=Lens.GENOGRAM, entity_id="nina", x=-500.0, y=900.0))
    data.positions.append(Position(lens=Lens.ECOGRAM, entity_id="cor", x=-900.0, y=0.0))
    drawing = layout_genogram(data)
    nina = drawing.symbol("nina")
    assert (nina.x, nina.y) == (-500.0, 900.0)
    assert drawing.symbol("cor").x != -900.0
    child = next(
        line for line in drawing.lines if line.ends[1] == "nina" and line.layer == "family"
    )
    assert child.points[-1] == (-500.0, 900.0 - nina.half)


# ----------------------------------------------------------------- symbols
def test_every_symbol_kind():
    people = [
        person("m", M, "1980"),
        person("f", F, "1982", index_person=True),
        person("x", Sex.OTHER, "1990"),
        person("u", Sex.UNKNOWN),
        person("preg", Sex.UNKNOWN, "2026", birth_status=BirthStatus.PREGNANCY),
        person("mis", Sex.UNKNOWN, birth_status=BirthStatus.MISCARRIAGE),
        person("abo", Sex.UNKNOWN, birth_status=BirthStatus.ABORTION),
        person("still", F, "2015", birth_status=BirthStatus.STILLBIRTH),
        person("dead", M, "1920", death="1990", occupation="smid"),
        person(
            "ill",
            F,
            "1950",
            conditions=(Condition.PSYCHIATRIC, Condition.ADDICTION, Condition.DEMENTIA),
            annotation="ziet slecht",
        ),
    ]
    drawing = layout_genogram(make_case(people, []))
    s = {sym.id: sym for sym in drawing.symbols}
    assert [s[k].shape for k in ("m", "f", "x", "u")] == ["square", "circle", "diamond", "unknown"]
    assert [s[k].shape for k in ("preg", "mis", "abo", "still")] == [
        "triangle",
        "dot",
        "x",
        "small",
    ]
    assert s["still"].variant == "circle"
    assert s["f"].index and not s["m"].index
    assert (
        s["dead"].deceased
        and s["dead"].inner_label == "70"
        and s["dead"].sublabels == ("1920–1990",)
    )
    assert s["ill"].fill_parts == ("left", "lower", "upper")  # dementia: the upper half
    # conditions the convention draws are drawn, not written; the tooltip names them
    assert s["ill"].annotations == ("ziet slecht",)
    assert "psychiatrische problemen, verslaving, dementie" in s["ill"].tooltip
    assert s["dead"].annotations == ("smid",)
    assert s["preg"].sublabels == ("verwacht 2026",) and s["preg"].inner_label == ""
    assert s["dead"].tooltip == "Dead, † 1990 (70 jaar)"
    keys = {entry.key for entry in drawing.legend}
    assert keys == {
        "sex:m",
        "sex:f",
        "sex:x",
        "sex:u",
        "birth:pregnancy",
        "birth:miscarriage",
        "birth:abortion",
        "birth:stillbirth",
        "deceased",
        "index",
        "condition:psychiatric",
        "condition:addiction",
        "condition:dementia",
    }


def test_tooltip_name_age_role():
    data = make_case([person("s", F, "1984", role="moeder", name="Sanne")], [])
    tooltip = layout_genogram(data).symbol("s").tooltip
    assert tooltip.startswith("Sanne, ") and tooltip.endswith(" jaar, moeder")
    assert "<" not in tooltip


# ----------------------------------------------------------------- connectors
def _line(drawing, line_id) -> Line:
    return next(line for line in drawing.lines if line.id == line_id)


def test_couple_lines_style_slashes_and_years():
    drawing = layout_genogram(make_family())
    married = _line(drawing, "couple:u-opa-oma")
    divorced = _line(drawing, "couple:u-adam-dina")
    separated = _line(drawing, "couple:u-bea-gijs")
    cohabiting = _line(drawing, "couple:u-adam-fien")
    assert (married.style, married.slashes, married.label) == ("solid", 0, "x 1963")
    assert (divorced.slashes, divorced.label) == (2, "x 1990 // 2000")
    assert (separated.slashes, separated.label) == (1, "x 1995 / 2011")
    assert cohabiting.style == "dashed"
    # A U below both partners: down, across, up.
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = married.points
    assert x0 == x1 and x2 == x3 and y1 == y2 and y1 > y0 and y2 > y3


def test_a_couple_that_married_again_shows_both_marriages_on_one_line():
    """remarriage2.ged: married 1911, divorced 1912; he marries Mary in 1913; then the
    first two marry again in 1914. One couple line holds the whole story, and its
    years stand between the two symbols, not over them."""
    first = couple("jan", "els", PartnershipStatus.DIVORCED, "1911", "1912")
    again = couple("jan", "els", PartnershipStatus.MARRIED, "1914")
    again.id = "u-jan-els-2"
    data = make_case(
        [person("jan", birth="1885"), person("els", F, birth="1888"), person("mary", F)],
        [first, again, couple("jan", "mary", PartnershipStatus.MARRIED, "1913")],
    )
    drawing = layout_genogram(data)
    lines = [line for line in drawing.lines if set(line.ends) == {"jan", "els"}]
    [line] = lines
    assert line.label == "x 1911 // 1912  x 1914"
    assert line.relation_id == "u-jan-els-2" and line.slashes == 0  # married now
    assert "eerder: gescheiden x 1911 // 1912" in line.tooltip
    jan, els = drawing.symbol("jan"), drawing.symbol("els")
    room = abs(jan.x - els.x) - jan.half - els.half
    assert room >= 11 * 0.6 * len(line.label)  # the width the renderer reckons with


def test_child_lines_by_link_and_descent_to_bar():
    drawing = layout_genogram(make_family())
    assert _line(drawing, "child:u-adam-fien:lot").style == "dashed"
    assert _line(drawing, "child:u-bea-gijs:mo").style == "dotted"
    kim = _line(drawing, "child:u-adam-dina:kim")
    assert kim.style == "solid" and kim.relation_id.startswith("c-")
    bar = _line(drawing, "bar:u-adam-dina")
    descent = _line(drawing, "descent:u-adam-dina")
    assert descent.points[-1][1] == bar.points[0][1] == kim.points[0][1]


def test_twins_hang_from_one_apex_with_identical_bar():
    drawing = layout_genogram(make_family())
    kai = _line(drawing, "child:u-adam-dina:kai")
    kas = _line(drawing, "child:u-adam-dina:kas")
    assert kai.points[0] == kas.points[0]
    assert kai.points[0][0] != kai.points[1][0]  # diagonal
    identical = _line(drawing, "identical:t-kai-kas")
    assert identical.points[0][1] == identical.points[1][1]
    assert {"twins:identical"} <= {e.key for e in drawing.legend}


def test_single_parent_child_hangs_from_that_parent():
    drawing = layout_genogram(make_family())
    cor = drawing.symbol("cor")
    descent = _line(drawing, "descent:single:cor")
    assert descent.points[0] == (cor.x, cor.y + cor.half)
    assert _line(drawing, "child:single:cor:nina").ends == ("cor", "nina")


def test_household_boundary_around_household_only():
    drawing = layout_genogram(make_family())
    (area,) = drawing.areas
    assert area.shape == "polygon" and area.dash and area.layer == "household"
    xs = [p[0] for p in area.points]
    ys = [p[1] for p in area.points]
    for pid in ("dina", "kim", "kai", "kas"):
        s = drawing.symbol(pid)
        assert min(xs) < s.x < max(xs) and min(ys) < s.y < max(ys)
    assert "household" in {e.key for e in drawing.legend}


def test_emotional_overlay_and_arrows():
    drawing = layout_genogram(make_family())
    emo = {line.relation_id: line for line in drawing.lines if line.layer == "emotional"}
    assert set(emo) == {"e-dina-oma", "e-adam-dina", "e-cor-nina"}
    assert emo["e-adam-dina"].style == "zigzag"
    assert emo["e-cor-nina"].arrow_end and emo["e-cor-nina"].style == "dotted"
    assert emo["e-dina-oma"].style == "double"
    # Emotional lines never lie on the family lines.
    family = list(_segments(drawing))
    for line in emo.values():
        for p, q in zip(line.points, line.points[1:], strict=False):
            assert not any(_overlap(p, q, a, b) for _, a, b in family)
    keys = {e.key for e in drawing.legend}
    assert {"emotional:close", "emotional:conflict", "emotional:neglect"} <= keys
    hidden = layout_genogram(make_family(), show_emotional=False)
    assert not [line for line in hidden.lines if line.layer == "emotional"]
    assert not any(e.key.startswith("emotional:") for e in hidden.legend)


def test_legend_exactly_what_is_used_and_in_english():
    drawing = layout_genogram(make_family(), lang="en")
    keys = [e.key for e in drawing.legend]
    assert "partnership:married" in keys and "partnership:divorced" in keys
    assert "partnership:widowed" not in keys and "child:foster" in keys
    assert "sex:x" not in keys and "birth:pregnancy" not in keys
    texts = {e.key: e.text for e in drawing.legend}
    assert texts["partnership:divorced"] == "Two slashes: divorced"
    assert drawing.caption.case_code == "T-1" and drawing.caption.lens == "Genogram"


# ----------------------------------------------------------------- awkward families
def test_cousin_marriage_renders():
    people = [
        person(p, s, b)
        for p, s, b in [
            ("g1", M, "1930"),
            ("g2", F, "1932"),
            ("a", M, "1955"),
            ("b", F, "1957"),
            ("sa", F, "1956"),
            ("sb", M, "1954"),
            ("c1", M, "1980"),
            ("c2", F, "1982"),
            ("kid", F, "2010"),
        ]
    ]
    rels = [
        couple("g1", "g2"),
        *children(("g1", "g2"), "a", "b"),
        couple("a", "sa"),
        couple("sb", "b"),
        *children(("a", "sa"), "c1"),
        *children(("sb", "b"), "c2"),
        couple("c1", "c2"),
        *children(("c1", "c2"), "kid"),
    ]
    drawing = layout_genogram(make_case(people, rels))
    assert len(drawing.symbols) == 9
    assert drawing.symbol("c1").y == drawing.symbol("c2").y < drawing.symbol("kid").y


def test_missing_parent_and_loner_and_implied_couple():
    people = [
        person("mum", F, "1970"),
        person("dad", M, "1968"),
        person("kid", M, "2000"),
        person("solo", F, "1990"),
        person("lonely", M, "1950"),
    ]
    rels = [*children(("mum",), "solo"), *children(("mum", "dad"), "kid")]
    drawing = layout_genogram(make_case(people, rels))
    assert {s.id for s in drawing.symbols} == {"mum", "dad", "kid", "solo", "lonely"}
    assert any(line.id.startswith("couple:implied:") for line in drawing.lines)
    assert crossings(drawing) == []


def test_empty_case_gives_a_text_not_a_crash():
    system = Entity(id="s", name="School", kind=EntityKind.SYSTEM, system_kind=SystemKind.SCHOOL)
    drawing = layout_genogram(make_case([system], []))
    assert not drawing.symbols and drawing.texts
    assert "Nog geen personen" in drawing.texts[0].text


# ----------------------------------------------------------------- graphviz
def test_dot_sees_ids_never_names():
    data = make_family()
    data.entities[0].name = 'Evil "} digraph { x'
    source, names = dot_source(family_structure(data, genogram_people(data)))
    assert "Evil" not in source and set(names.values()) >= {"opa", "dina"}


def test_missing_dot_raises(monkeypatch):
    monkeypatch.setattr("mapping.lenses.genogram_layout.shutil.which", lambda name: None)
    with pytest.raises(RenderError) as err:
        layout_genogram(make_family())
    assert "Graphviz" in err.value.message("en")


def test_failing_dot_raises(monkeypatch):
    monkeypatch.setattr("mapping.lenses.genogram_layout.shutil.which", lambda name: "/bin/false")
    with pytest.raises(RenderError):
        layout_genogram(make_family())


def fake_dot(monkeypatch, tmp_path, script: str) -> None:
    """Make ``dot`` on the PATH a shell script that runs ``script``."""
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(0o755)
    monkeypatch.setattr("mapping.lenses.genogram_layout.shutil.which", lambda name: str(fake))


def test_hanging_dot_is_stopped_with_a_message(monkeypatch, tmp_path):
    import time

    fake_dot(monkeypatch, tmp_path, "sleep 30\n")
    monkeypatch.setattr("mapping.lenses.genogram_layout.DOT_TIMEOUT", 0.5)
    started = time.monotonic()
    with pytest.raises(RenderError) as err:
        layout_genogram(make_family())
    assert time.monotonic() - started < 10
    assert "timeout" in err.value.message("nl")


def test_dot_lays_out_while_python_builds_the_symbols(monkeypatch):
    """The source reaches dot when it starts, not when its answer is read."""
    from mapping.lenses import genogram_layout as gl

    structure = family_structure(make_family(), genogram_people(make_family()))
    run, _names = gl.start_placement(structure)
    run._talk.join(timeout=10)  # nothing asked for the result yet
    assert run._ready.is_set() and isinstance(run._answer, tuple), "dot answered on its own"
    assert run.process.poll() is not None, "and was reaped"
    assert gl.finish_placement(structure, (run, _names)).people


def test_dot_is_not_waited_for_once_the_positions_are_in(monkeypatch, tmp_path):
    """Plain output lists the nodes before the edges: once the first edge line is in,
    the answer is complete, and a dot still busy printing edges is stopped, not
    waited for."""
    import time

    fake_dot(
        monkeypatch,
        tmp_path,
        "cat >/dev/null\n"
        "printf 'graph 1 2 1\\nnode n0 0.5 0.5 1 1\\nedge n0 n0 2 0 0 1 1\\n'\nexec sleep 30\n",
    )
    from mapping.lenses import genogram_layout as gl

    started = time.monotonic()
    run = gl.DotRun("digraph {}")
    assert "node n0 0.5" in run.result()
    assert time.monotonic() - started < 10
    run._talk.join(timeout=10)
    assert run.process.poll() is not None, "the sleeping dot was stopped and reaped"


def test_positions_from_an_early_stopped_dot_are_those_of_dot_run_to_its_end():
    from mapping.lenses import genogram_layout as gl
    from tests.benchmarks.bench_genogram import bare_dot, synthetic_family

    structure = family_structure(synthetic_family(500))
    source, names = dot_source(structure)
    early = gl.DotRun(source).result()
    whole = bare_dot(source)
    nodes = lambda text: [ln for ln in text.splitlines() if ln.startswith("node ")]  # noqa: E731
    assert nodes(early) == nodes(whole) and len(nodes(whole)) == len(names)


def _waiting_dot(timeout: float = 10.0):
    """The dot that ready_dot hands out next, once the last layout's thread started it."""
    import time

    from mapping.lenses import genogram_layout as gl

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with gl._spare_lock:
            if gl._spare:
                return gl._spare[0]
        time.sleep(0.01)
    return None


def _dot_children() -> list[int]:
    """Process ids of this process's children named dot (Linux /proc)."""
    import os

    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{name}/comm") as handle:
                comm = handle.read().strip()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and comm == "dot" and fields[0] != "Z":
            found.append(int(name))
    return found


def test_a_redraw_finds_dot_loaded(monkeypatch):
    """Once a layout's dot answered, the next dot is started and waits for its graph:
    the next layout sends its graph to that one instead of starting dot again."""
    from mapping.lenses import genogram_layout as gl

    gl.drop_ready_dot()
    layout_genogram(make_family())
    waiting = _waiting_dot()
    assert waiting is not None and waiting.process.poll() is None and waiting._talk is None
    used = []
    start = gl.start_placement

    def spy(structure, run=None):
        used.append(run)
        return start(structure, run)

    monkeypatch.setattr("mapping.lenses.genogram.start_placement", spy)
    drawing = layout_genogram(make_family())
    assert used == [waiting] and {s.id for s in drawing.symbols} >= {"opa", "dina"}
    assert _waiting_dot() is not waiting  # and the one after that is waiting already


def test_at_most_one_dot_waits_and_none_outlives_its_use(monkeypatch):
    from mapping.lenses import genogram_layout as gl

    runs = []

    def spy():
        runs.append(gl.ready_dot())
        return runs[-1]

    monkeypatch.setattr("mapping.lenses.genogram.ready_dot", spy)
    for _ in range(12):
        layout_genogram(make_family())
    for run in runs:  # each layout's own dot is stopped once it answered...
        run._talk.join(timeout=10)
        assert run.process.returncode is not None
    assert len(gl._spare) == 1  # ...and one waits for the next layout
    assert _dot_children() == [gl._spare[0].process.pid]
    gl.drop_ready_dot()
    assert _dot_children() == []


def test_a_waiting_dot_is_not_used_once_path_finds_another_dot(monkeypatch):
    """A dot started before Graphviz was removed or replaced is not used."""
    layout_genogram(make_family())
    waiting = _waiting_dot()
    assert waiting is not None
    monkeypatch.setattr("mapping.lenses.genogram_layout.shutil.which", lambda name: "/bin/false")
    with pytest.raises(RenderError):
        layout_genogram(make_family())
    assert waiting.process.poll() is not None, "the old one was stopped"
    assert _waiting_dot(timeout=0.3) is None, "and a dot that failed leaves none waiting"


def test_a_graph_larger_than_the_pipe_reaches_dot_whole(monkeypatch, tmp_path):
    """What the pipe does not take at once (over 1 MB: some ten thousand people) the
    reading thread writes: dot gets every byte."""
    fake_dot(monkeypatch, tmp_path, "printf 'graph 1 1 1\\nnode n%s 0 0 1 1\\nstop\\n' $(wc -c)\n")
    from mapping.lenses import genogram_layout as gl

    source = "x" * 3_000_000
    assert f"node n{len(source)} " in gl.DotRun(source).result()


def test_dot_that_writes_much_to_stderr_while_reading_does_not_block(monkeypatch, tmp_path):
    """All three pipes are served at once: a dot that fills stderr before it has read
    its graph would otherwise wait for us while we wait for it."""
    fake_dot(
        monkeypatch,
        tmp_path,
        "head -c 300000 /dev/zero | tr '\\0' w >&2\ncat >/dev/null\n"
        "printf 'graph 1 1 1\\nstop\\n'\n",
    )
    monkeypatch.setattr("mapping.lenses.genogram_layout.DOT_TIMEOUT", 10)
    from mapping.lenses import genogram_layout as gl

    assert gl.DotRun("x" * 500_000).result().endswith("stop\n")


# ----------------------------------------------------------------- the rendered SVG
def _svg_tree(drawing):
    svg_module = pytest.importorskip("mapping.render.svg")
    from xml.etree import ElementTree

    return ElementTree.fromstring(svg_module.render_svg(drawing))


SVG = "{http://www.w3.org/2000/svg}"


def _groups(root, css):
    return [g for g in root.iter(f"{SVG}g") if css in (g.get("class") or "").split()]


def test_rendered_svg_has_every_symbol_and_line():
    drawing = layout_genogram(make_family())
    root = _svg_tree(drawing)
    symbols = {g.get("data-entity-id"): g for g in _groups(root, "symbol")}
    assert {s.id for s in drawing.symbols} <= set(symbols)
    relation_ids = {g.get("data-relation-id") for g in _groups(root, "line")}
    assert {line.relation_id for line in drawing.lines if line.relation_id} <= relation_ids
    classes = lambda g: {e.get("class") for e in g.iter()}  # noqa: E731
    assert "deceased" in classes(symbols["opa"])
    assert "index" in classes(symbols["dina"])
    assert "fill-lower" in classes(symbols["cor"]) and "fill-right" in classes(symbols["oma"])
    styles = {g.get("class") for g in _groups(root, "line")}
    assert "line layer-family style-dashed" in styles  # cohabiting, adopted
    assert "line layer-family style-dotted" in styles  # foster
    assert "line layer-emotional style-zigzag" in styles
    assert len([g for g in _groups(root, "layer-emotional") if g.get("data-relation-id")]) == 3
    assert any(e.get("class") == "slash" for e in root.iter())
    assert _groups(root, "layer-household")
    assert _groups(root, "legend")


def test_rendered_svg_escapes_names():
    data = make_family()
    data.entities[0].name = '<script>alert("x")</script> & Zn'
    root = _svg_tree(layout_genogram(data))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    # A long name wraps onto two lines; both are plain text.
    assert '<script>alert("x")</script>' in texts and "& Zn" in texts
    assert not list(root.iter(f"{SVG}script"))


def test_every_symbol_kind_in_svg():
    people = [
        person("m", M, "1980"),
        person("f", F, "1982"),
        person("x", Sex.OTHER, "1990"),
        person("u", Sex.UNKNOWN),
        person("preg", Sex.UNKNOWN, "2026", birth_status=BirthStatus.PREGNANCY),
        person("mis", Sex.UNKNOWN, birth_status=BirthStatus.MISCARRIAGE),
        person("abo", Sex.UNKNOWN, birth_status=BirthStatus.ABORTION),
        person("still", F, "2015", birth_status=BirthStatus.STILLBIRTH),
    ]
    root = _svg_tree(layout_genogram(make_case(people, [])))
    shapes = {g.get("data-entity-id"): g.get("class") for g in _groups(root, "symbol")}
    for pid, shape in [
        ("m", "square"),
        ("f", "circle"),
        ("x", "diamond"),
        ("u", "unknown"),
        ("preg", "triangle"),
        ("mis", "dot"),
        ("abo", "x"),
        ("still", "small"),
    ]:
        assert shapes[pid] == f"symbol shape-{shape}", pid


def test_three_partners_in_date_order_and_render():
    people = [
        person("jan", M, "1950"),
        person("w1", F, "1952"),
        person("w2", F, "1960"),
        person("w3", F, "1970"),
        person("a", M, "1975"),
        person("b", F, "1985"),
        person("c", M, "1995"),
    ]
    rels = [
        couple("jan", "w1", PartnershipStatus.DIVORCED, "1972", "1980"),
        couple("jan", "w2", PartnershipStatus.DIVORCED, "1982", "1990"),
        couple("jan", "w3", PartnershipStatus.MARRIED, "1992"),
        *children(("jan", "w1"), "a"),
        *children(("jan", "w2"), "b"),
        *children(("jan", "w3"), "c"),
    ]
    drawing = layout_genogram(make_case(people, rels))
    x = {s.id: s.x for s in drawing.symbols}
    assert x["w1"] < x["jan"] < x["w2"] < x["w3"]
    assert x["a"] < x["b"] < x["c"]
    # The distant partner's couple line runs below the others.
    assert (
        _line(drawing, "couple:u-jan-w3").points[1][1]
        > _line(drawing, "couple:u-jan-w2").points[1][1]
    )


def test_large_synthetic_family_has_no_crossings_and_sibling_order():
    from tests.benchmarks.bench_genogram import synthetic_family

    data = synthetic_family(150)
    drawing = layout_genogram(data)
    assert len(drawing.symbols) == 150
    assert crossings(drawing) == []
    x = {s.id: s.x for s in drawing.symbols}
    structure = family_structure(data)
    for family in structure.families:
        xs = [x[c] for c in family.children]
        assert xs == sorted(xs)


def test_contradictory_and_random_families_never_crash():
    import random

    people = [
        person("a", M, "1950"),
        person("b", F, "1970"),
        person("c", M, "1990"),
        person("d", F),
    ]
    rels = [
        *children(("a",), "b"),
        *children(("b",), "a"),  # a loop
        couple("a", "b"),
        couple("c", "c"),
        *children(("a", "b"), "c"),
        Relation(
            id="t", kind=RelationKind.TWIN, source="c", target="d", subtype=TwinKind.IDENTICAL
        ),
        emotional("d", "d", EmotionalKind.CLOSE),
        Relation(id="x", kind=C, source="nobody", target="a"),
    ]
    assert len(layout_genogram(make_case(people, rels)).symbols) == 4
    rng = random.Random(1)
    subtypes = {
        P: "married",
        C: "biological",
        RelationKind.TWIN: "fraternal",
        RelationKind.EMOTIONAL: "conflict",
    }
    for _ in range(60):
        ps = [
            person(f"p{i}", rng.choice([M, F, Sex.UNKNOWN]), str(rng.randint(1900, 2020)))
            for i in range(rng.randint(1, 15))
        ]
        rs = []
        for k in range(rng.randint(0, 25)):
            kind = rng.choice(list(subtypes))
            rs.append(
                Relation(
                    id=f"r{k}",
                    kind=kind,
                    source=rng.choice(ps).id,
                    target=rng.choice(ps).id,
                    subtype=subtypes[kind],
                )
            )
        drawing = layout_genogram(make_case(ps, rs))
        assert len(drawing.symbols) == len(ps)


# ----------------------------------------------------------------- review findings
def _gramps_around_hans():
    from pathlib import Path

    from mapping.formats.gedcom import read_gedcom, select_around

    data = read_gedcom(Path(__file__).parent / "data" / "gedcom" / "gramps_sample.ged")
    hans = next(e for e in data.entities if e.name == "Hans Peter Smith")
    return layout_genogram(select_around(data, hans.id, 3))


def test_long_imported_names_do_not_overlap_their_neighbours():
    drawing = _gramps_around_hans()
    rows: dict[float, list] = {}
    for s in drawing.symbols:
        width = max(len(t) * 12 * 0.6 for t in s.label.splitlines())
        rows.setdefault(s.y, []).append((s.x - width / 2, s.x + width / 2, s.label))
    for row in rows.values():
        row.sort()
        for (_, right, a), (left, _, b) in zip(row, row[1:], strict=False):
            assert right < left, (a, b)
    assert "Astrid Shermanna\nAugusta Smith" in {s.label for s in drawing.symbols}


def test_no_age_above_110_without_a_recorded_death():
    people = [person("old", M, "1886"), person("dead", M, "1886", death="1950")]
    drawing = layout_genogram(make_case(people, []))
    old = drawing.symbol("old")
    assert old.inner_label == "" and not old.deceased
    assert drawing.symbol("dead").inner_label == "64"


def test_adopted_only_child_is_dashed_from_the_couple_line():
    drawing = _gramps_around_hans()
    lloyd = next(s for s in drawing.symbols if s.label == "Lloyd Smith")
    (line,) = [x for x in drawing.lines if x.id.startswith("child:") and x.ends[1] == lloyd.id]
    assert line.style == "dashed"
    couple = next(
        x
        for x in drawing.lines
        if x.id.startswith("couple:") and set(line.ends) - {lloyd.id} <= set(x.ends)
    )
    assert line.points[0][1] == couple.points[1][1]  # starts on the couple line
    assert line.points[-1][1] == lloyd.y - lloyd.half


def test_two_partners_each_have_their_own_couple_line():
    drawing = _gramps_around_hans()
    hans = next(s for s in drawing.symbols if s.label == "Hans Peter Smith")
    lines = [x for x in drawing.lines if x.id.startswith("couple:") and hans.id in x.ends]
    assert len(lines) == 2
    (a, b) = lines
    # Each couple line stands on its own legs: a gap under the person they share.
    (a_lo, a_hi), (b_lo, b_hi) = sorted(
        sorted((line.points[1][0], line.points[2][0])) for line in (a, b)
    )
    assert a_hi + 15 < b_lo and a_lo < hans.x < b_hi
    assert not any(abs(x - hans.x) < 1 for line in (a, b) for x, _ in line.points)
    assert crossings(drawing) == []


def test_emotional_lines_go_around_other_people(demo_data):
    from mapping.lenses.genogram import _person_box, _samples

    drawing = layout_genogram(demo_data)
    hostile = next(
        x for x in drawing.lines if x.layer == "emotional" and x.style == "double_zigzag"
    )
    mark = next(s for s in drawing.symbols if s.label == "Mark Bakker")
    x0, y0, x1, y1 = _person_box(mark)
    assert not any(x0 < x < x1 and y0 < y < y1 for x, y in _samples(hostile.points, 4.0))


def test_line_notes_cover_no_other_text(demo_data):
    from mapping.render.svg import (
        RenderOptions,
        _Ctx,
        _note_spots,
        _overlap,
        _taken_boxes,
        _text_box,
    )

    drawing = layout_genogram(demo_data)
    ctx = _Ctx(RenderOptions())
    spots = _note_spots(drawing, ctx)
    texts, _ = _taken_boxes(drawing, ctx)
    notes = {line.id: line.note for line in drawing.lines if line.note}
    assert set(spots) == set(notes) and "ruzie over omgangsregeling" in notes.values()
    placed = [_text_box(x, y, notes[lid], 9.5) for lid, (x, y) in spots.items()]
    for box in placed:
        assert not any(_overlap(box, other) for other in texts)
    for i, box in enumerate(placed):
        assert not any(_overlap(box, other) for other in placed[i + 1 :])
