"""The genogram lens: a family across generations as McGoldrick symbols.

:func:`layout_genogram` turns a case into a :class:`~mapping.core.drawing.Drawing`.
Graphviz ``dot`` places the people (:mod:`mapping.lenses.genogram_layout`); the
family connectors are drawn here from the final positions, so a symbol the
user dragged keeps its couple line, sibling bar and child lines attached.

>>> from mapping.services.demo import demo_case
>>> drawing = layout_genogram(demo_case())
>>> drawing.symbol("sanne").index, drawing.symbol("henk").deceased
(True, True)
>>> [line.label for line in drawing.lines if line.relation_id == "u-mark-sanne"]
['x 2007 // 2016']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from mapping.core.drawing import Area, Caption, Drawing, LegendEntry, Line, Symbol, Text, shortened
from mapping.core.model import MAX_AGE, CaseData, Entity, Relation, date_words
from mapping.core.vocabulary import (
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
from mapping.lenses.genogram_layout import (
    ROW_HEIGHT,
    Couple,
    Family,
    Structure,
    couple_depths,
    family_structure,
    finish_placement,
    genogram_people,
    ready_dot,
    start_placement,
    wrap,
)
from mapping.render.markup import text_width
from mapping.render.paths import middle_segment
from mapping.render.symbols import warm_symbols

SYMBOL_SIZE = 40.0
#: Smaller symbols for those who were never born alive.
_SIZES = {"triangle": 32.0, "dot": 16.0, "x": 18.0, "small": 24.0}
COUPLE_DROP = 3.0  # couple line just under the symbols, above the names
DEEPER = 14.0  # each distant partner's line a little lower
BAR_GAP = 22.0  # sibling bar above the children's heads
BAR_GAP_LINKED = 52.0  # higher when an adopted or foster child hangs from it
INDEX_RING = 4.0  # the index person's second outline lies this far outside the symbol
JOG_STEP = 7.0  # distance between nested sideways jogs of descent lines
EMOTIONAL_OFFSET = 9.0  # emotional lines stay clear of family lines
NAME_SIZE, NOTE_SIZE = 12.0, 9.5  # as the renderer writes them
NAME_ROOM = 118.0  # a longer name wraps onto two lines
NOTE_ROOM = 150.0
LABEL_GAP = 12.0  # at least this much between the labels of neighbours (plus dot's nodesep)
MAX_COLUMN = 200.0
NAME_CLEAR = 3.0  # at least this much between a couple line and the name under it
LEG_SHIFT = 11.0  # a person with two partners on one row: each couple line its own leg

#: Words the genogram writes itself (vocabulary labels come from TERMS).
WORDS = {
    "empty": ("Nog geen personen in dit genogram.", "No people in this genogram yet."),
    "before": ("eerder", "before"),
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
    PartnershipStatus.UNKNOWN: ("", ""),
}


def _word(key: str, lang: str) -> str:
    nl, en = WORDS[key]
    return en if lang == "en" else nl


def layout_genogram(
    data: CaseData, *, lang: str = "nl", show_emotional: bool = True, text_scale: float = 1.0
) -> Drawing:
    """Lay out the people of ``data`` as a genogram Drawing (lens 'genogram').

    ``text_scale`` is the factor the renderer writes the text at
    (:func:`mapping.render.svg.text_scale`: 1.5 in large type): columns,
    rows, the room between partners for their years and the household's
    boundary are made for text of that size, so no text overlaps another.

    Positions the user dragged (``data.positions_for(Lens.GENOGRAM)``) win
    over the automatic ones; the connectors follow them. The legend lists
    exactly the symbols and line kinds this drawing uses. Raises
    :class:`~mapping.core.errors.RenderError` when Graphviz is missing or fails.
    """
    drawing = Drawing(lens=Lens.GENOGRAM.value, caption=_caption(data, lang))
    people = genogram_people(data)
    if not people:
        drawing.texts.append(Text(x=0, y=0, text=_word("empty", lang), size=14))
        return drawing
    run = ready_dot()  # loaded ahead, or loading (some ms) while the structure is worked out
    try:
        structure = family_structure(data, people, depths=False)
        scale = structure.text_scale = text_scale
        structure.widths = {
            pid: _entity_room(person, lang, scale) for pid, person in people.items()
        }
        structure.row_height = _row_height(people.values(), lang, scale)
        years = {c.id: _couple_years(c, lang) for c in structure.couples}
        structure.couple_labels = {
            c.id: couple_label_room(years[c.id], c.status, scale)
            for c in structure.couples
            if c.relation
        }
        started = start_placement(structure, run)  # dot works while the symbols are built
    except BaseException:
        run.stop()  # a dot never sent its graph would wait for it
        raise
    couple_depths(structure)
    today = date.today()
    for person in people.values():
        drawing.symbols.append(_symbol(person, (0.0, 0.0), person.role, lang, today))
    # The symbols look the same wherever dot puts them: draw them now, while dot works,
    # and render_svg (default options) finds them drawn.
    warm_symbols(drawing.symbols)
    # the legend needs no positions either
    drawing.legend = _legend(drawing, structure, data, people, lang, show_emotional)
    # and the connectors' looks: all but where they go
    looks = {c.id: _couple_look(c, years[c.id], lang) for c in structure.couples}
    groups = _child_groups(structure)
    placement = finish_placement(structure, started)
    dragged = data.positions_for(Lens.GENOGRAM)
    for symbol in drawing.symbols:
        symbol.x, symbol.y = dragged.get(symbol.id) or placement.people[symbol.id]
    geometry = _Geometry(drawing.symbols, text_scale)
    for couple in structure.couples:
        drawing.lines.append(_couple_line(couple, geometry, looks[couple.id]))
    _names_below_couple_lines(drawing.symbols, drawing.lines, text_scale)
    descents = {f.id: _descent(f, groups[f.id], geometry) for f in structure.families}
    jogs = _jog_levels(descents)
    for family in structure.families:
        drawing.lines += _family_lines(family, descents[family.id], geometry, jogs.get(family.id))
    for relation in structure.extra_links:
        drawing.lines.append(_extra_link(relation, geometry))
    area = _household(people, geometry, lang)
    if area is not None:
        drawing.areas.append(area)
    if show_emotional:
        drawing.lines += _emotional_lines(data, people, geometry, lang, drawing.lines)
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
    """'1948–2019'; an inexact date with its qualifier: 'vóór 1828 – 1900', 'ca. 1850'."""
    born = date_words(person.birth, person.birth_qualifier, lang)
    died = date_words(person.death, person.death_qualifier, lang)
    if person.birth_status is BirthStatus.PREGNANCY:
        return f"{_word('expected', lang)} {born}" if born else ""
    if born and died:
        exact = born.isdigit() and died.isdigit()
        return f"{born}–{died}" if exact else f"{born} – {died}"
    if died:
        return f"† {died}"
    return born


def _symbol(
    person: Entity, xy: tuple[float, float], role: str, lang: str, today: date | None = None
) -> Symbol:
    shape, variant = _shape(person)
    born = person.birth_status is BirthStatus.BORN
    age = person.age(today) if born else None
    if age is not None and not person.is_deceased and age > MAX_AGE:
        age = None  # death not recorded; an age of 140 would mislead
    # from an inexact date the age is inexact too: '~71', '≥72', '55–60'
    age_words = person.age_text(today) if age is not None else ""
    fills = tuple(
        TERMS[c].style["fill"] for c in person.conditions if TERMS[c].style.get("fill") != "none"
    )
    # the case keeps a note of any length; the map shows its first words
    notes = [shortened(person.occupation)] if person.occupation else []
    # a condition with a McGoldrick fill is drawn on the symbol (the legend says which);
    # only the others are written under it
    notes += [label(c, lang) for c in person.conditions if not _drawn_condition(c)]
    if person.annotation:
        notes.append(shortened(person.annotation))
    notes = [line for note in notes for line in wrap(note, NOTE_SIZE, NOTE_ROOM)]
    # a pseudonymised copy holds an age band instead of dates: it goes where the age goes
    shown_age = age_words if age is not None else person.age_band
    if born and shown_age:
        age_text = f"{shown_age} {_word('years', lang)}"
        if person.is_deceased:
            died = date_words(person.death, person.death_qualifier, lang)
            age_text = f"† {died} ({age_text})".replace("†  (", "† (")
    elif person.is_deceased:
        age_text = "†"
    else:
        age_text = "" if born else label(person.birth_status, lang)
    drawn = ", ".join(label(c, lang) for c in person.conditions if _drawn_condition(c))
    tooltip = ", ".join(part for part in (person.name, age_text, role, drawn) if part)
    return Symbol(
        id=person.id,
        entity_id=person.id,
        x=float(xy[0]),
        y=float(xy[1]),
        shape=shape,
        variant=variant,
        size=_SIZES.get(shape, SYMBOL_SIZE),
        label="\n".join(wrap(person.name, NAME_SIZE, NAME_ROOM)),
        sublabels=(years,) if (years := _years(person, lang)) else (),
        annotations=tuple(notes),
        inner_label=shown_age if born else "",
        fill_parts=tuple(dict.fromkeys(fills)),
        deceased=person.is_deceased and born,
        index=person.index_person,
        tooltip=tooltip,
    )


def _drawn_condition(condition: Condition) -> bool:
    """True when the convention draws ``condition`` on the symbol (a filled half)."""
    return TERMS[condition].style.get("fill", "none") != "none"


def _entity_room(person: Entity, lang: str, scale: float = 1.0) -> float:
    """:func:`_label_room` straight from the person, so dot can start before the symbols exist.

    ``scale``: the text scale the renderer writes at; the name wraps at the same
    words whatever the scale (room and size grow together)."""
    lines = wrap(person.name, NAME_SIZE, NAME_ROOM)
    name = max(text_width(t, NAME_SIZE * scale) for t in lines)
    if (
        scale == 1.0
        and name + LABEL_GAP <= 112
        and not (person.occupation or person.annotation or person.conditions)
    ):
        return name + LABEL_GAP  # the common case: a short name and years
    notes = [
        shortened(person.occupation),
        shortened(person.annotation),
        *(label(c, lang) for c in person.conditions if not _drawn_condition(c)),
    ]
    widths = [name, text_width(_years(person, lang), 10.5 * scale)]
    if person.birth_status is not BirthStatus.BORN:
        widths.append(text_width(label(person.birth_status, lang), 10.5 * scale))
    widths += [
        text_width(t, NOTE_SIZE * scale)
        for note in notes
        if note
        for t in wrap(note, NOTE_SIZE, NOTE_ROOM)
    ]
    return min(max(widths) + LABEL_GAP, MAX_COLUMN * scale)


def _label_room(s: Symbol, scale: float = 1.0) -> float:
    """How wide a person's column must be for the name, years and notes under the symbol."""
    widths = [text_width(t, NAME_SIZE * scale) for t in s.label.splitlines()]
    widths += [text_width(t, 10.5 * scale) for t in s.sublabels]
    widths += [text_width(t, NOTE_SIZE * scale) for t in s.annotations]
    return min(max(widths, default=0.0) + LABEL_GAP, MAX_COLUMN * scale)


def _stack_height(person: Entity, lang: str, scale: float) -> float:
    """Height of the lines written under a person (name, years, notes) at ``scale``."""
    names = len(wrap(person.name, NAME_SIZE, NAME_ROOM)) if person.name else 0
    notes = [shortened(person.occupation), shortened(person.annotation)]
    notes += [label(c, lang) for c in person.conditions if not _drawn_condition(c)]
    lines = sum(len(wrap(n, NOTE_SIZE, NOTE_ROOM)) for n in notes if n)
    return (names * NAME_SIZE + 10.5 + lines * NOTE_SIZE) * 1.2 * scale


def _row_height(people, lang: str, scale: float) -> float:
    """Distance between generations: :data:`ROW_HEIGHT`, plus what larger text adds to the
    tallest stack of lines under a symbol."""
    if scale <= 1.0:
        return ROW_HEIGHT
    tallest = max((_stack_height(p, lang, 1.0) for p in people), default=0.0)
    return ROW_HEIGHT + tallest * (scale - 1.0) + 12.0 * (scale - 1.0)


def couple_label_room(years: str, status: PartnershipStatus, scale: float = 1.0) -> float:
    """Width the years on a couple line need between the partners' symbols.

    A divorced or separated couple's years stand either side of the slashes
    ('x 2007' left, '2016' right), each half beside the middle; other labels
    stand centred above the line.
    """
    size = 11 * scale
    width = text_width(years, size)
    if scale == 1.0:
        return width
    mark = {PartnershipStatus.DIVORCED: " // ", PartnershipStatus.SEPARATED: " / "}.get(status)
    if mark and mark in years:
        before, _, after = years.partition(mark)
        half = max(text_width(before.strip(), size), text_width(after.strip(), size))
        width = max(width, 2 * (half + 11.0))
    return width + 2 * (INDEX_RING + 4.0)


# ----------------------------------------------------------------- connectors
@dataclass
class _Geometry:
    """Final symbol positions, for drawing connectors after any drag."""

    symbols: list[Symbol]
    scale: float = 1.0  # the text scale the labels are written at

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


def couple_legs(couple: Couple, geometry: _Geometry) -> tuple[float, float]:
    """x of a couple line's two legs; a person with another partner on the row gets
    a leg of their own for each partner, shifted towards that partner."""
    (ax, _), (bx, _) = geometry.xy(couple.left), geometry.xy(couple.right)
    sign = 1.0 if bx >= ax else -1.0
    if couple.left in couple.shared:
        ax += sign * LEG_SHIFT
    if couple.right in couple.shared:
        bx -= sign * LEG_SHIFT
    return ax, bx


def _couple_years(couple: Couple, lang: str = "nl") -> str:
    """The years on a couple line: 'x 1978 // 1995'; a couple that married again shows
    each partnership in turn: 'x 1900 // 1905  x 1914'."""
    if couple.relation is None:  # implied by a shared child: no status on record
        return TERMS[PartnershipStatus.UNKNOWN].style["marks"]
    spans = [_partnership_years(r, lang) for r in (*couple.earlier, couple.relation)]
    return "  ".join(span for span in spans if span)


def _partnership_status(relation: Relation) -> PartnershipStatus:
    """The status of a partnership; '' (stored before there was a word for it) and any
    value casemap does not know claim none."""
    try:
        return PartnershipStatus(relation.subtype)
    except ValueError:
        return PartnershipStatus.UNKNOWN


def _status_label(relation: Relation, lang: str) -> str:
    return label(_partnership_status(relation), lang)


def _partnership_years(relation: Relation, lang: str = "nl") -> str:
    status = _partnership_status(relation)
    start_mark, end_mark = _YEAR_MARKS.get(status, ("", ""))
    start = date_words(relation.start, relation.start_qualifier, lang)
    end = date_words(relation.end, relation.end_qualifier, lang)
    parts = [TERMS[status].style["marks"]] if status is PartnershipStatus.UNKNOWN else []
    if start:
        parts.append(f"{start_mark}{start}")
    if end and end_mark:
        parts.append(f"{end_mark}{end}")
    return " ".join(parts)


def _couple_look(couple: Couple, years: str, lang: str) -> dict:
    """What a couple line looks like wherever it goes (made while dot works): its
    style, slashes, years and tooltip, as keyword arguments of its Line."""
    style = TERMS[couple.status].style
    status = label(couple.status, lang)
    if couple.earlier:  # married again: say what came before
        before = ", ".join(
            f"{_status_label(r, lang)} {_partnership_years(r, lang)}".strip()
            for r in couple.earlier
        )
        status += f" ({_word('before', lang)}: {before})"
    return {
        "id": f"couple:{couple.id}",
        "style": style.get("line", "solid"),
        "slashes": int(style.get("slashes", 0)),
        "label": years,
        "relation_id": couple.relation.id if couple.relation else "",
        "layer": "family",
        "tooltip": status,
    }


def _couple_line(couple: Couple, geometry: _Geometry, look: dict) -> Line:
    """The couple line between the partners' symbols; ``look``: :func:`_couple_look`.

    Partners on different rows (a partner of another generation, or one dragged
    up or down): the upper partner's leg leaves from the side of the symbol and
    goes down beside the name, not through it. The line then has six points,
    its middle segment still the bar the years stand on.
    """
    ax, bx = couple_legs(couple, geometry)
    level = couple_level(couple, geometry)
    a, b = geometry.by_id[couple.left], geometry.by_id[couple.right]
    if abs(a.y - b.y) > 1.0 and (a.label or b.label):
        upper, lower, ux, lx = (a, b, ax, bx) if a.y < b.y else (b, a, bx, ax)
        side = 1.0 if lx >= upper.x else -1.0
        ring = INDEX_RING if upper.index else 0.0
        clear = upper.x + side * max(
            upper.half + ring + 6.0, (_label_room(upper, geometry.scale) - LABEL_GAP) / 2 + 6.0
        )
        leg = geometry.bottom(lower.id)
        points = (
            (upper.x + side * (upper.half + ring), upper.y),
            (clear, upper.y),
            (clear, level),
            (lx, level),
            (lx, (level + leg) / 2),
            (lx, leg),
        )
        if upper is b:  # the points run from the left partner to the right one
            points = tuple(reversed(points))
        return Line(points=points, ends=(couple.left, couple.right), **look)
    return Line(
        points=(
            (ax, geometry.bottom(couple.left)),
            (ax, level),
            (bx, level),
            (bx, geometry.bottom(couple.right)),
        ),
        ends=(couple.left, couple.right),
        **look,
    )


def name_top(s: Symbol) -> float:
    """Where the first line under a symbol (the name) begins, as the renderer writes it."""
    return s.y + s.half + (INDEX_RING if s.index else 0.0) + 4.0 + s.label_offset


def _names_below_couple_lines(symbols: list[Symbol], lines: list[Line], scale: float = 1.0) -> None:
    """Lower the names of each row below the couple lines that pass under them.

    A couple line runs just under the partners' symbols, and under an index
    person's double outline a little lower; a name centred under a symbol is
    wider than the symbol, so the line would cross it. Every name of a row
    steps down together (they stay on one line) as far as the lowest couple
    line under any of them needs, plus :data:`NAME_CLEAR`. Segments are filed
    by row and by 200-unit column, so a tree of thousands looks only nearby.
    """
    row_of = {s.id: round(s.y, 1) for s in symbols}
    cell = MAX_COLUMN
    filed: dict[tuple[float, int], list[tuple[float, float, float]]] = {}
    for line in lines:
        if not line.id.startswith("couple:"):
            continue
        rows = {row_of[e] for e in line.ends if e in row_of}
        for (ax, ay), (bx, by) in zip(line.points, line.points[1:], strict=False):
            segment = (min(ax, bx), max(ax, bx), max(ay, by) + line.width / 2)
            for row in rows:
                for k in range(int(segment[0] // cell), int(segment[1] // cell) + 1):
                    filed.setdefault((row, k), []).append(segment)
    if not filed:
        return
    need: dict[float, float] = {}
    for s in symbols:
        if not s.label_below or s.shape == "point" or not s.label:
            continue
        row = row_of[s.id]
        near = [
            segment
            for k in range(int((s.x - cell / 2) // cell), int((s.x + cell / 2) // cell) + 1)
            for segment in filed.get((row, k), ())
        ]
        if not near:
            continue
        half_width = (_label_room(s, scale) - LABEL_GAP) / 2
        top = name_top(s)
        lowest = max(
            (
                low
                for x0, x1, low in near
                if x1 >= s.x - half_width and x0 <= s.x + half_width and s.y < low < top + 60
            ),
            default=None,
        )
        if lowest is not None:
            need[row] = max(need.get(row, 0.0), lowest + NAME_CLEAR - top)
    for s in symbols:
        step = need.get(row_of[s.id], 0.0)
        if step > 0 and s.label_below and s.shape != "point":
            s.label_offset += step


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


def _child_groups(structure: Structure) -> dict[str, list[tuple[list[str], object]]]:
    """Per family, its children in order with twins grouped (and their twin relation);
    needs no positions, so it is made while dot works."""
    twin_of: dict[str, tuple[list[str], object]] = {}
    for members, relation in structure.twins:
        for m in members:
            twin_of[m] = (members, relation)
    out = {}
    for family in structure.families:
        groups: list[tuple[list[str], object]] = []
        seen: set[str] = set()
        for child in family.children:
            if child in seen:
                continue
            members, relation = twin_of.get(child, ((child,), None))
            inside = [m for m in members if m in family.children]
            if len(inside) < 2:
                inside, relation = [child], None
            groups.append((inside, relation))
            seen.update(inside)
        out[family.id] = groups
    return out


def _descent(
    family: Family, groups: list[tuple[list[str], object]], geometry: _Geometry
) -> _Descent:
    """``groups``: the family's children as :func:`_child_groups` made them."""
    if family.couple is not None:
        couple = family.couple
        ax, bx = couple_legs(couple, geometry)
        ux, uy = (ax + bx) / 2, couple_level(couple, geometry)
        ends = couple.members
    else:
        ux, uy = geometry.xy(family.parent)[0], geometry.bottom(family.parent)
        ends = (family.parent, family.parent)
    top = min(geometry.top(c) for c in family.children)
    # An adopted or foster child's own line must be long enough to show its style.
    linked = any(link is not ChildLink.BIOLOGICAL for link in family.links.values())
    gap = BAR_GAP_LINKED if linked and len(family.children) > 1 else BAR_GAP
    bar_y = top - gap if top - gap > uy + 8 else uy + (top - uy) / 2
    xs = [sum(geometry.xy(m)[0] for m in members) / len(members) for members, _ in groups]
    if family.couple is not None:
        # Drop from the point of the couple line nearest the children (no needless jog).
        lo, hi = sorted(couple_legs(family.couple, geometry))
        lo, hi = max(lo + 4, min(xs)), min(hi - 4, max(xs))
        if lo <= hi:
            ux = min(max(ux, lo), hi)
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
    """Descent line, sibling bar and one line per child (twins from one apex).

    An only child who is adopted or fostered hangs by one line in that
    style all the way from the parents, so the adoption shows at a glance.
    """
    if jog is None:
        points = ((d.ux, d.uy), (d.ux, d.bar_y))
    else:
        points = ((d.ux, d.uy), (d.ux, jog), (d.target, jog), (d.target, d.bar_y))
    if len(d.groups) == 1 and len(d.groups[0][0]) == 1:
        (only,), _ = d.groups[0]
        if family.links[only] is not ChildLink.BIOLOGICAL:
            mx, _ = geometry.xy(only)
            whole = (
                *points[:-1],
                (mx, points[-1][1]) if abs(mx - points[-1][0]) < 0.5 else points[-1],
            )
            return [
                Line(
                    id=f"child:{family.id}:{only}",
                    points=(*whole, (mx, geometry.top(only))),
                    style=TERMS[family.links[only]].style["line"],
                    relation_id=family.relations[only],
                    ends=(d.ends[0], only),
                    layer="family",
                )
            ]
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
    scale = geometry.scale
    if scale != 1.0:  # the boundary takes in the larger text, and its label stays under it
        lowest = max(
            _person_box(geometry.by_id[pid], scale)[3] - geometry.by_id[pid].y for pid in members
        )
        below = max(below, lowest + 10 + 12 * scale)
        pad_x = max(
            pad_x,
            *(
                (_person_box(geometry.by_id[pid], scale)[2] - geometry.xy(pid)[0]) + 10
                for pid in members
            ),
        )
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
        label_at=(
            spans[-1][0] + max(44.0, 10 + text_width(_word("household", lang), 12 * scale) / 2),
            spans[-1][3] - 8,
        ),
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


def _emotional_relations(data: CaseData, people: dict[str, Entity]) -> list:
    """The emotional relations the genogram draws: one line each."""
    return data.relations_among(RelationKind.EMOTIONAL, people)


def _emotional_lines(
    data: CaseData,
    people: dict[str, Entity],
    geometry: _Geometry,
    lang: str,
    family_lines: list[Line] = (),
) -> list[Line]:
    """Emotional relations as styled lines, kept clear of the family lines and of other people.

    The straight line (just above a couple line, or beside a line across
    generations) is tried first; when it would run through someone else's
    symbol or labels, or along an emotional line drawn before, a gentle arc
    above or below takes its place: the arc that meets the fewest obstacles.
    """
    relations = _emotional_relations(data, people)
    if not relations:
        return []
    scale = geometry.scale
    boxes = {s.id: _person_box(s, scale) for s in geometry.symbols}
    shape_boxes = {s.id: _shape_box(s) for s in geometry.symbols}
    year_boxes = []  # the years above couple lines
    for line in family_lines:
        if line.label and len(line.points) in (4, 6):
            (x0, y), (x1, _) = middle_segment(line.points)
            w = text_width(line.label, 11 * scale) / 2 + 2
            year_boxes.append(((x0 + x1) / 2 - w, y - 16 * scale, (x0 + x1) / 2 + w, y - 1))
    placed: set[int] = set()  # 7-unit cells (see _cell) near the emotional lines so far
    lines: list[Line] = []
    pair_count: dict[frozenset, int] = {}
    for r in relations:
        try:
            kind = EmotionalKind(r.subtype)
        except ValueError:
            kind = EmotionalKind.CLOSE
        style = TERMS[kind].style
        pair = frozenset((r.source, r.target))
        k = pair_count[pair] = pair_count.get(pair, 0) + 1
        a, b = geometry.by_id[r.source], geometry.by_id[r.target]
        others = [(box, 1) for pid, box in boxes.items() if pid not in pair]
        others += [(box, 1) for box in year_boxes]
        others += [(box, 9) for pid, box in shape_boxes.items() if pid not in pair]
        # the two people's own names and notes too: a line leaves from the side, not
        # down through its own labels
        others += [(_labels_box(geometry.by_id[pid], scale), 1) for pid in pair]
        best, best_cost = None, None
        for rank, points in enumerate(_emotional_routes(a, b, k)):
            if best_cost is not None and rank * 0.5 >= best_cost:
                break  # this route and the ones after it cost at least their rank
            limit = None if best_cost is None else best_cost - rank * 0.5
            cost = _route_cost(points, others, placed, limit) + rank * 0.5
            if best_cost is None or cost < best_cost:
                best, best_cost = points, cost
            if cost < 1:
                break
        points = tuple((round(x, 1), round(y, 1)) for x, y in best)
        passed = {int(x // 7) * _ROW + int(y // 7) for x, y in _samples(points, 4.0)}
        placed.update([c + d for c in passed for d in _AROUND])  # the cells and their neighbours
        lines.append(
            Line(
                id=f"emotional:{r.id}",
                points=points,
                style=style.get("line", "solid"),
                color=style.get("color", "#222222"),
                width=1.6,
                arrow_end=bool(style.get("arrow")),
                note=shortened(r.note),
                relation_id=r.id,
                ends=(r.source, r.target),
                layer="emotional",
                tooltip=label(kind, lang),
            )
        )
    return lines


# A 7-unit cell (column cx, row cy) is the number cx * _ROW + cy: cheaper to make and
# look up than a pair, and unique while |cy| < _ROW / 2 (the drawing is not 3 million
# units high). Its neighbours are the numbers _AROUND away.
_ROW = 1 << 19
_AROUND = [i * _ROW + j for i in (-1, 0, 1) for j in (-1, 0, 1)]


def _person_box(s: Symbol, scale: float = 1.0) -> tuple[float, float, float, float]:
    """The room a person takes: the symbol and the labels under it (text at ``scale``)."""
    rows = s.label.splitlines()
    width = (
        max(
            [
                s.half * 2,
                *(text_width(t, NAME_SIZE * scale) for t in rows),
                *(text_width(t, NOTE_SIZE * scale) for t in s.annotations),
            ]
        )
        / 2
    )
    height = (len(rows) * 14.4 + len(s.sublabels) * 12.6 + len(s.annotations) * 11.4) * scale
    return (s.x - width, s.y - s.half - 5, s.x + width, s.y + s.half + 6 + height + s.label_offset)


def _shape_box(s: Symbol) -> tuple[float, float, float, float]:
    """The symbol itself, listed once more next to its labels box so it weighs heavier."""
    r = s.half + 4
    return (s.x - r, s.y - r, s.x + r, s.y + r)


def _labels_box(s: Symbol, scale: float = 1.0) -> tuple[float, float, float, float]:
    x0, _, x1, y1 = _person_box(s, scale)
    return (x0, s.y + s.half + 3, x1, y1)


def _samples(points, step: float) -> list[tuple[float, float]]:
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        dx, dy = x1 - x0, y1 - y0
        n = max(1, int((dx * dx + dy * dy) ** 0.5 / step))
        out += [(x0 + dx * i / n, y0 + dy * i / n) for i in range(n)]
    return out


def _route_cost(points, boxes, placed, limit: float | None = None) -> float:
    """Obstacles a route meets, by how far it runs through them and their weight
    (``boxes`` holds (box, weight): a symbol weighs ten times a label, as its
    labels box covers it too); an emotional line drawn before counts like a label.

    With a ``limit`` the count may stop once the cost reaches it (the route has
    lost); the cost returned is then at least ``limit``. Costs are quarters, so
    the comparisons are exact.
    """
    samples = _samples(points, 4.0)
    most = None if limit is None else limit * 4  # the count at which the route has lost
    samples_by_x = sorted(samples)
    xs = [x for x, _ in samples_by_x]
    ys = [y for _, y in samples]
    left, right, top, bottom = xs[0], xs[-1], min(ys), max(ys)
    count = 0
    for (x0, y0, x1, y1), weight in boxes:
        if x0 < right and x1 > left and y0 < bottom and y1 > top:  # near the route at all
            # the samples with x0 < x < x1, then those of them with y0 < y < y1
            for _, y in samples_by_x[bisect_right(xs, x0) : bisect_left(xs, x1)]:
                if y0 < y < y1:
                    count += weight
            if most is not None and count >= most:
                return count / 4
    if placed:  # along an emotional line drawn before
        row = _ROW
        count += sum(1 for x, y in samples[2:-2] if int(x // 7) * row + int(y // 7) in placed)
    return count / 4


def _emotional_routes(a: Symbol, b: Symbol, k: int):
    """Candidate routes from ``a`` to ``b``, the plainest first."""
    if abs(a.y - b.y) < 1:
        gap = abs(b.x - a.x) - a.half - b.half
        if gap > 0:
            sign = 1 if b.x > a.x else -1
            y = a.y - 6 - 8 * (k - 1)
            yield ((a.x + sign * (a.half + 4), y), (b.x - sign * (b.half + 4), y))
        bulges = (-36, -60, -90, 44, 70, -130, 100)
    else:
        dx, dy = b.x - a.x, b.y - a.y
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        px, py = -uy, ux  # perpendicular
        off = EMOTIONAL_OFFSET * (1 + (k - 1) * 1.2)
        yield (
            (a.x + ux * (a.half + 4) + px * off, a.y + uy * (a.half + 4) + py * off),
            (b.x - ux * (b.half + 4) + px * off, b.y - uy * (b.half + 4) + py * off),
        )
        bulges = (50, -50, 85, -85, 130, -130)
    for bulge in bulges:
        yield _arc(a, b, bulge + (k - 1) * 12 * (1 if bulge > 0 else -1))


def _arc(a: Symbol, b: Symbol, bulge: float, steps: int = 14):
    """A quadratic curve from the edge of ``a`` to the edge of ``b``, ``bulge`` off the chord
    (negative = above a lying chord)."""
    dx, dy = b.x - a.x, b.y - a.y
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    nx, ny = -dy / length, dx / length
    if nx * 0 + ny < 0 or (abs(ny) < 1e-9 and nx < 0):
        nx, ny = -nx, -ny  # the normal points down; a negative bulge goes up
    cx, cy = (a.x + b.x) / 2 + nx * bulge * 2, (a.y + b.y) / 2 + ny * bulge * 2

    def edge(s: Symbol) -> tuple[float, float]:
        ex, ey = cx - s.x, cy - s.y
        d = max((ex * ex + ey * ey) ** 0.5, 1e-6)
        return s.x + ex / d * (s.half + 4), s.y + ey / d * (s.half + 4)

    (x0, y0), (x2, y2) = edge(a), edge(b)
    return tuple(
        (
            (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x2,
            (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y2,
        )
        for t in (i / steps for i in range(steps + 1))
    )


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
    """Exactly the symbols and line kinds this drawing uses, in a fixed order.

    Needs no positions (only the symbols, the structure and the relations), so
    it is made while dot works.
    """
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
                    label=style["marks"] if status is PartnershipStatus.UNKNOWN else "",
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
    if any(person.household for person in people.values()):  # see _household
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
        kinds_used = {subtypes.get(r.id) for r in _emotional_relations(data, people)}
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
