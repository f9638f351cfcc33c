"""The ecogram lens (Hartman's eco-map): the family among the systems around it.

:func:`layout_ecogram` turns a case into a :class:`~mapping.core.drawing.Drawing`:

- **The focal system** sits in the centre, inside a large circle. With
  ``focus="household"`` the circle holds the household members as a small
  genogram (the same symbols, crosses and double outline as the genogram
  lens); with ``focus="client"`` it holds the index person alone.
- **The systems** stand on a ring around it: every system entity, plus
  people outside the focus who are linked to it by a connection (the
  neighbour, a friend, grandmother as extended family). Systems of the same
  kind stand next to each other, groups in the order of
  :class:`~mapping.core.vocabulary.SystemKind`; free systems (kind 'other' with a
  ``custom_kind``) group by their own label. The ring grows with the number
  of systems, so symbols never overlap.
- **Connections** are relations of kind ``connection``, drawn in the style
  of their strength (:class:`~mapping.core.vocabulary.ConnectionStrength`) with
  arrows for their :class:`~mapping.core.vocabulary.Flow`.

Conventions (kept simple on purpose):

- There is no separate "household" entity. A connection runs from the
  person it belongs to: the son's school line starts at the son's symbol.
  A connection for the family as a whole is recorded on the index person.
- Every connection line runs from the family end to the system end, so
  ``arrow_start`` points at the family (flow 'to_family') and ``arrow_end``
  at the system ('from_family'); 'both' has both. Which end of the relation
  is the family does not depend on ``source``/``target``: it is the end
  inside the focus.
- A system is shown when it is connected to someone in the focus, or when
  it has no connections at all yet (a system just added must be visible).
  A system connected only to people outside the focus is left out.
- Positions the user dragged (``data.positions_for(Lens.ECOGRAM)``) win;
  lines follow them.
- **Referrals** (a plan action with ``referral_org`` and an open
  :class:`~mapping.core.vocabulary.ReferralStatus`: aangemeld, wachtlijst,
  intake gepland) are drawn as a dashed line in :data:`REFERRAL_COLOUR` from
  the action's actor (when in the focus) or the client to the system linked
  to that organisation (``Entity.kaart_id``), with the status as its words.
  A closed or refused referral, or one whose organisation is not a system of
  the case yet, draws nothing.
- **The sociale kaart** is not read here (a lens reads no store): the page
  passes the details of the organisations (``kaart``) as plain data, and a
  linked system's tooltip tells what the kaart says about it.

>>> from mapping.services.demo import demo_case
>>> drawing = layout_ecogram(demo_case())
>>> drawing.symbol("daan").size < drawing.symbol("vmbo").size
True
>>> line = next(l for l in drawing.lines if l.relation_id == "k-daan-vmbo")
>>> line.ends, line.style, line.arrow_start, line.arrow_end
(('daan', 'vmbo'), 'zigzag', True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from mapping.core.drawing import (
    Area,
    Caption,
    Drawing,
    LegendEntry,
    Line,
    Symbol,
    Text,
    drawn_note,
)
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.i18n import N_, translate
from mapping.core.model import Action, CaseData, Entity, Relation, day_first, new_id
from mapping.core.vocabulary import (
    FAMILY_KINDS,
    OPEN_REFERRALS,
    TERMS,
    BirthStatus,
    ConnectionStrength,
    EntityKind,
    Flow,
    Lens,
    ReferralStatus,
    RelationKind,
    Sector,
    SystemKind,
    label,
)
from mapping.render.lines import text_spots
from mapping.render.markup import text_width

FOCUS = ("household", "client")

SYSTEM_SIZE = 56.0  # a system on the ring
PERSON_SIZE = 40.0  # a person on the ring (neighbour, friend, relative)
MEMBER_SIZE = 26.0  # a household member inside the central circle
CLIENT_SIZE = 48.0  # the client alone in the centre
MINI_SCALE = 0.55  # the household's small genogram, relative to the genogram lens
CENTRE_PAD = 44.0  # room between the household genogram and its circle
SLOT = 132.0  # arc length one system needs on the ring (symbol plus its label)
RING_GAP = 120.0  # from the central circle to the ring's centre line
GROUP_GAP = 0.5  # extra slots between two groups of systems
LABEL_CLEAR = 64.0  # between the circle and a system: a connection's words plus this
PARALLEL_OFFSET = 7.0  # a second connection between the same two ends
REFERRAL_COLOUR = "#00796b"  # a pending referral's dashed line (teal: no connection has it)
REFERRAL_WIDTH = 2.2
REFERRAL_LANE = 30.0  # a referral beside a connection: far enough for its words between them

#: Words the ecogram writes itself (vocabulary labels come from TERMS).
WORDS = {
    "household": ("Huishouden", "Household"),
    "client": ("Cliënt", "Client"),
    "empty": (
        "Nog niemand in het midden: markeer de cliënt (indexpersoon) of de huisgenoten.",
        "Nobody in the centre yet: mark the client (index person) or the household members.",
    ),
    "household_legend": (
        "Grote cirkel: het gezin (huishouden) in het midden",
        "Large circle: the family (household) in the centre",
    ),
    "client_legend": ("Grote cirkel: de cliënt in het midden", "Large circle: the client"),
    "years": ("jr", "y"),
}


def _word(key: str, lang: str) -> str:
    nl, en = WORDS[key]
    return en if lang == "en" else nl


#: The kaart's details in a linked system's tooltip, and the referral's words
#: (Dutch message ids; English in domain.po).
KAART_WORDS = {
    "offer": N_("Aanbod: {text}"),
    "for_whom": N_("Voor wie: {text}"),
    "area": N_("Gebied: {text}"),
    "contact": N_("Contact: {text}"),
    "how_to_refer": N_("Hoe verwijzen: {text}"),
    "waiting": N_("Wachttijd: {weeks} weken"),
    "waiting_one": N_("Wachttijd: 1 week"),
    "no_waiting": N_("Wachttijd: geen"),
    "checked": N_("gecontroleerd op {date}"),
    "removed": N_("niet meer op de sociale kaart"),
    "referral": N_("Verwijzing naar {name}: {status}"),
    "referred_on": N_("aangemeld op {date}"),
    "referral_legend": N_(
        "Groenblauwe streepjeslijn: verwijzing die nog wacht (aangemeld, wachtlijst, intake gepland)"
    ),
}


def _kaart_word(key: str, lang: str, **params) -> str:
    text = translate(KAART_WORDS[key], lang)
    return text.format(**params) if params else text


def kaart_lines(org, lang: str = "nl") -> list[str]:
    """What the sociale kaart says about a linked system, one line each (for its tooltip).

    ``org`` is an organisation of the kaart as plain data: any object with
    ``offer``, ``for_whom``, ``area``, ``contact``, ``how_to_refer``,
    ``waiting_weeks`` (int or None), ``checked_on`` and ``removed``
    (:class:`mapping.services.sociale_kaart.Organisation`); None is an
    organisation the kaart does not hold (any more).

    >>> from types import SimpleNamespace as Org
    >>> kaart_lines(Org(offer="Schuldhulp", for_whom="", area="", contact="", how_to_refer="",
    ...                 waiting_weeks=6, checked_on="2026-01-10", removed=False))
    ['Aanbod: Schuldhulp', 'Wachttijd: 6 weken (gecontroleerd op 10-01-2026)']
    >>> kaart_lines(None)
    ['niet meer op de sociale kaart']
    """
    if org is None or getattr(org, "removed", False):
        return [_kaart_word("removed", lang)]
    lines = [
        _kaart_word(key, lang, text=" ".join(str(getattr(org, key, "") or "").split()))
        for key in ("offer", "for_whom", "area", "contact", "how_to_refer")
        if str(getattr(org, key, "") or "").strip()
    ]
    weeks = getattr(org, "waiting_weeks", None)
    checked = str(getattr(org, "checked_on", "") or "").strip()
    if weeks is not None:
        waiting = (
            _kaart_word("no_waiting", lang)
            if weeks == 0
            else _kaart_word("waiting_one", lang)
            if weeks == 1
            else _kaart_word("waiting", lang, weeks=weeks)
        )
        if checked:
            waiting += f" ({_kaart_word('checked', lang, date=day_first(checked))})"
        lines.append(waiting)
    elif checked:
        lines.append(_kaart_word("checked", lang, date=day_first(checked)))
    return lines


def layout_ecogram(
    data: CaseData,
    *,
    focus: str = "household",
    lang: str = "nl",
    text_scale: float = 1.0,
    kaart: Mapping[str, object] | None = None,
) -> Drawing:
    """Lay out ``data`` as an eco-map Drawing (lens 'ecogram').

    ``kaart`` (kaart id -> organisation, see :func:`kaart_lines`) adds what
    the sociale kaart says to the tooltip of each linked system; a linked
    system whose organisation is missing or removed says "niet meer op de
    sociale kaart". Without it (an export) tooltips name the system only.

    ``text_scale`` is the factor the text will be rendered at
    (:func:`mapping.render.svg.text_scale`, 1.5 in large type): the household
    and the ring of systems make room for names of that size.

    ``focus`` is 'household' (the household members inside the central
    circle) or 'client' (the index person alone). Without anyone to put in
    the centre, the Drawing holds one explanatory text.

    >>> from mapping.services.demo import demo_case
    >>> d = layout_ecogram(demo_case(), focus="client")
    >>> [s.id for s in d.symbols if s.css == "focus"]
    ['sanne']
    """
    if focus not in FOCUS:
        focus = "household"
    drawing = Drawing(lens=Lens.ECOGRAM.value, caption=_caption(data, focus, lang))
    members = _focus_members(data, focus)
    if not members:
        drawing.texts.append(Text(x=0, y=0, text=_word("empty", lang), size=14))
        return drawing
    dragged = data.positions_for(Lens.ECOGRAM)
    radius = _centre(drawing, data, members, focus, dragged, lang, text_scale)
    member_ids = {m.id for m in members}
    connections, ring_ids = _connections(data, member_ids)
    outer = _ring_entities(data, ring_ids)
    ring_radius = ring_radius_for(len(outer), _group_count(outer), radius)
    # the words on a connection stand between the circle and the system: room for the longest
    longest = max((text_width(r.label, 11 * text_scale) for r, _, _ in connections), default=0)
    ring_radius = max(ring_radius, radius + longest + LABEL_CLEAR * text_scale)
    for _ in range(40):
        angles = _ring_angles(outer, connections, drawing, ring_radius)
        ring = [_on_ring(node, angles[node.entity.id], ring_radius, lang) for node in outer]
        if not _labels_collide(ring, radius, text_scale):
            break
        ring_radius *= 1.06  # long names: give them more room
    for symbol in ring:
        if symbol.id in dragged:
            symbol.x, symbol.y = dragged[symbol.id]
            symbol.label_below = symbol.y > -1.0
    if kaart is not None:
        ring = [_with_kaart(symbol, data, kaart, lang) for symbol in ring]
    drawing.symbols += ring
    seen: dict[frozenset, int] = {}
    lines = _connection_lines(connections, drawing, radius, lang, seen)
    lines += _referral_lines(data, drawing, members, radius, lang, seen, text_scale)
    drawing.lines += _spread_labels(lines, text_scale)
    _place_circle_label(drawing, text_scale)
    drawing.legend = _legend(drawing, outer, connections, focus, lang)
    return drawing


def _with_kaart(symbol: Symbol, data: CaseData, kaart: Mapping[str, object], lang: str) -> Symbol:
    """A ring symbol whose tooltip adds what the sociale kaart says about its organisation."""
    entity = data.entity_map().get(symbol.entity_id)
    if entity is None or not entity.kaart_id:
        return symbol
    extra = kaart_lines(kaart.get(entity.kaart_id), lang)
    return replace(symbol, tooltip="\n".join([symbol.tooltip or symbol.label, *extra]))


def ring_radius_for(count: int, groups: int, centre_radius: float) -> float:
    """The ring's radius: clear of the central circle and long enough for every slot.

    >>> ring_radius_for(30, 8, 200.0) > ring_radius_for(5, 3, 200.0)
    True
    """
    slots = count + GROUP_GAP * (groups if groups > 1 else 0)
    return max(centre_radius + RING_GAP, slots * SLOT / (2 * math.pi))


# ----------------------------------------------------------------- the centre
def _caption(data: CaseData, focus: str, lang: str) -> Caption:
    return Caption(
        title=data.case.title,
        case_code=data.case.code,
        date=date.today().isoformat(),
        lens=f"{label(Lens.ECOGRAM, lang)} · {_word(focus, lang).lower()}",
    )


def _focus_members(data: CaseData, focus: str) -> list[Entity]:
    """Who is in the centre: the household (or the client when nobody is marked)."""
    index = data.index_person()
    if focus == "household":
        members = [e for e in data.entities if e.is_person and e.household]
        if members:
            return members
    return [index] if index is not None else []


def _centre(
    drawing: Drawing,
    data: CaseData,
    members: list[Entity],
    focus: str,
    dragged: dict[str, tuple[float, float]],
    lang: str,
    scale: float = 1.0,
) -> float:
    """Draw the central circle and the people in it; return the circle's radius."""
    if focus == "client" or len(members) == 1:
        person = members[0]
        x, y = dragged.get(person.id, (0.0, 0.0))
        drawing.symbols.append(_person_symbol(person, x, y, CLIENT_SIZE, lang, css="focus"))
        radius = CLIENT_SIZE / 2 + CENTRE_PAD
        key = "client" if focus == "client" else "household"
    else:
        radius = _household_genogram(drawing, data, members, dragged, lang, scale)
        key = "household"
    drawing.areas.append(
        Area(
            id="focus",
            shape="circle",
            r=radius,
            fill="#fffaf0",
            stroke="#333333",
            width=2.5,
            # the client is named under her symbol; the household circle needs a name
            label=_word(key, lang) if key == "household" else "",
            label_at=(0.0, -radius - 8),
            layer="household",
        )
    )
    return radius


def _household_genogram(
    drawing: Drawing,
    data: CaseData,
    members: list[Entity],
    dragged: dict[str, tuple[float, float]],
    lang: str,
    scale: float = 1.0,
) -> float:
    """The household as a small genogram in the centre; returns the circle radius.

    The genogram lens lays out the household alone; its Drawing is scaled
    and centred on (0, 0). A member dragged on the ecogram is fed back to
    that layout in genogram coordinates, so the family lines follow it.
    Without Graphviz the members stand in a row instead.
    """
    ids = {m.id for m in members}
    household = CaseData(
        case=data.case,
        entities=[replace(m, household=False) for m in members],
        relations=[
            r
            for r in data.relations
            if r.source in ids and r.target in ids and r.kind in FAMILY_KINDS
        ],
    )
    try:
        from mapping.lenses.genogram import layout_genogram

        mini = layout_genogram(household, lang=lang, show_emotional=False, text_scale=scale)
        placed = {s.id: (s.x, s.y) for s in mini.symbols}
        if set(placed) != ids:
            raise CasemapError("Huishouden onvolledig geplaatst.")
    except CasemapError:
        mini = None
        ordered = sorted(members, key=lambda m: (m.birth_year or 9999, m.name))
        placed = {m.id: (i * 100.0, 0.0) for i, m in enumerate(ordered)}
    xs = [x for x, _ in placed.values()]
    ys = [y for _, y in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    shrink = _mini_scale(members, placed, lang, scale)

    def to_eco(x: float, y: float) -> tuple[float, float]:
        return round((x - cx) * shrink, 1), round((y - cy) * shrink, 1)

    reach = max(math.hypot(*to_eco(x, y)) for x, y in placed.values())
    moved = {pid: xy for pid, xy in dragged.items() if pid in ids}
    if mini is not None and moved:
        household.positions = [
            _genogram_position(pid, x / shrink + cx, y / shrink + cy)
            for pid, (x, y) in moved.items()
        ]
        mini = layout_genogram(household, lang=lang, show_emotional=False, text_scale=scale)
        placed = {s.id: (s.x, s.y) for s in mini.symbols}
    by_id = {m.id: m for m in members}
    for pid, (x, y) in placed.items():
        ex, ey = moved.get(pid) or to_eco(x, y)
        drawing.symbols.append(_person_symbol(by_id[pid], ex, ey, MEMBER_SIZE, lang, css="member"))
    if mini is not None:
        for line in mini.lines:
            drawing.lines.append(
                replace(
                    line,
                    id=f"household:{line.id}",
                    points=tuple(to_eco(x, y) for x, y in line.points),
                    label="",
                    width=1.2,
                    layer="family",
                )
            )
    return round(reach + MEMBER_SIZE / 2 + CENTRE_PAD, 1)


def _mini_scale(
    members: list[Entity], placed: dict[str, tuple[float, float]], lang: str, scale: float
) -> float:
    """How much the household's genogram shrinks in the centre: :data:`MINI_SCALE`, or less
    where two neighbours' names (written at ``scale``) would then come closer than a space."""
    rows: dict[float, list[tuple[float, float]]] = {}
    for m in members:
        x, y = placed[m.id]
        s = _person_symbol(m, 0.0, 0.0, MEMBER_SIZE, lang, css="member")
        widths = [s.size] + [
            text_width(t, _LINE_SIZES[k] * scale) + 12 * scale for k, t in _text_lines(s)
        ]
        rows.setdefault(round(y, 1), []).append((x, max(widths) / 2))
    shrink = MINI_SCALE
    for row in rows.values():
        row.sort()
        for (x0, half0), (x1, half1) in zip(row, row[1:], strict=False):
            if x1 - x0 > 1.0:
                shrink = max(shrink, (half0 + half1) / (x1 - x0))
    return shrink


def _place_circle_label(drawing: Drawing, scale: float = 1.0) -> None:
    """Put the circle's name ('Huishouden') on its rim where no connection crosses it."""
    circle = next((a for a in drawing.areas if a.id == "focus"), None)
    if circle is None or not circle.label:
        return
    half_w = len(circle.label) * 12 * scale * 0.3 + 4
    segments = [
        (p, q)
        for line in drawing.lines
        if line.layer in ("connection", "referral")
        for p, q in zip(line.points, line.points[1:], strict=False)
    ]
    people = [label_box(s, scale) for s in drawing.symbols if s.css in ("member", "focus")]
    for line in drawing.lines:  # the words on the connections (written at their middle)
        if line.label and line.layer in ("connection", "referral") and len(line.points) >= 2:
            (lx, ly), _ = text_spots(line, line.points, scale)
            w = text_width(line.label, 11 * scale) / 2 + 2
            people.append((lx - w, ly - 11 * scale, lx + w, ly + 3 * scale))
    # inside the rim first (where a family's name is written on paper), then outside it;
    # top before bottom; when every spot is crossed, the one crossed least
    turns = sorted(range(-180, 180, 15), key=lambda d: (abs(d + 90) > 90, abs(d + 90)))
    spots = [(circle.r - 20 * scale, d) for d in turns] + [
        (circle.r + 14 * scale, d) for d in turns
    ]
    spots += [(circle.r + 30 * scale, d) for d in turns]  # a little further out
    best: tuple[int, tuple[float, float]] | None = None
    for distance, degrees in spots:
        angle = math.radians(degrees)
        x = round(distance * math.cos(angle), 1)
        y = round(distance * math.sin(angle) + 4, 1)
        box = (x - half_w, y - 12 * scale, x + half_w, y + 3 * scale)
        hits = sum(_segment_hits_box(p, q, box) for p, q in segments)
        # over a name or symbol is worse than across a line
        hits += 100 * sum(_boxes_overlap(box, other) for other in people)
        if best is None or hits < best[0]:
            best = (hits, (x, y))
        if hits == 0:
            break
    circle.label_at = best[1]


def _genogram_position(pid: str, x: float, y: float):
    from mapping.core.model import Position

    return Position(lens=Lens.GENOGRAM, entity_id=pid, x=x, y=y)


def _first_name(person: Entity) -> str:
    return person.name.split()[0] if person.name.strip() else person.name


def _person_symbol(
    person: Entity, x: float, y: float, size: float, lang: str, *, css: str = ""
) -> Symbol:
    """A person with the genogram's symbol: shape by sex, cross, double outline."""
    sex_shape = TERMS[person.sex].style["shape"]
    born = person.birth_status is BirthStatus.BORN
    shape = sex_shape if born else TERMS[person.birth_status].style["shape"]
    age = person.age() if born else None
    name = _first_name(person) if css == "member" else person.name
    role = person.role or ""
    sublabels: tuple[str, ...] = ()
    if not born and label(person.birth_status, lang) != name:
        sublabels = (label(person.birth_status, lang),)
    elif css != "member" and role:
        sublabels = (role,)
    return Symbol(
        id=person.id,
        entity_id=person.id,
        x=float(x),
        y=float(y),
        shape=shape,
        variant="" if born else sex_shape,
        size=size if born else size * 0.8,
        label=name,
        sublabels=sublabels,
        # a pseudonymised copy holds an age band (30-49) instead of a birth date
        inner_label=(str(age) if age is not None else person.age_band)
        if size >= MEMBER_SIZE
        else "",
        deceased=person.is_deceased and born,
        index=person.index_person,
        tooltip=", ".join(p for p in (person.name, role) if p),
        css=css,
    )


# ----------------------------------------------------------------- connections
def _connections(
    data: CaseData, member_ids: set[str]
) -> tuple[list[tuple[Relation, str, str]], set[str]]:
    """Connections to draw, each as (relation, family end, system end), and the ring's ids.

    The family end is the end inside the focus; a connection between two
    entities on the ring keeps its source as the first end.
    """
    entities = data.entity_map()
    kept = []
    for r in data.relations:
        if r.kind is not RelationKind.CONNECTION or r.source == r.target:
            continue
        if r.source not in entities or r.target not in entities:
            continue
        inside = (r.source in member_ids, r.target in member_ids)
        if all(inside):
            continue
        if inside[1]:
            kept.append((r, r.target, r.source))
        else:
            kept.append((r, r.source, r.target))
    ring = _ring_candidates(data, member_ids, kept)
    drawn = [
        (r, fam, end) for r, fam, end in kept if end in ring and (fam in member_ids or fam in ring)
    ]
    return drawn, ring


def _ring_candidates(
    data: CaseData, member_ids: set[str], kept: list[tuple[Relation, str, str]]
) -> set[str]:
    """Entities that stand on the ring (see the module docstring for the rule)."""
    touching_focus = {end for _, fam, end in kept if fam in member_ids}
    connected = {fam for _, fam, _ in kept} | {end for _, _, end in kept}
    ids = set()
    for e in data.entities:
        if e.id in member_ids:
            continue
        if e.kind is EntityKind.SYSTEM and (e.id in touching_focus or e.id not in connected):
            ids.add(e.id)
        elif e.is_person and e.id in touching_focus:
            ids.add(e.id)
    return ids


@dataclass
class _RingNode:
    entity: Entity
    kind: SystemKind
    group: tuple[int, str]  # (kind order, custom label) keeps groups together


_KIND_ORDER = {kind: i for i, kind in enumerate(SystemKind)}


def _kind_of(entity: Entity, data: CaseData) -> SystemKind:
    """The system kind of a ring entity; people get one from their ties."""
    if entity.system_kind is not None:
        return SystemKind(entity.system_kind)
    if entity.kind is EntityKind.SYSTEM:
        return SystemKind.OTHER
    family = FAMILY_KINDS
    sectors = set()
    for r in data.relations_of(entity.id):
        if r.kind in family:
            return SystemKind.EXTENDED_FAMILY
        if r.kind is RelationKind.SUPPORT and r.target == entity.id and r.sector:
            sectors.add(r.sector)
    if Sector.NEIGHBOURS in sectors:
        return SystemKind.NEIGHBOURS
    if Sector.WORK_SCHOOL in sectors:
        return SystemKind.WORK
    return SystemKind.FRIENDS


def _ring_entities(data: CaseData, ids: set[str]) -> list[_RingNode]:
    nodes = []
    for e in data.entities:
        if e.id not in ids:
            continue
        kind = _kind_of(e, data)
        custom = e.custom_kind.strip().lower() if kind is SystemKind.OTHER else ""
        nodes.append(_RingNode(entity=e, kind=kind, group=(_KIND_ORDER[kind], custom)))
    nodes.sort(key=lambda n: (n.group, n.entity.name.lower(), n.entity.id))
    return nodes


def _group_count(nodes: list[_RingNode]) -> int:
    return len({n.group for n in nodes})


def _ring_angles(
    nodes: list[_RingNode],
    connections: list[tuple[Relation, str, str]],
    drawing: Drawing,
    radius: float,
) -> dict[str, float]:
    """Angles on the ring: groups adjacent, ordered and turned so that lines stay short.

    Two orders of the groups are tried: the vocabulary's (school, work, GP...
    clockwise) and one that puts each group where the people it is connected
    to sit (the school beside the children, the employer beside the parent).
    For each, the starting angle is chosen from 72 candidates; the order and
    angle with the fewest lines through people, names and each other win.
    """
    if not nodes:
        return {}
    centres = {s.id: (s.x, s.y) for s in drawing.symbols}
    # the people in the centre do not move while the ring turns: their room is measured once
    obstacles = [(s.id, (s.x, s.y), s.half + 3, _text_box(s)) for s in drawing.symbols]
    ring_ids = {n.entity.id for n in nodes}
    pairs = [(fam, end) for _, fam, end in connections if fam in centres and end in ring_ids]
    tried = []
    for order in _candidate_orders(nodes, pairs, centres):
        units, step = _ring_units(order)

        def cost(offset: float, units=units, step=step) -> float:
            spots = dict(centres)
            for node, unit in units:
                angle = offset + unit * step
                spots[node.entity.id] = (radius * math.cos(angle), radius * math.sin(angle))
            return _layout_cost([(spots[a], spots[b], a, b) for a, b in pairs], obstacles)

        for k in range(72):
            offset = -math.pi / 2 + k * 2 * math.pi / 72
            # cheapest first; on a tie the vocabulary order, then the ring starting at the top
            tried.append((round(cost(offset), 3), abs(offset + math.pi / 2), offset, units, step))
    _cost, _turn, offset, units, step = min(tried, key=lambda t: t[:2])
    return {node.entity.id: offset + unit * step for node, unit in units}


def _ring_units(order: list[_RingNode]) -> tuple[list[tuple[_RingNode, float]], float]:
    """Each node's place in ring units (a gap between groups), and the angle of one unit."""
    gap = GROUP_GAP if _group_count(order) > 1 else 0.0
    units: list[tuple[_RingNode, float]] = []
    at = 0.0
    previous = None
    for node in order:
        if previous is not None and node.group != previous:
            at += gap
        units.append((node, at))
        at += 1.0
        previous = node.group
    return units, 2 * math.pi / (at + gap)


def _candidate_orders(
    nodes: list[_RingNode],
    pairs: list[tuple[str, str]],
    centres: dict[str, tuple[float, float]],
) -> list[list[_RingNode]]:
    """The vocabulary order, and the groups sorted by where their people sit."""
    wants: dict[str, list[float]] = {}
    for fam, end in pairs:
        x, y = centres[fam]
        if math.hypot(x, y) > 1.0:  # the centre of the circle points nowhere
            wants.setdefault(end, []).append(math.atan2(y, x))

    def mean_angle(angles: list[float]) -> float | None:
        if not angles:
            return None
        sx, cx = sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles)
        return math.atan2(sx, cx) if math.hypot(sx, cx) > 1e-6 else None

    groups: dict[tuple[int, str], list[_RingNode]] = {}
    for node in nodes:
        groups.setdefault(node.group, []).append(node)
    placed: list[tuple[float, list[_RingNode]]] = []
    loose: list[list[_RingNode]] = []
    for members in groups.values():
        angles = {n.entity.id: mean_angle(wants.get(n.entity.id, [])) for n in members}
        members = sorted(
            members,
            key=lambda n: (angles[n.entity.id] is None, angles[n.entity.id] or 0.0),
        )
        centre = mean_angle([a for a in angles.values() if a is not None])
        if centre is None:
            loose.append(members)
        else:
            placed.append((centre, members))
    if not placed:
        return [nodes]
    placed.sort(key=lambda item: item[0])
    by_place = [n for _, members in placed for n in members] + [n for m in loose for n in m]
    return [nodes, by_place] if by_place != nodes else [nodes]


Point = tuple[float, float]
Box = tuple[float, float, float, float]


def _layout_cost(
    segments: list[tuple[Point, Point, str, str]],
    obstacles: list[tuple[str, Point, float, Box | None]],
) -> float:
    """What a ring position costs: lines through people or names, crossings, then length."""
    crossings = 0
    for i, (p, q, a, b) in enumerate(segments):
        for r, s, c, d in segments[i + 1 :]:
            if {a, b} & {c, d}:
                continue
            if _ccw(p, r, s) != _ccw(q, r, s) and _ccw(p, q, r) != _ccw(p, q, s):
                crossings += 1
    through_people = through_names = 0
    for p, q, a, b in segments:
        for pid, centre, reach, box in obstacles:
            if pid not in (a, b) and _near_segment(p, q, centre, reach):
                through_people += 1
            if box is not None and _segment_hits_box(p, q, box):
                through_names += 1
    length = sum(math.dist(p, q) for p, q, _, _ in segments)
    return through_people * 2000 + through_names * 1500 + crossings * 1000 + length


def _segment_hits_box(p, q, box) -> bool:
    """Whether the segment p-q passes through the rectangle (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = box
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _ccw(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    return (c[1] - a[1]) * (b[0] - a[0]) > (b[1] - a[1]) * (c[0] - a[0])


def _near_segment(p, q, point, reach: float) -> bool:
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    span = dx * dx + dy * dy or 1.0
    t = max(0.0, min(1.0, ((point[0] - x1) * dx + (point[1] - y1) * dy) / span))
    return math.hypot(x1 + t * dx - point[0], y1 + t * dy - point[1]) < reach


def _on_ring(node: _RingNode, angle: float, radius: float, lang: str) -> Symbol:
    x, y = radius * math.cos(angle), radius * math.sin(angle)
    symbol = _ring_symbol(node, round(x, 1), round(y, 1), lang)
    # Lines reach the upper half from below: its names go above, out of their way.
    symbol.label_below = y > -1.0
    return symbol


#: Font sizes of the renderer's label lines, to estimate how much room a name takes.
_LINE_SIZES = {"label": 12.0, "sub": 10.5, "note": 9.5}


def _text_lines(symbol: Symbol) -> list[tuple[str, str]]:
    lines = [("label", t) for t in symbol.label.splitlines()]
    return (
        lines + [("sub", t) for t in symbol.sublabels] + [("note", t) for t in symbol.annotations]
    )


def _text_box(symbol: Symbol, scale: float = 1.0) -> tuple[float, float, float, float] | None:
    """Estimated (x0, y0, x1, y1) of the name lines under (or above) a symbol (text at ``scale``)."""
    lines = _text_lines(symbol)
    if not lines:
        return None
    half_w = max(len(t) * _LINE_SIZES[k] * scale * 0.6 for k, t in lines) / 2 + 4
    height = sum(_LINE_SIZES[k] * scale * 1.2 for k, _ in lines) + 6
    if symbol.label_below:
        top = symbol.y + symbol.half
        return symbol.x - half_w, top, symbol.x + half_w, top + height
    bottom = symbol.y - symbol.half
    return symbol.x - half_w, bottom - height, symbol.x + half_w, bottom


def label_box(symbol: Symbol, scale: float = 1.0) -> tuple[float, float, float, float]:
    """Estimated (x0, y0, x1, y1) of a symbol with its name, kind and note lines."""
    box = (
        symbol.x - symbol.half,
        symbol.y - symbol.half,
        symbol.x + symbol.half,
        symbol.y + symbol.half,
    )
    text = _text_box(symbol, scale)
    if text is None:
        return box
    return min(box[0], text[0]), min(box[1], text[1]), max(box[2], text[2]), max(box[3], text[3])


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _labels_collide(ring: list[Symbol], centre_radius: float, scale: float = 1.0) -> bool:
    """Whether two names on the ring overlap, or a name reaches the central circle."""
    boxes = [label_box(s, scale) for s in ring]
    for box in boxes:
        nearest_x = min(max(0.0, box[0]), box[2])
        nearest_y = min(max(0.0, box[1]), box[3])
        if math.hypot(nearest_x, nearest_y) < centre_radius + 8:
            return True
    return any(_boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def _wrap(name: str, width: int = 18) -> str:
    """A long name on two lines, split at the space nearest the middle."""
    if len(name) <= width or " " not in name:
        return name
    middle = len(name) / 2
    cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
    return f"{name[:cut]}\n{name[cut + 1 :]}"


def _tint(color: str, amount: float = 0.7) -> str:
    """``color`` mixed with white (for fills that keep text readable)."""
    color = color.lstrip("#")
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _kind_text(node: _RingNode, lang: str) -> str:
    if node.kind is SystemKind.OTHER and node.entity.custom_kind.strip():
        return node.entity.custom_kind.strip()
    return label(node.kind, lang)


def _ring_symbol(node: _RingNode, x: float, y: float, lang: str) -> Symbol:
    style = TERMS[node.kind].style
    entity = node.entity
    kind_text = _kind_text(node, lang)
    if entity.is_person:
        symbol = _person_symbol(entity, x, y, PERSON_SIZE, lang, css="ring person")
        symbol.fill = _tint(style["color"])
        symbol.sublabels = (entity.role or kind_text,)
        symbol.annotations = tuple(n for n in (drawn_note(entity.note),) if n)
        return symbol
    return Symbol(
        id=entity.id,
        entity_id=entity.id,
        x=round(float(x), 1),
        y=round(float(y), 1),
        shape="system",
        size=SYSTEM_SIZE,
        label=_wrap(entity.name),
        sublabels=(kind_text,) if kind_text != entity.name else (),
        annotations=tuple(n for n in (drawn_note(entity.note),) if n),
        fill=_tint(style["color"]),
        stroke=style["color"],
        icon=style["icon"],
        tooltip=f"{entity.name} ({kind_text})",
        css="ring system",
    )


def _edge_distance(symbol: Symbol, ux: float, uy: float) -> float:
    """Distance from a symbol's centre to its outline in direction (ux, uy)."""
    h = symbol.half
    if symbol.shape in ("circle", "dot", "ellipse"):
        return h
    if symbol.shape == "diamond":
        return h / max(abs(ux) + abs(uy), 1e-9)
    return h / max(abs(ux), abs(uy), 1e-9)


def _strength(relation: Relation) -> ConnectionStrength:
    try:
        return ConnectionStrength(relation.subtype)
    except ValueError:
        return ConnectionStrength.MODERATE


def _flow(relation: Relation) -> Flow:
    try:
        return Flow(relation.flow)
    except ValueError:
        return Flow.NONE


def _course(
    a: Symbol, b: Symbol, k: int, centre_radius: float, *, lane: float = 0.0
) -> tuple[tuple[float, float], ...] | None:
    """The points of the ``k``-th line between ``a`` and ``b`` (outline to outline), or None.

    The second line between the same two ends runs beside the first, the
    third on the other side. A line leaving the central circle gets two
    extra points on its own course (:func:`_outside_course`). ``lane`` (a
    referral beside a connection) moves the line's middle that far to the
    side its words are not on (below a lying line, whose words stand above
    it), its ends staying on the two symbols: the two lines' words each keep
    their own lane.
    """
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy)
    if length < 1:
        return None
    ux, uy = dx / length, dy / length
    if lane:
        points = _course(a, b, 1, centre_radius) or ()
        side = lane if ux >= 0 else -lane  # (-uy, ux) points down for a line to the right
        middle = list(points[1:-1]) or [
            _between(points[0], points[-1], 0.15),
            _between(points[0], points[-1], 0.85),
        ]
        moved = [(round(x - uy * side, 1), round(y + ux * side, 1)) for x, y in middle]
        return (points[0], *moved, points[-1])
    shift = PARALLEL_OFFSET * (k // 2) * (1 if k % 2 else -1)
    px, py = -uy * shift, ux * shift
    start_gap = _edge_distance(a, ux, uy) + 3
    end_gap = _edge_distance(b, ux, uy) + 3
    start = (a.x + ux * start_gap + px, a.y + uy * start_gap + py)
    stop = (b.x - ux * end_gap + px, b.y - uy * end_gap + py)
    points = (start, *_outside_course(start, stop, centre_radius), stop)
    return tuple((round(x, 1), round(y, 1)) for x, y in points)


def _between(p: tuple[float, float], q: tuple[float, float], t: float) -> tuple[float, float]:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def _referral_lines(
    data: CaseData,
    drawing: Drawing,
    members: list[Entity],
    centre_radius: float,
    lang: str,
    seen: dict[frozenset, int],
    text_scale: float = 1.0,
) -> list[Line]:
    """A dashed line for each open referral whose organisation is a system on the ring.

    It runs from the action's actor when they are in the centre, else from
    the client (else the first person in the centre), to the system linked to
    the organisation (``kaart_id``); its words are the status.
    """
    symbols = {s.id: s for s in drawing.symbols}
    by_kaart: dict[str, str] = {}  # the first system linked to each organisation
    for e in data.entities:
        if e.kaart_id and e.id in symbols and not e.is_person:
            by_kaart.setdefault(e.kaart_id, e.id)
    member_ids = [m.id for m in members if m.id in symbols]
    if not member_ids:
        return []
    index = data.index_person()
    default = index.id if index is not None and index.id in symbols else member_ids[0]
    lines: list[Line] = []
    for action in data.actions:
        if not action.referral_org or action.referral_status not in OPEN_REFERRALS:
            continue
        end = by_kaart.get(action.referral_org)
        if end is None:
            continue
        fam = action.actor_id if action.actor_id in member_ids else default
        pair = frozenset((fam, end))
        k = seen[pair] = seen.get(pair, 0) + 1
        lane = REFERRAL_LANE * (k - 1) * (text_scale if k > 1 else 1.0)
        points = _course(symbols[fam], symbols[end], k, centre_radius, lane=lane)
        if points is None:
            continue
        lines.append(_referral_line(action, points, (fam, end), symbols[end].label, lang))
    return lines


def _referral_line(
    action: Action, points: tuple, ends: tuple[str, str], name: str, lang: str
) -> Line:
    status = label(ReferralStatus(action.referral_status), lang)
    tooltip = _kaart_word("referral", lang, name=" ".join(name.split()), status=status)
    if action.referred_on:
        tooltip += f", {_kaart_word('referred_on', lang, date=action.referred_on)}"
    if action.what:
        tooltip += f"\n{action.what}"
    return Line(
        id=f"referral:{action.id}",
        points=points,
        style="dashed",
        color=REFERRAL_COLOUR,
        width=REFERRAL_WIDTH,
        label=status,
        ends=ends,
        layer="referral",
        tooltip=tooltip,
    )


def _connection_lines(
    connections: list[tuple[Relation, str, str]],
    drawing: Drawing,
    centre_radius: float,
    lang: str,
    seen: dict[frozenset, int] | None = None,
) -> list[Line]:
    """One styled line per connection, from the family end's outline to the system's.

    A line leaving the central circle gets two extra points on its own
    course: where it crosses the circle and just before the system. The
    renderer writes a line's label at the middle of its middle segment, so
    'wekelijks' lands between the circle and the system, not among the
    household's names.
    """
    symbols = {s.id: s for s in drawing.symbols}
    lines: list[Line] = []
    seen = {} if seen is None else seen
    for relation, fam, end in connections:
        if fam not in symbols or end not in symbols:
            continue
        a, b = symbols[fam], symbols[end]
        pair = frozenset((fam, end))
        k = seen[pair] = seen.get(pair, 0) + 1
        points = _course(a, b, k, centre_radius)
        if points is None:
            continue
        strength, flow = _strength(relation), _flow(relation)
        style = TERMS[strength].style
        tooltip = label(strength, lang)
        if flow is not Flow.NONE:
            tooltip += f", {label(flow, lang)}"
        lines.append(
            Line(
                id=f"connection:{relation.id}",
                points=points,
                style=style.get("line", "solid"),
                color=style.get("color", "#222222"),
                width=float(style.get("width", 1.5)),
                arrow_start=flow in (Flow.TO_FAMILY, Flow.BOTH),
                arrow_end=flow in (Flow.FROM_FAMILY, Flow.BOTH),
                label=relation.label,
                note=drawn_note(relation.note),
                relation_id=relation.id,
                ends=(fam, end),
                layer="connection",
                tooltip=tooltip,
            )
        )
    return lines


def _label_box(line: Line, scale: float) -> tuple[float, float, float, float]:
    """Where the renderer writes ``line``'s label (:func:`text_spots`), as a box."""
    (x, y), _ = text_spots(line, line.points, scale)
    size = 11 * scale
    half = text_width(line.label, size) / 2 + 1
    return (x - half, y - size * 0.8, x + half, y + size * 0.25)


def _spread_labels(lines: list[Line], scale: float) -> list[Line]:
    """Move a connection's label along its line while it would cover an earlier label.

    Two systems' lines that converge ('wachtlijst' on Sanne - GGZ and 'intake
    in maart' on Rick - GGZ), or two connections between the same two ends,
    have their middles close together; the later label tries a third of the
    way and two thirds, then further out, and takes the spot covering least.
    """
    placed: list[tuple[float, float, float, float]] = []

    def covered(box) -> float:
        return sum(
            max(0.0, min(box[2], b[2]) - max(box[0], b[0]))
            * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
            for b in placed
        )

    out = []
    for line in lines:
        if line.label:
            tries = [line] + [
                replace(line, points=_label_further(line.points, f)) for f in (0.3, 0.7, 0.15, 0.85)
            ]
            line = min(tries, key=lambda t: covered(_label_box(t, scale)))  # the first of equals
            placed.append(_label_box(line, scale))
        out.append(line)
    return out


def _label_further(points: tuple, fraction: float) -> tuple:
    """The same course with its middle segment cut short around ``fraction`` of it.

    The renderer writes a line's label at the middle of its middle segment; two
    collinear points there move the label along the line (the line looks the
    same), so labels of connections between the same two ends do not cover
    each other.

    >>> _label_further(((0, 0), (100, 0)), 0.75)
    ((0, 0), (70.0, 0.0), (80.0, 0.0), (100, 0))
    """
    i = (len(points) - 2) // 2
    (ax, ay), (bx, by) = points[i], points[i + 1]

    def at(t: float) -> tuple[float, float]:
        return (ax + (bx - ax) * t, ay + (by - ay) * t)

    return (*points[: i + 1], at(fraction - 0.05), at(fraction + 0.05), *points[i + 1 :])


def _outside_course(
    start: tuple[float, float], stop: tuple[float, float], radius: float
) -> tuple[tuple[float, float], ...]:
    """Two points on the segment: where it leaves the circle, and near ``stop``.

    Empty when the segment does not run from inside the circle to outside it.
    """
    (sx, sy), (ex, ey) = start, stop
    if math.hypot(sx, sy) >= radius or math.hypot(ex, ey) <= radius + 20:
        return ()
    dx, dy = ex - sx, ey - sy
    # solve |start + t * d| = radius for the t in (0, 1)
    a = dx * dx + dy * dy
    b = 2 * (sx * dx + sy * dy)
    c = sx * sx + sy * sy - radius * radius
    t = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    if not 0 < t < 0.9:
        return ()
    return ((sx + t * dx, sy + t * dy), (sx + 0.95 * dx, sy + 0.95 * dy))


# ----------------------------------------------------------------- legend
_SAMPLE = ((0.0, 0.0), (40.0, 0.0))


def _legend(
    drawing: Drawing,
    nodes: list[_RingNode],
    connections: list[tuple[Relation, str, str]],
    focus: str,
    lang: str,
) -> list[LegendEntry]:
    """Exactly the connection styles, flow arrows and system kinds this drawing shows."""
    entries: list[LegendEntry] = []
    drawn = {line.relation_id for line in drawing.lines if line.layer == "connection"}
    used = [(r, fam, end) for r, fam, end in connections if r.id in drawn]
    strengths = {_strength(r) for r, _, _ in used}
    for strength in ConnectionStrength:
        if strength in strengths:
            style = TERMS[strength].style
            entries.append(
                LegendEntry(
                    key=f"connection:{strength.value}",
                    text=TERMS[strength].legend(lang),
                    sample=Line(
                        id=f"legend:{strength.value}",
                        points=_SAMPLE,
                        style=style.get("line", "solid"),
                        color=style.get("color", "#222222"),
                        width=float(style.get("width", 1.5)),
                        layer="connection",
                    ),
                )
            )
    flows = {_flow(r) for r, _, _ in used}
    arrows = {
        Flow.TO_FAMILY: (True, False),
        Flow.FROM_FAMILY: (False, True),
        Flow.BOTH: (True, True),
    }
    for flow, (start, end) in arrows.items():
        if flow in flows:
            entries.append(
                LegendEntry(
                    key=f"flow:{flow.value}",
                    text=f"{TERMS[flow].legend(lang)}: {label(flow, lang)}",
                    sample=Line(
                        id=f"legend:{flow.value}",
                        points=_SAMPLE,
                        arrow_start=start,
                        arrow_end=end,
                        layer="connection",
                    ),
                )
            )
    if any(line.layer == "referral" for line in drawing.lines):
        entries.append(referral_legend(lang))
    seen: set[tuple[int, str]] = set()
    for node in nodes:
        if node.group in seen:
            continue
        seen.add(node.group)
        style = TERMS[node.kind].style
        text = _kind_text(node, lang)
        key = f"system:{node.kind.value}" + (f":{node.group[1]}" if node.group[1] else "")
        entries.append(
            LegendEntry(
                key=key,
                text=text,
                sample=Symbol(
                    id=f"legend:{key}",
                    x=0,
                    y=0,
                    shape="system",
                    size=22,
                    fill=_tint(style["color"]),
                    stroke=style["color"],
                    icon=style["icon"],
                ),
            )
        )
    entries.append(
        LegendEntry(
            key="focus",
            text=_word("client_legend" if focus == "client" else "household_legend", lang),
            sample=Area(
                id="legend:focus", shape="circle", x=10, y=10, r=10, stroke="#333333", width=2
            ),
        )
    )
    return entries


def referral_legend(lang: str = "nl") -> LegendEntry:
    """The legend row of a pending referral's dashed line (this drawing's and the full legend)."""
    return LegendEntry(
        key="referral",
        text=_kaart_word("referral_legend", lang),
        sample=Line(
            id="legend:referral",
            points=_SAMPLE,
            style="dashed",
            color=REFERRAL_COLOUR,
            width=REFERRAL_WIDTH,
            layer="referral",
        ),
    )


# ----------------------------------------------------------------- editing
def connection_between(data: CaseData, a: str, b: str) -> Relation | None:
    """The connection between two entities, whichever way round it was recorded.

    >>> from mapping.services.demo import demo_case
    >>> connection_between(demo_case(), "politie", "daan").id
    'k-daan-politie'
    """
    return next(
        (
            r
            for r in data.relations
            if r.kind is RelationKind.CONNECTION and {r.source, r.target} == {a, b} and a != b
        ),
        None,
    )


def make_connection(
    data: CaseData,
    person_id: str,
    other_id: str,
    *,
    strength: ConnectionStrength | str = ConnectionStrength.MODERATE,
    flow: Flow | str = Flow.NONE,
    label: str = "",
    relation_id: str = "",
) -> Relation:
    """A checked connection from a person to a system (or to someone on the ring).

    The person is the family end (``source``). An existing connection
    between the two keeps its id (pass ``relation_id`` for a new one), so
    drawing the same line twice changes it instead of doubling it. Raises
    :class:`~mapping.core.errors.InvalidInput` when an end is missing or unknown,
    or both ends are the same.

    >>> from mapping.services.demo import demo_case
    >>> link = make_connection(demo_case(), "daan", "politie", strength="strong", flow="both")
    >>> link.id, link.subtype, link.flow.value
    ('k-daan-politie', 'strong', 'both')
    """
    entities = data.entity_map()
    if not person_id or not other_id:
        raise InvalidInput("Kies een persoon en een systeem.")
    if person_id == other_id:
        raise InvalidInput(
            "Een verbinding heeft twee verschillende kanten.",
        )
    for end in (person_id, other_id):
        if end not in entities:
            raise InvalidInput(
                "Persoon of systeem '{end}' bestaat niet in deze casus.",
                end=end,
            )
    if not entities[person_id].is_person:
        raise InvalidInput(
            "Een verbinding loopt van een persoon naar een systeem.",
        )
    existing = connection_between(data, person_id, other_id)
    base = existing or Relation(
        id=relation_id or new_id(), kind=RelationKind.CONNECTION, source="", target=""
    )
    return replace(
        base,
        source=person_id,
        target=other_id,
        subtype=ConnectionStrength(strength).value,
        flow=Flow(flow),
        label=" ".join(label.split()),
    )


__all__ = [
    "FOCUS",
    "REFERRAL_COLOUR",
    "connection_between",
    "kaart_lines",
    "layout_ecogram",
    "make_connection",
    "referral_legend",
    "ring_radius_for",
]
