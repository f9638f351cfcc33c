"""A map on paper: A4 or A3, portrait or landscape, on one sheet or tiled over several.

A map that stays readable on one sheet (names at least :data:`MIN_NAME_PT`
points) is scaled onto that sheet with its legend. A larger one is printed
at that smallest readable size over as many sheets as it needs: first an
overview sheet (the whole map, small, with the numbered grid of the sheets,
and the legend), then the sheets themselves, each with its number ("blad 2
van 6", row and column), the map's title, the case code and the date, and a
strip of :data:`OVERLAP_PT` points that the next sheet repeats, marked by
dashed cut lines, so the sheets can be cut and taped together.

The map is parsed and drawn once, into a cairo recording surface, and every
sheet replays the part it shows: a 2,000-person genogram prints in seconds,
and the text stays text (vector PDF).

PNG has a hard limit (cairo draws at most 32,767 px a side, and a picture
of a few hundred megapixels does not fit in memory): :func:`png_image`
scales such a picture down to fit, with a notice naming the resulting name
size, or cuts it into numbered tiles in a zip, as the user chooses.

>>> page_size("a3", "landscape")
(1190.55, 841.89)
>>> plan = plan_sheets(2000, 400, name_pt=9, page=page_size("a4", "landscape"))
>>> plan.tiled, plan.rows, plan.columns, round(plan.name_pt, 1)
(True, 1, 3, 7.0)
>>> plan_sheets(600, 400, name_pt=9, page=page_size("a4", "landscape")).tiled
False
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field, replace

from mapping.core.errors import InvalidInput, RenderError
from mapping.core.i18n import N_, Message, Number
from mapping.core.numbers import decimal

#: Paper in points, portrait (width, height).
PAPERS = {"a4": (595.28, 841.89), "a3": (841.89, 1190.55)}
ORIENTATIONS = ("portrait", "landscape")
#: Names smaller than this (in points) are not readable on paper.
MIN_NAME_PT = 7.0
#: A small map is enlarged at most until its names are this large.
MAX_NAME_PT = 14.0
MARGIN_PT = 28.35  # 10 mm: what most printers can print up to
HEADER_PT = 30.0
FOOTER_PT = 22.0
OVERLAP_PT = 28.35  # 10 mm that two neighbouring sheets both show
PX_PT = 0.75  # one CSS pixel of the drawing is 0.75 pt at 96 dpi
#: cairo's limit for an image side, and the largest picture made in one piece.
MAX_PNG_SIDE = 32_767
MAX_PNG_PIXELS = 25_000_000  # 100 MB of pixels: the export stays well under 500 MB
TILE_PX = 5_000  # a PNG tile is at most this many pixels a side
OVERVIEW_DPI = 150  # the overview sheet's small picture of the whole map
PNG_MODES = ("verkleinen", "tegels")

_WORDS = {
    "sheet": ("blad {n} van {total}", "sheet {n} of {total}"),
    "place": ("rij {row}, kolom {col}", "row {row}, column {col}"),
    "overview": (
        "Overzicht: {total} bladen {paper} {orientation} in {rows} rij(en) van {cols}; "
        "namen {size} pt",
        "Overview: {total} sheets {paper} {orientation} in {rows} row(s) of {cols}; "
        "names {size} pt",
    ),
    "tape": (
        "Knip langs de stippellijn en leg het blad over de strook van de buurman (1 cm).",
        "Cut along the dashed line and lay the sheet over its neighbour's strip (1 cm).",
    ),
    "portrait": ("staand", "portrait"),
    "landscape": ("liggend", "landscape"),
    "case": ("Casus", "Case"),
    "by": ("door", "by"),
    "next": ("blad {n}", "sheet {n}"),
}

#: A sheet's orientation in a notice (Dutch message ids).
_ORIENTATION = {"portrait": N_("staand"), "landscape": N_("liggend")}

_LENS_WORDS = {
    "genogram": ("Genogram", "Genogram"),
    "ecogram": ("Ecogram", "Ecogram"),
    "sociogram": ("Netwerkkaart", "Sociogram"),
    "balance": ("Balansmodel", "Balance model"),
}


def _w(key: str, lang: str) -> str:
    nl, en = _WORDS[key]
    return en if lang == "en" else nl


class PrintNotice(Message):
    """Something the user should know about a made file: a Dutch message id and parameters.

    Translated where it is shown (``notice.message(lang)``); ``.nl`` and
    ``.en`` are the two texts.
    """

    __slots__ = ()

    @property
    def nl(self) -> str:
        return self.message("nl")

    @property
    def en(self) -> str:
        return self.message("en")


# ---------------------------------------------------------------- choices
def default_paper(lens: str) -> tuple[str, str]:
    """The paper a lens prints on unless chosen: A3 landscape for a genogram, else A4 landscape."""
    return ("a3", "landscape") if str(lens) == "genogram" else ("a4", "landscape")


def page_size(paper: str = "a3", orientation: str = "landscape") -> tuple[float, float]:
    """Width and height of the sheet in points; an unknown paper or orientation is refused."""
    key = str(paper or "").strip().lower()
    turn = str(orientation or "").strip().lower()
    if key not in PAPERS:
        raise InvalidInput(
            "Onbekend papierformaat: {paper}. Kies a4 of a3.",
            paper=paper,
        )
    if turn not in ORIENTATIONS:
        raise InvalidInput(
            "Onbekende stand: {orientation}. Kies portrait (staand) of landscape (liggend).",
            orientation=orientation,
        )
    w, h = PAPERS[key]
    return (h, w) if turn == "landscape" else (w, h)


_LABEL_SIZE = re.compile(r'font-size="([0-9.]+)"[^>]*class="label"')
_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def name_size_px(svg: str) -> float:
    """The font size (CSS px) of the smallest name in ``svg``; 12 when it names no one.

    >>> name_size_px('<text font-size="10.5" class="label">Ann</text>')
    10.5
    """
    sizes = [float(m) for m in _LABEL_SIZE.findall(svg)]
    return min(sizes) if sizes else 12.0


def svg_size_px(svg: str) -> tuple[float, float]:
    """The width and height an SVG document declares, in CSS px."""
    found = _SVG_SIZE.search(svg[:4000])
    if not found:
        raise RenderError("De afbeelding heeft geen maat.")
    return float(found.group(1)), float(found.group(2))


# ---------------------------------------------------------------- planning
@dataclass(frozen=True)
class Tile:
    """One sheet of a tiled map: its number, place in the grid and the part of the map it shows.

    ``x, y, w, h`` are in points of the map at 1 px = 0.75 pt (as the SVG prints at 96 dpi).
    """

    number: int
    row: int
    col: int
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class SheetPlan:
    """How a map goes on paper: one sheet, or tiles."""

    page: tuple[float, float]
    scale: float  # sheet points per map point
    name_pt: float  # the names' size on paper
    rows: int = 1
    columns: int = 1
    tiles: tuple[Tile, ...] = ()
    legend_sheet: bool = False  # the legend on a sheet of its own, after the map

    @property
    def tiled(self) -> bool:
        return bool(self.tiles)

    @property
    def pages(self) -> int:
        """Sheets in the PDF: the tiles and the overview before them, or the map and its legend."""
        return len(self.tiles) + 1 if self.tiles else 1 + self.legend_sheet


def printable_area(page: tuple[float, float]) -> tuple[float, float, float, float]:
    """x, y, width, height of the part of a sheet the map may use (inside margins, header, footer)."""
    w, h = page
    return (
        MARGIN_PT,
        MARGIN_PT + HEADER_PT,
        w - 2 * MARGIN_PT,
        h - 2 * MARGIN_PT - HEADER_PT - FOOTER_PT,
    )


def plan_sheets(
    width_pt: float,
    height_pt: float,
    *,
    name_pt: float,
    page: tuple[float, float],
    boxes: list[tuple] | None = None,
) -> SheetPlan:
    """Fit a map of ``width_pt`` x ``height_pt`` (names ``name_pt``) on sheets of ``page``.

    One sheet when the names stay at least :data:`MIN_NAME_PT` there (a small
    map is enlarged until its names are :data:`MAX_NAME_PT`); otherwise tiles
    at names of exactly :data:`MIN_NAME_PT`, the fewest sheets that stay
    readable, each sharing :data:`OVERLAP_PT` with its neighbours. With
    ``boxes`` (x0, y0, x1, y1 in map points, see :func:`content_boxes`) a
    sheet that none of them reaches is left out; the others keep their row
    and column and are numbered in reading order.
    """
    _, _, area_w, area_h = printable_area(page)
    if width_pt <= 0 or height_pt <= 0 or name_pt <= 0:
        raise RenderError("De kaart is leeg.")
    fit = min(area_w / width_pt, area_h / height_pt, MAX_NAME_PT / name_pt)
    if name_pt * fit >= MIN_NAME_PT - 1e-9:
        return SheetPlan(page, fit, name_pt * fit)
    scale = MIN_NAME_PT / name_pt
    tile_w, tile_h = area_w / scale, area_h / scale  # map points on one sheet
    step_w, step_h = (area_w - OVERLAP_PT) / scale, (area_h - OVERLAP_PT) / scale
    columns = 1 if width_pt <= tile_w else math.ceil((width_pt - tile_w) / step_w) + 1
    rows = 1 if height_pt <= tile_h else math.ceil((height_pt - tile_h) / step_h) + 1
    # the grid is centred on the map: the spare room is shared by the outer sheets
    spare_x = (tile_w + (columns - 1) * step_w - width_pt) / 2
    spare_y = (tile_h + (rows - 1) * step_h - height_pt) / 2
    used = None
    if boxes is not None:
        used = set()
        for x0, y0, x1, y1 in boxes:  # the grid cells each box reaches
            c0 = max(0, math.floor((x0 + spare_x - tile_w) / step_w) + 1)
            c1 = min(columns - 1, math.floor((x1 + spare_x) / step_w))
            r0 = max(0, math.floor((y0 + spare_y - tile_h) / step_h) + 1)
            r1 = min(rows - 1, math.floor((y1 + spare_y) / step_h))
            for row in range(r0, r1 + 1):
                for col in range(c0, c1 + 1):
                    used.add((row, col))
    cells = [
        (row, col)
        for row in range(rows)
        for col in range(columns)
        if used is None or (row, col) in used
    ]
    tiles = tuple(
        Tile(
            number=n + 2,  # sheet 1 is the overview
            row=row + 1,
            col=col + 1,
            x=col * step_w - spare_x,
            y=row * step_h - spare_y,
            w=tile_w,
            h=tile_h,
        )
        for n, (row, col) in enumerate(cells)
    )
    return SheetPlan(page, scale, MIN_NAME_PT, rows, columns, tiles)


# ---------------------------------------------------------------- cairo
def _refuse(url: str, *args: object, **kwargs: object) -> dict:
    raise RenderError(
        "De afbeelding verwijst naar een extern bestand ({url}); dat wordt niet geladen.",
        url=url[:80],
    )


def record(svg: str):
    """``svg`` drawn once into a cairo recording surface, in points (1 px = 0.75 pt).

    Returns ``(surface, width_pt, height_pt)``; every sheet, tile or shrunk
    picture is then a replay of it, without parsing the SVG again.
    """
    try:
        import cairocffi as cairo
        from cairosvg.parser import Tree
        from cairosvg.surface import Surface

        from mapping.render.scripts import for_cairo
    except ImportError as err:  # pragma: no cover - declared dependency
        raise RenderError(
            "CairoSVG ontbreekt; PNG en PDF kunnen niet worden gemaakt.",
        ) from err

    class _Recording(Surface):
        def _create_surface(self, width: float, height: float):
            extents = (0, 0, width, height)
            return cairo.RecordingSurface(cairo.CONTENT_COLOR_ALPHA, extents), width, height

    try:
        ready = for_cairo(svg)  # every script: a font with the glyphs, Arabic joined, RTL ordered
        tree = Tree(bytestring=ready.encode("utf-8"), url_fetcher=_refuse, unsafe=False)
        drawn = _Recording(tree, None, 96)
    except RenderError:
        raise
    except Exception as err:  # CairoSVG raises many types for a bad document
        raise RenderError("De kaart kon niet worden getekend: {err}", err=err) from err
    return drawn.cairo, drawn.width, drawn.height


def _paint(ctx, surface, x: float, y: float, scale: float, clip=None) -> None:
    """Paint ``surface`` with its origin at ``x, y`` and ``scale``, inside ``clip`` (x, y, w, h)."""
    ctx.save()
    if clip is not None:
        ctx.rectangle(*clip)
        ctx.clip()
    ctx.translate(x, y)
    ctx.scale(scale, scale)
    ctx.set_source_surface(surface, 0, 0)
    ctx.paint()
    ctx.restore()


# ---------------------------------------------------------------- furniture
#: A sheet's furniture as plain data: ("text", x, y, text, size, anchor, bold, colour, turned),
#: ("line", x1, y1, x2, y2, colour, width, dashed) and ("rect", x, y, w, h, colour, width).
Mark = tuple


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _draw_marks(ctx, marks: list[Mark]) -> None:
    """Draw furniture straight with cairo: a few texts and lines a sheet, in microseconds."""
    from mapping.render.scripts import show_text

    for mark in marks:
        kind = mark[0]
        ctx.save()
        if kind == "text":
            _, x, y, text, size, anchor, bold, colour, turned = mark
            ctx.set_source_rgb(*_rgb(colour))
            ctx.translate(x, y)
            if turned:
                ctx.rotate(-math.pi / 2)  # read from bottom to top, at the right edge
            ctx.move_to(0, 0)
            # a case title in Chinese or Arabic: each letter in a font that has it, in order
            show_text(ctx, text, size, bold=bold, anchor=anchor)
        elif kind == "line":
            _, x1, y1, x2, y2, colour, width, dashed = mark
            ctx.set_source_rgb(*_rgb(colour))
            ctx.set_line_width(width)
            if dashed:
                ctx.set_dash([4.0, 3.0])
            ctx.move_to(x1, y1)
            ctx.line_to(x2, y2)
            ctx.stroke()
        elif kind == "rect":
            _, x, y, w, h, colour, width = mark
            ctx.set_source_rgb(*_rgb(colour))
            ctx.set_line_width(width)
            ctx.rectangle(x, y, w, h)
            ctx.stroke()
        ctx.restore()


def _text(x, y, text, size=9.0, anchor="start", bold=False, colour="#222222", turned=False) -> Mark:
    return ("text", x, y, str(text), size, anchor, bold, colour, turned)


@dataclass(frozen=True)
class Heading:
    """What every sheet says about the map: title, lens, case code, date, author, note."""

    title: str = ""
    lens: str = ""
    case_code: str = ""
    date: str = ""
    author: str = ""
    note: str = ""
    lang: str = "nl"

    @classmethod
    def of(cls, caption, lens: str, lang: str = "nl") -> Heading:
        """The heading of a Drawing's :class:`~mapping.core.drawing.Caption`."""
        return cls(
            title=caption.title,
            lens=caption.lens or lens,
            case_code=caption.case_code,
            date=caption.date,
            author=caption.author,
            note=caption.note,
            lang=lang,
        )

    def first(self) -> str:
        nl, en = _LENS_WORDS.get(self.lens, (self.lens, self.lens))
        lens = en if self.lang == "en" else nl
        if lens.lower() in self.title.lower():  # "Netwerkkaart van Sanne" says it already
            return self.title
        return " — ".join(t for t in (self.title, lens) if t)

    def second(self) -> str:
        lang = self.lang
        return " · ".join(
            t
            for t in (
                f"{_w('case', lang)} {self.case_code}" if self.case_code else "",
                self.date,
                f"{_w('by', lang)} {self.author}" if self.author else "",
                self.note,
            )
            if t
        )


def sheet_marks(page, heading: Heading, footer_left: str, footer_right: str) -> list[Mark]:
    """Heading (title, case code, date) at the top and the footer texts at the bottom of a sheet."""
    w, h = page
    top, bottom = MARGIN_PT, h - MARGIN_PT
    return [
        _text(MARGIN_PT, top + 12, heading.first(), 11, bold=True),
        _text(w - MARGIN_PT, top + 12, heading.second(), 8.5, "end", colour="#444444"),
        ("line", MARGIN_PT, top + 20, w - MARGIN_PT, top + 20, "#999999", 0.5, False),
        _text(MARGIN_PT, bottom - 1, footer_left, 8.5, bold=True),
        _text(w - MARGIN_PT, bottom - 1, footer_right, 7, "end", colour="#555555"),
    ]


def cut_marks(plan: SheetPlan, tile: Tile, lang: str = "nl") -> list[Mark]:
    """Crop marks at the corners of the printed part, dashed cut lines where the next sheet
    repeats the strip, and the numbers of the neighbours at those edges."""
    ax, ay, aw, ah = printable_area(plan.page)
    out: list[Mark] = []
    for cx, sx in ((ax, -1), (ax + aw, 1)):
        for cy, sy in ((ay, -1), (ay + ah, 1)):  # just outside each corner
            out.append(("line", cx + sx * 3, cy, cx + sx * 10, cy, "#000000", 0.4, False))
            out.append(("line", cx, cy + sy * 3, cx, cy + sy * 9, "#000000", 0.4, False))
    numbers = {(t.row, t.col): t.number for t in plan.tiles}
    right = numbers.get((tile.row, tile.col + 1))
    if right:  # the right neighbour repeats the last strip: cut here, lay it over
        x = ax + aw - OVERLAP_PT
        out.append(("line", x, ay, x, ay + ah, "#c62828", 0.6, True))
        label = "→ " + _w("next", lang).format(n=right)
        out.append(_text(ax + aw + 11, ay + ah / 2, label, 6.5, "middle", turned=True))
    below = numbers.get((tile.row + 1, tile.col))
    if below:
        y = ay + ah - OVERLAP_PT
        out.append(("line", ax, y, ax + aw, y, "#c62828", 0.6, True))
        label = "↓ " + _w("next", lang).format(n=below)
        out.append(_text(ax + aw / 2, ay + ah + 9, label, 6.5, "middle"))
    return out


# ---------------------------------------------------------------- PDF
@dataclass
class PrintResult:
    """A made PDF and what the user should know about it."""

    data: bytes
    plan: SheetPlan
    notices: list[PrintNotice] = field(default_factory=list)


def print_pdf(
    drawing,
    options=None,
    *,
    paper: str = "",
    orientation: str = "",
    lang: str = "nl",
) -> PrintResult:
    """``drawing`` as a PDF on ``paper`` (a4, a3) in ``orientation``: one sheet or tiles.

    ``drawing.caption`` gives every sheet its heading. Without a paper or
    orientation the lens's default is used (:func:`default_paper`).
    """
    from mapping.render.svg import RenderOptions, render_svg

    options = options or RenderOptions(lang=lang)
    default = default_paper(drawing.lens)
    paper, orientation = paper or default[0], orientation or default[1]
    page = page_size(paper, orientation)
    heading = Heading.of(drawing.caption, drawing.lens, lang)
    whole = render_svg(drawing, replace(options, caption=False, legend=True))
    name_pt = name_size_px(whole) * PX_PT
    width_px, height_px = svg_size_px(whole)
    plan = plan_sheets(width_px * PX_PT, height_px * PX_PT, name_pt=name_pt, page=page)
    if not plan.tiled:
        surface, w, h = record(_without_background(whole))
        del whole
        return PrintResult(_one_sheet(surface, w, plan, heading), plan)
    # the map without its legend: on one sheet with the legend on a second, or tiled
    # with the legend on the overview
    del whole
    bare = render_svg(drawing, replace(options, caption=False, legend=False))
    width_px, height_px = svg_size_px(bare)
    has_legend = bool(drawing.legend and options.legend)
    alone = plan_sheets(width_px * PX_PT, height_px * PX_PT, name_pt=name_pt, page=page)
    if not alone.tiled:
        surface, w, h = record(_without_background(bare))
        del bare
        legend = _legend(drawing, options) if has_legend else None
        plan = replace(alone, legend_sheet=legend is not None)
        return PrintResult(_one_sheet(surface, w, plan, heading, legend), plan)
    plan = plan_sheets(
        width_px * PX_PT,
        height_px * PX_PT,
        name_pt=name_pt,
        page=page,
        boxes=content_boxes(drawing, _offset(bare)),
    )
    legend = _legend(drawing, options) if has_legend else None
    offset = _offset(bare)
    del bare
    sheets: dict[int, tuple] = {}
    bare_options = replace(options, caption=False, legend=False)
    for number, part in tile_drawings(drawing, plan, offset).items():
        svg = _without_background(render_svg(part, bare_options))
        ox, oy = _offset(svg)  # where this part's origin lies, against the whole map's
        sheets[number] = (*record(svg)[:1], (offset[0] - ox) * PX_PT, (offset[1] - oy) * PX_PT)
    data = _tiled(
        sheets, width_px * PX_PT, height_px * PX_PT, plan, heading, legend, paper, orientation
    )
    count = len(plan.tiles)
    notice = PrintNotice(
        "De kaart past niet leesbaar op één blad: de PDF heeft een overzicht en {count} "
        "bladen {paper} {orientation} om aan elkaar te plakken (namen {size} pt).",
        count=count,
        paper=paper.upper(),
        orientation=Message(_ORIENTATION[orientation]),
        size=Number(plan.name_pt, 1),
    )
    return PrintResult(data, plan, [notice])


def _legend(drawing, options):
    """The drawing's legend alone, recorded: for the overview or a sheet of its own."""
    from mapping.core.drawing import Drawing
    from mapping.render.svg import render_svg

    alone = Drawing(drawing.lens, legend=drawing.legend)
    return record(render_svg(alone, replace(options, caption=False, legend=True, margin=0)))


_BACKGROUND = re.compile(r'<rect class="background"[^>]*/>')
_OFFSET = re.compile(r'<g class="drawing" transform="translate\(([-0-9.e]+),([-0-9.e]+)\)">')


def _without_background(svg: str) -> str:
    """The white sheet behind the map is left out: paper is white, and a PNG gets its own."""
    return _BACKGROUND.sub("", svg, count=1)


def _offset(svg: str) -> tuple[float, float]:
    """Where the renderer put the drawing's origin in the SVG (px)."""
    found = _OFFSET.search(svg[:20000])
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


#: Room kept below a symbol for its name, years and notes (px), and beside it at least.
_LABEL_ROOM = (60.0, 70.0)


def element_boxes(drawing, offset: tuple[float, float] = (0.0, 0.0)) -> list[tuple]:
    """``(kind, index, (x0, y0, x1, y1))`` for every symbol, line (per segment), area and text.

    Boxes are in points of the printed map (the drawing's px moved by the
    renderer's ``offset``, times 0.75) and generous: a name, its years and
    notes under a symbol are inside its box.
    """
    from mapping.render.markup import text_width

    dx, dy = offset
    out: list[tuple] = []
    room_x, room_y = _LABEL_ROOM
    for i, s in enumerate(drawing.symbols):
        if s.shape == "point":
            continue
        words = [s.label, *s.sublabels, *s.annotations]
        half = max(s.half, room_x, *(text_width(w, 12.0) / 2 + 6 for w in words if w))
        below = s.half + room_y + s.label_offset + 12 * len(s.annotations)
        out.append(("symbol", i, (s.x - half, s.y - s.half - 20, s.x + half, s.y + below)))
    for i, line in enumerate(drawing.lines):
        pts = line.points
        for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
            pad = 12 + (text_width(line.label, 11.0) if line.label or line.note else 0)
            box = (min(x1, x2) - pad, min(y1, y2) - pad, max(x1, x2) + pad, max(y1, y2) + pad)
            out.append(("line", i, box))
    for i, a in enumerate(drawing.areas):
        if a.shape == "rect":
            out.append(("area", i, (a.x - 20, a.y - 20, a.x + a.w + 20, a.y + a.h + 20)))
        else:  # circles, wedges, polygons: their whole reach
            r = a.r or max((abs(px - a.x) + abs(py - a.y) for px, py in a.points), default=0)
            out.append(("area", i, (a.x - r - 20, a.y - r - 20, a.x + r + 20, a.y + r + 20)))
    for i, text in enumerate(drawing.texts):
        w = text_width(text.text, text.size) + 10
        out.append(("text", i, (text.x - w, text.y - 30, text.x + w, text.y + 30)))
    return [
        (kind, i, ((x0 + dx) * PX_PT, (y0 + dy) * PX_PT, (x1 + dx) * PX_PT, (y1 + dy) * PX_PT))
        for kind, i, (x0, y0, x1, y1) in out
    ]


def content_boxes(drawing, offset: tuple[float, float] = (0.0, 0.0)) -> list[tuple]:
    """The boxes of :func:`element_boxes` alone: where the map has something to print."""
    return [box for _, _, box in element_boxes(drawing, offset)]


def _touching(plan: SheetPlan, box: tuple) -> list[Tile]:
    """The sheets of ``plan`` that ``box`` (map points) reaches."""
    x0, y0, x1, y1 = box
    return [
        t for t in plan.tiles if x0 <= t.x + t.w and x1 >= t.x and y0 <= t.y + t.h and y1 >= t.y
    ]


def tile_drawings(drawing, plan: SheetPlan, offset: tuple[float, float]) -> dict[int, object]:
    """For every sheet, a Drawing of just what reaches it (sheet number -> Drawing).

    Each sheet is then parsed and drawn on its own, so a sheet of the PDF
    carries only its own part of the map, not the whole map clipped (which
    made every page as heavy to open as the whole tree). The symbols at the
    ends of an arrow come along, so it stops at their edges as on the whole map.
    """
    picked: dict[int, dict[str, set[int]]] = {
        t.number: {"symbol": set(), "line": set(), "area": set(), "text": set()} for t in plan.tiles
    }
    for kind, i, box in element_boxes(drawing, offset):
        for tile in _touching(plan, box):
            picked[tile.number][kind].add(i)
    index = {(s.entity_id or s.id): n for n, s in enumerate(drawing.symbols)}
    out: dict[int, object] = {}
    for number, chosen in picked.items():
        for i in chosen["line"]:  # an arrow stops at its symbol's edge: that symbol comes along
            line = drawing.lines[i]
            if line.arrow_start or line.arrow_end:
                chosen["symbol"].update(index[e] for e in line.ends if e in index)
        out[number] = replace(
            drawing,
            symbols=[drawing.symbols[i] for i in sorted(chosen["symbol"])],
            lines=[drawing.lines[i] for i in sorted(chosen["line"])],
            areas=[drawing.areas[i] for i in sorted(chosen["area"])],
            texts=[drawing.texts[i] for i in sorted(chosen["text"])],
            legend=[],
        )
    return out


def _pdf_surface(out: io.BytesIO, page: tuple[float, float]):
    import cairocffi as cairo

    pdf = cairo.PDFSurface(out, *page)
    try:
        pdf.set_metadata(cairo.PDF_METADATA_CREATOR, "casemap")
    except (AttributeError, cairo.CairoError):  # cairo before 1.16 has no metadata
        pass
    return pdf


def _one_sheet(surface, w: float, plan: SheetPlan, heading: Heading, legend=None) -> bytes:
    """The map on one sheet; with ``legend`` (recorded) that on a second sheet."""
    import cairocffi as cairo

    out = io.BytesIO()
    pdf = _pdf_surface(out, plan.page)
    ctx = cairo.Context(pdf)
    ax, ay, aw, ah = printable_area(plan.page)
    s = plan.scale
    _paint(ctx, surface, ax + (aw - w * s) / 2, ay, s)
    size = decimal(plan.name_pt, 1, heading.lang)
    note = f"names {size} pt" if heading.lang == "en" else f"namen {size} pt"
    total = plan.pages
    numbered = _w("sheet", heading.lang).format(n=1, total=total) if total > 1 else ""
    _draw_marks(ctx, sheet_marks(plan.page, heading, numbered, note))
    ctx.show_page()
    if legend is not None:
        lsurf, lw, lh = legend
        k = min(1.5, aw / lw, ah / lh)
        _paint(ctx, lsurf, ax, ay, k)
        footer = _w("sheet", heading.lang).format(n=2, total=total)
        _draw_marks(ctx, sheet_marks(plan.page, heading, footer, ""))
        ctx.show_page()
    pdf.finish()
    return _checked(out.getvalue())


def overview_marks(plan: SheetPlan, origin: tuple[float, float], scale: float, size) -> list[Mark]:
    """The grid of the sheets over the small map of the overview, each with its number."""
    ox, oy = origin
    w, h = size
    out: list[Mark] = []
    for t in plan.tiles:
        x0, y0 = max(t.x, 0.0), max(t.y, 0.0)
        x1, y1 = min(t.x + t.w, w), min(t.y + t.h, h)
        gx, gy = ox + x0 * scale, oy + y0 * scale
        gw, gh = (x1 - x0) * scale, (y1 - y0) * scale
        out.append(("rect", gx, gy, gw, gh, "#1565c0", 0.6))
        size = max(5.0, min(8.0, gh * 0.5, gw * 0.4))
        out.append(
            _text(
                gx + gw / 2, gy + gh / 2 + size / 3, str(t.number), size, "middle", True, "#1565c0"
            )
        )
    return out


def _tiled(sheets, w, h, plan: SheetPlan, heading: Heading, legend, paper, orientation) -> bytes:
    """The overview and the sheets; ``sheets`` maps a sheet's number to its recorded part of the
    map and where that part's origin lies in the whole map (points)."""
    import cairocffi as cairo

    lang = heading.lang
    out = io.BytesIO()
    pdf = _pdf_surface(out, plan.page)
    ctx = cairo.Context(pdf)
    ax, ay, aw, ah = printable_area(plan.page)
    total = plan.pages
    step_w = (aw - OVERLAP_PT) / plan.scale
    step_h = (ah - OVERLAP_PT) / plan.scale

    # sheet 1: the whole map small (the sheets' own parts, each once), with the grid of the
    # sheets, and the legend beside it
    legend_w, legend_scale = 0.0, 1.0
    if legend is not None:
        lsurf, lw, lh = legend
        legend_scale = min(1.0, ah / lh)
        legend_w = lw * legend_scale + 12
        _paint(ctx, lsurf, ax + aw - legend_w + 12, ay, legend_scale)
    room_w = aw - legend_w
    s = min(room_w / w, ah / h)
    ox, oy = ax + (room_w - w * s) / 2, ay
    # a picture (150 dpi), not vectors: its names are too small to read anyway, and the
    # overview then opens as fast as any sheet instead of carrying the whole tree
    zoom = OVERVIEW_DPI / 72
    picture = cairo.ImageSurface(
        cairo.FORMAT_RGB24, max(1, math.ceil(w * s * zoom)), max(1, math.ceil(h * s * zoom))
    )
    small = cairo.Context(picture)
    small.set_source_rgb(1, 1, 1)
    small.paint()
    for t in plan.tiles:
        surface, dx, dy = sheets[t.number]
        own = (t.x * s * zoom, t.y * s * zoom, step_w * s * zoom, step_h * s * zoom)
        _paint(small, surface, dx * s * zoom, dy * s * zoom, s * zoom, clip=own)
    picture.flush()
    _paint(ctx, picture, ox, oy, 1 / zoom)
    picture.finish()
    overview = _WORDS["overview"][1 if lang == "en" else 0].format(
        total=len(plan.tiles),
        paper=paper.upper(),
        orientation=_w(orientation, lang),
        rows=plan.rows,
        cols=plan.columns,
        size=decimal(plan.name_pt, 1, lang),
    )
    footer = _w("sheet", lang).format(n=1, total=total)
    _draw_marks(ctx, sheet_marks(plan.page, heading, footer, overview))
    _draw_marks(ctx, overview_marks(plan, (ox, oy), s, (w, h)))
    ctx.show_page()

    k = plan.scale
    for t in plan.tiles:
        surface, dx, dy = sheets[t.number]
        _paint(ctx, surface, ax + (dx - t.x) * k, ay + (dy - t.y) * k, k, clip=(ax, ay, aw, ah))
        left = (
            _w("sheet", lang).format(n=t.number, total=total)
            + " · "
            + _w("place", lang).format(row=t.row, col=t.col)
        )
        _draw_marks(ctx, sheet_marks(plan.page, heading, left, _w("tape", lang)))
        _draw_marks(ctx, cut_marks(plan, t, lang))
        ctx.show_page()
    pdf.finish()
    return _checked(out.getvalue())


def _checked(data: bytes) -> bytes:
    if not data.startswith(b"%PDF"):
        raise RenderError("De PDF kon niet worden gemaakt.")
    return data


# ---------------------------------------------------------------- PNG
@dataclass
class PngResult:
    """A made PNG (or a zip of PNG tiles) and what the user should know about it."""

    data: bytes
    zipped: bool = False
    width: int = 0
    height: int = 0
    name_px: float = 0.0
    tiles: int = 0
    notices: list[PrintNotice] = field(default_factory=list)


def fits_png(width_px: float, height_px: float) -> bool:
    """Whether a picture of this size can be made in one piece."""
    return (
        math.ceil(width_px) <= MAX_PNG_SIDE
        and math.ceil(height_px) <= MAX_PNG_SIDE
        and width_px * height_px <= MAX_PNG_PIXELS
    )


def _png_of(surface, x: float, y: float, width: int, height: int, k: float) -> bytes:
    """The part of ``surface`` from (x, y) points, ``width`` x ``height`` px at ``k`` px per point."""
    import cairocffi as cairo

    image = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    ctx = cairo.Context(image)
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    _paint(ctx, surface, -x * k, -y * k, k)
    out = io.BytesIO()
    image.write_to_png(out)
    image.finish()
    return out.getvalue()


def png_image(svg: str, dpi: int = 96, mode: str = "verkleinen", *, recorded=None) -> PngResult:
    """A PNG of ``svg`` at ``dpi``; beyond the limits scaled down ("verkleinen") or tiled ("tegels").

    A picture that fits (:func:`fits_png`) is one PNG at the asked size.
    Larger: "verkleinen" makes the largest picture that fits and says in a
    notice how large the names came out; "tegels" keeps the size and writes
    numbered tiles of at most :data:`TILE_PX` a side into a zip
    (``tegel-01-rij1-kolom1.png``...). The SVG itself is never cut.
    ``recorded`` is ``record(svg)`` when the caller already has it.
    """
    if mode not in PNG_MODES:
        raise InvalidInput(
            "Onbekende keuze voor een grote afbeelding: {mode}. Kies verkleinen of tegels.",
            mode=mode,
        )
    width_px, height_px = svg_size_px(svg)
    zoom = dpi / 96.0
    full_w, full_h = width_px * zoom, height_px * zoom
    name_px = name_size_px(svg) * zoom
    surface, _, _ = recorded or record(_without_background(svg))
    k = zoom / PX_PT  # image px per recorded point
    if fits_png(full_w, full_h):
        wi, hi = math.ceil(full_w), math.ceil(full_h)
        return PngResult(_png_of(surface, 0, 0, wi, hi, k), False, wi, hi, name_px)
    if mode == "verkleinen":
        f = min(
            MAX_PNG_SIDE / full_w,
            MAX_PNG_SIDE / full_h,
            math.sqrt(MAX_PNG_PIXELS / (full_w * full_h)),
        )
        f *= 0.999  # rounding up to whole pixels never crosses a limit
        wi, hi = math.ceil(full_w * f), math.ceil(full_h * f)
        data = _png_of(surface, 0, 0, wi, hi, k * f)
        notice = PrintNotice(
            "De afbeelding zou {width} × {height} px worden, groter dan een PNG kan zijn; ze "
            "is verkleind tot {made_width} × {made_height} px ({percent}%). Namen zijn daarin "
            "{names} px hoog. Kies 'in tegels' of PDF voor leesbare namen.",
            width=Number(full_w),
            height=Number(full_h),
            made_width=Number(wi),
            made_height=Number(hi),
            percent=Number(f * 100),
            names=Number(name_px * f, 1),
        )
        return PngResult(data, False, wi, hi, name_px * f, notices=[notice])
    columns, rows = math.ceil(full_w / TILE_PX), math.ceil(full_h / TILE_PX)
    tile_w, tile_h = math.ceil(full_w / columns), math.ceil(full_h / rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        n = 0
        for row in range(rows):
            for col in range(columns):
                n += 1
                x, y = col * tile_w, row * tile_h
                wi = min(tile_w, math.ceil(full_w) - x)
                hi = min(tile_h, math.ceil(full_h) - y)
                png = _png_of(surface, x / k, y / k, wi, hi, k)
                archive.writestr(f"tegel-{n:02d}-rij{row + 1}-kolom{col + 1}.png", png)
    notice = PrintNotice(
        "De afbeelding ({width} × {height} px) is groter dan een PNG kan zijn; ze staat in "
        "{n} tegels ({rows} rij(en) van {columns}) in een zip. Namen zijn {names} px hoog.",
        width=Number(full_w),
        height=Number(full_h),
        n=n,
        rows=rows,
        columns=columns,
        names=Number(name_px, 1),
    )
    return PngResult(
        buffer.getvalue(),
        True,
        math.ceil(full_w),
        math.ceil(full_h),
        name_px,
        tiles=n,
        notices=[notice],
    )


__all__ = [
    "MIN_NAME_PT",
    "ORIENTATIONS",
    "PAPERS",
    "PNG_MODES",
    "Heading",
    "PngResult",
    "PrintNotice",
    "PrintResult",
    "SheetPlan",
    "Tile",
    "default_paper",
    "fits_png",
    "name_size_px",
    "page_size",
    "plan_sheets",
    "png_image",
    "print_pdf",
    "record",
]
