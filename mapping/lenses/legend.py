"""The full legend of every symbol and line of a lens, for students and the help page.

A lens's own legend lists only what its drawing uses; this one lists all of
them, each with a small sample drawn by the same renderer, from the same
vocabulary table the forms and the renderer read.

>>> entries = full_legend("genogram")
>>> any(e.key == "divorced" for e in entries)
True
"""

from __future__ import annotations

from dataclasses import replace

from mapping.core.drawing import Area, Drawing, LegendEntry, Line, Symbol
from mapping.core.vocabulary import (
    BirthStatus,
    ChildLink,
    Condition,
    ConnectionStrength,
    EmotionalKind,
    Flow,
    Lens,
    PartnershipStatus,
    Ring,
    Sector,
    Sex,
    SystemKind,
    TwinKind,
    Valence,
    term,
)

_SEGMENT = ((0.0, 0.0), (40.0, 0.0))


def _line_sample(value, **extra) -> Line:
    style = term(value).style
    return Line(
        id=f"legend-{value}",
        points=_SEGMENT,
        style=style.get("line", "solid"),
        color=style.get("color", "#222222"),
        width=style.get("width", 1.5),
        slashes=style.get("slashes", 0),
        arrow_end=bool(style.get("arrow")),
        **extra,
    )


def _entry(key: str, value, lang: str, sample) -> LegendEntry:
    return LegendEntry(key=key, text=term(value).legend(lang), sample=sample)


def genogram_legend(lang: str = "nl") -> list[LegendEntry]:
    entries = [
        _entry(
            sex.value,
            sex,
            lang,
            Symbol(id=f"legend-{sex}", x=0, y=0, shape=term(sex).style["shape"], size=20),
        )
        for sex in Sex
    ]
    entries.append(
        LegendEntry(
            "deceased",
            "Kruis: overleden" if lang == "nl" else "Cross: deceased",
            Symbol(id="legend-deceased", x=0, y=0, shape="square", size=20, deceased=True),
        )
    )
    entries.append(
        LegendEntry(
            "index",
            "Dubbele rand: hulpvrager (cliënt)"
            if lang == "nl"
            else "Double outline: index person (client)",
            Symbol(id="legend-index", x=0, y=0, shape="circle", size=20, index=True),
        )
    )
    for status in BirthStatus:
        shape = term(status).style.get("shape")
        if shape:
            entries.append(
                _entry(
                    status.value,
                    status,
                    lang,
                    Symbol(
                        id=f"legend-{status}",
                        x=0,
                        y=0,
                        shape=shape,
                        size=20,
                        variant="square",
                        deceased=status is BirthStatus.STILLBIRTH,
                    ),
                )
            )
    for condition in Condition:
        fill = term(condition).style.get("fill")
        if fill and fill != "none":
            entries.append(
                _entry(
                    condition.value,
                    condition,
                    lang,
                    Symbol(
                        id=f"legend-{condition}",
                        x=0,
                        y=0,
                        shape="square",
                        size=20,
                        fill_parts=(fill,),
                    ),
                )
            )
    entries += [
        # an unknown status is a plain line with its mark ('?') on it, as the genogram draws it
        _entry(s.value, s, lang, _line_sample(s, label=term(s).style.get("marks", "")))
        if s is PartnershipStatus.UNKNOWN
        else _entry(s.value, s, lang, _line_sample(s))
        for s in PartnershipStatus
    ]
    entries += [_entry(c.value, c, lang, _line_sample(c)) for c in ChildLink]
    for twin in TwinKind:
        entries.append(
            _entry(
                twin.value,
                twin,
                lang,
                Line(id=f"legend-{twin}", points=((0.0, 14.0), (10.0, 0.0), (20.0, 14.0))),
            )
        )
    entries += [_entry(k.value, k, lang, _line_sample(k, layer="emotional")) for k in EmotionalKind]
    entries.append(
        LegendEntry(
            "household",
            "Stippellijn rondom: huishouden" if lang == "nl" else "Dashed boundary: household",
            Area(
                id="legend-household",
                shape="rect",
                w=40,
                h=20,
                radius=6,
                dash="6 4",
                stroke="#555555",
            ),
        )
    )
    return entries


def ecogram_legend(lang: str = "nl") -> list[LegendEntry]:
    entries = [
        _entry(s.value, s, lang, _line_sample(s, layer="connection")) for s in ConnectionStrength
    ]
    arrows = {
        Flow.TO_FAMILY: (True, False),
        Flow.FROM_FAMILY: (False, True),
        Flow.BOTH: (True, True),
    }
    for flow, (start, end) in arrows.items():
        entries.append(
            _entry(
                flow.value,
                flow,
                lang,
                Line(id=f"legend-{flow}", points=_SEGMENT, arrow_start=start, arrow_end=end),
            )
        )
    from mapping.lenses.ecogram import referral_legend

    entries.append(referral_legend(lang))
    for kind in SystemKind:
        style = term(kind).style
        entries.append(
            LegendEntry(
                kind.value,
                term(kind).label(lang),
                Symbol(
                    id=f"legend-{kind}",
                    x=0,
                    y=0,
                    shape="system",
                    size=22,
                    fill=style["color"],
                    icon=style["icon"],
                ),
            )
        )
    return entries


def sociogram_legend(lang: str = "nl") -> list[LegendEntry]:
    entries = []
    for sector in Sector:
        entries.append(
            LegendEntry(
                sector.value,
                term(sector).label(lang),
                Area(
                    id=f"legend-{sector}",
                    shape="rect",
                    w=30,
                    h=18,
                    fill=term(sector).style["color"],
                ),
            )
        )
    for ring in Ring:
        entries.append(
            _entry(
                f"ring-{ring.value}",
                ring,
                lang,
                Area(
                    id=f"legend-ring-{ring}", shape="circle", x=10, y=10, r=4 + 3 * int(ring.value)
                ),
            )
        )
    entries += [_entry(v.value, v, lang, _line_sample(v, layer="support")) for v in Valence]
    entries.append(
        LegendEntry(
            "acquaintance",
            "Dunne grijze lijn: kennen elkaar"
            if lang == "nl"
            else "Thin grey line: know each other",
            Line(
                id="legend-acq", points=_SEGMENT, color="#9e9e9e", width=0.8, layer="acquaintance"
            ),
        )
    )
    return entries


def full_legend(lens: Lens | str, lang: str = "nl") -> list[LegendEntry]:
    """Every symbol and line style of ``lens``, with its legend text in ``lang``."""
    lens = Lens(lens)
    builders = {
        Lens.GENOGRAM: genogram_legend,
        Lens.ECOGRAM: ecogram_legend,
        Lens.SOCIOGRAM: sociogram_legend,
    }
    return builders[lens](lang)


_BADGE_TEXT = {
    "+": (
        "Draagkracht uit het balansmodel bij deze persoon of dit systeem",
        "Capacity (draagkracht) from the balance model linked here",
    ),
    "-": (
        "Draaglast uit het balansmodel bij deze persoon of dit systeem",
        "Load (draaglast) from the balance model linked here",
    ),
}


def with_badge_legend(drawing: Drawing, lang: str = "nl") -> Drawing:
    """``drawing`` with a legend row for each kind of balance badge its symbols carry.

    >>> d = Drawing(lens="ecogram", symbols=[Symbol(id="a", x=0, y=0, badges=("+",))])
    >>> [e.key for e in with_badge_legend(d).legend]
    ['badge+']
    """
    shown = {badge for s in drawing.symbols for badge in s.badges}
    known = {e.key for e in drawing.legend}
    extra = [
        LegendEntry(
            key=f"badge{badge}",
            text=_BADGE_TEXT[badge][0 if lang == "nl" else 1],
            sample=Symbol(
                id=f"legend-badge{badge}", x=0, y=0, shape="circle", size=18, badges=(badge,)
            ),
        )
        for badge in ("+", "-")
        if badge in shown and f"badge{badge}" not in known
    ]
    return replace(drawing, legend=[*drawing.legend, *extra]) if extra else drawing


def legend_drawing(lens: Lens | str, lang: str = "nl") -> Drawing:
    """A Drawing that holds only the full legend of ``lens`` (for the legend page)."""
    drawing = Drawing(lens=f"legend-{Lens(lens).value}", legend=full_legend(lens, lang))
    drawing.caption.title = term(Lens(lens)).label(lang)
    return drawing
