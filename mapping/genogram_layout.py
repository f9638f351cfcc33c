"""Where the people of a genogram go: family structure in, positions out.

:func:`family_structure` reads the couples, families (children with their
parents) and twins from a case; :func:`place` hands that structure to
Graphviz ``dot`` once and reads back one position per person and per union
point. Drawing the connectors is :mod:`mapping.genogram`'s job.

Only generated ids (``n0``, ``u3``) ever reach ``dot``, never names, so no
user text can break the graph source; :func:`dot_id` is the one quoting
helper all ids pass through anyway.

>>> dot_id("n1"), dot_id('a "b"')
('"n1"', '"a \\\\"b\\\\""')
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from .errors import RenderError
from .model import CaseData, Entity, Relation
from .vocabulary import ChildLink, PartnershipStatus, RelationKind

#: Relation kinds that make a person part of the genogram.
GENOGRAM_KINDS = (
    RelationKind.PARTNERSHIP,
    RelationKind.PARENT_CHILD,
    RelationKind.TWIN,
    RelationKind.EMOTIONAL,
)

#: Which parents a child hangs from when several are recorded.
_LINK_PREFERENCE = {ChildLink.BIOLOGICAL: 0, ChildLink.ADOPTED: 1, ChildLink.FOSTER: 2}

# Geometry in drawing units (dot works in points; we keep 1 pt = 1 unit).
NODE_WIDTH = 112.0  # room for a name under the symbol
NODE_HEIGHT = 44.0
NODE_SEP = 16.0
ROW_HEIGHT = 175.0  # symbol, name, years, notes, couple line and sibling bar
DOT_TIMEOUT = 60


@dataclass
class Couple:
    """Two partners joined by one union point (a partnership, or implied by a shared child)."""

    id: str
    left: str
    right: str
    relation: Relation | None = None
    status: PartnershipStatus = PartnershipStatus.RELATIONSHIP
    adjacent: bool = True  # False when other people stand between the partners
    depth: int = 0  # 0 = couple line right under the symbols; deeper for distant partners

    @property
    def members(self) -> tuple[str, str]:
        return (self.left, self.right)


@dataclass
class Family:
    """Children hanging from one couple or from one known parent."""

    id: str
    children: list[str]
    couple: Couple | None = None
    parent: str = ""  # the one parent when the other is unknown
    links: dict[str, ChildLink] = field(default_factory=dict)
    relations: dict[str, str] = field(default_factory=dict)  # child -> a parent_child relation id


@dataclass
class Structure:
    """The family structure of a genogram, ready to be placed."""

    people: dict[str, Entity]
    couples: list[Couple]
    families: list[Family]
    twins: list[tuple[list[str], Relation]]  # twin groups with one of their relations
    extra_links: list[Relation]  # parent links not drawn through the child's own family
    chains: list[list[str]]  # partners in left-to-right order, one list per partner group


def dot_id(text: str) -> str:
    """Quote ``text`` as a Graphviz ID (the one place ids are quoted)."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def genogram_people(data: CaseData) -> dict[str, Entity]:
    """The people the genogram shows: family and emotional ties, or no ties at all.

    Friends, neighbours and colleagues who are only tied by support or
    acquaintance belong in the netwerkkaart, not in the family tree.
    """
    persons = {e.id: e for e in data.entities if e.is_person}
    tied: set[str] = set()
    family: set[str] = set()
    for r in data.relations:
        tied.update((r.source, r.target))
        if r.kind in GENOGRAM_KINDS and r.source in persons and r.target in persons:
            family.update((r.source, r.target))
    return {pid: e for pid, e in persons.items() if pid in family or pid not in tied}


def _birth_key(entity: Entity, order: int) -> tuple:
    return (entity.birth or "9999", order)


def family_structure(data: CaseData, people: dict[str, Entity] | None = None) -> Structure:
    """Couples, families, twins and partner chains of the genogram's people."""
    people = people if people is not None else genogram_people(data)
    order = {pid: i for i, pid in enumerate(people)}

    # Couples: one per pair of partners (the latest partnership gives the style).
    couples: dict[frozenset, Couple] = {}
    partnerships = [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP
        and r.source in people
        and r.target in people
        and r.source != r.target
    ]
    partnerships.sort(key=lambda r: (r.start or "0000", r.id))
    for r in partnerships:
        pair = frozenset((r.source, r.target))
        try:
            status = PartnershipStatus(r.subtype)
        except ValueError:
            status = PartnershipStatus.RELATIONSHIP
        couples[pair] = Couple(id=r.id, left=r.source, right=r.target, relation=r, status=status)

    # Families: each child hangs from its preferred pair of parents.
    parent_links: dict[str, list[tuple[int, Relation]]] = {}
    for r in data.relations:
        if (
            r.kind is RelationKind.PARENT_CHILD
            and r.source in people
            and r.target in people
            and r.source != r.target
        ):
            try:
                link = ChildLink(r.subtype)
            except ValueError:
                link = ChildLink.BIOLOGICAL
            parent_links.setdefault(r.target, []).append((_LINK_PREFERENCE[link], r))
    families: dict[str, Family] = {}
    extra: list[Relation] = []
    for child, links in parent_links.items():
        links.sort(key=lambda item: (item[0], item[1].id))
        best = links[0][0]
        chosen = [r for pref, r in links if pref == best]
        parents = list(dict.fromkeys(r.source for r in chosen))
        pair = None
        for i, a in enumerate(parents):
            for b in parents[i + 1 :]:
                if frozenset((a, b)) in couples and pair is None:
                    pair = (a, b)
        if pair is None and len(parents) >= 2:
            pair = (parents[0], parents[1])
            key = frozenset(pair)
            couples[key] = Couple(id=f"implied:{pair[0]}:{pair[1]}", left=pair[0], right=pair[1])
        used = set(pair) if pair else {parents[0]}
        if pair:
            couple = couples[frozenset(pair)]
            family = families.setdefault(
                couple.id, Family(id=couple.id, children=[], couple=couple)
            )
        else:
            family = families.setdefault(
                f"single:{parents[0]}",
                Family(id=f"single:{parents[0]}", children=[], parent=parents[0]),
            )
        family.children.append(child)
        links_of_child = [
            ChildLink(r.subtype)
            if r.subtype in ChildLink._value2member_map_
            else ChildLink.BIOLOGICAL
            for r in chosen
            if r.source in used
        ]
        family.links[child] = max(links_of_child, key=lambda link: _LINK_PREFERENCE[link])
        family.relations[child] = next(r.id for r in chosen if r.source in used)
        extra += [r for _, r in links if r.source not in used]

    # Twins: groups of siblings tied by TWIN relations.
    twin_of: dict[str, str] = {}

    def root(pid: str) -> str:
        while twin_of.get(pid, pid) != pid:
            pid = twin_of[pid]
        return pid

    twin_relation: dict[str, Relation] = {}
    for r in data.relations:
        if r.kind is RelationKind.TWIN and r.source in people and r.target in people:
            a, b = root(r.source), root(r.target)
            if a != b:
                twin_of[b] = a
            twin_relation[root(r.source)] = r
    groups: dict[str, list[str]] = {}
    for pid in list(twin_of) + list(twin_of.values()):
        groups.setdefault(root(pid), [])
        if pid not in groups[root(pid)]:
            groups[root(pid)].append(pid)
    twins = [
        (sorted(members, key=lambda p: _birth_key(people[p], order[p])), twin_relation[key])
        for key, members in groups.items()
        if len(members) > 1 and key in twin_relation
    ]
    group_of = {pid: i for i, (members, _) in enumerate(twins) for pid in members}

    # Siblings in birth order, twins kept together (oldest on the left).
    for family in families.values():
        first_of_group: dict[int, tuple] = {}
        for child in family.children:
            key = _birth_key(people[child], order[child])
            if child in group_of:
                g = group_of[child]
                first_of_group[g] = min(first_of_group.get(g, key), key)
        family.children.sort(
            key=lambda c: (
                first_of_group.get(group_of.get(c, -1), _birth_key(people[c], order[c])),
                _birth_key(people[c], order[c]),
            )
        )

    sibling_pos: dict[str, float] = {}
    for family in families.values():
        n = len(family.children)
        for i, child in enumerate(family.children):
            sibling_pos[child] = i / (n - 1) if n > 1 else 0.5

    chains = _partner_chains(list(couples.values()), people, order, sibling_pos)
    return Structure(
        people=people,
        couples=list(couples.values()),
        families=list(families.values()),
        twins=twins,
        extra_links=extra,
        chains=chains,
    )


def _partner_chains(
    couples: list[Couple],
    people: dict[str, Entity],
    order: dict[str, int],
    sibling_pos: dict[str, float],
) -> list[list[str]]:
    """Order each group of partners left to right and orient every couple.

    A group that is a path (A-B-C-D, remarriages on both sides) keeps the
    path; a person with more partners stands among them in date order. The
    path is turned so that the youngest sibling of a family ends up on the
    left side of the chain (its brothers and sisters stand to its left) and
    the eldest on the right; a single couple puts the man left.
    """
    partners: dict[str, list[tuple[str, Couple]]] = {}
    for c in couples:
        partners.setdefault(c.left, []).append((c.right, c))
        partners.setdefault(c.right, []).append((c.left, c))
    for items in partners.values():
        items.sort(
            key=lambda item: (
                (item[1].relation.start if item[1].relation else "") or "9999",
                order[item[0]],
            )
        )
    seen: set[str] = set()
    chains: list[list[str]] = []
    for start in sorted(partners, key=order.get):
        if start in seen:
            continue
        component, stack = [], [start]
        seen.add(start)
        while stack:
            pid = stack.pop()
            component.append(pid)
            for other, _ in partners[pid]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        degree = {p: len(partners[p]) for p in component}
        ends = [p for p in component if degree[p] == 1]
        if max(degree.values()) <= 2 and len(ends) == 2:
            chain = [min(ends, key=order.get)]
            while len(chain) < len(component):
                nxt = [o for o, _ in partners[chain[-1]] if o not in chain]
                chain.append(nxt[0])
        else:
            hub = max(component, key=lambda p: (degree[p], -order[p]))
            mates = [o for o, _ in partners[hub]]
            chain = [mates[0], hub, *mates[1:]]
            chain += [p for p in sorted(component, key=order.get) if p not in chain]

        def score(seq: list[str]) -> float:
            n = len(seq)
            return sum(
                (sibling_pos[p] - 0.5) * (0.5 - i / (n - 1))
                for i, p in enumerate(seq)
                if p in sibling_pos
            )

        forward, backward = score(chain), score(chain[::-1])
        if backward > forward + 1e-9:
            chain.reverse()
        elif abs(backward - forward) <= 1e-9 and len(chain) == 2:
            if people[chain[0]].sex.value == "f" and people[chain[1]].sex.value == "m":
                chain.reverse()
        chains.append(chain)
        where = {p: i for i, p in enumerate(chain)}
        for c in couples:
            if c.left in where:
                a, b = sorted(c.members, key=where.get)
                c.left, c.right = a, b
                c.adjacent = where[b] - where[a] == 1
    # Distant couples of one person drop their line a little deeper each.
    for c in couples:
        if not c.adjacent:
            c.depth = 1 + sum(
                1
                for d in couples
                if not d.adjacent
                and d is not c
                and c.left in d.members
                and couples.index(d) < couples.index(c)
            )
    return chains


@dataclass
class Placement:
    """Positions from dot: people and union points, in drawing units."""

    people: dict[str, tuple[float, float]]
    unions: dict[str, tuple[float, float]]
    rows: dict[str, int]  # generation row per person (0 = top)


def dot_source(structure: Structure) -> tuple[str, dict[str, str]]:
    """The dot graph of a structure and the map from dot node name to person/couple id.

    People are fixed-size boxes, every couple a point between the partners
    in one rank, children hang from their parents' point in birth order
    (``ordering=out``), and each partner chain is held together by heavy
    invisible edges in the same rank.
    """
    names: dict[str, str] = {}
    node_of: dict[str, str] = {}
    for i, pid in enumerate(structure.people):
        names[f"n{i}"] = pid
        node_of[pid] = f"n{i}"
    union_of: dict[str, str] = {}
    for i, couple in enumerate(structure.couples):
        names[f"u{i}"] = couple.id
        union_of[couple.id] = f"u{i}"
    q = dot_id
    w, h = NODE_WIDTH / 72, NODE_HEIGHT / 72
    lines = [
        "digraph genogram {",
        f"graph [ordering=out, nodesep={NODE_SEP / 72:.3f}, ranksep=0.8, splines=false, outputorder=nodesfirst];",
        f'node [shape=box, fixedsize=true, width={w:.3f}, height={h:.3f}, label=""];',
        "edge [arrowhead=none];",
    ]
    lines += [q(node_of[pid]) + ";" for pid in structure.people]
    couples_by_pair = {frozenset(c.members): c for c in structure.couples}
    for couple in structure.couples:
        lines.append(f"{q(union_of[couple.id])} [shape=point, width=0.04, height=0.04];")
    for chain in structure.chains:
        members = [q(node_of[p]) for p in chain]
        seq: list[str] = [members[0]]
        for a, b in zip(chain, chain[1:], strict=False):
            couple = couples_by_pair.get(frozenset((a, b)))
            if couple is not None:
                seq.append(q(union_of[couple.id]))
            seq.append(q(node_of[b]))
        far = [q(union_of[c.id]) for c in structure.couples if not c.adjacent and c.left in chain]
        lines.append("{rank=same; " + " ".join(seq + far) + "}")
        for a, b in zip(seq, seq[1:], strict=False):
            lines.append(f"{a} -> {b} [weight=100, minlen=0];")
    for family in structure.families:
        tail = union_of[family.couple.id] if family.couple else node_of[family.parent]
        for child in family.children:
            lines.append(f"{q(tail)} -> {q(node_of[child])} [weight=4];")
    lines.append("}")
    return "\n".join(lines) + "\n", names


def run_dot(source: str, fmt: str = "plain") -> str:
    """Run ``dot -T<fmt>`` once on ``source``; any failure raises RenderError."""
    exe = shutil.which("dot")
    if exe is None:
        raise RenderError(
            "Graphviz ('dot') is niet geïnstalleerd; het genogram kan niet worden getekend.",
            "Graphviz ('dot') is not installed; the genogram cannot be drawn.",
        )
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise RenderError(
            f"Graphviz kon het genogram niet opmaken: {err}",
            f"Graphviz could not lay out the genogram: {err}",
        ) from err
    if done.returncode != 0 or not done.stdout.strip():
        detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise RenderError(
            f"Graphviz kon het genogram niet opmaken. {detail}",
            f"Graphviz could not lay out the genogram. {detail}",
        )
    return done.stdout.decode("utf-8", "replace")


def place(structure: Structure) -> Placement:
    """Lay the structure out with one dot call; y snaps to generation rows."""
    if not structure.people:
        return Placement({}, {}, {})
    source, names = dot_source(structure)
    raw: dict[str, tuple[float, float]] = {}
    for line in run_dot(source).splitlines():
        if line.startswith("node "):
            parts = line.split()
            name = parts[1].strip('"')
            raw[name] = (float(parts[2]) * 72, float(parts[3]) * 72)
    missing = [n for n in names if n not in raw]
    if missing:
        raise RenderError(
            "Graphviz gaf niet voor iedereen een plaats terug.",
            "Graphviz did not return a position for everyone.",
        )
    levels = sorted({round(y, 1) for y in (raw[n][1] for n in names)}, reverse=True)
    row_of = {y: i for i, y in enumerate(levels)}
    min_x = min(x for x, _ in raw.values())
    people: dict[str, tuple[float, float]] = {}
    unions: dict[str, tuple[float, float]] = {}
    rows: dict[str, int] = {}
    for name, (x, y) in raw.items():
        row = row_of[round(y, 1)]
        pos = (round(x - min_x, 1), row * ROW_HEIGHT)
        if name.startswith("n"):
            people[names[name]] = pos
            rows[names[name]] = row
        else:
            unions[names[name]] = pos
    return Placement(people, unions, rows)
