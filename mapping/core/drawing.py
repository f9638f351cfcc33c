"""The Drawing: positioned symbols, lines, areas and a legend, as pure data.

A lens (genogram, ecogram, sociogram) turns a :class:`~mapping.core.model.CaseData`
into a :class:`Drawing`; the one SVG renderer (:mod:`mapping.render.svg`) and
the interactive canvas turn a Drawing into pixels. Because the export and the
screen come from the same Drawing, what the user sees is what the dossier gets.

Coordinates are in drawing units (1 unit = 1 CSS pixel at 100 % zoom), y
grows downwards, and a symbol's ``x, y`` is its centre.

>>> d = Drawing(lens="genogram")
>>> d.symbols.append(Symbol(id="p1", x=10, y=20, shape="square", label="Jan"))
>>> d.bounds()
(-10.0, 0.0, 30.0, 40.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mapping.core.model import note_parts

#: Shapes a Symbol may have; the renderer draws each one.
SHAPES = (
    "square",  # male
    "circle",  # female
    "diamond",  # other / non-binary
    "unknown",  # sex unknown: square with '?'
    "triangle",  # pregnancy
    "dot",  # miscarriage: small filled circle
    "x",  # abortion: small cross
    "small",  # stillbirth: small symbol (sex shape given in ``variant``) with cross
    "system",  # an organisation or system: rounded rectangle
    "ellipse",  # a focal system / household circle in the ecogram
    "point",  # an invisible junction (union point, twin apex)
)

#: Line styles the renderer draws.
LINE_STYLES = (
    "solid",
    "dashed",
    "dotted",
    "double",  # two parallel lines (close)
    "triple",  # three parallel lines (fused)
    "zigzag",  # conflict, stressful
    "double_zigzag",  # hostile
    "double_with_zigzag",  # close-hostile: two lines with a zig-zag over them
    "cutoff",  # a line broken in the middle by two short bars
    "hatched",  # a line crossed by short strokes
)


@dataclass
class Symbol:
    """One entity (or junction) at a position.

    ``label`` is the name; ``sublabels`` are always-shown short lines (years,
    age); ``annotations`` are notes that the "hide notes" switch removes
    (occupation, conditions, free notes). ``fill_parts`` names halves to fill
    ('lower', 'left', 'right') following McGoldrick's conventions.
    """

    id: str
    x: float
    y: float
    shape: str = "square"
    size: float = 40.0
    label: str = ""
    sublabels: tuple[str, ...] = ()
    annotations: tuple[str, ...] = ()
    inner_label: str = ""  # text inside the symbol (age in the genogram)
    variant: str = ""  # e.g. the sex shape of a stillbirth
    fill: str = "#ffffff"
    stroke: str = "#222222"
    fill_parts: tuple[str, ...] = ()
    deceased: bool = False
    index: bool = False  # double outline: the index person / client
    icon: str = ""
    badges: tuple[str, ...] = ()  # '+' draagkracht, '-' draaglast
    tooltip: str = ""  # plain text, never HTML
    entity_id: str = ""
    draggable: bool = True
    label_below: bool = True
    label_offset: float = 0.0  # the name starts this much lower (below a couple line)
    css: str = ""  # extra class names, e.g. 'ego'

    @property
    def half(self) -> float:
        return self.size / 2


@dataclass
class Line:
    """A line through ``points`` (two or more), with a style from LINE_STYLES.

    ``layer`` groups lines for toggles: 'family' (partnerships, children),
    'emotional' (the overlay that can be switched off), 'connection',
    'support', 'acquaintance'. ``slashes`` draws one or two slashes across
    the middle segment (separation, divorce).
    """

    id: str
    points: tuple[tuple[float, float], ...]
    style: str = "solid"
    color: str = "#222222"
    width: float = 1.5
    arrow_start: bool = False
    arrow_end: bool = False
    slashes: int = 0
    label: str = ""  # e.g. 'x. 2003' on a couple line, 'wekelijks' on a connection
    note: str = ""  # hidden by the 'hide notes' switch
    relation_id: str = ""
    ends: tuple[str, str] = ("", "")  # entity ids at both ends, for highlighting
    layer: str = "family"
    tooltip: str = ""


@dataclass
class Area:
    """A background shape: household boundary, netwerkkaart sector or ring.

    ``shape`` is 'rect' (x, y, w, h, rounded by ``radius``), 'circle'
    (cx=x, cy=y, r), 'wedge' (centre x, y; radii r_inner..r; angles in
    degrees, 0 = east, counter-clockwise as on paper) or 'polygon'
    (``points``).
    """

    id: str
    shape: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    r: float = 0.0
    r_inner: float = 0.0
    start_angle: float = 0.0
    end_angle: float = 0.0
    radius: float = 0.0
    points: tuple[tuple[float, float], ...] = ()
    fill: str = "none"
    stroke: str = "#888888"
    dash: str = ""
    width: float = 1.0
    label: str = ""
    label_at: tuple[float, float] | None = None
    layer: str = "background"


@dataclass
class Text:
    """Free text placed on the drawing (sector titles, generation labels)."""

    x: float
    y: float
    text: str
    size: float = 12.0
    anchor: str = "middle"  # start | middle | end
    weight: str = "normal"
    color: str = "#333333"
    note: bool = False  # hidden by the 'hide notes' switch


@dataclass
class LegendEntry:
    """One row of the legend: a small sample (a Symbol or a Line) and its text."""

    key: str
    text: str
    sample: Symbol | Line | Area


@dataclass
class Caption:
    """What the dossier needs on every image."""

    title: str = ""
    case_code: str = ""
    date: str = ""
    author: str = ""
    lens: str = ""
    note: str = ""  # e.g. 'gepseudonimiseerd' or a snapshot label


@dataclass
class Drawing:
    """A laid-out lens, ready for any renderer."""

    lens: str
    symbols: list[Symbol] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    caption: Caption = field(default_factory=Caption)
    view: str = ""  # the ego id of a sociogram

    def symbol(self, symbol_id: str) -> Symbol:
        for symbol in self.symbols:
            if symbol.id == symbol_id:
                return symbol
        raise KeyError(symbol_id)

    def bounds(self) -> tuple[float, float, float, float]:
        """(min_x, min_y, max_x, max_y) of everything drawn, before margins."""
        xs: list[float] = []
        ys: list[float] = []
        for s in self.symbols:
            half = s.size / 2
            xs += (s.x - half, s.x + half)
            ys += (s.y - half, s.y + half)
        for line in self.lines:
            for x, y in line.points:
                xs.append(x)
                ys.append(y)
        for a in self.areas:
            if a.shape == "rect":
                xs += [a.x, a.x + a.w]
                ys += [a.y, a.y + a.h]
            elif a.shape in ("circle", "wedge"):
                xs += [a.x - a.r, a.x + a.r]
                ys += [a.y - a.r, a.y + a.r]
            elif a.points:
                xs += [p[0] for p in a.points]
                ys += [p[1] for p in a.points]
        for t in self.texts:
            xs.append(t.x)
            ys.append(t.y)
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))


#: A note drawn on a map is at most this long; the full text stays in the case.
NOTE_CHARS = 80


def shortened(text: str, limit: int = NOTE_CHARS) -> str:
    """``text`` as drawn on a map: cut at ``limit`` characters with an ellipsis.

    A note can be pages long (20,000 characters); drawn whole beside a line
    it made the map kilometres wide and the PNG export fail.

    >>> shortened("belt elke week"), shortened("x" * 100, 10)
    ('belt elke week', 'xxxxxxxxx…')
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def drawn_note(note: str) -> str:
    """The part of a note a map draws: the casemanager's own lines, :func:`shortened`.

    What an imported file said (:func:`mapping.core.model.note_parts`) stays in the
    record, the form and the tooltip, but is not written under the name.

    >>> drawn_note("Uit het bestand: weight: 4"), drawn_note("past op de kinderen")
    ('', 'past op de kinderen')
    """
    return shortened(note_parts(note)[0]) if note else ""
