"""The one SVG renderer: a :class:`~mapping.core.drawing.Drawing` in, SVG text out.

Genogram, ecogram and sociogram all come through here, for the screen and
for the exports, so what the user sees is what the dossier gets. The output
is a standalone SVG 1.1 document: system fonts only, no external
references, every piece of text escaped by :func:`mapping.render.markup.esc`.

>>> from mapping.core.drawing import Drawing, Symbol
>>> d = Drawing(lens="genogram", symbols=[Symbol(id="p1", x=0, y=0, label="Jan")])
>>> svg = render_svg(d, RenderOptions(caption=False))
>>> svg.startswith("<svg") and 'data-entity-id="p1"' in svg
True
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from mapping.core.drawing import Area, Drawing, LegendEntry, Line, Symbol, Text
from mapping.render.lines import (
    FADED,
    Context,
    area_label_at,
    area_svg,
    half_thickness,
    line_svg,
    text_spots,
)
from mapping.render.markup import FONT_FAMILY, css_token, esc, text_width
from mapping.render.paths import fmt, midpoint, point_at
from mapping.render.symbols import drawn_symbol, symbol_body

_WORDS = {
    "legend": {"nl": "Legenda", "en": "Legend"},
    "genogram": {"nl": "Genogram", "en": "Genogram"},
    "ecogram": {"nl": "Ecogram", "en": "Ecogram"},
    "sociogram": {"nl": "Netwerkkaart", "en": "Sociogram"},
    "balance": {"nl": "Balansmodel", "en": "Balance model"},
    "case": {"nl": "Casus", "en": "Case"},
    "by": {"nl": "door", "en": "by"},
}


@dataclass(frozen=True)
class RenderOptions:
    """How to render a Drawing; the defaults suit the dossier export.

    ``highlight`` holds entity ids: their symbols, their lines and the people
    at the other end stay; everything else fades. ``hidden_layers`` names
    line layers to leave out (e.g. ``{"emotional"}``).
    """

    legend: bool = True
    caption: bool = True
    hide_notes: bool = False
    large_font: bool = False
    hidden_layers: frozenset[str] = field(default_factory=frozenset)
    highlight: frozenset[str] = field(default_factory=frozenset)
    lang: str = "nl"
    interactive: bool = False
    margin: float = 40.0


#: How much larger the text is in large type ("Grote letters"): every font size times this.
LARGE_TEXT_SCALE = 1.5


def text_scale(options: RenderOptions | None = None, *, large_font: bool = False) -> float:
    """The factor every font size is multiplied by when ``options`` are rendered.

    Pass the same factor to the lens (``text_scale=``) so the layout makes room
    for text of that size:

    >>> text_scale(RenderOptions(large_font=True)), text_scale(RenderOptions())
    (1.5, 1.0)
    >>> text_scale(large_font=True)
    1.5
    """
    large = options.large_font if options is not None else large_font
    return LARGE_TEXT_SCALE if large else 1.0


def _word(key: str, lang: str) -> str:
    words = _WORDS.get(key)
    return words.get(lang, words["nl"]) if words else key


class _Ctx(Context):
    """Per-render state: the options, plus the text scale and markers of Context."""

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(scale=text_scale(options), hide_notes=options.hide_notes)
        self.o = options


# ----------------------------------------------------------------- symbols
def _symbol(out: list[str], s: Symbol, ctx: _Ctx, faded: bool, markup: str | None = None) -> None:
    if s.shape == "point":  # an invisible junction
        return
    cls = _symbol_classes(s.shape, s.css)
    fade = f' opacity="{FADED}"' if faded else ""
    if ctx.o.interactive:
        fade += f' data-draggable="{"true" if s.draggable else "false"}"'
    x, y = fmt(s.x), fmt(s.y)
    out.append(
        f'<g class="{cls}" data-entity-id="{esc(s.entity_id or s.id)}" data-symbol-id="{esc(s.id)}" '
        f'data-x="{x}" data-y="{y}" transform="translate({x},{y})"{fade}>'
        + (markup if markup is not None else drawn_symbol(s, ctx.scale, ctx.o.hide_notes)[0])
        + "</g>"
    )


@lru_cache(maxsize=256)  # a handful of shapes, and a few extra classes
def _symbol_classes(shape: str, css: str) -> str:
    cls = f"symbol shape-{css_token(shape)}"
    if css:
        cls += " " + " ".join(css_token(c) for c in css.split())
    return cls


def _text(out: list[str], t: Text, ctx: _Ctx) -> None:
    if t.note and ctx.o.hide_notes:
        return
    cls = ' class="note" font-style="italic"' if t.note else ' class="text"'
    anchor = t.anchor if t.anchor in ("start", "middle", "end") else "middle"
    out.append(
        f'<text x="{fmt(t.x)}" y="{fmt(t.y)}" font-size="{fmt(t.size * ctx.scale)}" '
        f'text-anchor="{anchor}" font-weight="{esc(t.weight)}" fill="{esc(t.color)}"{cls}>'
        f"{esc(t.text)}</text>"
    )


def _drawn(drawing: Drawing, ctx: _Ctx) -> list:
    """:func:`~mapping.render.symbols.drawn_symbol` of every symbol, in order."""
    return [drawn_symbol(s, ctx.scale, ctx.o.hide_notes) for s in drawing.symbols]


# ----------------------------------------------------------------- note placement
Box = tuple[float, float, float, float]
NOTE_SIZE = 9.5
_NOTE_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)


def _text_box(x: float, y: float, text: str, size: float, anchor: str = "middle") -> Box:
    w = text_width(text, size)
    left = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
    return (left - 1, y - size * 0.85, left + w + 1, y + size * 0.25)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


class _Boxes:
    """Boxes filed by 64-unit grid cell, so a note looks only at its neighbours."""

    CELL = 64.0

    def __init__(self, boxes: list[Box]) -> None:
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> None:
        self.boxes.append(box)
        index = len(self.boxes) - 1
        cells, c = self.cells, self.CELL
        rows = range(int(box[1] // c), int(box[3] // c) + 1)
        for col in range(int(box[0] // c), int(box[2] // c) + 1):
            for row in rows:
                cells.setdefault((col, row), []).append(index)

    def cover(self, box: Box) -> float:
        """How much of ``box`` the other boxes cover (each counted once)."""
        near: set[int] = set()
        cells, c = self.cells, self.CELL
        x0, y0, x1, y1 = box
        for col in range(int(x0 // c), int(x1 // c) + 1):
            for row in range(int(y0 // c), int(y1 // c) + 1):
                found = cells.get((col, row))
                if found:
                    near.update(found)
        # _overlap inlined (this is the hot loop of note placement); boxes that do not
        # overlap add nothing, so the sum is the same
        total = 0
        boxes = self.boxes
        for i in near:
            bx0, by0, bx1, by1 = boxes[i]
            w = (x1 if x1 < bx1 else bx1) - (x0 if x0 > bx0 else bx0)
            if w > 0:
                h = (y1 if y1 < by1 else by1) - (y0 if y0 > by0 else by0)
                if h > 0:
                    total += w * h
        return total


def _taken_boxes(
    drawing: Drawing, ctx: _Ctx, drawn: list | None = None
) -> tuple[list[Box], list[Box]]:
    """Room already used: (every symbol with its labels, every line label and area label),
    and the stretches of the thick or patterned lines. ``drawn``: :func:`_drawn`."""
    boxes: list[Box] = []
    strokes: list[Box] = []
    for s, (_, total, widest) in zip(drawing.symbols, drawn or _drawn(drawing, ctx), strict=True):
        if s.shape == "point":
            continue
        x0, y0, x1, y1 = s.x - s.half, s.y - s.half, s.x + s.half, s.y + s.half
        if total is not None:
            height = total + 8
            width = widest / 2
            x0, x1 = min(x0, s.x - width), max(x1, s.x + width)
            if s.label_below:
                y1 += height + s.label_offset
            else:
                y0 -= height
        boxes.append((x0, y0, x1, y1))
    for line in drawing.lines:
        if line.label and len(line.points) >= 2 and line.layer not in ctx.o.hidden_layers:
            (lx, ly), _ = text_spots(line, line.points, ctx.scale)
            boxes.append(_text_box(lx, ly, line.label, 11 * ctx.scale))
    for line in drawing.lines:  # thick or patterned lines (emotional ones) take room too
        if line.layer == "family" or line.layer in ctx.o.hidden_layers or len(line.points) < 2:
            continue
        r = half_thickness(line) + 4
        for x, y in _along(line.points, 12.0):
            strokes.append((x - r, y - r, x + r, y + r))
    for a in drawing.areas:
        at, anchor = area_label_at(a) if a.label else (None, "")
        if at is not None:
            boxes.append(_text_box(at[0], at[1], a.label, 12 * ctx.scale, anchor))
    return boxes, strokes


def _along(points, step: float) -> list[tuple[float, float]]:
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / step))
        out += [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n + 1)]
    return out


def _note_spots(
    drawing: Drawing, ctx: _Ctx, drawn: list | None = None
) -> dict[str, tuple[float, float]]:
    """Where each line's note goes: along the line, on the first spot that covers no other text.

    Tried from the middle outwards, below then above (left/right of a
    standing line); a note once placed takes its room too.
    """
    noted = [
        line
        for line in drawing.lines
        if line.note and len(line.points) >= 2 and line.layer not in ctx.o.hidden_layers
    ]
    if not noted or ctx.o.hide_notes:
        return {}
    taken, strokes = _taken_boxes(drawing, ctx, drawn)
    boxes, lines = _Boxes(taken), _Boxes(strokes)
    size = NOTE_SIZE * ctx.scale
    spots: dict[str, tuple[float, float]] = {}
    for line in noted:
        away = half_thickness(line) + size * 0.9
        w = text_width(line.note, size)
        best, best_cost = None, None
        along = [point_at(line.points, t) for t in _NOTE_FRACTIONS]
        # from the middle outwards, below then above; then the same a little further off
        for far in (1.0, 2.4, 3.8):
            for x, y, ux, uy in along:
                for side in (1, -1):
                    if abs(ux) > 0.5:
                        nx, ny = (-uy, ux) if ux > 0 else (uy, -ux)  # the normal pointing down
                        d = away * side * far
                        spot = (x + nx * d, y + ny * d + size * 0.35)
                    else:
                        spot = (x + side * (w / 2 + 8 * far), y + size * 0.35)
                    box = _text_box(spot[0], spot[1], line.note, size)
                    # text over text is worst; a haloed note over a line is better
                    cost = boxes.cover(box)
                    if best_cost is not None and cost >= best_cost:
                        continue  # the lines can only add to it
                    cost += 0.25 * lines.cover(box)
                    if best_cost is None or cost < best_cost:
                        best, best_cost = (spot, box), cost
                    if cost == 0:
                        break
                if best_cost == 0:
                    break
            if best_cost == 0:
                break
        spots[line.id] = best[0]
        boxes.add(best[1])
    return spots


# ----------------------------------------------------------------- extent
def _extent(
    drawing: Drawing,
    ctx: _Ctx,
    notes: dict[str, tuple[float, float]] | None = None,
    drawn: list | None = None,
) -> tuple[float, float, float, float]:
    """Bounds of the drawing including the labels under the symbols."""
    x0, y0, x1, y1 = drawing.bounds()
    for s, (_, total, widest) in zip(drawing.symbols, drawn or _drawn(drawing, ctx), strict=True):
        if total is None:
            continue
        # comparisons instead of min()/max(): the same numbers, at a third of the cost
        x, width = s.x, widest / 2
        if x - width < x0:
            x0 = x - width
        if x + width > x1:
            x1 = x + width
        if s.label_below:
            bottom = s.y + s.half + (total + 10) + s.label_offset
            if bottom > y1:
                y1 = bottom
        else:
            top = s.y - s.half - (total + 10)
            if top < y0:
                y0 = top
    for t in drawing.texts:
        w = text_width(t.text, t.size * ctx.scale)
        left = t.x - (w if t.anchor == "end" else w / 2 if t.anchor == "middle" else 0)
        x0, x1 = min(x0, left), max(x1, left + w)
        y0 = min(y0, t.y - t.size * ctx.scale)
    for a in drawing.areas:
        if not a.label or a.layer in ctx.o.hidden_layers:
            continue
        at, anchor = area_label_at(a)
        if at is None:
            continue
        size = 12 * ctx.scale
        w = text_width(a.label, size)
        left = at[0] - (w / 2 if anchor == "middle" else 0)
        x0, x1 = min(x0, left - 2), max(x1, left + w + 2)
        y0, y1 = min(y0, at[1] - size), max(y1, at[1] + size * 0.3)
    for line in drawing.lines:
        if not line.label and (ctx.o.hide_notes or not line.note):
            continue  # no text (most family lines): nothing beyond its points
        if len(line.points) < 2 or line.layer in ctx.o.hidden_layers:
            continue
        texts = [(line.label, 11 * ctx.scale)] if line.label else []
        if line.note and not ctx.o.hide_notes:
            texts.append((line.note, 9.5 * ctx.scale))
        if not texts:
            continue
        mx, my, _, _ = midpoint(line.points)
        for k, (text, size) in enumerate(texts):
            cx, cy = mx, my
            if k and notes and line.id in notes:
                cx, cy = notes[line.id]
            w = text_width(text, size) / 2 + 2
            x0, x1 = min(x0, cx - w), max(x1, cx + w)
            y0, y1 = min(y0, cy - 2.5 * size), max(y1, cy + 2.5 * size)
    return x0, y0, x1, y1


# ----------------------------------------------------------------- legend
def _legend(entries: list[LegendEntry], ctx: _Ctx) -> tuple[list[str], float, float]:
    """Legend box elements at (0, 0), and its width and height."""
    row = 28.0 * max(ctx.scale, 1.0)
    size = 11.5 * ctx.scale
    sample_w = 56.0
    widest = max(text_width(e.text, size) for e in entries)
    width = 12 + sample_w + 10 + widest + 12
    height = 34 * ctx.scale + row * len(entries) + 6
    out = [
        f'<g class="legend"><rect x="0" y="0" width="{fmt(width)}" height="{fmt(height)}" rx="6" '
        'fill="#ffffff" stroke="#999999" stroke-width="1"/>',
        f'<text x="12" y="{fmt(22 * ctx.scale)}" font-size="{fmt(13 * ctx.scale)}" font-weight="bold" '
        f'fill="#222222">{esc(_word("legend", ctx.o.lang))}</text>',
    ]
    inner = Context(scale=ctx.scale, hide_notes=True)
    inner.markers = ctx.markers
    for k, entry in enumerate(entries):
        cy = 34 * ctx.scale + row * k + row / 2
        cx = 12 + sample_w / 2
        out.append(f'<g class="legend-row" data-key="{esc(entry.key)}">')
        sample = entry.sample
        if isinstance(sample, Symbol):
            fit = min(sample.size, row - 6)
            if sample.shape in ("dot", "x", "small"):
                fit = min(sample.size, row)
            s = replace(
                sample,
                x=cx,
                y=cy,
                size=fit,
                label="",
                sublabels=(),
                annotations=(),
                badges=sample.badges,
                css="legend-sample",
            )
            out.append(f'<g class="sample" transform="translate({fmt(cx)},{fmt(cy)})">')
            out += symbol_body(s, 1.0)
            out.append("</g>")
        elif isinstance(sample, Line):
            line = replace(
                sample,
                points=((12.0, cy), (12.0 + sample_w, cy)),
                label=sample.label if len(sample.label) <= 2 else "",  # a mark such as '?'
                note="",
                ends=("", ""),
                slashes=min(sample.slashes, 2),
            )
            line_svg(out, line, inner, {}, False, cls="sample-line")
        elif isinstance(sample, Area):
            a = replace(
                sample,
                shape="rect",
                x=14.0,
                y=cy - 9,
                w=sample_w - 4,
                h=18.0,
                radius=4.0,
                label="",
                label_at=None,
            )
            if sample.shape == "circle":
                a = replace(
                    sample,
                    x=cx,
                    y=cy,
                    r=min(sample.r, row / 2 - 3) or 10.0,
                    label="",
                    label_at=None,
                )
            area_svg(out, a, inner)
        out.append(
            f'<text x="{fmt(12 + sample_w + 10)}" y="{fmt(cy + size * 0.35)}" font-size="{fmt(size)}" '
            f'fill="#222222">{esc(entry.text)}</text></g>'
        )
    out.append("</g>")
    return out, width, height


# ----------------------------------------------------------------- caption
def _caption_lines(drawing: Drawing, lang: str) -> tuple[str, str]:
    c = drawing.caption
    lens = _word(c.lens or drawing.lens, lang)
    first = " — ".join(t for t in (c.title, lens) if t)
    second = " · ".join(
        t
        for t in (
            f"{_word('case', lang)} {c.case_code}" if c.case_code else "",
            c.date,
            f"{_word('by', lang)} {c.author}" if c.author else "",
            c.note,
        )
        if t
    )
    return first, second


def render_svg(drawing: Drawing, options: RenderOptions | None = None) -> str:
    """Render ``drawing`` as a standalone SVG document (a string).

    Order of painting: areas, lines, symbols, free texts, legend, caption.
    """
    o = options or RenderOptions()
    ctx = _Ctx(o)
    margin = o.margin
    drawn = _drawn(drawing, ctx)
    notes = _note_spots(drawing, ctx, drawn)
    x0, y0, x1, y1 = _extent(drawing, ctx, notes, drawn)
    content_w, content_h = x1 - x0, y1 - y0

    where = {s.entity_id or s.id: s for s in drawing.symbols}
    keep: set[str] = set(o.highlight)
    if o.highlight:
        for line in drawing.lines:
            if set(line.ends) & o.highlight:
                keep.update(e for e in line.ends if e)

    body: list[str] = [
        f'<g class="drawing" transform="translate({fmt(margin - x0)},{fmt(margin - y0)})">'
    ]
    for a in drawing.areas:
        if a.layer not in o.hidden_layers:
            area_svg(body, a, ctx)
    highlight, hidden = o.highlight, o.hidden_layers
    for line in drawing.lines:
        if line.layer in hidden:
            continue
        faded = bool(highlight) and not (set(line.ends) & highlight)
        line_svg(body, line, ctx, where, faded, note_at=notes.get(line.id) if notes else None)
    for s, (markup, _, _) in zip(drawing.symbols, drawn, strict=True):
        faded = bool(highlight) and (s.entity_id or s.id) not in keep
        _symbol(body, s, ctx, faded, markup)
    for t in drawing.texts:
        _text(body, t, ctx)
    body.append("</g>")

    width, height = content_w + 2 * margin, content_h + 2 * margin
    if o.legend and drawing.legend:
        legend, lw, lh = _legend(drawing.legend, ctx)
        lx = width
        body.append(f'<g transform="translate({fmt(lx)},{fmt(margin)})">')
        body += legend
        body.append("</g>")
        width = lx + lw + margin
        height = max(height, lh + 2 * margin)
    if o.caption:
        first, second = _caption_lines(drawing, o.lang)
        band = 52 * ctx.scale
        body.append(
            f'<g class="caption"><rect x="0" y="{fmt(height)}" width="{fmt(width)}" height="{fmt(band)}" '
            f'fill="#f3f3f3" stroke="none"/>'
            f'<text class="caption-title" x="{fmt(margin / 2)}" y="{fmt(height + 21 * ctx.scale)}" '
            f'font-size="{fmt(14 * ctx.scale)}" font-weight="bold" fill="#222222">{esc(first)}</text>'
            f'<text class="caption-meta" x="{fmt(margin / 2)}" y="{fmt(height + 40 * ctx.scale)}" '
            f'font-size="{fmt(11 * ctx.scale)}" fill="#444444">{esc(second)}</text></g>'
        )
        width = max(
            width,
            margin + text_width(first, 14 * ctx.scale),
            margin + text_width(second, 11 * ctx.scale),
        )
        height += band

    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{fmt(width)}" '
        f'height="{fmt(height)}" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'font-family="{FONT_FAMILY}" class="casemap lens-{css_token(drawing.lens)}">'
    ]
    if ctx.markers or o.interactive:
        head.append("<defs>")
        head += ctx.markers.values()
        head.append("</defs>")
    if o.interactive:
        head.append(
            "<style>.symbol{cursor:pointer}.line{cursor:pointer}"
            ".symbol.selected .shape{stroke:#1565c0;stroke-width:3}</style>"
        )
    head.append(
        f'<rect class="background" x="0" y="0" width="{fmt(width)}" height="{fmt(height)}" fill="#ffffff"/>'
    )
    head += body
    head.append("</svg>")
    return "".join(head)  # one join: adding joined halves copied the whole document twice more


__all__ = ["LARGE_TEXT_SCALE", "RenderOptions", "render_svg", "text_scale"]
