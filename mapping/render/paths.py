"""Geometry for drawing styled lines: parallel offsets, zig-zags, midpoints.

Pure functions on polylines (tuples of ``(x, y)``); :mod:`mapping.render.svg`
turns their results into SVG path data with :func:`path_d`.

>>> path_d(((0, 0), (10, 0)))
'M0 0L10 0'
>>> len(zigzag(((0, 0), (100, 0)), amplitude=4, wavelength=10)) > 10
True
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def fmt(value: float) -> str:
    """A number for SVG: at most one decimal, no trailing zeros.

    >>> fmt(3.0), fmt(2.25), fmt(-0.04)
    ('3', '2.2', '0')
    """
    try:
        return _FMT[value]
    except (KeyError, TypeError):
        pass
    text = "%g" % round(value, 1)  # noqa: UP031 - the fastest route, called ~60 times a symbol
    text = "0" if text == "-0" else text
    if len(_FMT) < 20000:
        _FMT[value] = text
    return text


_FMT: dict[float, str] = {}  # coordinates repeat (rows, sizes): format each once


def path_d(points: tuple[Point, ...] | list[Point]) -> str:
    """SVG path data through ``points``."""
    return "M" + "L".join([f"{fmt(x)} {fmt(y)}" for x, y in points])


def _unit(ax: float, ay: float, bx: float, by: float) -> tuple[float, float, float]:
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return 1.0, 0.0, 0.0
    return dx / length, dy / length, length


def length(points: tuple[Point, ...] | list[Point]) -> float:
    """Total length of a polyline."""
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


def offset(points: tuple[Point, ...] | list[Point], distance: float) -> list[Point]:
    """The polyline shifted sideways by ``distance`` (left of the direction of travel).

    Corners are mitred (capped at 4x the distance), so a parallel double line
    stays parallel around the bends of a genogram's couple line.

    >>> offset(((0, 0), (10, 0)), 2)
    [(0.0, -2.0), (10.0, -2.0)]
    """
    n = len(points)
    if n < 2:
        return [tuple(map(float, p)) for p in points]
    normals = []
    for a, b in zip(points, points[1:], strict=False):
        ux, uy, _ = _unit(a[0], a[1], b[0], b[1])
        normals.append((uy, -ux))
    out: list[Point] = []
    for i, (x, y) in enumerate(points):
        if i == 0:
            nx, ny = normals[0]
        elif i == n - 1:
            nx, ny = normals[-1]
        else:
            (ax, ay), (bx, by) = normals[i - 1], normals[i]
            nx, ny = ax + bx, ay + by
            norm = math.hypot(nx, ny)
            if norm < 1e-9:
                nx, ny = ax, ay
            else:
                nx, ny = nx / norm, ny / norm
                cos_half = nx * ax + ny * ay
                scale = 1.0 / max(cos_half, 0.25)
                nx, ny = nx * scale, ny * scale
        out.append((float(x + nx * distance), float(y + ny * distance)))
    return out


def zigzag(
    points: tuple[Point, ...] | list[Point], amplitude: float = 4.0, wavelength: float = 10.0
) -> list[Point]:
    """A zig-zag along the polyline: teeth alternate ``amplitude`` to either side.

    Each segment starts and ends on the line, so the zig-zag meets the
    symbols where the plain line would.
    """
    out: list[Point] = [tuple(map(float, points[0]))] if points else []
    half = max(wavelength / 2.0, 1.0)
    for a, b in zip(points, points[1:], strict=False):
        ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
        nx, ny = uy, -ux
        teeth = max(2, int(round(seg / half)))
        step = seg / teeth
        for k in range(teeth):
            t = (k + 0.5) * step
            side = amplitude if k % 2 == 0 else -amplitude
            out.append((a[0] + ux * t + nx * side, a[1] + uy * t + ny * side))
        out.append((float(b[0]), float(b[1])))
    return out


def middle_segment(points: tuple[Point, ...] | list[Point]) -> tuple[Point, Point]:
    """The middle segment of a polyline (the horizontal bar of a couple line)."""
    i = (len(points) - 2) // 2
    return points[i], points[i + 1]


def midpoint(points: tuple[Point, ...] | list[Point]) -> tuple[float, float, float, float]:
    """(x, y, ux, uy): the middle of the middle segment and its direction."""
    a, b = middle_segment(points)
    ux, uy, _ = _unit(a[0], a[1], b[0], b[1])
    return (a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, ux, uy


def point_at(
    points: tuple[Point, ...] | list[Point], t: float
) -> tuple[float, float, float, float]:
    """(x, y, ux, uy): the point at fraction ``t`` of the polyline's length and its direction.

    >>> point_at([(0, 0), (10, 0), (10, 10)], 0.75)
    (10.0, 5.0, 0.0, 1.0)
    """
    total = length(points)
    goal = max(0.0, min(1.0, t)) * total
    for a, b in zip(points, points[1:], strict=False):
        ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
        if goal <= seg or b is points[-1]:
            k = min(goal, seg)
            return float(a[0] + ux * k), float(a[1] + uy * k), ux, uy
        goal -= seg
    x, y = points[0]
    return float(x), float(y), 1.0, 0.0


def split_middle(
    points: tuple[Point, ...] | list[Point], gap: float
) -> tuple[list[Point], list[Point]]:
    """The polyline cut in two with a ``gap`` around the middle of its middle segment."""
    i = (len(points) - 2) // 2
    a, b = points[i], points[i + 1]
    ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
    half = min(gap / 2.0, seg / 2.0 * 0.9)
    mx, my = (a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0
    first = [*points[: i + 1], (mx - ux * half, my - uy * half)]
    second = [(mx + ux * half, my + uy * half), *points[i + 1 :]]
    return first, second


def ticks(
    points: tuple[Point, ...] | list[Point], spacing: float = 9.0, size: float = 5.0
) -> list[tuple[Point, Point]]:
    """Short strokes across the polyline every ``spacing`` units (hatching)."""
    out: list[tuple[Point, Point]] = []
    for a, b in zip(points, points[1:], strict=False):
        ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
        nx, ny = uy, -ux
        count = int(seg // spacing)
        start = (seg - (count - 1) * spacing) / 2.0 if count else seg / 2.0
        for k in range(max(count, 1)):
            t = start + k * spacing
            cx, cy = a[0] + ux * t, a[1] + uy * t
            # slanted like a hatching stroke, not a plain perpendicular bar
            dx, dy = nx * size + ux * size * 0.5, ny * size + uy * size * 0.5
            out.append(((cx - dx, cy - dy), (cx + dx, cy + dy)))
    return out


def trim_end(points: list[Point], distance: float, at_start: bool = False) -> list[Point]:
    """Shorten the first or last segment by ``distance`` (to stop at a symbol's edge)."""
    if len(points) < 2 or distance <= 0:
        return points
    pts = list(points)
    if at_start:
        a, b = pts[0], pts[1]
        ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
        d = min(distance, seg * 0.45)
        pts[0] = (a[0] + ux * d, a[1] + uy * d)
    else:
        a, b = pts[-1], pts[-2]
        ux, uy, seg = _unit(a[0], a[1], b[0], b[1])
        d = min(distance, seg * 0.45)
        pts[-1] = (a[0] + ux * d, a[1] + uy * d)
    return pts


def edge_distance(shape: str, half: float, ux: float, uy: float) -> float:
    """Distance from a symbol's centre to its outline in direction (ux, uy)."""
    if shape in ("circle", "dot", "ellipse"):
        return half
    if shape == "diamond":
        return half / max(abs(ux) + abs(uy), 1e-9)
    if shape == "point":
        return 0.0
    return half / max(abs(ux), abs(uy), 1e-9)


__all__ = [
    "edge_distance",
    "fmt",
    "length",
    "middle_segment",
    "midpoint",
    "offset",
    "path_d",
    "split_middle",
    "ticks",
    "trim_end",
    "zigzag",
]
