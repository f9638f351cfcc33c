"""SVG for one :class:`~mapping.core.drawing.Symbol`, following McGoldrick & Gerson.

Square = male, circle = female, diamond = other, square with '?' = unknown,
triangle = pregnancy, small filled circle = miscarriage, small cross =
abortion, small symbol with a cross = stillbirth, rounded rectangle = a
system (with its icon), ellipse = the focal system. An X through a symbol
means deceased, a double outline the index person, a filled half a
condition (``fill_parts``). Shapes are drawn around (0, 0); the caller wraps
them in a ``translate``.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from mapping.core.drawing import Symbol
from mapping.render.markup import esc, text_width
from mapping.render.paths import fmt

DARK = "#333333"
CROSS_BEHIND = "#8a8a8a"  # the deceased cross when an age is written over it
BADGE_COLORS = {"+": "#2e7d32", "-": "#c62828"}
PERSON_SHAPES = ("square", "circle", "diamond", "unknown", "triangle")

#: The vocabulary's emoji icons drawn with glyphs DejaVu Sans has, so the
#: screen, the PNG and the PDF show the same icon (CairoSVG has no emoji font).
ICON_GLYPHS = {
    "🏫": "✏",
    "🧸": "☺",
    "💼": "⚒",
    "🏥": "✚",
    "🧠": "ψ",
    "🧒": "☺",
    "🤝": "✦",
    "🏛": "⚑",
    "🏠": "⌂",
    "⛪": "☮",
    "⚽": "◉",
    "🎵": "♫",
    "👪": "♥",
    "🏘": "⌂",
}


def icon_text(icon: str) -> str:
    """``icon`` as glyphs a system font draws; unknown emoji become a dot."""
    if icon in ICON_GLYPHS:
        return ICON_GLYPHS[icon]
    return "".join("●" if ord(c) > 0xFFFF else c for c in icon if c not in "\ufe0f\u200d")


def outline(shape: str, h: float, fill: str, stroke: str, width: float = 1.6) -> str:
    """The closed outline of ``shape`` with half-size ``h``."""
    paint = f'fill="{esc(fill)}" stroke="{esc(stroke)}" stroke-width="{fmt(width)}"'
    if shape in ("square", "unknown"):
        return f'<rect class="shape" x="{fmt(-h)}" y="{fmt(-h)}" width="{fmt(2 * h)}" height="{fmt(2 * h)}" {paint}/>'
    if shape == "circle":
        return f'<circle class="shape" r="{fmt(h)}" {paint}/>'
    if shape == "diamond":
        return f'<path class="shape" d="M0 {fmt(-h)}L{fmt(h)} 0L0 {fmt(h)}L{fmt(-h)} 0Z" {paint}/>'
    if shape == "triangle":
        return f'<path class="shape" d="M0 {fmt(-h)}L{fmt(h)} {fmt(h * 0.8)}L{fmt(-h)} {fmt(h * 0.8)}Z" {paint}/>'
    if shape == "ellipse":
        return f'<ellipse class="shape" rx="{fmt(h)}" ry="{fmt(h * 0.72)}" {paint}/>'
    if shape == "system":
        r = h * 0.28
        return (
            f'<rect class="shape" x="{fmt(-h)}" y="{fmt(-h * 0.72)}" width="{fmt(2 * h)}" '
            f'height="{fmt(1.44 * h)}" rx="{fmt(r)}" {paint}/>'
        )
    return ""


def half_fill(shape: str, h: float, part: str) -> str:
    """Path data of one half ('lower', 'upper', 'left', 'right') of ``shape``."""
    if shape in ("square", "unknown"):
        box = {
            "lower": (-h, 0, 2 * h, h),
            "upper": (-h, -h, 2 * h, h),
            "left": (-h, -h, h, 2 * h),
            "right": (0, -h, h, 2 * h),
        }.get(part)
        if box is None:
            return ""
        x, y, w, hh = box
        return f"M{fmt(x)} {fmt(y)}h{fmt(w)}v{fmt(hh)}h{fmt(-w)}Z"
    if shape == "circle":
        if part == "lower":
            return f"M{fmt(-h)} 0A{fmt(h)} {fmt(h)} 0 0 0 {fmt(h)} 0Z"
        if part == "upper":
            return f"M{fmt(-h)} 0A{fmt(h)} {fmt(h)} 0 0 1 {fmt(h)} 0Z"
        if part == "left":
            return f"M0 {fmt(-h)}A{fmt(h)} {fmt(h)} 0 0 0 0 {fmt(h)}Z"
        if part == "right":
            return f"M0 {fmt(-h)}A{fmt(h)} {fmt(h)} 0 0 1 0 {fmt(h)}Z"
    if shape == "diamond":
        pts = {
            "lower": ((-h, 0), (h, 0), (0, h)),
            "upper": ((-h, 0), (h, 0), (0, -h)),
            "left": ((0, -h), (-h, 0), (0, h)),
            "right": ((0, -h), (h, 0), (0, h)),
        }.get(part)
        if pts:
            return "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in pts) + "Z"
    if shape == "triangle":
        base, mid = h * 0.8, h * -0.1
        w_mid = h * (mid + h) / (base + h)
        pts = {
            "lower": ((-w_mid, mid), (w_mid, mid), (h, base), (-h, base)),
            "upper": ((0, -h), (w_mid, mid), (-w_mid, mid)),
            "left": ((0, -h), (0, base), (-h, base)),
            "right": ((0, -h), (h, base), (0, base)),
        }.get(part)
        if pts:
            return "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in pts) + "Z"
    return ""


def _cross(h: float, stroke: str, width: float, cls: str = "deceased") -> str:
    d = f"M{fmt(-h)} {fmt(-h)}L{fmt(h)} {fmt(h)}M{fmt(h)} {fmt(-h)}L{fmt(-h)} {fmt(h)}"
    return (
        f'<path class="{cls}" d="{d}" fill="none" stroke="{esc(stroke)}" '
        f'stroke-width="{fmt(width)}" stroke-linecap="round"/>'
    )


def haloed(
    x: float, y: float, text: str, size: float, attrs: str = "", anchor: str = "middle"
) -> str:
    """Text with a white halo behind it, so it stays legible over lines and crosses.

    The halo is a separate white-stroked copy (class ``halo``) because
    ``paint-order`` is not understood by every SVG renderer (CairoSVG).
    ``attrs`` (class, fill, style) go on the visible copy only.
    """
    body = esc(text)
    pos = f'x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" text-anchor="{anchor}"'
    italic = ' font-style="italic"' if "italic" in attrs else ""
    return (
        f'<text {pos}{italic} class="halo" fill="#ffffff" stroke="#ffffff" stroke-width="3" '
        f'stroke-linejoin="round">{body}</text><text {pos} {attrs}>{body}</text>'
    )


def symbol_body(s: Symbol, scale: float = 1.0) -> list[str]:
    """The SVG elements of ``s`` (without the labels), centred on (0, 0)."""
    h, shape, stroke = s.half, s.shape, s.stroke or "#222222"
    out: list[str] = []
    if shape == "point":
        return out
    if shape == "dot":
        out.append(
            f'<circle class="shape" r="{fmt(h * 0.32)}" fill="{esc(stroke)}" stroke="none"/>'
        )
        return out
    if shape == "x":
        out.append(_cross(h * 0.38, stroke, 2.0, cls="shape abortion"))
        return out
    if shape == "small":
        inner = s.variant if s.variant in PERSON_SHAPES else "unknown"
        out.append(outline(inner, h * 0.55, s.fill, stroke))
        out.append(_cross(h * 0.75, stroke, 1.6, cls="deceased stillbirth"))
        return out
    out.append(outline(shape, h, s.fill, stroke))
    for part in s.fill_parts:
        d = half_fill(shape, h, part)
        if d:
            out.append(f'<path class="fill-{esc(part)}" d="{d}" fill="{DARK}" stroke="none"/>')
    if s.fill_parts:  # redraw the outline over the filled half
        out.append(outline(shape, h, "none", stroke))
    if s.index:
        out.append(
            outline(shape, h + 4, "none", stroke, 1.4).replace('class="shape"', 'class="index"')
        )
    if shape == "unknown":
        q_size = h * (1.0 if not s.inner_label else 0.8)
        q_y = h * 0.35 if not s.inner_label else -h * 0.05
        out.append(
            f'<text class="unknown" y="{fmt(q_y)}" font-size="{fmt(q_size)}" '
            f'text-anchor="middle" font-weight="bold" fill="{esc(stroke)}">?</text>'
        )
    if s.icon:
        size = h * (0.8 if shape == "system" else 0.9)
        out.append(
            f'<text class="icon" y="{fmt(size * 0.35)}" font-size="{fmt(size)}" '
            f'text-anchor="middle" fill="#222222">{esc(icon_text(s.icon))}</text>'
        )
    if s.deceased:
        # With an age inside, the cross steps back (lighter) so the age stays legible.
        out.append(_cross(h * 1.2, CROSS_BEHIND if s.inner_label else stroke, 1.6))
    if s.inner_label:
        size = max(9.0, h * 0.6) * scale
        if shape == "unknown":  # under the '?', which does not grow with the text
            size = min(size, max(9.0, h * 0.6))
        # a long label (an age band "30-49") shrinks to stay inside the symbol
        size = min(size, max(7.0, 1.5 * h * scale / text_width(s.inner_label, 1.0)))
        y = h * 0.75 if shape == "unknown" else size * 0.35
        if shape == "triangle":
            y += h * 0.25
        if s.deceased:  # a white plate under the age, over the cross
            w = text_width(s.inner_label, size) + 6
            out.append(
                f'<rect class="inner-plate" x="{fmt(-w / 2)}" y="{fmt(y - size * 0.95)}" '
                f'width="{fmt(w)}" height="{fmt(size * 1.25)}" rx="2" fill="#ffffff" '
                'stroke="none"/>'
            )
        out.append(haloed(0, y, s.inner_label, size, 'class="inner" fill="#111111"'))
    # on the shape's top corner: a system's rounded rectangle is lower than it is wide
    top = h * (0.72 if shape in ("system", "ellipse") else 1.0)
    for k, badge in enumerate(s.badges):
        color = BADGE_COLORS.get(badge, "#555555")
        bx, by, r = h + 2 - k * 13, -top - 2, 6.0
        out.append(
            f'<g class="badge"><circle cx="{fmt(bx)}" cy="{fmt(by)}" r="{fmt(r)}" fill="{color}" '
            f'stroke="#ffffff" stroke-width="1"/><text x="{fmt(bx)}" y="{fmt(by + 3.5)}" '
            f'font-size="10" font-weight="bold" text-anchor="middle" fill="#ffffff">'
            f"{esc(badge)}</text></g>"
        )
    return out


def label_lines(s: Symbol, hide_notes: bool) -> list[tuple[str, str]]:
    """(kind, text) of the lines under (or above) a symbol."""
    lines: list[tuple[str, str]] = []
    for text in s.label.splitlines() if s.label else ():
        lines.append(("label", text))
    lines += [("sub", t) for t in s.sublabels if t]
    if not hide_notes:
        lines += [("note", t) for t in s.annotations if t]
    return lines


LINE_SIZES = {"label": 12.0, "sub": 10.5, "note": 9.5}
LINE_ATTRS = {
    "label": 'class="label" fill="#111111"',
    "sub": 'class="sublabel" fill="#444444"',
    "note": 'class="note" font-style="italic" fill="#555555"',
}


def labels(s: Symbol, scale: float, hide_notes: bool) -> tuple[list[str], float, float]:
    """Label elements of ``s``, plus their extent (height, widest line)."""
    lines = label_lines(s, hide_notes)
    if not lines or s.shape == "point" and not s.label:
        return [], 0.0, 0.0
    top = s.half * (0.72 if s.shape in ("system", "ellipse") else 1.0)
    if s.index:
        top += 4
    if s.badges and not s.label_below:
        top += 6
    heights = [LINE_SIZES[k] * scale * 1.2 for k, _ in lines]
    total = sum(heights)
    y = top + 4 + s.label_offset if s.label_below else -top - 4 - total
    out: list[str] = []
    widest = 0.0
    for (kind, text), step in zip(lines, heights, strict=True):
        size = LINE_SIZES[kind] * scale
        y += step
        widest = max(widest, text_width(text, size))
        out.append(haloed(0, y - step * 0.22, text, size, LINE_ATTRS[kind]))
    return out, total + 4, widest


#: Everything of a Symbol that its drawing shows, except where it stands and the
#: attributes of its outer ``<g>`` (position, ids, css, draggable).
_PLACEMENT = {"id", "x", "y", "entity_id", "draggable", "css"}
_content = attrgetter(*(f.name for f in fields(Symbol) if f.name not in _PLACEMENT))
_DRAWN: dict[tuple, tuple[str, float, float] | tuple[str, None, None]] = {}
_DRAWN_MAX = 4000  # a few large genograms in both text sizes (a few MB at most)


def drawn_symbol(
    s: Symbol, scale: float, hide_notes: bool
) -> tuple[str, float | None, float | None]:
    """(markup, label height, widest label line) of ``s`` around (0, 0).

    The markup is the tooltip, :func:`symbol_body` and :func:`labels` in one
    string; the height (the label lines' sum, before any padding) and the
    widest line are None when nothing is written under the symbol. None of it
    depends on where the symbol stands, so it is kept per content (every field
    but the position and ids) and a symbol drawn before, or warmed by
    :func:`warm_symbols` while dot still works, costs only a lookup.
    """
    key = (_content(s), scale, hide_notes)
    found = _DRAWN.get(key)
    if found is None:
        markup = f"<title>{esc(s.tooltip or s.label)}</title>" + "".join(symbol_body(s, scale))
        markup += "".join(labels(s, scale, hide_notes)[0])
        lines = label_lines(s, hide_notes)
        if lines:
            total = sum(LINE_SIZES[k] * scale * 1.2 for k, _ in lines)
            widest = max(text_width(t, LINE_SIZES[k] * scale) for k, t in lines)
            found = (markup, total, widest)
        else:
            found = (markup, None, None)
        if len(_DRAWN) >= _DRAWN_MAX:
            _DRAWN.clear()
        _DRAWN[key] = found
    return found


def forget_drawn_symbols() -> None:
    """Empty the store of :func:`drawn_symbol` (the benchmark's first-time figures)."""
    _DRAWN.clear()


def warm_symbols(symbols: list[Symbol], scale: float = 1.0, hide_notes: bool = False) -> None:
    """Draw ``symbols`` ahead of time (for a layout waiting on dot): see :func:`drawn_symbol`."""
    for s in symbols:
        drawn_symbol(s, scale, hide_notes)


__all__ = [
    "drawn_symbol",
    "forget_drawn_symbols",
    "haloed",
    "half_fill",
    "labels",
    "outline",
    "symbol_body",
    "warm_symbols",
]
