"""SVG for lines (in every style of ``LINE_STYLES``) and background areas.

Part of the one renderer (:mod:`mapping.render.svg`); the geometry lives in
:mod:`mapping.render.paths`. Styles follow McGoldrick & Gerson: double =
close, triple = fused, zig-zag = conflict, double zig-zag = hostile, two
lines with a zig-zag = close-hostile, a broken line with bars = cut off.
"""

from __future__ import annotations

from functools import lru_cache
from math import cos, radians, sin

from mapping.core.drawing import Area, Line, Symbol
from mapping.render.markup import css_token, esc
from mapping.render.paths import (
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
from mapping.render.symbols import haloed

FADED = "0.2"


class Context:
    """What drawing a line or area needs: the text scale, the notes switch, and
    the arrow markers used so far (each defined once in ``<defs>``)."""

    def __init__(self, scale: float = 1.0, hide_notes: bool = False) -> None:
        self.scale = scale
        self.hide_notes = hide_notes
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
def area_label_at(a: Area) -> tuple[tuple[float, float] | None, str]:
    """Where an area's label goes and its text-anchor (None when the shape is unknown)."""
    if a.shape == "rect":
        return a.label_at or (a.x + 8, a.y + 16), "start" if a.label_at is None else "middle"
    if a.shape == "circle":
        return a.label_at or (a.x, a.y - a.r + 16), "middle"
    if a.shape == "wedge":
        if a.label_at is not None:
            return a.label_at, "middle"
        mid, rad = radians((a.start_angle + a.end_angle) / 2), (a.r + a.r_inner) / 2
        return (a.x + rad * cos(mid), a.y - rad * sin(mid)), "middle"
    if a.shape == "polygon" and a.points:
        return a.label_at or a.points[0], "middle"
    return None, "middle"


def area_svg(out: list[str], a: Area, ctx: Context) -> None:
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


@lru_cache(maxsize=512)  # a handful of colours and widths
def _stroke(color: str, width: float, extra: str = "") -> str:
    return f'fill="none" stroke="{esc(color)}" stroke-width="{fmt(width)}" stroke-linejoin="round"{extra}'


def _line_body(out: list[str], line: Line, pts: list, ctx: Context) -> None:
    """The strokes of ``line`` in its style, through ``pts``."""
    style, color, w = line.style, line.color, line.width
    paint = _stroke(color, w)
    if style == "solid":  # most lines of a family tree
        out.append(f'<path class="stroke" d="{path_d(pts)}" {paint}/>')
        return
    gap = max(2.2, w * 1.6)
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


def half_thickness(line: Line) -> float:
    """How far a line's strokes reach to either side: half the style's width, or the slashes."""
    return max(_HALF_THICKNESS.get(line.style, 0.0) + line.width, 9.0 if line.slashes else 0.0)


def text_spots(
    line: Line, pts: list | tuple, scale: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a line's label and (by default) its note go: label above a lying line, note below."""
    mx, my, ux, uy = midpoint(pts)
    half = half_thickness(line)
    size = 11 * scale
    if abs(ux) > 0.5:
        nx, ny = (uy, -ux) if ux > 0 else (-uy, ux)  # the normal that points up
        slope = abs(uy) * size * 2  # a sloping line needs a little more room
        label = (mx + nx * (half + 4 + slope), my + ny * (half + 4 + slope))
        note = (mx - nx * (half + size * 0.9), my - ny * (half + size * 0.9))
        return label, note
    return (mx, my), (mx, my + size * 1.2)


def _to_edges(line: Line, where: dict[str, Symbol]) -> list:
    """The points of an arrowed line, stopping at the symbols' edges (or they hide the arrows)."""
    pts = line.points
    for at_start, flag, end_id, point in (
        (True, line.arrow_start, line.ends[0], pts[0]),
        (False, line.arrow_end, line.ends[1], pts[-1]),
    ):
        if not flag:
            continue
        pts = [(float(x), float(y)) for x, y in pts]
        sym = where.get(end_id)
        if sym is not None and abs(sym.x - point[0]) < 1 and abs(sym.y - point[1]) < 1:
            nxt = pts[1] if at_start else pts[-2]
            dx, dy = nxt[0] - point[0], nxt[1] - point[1]
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            dist = edge_distance(sym.shape, sym.half, dx / norm, dy / norm) + (
                5 if sym.index else 2
            )
            pts = trim_end(pts, dist, at_start=at_start)
    return pts


def line_svg(
    out: list[str],
    line: Line,
    ctx: Context,
    where: dict[str, Symbol],
    faded: bool,
    cls: str = "line",
    note_at: tuple[float, float] | None = None,
) -> None:
    """A ``<g class="line layer-..">`` with the strokes of ``line`` in its style.

    ``where`` maps entity ids to symbols, so arrowheads stop at the symbol's
    edge instead of hiding under it; legend samples pass ``cls="sample-line"``
    so scripts that look for ``.line`` never pick them up.
    """
    pts = line.points
    if len(pts) < 2:
        return
    arrows = line.arrow_start or line.arrow_end
    if arrows:
        pts = _to_edges(line, where)
    ends = " ".join([esc(e) for e in line.ends if e])
    head = (
        f'<g class="{_classes(cls, line.layer, line.style)}" data-relation-id="{esc(line.relation_id)}" '
        f'data-line-id="{esc(line.id)}" data-ends="{ends}"'
    )
    head += f' opacity="{FADED}">' if faded else ">"
    if line.tooltip:
        head += f"<title>{esc(line.tooltip)}</title>"
    out.append(head)
    if line.style == "solid":  # most lines of a family tree: _line_body's first case, inline
        out.append(f'<path class="stroke" d="{path_d(pts)}" {_stroke(line.color, line.width)}/>')
    else:
        _line_body(out, line, pts, ctx)
    if arrows:
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
    if line.slashes:
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
    if not line.label and not (line.note and not ctx.hide_notes):
        out.append("</g>")
        return
    (lx, ly), note_xy = text_spots(line, pts, ctx.scale)
    if line.label and _around_slashes(out, line, pts, ctx.scale):
        pass  # 'x 1978 // 1995' on a couple line: the years beside the drawn slashes
    elif line.label:
        size = 11 * ctx.scale
        out.append(haloed(lx, ly, line.label, size, 'class="line-label" fill="#222222"'))
    if line.note and not ctx.hide_notes:
        note_xy = note_at or note_xy
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


def slash_label_parts(line: Line) -> tuple[str, str] | None:
    """(before, after) the slash mark of a lying line's label that holds it, else None.

    A genogram's divorced couple line is labelled 'x 1978 // 1995': the
    renderer draws the slashes on the line, so the label is split there and
    each year sits on the line beside them (the divorce year right after the
    slashes), never floating above them.

    >>> slash_label_parts(Line(id="c", points=((0, 0), (100, 0)), slashes=2, label="x 1978 // 1995"))
    ('x 1978', '1995')
    >>> slash_label_parts(Line(id="c", points=((0, 0), (100, 0)), label="x 1978")) is None
    True
    """
    if not line.slashes or len(line.points) < 2:
        return None
    mark = " " + "/" * min(line.slashes, 2) + " "
    before, found, after = line.label.partition(mark)
    if not found:
        return None
    return before.strip(), after.strip()


def _around_slashes(out: list[str], line: Line, pts, scale: float) -> bool:
    """Draw the label of a slashed, lying line beside its slashes; False when it does not apply."""
    parts = slash_label_parts(line)
    mx, my, ux, uy = midpoint(pts)
    if parts is None or abs(ux) < 0.9:
        return False
    size = 11 * scale
    base = my - line.width - 3 * scale  # just above the line
    side = 1.0 if ux > 0 else -1.0
    before, after = parts
    gap = 11.0  # the slashes reach 7 to either side of the middle
    if before:
        x = mx - side * gap
        anchor = "end" if side > 0 else "start"
        out.append(haloed(x, base, before, size, 'class="line-label" fill="#222222"', anchor))
    if after:
        x = mx + side * gap
        anchor = "start" if side > 0 else "end"
        out.append(haloed(x, base, after, size, 'class="line-label end" fill="#222222"', anchor))
    return True


@lru_cache(maxsize=256)  # a handful of layers and styles
def _classes(cls: str, layer: str, style: str) -> str:
    return f"{cls} layer-{css_token(layer)} style-{css_token(style)}"


__all__ = ["FADED", "Context", "area_svg", "line_svg"]
