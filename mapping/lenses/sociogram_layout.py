"""Where the members of a netwerkkaart go: rows inside a sector and ring, no text on text.

The netwerkkaart (:mod:`mapping.lenses.sociogram`) keeps its convention: five
sectors of fixed angles and three rings of closeness around ego. What this
module decides is where, inside one cell (a sector x a ring), each member
stands so that its symbol, name, role and note (its *box*) covers no other
member's box, no part of ego's box and no ring name, and stays inside its
sector's wedge and its ring.

A cell is filled in rows: arcs at growing radii. A row takes as many members
as fit side by side at its radius (the room each pair needs is worked out
from their real boxes and where on the circle they stand: names side by side
at the top and bottom of the map, one above the other at its sides); the
members then share the row's slack evenly, shifted a quarter step when that
lets the row sit closer to the one before (staggered). The next row starts
just outside, so rows interleave where the boxes allow. A ring is as wide as
its fullest cell needs (an empty ring :data:`EMPTY_BAND`, room for its name),
and a cell that needs less sits in the middle of its ring. Text is measured at
the renderer's text scale (``scale``, 1.5 in large type), so larger text gets
the room it needs.

Ego's lines to its members are straight, so a member right behind another (seen
from ego) gets a line through that one's name. Of the ways a row fits, the one
whose lines run through the fewest boxes nearer to ego wins (a :class:`Shade`
files boxes and lines by the angles they cover); a row may go a little further
out for it (:data:`CROSSING_REACH`), and a cell whose lines still cross a name is
also tried packed against either border of its wedge, or in one row.

All angles here are radians, counter-clockwise from east, and y grows
*upwards* (as on paper); :func:`mapping.lenses.sociogram.polar` turns a (radius,
angle) spot into drawing units.

>>> box = Box(20, 20, 20, 50)
>>> rows = pack_cell([box] * 3, math.radians(54), math.radians(126), 80.0, [])
>>> len(rows.spots), len({round(r) for r, _ in rows.spots})  # three in one row
(3, 1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

from mapping.core.drawing import Symbol, Text
from mapping.render.markup import text_width
from mapping.render.symbols import LINE_SIZES, label_lines

BAND = 130.0  # the width of the outer ring before its members are packed (its first guess)
EMPTY_BAND = 44.0  # the width of a ring without members: its name fits, no wide empty ring
MARGIN = 4.0  # kept free around every box: two neighbours are at least twice this apart
EDGE_GAP = 6.0  # kept free between a box and its sector's border
INNER_PAD = 6.0  # kept free between a box and the inner circle of its ring
OUTER_PAD = 16.0  # kept free inside the outer circle: the ring's name is written there
ROW_STEP = 5.0  # how far out a row moves when it does not fit yet
SPREAD_REACH = 40.0  # how much further out a row may go to be spread evenly
CROSSING_REACH = 60.0  # how much further out a row may go so ego's lines pass between names
LEAN_UP_TO = 40  # a cell of up to this many members also tries its rows against a border
ONE_ROW_UP_TO = 5  # ... and up to this many also all in one row
ONE_ROW_REACH = 2 * BAND  # how far out that row may go
_CELL = 64.0  # grid size of the overlap index

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 with y up


@dataclass(frozen=True)
class Box:
    """How far a member's drawing reaches from its centre: left, right, up and down."""

    left: float
    right: float
    top: float
    bottom: float

    def at(self, x: float, y: float) -> Rect:
        return (x - self.left, y - self.bottom, x + self.right, y + self.top)


def symbol_box(s: Symbol, scale: float = 1.0) -> Box:
    """The box of a drawn symbol: its shape and the lines under it (name, role, note),
    as :func:`mapping.render.symbols.labels` writes them at text scale ``scale``,
    plus :data:`MARGIN`."""
    half = s.size / 2
    top = half * (0.72 if s.shape in ("system", "ellipse") else 1.0) + (4 if s.index else 0)
    side, below = half + (4 if s.index else 0), top
    lines = label_lines(s, hide_notes=False)
    if lines:
        below = top + 4 + sum(LINE_SIZES[k] * scale * 1.2 for k, _ in lines)
        side = max(side, max(text_width(t, LINE_SIZES[k] * scale) for k, t in lines) / 2 + 1.5)
    return Box(side + MARGIN, side + MARGIN, top + MARGIN, below + MARGIN)


def text_rect(t: Text, scale: float = 1.0) -> Rect:
    """The rectangle (y up) a free text covers at text scale ``scale``, plus :data:`MARGIN`."""
    size = t.size * scale
    w = text_width(t.text, size) * (1.08 if t.weight == "bold" else 1.0)
    left = t.x - (w / 2 if t.anchor == "middle" else w if t.anchor == "end" else 0)
    return (
        left - MARGIN,
        -t.y - size * 0.25 - MARGIN,
        left + w + MARGIN,
        -t.y + size * 0.85 + MARGIN,
    )


def overlaps(a: Rect, b: Rect) -> bool:
    """True when two rectangles share more than an edge."""
    eps = 1e-6
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


class Grid:
    """Rectangles filed by grid cell, so a test looks only at its neighbours."""

    def __init__(self, rects: list[Rect] | tuple = ()) -> None:
        self.rects: list[Rect] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        for rect in rects:
            self.add(rect)

    def _keys(self, rect: Rect):
        x0, y0, x1, y1 = (int(v // _CELL) for v in rect)
        return ((i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1))

    def add(self, rect: Rect) -> None:
        self.rects.append(rect)
        index = len(self.rects) - 1
        for key in self._keys(rect):
            self.cells.setdefault(key, []).append(index)

    def hits(self, rect: Rect) -> bool:
        rects = self.rects
        for key in self._keys(rect):
            for i in self.cells.get(key, ()):
                if overlaps(rect, rects[i]):
                    return True
        return False


def crosses(p: tuple[float, float], q: tuple[float, float], rect: Rect) -> bool:
    """True when the segment p-q runs through the inside of ``rect`` (Liang-Barsky clipping).

    >>> crosses((0, 0), (10, 0), (4, -1, 6, 1)), crosses((0, 0), (10, 0), (4, 1, 6, 3))
    (True, False)
    """
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for d, near, far in ((dx, rect[0] - x0, rect[2] - x0), (dy, rect[1] - y0, rect[3] - y0)):
        if abs(d) < 1e-12:
            if near >= 0 or far <= 0:
                return False
            continue
        t0, t1 = sorted((near / d, far / d))
        lo, hi = max(lo, t0), min(hi, t1)
        if hi - lo <= 1e-6:
            return False
    return True


def drawn(rect: Rect) -> Rect:
    """A layout box without most of the :data:`MARGIN` kept around it: what a line may not cross."""
    inset = MARGIN - 1
    return (rect[0] + inset, rect[1] + inset, rect[2] - inset, rect[3] - inset)


_TURN = 2 * math.pi
_SLICES = 360  # angular buckets of a Shade


def span(rect: Rect) -> tuple[float, float] | None:
    """The angles (lowest, highest; the highest may pass 2 pi) under which ``rect`` is
    seen from the centre of the map; None when it covers the centre."""
    x0, y0, x1, y1 = rect
    if x0 <= 0 <= x1 and y0 <= 0 <= y1:
        return None
    corners = [math.atan2(y, x) % _TURN for x in (x0, x1) for y in (y0, y1)]
    first = corners[0]
    turns = [first + (c - first + math.pi) % _TURN - math.pi for c in corners]
    lo = min(turns) % _TURN
    return lo, lo + max(turns) - min(turns)


class Shade:
    """What ego's straight lines and the boxes of a netwerkkaart may cross, filed by angle.

    A line from ego to a member can only run through a box that is nearer to ego and
    seen under the same angle; filing boxes and lines by the angles they cover keeps a
    question about one spot to its few neighbours, however large the network.
    """

    def __init__(self, rects: list[Rect] | tuple = ()) -> None:
        self.boxes: dict[int, list[tuple[float, float, float, Rect]]] = {}
        self.lines: dict[int, list[tuple[float, tuple[float, float]]]] = {}
        self.spans: list[tuple[float, float, float]] = []
        for rect in rects:
            self.add_box(rect)

    @staticmethod
    def _slices(lo: float, hi: float):
        first = int(lo / _TURN * _SLICES)
        return (i % _SLICES for i in range(first, int(hi / _TURN * _SLICES) + 1))

    def add_box(self, rect: Rect) -> None:
        rect = drawn(rect)
        seen = span(rect)
        if seen is not None:
            self.spans.append((*seen, nearest(rect)))
            for i in self._slices(*seen):
                self.boxes.setdefault(i, []).append((*seen, nearest(rect), rect))

    def add_line(self, end: tuple[float, float]) -> None:
        angle = math.atan2(end[1], end[0]) % _TURN
        self.lines.setdefault(int(angle / _TURN * _SLICES), []).append((math.hypot(*end), end))

    def blocked(self, end: tuple[float, float]) -> int:
        """How many filed boxes the line from ego to ``end`` runs through."""
        angle = math.atan2(end[1], end[0]) % _TURN
        far = math.hypot(*end)
        return sum(
            1
            for lo, hi, near, rect in self.boxes.get(int(angle / _TURN * _SLICES), ())
            if near < far and lo <= angle + _TURN * (angle < lo) <= hi
            and crosses((0.0, 0.0), end, rect)
        )  # fmt: skip

    def cut(self, rect: Rect) -> int:
        """How many filed lines run through ``rect``."""
        rect = drawn(rect)
        seen = span(rect)
        if seen is None:
            return 0
        near, count = nearest(rect), 0
        for i in self._slices(*seen):
            for length, end in self.lines.get(i, ()):
                if length > near and crosses((0.0, 0.0), end, rect):
                    count += 1
        return count

    def shadows(self, r: float, start: float, end: float) -> list[tuple[float, float]]:
        """The angle ranges (merged, ascending, in the frame of the wedge start..end)
        where a line from ego reaching radius ``r`` would meet a filed box."""
        found = []
        for lo, hi, near in self.spans:
            if near < r:
                lo_ = start + (lo - start) % _TURN
                found += [
                    (a, a + hi - lo) for a in (lo_, lo_ - _TURN) if a < end and a + hi - lo > start
                ]
        merged: list[list[float]] = []
        for lo, hi in sorted(found):
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo, hi) for lo, hi in merged]


def _xy(r: float, angle: float) -> tuple[float, float]:
    return r * math.cos(angle), r * math.sin(angle)


def nearest(rect: Rect) -> float:
    """Distance from the centre of the map to the nearest point of ``rect``."""
    x0, y0, x1, y1 = rect
    dx = x0 if x0 > 0 else (-x1 if x1 < 0 else 0.0)
    dy = y0 if y0 > 0 else (-y1 if y1 < 0 else 0.0)
    return math.hypot(dx, dy)


def farthest(rect: Rect) -> float:
    """Distance from the centre of the map to the farthest corner of ``rect``."""
    x0, y0, x1, y1 = rect
    return math.hypot(max(abs(x0), abs(x1)), max(abs(y0), abs(y1)))


def angle_limits(box: Box, r: float, start: float, end: float) -> tuple[float, float] | None:
    """The angles at radius ``r`` where ``box`` lies wholly inside the wedge start..end.

    A corner is inside when it lies at least :data:`EDGE_GAP` on the inner side of
    both borders; the centre's angle then has a lowest and a highest value. None
    when the box is too wide for the wedge at this radius.

    >>> lo, hi = angle_limits(Box(10, 10, 10, 10), 100.0, 0.0, math.pi / 2)
    >>> round(math.degrees(lo), 1), round(math.degrees(hi), 1)
    (9.2, 80.8)
    """
    xs, ys = (-box.left, box.right), (-box.bottom, box.top)
    ca, sa, cb, sb = math.cos(start), math.sin(start), math.cos(end), math.sin(end)
    low = EDGE_GAP - min(ca * oy - sa * ox for ox in xs for oy in ys)
    high = EDGE_GAP + max(cb * oy - sb * ox for ox in xs for oy in ys)
    if low >= r or high >= r:
        return None
    lo, hi = start + math.asin(low / r), end - math.asin(high / r)
    return (lo, hi) if lo <= hi else None


def _next_angle(a: Box, at: float, b: Box, r: float, lo: float) -> float:
    """The smallest angle (at least ``lo``) where ``b`` stands beside ``a`` (at ``at``) on radius ``r``.

    Two boxes are apart when they are apart along x or along y; which one costs
    less depends on where on the circle they stand, so the step is worked out
    from the direction of the chord between them, then checked.
    """
    delta = 0.0
    for _ in range(3):
        phi = at + delta / 2
        ux, uy = -math.sin(phi), math.cos(phi)  # the way the row runs here
        need_x = (a.right + b.left) if ux > 0 else (a.left + b.right)
        need_y = (a.top + b.bottom) if uy > 0 else (a.bottom + b.top)
        chord = min(
            need_x / abs(ux) if abs(ux) > 1e-9 else math.inf,
            need_y / abs(uy) if abs(uy) > 1e-9 else math.inf,
        )
        delta = 2 * math.asin(min(1.0, chord / (2 * r)))
    angle = max(at + delta, lo)
    first = a.at(*_xy(r, at))
    for _ in range(200):  # the estimate is close; a few small steps settle the rest
        if not overlaps(first, b.at(*_xy(r, angle))):
            break
        angle += 0.002 + 0.02 * (angle - at)
    return angle


def _row(boxes: list[Box], r: float, start: float, end: float) -> list[tuple[float, float, float]]:
    """(packed angle, lowest, highest angle) of as many of ``boxes`` (from the first)
    as fit side by side at radius ``r``."""
    row: list[tuple[float, float, float]] = []
    for box in boxes:
        found = angle_limits(box, r, start, end)
        if found is None:
            break
        lo, hi = found
        angle = lo if not row else _next_angle(boxes[len(row) - 1], row[-1][0], box, r, lo)
        if angle > hi:
            break
        row.append((angle, lo, hi))
    return row


def _row_choices(row: list[tuple[float, float, float]], lean: int = 0) -> list[list[float]]:
    """The ways to spread one packed row over its room, the best-reading first:
    evenly by angle, then the packed row with its slack shared (centred, staggered
    either way), then packed. ``lean`` -1 or 1 puts the packed row against the
    wedge's clockwise or counter-clockwise border first, leaving room beside it."""
    angles = [a for a, _, _ in row]
    n = len(angles)
    first, last = row[0][1], row[-1][2]
    even = [first + (last - first) * (i + 0.5) / n for i in range(n)]
    choices = [even] if all(lo <= a <= hi for a, (_, lo, hi) in zip(even, row, strict=True)) else []
    slack = min(hi - a for a, _, hi in row)
    choices += [[a + slack * (i + f) / n for i, a in enumerate(angles)] for f in (0.5, 0.25, 0.75)]
    choices += [[a + slack / 2 for a in angles], angles]
    if lean:
        choices.insert(0, angles if lean < 0 else [a + slack for a in angles])
    return choices


def _row_fits(rects: list[Rect], grid: Grid, inner: float) -> bool:
    for i, rect in enumerate(rects):
        if nearest(rect) < inner or grid.hits(rect):
            return False
        for other in rects[i + 1 : i + 3]:  # its neighbours in the row
            if overlaps(rect, other):
                return False
    return True


def _dodge(angles, lows, highs, gaps, shadows, eps) -> list[float] | None:
    """``angles`` moved up (in order, keeping ``gaps``) out of the ``shadows``, each to
    the nearer side it can reach; None when the last one no longer fits."""
    placed: list[float] = []
    for i, angle in enumerate(angles):
        floor = max(lows[i], placed[-1] + gaps[i - 1]) if placed else lows[i]
        angle = max(angle, floor)
        for lo, hi in shadows:
            if lo - eps < angle < hi + eps:
                before = lo - eps
                angle = (
                    before if before >= floor and angle - before <= hi + eps - angle else hi + eps
                )
        if angle > highs[i]:
            return None
        placed.append(angle)
    return placed


def _dodged(angles, row, shadows, r) -> list[list[float]]:
    """``angles`` of a row moved out of the shadows of the boxes nearer to ego, so that
    ego's lines to this row pass between them: pushed clockwise and counter-clockwise."""
    if not shadows:
        return []
    lows, highs = [lo for _, lo, _ in row], [hi for _, _, hi in row]
    gaps = [b[0] - a[0] for a, b in pairwise(row)]
    eps = 3.0 / r
    found = [_dodge(angles[: len(row)], lows, highs, gaps, shadows, eps)]
    mirrored = _dodge(
        [-a for a in reversed(angles)], [-h for h in reversed(highs)], [-lo for lo in reversed(lows)],
        gaps[::-1], [(-hi, -lo) for lo, hi in reversed(shadows)], eps,
    )  # fmt: skip
    found.append([-a for a in reversed(mirrored)] if mirrored else None)
    return [f for f in found if f is not None and f != angles]


def _row_cost(points, rects, shade: Shade) -> int:
    """How often ego's lines to a row and the lines and boxes already placed cross."""
    cost = sum(shade.blocked(p) for p in points) + sum(shade.cut(rect) for rect in rects)
    for i, p in enumerate(points):  # a neighbour's name hanging into the line
        for j in range(max(0, i - 2), min(len(rects), i + 3)):
            if j != i and crosses((0.0, 0.0), p, drawn(rects[j])):
                cost += 1
    return cost


def crossings_of(points: list[tuple[float, float]], rects: list[Rect], shade: Shade) -> int:
    """How often ego's lines to ``points`` (their boxes ``rects``) run through one of
    those boxes or a box filed in ``shade``, their own box not counted."""
    mine = Shade(rects)
    return sum(shade.blocked(p) + mine.blocked(p) - 1 for p in points)


@dataclass
class Packed:
    """The spots of one cell's members (radius, angle; in the order given) and its rows."""

    spots: list[tuple[float, float]] = field(default_factory=list)
    rows: int = 0
    rects: list[Rect] = field(default_factory=list)

    @property
    def reach(self) -> tuple[float, float]:
        """(nearest, farthest) distance of the boxes from the centre of the map."""
        return min(map(nearest, self.rects)), max(map(farthest, self.rects))


def pack_cell(
    boxes: list[Box],
    start: float,
    end: float,
    inner: float,
    obstacles: list[Rect],
    behind: list[Rect] | tuple = (),
    lean: int = 0,
    one_row: bool = False,
) -> Packed:
    """Spots for ``boxes`` in the wedge start..end, in rows from radius ``inner`` out.

    No box covers another, nor one of ``obstacles`` (ego, a ring's name); each
    lies inside the wedge and beyond ``inner`` (plus :data:`INNER_PAD`). Of the
    ways a row fits, the one where ego's straight lines to its members run
    through the fewest boxes (of ``behind``, boxes nearer to ego, and of the
    cell's rows before) wins; among equals an even spread (or, with ``lean``, the
    row against a border: :func:`_row_choices`), then the nearest. ``one_row`` puts
    all boxes in one row, as far out as that takes (at most :data:`ONE_ROW_REACH`).
    """
    packed = Packed()
    if not boxes:
        return packed
    grid, shade = Grid(obstacles), Shade(behind)
    floor = inner + INNER_PAD
    r = floor + min(min(b.top, b.bottom) for b in boxes)
    k = 0
    while k < len(boxes):
        best, best_key, first_r = None, None, None
        while True:
            row = _row(boxes[k:], r, start, end)
            if one_row and len(row) < len(boxes) and r < inner + ONE_ROW_REACH:
                r += ROW_STEP
                continue
            shadows = shade.shadows(r, start, end) if row else []
            for n, angles in enumerate(_row_choices(row, lean) if row else ()):
                if first_r is not None and n and best_key[0] == 0:
                    break  # beyond the first fit only an even spread is worth the room
                for way in (angles, *_dodged(angles, row, shadows, r)):
                    rects = [box.at(*_xy(r, a)) for box, a in zip(boxes[k:], way, strict=False)]
                    if not _row_fits(rects, grid, floor):
                        continue
                    key = (_row_cost([_xy(r, a) for a in way], rects, shade), n > 0)
                    if best_key is None or key < best_key:
                        best, best_key = (r, way, rects), key
                    first_r = r if first_r is None else first_r
            if best is not None and (
                best_key == (0, False)
                or r >= first_r + (SPREAD_REACH if best_key[0] == 0 else CROSSING_REACH)
            ):
                break
            r += ROW_STEP if first_r is None or r < first_r + SPREAD_REACH else 2 * ROW_STEP
        r, angles, rects = best
        for a, rect in zip(angles, rects, strict=True):
            packed.spots.append((r, a))
            packed.rects.append(rect)
            grid.add(rect)
            shade.add_box(rect)
            shade.add_line(_xy(r, a))
        packed.rows += 1
        k += len(angles)
        r += ROW_STEP
    return packed


def moved_out(
    packed: Packed, boxes: list[Box], by: float, start: float, end: float, obstacles: list[Rect]
) -> Packed | None:
    """``packed`` with every row ``by`` further out, or None when a box would then touch another."""
    spots = [(r + by, a) for r, a in packed.spots]
    rects = [box.at(*_xy(r, a)) for box, (r, a) in zip(boxes, spots, strict=True)]
    grid = Grid(obstacles)
    for box, (r, a), rect in zip(boxes, spots, rects, strict=True):
        limits = angle_limits(box, r, start, end)
        if limits is None or not limits[0] - 1e-9 <= a <= limits[1] + 1e-9 or grid.hits(rect):
            return None
        grid.add(rect)
    return Packed(spots, packed.rows, rects)


def ring_cells(
    cells: dict[object, tuple[list[Box], float, float]],
    inner: float,
    obstacles: list[Rect],
    behind: list[Rect] | tuple = (),
    empty_band: float = EMPTY_BAND,
) -> tuple[dict[object, list[tuple[float, float]]], float, int]:
    """Spots of every cell of one ring that starts at ``inner``, the ring's outer radius, its rows.

    ``cells`` maps a key (the sector) to the boxes of its members and its wedge;
    ``behind`` are the boxes nearer to ego that ego's lines should pass by.
    When ego's lines to a cell still run through a box, the cell is also packed
    against either border of its wedge and in one row (:func:`pack_cell`); the way
    with the fewest crossings is kept.
    The ring is as wide as its fullest cell needs (``empty_band`` without
    members: room for the ring's name, not a wide empty ring); every
    cell is then moved to the middle of the ring when its boxes allow and no
    more lines then run through a box.
    """
    shade = Shade(behind)
    packs = {}
    for key, (boxes, s, e) in cells.items():
        packs[key] = pack_cell(boxes, s, e, inner, obstacles, behind)
        cost = crossings_of([_xy(*spot) for spot in packs[key].spots], packs[key].rects, shade)
        ways = [(-1, False), (1, False)] + [(0, True)] * (len(boxes) <= ONE_ROW_UP_TO)
        for lean, one_row in ways if cost and len(boxes) <= LEAN_UP_TO else ():
            leaning = pack_cell(boxes, s, e, inner, obstacles, behind, lean, one_row)
            fewer = crossings_of([_xy(*spot) for spot in leaning.spots], leaning.rects, shade)
            if fewer < cost:
                packs[key], cost = leaning, fewer
    reach = max((p.reach[1] for p in packs.values() if p.spots), default=0.0)
    outer = max(inner + empty_band, reach + OUTER_PAD)
    spots = {}
    for key, packed in packs.items():
        if packed.spots:
            boxes, start, end = cells[key]
            near, far = packed.reach
            by = ((inner + INNER_PAD + outer - OUTER_PAD) - (near + far)) / 2
            cost = crossings_of([_xy(*spot) for spot in packed.spots], packed.rects, shade)
            for step in (by, by / 2) if by > 1 else ():
                moved = moved_out(packed, boxes, step, start, end, obstacles)
                if moved is not None and (
                    crossings_of([_xy(*spot) for spot in moved.spots], moved.rects, shade) <= cost
                ):
                    packed = moved
                    break
        spots[key] = packed.spots
    return spots, outer, max((p.rows for p in packs.values()), default=0)


__all__ = [
    "BAND",
    "EMPTY_BAND",
    "Box",
    "Grid",
    "Shade",
    "angle_limits",
    "crosses",
    "farthest",
    "nearest",
    "overlaps",
    "pack_cell",
    "ring_cells",
    "symbol_box",
    "text_rect",
]
