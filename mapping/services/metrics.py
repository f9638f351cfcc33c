"""Network analysis of one netwerkkaart, with NetworkX, explained in plain words.

:func:`network_metrics` measures ego's network the way the method asks:
structure (size, composition per sector, share of professionals, density,
components, isolated members, who holds the network together) and function
(which ties carry most support, who only burdens, how much is reciprocal).
:func:`explain` turns the numbers into sentences for students and families.

Structure is measured among the *members*: ego knows everyone by
definition, so counting ego would make every network look dense and
connected. The member graph is undirected; its edges are the ACQUAINTANCE
("kennen elkaar") ties between two members.

Only *placed* members count: those the casemanager put on the map (a
SUPPORT tie from ego with its sector, ring and kinds of support). The map
also shows ego's other ties in the case, not yet placed
(:func:`mapping.lenses.sociogram.unplaced_members`); they are counted apart in
``unplaced`` and named in the last row of :func:`explain`, and join every
other number once they are placed. A suggestion is not yet a judgement of
how much someone supports ego.

>>> from mapping.services.demo import demo_case
>>> m = network_metrics(demo_case(), "sanne")
>>> m.size, m.professionals, round(m.density, 3)
(13, 4, 0.115)
>>> explain(m, "nl")[0]
('Grootte', '13', 'Er staan 13 mensen en organisaties in het netwerk. Hoe meer leden, hoe meer mensen kunnen helpen; met minder dan 10 leden is een netwerk klein en kwetsbaar.')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

from mapping.core.model import CaseData
from mapping.core.numbers import decimal
from mapping.core.vocabulary import (
    EntityKind,
    Sector,
    SupportType,
    Valence,
    label,
    sector_for_system,
)
from mapping.lenses.sociogram import (
    Member,
    acquaintances,
    members,
    tie_weight,
    unplaced_members,
    valence_of,
)

TOP = 3


@dataclass
class NetworkMetrics:
    """The numbers of one netwerkkaart (ego excluded from the structural ones)."""

    ego_id: str
    size: int = 0
    per_sector: dict[Sector, int] = field(default_factory=dict)
    professionals: int = 0
    informal: int = 0
    density: float = 0.0
    components: list[list[str]] = field(default_factory=list)
    isolated: list[str] = field(default_factory=list)
    betweenness: dict[str, float] = field(default_factory=dict)
    brokers: list[tuple[str, float]] = field(default_factory=list)
    strongest: list[tuple[str, float]] = field(default_factory=list)
    burdening: list[str] = field(default_factory=list)
    reciprocal: int = 0
    names: dict[str, str] = field(default_factory=dict)
    unplaced: int = 0  # ties from the case on the map, not placed yet (not in the numbers)

    @property
    def professional_share(self) -> float:
        return self.professionals / self.size if self.size else 0.0

    @property
    def reciprocity(self) -> float:
        """Share of ego's ties that are reciprocal (0..1)."""
        return self.reciprocal / self.size if self.size else 0.0


def is_professional(member: Member) -> bool:
    """Professional help: placed in that sector, or a system of a professional kind."""
    if member.sector is Sector.PROFESSIONALS:
        return True
    entity = member.entity
    return (
        entity.kind is EntityKind.SYSTEM
        and entity.system_kind is not None
        and sector_for_system(entity.system_kind) is Sector.PROFESSIONALS
    )


def only_burdens(member: Member) -> bool:
    """A tie that costs more than it gives: valence burdening, or its only support is burden."""
    support = {SupportType(s) for s in member.tie.support}
    return valence_of(member.tie) is Valence.BURDENING or support == {SupportType.BURDEN}


def member_graph(data: CaseData, ego_id: str) -> nx.Graph:
    """The undirected graph of ego's members (nodes) and who knows whom (edges)."""
    graph = nx.Graph()
    graph.add_nodes_from(m.entity.id for m in members(data, ego_id))
    graph.add_edges_from((r.source, r.target) for r in acquaintances(data, ego_id))
    return graph


def network_metrics(data: CaseData, ego_id: str) -> NetworkMetrics:
    """Measure ego's netwerkkaart (see the module docstring for what counts)."""
    the_members = members(data, ego_id)
    graph = member_graph(data, ego_id)
    metrics = NetworkMetrics(ego_id=ego_id, size=len(the_members))
    metrics.names = {m.entity.id: m.entity.name for m in the_members}
    metrics.per_sector = {s: sum(1 for m in the_members if m.sector is s) for s in Sector}
    metrics.professionals = sum(1 for m in the_members if is_professional(m))
    metrics.informal = metrics.size - metrics.professionals
    if graph.number_of_nodes() >= 2:
        metrics.density = nx.density(graph)
    order = {m.entity.id: i for i, m in enumerate(the_members)}
    metrics.components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    metrics.isolated = [n for n in order if graph.degree(n) == 0]
    metrics.betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() else {}
    ranked = sorted(metrics.betweenness.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    metrics.brokers = [(n, v) for n, v in ranked if v > 0][:TOP]
    weights = [(m.entity.id, tie_weight(m.tie)) for m in the_members]
    weights.sort(key=lambda kv: (-kv[1], order[kv[0]]))
    metrics.strongest = [(n, w) for n, w in weights if w > 0][:TOP]
    metrics.burdening = [m.entity.id for m in the_members if only_burdens(m)]
    metrics.reciprocal = sum(1 for m in the_members if m.tie.reciprocal)
    metrics.unplaced = len(unplaced_members(data, ego_id))
    return metrics


# ----------------------------------------------------------------- words
def number(value: float, lang: str = "nl", digits: int = 2) -> str:
    """A decimal number as the user writes it ('0,33' in Dutch).

    >>> number(1 / 3), number(1 / 3, "en")
    ('0,33', '0.33')
    """
    return decimal(value, digits, "en" if lang == "en" else "nl")


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


_FRACTIONS = {
    Fraction(1, 2): ("de helft", "half"),
    Fraction(1, 3): ("een derde", "a third"),
    Fraction(2, 3): ("twee derde", "two thirds"),
    Fraction(1, 4): ("een kwart", "a quarter"),
    Fraction(3, 4): ("driekwart", "three quarters"),
    Fraction(1, 5): ("een vijfde", "a fifth"),
}


def in_words(share: float, lang: str = "nl") -> str:
    """A share as a family would say it: 'een derde', 'de helft', 'ongeveer 40 %'.

    >>> in_words(0.33), in_words(0.5, "en"), in_words(0.41)
    ('een derde', 'half', 'ongeveer 41 %')
    >>> in_words(0.0), in_words(1.0)
    ('0 %', '100 %')
    """
    en = lang == "en"
    if share <= 0 or share >= 1:
        return percent(min(max(share, 0.0), 1.0))
    for fraction, (nl_text, en_text) in _FRACTIONS.items():
        if abs(share - float(fraction)) < 0.01:
            return en_text if en else nl_text
    return f"{'about' if en else 'ongeveer'} {percent(share)}"


def _names(metrics: NetworkMetrics, ids: list[str]) -> str:
    return ", ".join(metrics.names.get(i, i) for i in ids)


def explain(metrics: NetworkMetrics, lang: str = "nl") -> list[tuple[str, str, str]]:
    """``(measure, value, explanation)`` rows in plain language, Dutch or English.

    >>> m = NetworkMetrics("ego", size=3, density=1 / 3)
    >>> explain(m)[3]
    ('Dichtheid', '0,33', 'Een derde van alle paren leden kent elkaar (ego niet meegeteld). Een dicht netwerk geeft samenhang; in een dun netwerk staan mensen los van elkaar.')
    """
    en = lang == "en"
    m = metrics
    rows: list[tuple[str, str, str]] = []

    def row(nl: tuple[str, str], english: tuple[str, str], value: str) -> None:
        name, text = english if en else nl
        rows.append((name, value, text))

    row(
        (
            "Grootte",
            f"Er staan {m.size} mensen en organisaties in het netwerk. Hoe meer leden, hoe meer "
            "mensen kunnen helpen; met minder dan 10 leden is een netwerk klein en kwetsbaar.",
        ),
        (
            "Size",
            f"There are {m.size} people and organisations in the network. The more members, "
            "the more people can help; with fewer than 10 members a network is small and fragile.",
        ),
        str(m.size),
    )
    filled = [f"{label(s, lang)} {n}" for s, n in m.per_sector.items() if n]
    empty = [label(s, lang) for s, n in m.per_sector.items() if not n]
    row(
        (
            "Per sector",
            "Waar zit het netwerk? Lege sectoren laten zien waar steun ontbreekt"
            + (f"; leeg: {', '.join(empty)}." if empty else "; geen sector is leeg."),
        ),
        (
            "Per sector",
            "Where is the network? Empty sectors show where support is missing"
            + (f"; empty: {', '.join(empty)}." if empty else "; no sector is empty."),
        ),
        ", ".join(filled) or "–",
    )
    share = m.professional_share
    row(
        (
            "Professioneel en informeel",
            f"{in_words(share).capitalize()} van het netwerk bestaat uit hulpverleners "
            f"({m.professionals}), de rest ({m.informal}) is familie, vrienden, buren of "
            "collega's. Is meer dan de helft professioneel, dan leunt iemand vooral op betaalde "
            "hulp die ooit stopt.",
        ),
        (
            "Professional and informal",
            f"{in_words(share, 'en').capitalize()} of the network are professionals "
            f"({m.professionals}); the rest ({m.informal}) are family, friends, neighbours or "
            "colleagues. When more than half is professional, a person leans mainly on paid "
            "help that will end one day.",
        ),
        f"{m.professionals} / {m.size} ({percent(share)})" if m.size else "–",
    )
    row(
        (
            "Dichtheid",
            f"{in_words(m.density).capitalize()} van alle paren leden kent elkaar (ego niet "
            "meegeteld). Een dicht netwerk geeft samenhang; in een dun netwerk staan mensen los "
            "van elkaar.",
        ),
        (
            "Density",
            f"{in_words(m.density, 'en').capitalize()} of all pairs of members know each other "
            "(ego not counted). A dense network holds together; in a sparse one people stand "
            "apart.",
        ),
        number(m.density, lang),
    )
    row(
        (
            "Groepjes",
            f"Zonder ego valt het netwerk uiteen in {len(m.components)} groepje(s) die elkaar "
            "niet kennen. Veel losse groepjes betekent dat alles via ego loopt.",
        ),
        (
            "Components",
            f"Without ego the network falls apart into {len(m.components)} group(s) that do "
            "not know each other. Many separate groups mean everything runs through ego.",
        ),
        str(len(m.components)),
    )
    row(
        (
            "Losse leden",
            "Deze leden kennen niemand anders in het netwerk; alleen via ego is er contact."
            if m.isolated
            else "Iedereen kent minstens één ander lid van het netwerk.",
        ),
        (
            "Isolated members",
            "These members know nobody else in the network; contact runs only through ego."
            if m.isolated
            else "Everyone knows at least one other member of the network.",
        ),
        _names(m, m.isolated) or "–",
    )
    brokers = ", ".join(f"{m.names.get(n, n)} ({number(v, lang)})" for n, v in m.brokers)
    row(
        (
            "Verbinders",
            "Deze leden houden het netwerk bij elkaar (betweenness): zij staan tussen mensen "
            "die elkaar anders niet zouden kennen. Valt zo iemand weg, dan raken anderen elkaar "
            "kwijt."
            if m.brokers
            else "Niemand staat tussen anderen in: er zijn geen verbinders.",
        ),
        (
            "Connectors",
            "These members hold the network together (betweenness): they stand between people "
            "who would not know each other otherwise. If one drops out, others lose touch."
            if m.brokers
            else "Nobody stands between others: there are no connectors.",
        ),
        brokers or "–",
    )
    strongest = ", ".join(f"{m.names.get(n, n)} ({number(w, lang, 1)})" for n, w in m.strongest)
    row(
        (
            "Sterkste steun",
            "Deze relaties dragen de meeste steun: het aantal soorten steun maal hoe vaak er "
            "contact is. Zij zijn de steunpilaren.",
        ),
        (
            "Strongest support",
            "These ties carry most support: the number of kinds of support times how often "
            "there is contact. They are the pillars of support.",
        ),
        strongest or "–",
    )
    row(
        (
            "Alleen belastend",
            "Deze relaties kosten vooral energie en geven weinig terug. Bespreek of ze lichter "
            "kunnen of meer afstand nodig hebben."
            if m.burdening
            else "Geen enkele relatie is alleen belastend.",
        ),
        (
            "Only burdening",
            "These ties mainly cost energy and give little back. Discuss whether they can be "
            "lightened or need more distance."
            if m.burdening
            else "No tie is only a burden.",
        ),
        _names(m, m.burdening) or "–",
    )
    row(
        (
            "Wederkerigheid",
            f"In {in_words(m.reciprocity)} van de relaties is er geven en nemen over en weer. "
            "Wederkerige relaties houden langer stand dan relaties waarin alleen ego ontvangt.",
        ),
        (
            "Reciprocity",
            f"In {in_words(m.reciprocity, 'en')} of the ties there is give and take both ways. "
            "Reciprocal ties last longer than ties in which ego only receives.",
        ),
        f"{m.reciprocal} / {m.size} ({percent(m.reciprocity)})" if m.size else "–",
    )
    if m.unplaced:
        row(
            (
                "Nog niet geplaatst",
                f"{m.unplaced} banden uit de casus (familie, bekenden, organisaties) staan met "
                "een stippellijn op de kaart maar tellen hierboven niet mee. Plaats ze (sector, "
                "ring, soorten steun) om ze mee te tellen.",
            ),
            (
                "Not placed yet",
                f"{m.unplaced} ties from the case (family, acquaintances, organisations) are on "
                "the map with a dotted line but are not counted above. Place them (sector, "
                "ring, kinds of support) to count them.",
            ),
            str(m.unplaced),
        )
    return rows


__all__ = [
    "NetworkMetrics",
    "explain",
    "in_words",
    "is_professional",
    "member_graph",
    "network_metrics",
    "number",
    "only_burdens",
]
