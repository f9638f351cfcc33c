"""The sociogram lens (netwerkkaart): ego in the centre, members in sectors and rings.

:func:`layout_sociogram` turns one person's netwerkkaart into a
:class:`~mapping.core.drawing.Drawing`. The background is five sectors (angle
ranges, :class:`~mapping.core.vocabulary.Sector`) crossed by three rings of
closeness (radius bands, :class:`~mapping.core.vocabulary.Ring`). A member is
the target of a SUPPORT relation from ego; the relation carries the
member's sector and ring, its valence (``subtype``), support types,
reciprocity and frequency. ACQUAINTANCE relations among members ("who
knows whom") are drawn as thin grey lines.

Anyone's map comes from the whole case (#21.1): besides the members placed
with a SUPPORT tie, ego's other ties in the case (family, household,
acquaintances, emotional relations, other maps' ties to ego, connections to
systems; :mod:`mapping.lenses.sociogram_ties`) are shown as *not placed yet*: in
their suggested cell, with a dotted line, a dashed ring around the symbol,
"nog niet geplaatst" in the tooltip and a legend entry. A placed tie always
wins; :func:`place_member` turns a suggestion into a SUPPORT tie. The map of
an ego whose ties are all placed (an import's ego) is exactly what it was.
The metrics count placed members only (:mod:`mapping.services.metrics`).

Members are spread over their cell (sector x ring) in rows, so that no
member's symbol, name, role or note covers another's, ego's or a ring's
name (:mod:`mapping.lenses.sociogram_layout`); a ring grows wider when its fullest
cell needs more rows. The sectors keep their angles however full one is.
A position the user dragged wins, but is clamped into the member's own cell:
the sector and ring are data (they feed the metrics and the exports), so a
drag moves a member *within* its place, and moving it to another sector or
ring is an edit of the tie (:func:`place_member`).

>>> from mapping.services.demo import demo_case
>>> drawing = layout_sociogram(demo_case(), "sanne")
>>> drawing.view, drawing.symbol("sanne").x, drawing.symbol("sanne").y
('sanne', 0.0, 0.0)
>>> sorted(a.id for a in drawing.areas if a.shape == "wedge")[:2]
['sector-friends', 'sector-household']
"""

from __future__ import annotations

import math
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
    shortened,
)
from mapping.core.errors import InvalidInput
from mapping.core.model import CaseData, Entity, Relation, new_id, note_parts
from mapping.core.vocabulary import (
    FAMILY_KINDS,
    TERMS,
    BirthStatus,
    EntityKind,
    Frequency,
    Lens,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    Valence,
    label,
    sector_for_system,
)
from mapping.lenses.sociogram_layout import (
    BAND,
    EMPTY_BAND,
    crosses,
    nearest,
    overlaps,
    ring_cells,
    symbol_box,
    text_rect,
)
from mapping.render.markup import text_width

EGO_RADIUS = 80.0  # the free disc around ego
SYMBOL_SIZE = 34.0
EGO_SIZE = 46.0
EDGE_MARGIN = 6.0  # degrees kept free along a sector's border
#: Text sizes at the map's reading scale, where a member's name is 12 (LINE_SIZES["label"]):
#: ring names and support letters as large as a name, sector names larger.
RING_LABEL_SIZE = 12.0
LETTER_SIZE = 12.0
TITLE_SIZE = 14.0
RIM_PAD = 8.0  # kept free between a sector name and the outer circle

#: Where each sector sits: (start, end) angle in degrees, 0 = east,
#: counter-clockwise as on paper. Household/family on top, professional
#: help on the right, so informal help reads left and formal help right.
SECTOR_ANGLES: dict[Sector, tuple[float, float]] = {
    Sector.HOUSEHOLD: (54.0, 126.0),
    Sector.FRIENDS: (126.0, 198.0),
    Sector.NEIGHBOURS: (198.0, 270.0),
    Sector.WORK_SCHOOL: (270.0, 342.0),
    Sector.PROFESSIONALS: (-18.0, 54.0),
}

#: How much each contact frequency adds to a tie's weight (line width, metrics).
FREQUENCY_WEIGHT: dict[Frequency | None, float] = {
    Frequency.DAILY: 4.0,
    Frequency.WEEKLY: 3.0,
    Frequency.MONTHLY: 2.0,
    Frequency.YEARLY: 1.0,
    Frequency.RARELY: 0.5,
    None: 1.0,
}

#: The letter a support type gets on its tie (Dutch, English).
SUPPORT_LETTERS: dict[SupportType, tuple[str, str]] = {
    SupportType.EMOTIONAL: ("E", "E"),
    SupportType.PRACTICAL: ("P", "P"),
    SupportType.INFORMATIONAL: ("I", "I"),
    SupportType.COMPANY: ("G", "C"),
    SupportType.BURDEN: ("B", "B"),
}

ACQUAINTANCE_COLOR = "#9e9e9e"
UNPLACED_COLOR = "#6d6d6d"
TOOLTIP_CHARS = 400  # an imported file's data in a tooltip: enough to read, never pages
RECIPROCAL_MARK = "⇄"

#: Words the sociogram writes itself (vocabulary labels come from TERMS).
WORDS = {
    "empty": (
        "Nog geen leden in deze netwerkkaart. Voeg mensen of organisaties toe.",
        "No members in this sociogram yet. Add people or organisations.",
    ),
    "ego": ("Ego: de persoon om wie het gaat", "Ego: the person at the centre"),
    "acquaintance": ("Dunne grijze lijn: kennen elkaar", "Thin grey line: know each other"),
    "width": (
        "Dikkere lijn: meer soorten steun en vaker contact",
        "Thicker line: more kinds of support and more frequent contact",
    ),
    "letters": (
        "Letters bij de lijn: E emotioneel, P praktisch, I informatie en advies, "
        "G gezelschap, B belasting",
        "Letters by the tie: E emotional, P practical, I informational, C company, B burden",
    ),
    "reciprocal": (
        "⇄ en pijlen aan twee kanten: wederkerig (geven en nemen)",
        "⇄ and arrows both ways: reciprocal (give and take)",
    ),
    "system": ("Afgeronde rechthoek: organisatie of groep", "Rounded rectangle: organisation"),
    "of": ("Netwerkkaart van {name}", "Sociogram of {name}"),
    "unplaced": ("nog niet geplaatst", "not placed yet"),
    "unplaced_legend": (
        "Stippellijn en gestippelde rand: band uit de casus, nog niet geplaatst "
        "(ring en sector zijn een voorstel)",
        "Dotted line and dashed ring: a tie from the case, not placed yet "
        "(ring and sector are a suggestion)",
    ),
}


def _word(key: str, lang: str) -> str:
    nl, en = WORDS[key]
    return en if lang == "en" else nl


# ----------------------------------------------------------------- the members
@dataclass
class Member:
    """One member of ego's netwerkkaart: the entity, its tie and its cell.

    ``placed`` is False for a tie from the case that the casemanager has not
    placed yet (no SUPPORT tie from ego, :mod:`mapping.lenses.sociogram_ties`): its
    ``tie`` is then a stand-in that is not in the case (``relation_id`` of
    its line is empty), and ``reasons`` names the relations it comes from.
    """

    entity: Entity
    tie: Relation
    sector: Sector
    ring: Ring
    placed: bool = True
    reasons: tuple[tuple[str, str], ...] = ()


def support_ties(data: CaseData, ego_id: str) -> list[Relation]:
    """Ego's SUPPORT relations, one per member (the first one wins), in data order."""
    seen: set[str] = set()
    ties = []
    for rel in data.relations:
        if rel.kind is RelationKind.SUPPORT and rel.source == ego_id and rel.target != ego_id:
            if rel.target not in seen:
                seen.add(rel.target)
                ties.append(rel)
    return ties


def egos(data: CaseData) -> list[str]:
    """Whose netwerkkaart the report and meeting mode show, index person first.

    Everyone with placed ties (SUPPORT ties from them), in the order of their
    first tie, and the index person (the client) whenever they have any tie in
    the case: their map is then drawn from the case (:func:`map_members`), as
    every map is. Other people's maps are one choice away on the page.
    """
    found: dict[str, None] = {}
    for rel in data.relations:
        if rel.kind is RelationKind.SUPPORT:
            found.setdefault(rel.source)
    index = data.index_person()
    if index and (index.id in found or index.id in people_with_ties(data)):
        return [index.id, *(e for e in found if e != index.id)]
    return list(found)


def default_sector(data: CaseData, ego_id: str, entity: Entity) -> Sector:
    """Where a member belongs when its tie names no sector.

    Systems go to their kind's sector (school -> work/school, GP ->
    professional help); people who are family of ego or live in ego's
    household go to household/family; other people to friends.
    """
    return _default_sector(entity, data.entity_map().get(ego_id), ego_family(data, ego_id))


def ego_family(data: CaseData, ego_id: str) -> set[str]:
    """Who is tied to ego by a family relation (partner, parent, child, twin)."""
    family: set[str] = set()
    for rel in data.relations:
        if rel.kind in FAMILY_KINDS:
            if rel.source == ego_id:
                family.add(rel.target)
            elif rel.target == ego_id:
                family.add(rel.source)
    return family


def _default_sector(entity: Entity, ego: Entity | None, family: set[str]) -> Sector:
    """:func:`default_sector` with ego and ego's family looked up once for all members
    (one pass over the relations, not one a member: a network holds thousands)."""
    if entity.kind is EntityKind.SYSTEM:
        return sector_for_system(entity.system_kind) if entity.system_kind else Sector.PROFESSIONALS
    if entity.id in family:
        return Sector.HOUSEHOLD
    if ego is not None and ego.household and entity.household:
        return Sector.HOUSEHOLD
    return Sector.FRIENDS


def members(data: CaseData, ego_id: str) -> list[Member]:
    """The members of ego's netwerkkaart with their cell (defaults filled in).

    Ties to an entity that no longer exists are skipped.
    """
    entities = data.entity_map()
    ego, family = entities.get(ego_id), ego_family(data, ego_id)
    result = []
    for tie in support_ties(data, ego_id):
        entity = entities.get(tie.target)
        if entity is None:
            continue
        sector = Sector(tie.sector) if tie.sector else _default_sector(entity, ego, family)
        ring = Ring(tie.ring) if tie.ring else Ring.MIDDLE
        result.append(Member(entity, tie, sector, ring))
    return result


def unplaced_members(data: CaseData, ego_id: str) -> list[Member]:
    """Ego's ties from the whole case that are not placed yet, as members at a suggested cell.

    Family, household, acquaintances, emotional relations, other people's
    support ties to ego and ego's connections to systems
    (:func:`mapping.lenses.sociogram_ties.case_ties`). Their stand-in tie is a
    SUPPORT relation without a valence, support types or id in the case.
    """
    from mapping.lenses.sociogram_ties import case_ties

    placed = {t.target for t in support_ties(data, ego_id)}
    return [
        Member(
            entity=t.entity,
            tie=Relation(
                id="",
                kind=RelationKind.SUPPORT,
                source=ego_id,
                target=t.entity.id,
                sector=t.sector,
                ring=t.ring,
            ),
            sector=t.sector,
            ring=t.ring,
            placed=False,
            reasons=t.reasons,
        )
        for t in case_ties(data, ego_id, placed=placed)
    ]


def map_members(data: CaseData, ego_id: str, *, unplaced: bool = True) -> list[Member]:
    """Everyone ego's netwerkkaart shows: the placed members, then (by default) the ties
    from the case not yet placed. The metrics count only the placed ones (:func:`members`).
    """
    placed = members(data, ego_id)
    return placed + unplaced_members(data, ego_id) if unplaced else placed


def people_with_ties(data: CaseData) -> set[str]:
    """Ids of the people with at least one tie in the case to someone their map would show.

    One pass over the relations; a tie to an unborn child (a pregnancy, a lost
    child), or a relation with oneself, does not count (the map leaves them
    out), a SUPPORT tie from ego always does. Household membership counts
    when at least two born people share it.
    """
    entities = data.entity_map()

    def born(entity_id: str) -> bool:
        e = entities.get(entity_id)
        return e is not None and (not e.is_person or e.birth_status is BirthStatus.BORN)

    found: set[str] = set()
    children: dict[str, list[str]] = {}
    for rel in data.relations:
        if rel.source == rel.target or rel.source not in entities or rel.target not in entities:
            continue
        if rel.kind is RelationKind.PARENT_CHILD:
            children.setdefault(rel.source, []).append(rel.target)
        if rel.kind is RelationKind.SUPPORT or born(rel.target):
            found.add(rel.source)
        if born(rel.source):
            found.add(rel.target)
    for kids in children.values():  # siblings share a parent
        alive = [k for k in kids if born(k)]
        if len(alive) > 1:
            found.update(alive)
    home = [e.id for e in data.entities if e.is_person and e.household and born(e.id)]
    if len(home) > 1:
        found.update(home)
    return {i for i in found if entities[i].is_person}


def acquaintances(data: CaseData, ego_id: str) -> list[Relation]:
    """ACQUAINTANCE relations between two members of ego's netwerkkaart (ego excluded)."""
    ids = {m.entity.id for m in members(data, ego_id)}
    return data.relations_among(RelationKind.ACQUAINTANCE, ids)


def valence_of(tie: Relation) -> Valence:
    """The valence of a support tie (supportive when unset or unknown)."""
    try:
        return Valence(tie.subtype) if tie.subtype else Valence.SUPPORTIVE
    except ValueError:
        return Valence.SUPPORTIVE


def tie_weight(tie: Relation) -> float:
    """How much support a tie carries: number of support types x frequency weight.

    Burden is not support, so it does not count. A tie without support types
    counts as 0.

    >>> tie_weight(Relation("r", RelationKind.SUPPORT, "a", "b",
    ...     support=(SupportType.EMOTIONAL, SupportType.PRACTICAL), frequency=Frequency.WEEKLY))
    6.0
    """
    kinds = [s for s in tie.support if SupportType(s) is not SupportType.BURDEN]
    freq = Frequency(tie.frequency) if tie.frequency else None
    return len(kinds) * FREQUENCY_WEIGHT[freq]


def place_member(
    data: CaseData, ego_id: str, member_id: str, sector: Sector | str, ring: Ring | str
) -> Relation:
    """The SUPPORT relation that puts ``member_id`` in ``sector`` and ``ring`` of ego's map.

    Pure: returns the updated copy of the existing tie, or a new supportive
    tie; the caller saves it. Raises InvalidInput for an unknown entity or
    when ego and member are the same.
    """
    known = data.entity_map()
    if ego_id not in known or member_id not in known:
        raise InvalidInput(
            "Deze persoon of organisatie hoort niet (meer) bij de casus.",
        )
    if ego_id == member_id:
        raise InvalidInput(
            "Ego kan niet in de eigen netwerkkaart staan.",
        )
    sector, ring = Sector(sector), Ring(ring)
    for tie in support_ties(data, ego_id):
        if tie.target == member_id:
            return replace(tie, sector=sector, ring=ring)
    return Relation(
        id=new_id(),
        kind=RelationKind.SUPPORT,
        source=ego_id,
        target=member_id,
        subtype=Valence.SUPPORTIVE.value,
        sector=sector,
        ring=ring,
    )


# ----------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Candidate:
    """Someone of the case who is not yet in ego's netwerkkaart, with a suggested cell.

    ``family`` is the number of genogram steps from ego (1 = partner, parent,
    child or twin; 2 = sibling, grandparent...), None for non-relatives.
    """

    entity: Entity
    sector: Sector
    ring: Ring
    family: int | None = None


def family_steps(data: CaseData, ego_id: str) -> dict[str, int]:
    """Genogram steps from ego to every relative (partnerships, parent-child links, twins).

    >>> from mapping.services.demo import demo_case
    >>> steps = family_steps(demo_case(), "sanne")
    >>> steps["sanne"], steps["daan"]
    (0, 1)
    """
    links: dict[str, set[str]] = {}
    for rel in data.relations:
        if rel.kind in FAMILY_KINDS and rel.source != rel.target:
            links.setdefault(rel.source, set()).add(rel.target)
            links.setdefault(rel.target, set()).add(rel.source)
    steps = {ego_id: 0}
    frontier = [ego_id]
    while frontier:
        following = []
        for node in frontier:
            for other in sorted(links.get(node, ())):
                if other not in steps:
                    steps[other] = steps[node] + 1
                    following.append(other)
        frontier = following
    return steps


def candidates(data: CaseData, ego_id: str) -> list[Candidate]:
    """The case's people and systems that could join ego's netwerkkaart, nearest first.

    A case imported from GEDCOM or drawn on the genogram and ecogram pages
    has family and systems but no support ties yet; these are offered with
    a cell a casemanager would start from:

    * **sector**: relatives (any genogram path to ego) and ego's fellow
      household members go to household/family; a system to its kind's
      sector (GP, wijkteam, debt counselling... professional help; school,
      work and clubs to work/school/clubs; a system without a kind to
      professional help); another person by the words of their role
      ('buurvrouw' neighbours, 'collega' work) or else friends.
    * **ring**: ego's fellow household members ring 1 (closest), everyone
      else ring 2, a deceased person ring 3; the user changes it before saving.

    Someone with a tie to ego in the case gets the cell the map shows them in
    (:func:`unplaced_members`), so the list and the map suggest the same.
    Every entity of the case that is not placed yet is offered, deceased
    people too (the "Lid toevoegen" list offers the same); ego, current
    members and the unborn (a pregnancy, a lost child) are left out. Order:
    household, relatives by steps, other people, systems; by name within each.
    """
    known = data.entity_map()
    if ego_id not in known:
        return []
    ego = known[ego_id]
    from mapping.lenses.sociogram_ties import case_ties

    current = {m.entity.id for m in members(data, ego_id)}
    steps = family_steps(data, ego_id)
    tied = {t.entity.id: t for t in case_ties(data, ego_id, placed=current)}
    result = []
    for entity in data.entities:
        if entity.id == ego_id or entity.id in current:
            continue
        if entity.is_person and entity.birth_status is not BirthStatus.BORN:
            continue  # a pregnancy or a lost child gives no support
        together = bool(ego.household and entity.household and entity.is_person)
        family = steps.get(entity.id) if entity.is_person else None
        if entity.kind is EntityKind.SYSTEM:
            sector = (
                sector_for_system(entity.system_kind)
                if entity.system_kind
                else Sector.PROFESSIONALS
            )
        elif together or family is not None:
            sector = Sector.HOUSEHOLD
        else:
            from mapping.core.words import sector_of_value

            sector = sector_of_value(entity.role) or Sector.FRIENDS
        ring = Ring.CLOSE if together else Ring.MIDDLE
        if entity.is_person and entity.is_deceased:
            ring = Ring.FAR
        if entity.id in tied:
            sector, ring = tied[entity.id].sector, tied[entity.id].ring
        result.append(Candidate(entity, sector, ring, family))

    def order(c: Candidate):
        system = c.entity.kind is EntityKind.SYSTEM
        return (
            system,
            c.ring is not Ring.CLOSE,
            c.family is None,
            c.family or 0,
            c.entity.name.casefold(),
        )

    return sorted(result, key=order)


# ----------------------------------------------------------------- geometry
@dataclass(frozen=True)
class Band:
    """The radius band of one ring and how many sub-rows it holds."""

    inner: float
    outer: float
    rows: int

    def row_radius(self, row: int) -> float:
        step = (self.outer - self.inner) / self.rows
        return self.inner + (row + 0.5) * step


def polar(r: float, angle: float) -> tuple[float, float]:
    """Drawing coordinates of a point at radius ``r`` and ``angle`` degrees (y grows down)."""
    a = math.radians(angle)
    return (round(r * math.cos(a), 2), round(-r * math.sin(a), 2))


def clamp_to_cell(
    xy: tuple[float, float], band: Band, start: float, end: float
) -> tuple[float, float]:
    """A dragged position moved the shortest way into its cell (a sector x ring).

    The symbol stays a little inside the border so it never sits on a line.

    >>> clamp_to_cell((0.0, -500.0), Band(80, 210, 1), 54, 126)
    (0.0, -189.0)
    """
    x, y = xy
    radius = math.hypot(x, y)
    angle = math.degrees(math.atan2(-y, x))
    pad = SYMBOL_SIZE / 2 + 4
    radius = min(max(radius, band.inner + pad), band.outer - pad)
    lo, hi = start + EDGE_MARGIN / 2, end - EDGE_MARGIN / 2
    mid = (start + end) / 2
    angle = (angle - mid + 180) % 360 - 180 + mid  # the turn nearest the sector
    angle = min(max(angle, lo), hi)
    return polar(radius, angle)


# ----------------------------------------------------------------- layout
def layout_sociogram(
    data: CaseData,
    ego_id: str,
    *,
    lang: str = "nl",
    unplaced: bool = True,
    text_scale: float = 1.0,
) -> Drawing:
    """Lay out ego's netwerkkaart as a Drawing (lens 'sociogram', ``view=ego_id``).

    The map shows ego's placed members and, unless ``unplaced`` is False, ego's
    other ties in the case (:func:`unplaced_members`) in their suggested cell,
    marked: a dotted grey line, a dashed ring around the symbol, "nog niet
    geplaatst" in the tooltip and the legend. A map whose ties are all placed
    is the same either way. Ego sits at (0, 0). Dragged positions (``data.positions_for(Lens.SOCIOGRAM,
    view=ego_id)``) win over the automatic spread but are clamped into the
    member's sector and ring; ego's own position is always the centre.
    Each ring is as wide as its members need (an empty ring just wide enough for
    its name). ``text_scale`` is the factor the text will be rendered at
    (:func:`mapping.render.svg.text_scale`, 1.5 in large type): names, ring and
    sector names and support letters get room for text of that size.
    Raises InvalidInput when ``ego_id`` is not an entity of the case.
    """
    try:
        ego = data.entity(ego_id)
    except KeyError:
        raise InvalidInput(
            "Deze persoon hoort niet (meer) bij de casus.",
        ) from None
    drawing = Drawing(lens=Lens.SOCIOGRAM.value, caption=_caption(data, ego, lang), view=ego_id)
    the_members = map_members(data, ego_id, unplaced=unplaced)
    cells: dict[tuple[Sector, Ring], list[Member]] = {}
    for m in the_members:
        cells.setdefault((m.sector, m.ring), []).append(m)
    for cell in cells.values():
        cell.sort(key=lambda m: (m.entity.name.casefold(), m.entity.id))
    ego_symbol = _symbol(ego, (0.0, 0.0), lang, ego=True)
    symbols = {m.entity.id: _symbol(m.entity, (0.0, 0.0), lang, member=m) for m in the_members}
    bands, spots, titles = _place(cells, symbols, ego_symbol, lang, text_scale)
    drawing.areas += _background(bands, lang)
    drawing.texts += titles + _ring_labels(bands, lang, text_scale)

    dragged = data.positions_for(Lens.SOCIOGRAM, view=ego_id)
    for m in the_members:
        if m.entity.id in dragged:
            start, end = SECTOR_ANGLES[m.sector]
            spots[m.entity.id] = clamp_to_cell(dragged[m.entity.id], bands[m.ring], start, end)
        symbols[m.entity.id].x, symbols[m.entity.id].y = spots[m.entity.id]

    # lines first, so symbols are drawn over their ends
    shown = {m.entity.id for m in the_members}
    for rel in data.relations_among(RelationKind.ACQUAINTANCE, shown):
        drawing.lines.append(_acquaintance_line(rel, spots))
    for m in the_members:
        drawing.lines.append(_tie_line(m, spots[m.entity.id], lang))
        if not m.placed:
            drawing.areas.append(_unplaced_halo(m, spots[m.entity.id]))
    drawing.symbols.append(ego_symbol)
    drawing.symbols += symbols.values()
    drawing.texts += _letters(
        the_members, drawing.symbols, drawing.texts, drawing.lines, lang, text_scale
    )
    if not the_members:
        drawing.texts.append(
            Text(x=0, y=EGO_RADIUS + BAND / 2, text=_word("empty", lang), size=13, color="#555555")
        )
    drawing.legend = _legend(drawing, data, the_members, lang)
    return drawing


def _place(
    cells: dict[tuple[Sector, Ring], list[Member]],
    symbols: dict[str, Symbol],
    ego: Symbol,
    lang: str,
    scale: float = 1.0,
) -> tuple[dict[Ring, Band], dict[str, tuple[float, float]], list[Text]]:
    """The rings' bands, every member's automatic spot (drawing units) and the sector names.

    A member's box (its symbol with name, role and note, :func:`symbol_box`)
    covers no other member's box, nor ego's, nor a ring's name; see
    :mod:`mapping.lenses.sociogram_layout`.
    """
    obstacles = [symbol_box(ego, scale).at(ego.x, -ego.y)]
    behind: list = []  # what ego's lines to the next ring should pass by
    bands: dict[Ring, Band] = {}
    spots: dict[str, tuple[float, float]] = {}
    inner = EGO_RADIUS
    for ring in Ring:
        ring_cells_ = {
            sector: (
                [symbol_box(symbols[m.entity.id], scale) for m in group],
                *(math.radians(a) for a in SECTOR_ANGLES[sector]),
            )
            for (sector, r), group in cells.items()
            if r is ring
        }
        if ring is Ring.FAR:  # the sector names sit inside the map, in the outer ring
            placed, outer, rows, titles = _far_ring(
                ring_cells_, inner, obstacles, behind, lang, scale
            )
        else:
            placed, outer, rows = ring_cells(
                ring_cells_, inner, obstacles, behind, EMPTY_BAND * scale
            )
        for sector, found in placed.items():
            for m, (radius, angle) in zip(cells[(sector, ring)], found, strict=True):
                spots[m.entity.id] = x, y = polar(radius, math.degrees(angle))
                behind.append(symbol_box(symbols[m.entity.id], scale).at(x, -y))
        bands[ring] = Band(inner, outer, max(rows, 1))
        obstacles.append(text_rect(_ring_label(ring, bands[ring], lang, scale), scale))
        behind.append(obstacles[-1])
        inner = outer
    return bands, spots, titles


def _far_ring(cells, inner: float, obstacles: list, behind: list, lang: str, scale: float = 1.0):
    """The outer ring packed around the sector names written inside its rim.

    The names' place depends on the ring's outer radius and the ring's radius on
    what it must hold: the radius grows from the narrowest ring the names fit in
    until the members fit around them, then halves its way back in while they
    still fit. An empty outer ring is just wide enough for the sector names.
    """
    band = EMPTY_BAND * scale

    def attempt(outer: float):
        """The ring packed with the names at ``outer``'s rim; None when a name, written as a
        chord, would reach into the ring inside."""
        titles = _sector_titles(outer, behind, lang, scale)
        if min(nearest(text_rect(t, scale)) for t in titles) < inner:
            return None
        rects = [text_rect(t, scale) for t in titles]
        return (*ring_cells(cells, inner, obstacles + rects, behind, band), titles)

    # out from the narrowest ring the names fit in, until the members fit too ...
    outer = failed = inner + (EMPTY_BAND + TITLE_SIZE + RIM_PAD) * scale
    fit = got = None
    for _ in range(16):
        got = attempt(outer)
        if got is not None and got[1] <= outer + 0.5:
            fit = (outer, got)
            break
        failed = outer
        outer = max(outer + 8.0, got[1]) if got is not None else outer + 8.0
    if fit is None:
        placed, reach, rows, titles = got
        return placed, max(outer, reach), rows, titles
    # ... then back in while it still fits: the names moved out made room further in
    for _ in range(4):
        if fit[0] - failed < 8.0:
            break
        middle = (failed + fit[0]) / 2
        got = attempt(middle)
        if got is not None and got[1] <= middle + 0.5:
            fit = (middle, got)
        elif got is not None and got[1] >= fit[0] - 1.0:
            break  # the members need the room they have: no use trying further in
        else:
            failed = middle
    outer, (placed, reach, rows, titles) = fit
    return placed, max(outer, reach), rows, titles


def _caption(data: CaseData, ego: Entity, lang: str) -> Caption:
    return Caption(
        title=data.case.title,
        case_code=data.case.code,
        date=date.today().isoformat(),
        lens=_word("of", lang).format(name=ego.name),
    )


def _background(bands: dict[Ring, Band], lang: str) -> list[Area]:
    """Sector wedges (coloured) and ring circles over them; titles are :func:`_sector_titles`."""
    outer = bands[Ring.FAR].outer
    areas = []
    for sector, (start, end) in SECTOR_ANGLES.items():
        areas.append(
            Area(
                id=f"sector-{sector.value}",
                shape="wedge",
                r=outer,
                r_inner=0.0,
                start_angle=start,
                end_angle=end,
                fill=TERMS[sector].style["color"],
                stroke="#ffffff",
                width=3.0,
                layer="background",
            )
        )
    for ring in reversed(list(Ring)):
        areas.append(
            Area(
                id=f"ring-{ring.value}",
                shape="circle",
                r=bands[ring].outer,
                fill="none",
                stroke="#8a8a8a",
                dash="" if ring is Ring.FAR else "5 4",
                width=1.2,
                layer="background",
            )
        )
    return areas


def title_lines(text: str, angle: float) -> list[str]:
    """A sector's name on one line, or on two at the map's sides (``angle`` in degrees).

    A name written level at the left or right of the map runs outwards across
    the ring, so the outer ring would have to be as wide as the name is long;
    broken in two at the space that makes the wider half narrowest, it needs
    about half of that.

    >>> title_lines("Vrienden en kennissen", 162.0)
    ['Vrienden en', 'kennissen']
    >>> title_lines("Huisgenoten en familie", 90.0)
    ['Huisgenoten en familie']
    """
    if abs(math.cos(math.radians(angle))) < 0.5 or " " not in text.strip():
        return [text]
    cuts = [i for i, c in enumerate(text) if c == " "]
    cut = min(cuts, key=lambda i: max(len(text[:i]), len(text[i + 1 :])))
    return [text[:cut], text[cut + 1 :]]


def _sector_titles(outer: float, taken: list, lang: str, scale: float = 1.0) -> list[Text]:
    """Sector names inside the map, along the rim of their wedge, clear of what is placed.

    Each name sits as far out as it fits inside the outer circle, at the middle of
    its wedge or turned a little towards a side when a member or a ring's name is
    there; :func:`_far_ring` keeps the outer ring's members off them. At the map's
    sides a long name takes two lines (:func:`title_lines`), one Text each.
    """
    titles = []
    size = TITLE_SIZE * scale
    step = size * 1.15  # from one line's baseline to the next
    for sector, (start, end) in SECTOR_ANGLES.items():
        mid = (start + end) / 2
        lines = title_lines(label(sector, lang), mid)
        width = max(text_width(t, size) for t in lines) * 1.08  # bold
        height = size + step * (len(lines) - 1)
        rim = outer - RIM_PAD
        first = None
        for turn in (0, 6, -6, 12, -12, 18, -18, 24, -24):
            x, y = _inside(rim, mid + turn, width, height)
            block = [
                Text(
                    x=x,
                    y=round(y - height / 2 + 0.8 * size + k * step, 2),
                    text=line,
                    size=TITLE_SIZE,
                    anchor="middle",
                    weight="bold",
                    color="#333333",
                )
                for k, line in enumerate(lines)
            ]
            first = first or block
            if not any(overlaps(text_rect(t, scale), other) for t in block for other in taken):
                break
        else:
            block = first
        titles += block
    return titles


def _inside(rim: float, angle: float, width: float, height: float) -> tuple[float, float]:
    """The centre, on the ray at ``angle``, of a ``width`` x ``height`` box as far out as
    it stays inside the circle of radius ``rim``."""
    a = math.radians(angle)
    ux, uy = math.cos(a), -math.sin(a)
    r = rim
    while r > 0:
        cx, cy = r * ux, r * uy
        if all(
            math.hypot(cx + dx, cy + dy) <= rim
            for dx in (-width / 2, width / 2)
            for dy in (-height / 2, height / 2)
        ):
            break
        r -= 2.0
    return round(r * ux, 2), round(r * uy, 2)


def _ring_label(ring: Ring, band: Band, lang: str, scale: float = 1.0) -> Text:
    """A ring's name (the vocabulary's label, as in the legend and the forms), just inside
    its outer circle on the border between professional help and household."""
    x, y = polar(band.outer - 12 * scale, 54.0)
    return Text(
        x=x + 4, y=y, text=label(ring, lang), size=RING_LABEL_SIZE, anchor="start", color="#444444"
    )


def _ring_labels(bands: dict[Ring, Band], lang: str, scale: float = 1.0) -> list[Text]:
    """Ring names written along the border between professional help and household."""
    return [_ring_label(ring, band, lang, scale) for ring, band in bands.items()]


def support_label(tie: Relation, lang: str) -> str:
    """The short text on a tie: support letters, and ⇄ when reciprocal.

    >>> support_label(Relation("r", RelationKind.SUPPORT, "a", "b",
    ...     support=(SupportType.COMPANY, SupportType.EMOTIONAL), reciprocal=True), "nl")
    'E G ⇄'
    """
    used = {SupportType(s) for s in tie.support}
    letters = [SUPPORT_LETTERS[s][1 if lang == "en" else 0] for s in SupportType if s in used]
    if tie.reciprocal:
        letters.append(RECIPROCAL_MARK)
    return " ".join(letters)


def line_width(tie: Relation) -> float:
    """Width of an ego-member line: 1 plus the breadth of support, more for frequent contact."""
    freq = Frequency(tie.frequency) if tie.frequency else None
    kinds = len([s for s in tie.support if SupportType(s) is not SupportType.BURDEN])
    return round(min(1.2 + 0.7 * kinds + 0.35 * FREQUENCY_WEIGHT[freq], 6.0), 2)


def _tie_tooltip(m: Member, lang: str) -> str:
    tie = m.tie
    if not m.placed:
        reasons = [en if lang == "en" else nl for nl, en in m.reasons]
        return ", ".join(
            [m.entity.name, label(m.sector, lang), label(m.ring, lang), _word("unplaced", lang)]
            + reasons
        )
    parts = [
        m.entity.name,
        label(m.sector, lang),
        label(m.ring, lang),
        label(valence_of(tie), lang),
    ]
    parts += [label(SupportType(s), lang) for s in tie.support]
    if tie.frequency:
        parts.append(label(Frequency(tie.frequency), lang))
    if tie.reciprocal:
        parts.append("wederkerig" if lang == "nl" else "reciprocal")
    return ", ".join(p for p in parts if p)


def _tie_line(m: Member, xy: tuple[float, float], lang: str) -> Line:
    if not m.placed:
        return Line(
            id=f"unplaced-{m.entity.id}",
            points=((0.0, 0.0), xy),
            style="dotted",
            color=UNPLACED_COLOR,
            width=1.4,
            ends=(m.tie.source, m.tie.target),
            layer="unplaced",
            tooltip=_tie_tooltip(m, lang)[:TOOLTIP_CHARS],
        )
    valence = valence_of(m.tie)
    style = TERMS[valence].style
    return Line(
        id=f"tie-{m.tie.id}",
        points=((0.0, 0.0), xy),
        style=style["line"],
        color=style["color"],
        width=line_width(m.tie),
        arrow_start=m.tie.reciprocal,
        arrow_end=m.tie.reciprocal,
        # the support letters are Texts beside the line (_letters): as large as a name, off names
        note=shortened(m.tie.label) or drawn_note(m.tie.note),
        relation_id=m.tie.id,
        ends=(m.tie.source, m.tie.target),
        layer="support",
        tooltip="\n".join(t for t in (_tie_tooltip(m, lang), note_parts(m.tie.note)[1]) if t)[
            :TOOLTIP_CHARS
        ],
    )


def _unplaced_halo(m: Member, xy: tuple[float, float]) -> Area:
    """The dashed ring around a member whose tie is not placed yet."""
    return Area(
        id=f"unplaced-{m.entity.id}",
        shape="circle",
        x=xy[0],
        y=xy[1],
        r=SYMBOL_SIZE / 2 + 5,
        fill="#ffffff",
        stroke=UNPLACED_COLOR,
        dash="4 3",
        width=1.5,
        layer="unplaced",
    )


#: Where along ego's line its letters are tried, from the middle outwards.
_LETTER_AT = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86)


def _letters(
    the_members: list[Member],
    symbols: list[Symbol],
    texts: list[Text],
    lines: list[Line],
    lang: str,
    scale: float = 1.0,
) -> list[Text]:
    """The support letters of every placed tie ("E P ⇄"), beside ego's line to the member.

    Written as large as a name (:data:`LETTER_SIZE`), next to the line rather than on
    it, at the first spot along it (middle first) where they cover no symbol, name,
    ring or sector name, nor another tie's letters, and no other line runs through them.
    """
    where = {s.id: s for s in symbols}
    taken = [symbol_box(s, scale).at(s.x, -s.y) for s in symbols]
    taken += [text_rect(t, scale) for t in texts]
    segments = [
        (line.ends, (a[0], -a[1]), (b[0], -b[1]))
        for line in lines
        for a, b in zip(line.points, line.points[1:], strict=False)
    ]

    def free(rect, own, *, lines: bool = True) -> bool:
        if any(overlaps(rect, other) for other in taken):
            return False
        return not lines or not any(crosses(p, q, rect) for ends, p, q in segments if ends != own)

    found = []
    for m in the_members:
        text = support_label(m.tie, lang) if m.placed else ""
        member = where.get(m.entity.id)
        if not text or member is None:
            continue
        x1, y1 = member.x, member.y
        length = math.hypot(x1, y1)
        if length < 1:
            continue
        nx, ny = -y1 / length, x1 / length  # a normal of the line
        width = text_width(text, LETTER_SIZE * scale)
        reach = (
            abs(nx) * width / 2 + abs(ny) * LETTER_SIZE * scale * 0.55 + line_width(m.tie) / 2 + 4
        )
        spots = [
            Text(
                x=round(x1 * at + nx * reach * side * far, 2),
                y=round(y1 * at + ny * reach * side * far + 0.3 * LETTER_SIZE * scale, 2),
                text=text,
                size=LETTER_SIZE,
                color="#222222",
            )
            for far in (1.0, 1.8, 2.6)  # beside the line; failing that, further off
            for at in _LETTER_AT
            for side in (1, -1)
        ]
        own = (m.tie.source, m.tie.target)
        letters = next(
            (t for t in spots if free(text_rect(t, scale), own)),  # clear of names and lines
            next((t for t in spots if free(text_rect(t, scale), None, lines=False)), spots[0]),
        )
        taken.append(text_rect(letters, scale))
        found.append(letters)
    return found


def _acquaintance_line(rel: Relation, spots: dict[str, tuple[float, float]]) -> Line:
    return Line(
        id=f"acq-{rel.id}",
        points=(spots[rel.source], spots[rel.target]),
        color=ACQUAINTANCE_COLOR,
        width=0.8,
        relation_id=rel.id,
        ends=(rel.source, rel.target),
        layer="acquaintance",
        note=shortened(rel.label) or drawn_note(rel.note),
        tooltip=note_parts(rel.note)[1][:TOOLTIP_CHARS],
    )


def _person_shape(entity: Entity) -> tuple[str, str]:
    sex_shape = TERMS[Sex(entity.sex)].style["shape"]
    status = BirthStatus(entity.birth_status)
    if status is BirthStatus.BORN:
        return sex_shape, ""
    return TERMS[status].style["shape"], sex_shape


def _symbol(
    entity: Entity,
    xy: tuple[float, float],
    lang: str,
    *,
    ego: bool = False,
    member: Member | None = None,
) -> Symbol:
    size = EGO_SIZE if ego else SYMBOL_SIZE
    notes = tuple(n for n in (drawn_note(entity.note),) if n)
    if entity.kind is EntityKind.SYSTEM:
        kind = entity.system_kind
        style = TERMS[kind].style if kind else {}
        shape, variant = "system", ""
        fill, icon = style.get("color", "#cccccc"), style.get("icon", "")
        sub = label(kind, lang) if kind else entity.custom_kind
    else:
        shape, variant = _person_shape(entity)
        fill, icon = "#ffffff", ""
        sub = entity.role
    tooltip = _tie_tooltip(member, lang) if member else entity.name
    from_file = note_parts(entity.note)[1]
    if from_file:  # what an imported file said: not on the map, but one hover away
        tooltip += "\n" + from_file[:TOOLTIP_CHARS]
    return Symbol(
        id=entity.id,
        entity_id=entity.id,
        x=float(xy[0]),
        y=float(xy[1]),
        shape=shape,
        variant=variant,
        size=size,
        label=entity.name,
        sublabels=(sub,) if sub and sub != entity.name else (),
        annotations=notes,
        fill=fill,
        icon=icon,
        deceased=entity.is_deceased and entity.is_person,
        index=entity.index_person,
        tooltip=tooltip,
        draggable=not ego,
        css=_css(ego, member),
    )


def _css(ego: bool, member: Member | None) -> str:
    if ego or member is None:
        return "ego"
    css = f"member sector-{member.sector.value} ring-{member.ring.value}"
    return css if member.placed else css + " unplaced"


# ----------------------------------------------------------------- legend
_SAMPLE = ((0.0, 0.0), (36.0, 0.0))


def _legend(
    drawing: Drawing, data: CaseData, the_members: list[Member], lang: str
) -> list[LegendEntry]:
    """Sectors and rings always; symbols and tie styles only when this map uses them."""
    entries: list[LegendEntry] = []

    def add(key: str, text: str, sample) -> None:
        entries.append(LegendEntry(key=key, text=text, sample=sample))

    for sector in Sector:
        add(
            f"sector:{sector.value}",
            label(sector, lang),
            Area(
                id=f"legend:{sector.value}",
                shape="rect",
                w=30,
                h=18,
                fill=TERMS[sector].style["color"],
                stroke="#aaaaaa",
            ),
        )
    for ring in Ring:
        explained = TERMS[ring].legend(lang)
        add(
            f"ring:{ring.value}",
            # the ring's one name (as on the map and in the forms), then what it means
            f"{label(ring, lang)} – {explained[:1].lower()}{explained[1:]}",
            Area(
                id=f"legend:ring-{ring.value}",
                shape="circle",
                x=10,
                y=10,
                r=4 + 3 * int(ring.value),
                dash="" if ring is Ring.FAR else "5 4",
            ),
        )
    people = [s for s in drawing.symbols if s.shape != "system"]
    shapes = {s.shape for s in people}
    for sex in Sex:
        shape = TERMS[sex].style["shape"]
        if shape in shapes:
            add(
                f"sex:{sex.value}",
                TERMS[sex].legend(lang),
                Symbol(id=f"legend:{shape}", x=0, y=0, shape=shape, size=18),
            )
    if any(s.shape == "system" for s in drawing.symbols):
        add(
            "system",
            _word("system", lang),
            Symbol(id="legend:system", x=0, y=0, shape="system", size=20, fill="#dddddd"),
        )
    valences = {valence_of(m.tie) for m in the_members if m.placed}
    for valence in Valence:
        if valence in valences:
            style = TERMS[valence].style
            add(
                f"valence:{valence.value}",
                TERMS[valence].legend(lang),
                Line(
                    id=f"legend:{valence.value}",
                    points=_SAMPLE,
                    style=style["line"],
                    color=style["color"],
                    width=2.5,
                    layer="support",
                ),
            )
    if any(m.placed for m in the_members):
        add(
            "width",
            _word("width", lang),
            Line(id="legend:width", points=_SAMPLE, width=5.0, color="#555555", layer="support"),
        )
    if any(m.tie.support for m in the_members):
        add(
            "letters",
            _word("letters", lang),
            Line(id="legend:letters", points=_SAMPLE, label="E P", color="#555555"),
        )
    if any(m.tie.reciprocal for m in the_members):
        add(
            "reciprocal",
            _word("reciprocal", lang),
            Line(
                id="legend:reciprocal",
                points=_SAMPLE,
                arrow_start=True,
                arrow_end=True,
                color="#555555",
            ),
        )
    if any(not m.placed for m in the_members):
        add(
            "unplaced",
            _word("unplaced_legend", lang),
            Line(
                id="legend:unplaced",
                points=_SAMPLE,
                style="dotted",
                color=UNPLACED_COLOR,
                width=1.4,
                layer="unplaced",
            ),
        )
    if any(line.layer == "acquaintance" for line in drawing.lines):
        add(
            "acquaintance",
            _word("acquaintance", lang),
            Line(
                id="legend:acquaintance",
                points=_SAMPLE,
                color=ACQUAINTANCE_COLOR,
                width=0.8,
                layer="acquaintance",
            ),
        )
    return entries


__all__ = [
    "FREQUENCY_WEIGHT",
    "SECTOR_ANGLES",
    "Member",
    "acquaintances",
    "clamp_to_cell",
    "default_sector",
    "layout_sociogram",
    "map_members",
    "members",
    "people_with_ties",
    "place_member",
    "support_ties",
    "tie_weight",
    "unplaced_members",
    "valence_of",
]
