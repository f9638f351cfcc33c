"""The genogram lens: a family across generations as McGoldrick symbols.

:func:`layout_genogram` turns a case into a :class:`~mapping.drawing.Drawing`.
Graphviz ``dot`` places the people (:mod:`mapping.genogram_layout`); the
family connectors are drawn here from the final positions, so a symbol the
user dragged keeps its couple line, sibling bar and child lines attached.

>>> from mapping.demo import demo_case
>>> drawing = layout_genogram(demo_case())
>>> drawing.symbol("sanne").index, drawing.symbol("henk").deceased
(True, True)
>>> [line.label for line in drawing.lines if line.relation_id == "u-mark-sanne"]
['x 2007 // 2016']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .drawing import Area, Caption, Drawing, LegendEntry, Line, Symbol, Text
from .genogram_layout import (
    ROW_HEIGHT,
    Couple,
    Family,
    Structure,
    family_structure,
    finish_placement,
    genogram_people,
    start_placement,
)
from .model import CaseData, Entity
from .vocabulary import (
    TERMS,
    BirthStatus,
    ChildLink,
    Condition,
    EmotionalKind,
    Lens,
    PartnershipStatus,
    RelationKind,
    Sex,
    TwinKind,
    label,
)

SYMBOL_SIZE = 40.0
#: Smaller symbols for those who were never born alive.
_SIZES = {"triangle": 32.0, "dot": 16.0, "x": 18.0, "small": 24.0}
COUPLE_DROP = 3.0  # couple line just under the symbols, above the names
DEEPER = 14.0  # each distant partner's line a little lower
BAR_GAP = 22.0  # sibling bar above the children's heads
INDEX_RING = 4.0  # the index person's second outline lies this far outside the symbol
JOG_STEP = 7.0  # distance between nested sideways jogs of descent lines
EMOTIONAL_OFFSET = 9.0  # emotional lines stay clear of family lines

#: Words the genogram writes itself (vocabulary labels come from TERMS).
WORDS = {
    "empty": ("Nog geen personen in dit genogram.", "No people in this genogram yet."),
    "years": ("jaar", "years"),
    "expected": ("verwacht", "due"),
    "household": ("Huishouden", "Household"),
    "deceased": ("Kruis: overleden", "Cross: deceased"),
    "index": ("Dubbele rand: cliënt (indexpersoon)", "Double outline: client (index person)"),
    "household_legend": (
        "Stippellijn rondom: het huidige huishouden",
        "Dashed boundary: the current household",
    ),
}

#: How a couple line writes its years: (marker before the start, marker before the end).
_YEAR_MARKS = {
    PartnershipStatus.MARRIED: ("x ", ""),
    PartnershipStatus.WIDOWED: ("x ", ""),
    PartnershipStatus.COHABITING: ("", ""),
    PartnershipStatus.ENGAGED: ("", ""),
    PartnershipStatus.RELATIONSHIP: ("", ""),
    PartnershipStatus.SEPARATED: ("x ", "/ "),
    PartnershipStatus.DIVORCED: ("x ", "// "),
}


def _word(key: str, lang: str) -> str:
    nl, en = WORDS[key]
    return en if lang == "en" else nl


def layout_genogram(data: CaseData, *, lang: str = "nl", show_emotional: bool = True) -> Drawing:
    """Lay out the people of ``data`` as a genogram Drawing (lens 'genogram').

    Positions the user dragged (``data.positions_for(Lens.GENOGRAM)``) win
    over the automatic ones; the connectors follow them. The legend lists
    exactly the symbols and line kinds this drawing uses. Raises
    :class:`~mapping.errors.RenderError` when Graphviz is missing or fails.
    """
    drawing = Drawing(lens=Lens.GENOGRAM.value, caption=_caption(data, lang))
    people = genogram_people(data)
    if not people:
        drawing.texts.append(Text(x=0, y=0, text=_word("empty", lang), size=14))
        return drawing
    structure = family_structure(data, people)
    started = start_placement(structure)  # dot works while the symbols are built
    today = date.today()
    for person in people.values():
        drawing.symbols.append(_symbol(person, (0.0, 0.0), person.role, lang, today))
    placement = finish_placement(structure, started)
    dragged = data.positions_for(Lens.GENOGRAM)
    for symbol in drawing.symbols:
        symbol.x, symbol.y = dragged.get(symbol.id) or placement.people[symbol.id]
    geometry = _Geometry(drawing.symbols)
    for couple in structure.couples:
        drawing.lines.append(_couple_line(couple, geometry, lang))
    descents = {f.id: _descent(f, structure, geometry) for f in structure.families}
    jogs = _jog_levels(descents)
    for family in structure.families:
        drawing.lines += _family_lines(family, descents[family.id], geometry, jogs.get(family.id))
    for relation in structure.extra_links:
        drawing.lines.append(_extra_link(relation, geometry))
    area = _household(people, geometry, lang)
    if area is not None:
        drawing.areas.append(area)
    if show_emotional:
        drawing.lines += _emotional_lines(data, people, geometry, lang)
    drawing.legend = _legend(drawing, structure, data, people, lang, show_emotional)
    return drawing


# ----------------------------------------------------------------- symbols
def _caption(data: CaseData, lang: str) -> Caption:
    return Caption(
        title=data.case.title,
        case_code=data.case.code,
        date=date.today().isoformat(),
        lens=label(Lens.GENOGRAM, lang),
    )


def _shape(person: Entity) -> tuple[str, str]:
    """(shape, variant) of a person's symbol."""
    sex_shape = TERMS[person.sex].style["shape"]
    if person.birth_status is BirthStatus.BORN:
        return sex_shape, ""
    return TERMS[person.birth_status].style["shape"], sex_shape


def _years(person: Entity, lang: str) -> str:
    born, died = person.birth_year, person.death_year
    if person.birth_status is BirthStatus.PREGNANCY:
        return f"{_word('expected', lang)} {born}" if born else ""
    if born and died:
        return f"{born}–{died}"
    if died:
        return f"† {died}"
    return str(born) if born else ""


def _symbol(
    person: Entity, xy: tuple[float, float], role: str, lang: str, today: date | None = None
) -> Symbol:
    shape, variant = _shape(person)
    born = person.birth_status is BirthStatus.BORN
    age = person.age(today) if born else None
    fills = tuple(
        TERMS[c].style["fill"] for c in person.conditions if TERMS[c].style.get("fill") != "none"
    )
    notes = [person.occupation] if person.occupation else []
    notes += [label(c, lang) for c in person.conditions]
    if person.annotation:
        notes.append(person.annotation)
    if born and age is not None:
        age_text = f"{age} {_word('years', lang)}"
        if person.is_deceased:
            age_text = f"† {person.death_year or ''} ({age_text})".replace("†  (", "† (")
    elif person.is_deceased:
        age_text = "†"
    else:
        age_text = "" if born else label(person.birth_status, lang)
    tooltip = ", ".join(part for part in (person.name, age_text, role) if part)
    return Symbol(
        id=person.id,
        entity_id=person.id,
        x=float(xy[0]),
        y=float(xy[1]),
        shape=shape,
        variant=variant,
        size=_SIZES.get(shape, SYMBOL_SIZE),
        label=person.name,
        sublabels=(years,) if (years := _years(person, lang)) else (),
        annotations=tuple(notes),
        inner_label=str(age) if age is not None else "",
        fill_parts=tuple(dict.fromkeys(fills)),
        deceased=person.is_deceased and born,
        index=person.index_person,
        tooltip=tooltip,
    )


# ----------------------------------------------------------------- connectors
@dataclass
class _Geometry:
    """Final symbol positions, for drawing connectors after any drag."""

    symbols: list[Symbol]

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.symbols}

    def xy(self, pid: str) -> tuple[float, float]:
        s = self.by_id[pid]
        return s.x, s.y

    def top(self, pid: str) -> float:
        s = self.by_id[pid]
        return s.y - s.half - (INDEX_RING if s.index else 0.0)

    def bottom(self, pid: str) -> float:
        s = self.by_id[pid]
        return s.y + s.half + (INDEX_RING if s.index else 0.0)


def couple_level(couple: Couple, geometry: _Geometry) -> float:
    """The y of a couple's horizontal line."""
    drop = COUPLE_DROP + DEEPER * couple.depth
    return max(geometry.bottom(couple.left), geometry.bottom(couple.right)) + drop


def _couple_years(couple: Couple) -> str:
    relation = couple.relation
    if relation is None:
        return ""
    start_mark, end_mark = _YEAR_MARKS.get(couple.status, ("", ""))
    start, end = relation.start[:4], relation.end[:4]
    parts = []
    if start:
        parts.append(f"{start_mark}{start}")
    if end and end_mark:
        parts.append(f"{end_mark}{end}")
    return " ".join(parts)


def _couple_line(couple: Couple, geometry: _Geometry, lang: str) -> Line:
    (ax, _), (bx, _) = geometry.xy(couple.left), geometry.xy(couple.right)
    level = couple_level(couple, geometry)
    style = TERMS[couple.status].style
    status = label(couple.status, lang)
    return Line(
        id=f"couple:{couple.id}",
        points=(
            (ax, geometry.bottom(couple.left)),
            (ax, level),
            (bx, level),
            (bx, geometry.bottom(couple.right)),
        ),
        style=style.get("line", "solid"),
        slashes=int(style.get("slashes", 0)),
        label=_couple_years(couple),
        relation_id=couple.relation.id if couple.relation else "",
        ends=(couple.left, couple.right),
        layer="family",
        tooltip=status,
    )


@dataclass
class _Descent:
    """Where a family's line leaves its parents and where its sibling bar hangs."""

    ux: float  # x under the parents (middle of the couple line, or the one parent)
    uy: float
    bar_y: float
    low: float  # span of the children (twin apexes count once)
    high: float
    ends: tuple[str, str]
    groups: list[tuple[list[str], object]]  # children in order; twins grouped with their relation

    @property
    def target(self) -> float:
        """Where the descent meets the bar: under the parents, or the nearest child when the
        children stand to one side (then the line jogs sideways just above the bar)."""
        return min(max(self.ux, self.low), self.high)


def _descent(family: Family, structure: Structure, geometry: _Geometry) -> _Descent:
    if family.couple is not None:
        couple = family.couple
        (ax, _), (bx, _) = geometry.xy(couple.left), geometry.xy(couple.right)
        ux, uy = (ax + bx) / 2, couple_level(couple, geometry)
        ends = couple.members
    else:
        ux, uy = geometry.xy(family.parent)[0], geometry.bottom(family.parent)
        ends = (family.parent, family.parent)
    top = min(geometry.top(c) for c in family.children)
    bar_y = top - BAR_GAP if top - BAR_GAP > uy else uy + (top - uy) / 2
    twin_of = {}
    for members, relation in structure.twins:
        inside = [m for m in members if m in family.children]
        if len(inside) > 1:
            for m in inside:
                twin_of[m] = (inside, relation)
    groups: list[tuple[list[str], object]] = []
    seen: set[str] = set()
    for child in family.children:
        if child not in seen:
            members, relation = twin_of.get(child, ([child], None))
            groups.append((members, relation))
            seen.update(members)
    xs = [sum(geometry.xy(m)[0] for m in members) / len(members) for members, _ in groups]
    return _Descent(ux, uy, bar_y, min(xs), max(xs), ends, groups)


def _jog_levels(descents: dict[str, _Descent]) -> dict[str, float]:
    """The y of the sideways jog of every family whose children stand to one side.

    Jogs of one row are nested so that no descent line crosses another
    family's jog: of two families jogging the same way, the one whose
    parents stand further along turns higher.
    """
    levels: dict[str, float] = {}
    rows: dict[float, list[tuple[str, _Descent]]] = {}
    for fid, d in descents.items():
        if abs(d.target - d.ux) > 0.5:
            rows.setdefault(round(d.bar_y), []).append((fid, d))
    for items in rows.values():
        for rightward in (True, False):
            group = [(fid, d) for fid, d in items if (d.target > d.ux) == rightward]
            group.sort(key=lambda item: item[1].ux, reverse=rightward)
            depth: dict[str, int] = {}
            for i, (fid, d) in enumerate(group):
                lo, hi = sorted((d.ux, d.target))
                inside = [depth[g] for g, e in group[:i] if lo < e.ux <= hi or lo <= e.ux < hi]
                depth[fid] = 1 + max(inside, default=-1)
            deepest = max(depth.values(), default=0)
            for fid, d in group:
                levels[fid] = d.bar_y - 14 - JOG_STEP * (deepest - depth[fid])
    return levels


def _family_lines(
    family: Family, d: _Descent, geometry: _Geometry, jog: float | None
) -> list[Line]:
    """Descent line, sibling bar and one line per child (twins from one apex)."""
    if jog is None:
        points = ((d.ux, d.uy), (d.ux, d.bar_y))
    else:
        points = ((d.ux, d.uy), (d.ux, jog), (d.target, jog), (d.target, d.bar_y))
    lines: list[Line] = [Line(id=f"descent:{family.id}", points=points, ends=d.ends)]
    if d.high - d.low > 0.5:
        lines.append(
            Line(id=f"bar:{family.id}", points=((d.low, d.bar_y), (d.high, d.bar_y)), ends=d.ends)
        )
    for members, relation in d.groups:
        apex = sum(geometry.xy(m)[0] for m in members) / len(members)
        for m in members:
            mx, _ = geometry.xy(m)
            lines.append(
                Line(
                    id=f"child:{family.id}:{m}",
                    points=((apex, d.bar_y), (mx, geometry.top(m))),
                    style=TERMS[family.links[m]].style["line"],
                    relation_id=family.relations[m],
                    ends=(d.ends[0], m),
                    layer="family",
                )
            )
        if relation is not None and relation.subtype == TwinKind.IDENTICAL:
            first, last = members[0], members[-1]
            t = 0.45
            (fx, _), (lx, _) = geometry.xy(first), geometry.xy(last)
            y = d.bar_y + t * (geometry.top(first) - d.bar_y)
            lines.append(
                Line(
                    id=f"identical:{relation.id}",
                    points=((apex + t * (fx - apex), y), (apex + t * (lx - apex), y)),
                    relation_id=relation.id,
                    ends=(first, last),
                    layer="family",
                )
            )
    return lines


def _extra_link(relation, geometry: _Geometry) -> Line:
    """A second set of parents (foster, adoptive) linked straight to the child."""
    px, _ = geometry.xy(relation.source)
    cx, _ = geometry.xy(relation.target)
    try:
        style = TERMS[ChildLink(relation.subtype)].style["line"]
    except ValueError:
        style = "solid"
    return Line(
        id=f"link:{relation.id}",
        points=((px, geometry.bottom(relation.source)), (cx, geometry.top(relation.target))),
        style=style,
        relation_id=relation.id,
        ends=(relation.source, relation.target),
        layer="family",
    )


def _household(people: dict[str, Entity], geometry: _Geometry, lang: str) -> Area | None:
    """A dashed boundary around the household, stepping from row to row."""
    members = [pid for pid, person in people.items() if person.household]
    if not members:
        return None
    rows: dict[float, list[float]] = {}
    for pid in members:
        x, y = geometry.xy(pid)
        rows.setdefault(round(y, 1), []).append(x)
    pad_x, above, below = 60.0, 31.0, 92.0
    spans = [
        (min(xs) - pad_x, max(xs) + pad_x, y - above, y + below) for y, xs in sorted(rows.items())
    ]
    right: list[tuple[float, float]] = [(spans[0][1], spans[0][2])]
    left: list[tuple[float, float]] = [(spans[0][0], spans[0][2])]
    for (x0, x1, _, bottom), (nx0, nx1, ntop, _) in zip(spans, spans[1:], strict=False):
        mid = (bottom + ntop) / 2 if ntop > bottom else bottom
        right += [(x1, mid), (nx1, mid)]
        left += [(x0, mid), (nx0, mid)]
    right.append((spans[-1][1], spans[-1][3]))
    left.append((spans[-1][0], spans[-1][3]))
    points = _rounded(right + left[::-1], 10.0)
    return Area(
        id="household",
        shape="polygon",
        points=points,
        stroke="#6d6d6d",
        dash="7 5",
        width=1.4,
        radius=12.0,
        label=_word("household", lang),
        label_at=(spans[-1][0] + 44, spans[-1][3] - 8),
        layer="household",
    )


def _rounded(points: list[tuple[float, float]], radius: float) -> tuple:
    """Cut every corner of a polygon so its outline reads as rounded in any renderer."""
    clean = [p for i, p in enumerate(points) if p != points[i - 1]]
    out: list[tuple[float, float]] = []
    n = len(clean)
    for i, (x, y) in enumerate(clean):
        for px, py in (clean[i - 1], clean[(i + 1) % n]):
            length = ((px - x) ** 2 + (py - y) ** 2) ** 0.5
            if length == 0:
                continue
            cut = min(radius, length / 2)
            out.append(
                (round(x + (px - x) * cut / length, 1), round(y + (py - y) * cut / length, 1))
            )
        # keep the two cut points in the order of travel: towards prev first, then towards next
    return tuple(out)


def _emotional_lines(
    data: CaseData, people: dict[str, Entity], geometry: _Geometry, lang: str
) -> list[Line]:
    """Emotional relations as styled lines, kept clear of the family lines."""
    lines: list[Line] = []
    pair_count: dict[frozenset, int] = {}
    row_xs: dict[float, list[float]] = {}
    for s in geometry.symbols:
        row_xs.setdefault(round(s.y, 1), []).append(s.x)
    for r in data.relations:
        if r.kind is not RelationKind.EMOTIONAL or r.source not in people or r.target not in people:
            continue
        if r.source == r.target:
            continue
        try:
            kind = EmotionalKind(r.subtype)
        except ValueError:
            kind = EmotionalKind.CLOSE
        style = TERMS[kind].style
        pair = frozenset((r.source, r.target))
        k = pair_count[pair] = pair_count.get(pair, 0) + 1
        a, b = geometry.by_id[r.source], geometry.by_id[r.target]
        if abs(a.y - b.y) < 1:
            between = [
                x
                for x in row_xs.get(round(a.y, 1), [])
                if min(a.x, b.x) + 1 < x < max(a.x, b.x) - 1
            ]
            if between:
                # Over the heads of the people in between.
                top = min(a.y - a.half, b.y - b.half) - 10 - 5 * (k - 1)
                points = ((a.x, a.y - a.half), (a.x, top), (b.x, top), (b.x, b.y - b.half))
            else:
                sign = 1 if b.x > a.x else -1
                y = a.y - 6 - 8 * (k - 1)
                points = ((a.x + sign * (a.half + 4), y), (b.x - sign * (b.half + 4), y))
        else:
            dx, dy = b.x - a.x, b.y - a.y
            length = (dx * dx + dy * dy) ** 0.5
            ux, uy = dx / length, dy / length
            px, py = -uy, ux  # perpendicular
            off = EMOTIONAL_OFFSET * (1 + (k - 1) * 1.2)
            points = (
                (a.x + ux * (a.half + 4) + px * off, a.y + uy * (a.half + 4) + py * off),
                (b.x - ux * (b.half + 4) + px * off, b.y - uy * (b.half + 4) + py * off),
            )
        lines.append(
            Line(
                id=f"emotional:{r.id}",
                points=tuple((round(x, 1), round(y, 1)) for x, y in points),
                style=style.get("line", "solid"),
                color=style.get("color", "#222222"),
                width=1.6,
                arrow_end=bool(style.get("arrow")),
                note=r.note,
                relation_id=r.id,
                ends=(r.source, r.target),
                layer="emotional",
                tooltip=label(kind, lang),
            )
        )
    return lines


# ----------------------------------------------------------------- legend
_SAMPLE = ((0.0, 0.0), (36.0, 0.0))


def _legend(
    drawing: Drawing,
    structure: Structure,
    data: CaseData,
    people: dict[str, Entity],
    lang: str,
    show_emotional: bool,
) -> list[LegendEntry]:
    """Exactly the symbols and line kinds this drawing uses, in a fixed order."""
    entries: list[LegendEntry] = []

    def add(key: str, text: str, sample) -> None:
        entries.append(LegendEntry(key=key, text=text, sample=sample))

    shapes_used = {
        person.sex for person in people.values() if person.birth_status is BirthStatus.BORN
    }
    for sex in Sex:
        if sex in shapes_used:
            add(
                f"sex:{sex.value}",
                TERMS[sex].legend(lang),
                _sample_symbol(TERMS[sex].style["shape"]),
            )
    statuses = {person.birth_status for person in people.values()}
    for status in BirthStatus:
        if status is not BirthStatus.BORN and status in statuses:
            shape = TERMS[status].style["shape"]
            add(
                f"birth:{status.value}", TERMS[status].legend(lang), _sample_symbol(shape, "square")
            )
    if any(s.deceased for s in drawing.symbols):
        add("deceased", _word("deceased", lang), _sample_symbol("square", deceased=True))
    if any(s.index for s in drawing.symbols):
        add("index", _word("index", lang), _sample_symbol("circle", index=True))
    conditions = {c for person in people.values() for c in person.conditions}
    for condition in Condition:
        fill = TERMS[condition].style.get("fill")
        if condition in conditions and fill and fill != "none":
            add(
                f"condition:{condition.value}",
                TERMS[condition].legend(lang),
                _sample_symbol("square", fill_parts=(fill,)),
            )
    statuses_used = {c.status for c in structure.couples}
    for status in PartnershipStatus:
        if status in statuses_used:
            style = TERMS[status].style
            add(
                f"partnership:{status.value}",
                TERMS[status].legend(lang),
                Line(
                    id=f"legend:{status.value}",
                    points=_SAMPLE,
                    style=style.get("line", "solid"),
                    slashes=int(style.get("slashes", 0)),
                ),
            )
    links_used = {link for family in structure.families for link in family.links.values()}
    links_used |= {
        ChildLink(r.subtype)
        for r in structure.extra_links
        if r.subtype in ChildLink._value2member_map_
    }
    for link in ChildLink:
        if link in links_used:
            add(
                f"child:{link.value}",
                TERMS[link].legend(lang),
                Line(
                    id=f"legend:{link.value}",
                    points=((0, 0), (0, 24)),
                    style=TERMS[link].style["line"],
                ),
            )
    twin_kinds = {relation.subtype for _, relation in structure.twins}
    for kind in TwinKind:
        if kind.value in twin_kinds:
            add(
                f"twins:{kind.value}",
                TERMS[kind].legend(lang),
                Line(id=f"legend:{kind.value}", points=((0, 24), (10, 0), (20, 24))),
            )
    if drawing.areas:
        add(
            "household",
            _word("household_legend", lang),
            Area(
                id="legend:household",
                shape="rect",
                w=36,
                h=20,
                radius=5,
                dash="7 5",
                stroke="#6d6d6d",
            ),
        )
    if show_emotional:
        subtypes = {r.id: r.subtype for r in data.relations}
        kinds_used = {
            subtypes.get(line.relation_id) for line in drawing.lines if line.layer == "emotional"
        }
        for kind in EmotionalKind:
            if kind.value in kinds_used:
                style = TERMS[kind].style
                add(
                    f"emotional:{kind.value}",
                    TERMS[kind].legend(lang),
                    Line(
                        id=f"legend:{kind.value}",
                        points=_SAMPLE,
                        style=style.get("line", "solid"),
                        color=style.get("color", "#222222"),
                        arrow_end=bool(style.get("arrow")),
                        layer="emotional",
                    ),
                )
    return entries


def _sample_symbol(shape: str, variant: str = "", **kw) -> Symbol:
    return Symbol(id=f"legend:{shape}", x=0, y=0, shape=shape, variant=variant, size=20, **kw)


__all__ = ["ROW_HEIGHT", "layout_genogram"]
