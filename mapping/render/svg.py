"""The one SVG renderer: a :class:`~mapping.drawing.Drawing` in, SVG text out.

Genogram, ecogram and sociogram all come through here, for the screen and
for the exports, so what the user sees is what the dossier gets. The output
is a standalone SVG 1.1 document: system fonts only, no external
references, every piece of text escaped by :func:`mapping.render.markup.esc`.

>>> from mapping.drawing import Drawing, Symbol
>>> d = Drawing(lens="genogram", symbols=[Symbol(id="p1", x=0, y=0, label="Jan")])
>>> svg = render_svg(d, RenderOptions(caption=False))
>>> svg.startswith("<svg") and 'data-entity-id="p1"' in svg
True
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mapping.drawing import Area, Drawing, LegendEntry, Line, Symbol, Text

from .markup import FONT_FAMILY, css_token, esc, text_width
from .paths import (
    edge_distance,
    fmt,
    midpoint,
    offset,
    path_d,
    split_middle,
    ticks,
    trim_end,
    zigzag,
)
from .symbols import LINE_SIZES, haloed, label_lines, labels, symbol_body

FADED = "0.2"
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


def _word(key: str, lang: str) -> str:
    words = _WORDS.get(key)
    return words.get(lang, words["nl"]) if words else key


class _Ctx:
    """Per-render state: options, text scale and the arrow markers in use."""

    def __init__(self, options: RenderOptions) -> None:
        self.o = options
        self.scale = 1.5 if options.large_font else 1.0
        self.markers: dict[str, str] = {}

    def marker(self, color: str, end: bool) -> str:
        key = ("end-" if end else "start-") + (css_token(color) or "none")
        if key not in self.markers:
            d = "M0 0L10 5L0 10Z" if end else "M10 0L0 5L10 10Z"
            ref = "9" if end else "1"
            self.markers[key] = (
                f'<marker id="arrow-{key}" viewBox="0 0 10 10" refX="{ref}" refY="5" '
                f'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
                f'<path d="{d}" fill="{esc(color)}"/></marker>'
            )
        return f"url(#arrow-{key})"


# ----------------------------------------------------------------- areas
def _area(out: list[str], a: Area, ctx: _Ctx) -> None:
    paint = f'fill="{esc(a.fill)}" stroke="{esc(a.stroke)}" stroke-width="{fmt(a.width)}"'
    if a.dash:
        paint += f' stroke-dasharray="{esc(a.dash)}"'
    head = f'<g class="area {css_token(a.shape)} layer-{css_token(a.layer)}" data-area-id="{esc(a.id)}">'
    label_xy = a.label_at
    if a.shape == "rect":
        rx = f' rx="{fmt(a.radius)}"' if a.radius else ""
        body = f'<rect x="{fmt(a.x)}" y="{fmt(a.y)}" width="{fmt(a.w)}" height="{fmt(a.h)}"{rx} {paint}/>'
        label_xy = label_xy or (a.x + 8, a.y + 16)
    elif a.shape == "circle":
        body = f'<circle cx="{fmt(a.x)}" cy="{fmt(a.y)}" r="{fmt(a.r)}" {paint}/>'
        label_xy = label_xy or (a.x, a.y - a.r + 16)
    elif a.shape == "wedge":
        body = f'<path d="{_wedge(a)}" {paint}/>'
        if label_xy is None:
            from math import cos, radians, sin

            mid, rad = radians((a.start_angle + a.end_angle) / 2), (a.r + a.r_inner) / 2
            label_xy = (a.x + rad * cos(mid), a.y - rad * sin(mid))
    elif a.shape == "polygon" and a.points:
        body = f'<path d="{path_d(a.points)}Z" {paint}/>'
        label_xy = label_xy or a.points[0]
    else:
        return
    out.append(head + body)
    if a.label:
        anchor = "start" if a.shape == "rect" and a.label_at is None else "middle"
        out.append(
            haloed(
                label_xy[0],
                label_xy[1],
                a.label,
                12 * ctx.scale,
                'class="area-label" fill="#444444"',
                anchor,
            )
        )
    out.append("</g>")


def _wedge(a: Area) -> str:
    """An annular sector; angles in degrees, 0 = east, counter-clockwise."""
    from math import cos, radians, sin

    start, end = radians(a.start_angle), radians(a.end_angle)
    large = "1" if (a.end_angle - a.start_angle) % 360 > 180 else "0"

    def at(r: float, t: float) -> str:
        return f"{fmt(a.x + r * cos(t))} {fmt(a.y - r * sin(t))}"

    d = f"M{at(a.r, start)}A{fmt(a.r)} {fmt(a.r)} 0 {large} 0 {at(a.r, end)}"
    if a.r_inner > 0:
        d += f"L{at(a.r_inner, end)}A{fmt(a.r_inner)} {fmt(a.r_inner)} 0 {large} 1 {at(a.r_inner, start)}Z"
    else:
        d += f"L{fmt(a.x)} {fmt(a.y)}Z"
    return d


# ----------------------------------------------------------------- lines
_HALF_THICKNESS = {
    "double": 3.0,
    "triple": 5.0,
    "zigzag": 4.0,
    "double_zigzag": 7.0,
    "double_with_zigzag": 6.0,
    "cutoff": 7.0,
    "hatched": 5.0,
}


def _stroke(color: str, width: float, extra: str = "") -> str:
    return f'fill="none" stroke="{esc(color)}" stroke-width="{fmt(width)}" stroke-linejoin="round"{extra}'


def _line_body(out: list[str], line: Line, pts: list, ctx: _Ctx) -> None:
    """The strokes of ``line`` in its style, through ``pts``."""
    style, color, w = line.style, line.color, line.width
    gap = max(2.2, w * 1.6)
    paint = _stroke(color, w)
    if style == "dashed":
        dash = f' stroke-dasharray="{fmt(w * 5)} {fmt(w * 3)}"'
        out.append(f'<path class="stroke" d="{path_d(pts)}" {_stroke(color, w, dash)}/>')
    elif style == "dotted":
        dots = f' stroke-dasharray="0.1 {fmt(w * 3)}" stroke-linecap="round"'
        out.append(f'<path class="stroke" d="{path_d(pts)}" {_stroke(color, w * 1.2, dots)}/>')
    elif style in ("double", "triple"):
        shifts = (-gap, gap) if style == "double" else (-gap * 1.6, 0.0, gap * 1.6)
        for k in shifts:
            out.append(f'<path class="stroke" d="{path_d(offset(pts, k))}" {paint}/>')
    elif style == "zigzag":
        out.append(f'<path class="stroke zigzag" d="{path_d(zigzag(pts, 4.0, 10.0))}" {paint}/>')
    elif style == "double_zigzag":
        for k in (-gap, gap):
            out.append(
                f'<path class="stroke zigzag" d="{path_d(zigzag(offset(pts, k), 4.0, 10.0))}" {paint}/>'
            )
    elif style == "double_with_zigzag":
        for k in (-gap * 1.2, gap * 1.2):
            out.append(f'<path class="stroke" d="{path_d(offset(pts, k))}" {paint}/>')
        out.append(f'<path class="stroke zigzag" d="{path_d(zigzag(pts, 6.0, 10.0))}" {paint}/>')
    elif style == "cutoff":
        first, second = split_middle(pts, 14.0)
        out.append(f'<path class="stroke" d="{path_d(first)}" {paint}/>')
        out.append(f'<path class="stroke" d="{path_d(second)}" {paint}/>')
        for end in (first[-1], second[0]):
            _, _, ux, uy = midpoint(pts)
            nx, ny = uy * 7, -ux * 7
            bar = ((end[0] - nx, end[1] - ny), (end[0] + nx, end[1] + ny))
            out.append(f'<path class="cutoff-bar" d="{path_d(bar)}" {paint}/>')
    elif style == "hatched":
        out.append(f'<path class="stroke" d="{path_d(pts)}" {paint}/>')
        d = "".join(path_d(t) for t in ticks(pts, 9.0, 5.0))
        out.append(f'<path class="hatch" d="{d}" {_stroke(color, max(1.0, w * 0.8))}/>')
    else:  # solid, and any style we do not know yet
        out.append(f'<path class="stroke" d="{path_d(pts)}" {paint}/>')


def _line(out: list[str], line: Line, ctx: _Ctx, where: dict[str, Symbol], faded: bool) -> None:
    if len(line.points) < 2:
        return
    pts = [(float(x), float(y)) for x, y in line.points]
    # arrows must stop at the symbol's edge, or the symbol hides them
    for at_start, flag, end_id, point in (
        (True, line.arrow_start, line.ends[0], pts[0]),
        (False, line.arrow_end, line.ends[1], pts[-1]),
    ):
        sym = where.get(end_id) if flag else None
        if sym is not None and abs(sym.x - point[0]) < 1 and abs(sym.y - point[1]) < 1:
            nxt = pts[1] if at_start else pts[-2]
            dx, dy = nxt[0] - point[0], nxt[1] - point[1]
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            dist = edge_distance(sym.shape, sym.half, dx / norm, dy / norm) + (
                5 if sym.index else 2
            )
            pts = trim_end(pts, dist, at_start=at_start)
    ends = " ".join(esc(e) for e in line.ends if e)
    cls = f"line layer-{css_token(line.layer)} style-{css_token(line.style)}"
    fade = f' opacity="{FADED}"' if faded else ""
    out.append(
        f'<g class="{cls}" data-relation-id="{esc(line.relation_id)}" data-line-id="{esc(line.id)}" '
        f'data-ends="{ends}"{fade}>'
    )
    if line.tooltip:
        out.append(f"<title>{esc(line.tooltip)}</title>")
    _line_body(out, line, pts, ctx)
    if line.arrow_start or line.arrow_end:
        attrs = ""
        if line.arrow_start:
            attrs += f' marker-start="{ctx.marker(line.color, False)}"'
        if line.arrow_end:
            attrs += f' marker-end="{ctx.marker(line.color, True)}"'
        # the markers ride on an invisible copy, so every style gets the same arrowheads
        out.append(
            f'<path class="arrows" d="{path_d(pts)}" fill="none" stroke="{esc(line.color)}" '
            f'stroke-opacity="0" stroke-width="{fmt(line.width)}"{attrs}/>'
        )
    mx, my, ux, uy = midpoint(pts)
    for k in range(min(line.slashes, 2)):
        shift = (k - (min(line.slashes, 2) - 1) / 2) * 6
        cx, cy = mx + ux * shift, my + uy * shift
        # a slash leans 60 degrees against the line, as on paper
        nx, ny = uy, -ux
        dx, dy = nx * 8 + ux * 4, ny * 8 + uy * 4
        out.append(
            f'<path class="slash" d="M{fmt(cx - dx)} {fmt(cy - dy)}L{fmt(cx + dx)} {fmt(cy + dy)}" '
            f"{_stroke(line.color, max(1.5, line.width))}/>"
        )
    # clear of the strokes: half the style's thickness, or the slashes
    half = max(_HALF_THICKNESS.get(line.style, 0.0) + line.width, 9.0 if line.slashes else 0.0)
    size = 11 * ctx.scale
    lx, ly, nx, ny = mx, my, 0.0, 0.0
    if abs(ux) > 0.5:  # a lying line: label above it, note below it
        nx, ny = (uy, -ux) if ux > 0 else (-uy, ux)  # the normal that points up
        slope = abs(uy) * size * 2  # a sloping line needs a little more room
        lx, ly = mx + nx * (half + 4 + slope), my + ny * (half + 4 + slope)
    if line.label:
        out.append(haloed(lx, ly, line.label, size, 'class="line-label" fill="#222222"'))
    if line.note and not ctx.o.hide_notes:
        if abs(ux) > 0.5:
            note_xy = (mx - nx * (half + size * 0.9), my - ny * (half + size * 0.9))
        else:
            note_xy = (mx, my + size * 1.2)
        out.append(
            haloed(
                note_xy[0],
                note_xy[1],
                line.note,
                9.5 * ctx.scale,
                'class="note" font-style="italic" fill="#555555"',
            )
        )
    out.append("</g>")


# ----------------------------------------------------------------- symbols
def _symbol(out: list[str], s: Symbol, ctx: _Ctx, faded: bool) -> None:
    if s.shape == "point":  # an invisible junction
        return
    cls = f"symbol shape-{css_token(s.shape)}"
    if s.css:
        cls += " " + " ".join(css_token(c) for c in s.css.split())
    fade = f' opacity="{FADED}"' if faded else ""
    out.append(
        f'<g class="{cls}" data-entity-id="{esc(s.entity_id or s.id)}" data-symbol-id="{esc(s.id)}" '
        f'data-x="{fmt(s.x)}" data-y="{fmt(s.y)}" transform="translate({fmt(s.x)},{fmt(s.y)})"{fade}>'
        f"<title>{esc(s.tooltip or s.label)}</title>"
    )
    out += symbol_body(s, ctx.scale)
    out += labels(s, ctx.scale, ctx.o.hide_notes)[0]
    out.append("</g>")


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


# ----------------------------------------------------------------- extent
def _extent(drawing: Drawing, ctx: _Ctx) -> tuple[float, float, float, float]:
    """Bounds of the drawing including the labels under the symbols."""
    x0, y0, x1, y1 = drawing.bounds()
    for s in drawing.symbols:
        lines = label_lines(s, ctx.o.hide_notes)
        if not lines:
            continue
        height = sum(LINE_SIZES[k] * ctx.scale * 1.2 for k, _ in lines) + 10
        width = max(text_width(t, LINE_SIZES[k] * ctx.scale) for k, t in lines) / 2
        x0, x1 = min(x0, s.x - width), max(x1, s.x + width)
        if s.label_below:
            y1 = max(y1, s.y + s.half + height)
        else:
            y0 = min(y0, s.y - s.half - height)
    for t in drawing.texts:
        w = text_width(t.text, t.size * ctx.scale)
        left = t.x - (w if t.anchor == "end" else w / 2 if t.anchor == "middle" else 0)
        x0, x1 = min(x0, left), max(x1, left + w)
        y0 = min(y0, t.y - t.size * ctx.scale)
    for line in drawing.lines:
        if line.label and len(line.points) >= 2:
            mx, my, _, _ = midpoint(line.points)
            w = text_width(line.label, 11 * ctx.scale) / 2
            x0, x1 = min(x0, mx - w), max(x1, mx + w)
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
    plain = replace(ctx.o, hide_notes=True, highlight=frozenset())
    inner = _Ctx(plain)
    inner.scale, inner.markers = ctx.scale, ctx.markers
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
                label="",
                note="",
                ends=("", ""),
                slashes=min(sample.slashes, 2),
            )
            _line(out, line, inner, {}, False)
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
            _area(out, a, inner)
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
    x0, y0, x1, y1 = _extent(drawing, ctx)
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
            _area(body, a, ctx)
    for line in drawing.lines:
        if line.layer in o.hidden_layers:
            continue
        faded = bool(o.highlight) and not (set(line.ends) & o.highlight)
        _line(body, line, ctx, where, faded)
    for s in drawing.symbols:
        faded = bool(o.highlight) and (s.entity_id or s.id) not in keep
        _symbol(body, s, ctx, faded)
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
    return "".join(head) + "".join(body) + "</svg>"


__all__ = ["RenderOptions", "render_svg"]
