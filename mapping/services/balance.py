"""The balansmodel (Bakker): draagkracht against draaglast, weighed and drawn.

:func:`balance` adds up the weights (1-5) of the factors on each side, per
level (micro, meso, macro) and per life domain, and turns the difference into
the tilt of an old-fashioned scale. :func:`balance_drawing` draws that scale
as a :class:`~mapping.core.drawing.Drawing`, so the one SVG renderer and the
exports show the same figure. :func:`factor_badges` and :func:`apply_badges`
put a small '+' or '-' on every entity a factor is linked to, in any lens.

>>> from mapping.core.model import Case, CaseData, Factor
>>> from mapping.core.vocabulary import FactorSide
>>> data = CaseData(case=Case(id="c", code="C", title="T"), factors=[
...     Factor("a", FactorSide.DRAAGKRACHT, "Oma helpt", weight=4),
...     Factor("b", FactorSide.DRAAGLAST, "Schulden", weight=5),
...     Factor("c", FactorSide.DRAAGLAST, "Ruzie", weight=2)])
>>> b = balance(data)
>>> b.draagkracht, b.draaglast, b.difference, b.tilt
(4, 7, -3, 6.0)
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field, replace
from datetime import date

from mapping.core.codec import is_blank
from mapping.core.drawing import Area, Caption, Drawing, LegendEntry, Line, Text
from mapping.core.errors import InvalidInput
from mapping.core.model import CaseData, Factor, Relation, new_id
from mapping.core.vocabulary import TERMS, FactorLevel, FactorSide, LifeDomain, label
from mapping.services.plan import require_known

#: Degrees the beam tips per point of weighted difference, and the most it tips.
DEGREES_PER_POINT = 2.0
MAX_TILT = 20.0

GREEN = TERMS[FactorSide.DRAAGKRACHT].style["color"]
RED = TERMS[FactorSide.DRAAGLAST].style["color"]
WEIGHTS = range(1, 6)


@dataclass(frozen=True)
class Weights:
    """Weighted sums of one slice of the factors (a level, a domain, or all)."""

    draagkracht: int = 0
    draaglast: int = 0

    @property
    def difference(self) -> int:
        """Draagkracht minus draaglast: negative when the load weighs more."""
        return self.draagkracht - self.draaglast

    def add(self, factor: Factor) -> Weights:
        if factor.side is FactorSide.DRAAGKRACHT:
            return Weights(self.draagkracht + factor.weight, self.draaglast)
        return Weights(self.draagkracht, self.draaglast + factor.weight)


@dataclass(frozen=True)
class Balance:
    """The weighed balance of a case.

    ``tilt`` is in degrees, clockwise as on screen: positive when the
    draaglast side (drawn on the right) goes down, negative when draagkracht
    weighs more; :data:`DEGREES_PER_POINT` per point, at most :data:`MAX_TILT`.
    ``by_level`` holds every level (zeros included); ``by_domain`` only the
    domains that occur, in vocabulary order, with ``None`` (no domain) last.
    """

    draagkracht: int
    draaglast: int
    difference: int
    tilt: float
    count_draagkracht: int
    count_draaglast: int
    by_level: dict[FactorLevel, Weights] = field(default_factory=dict)
    by_domain: dict[LifeDomain | None, Weights] = field(default_factory=dict)

    @property
    def heavier(self) -> FactorSide | None:
        """The side that weighs more, or None when the scale is level."""
        if self.difference > 0:
            return FactorSide.DRAAGKRACHT
        if self.difference < 0:
            return FactorSide.DRAAGLAST
        return None


def tilt_angle(draagkracht: float, draaglast: float) -> float:
    """The beam's angle: positive (clockwise) when draaglast is heavier, clamped.

    >>> tilt_angle(3, 5), tilt_angle(30, 0), tilt_angle(2, 2)
    (4.0, -20.0, 0.0)
    """
    angle = (draaglast - draagkracht) * DEGREES_PER_POINT
    return float(max(-MAX_TILT, min(MAX_TILT, angle)))


def ordered(factors: list[Factor], side: FactorSide) -> list[Factor]:
    """The factors of one side in the order the user gave them."""
    return sorted((f for f in factors if f.side is side), key=lambda f: f.order)


def balance(data: CaseData) -> Balance:
    """Weigh the factors of ``data``: sums per side, per level and per life domain."""
    total = Weights()
    levels = {level: Weights() for level in FactorLevel}
    domains: dict[LifeDomain | None, Weights] = {}
    for factor in data.factors:
        total = total.add(factor)
        levels[factor.level] = levels.get(factor.level, Weights()).add(factor)
        domains[factor.domain] = domains.get(factor.domain, Weights()).add(factor)
    rank = {domain: i for i, domain in enumerate(LifeDomain)}
    by_domain = dict(sorted(domains.items(), key=lambda kv: rank.get(kv[0], len(rank))))
    return Balance(
        draagkracht=total.draagkracht,
        draaglast=total.draaglast,
        difference=total.difference,
        tilt=tilt_angle(total.draagkracht, total.draaglast),
        count_draagkracht=sum(1 for f in data.factors if f.side is FactorSide.DRAAGKRACHT),
        count_draaglast=sum(1 for f in data.factors if f.side is FactorSide.DRAAGLAST),
        by_level=levels,
        by_domain=by_domain,
    )


# ----------------------------------------------------------------- validation
def validate_factor(factor: Factor, data: CaseData) -> None:
    """Refuse a factor a user cannot mean: raises :class:`InvalidInput`.

    The weight is a whole number 1-5, the description says something, and
    every linked entity and relation exists in the case.
    """
    if is_blank(factor.description):
        raise InvalidInput("Beschrijf de factor in een paar woorden.")
    if isinstance(factor.weight, bool) or factor.weight not in WEIGHTS:
        raise InvalidInput(
            "Het gewicht is een heel getal van 1 tot en met 5, niet '{weight}'.",
            weight=factor.weight,
        )
    require_known(factor.entity_ids, {e.id for e in data.entities}, "entity")
    require_known(factor.relation_ids, {r.id for r in data.relations}, "relation")


def validate_factors(data: CaseData) -> None:
    """:func:`validate_factor` for every factor of the case."""
    for factor in data.factors:
        validate_factor(factor, data)


def move(factors: list[Factor], factor_id: str, step: int) -> list[Factor]:
    """Move one factor up (-1) or down (+1) within its side; returns the changed factors.

    Every factor of that side gets a fresh ``order`` 1, 2, 3... so ties left
    by imports or older data are resolved too; only the factors whose
    ``order`` changed are returned (to be saved).
    """
    moving = next((f for f in factors if f.id == factor_id), None)
    if moving is None:
        return []
    side = ordered(factors, moving.side)
    i = side.index(moving)
    j = max(0, min(len(side) - 1, i + step))
    side.insert(j, side.pop(i))
    return [replace(f, order=n) for n, f in enumerate(side, start=1) if f.order != n]


def next_order(factors: list[Factor], side: FactorSide) -> int:
    """The ``order`` a new factor gets at the bottom of its side."""
    return max((f.order for f in factors if f.side is side), default=0) + 1


def relation_factor(
    data: CaseData,
    relation: Relation,
    description: str,
    side: FactorSide | str,
    *,
    weight: int = 3,
    level: FactorLevel = FactorLevel.MESO,
) -> Factor:
    """A new factor about one relation (which may be new too), at the bottom of its side.

    For the maps: the stressful line to the debt collector is also a
    draaglast. ``level`` is meso (the family's social surroundings) unless
    given. Checked with :func:`validate_factor` against ``data`` plus
    ``relation``; raises :class:`InvalidInput`.

    >>> from mapping.core.model import Case
    >>> from mapping.core.vocabulary import RelationKind
    >>> link = Relation(id="r", kind=RelationKind.CONNECTION, source="a", target="b")
    >>> f = relation_factor(CaseData(case=Case(id="c", code="C", title="T")), link, "Schuld", "draaglast")
    >>> f.relation_ids, f.side.value, f.level.value, f.order
    (('r',), 'draaglast', 'meso', 1)
    """
    side = FactorSide(side)
    factor = Factor(
        id=new_id(),
        side=side,
        description=" ".join(description.split()),
        level=level,
        weight=weight,
        relation_ids=(relation.id,),
        order=next_order(data.factors, side),
    )
    known = [r for r in data.relations if r.id != relation.id] + [relation]
    validate_factor(factor, replace(data, relations=known))
    return factor


# ----------------------------------------------------------------- badges
def factor_badges(data: CaseData) -> dict[str, tuple[str, ...]]:
    """Per entity id: a '+' for each draagkracht and a '-' for each draaglast linked to it.

    A factor linked to a relation counts for both its ends; a factor linked
    to an entity directly and through a relation still counts once.
    Pluses come first.
    """
    relations = {r.id: r for r in data.relations}
    entities = {e.id for e in data.entities}
    plus: dict[str, int] = {}
    minus: dict[str, int] = {}
    for factor in data.factors:
        linked = set(factor.entity_ids)
        for relation_id in factor.relation_ids:
            relation = relations.get(relation_id)
            if relation is not None:
                linked |= {relation.source, relation.target}
        tally = plus if factor.side is FactorSide.DRAAGKRACHT else minus
        for entity_id in linked & entities:
            tally[entity_id] = tally.get(entity_id, 0) + 1
    return {
        entity_id: ("+",) * plus.get(entity_id, 0) + ("-",) * minus.get(entity_id, 0)
        for entity_id in sorted(plus.keys() | minus.keys())
    }


def apply_badges(drawing: Drawing, data: CaseData) -> Drawing:
    """A copy of ``drawing`` whose symbols carry the balance badges of their entity."""
    badges = factor_badges(data)
    symbols = [
        replace(symbol, badges=badges.get(symbol.entity_id or symbol.id, ()))
        for symbol in drawing.symbols
    ]
    return replace(drawing, symbols=symbols)


# ----------------------------------------------------------------- the drawing
_WORDS = {
    "lens": ("Balansmodel", "Balance model"),
    "empty": (
        "Nog geen factoren: voeg draagkracht en draaglast toe.",
        "No factors yet: add capacity and load.",
    ),
    "heavier_load": ("Draaglast weegt zwaarder", "The load weighs more"),
    "heavier_capacity": ("Draagkracht weegt zwaarder", "The capacity weighs more"),
    "level": ("In evenwicht", "In balance"),
    "against": ("{a} tegen {b}", "{a} against {b}"),
    "per_level": ("Per niveau (draagkracht | draaglast)", "Per level (capacity | load)"),
    "total": ("totaal", "total"),
    "pseudonymised": ("gepseudonimiseerd", "pseudonymised"),
    "legend_capacity": (
        "Groen blok: draagkracht (gewicht 1-5)",
        "Green block: capacity (draagkracht, weight 1-5)",
    ),
    "legend_load": (
        "Rood blok: draaglast (gewicht 1-5)",
        "Red block: load (draaglast, weight 1-5)",
    ),
}

BEAM = 270.0  # half the beam's length
PAN_W = 250.0
BLOCK_W = 226.0
HOOK = 34.0  # from the beam end down to the hanger bar
PAN_DEPTH = 18.0
LEVEL_ROW = 26.0
CHARS_PER_BLOCK = 32  # fits BLOCK_W at font size 10 (0.6 em a character)


def _w(key: str, lang: str) -> str:
    nl, en = _WORDS[key]
    return en if lang == "en" else nl


def block_height(weight: int, scale: float = 1.0) -> float:
    """A heavier factor is a taller block: 16 units plus 4 per weight point (times ``scale``)."""
    return (16.0 + 4.0 * max(1, min(5, int(weight)))) * scale


def _short(text: str, limit: int = CHARS_PER_BLOCK) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def block_lines(description: str, *, two: bool = True, limit: int = CHARS_PER_BLOCK) -> list[str]:
    """The description as it fits in a block: one line, or two when the block is tall.

    >>> block_lines("Oma Riet vangt de kinderen twee middagen per week op")
    ['Oma Riet vangt de kinderen twee', 'middagen per week op']
    >>> block_lines("Oma Riet vangt de kinderen twee middagen per week op", two=False)
    ['Oma Riet vangt de kinderen twee…']
    """
    text = " ".join(description.split())
    if len(text) <= limit or not two:
        return [_short(text, limit)]
    first = textwrap.wrap(text, limit)[0]
    return [first, _short(text[len(first) :].strip(), limit)]


def _side_title(side: FactorSide, lang: str) -> str:
    word = "draagkracht" if side is FactorSide.DRAAGKRACHT else "draaglast"
    if lang == "en":
        word = "capacity" if side is FactorSide.DRAAGKRACHT else "load"
    return word.capitalize()


def _stack_height(factors: list[Factor], scale: float) -> float:
    return sum(block_height(f.weight, scale) + 3 for f in factors)


def balance_drawing(data: CaseData, lang: str = "nl", *, large_font: bool = False) -> Drawing:
    """Draw the balance as an old-fashioned scale: lens ``"balance"``.

    The beam tips by :attr:`Balance.tilt`; the draagkracht pan (green) hangs
    on the left, the draaglast pan (red) on the right, each holding its
    factors as blocks (taller = heavier, weight in the block) in the user's
    order from the bottom up. Totals stand under the pans, the breakdown
    per level under the scale. Pass ``large_font`` when rendering with
    ``RenderOptions(large_font=True)``: the blocks grow so the larger text
    still fits them.
    """
    scale = 1.5 if large_font else 1.0
    weighed = balance(data)
    drawing = Drawing(lens="balance")
    drawing.caption = Caption(
        title=data.case.title,
        case_code=data.case.code,
        date=date.today().isoformat(),
        lens=_w("lens", lang),
    )
    sides = {side: ordered(data.factors, side) for side in FactorSide}
    stack = max(60.0, *(_stack_height(f, scale) for f in sides.values()))
    hang = HOOK + stack + 14  # beam end to the pan's rim
    drop = BEAM * math.sin(math.radians(MAX_TILT))
    ground = drop + hang + PAN_DEPTH + 60
    angle = math.radians(weighed.tilt)

    # the stand: a foot, a post and the pivot
    drawing.areas.append(
        Area(
            id="balance:foot",
            shape="polygon",
            points=((-70, ground), (70, ground), (30, ground - 20), (-30, ground - 20)),
            fill="#8d6e63",
            stroke="#5d4037",
            width=1.5,
        )
    )
    drawing.lines.append(
        Line(id="balance:post", points=((0, -10), (0, ground - 20)), color="#5d4037", width=8)
    )
    ends = {
        FactorSide.DRAAGKRACHT: (-BEAM * math.cos(angle), -BEAM * math.sin(angle)),
        FactorSide.DRAAGLAST: (BEAM * math.cos(angle), BEAM * math.sin(angle)),
    }
    drawing.lines.append(
        Line(
            id="balance:beam",
            points=(ends[FactorSide.DRAAGKRACHT], ends[FactorSide.DRAAGLAST]),
            color="#4e342e",
            width=7,
        )
    )
    drawing.areas.append(
        Area(id="balance:pivot", shape="circle", x=0, y=0, r=9, fill="#ffca28", stroke="#4e342e")
    )
    for side, factors in sides.items():
        _pan(drawing, side, factors, ends[side], hang, lang, scale)

    # the verdict above the beam
    if not data.factors:
        verdict = _w("empty", lang)
    elif weighed.heavier is FactorSide.DRAAGLAST:
        verdict = _w("heavier_load", lang)
    elif weighed.heavier is FactorSide.DRAAGKRACHT:
        verdict = _w("heavier_capacity", lang)
    else:
        verdict = _w("level", lang)
    if data.factors:
        verdict += ": " + _w("against", lang).format(
            a=f"{_side_title(FactorSide.DRAAGKRACHT, lang).lower()} {weighed.draagkracht}",
            b=f"{_side_title(FactorSide.DRAAGLAST, lang).lower()} {weighed.draaglast}",
        )
    drawing.texts.append(Text(x=0, y=-drop - 40, text=verdict, size=15, weight="bold"))
    _levels(drawing, weighed, ground + 40, lang)
    drawing.legend = [
        LegendEntry(
            key="balance:draagkracht",
            text=_w("legend_capacity", lang),
            sample=Area(id="legend:k", shape="rect", w=20, h=14, fill=GREEN, stroke=GREEN),
        ),
        LegendEntry(
            key="balance:draaglast",
            text=_w("legend_load", lang),
            sample=Area(id="legend:l", shape="rect", w=20, h=14, fill=RED, stroke=RED),
        ),
    ]
    return drawing


def _pan(
    drawing: Drawing,
    side: FactorSide,
    factors: list[Factor],
    end: tuple[float, float],
    hang: float,
    lang: str,
    scale: float = 1.0,
) -> None:
    """One pan hanging from ``end``: hanger, chains, the bowl and its blocks."""
    ex, ey = end
    colour = GREEN if side is FactorSide.DRAAGKRACHT else RED
    key = side.value
    left, right = ex - PAN_W / 2, ex + PAN_W / 2
    bar_y, rim = ey + HOOK, ey + hang
    chain = "#6d6d6d"
    drawing.lines += [
        Line(id=f"balance:{key}:hook-l", points=((ex, ey), (left, bar_y)), color=chain, width=1.5),
        Line(id=f"balance:{key}:hook-r", points=((ex, ey), (right, bar_y)), color=chain, width=1.5),
        Line(id=f"balance:{key}:chain-l", points=((left, bar_y), (left, rim)), color=chain),
        Line(id=f"balance:{key}:chain-r", points=((right, bar_y), (right, rim)), color=chain),
    ]
    drawing.areas.append(
        Area(
            id=f"balance:{key}:pan",
            shape="polygon",
            points=(
                (left - 12, rim),
                (right + 12, rim),
                (right - 20, rim + PAN_DEPTH),
                (left + 20, rim + PAN_DEPTH),
            ),
            fill="#e0e0e0",
            stroke="#616161",
            width=1.5,
        )
    )
    y = rim
    x = ex - BLOCK_W / 2
    for factor in factors:
        h = block_height(factor.weight, scale)
        y -= h + 3
        drawing.areas.append(
            Area(
                id=f"balance:factor:{factor.id}",
                shape="rect",
                x=x,
                y=y,
                w=BLOCK_W,
                h=h,
                radius=3,
                fill=colour,
                stroke="#ffffff",
                width=1,
            )
        )
        drawing.areas.append(
            Area(
                id=f"balance:weight:{factor.id}",
                shape="rect",
                x=x + 3,
                y=y + h / 2 - 8 * scale,
                w=16 * scale,
                h=16 * scale,
                radius=2,
                fill="#ffffff",
                stroke="#ffffff",
            )
        )
        mid = y + h / 2 + 4 * scale
        drawing.texts.append(
            Text(
                x=x + 3 + 8 * scale,
                y=mid,
                text=str(factor.weight),
                size=11,
                weight="bold",
                color=colour,
            )
        )
        lines = block_lines(
            factor.description, two=h >= 24 * scale + 4, limit=int(CHARS_PER_BLOCK / scale)
        )
        for n, text in enumerate(lines):
            drawing.texts.append(
                Text(
                    x=x + 8 + 16 * scale,
                    y=mid + (n - (len(lines) - 1) / 2) * 12 * scale,
                    text=text,
                    size=10,
                    anchor="start",
                    color="#ffffff",
                )
            )
    total = sum(f.weight for f in factors)
    drawing.texts.append(
        Text(
            x=ex,
            y=rim + PAN_DEPTH + 22 * scale,
            text=f"{_side_title(side, lang)}: {total}",
            size=14,
            weight="bold",
            color=colour,
        )
    )


def _levels(drawing: Drawing, weighed: Balance, top: float, lang: str) -> None:
    """The breakdown per level: a row with a green and a red bar per level."""
    drawing.texts.append(
        Text(x=-BEAM, y=top, text=_w("per_level", lang), size=12, anchor="start", weight="bold")
    )
    most = max(
        [1] + [max(w.draagkracht, w.draaglast) for w in weighed.by_level.values()],
    )
    unit = 150.0 / most
    for i, (level, weights) in enumerate(weighed.by_level.items()):
        y = top + 14 + i * LEVEL_ROW
        drawing.texts.append(
            Text(
                x=-BEAM,
                y=y + 13,
                text=label(level, lang).split(" (")[0],
                size=11,
                anchor="start",
            )
        )
        # draagkracht grows to the left of the middle line, draaglast to the right
        if weights.draagkracht:
            w = weights.draagkracht * unit
            drawing.areas.append(
                Area(
                    id=f"balance:level:{level.value}:k",
                    shape="rect",
                    x=-w,
                    y=y,
                    w=w,
                    h=18,
                    fill=GREEN,
                    stroke=GREEN,
                )
            )
        if weights.draaglast:
            drawing.areas.append(
                Area(
                    id=f"balance:level:{level.value}:l",
                    shape="rect",
                    x=0,
                    y=y,
                    w=weights.draaglast * unit,
                    h=18,
                    fill=RED,
                    stroke=RED,
                )
            )
        drawing.texts += [
            Text(
                x=-weights.draagkracht * unit - 6,
                y=y + 13,
                text=str(weights.draagkracht),
                size=11,
                anchor="end",
            ),
            Text(
                x=weights.draaglast * unit + 6,
                y=y + 13,
                text=str(weights.draaglast),
                size=11,
                anchor="start",
            ),
        ]
    bottom = top + 14 + len(weighed.by_level) * LEVEL_ROW
    drawing.lines.append(
        Line(id="balance:levels:axis", points=((0, top + 8), (0, bottom)), color="#555555", width=1)
    )


# ----------------------------------------------------------------- the dossier file
def export_balance(
    data: CaseData,
    fmt: str,
    *,
    pseudonymise: bool | str = False,
    lang: str = "nl",
    author: str = "",
    dpi: int = 96,
    export_code: str = "",
) -> bytes:
    """The balance figure as an SVG, PNG or PDF file (bytes), as the dossier wants it.

    Always the normal lettering (whatever the meeting aids on screen), with
    the caption: case title and code, date, author. With ``pseudonymise``
    (``True``/``"roles"`` or ``"initials"``) the factor descriptions lose
    every real name, and the caption holds ``export_code`` (a new random
    code when empty) instead of the case code, no case title (often the
    family name) and no author, and says "gepseudonimiseerd", as in
    :func:`mapping.services.export.export_lens`.

    >>> from mapping.core.model import Case, Entity
    >>> data = CaseData(case=Case(id="c", code="C-1", title="Gezin Jansen"),
    ...     entities=[Entity(id="s", name="Sanne Jansen", index_person=True)],
    ...     factors=[Factor("f", FactorSide.DRAAGKRACHT, "Sanne wil hulp", entity_ids=("s",))])
    >>> svg = export_balance(data, "svg", pseudonymise=True).decode()
    >>> "Sanne" in svg or "Jansen" in svg, "cliënt wil hulp" in svg
    (False, True)
    """
    from mapping.render.svg import RenderOptions, render_svg
    from mapping.services.export import FORMATS, XML_DECLARATION, svg_to_pdf, svg_to_png

    fmt = str(fmt).lower()
    if fmt not in FORMATS:
        raise InvalidInput(
            "Onbekend bestandsformaat: {fmt}. Kies svg, png of pdf.",
            fmt=fmt,
        )
    if pseudonymise:
        from mapping.services.pseudonym import pseudonymise as scrub

        mode = pseudonymise if isinstance(pseudonymise, str) else "roles"
        data = scrub(data, mode, keep_ids=False, code=export_code or None)
    drawing = balance_drawing(data, lang=lang)
    drawing.caption = replace(
        drawing.caption,
        title="" if pseudonymise else drawing.caption.title,
        author="" if pseudonymise else author,
        note=_w("pseudonymised", lang) if pseudonymise else "",
    )
    svg = render_svg(drawing, RenderOptions(lang=lang))
    if fmt == "svg":
        return (XML_DECLARATION + svg).encode("utf-8")
    if fmt == "png":
        return svg_to_png(svg, dpi=dpi)
    return svg_to_pdf(svg)


__all__ = [
    "Balance",
    "MAX_TILT",
    "Weights",
    "apply_badges",
    "balance",
    "balance_drawing",
    "export_balance",
    "factor_badges",
    "move",
    "next_order",
    "ordered",
    "relation_factor",
    "tilt_angle",
    "validate_factor",
    "validate_factors",
]
