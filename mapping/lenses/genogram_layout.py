"""Where the people of a genogram go: family structure in, positions out.

:func:`family_structure` reads the couples, families (children with their
parents) and twins from a case; :func:`place` hands that structure to
Graphviz ``dot`` once and reads back one position per person and per union
point. Drawing the connectors is :mod:`mapping.lenses.genogram`'s job.

Only generated ids (``n0``, ``u3``) ever reach ``dot``, never names, so no
user text can break the graph source; :func:`dot_id` is the one quoting
helper all ids pass through anyway.

>>> dot_id("n1"), dot_id('a "b"')
('"n1"', '"a \\\\"b\\\\""')
"""

from __future__ import annotations

import atexit
import contextlib
import os
import selectors
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field

from mapping.core.errors import RenderError
from mapping.core.model import CaseData, Entity, Relation
from mapping.core.vocabulary import ChildLink, PartnershipStatus, RelationKind, Sex
from mapping.render.markup import text_width

try:  # POSIX only: a bigger pipe for a big graph; elsewhere dot reads it in turns
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

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
SYMBOL_ROOM = 40.0  # the genogram's symbol size: the couple's years stand between two symbols
ROW_HEIGHT = 175.0  # symbol, name, years, notes, couple line and sibling bar
DOT_TIMEOUT = 60
MAX_STARTS = 4  # starting points tried when ordering a family
LARGE_COMPONENT = 120  # blocks; beyond this one start and three sweeps are enough


@dataclass
class Couple:
    """Two partners joined by one union point (a partnership, or implied by a shared child)."""

    id: str
    left: str
    right: str
    relation: Relation | None = None
    #: a couple implied by a shared child, or stored without a status, claims none
    status: PartnershipStatus = PartnershipStatus.UNKNOWN
    adjacent: bool = True  # False when other people stand between the partners
    depth: int = 0  # 0 = couple line right under the symbols; deeper for distant partners
    shared: frozenset[str] = frozenset()  # members with another partner on the same row
    earlier: tuple[Relation, ...] = ()  # earlier partnerships of the same two (remarried)

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
    rank: dict[str, int] = field(default_factory=dict)  # generation row per person
    rows: list[list[list[str]]] = field(default_factory=list)  # rows -> blocks -> people
    widths: dict[str, float] = field(default_factory=dict)  # room a person's labels need
    couple_labels: dict[str, float] = field(default_factory=dict)  # couple id -> label width
    text_scale: float = 1.0  # the renderer's text scale the widths were measured at
    row_height: float = ROW_HEIGHT  # distance between generations


def wrap(text: str, size: float, room: float, max_lines: int = 2) -> list[str]:
    """``text`` broken at spaces into at most ``max_lines`` lines that fit ``room`` if they can.

    Words are kept whole; lines are balanced (a long name splits near its
    middle, not after the first word).

    >>> wrap("Astrid Shermanna Augusta Smith", 12, 104)
    ['Astrid Shermanna', 'Augusta Smith']
    >>> wrap("Jan", 12, 104)
    ['Jan']
    """
    if text_width(text, size) <= room or " " not in text.strip():
        return [text]
    words = text.split()
    best: list[str] = [text]
    best_width = text_width(text, size)
    for lines in range(2, max_lines + 1):
        for cuts in _cuts(len(words), lines):
            parts = [
                " ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)
            ]
            widest = max(text_width(p, size) for p in parts)
            if widest < best_width - 0.01:
                best, best_width = parts, widest
        if best_width <= room:
            break
    return best


def _cuts(n: int, lines: int) -> list[tuple[int, ...]]:
    """Every way to cut ``n`` words into ``lines`` non-empty runs (as cut positions)."""
    if lines == 1:
        return [()]
    out = []
    for first in range(1, n - lines + 2):
        out += [(first, *(first + c for c in rest)) for rest in _cuts(n - first, lines - 1)]
    return out


def dot_id(text: str) -> str:
    """Quote ``text`` as a Graphviz ID (the one place ids are quoted)."""
    text = str(text)
    if text.isalnum():
        return f'"{text}"'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_GENOGRAM_KINDS = frozenset(GENOGRAM_KINDS)  # found by hash, not by Vocab.__eq__ one by one


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
        if r.kind in _GENOGRAM_KINDS and r.source in persons and r.target in persons:
            family.update((r.source, r.target))
    return {pid: e for pid, e in persons.items() if pid in family or pid not in tied}


def _link(subtype: str) -> ChildLink:
    """The ChildLink of a parent-child subtype; unknown values count as biological."""
    if type(subtype) is ChildLink:
        return subtype  # already one (no slow str-enum comparison in a dict lookup)
    return _LINKS.get(subtype, ChildLink.BIOLOGICAL)


_LINKS = {link.value: link for link in ChildLink}
_STATUSES = {status.value: status for status in PartnershipStatus}


def _status(subtype: str) -> PartnershipStatus:
    """The PartnershipStatus of a partnership subtype; '' and unknown values claim none.

    A couple stored without a status (a GEDCOM family without events, imported
    before :attr:`PartnershipStatus.UNKNOWN` existed) is drawn as that, never
    as a relationship a user chose.
    """
    if type(subtype) is PartnershipStatus:
        return subtype
    return _STATUSES.get(subtype, PartnershipStatus.UNKNOWN)


def _preference_and_id(item: tuple) -> tuple:
    return item[0], item[1]


def _strongest(links: list[tuple]) -> ChildLink:
    return max((item[3] for item in links), key=_LINK_PREFERENCE.__getitem__)


def _birth_key(entity: Entity, order: int) -> tuple:
    # a pseudonymised copy holds an age band, not a date: it lists its people in birth order
    return (entity.birth if entity.birth_year is not None else "9999", order)


def family_structure(
    data: CaseData, people: dict[str, Entity] | None = None, *, depths: bool = True
) -> Structure:
    """Couples, families, twins and partner chains of the genogram's people.

    ``depths=False`` leaves the couple lines' levels (which dot does not need)
    for :func:`couple_depths`: the genogram works them out while dot works.
    """
    people = people if people is not None else genogram_people(data)
    order = {pid: i for i, pid in enumerate(people)}

    # One pass over the relations between people of the genogram, by kind (a case's
    # relations are mostly these three); a tie of someone with themself counts only
    # for twins, where it groups no one.
    partnerships: list[Relation] = []
    parent_links: dict[str, list[tuple[int, str, Relation, ChildLink]]] = {}
    twin_ties: list[Relation] = []
    for r in data.relations:
        kind, source, target = r.kind, r.source, r.target
        if source not in people or target not in people:
            continue
        if kind is RelationKind.TWIN:
            twin_ties.append(r)
        elif source == target:
            continue
        elif kind is RelationKind.PARENT_CHILD:
            link = _link(r.subtype)
            parent_links.setdefault(target, []).append((_LINK_PREFERENCE[link], r.id, r, link))
        elif kind is RelationKind.PARTNERSHIP:
            partnerships.append(r)

    # Couples: one per pair of partners (the latest partnership gives the style; the
    # earlier ones of a couple that married again are kept for the years on the line).
    couples: dict[frozenset, Couple] = {}
    partnerships.sort(key=lambda r: (r.start or "0000", r.id))
    for r in partnerships:
        pair = frozenset((r.source, r.target))
        status = _status(r.subtype)
        before = couples.get(pair)
        earlier = (*before.earlier, before.relation) if before and before.relation else ()
        couples[pair] = Couple(
            id=r.id, left=r.source, right=r.target, relation=r, status=status, earlier=earlier
        )

    # Families: each child hangs from its preferred pair of parents.
    families: dict[str, Family] = {}
    extra: list[Relation] = []
    for child, links in parent_links.items():
        if len(links) > 1:
            links.sort(key=_preference_and_id)
        best = links[0][0]
        chosen = [item for item in links if item[0] == best]
        parents = list(dict.fromkeys(item[2].source for item in chosen))
        pair = None
        for i, a in enumerate(parents):
            for b in parents[i + 1 :]:
                if frozenset((a, b)) in couples:
                    pair = (a, b)
                    break
            if pair is not None:
                break
        if pair is None and len(parents) >= 2:
            pair = (parents[0], parents[1])
            key = frozenset(pair)
            couples[key] = Couple(id=f"implied:{pair[0]}:{pair[1]}", left=pair[0], right=pair[1])
        used = pair or (parents[0],)
        if pair:
            couple = couples[frozenset(pair)]
            family = families.get(couple.id)
            if family is None:
                family = families[couple.id] = Family(id=couple.id, children=[], couple=couple)
        else:
            key = f"single:{parents[0]}"
            family = families.get(key)
            if family is None:
                family = families[key] = Family(id=key, children=[], parent=parents[0])
        family.children.append(child)
        mine = [item for item in chosen if item[2].source in used]
        # the strongest-preferred link of the chosen parents (all share the best preference)
        family.links[child] = mine[0][3] if len(mine) == 1 else _strongest(mine)
        family.relations[child] = mine[0][1]
        if len(links) > len(mine):
            # other parents, and a drawn parent's other kind of link (a birth father who
            # also adopted): each is drawn straight from that parent, in its own style
            drawn = {item[1] for item in mine}
            extra += [item[2] for item in links if item[1] not in drawn]

    # Twins: groups of siblings tied by TWIN relations.
    twin_of: dict[str, str] = {}

    def root(pid: str) -> str:
        while twin_of.get(pid, pid) != pid:
            pid = twin_of[pid]
        return pid

    twin_relation: dict[str, Relation] = {}
    for r in twin_ties:
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

    rank = generation_ranks(people, list(couples.values()), list(families.values()))
    same_row = [c for c in couples.values() if rank[c.left] == rank[c.right]]
    chains = _partner_chains(same_row, people, order, sibling_pos)
    structure = Structure(
        people=people,
        couples=list(couples.values()),
        families=list(families.values()),
        twins=twins,
        extra_links=extra,
        chains=chains,
        rank=rank,
    )
    structure.rows = order_rows(structure)
    index = {p: i for row in structure.rows for i, p in enumerate(p for b in row for p in b)}
    for couple in structure.couples:
        if rank[couple.left] == rank[couple.right]:
            couple.left, couple.right = sorted(couple.members, key=index.get)
            couple.adjacent = abs(index[couple.left] - index[couple.right]) == 1
    if depths:
        couple_depths(structure)
    return structure


def couple_depths(structure: Structure) -> None:
    """The level of every couple line of the structure (see :func:`_couple_depths`)."""
    rank = structure.rank
    _couple_depths([c for c in structure.couples if rank[c.left] == rank[c.right]])


def _couple_depths(couples: list[Couple]) -> None:
    """Give every couple line of a person with several partners its own level.

    Partners side by side have their lines right under the symbols, each
    on its own legs (see ``mapping.lenses.genogram.couple_legs``), so a gap under
    the person they share shows where one line ends and the next begins; a
    partner who stands further away gets a line below the ones in between,
    so two couple lines never merge into one line through a person.
    """
    by_member: dict[str, list[Couple]] = {}
    for c in couples:
        for m in c.members:
            by_member.setdefault(m, []).append(c)
    done: set[int] = set()

    def start(c: Couple) -> str:
        return (c.relation.start if c.relation else "") or "9999"

    for c in sorted(couples, key=lambda c: (not c.adjacent, start(c), c.id)):
        others = [d for m in c.members for d in by_member[m] if d is not c and id(d) in done]
        used = {d.depth for d in others}
        # Side by side, each couple has its own legs (and a gap under the person they
        # share); a partner further away gets a line below the ones in between.
        depth = 0 if c.adjacent else 1 + max(used, default=0)
        while depth in used and not c.adjacent:
            depth += 1
        c.depth = depth
        c.shared = frozenset(m for m in c.members if len(by_member[m]) > 1)
        done.add(id(c))


def _parents(family: Family) -> tuple[str, ...]:
    return family.couple.members if family.couple else (family.parent,)


def generation_ranks(
    people: dict[str, Entity], couples: list[Couple], families: list[Family]
) -> dict[str, int]:
    """Generation row per person (0 = top): partners share a row, children go one lower.

    A loop or a contradiction in the data (someone recorded as partner of
    their own grandchild) does not hang: the first tie found wins.
    """
    steps: dict[str, list[tuple[str, int]]] = {p: [] for p in people}
    for c in couples:
        steps[c.left].append((c.right, 0))
        steps[c.right].append((c.left, 0))
    for f in families:
        for parent in _parents(f):
            for child in f.children:
                steps[parent].append((child, 1))
                steps[child].append((parent, -1))
    rank: dict[str, int] = {}
    for start in people:
        if start in rank:
            continue
        component = {start: 0}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for other, step in steps[node]:
                if other not in component:
                    component[other] = component[node] + step
                    queue.append(other)
        low = min(component.values())
        rank.update({p: v - low for p, v in component.items()})
    return rank


def order_rows(structure: Structure, sweeps: int = 8) -> list[list[list[str]]]:
    """Left-to-right order of every generation row, as blocks of partners.

    Each family of the case (its partner chains and single people are the
    blocks) is ordered on its own: a depth-first walk gives a first order,
    then barycentre sweeps down and up move blocks under their parents and
    over their children and turn chains around, keeping siblings in birth
    order; the order with the fewest crossing family lines wins. Families
    that share no one stand side by side, the largest on the left.
    """
    rank = structure.rank
    blocks: list[list[str]] = [list(chain) for chain in structure.chains]
    in_chain = {p for b in blocks for p in b}
    blocks += [[p] for p in structure.people if p not in in_chain]
    block_of = {p: i for i, b in enumerate(blocks) for p in b}
    parent_family = {child: f for f in structure.families for child in f.children}
    families_of: dict[int, list[Family]] = {}
    for f in structure.families:
        families_of.setdefault(block_of[_parents(f)[0]], []).append(f)

    root = list(range(len(blocks)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for f in structure.families:
        for parent in _parents(f):
            for child in f.children:
                a, b = find(block_of[parent]), find(block_of[child])
                if a != b:
                    root[b] = a
    components: dict[int, list[int]] = {}
    for i in range(len(blocks)):
        components.setdefault(find(i), []).append(i)
    ordered = sorted(components.values(), key=lambda c: (-sum(len(blocks[i]) for i in c), c[0]))
    height = max(rank.values(), default=-1) + 1
    rows: list[list[list[str]]] = [[] for _ in range(height)]
    for component in ordered:
        part = _order_component(
            component, blocks, block_of, rank, parent_family, families_of, sweeps
        )
        for r, row in part.items():
            rows[r] += [blocks[b] for b in row]
    return rows


def _order_component(
    component: list[int],
    blocks: list[list[str]],
    block_of: dict[str, int],
    rank: dict[str, int],
    parent_family: dict[str, Family],
    families_of: dict[int, list[Family]],
    sweeps: int,
) -> dict[int, list[int]]:
    """Order one connected family: try a few starting points, keep the fewest crossings."""
    original = {b: list(blocks[b]) for b in component}
    rows: dict[int, list[int]] = {}
    pos: dict[str, float] = {}

    def depth_first(start: int) -> None:
        rows.clear()
        seen: set[int] = set()
        stack = [start]
        while stack:  # up to in-laws' parents first, then down to the children
            b = stack.pop()
            if b in seen:
                continue
            seen.add(b)
            rows.setdefault(rank[blocks[b][0]], []).append(b)
            nxt: list[int] = []
            for m in blocks[b]:
                if m in parent_family:
                    nxt += [block_of[p] for p in _parents(parent_family[m])]
            for f in families_of.get(b, []):
                nxt += [block_of[c] for c in f.children]
            stack += [n for n in reversed(nxt) if n not in seen]

    def measure(r: int) -> None:
        people = [p for b in rows[r] for p in blocks[b]]
        span = max(1, len(people) - 1)
        for i, p in enumerate(people):
            pos[p] = i / span

    def family_x(f: Family) -> float:
        parents = _parents(f)
        return sum(pos[p] for p in parents) / len(parents)

    def siblings_in_order(r: int) -> None:
        families = {}
        for b in rows[r]:
            for p in blocks[b]:
                if p in parent_family:
                    families[id(parent_family[p])] = parent_family[p]
        slot_of = {b: i for i, b in enumerate(rows[r])}
        for f in families.values():
            sib_blocks = list(dict.fromkeys(block_of[c] for c in f.children if rank[c] == r))
            if len(sib_blocks) < 2:
                continue
            slots = sorted(slot_of[b] for b in sib_blocks)
            for b, slot in zip(sib_blocks, slots, strict=True):
                rows[r][slot] = b
                slot_of[b] = slot

    def turn(b: int, pairs: list[tuple[float, float]]) -> None:
        score = 0
        for i, (u1, v1) in enumerate(pairs):
            for u2, v2 in pairs[i + 1 :]:
                d = (u2 - u1) * (v2 - v1)
                score += (d > 0) - (d < 0)
        if score < 0:
            blocks[b].reverse()

    def sweep(r: int, down: bool) -> None:
        keys: dict[int, float] = {}
        for b in rows[r]:
            pairs: list[tuple[float, float]] = []
            if down:
                for i, m in enumerate(blocks[b]):
                    f = parent_family.get(m)
                    if f and all(rank[p] == r - 1 for p in _parents(f)):
                        k, n = f.children.index(m), len(f.children)
                        pairs.append((i, family_x(f) + (k - (n - 1) / 2) * 1e-5))
            else:
                where = {p: i for i, p in enumerate(blocks[b])}
                for f in families_of.get(b, []):
                    below = [pos[c] for c in f.children if rank[c] == r + 1]
                    inside = [where[p] for p in _parents(f) if p in where]
                    if below and inside:
                        pairs.append((sum(inside) / len(inside), sum(below) / len(below)))
            if pairs:
                keys[b] = sum(v for _, v in pairs) / len(pairs)
                if len(blocks[b]) > 1:
                    turn(b, pairs)
            else:
                keys[b] = sum(pos[p] for p in blocks[b]) / len(blocks[b])
        rows[r].sort(key=keys.__getitem__)
        siblings_in_order(r)
        measure(r)

    def crossings() -> int:
        index = {}
        for row in rows.values():
            for i, p in enumerate(p for b in row for p in blocks[b]):
                index[p] = i
        total = 0
        for r, row in rows.items():
            edges = []
            for b in row:
                for f in families_of.get(b, []):
                    parents = _parents(f)
                    x = sum(index[p] for p in parents) / len(parents)
                    edges += [(x, index[c]) for c in f.children if rank[c] == r + 1]
            edges.sort()
            total += _inversions([c for _, c in edges])
        return total

    def snapshot() -> tuple[dict[int, list[int]], dict[int, list[str]]]:
        return {r: list(row) for r, row in rows.items()}, {b: list(blocks[b]) for b in component}

    top = min(rank[blocks[b][0]] for b in component)
    starts = [b for b in component if rank[blocks[b][0]] == top]
    starts = list(dict.fromkeys([starts[0], starts[-1], *starts[1 : MAX_STARTS - 1]]))
    if (
        len(component) > LARGE_COMPONENT
    ):  # a big family: fewer starts and sweeps, still few crossings
        starts, sweeps = starts[:1], min(sweeps, 3)
    best, best_count = None, None
    for start in starts:
        for b, members in original.items():
            blocks[b][:] = members
        depth_first(start)
        for r in rows:
            siblings_in_order(r)
            measure(r)
        levels = sorted(rows)
        count = crossings()
        if best_count is None or count < best_count:
            best, best_count = snapshot(), count
        for _ in range(sweeps):
            if best_count == 0:
                break
            for down in (True, False):
                for r in levels[1:] if down else levels[-2::-1]:
                    sweep(r, down)
                count = crossings()
                if count < best_count:
                    best, best_count = snapshot(), count
        if best_count == 0:
            break
    best_rows, best_blocks = best
    for b, members in best_blocks.items():
        blocks[b][:] = members
    return best_rows


def _inversions(values: list[int]) -> int:
    """Pairs out of order in ``values`` (merge sort, O(n log n))."""
    if len(values) < 2:
        return 0
    mid = len(values) // 2
    left, right = values[:mid], values[mid:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    j = 0
    for v in left:
        while j < len(right) and right[j] < v:
            j += 1
        count += j
    return count


def _partner_chains(
    couples: list[Couple],
    people: dict[str, Entity],
    order: dict[str, int],
    sibling_pos: dict[str, float],
) -> list[list[str]]:
    """Line up each group of partners left to right (order_rows may turn it around).

    A group that is a path (A-B-C-D, remarriages on both sides) keeps the
    path; a person with more partners stands among them in date order, the
    first partner on one side and the later ones on the other. A single
    couple starts with the man on the left.
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
                chain.append(next(o for o, _ in partners[chain[-1]] if o not in chain))
        else:
            hub = max(component, key=lambda p: (degree[p], -order[p]))
            mates = [o for o, _ in partners[hub]]
            chain = [mates[0], hub, *mates[1:]]
            chain += [p for p in sorted(component, key=order.get) if p not in chain]
        if (
            len(chain) == 2
            and people[chain[0]].sex is Sex.FEMALE
            and people[chain[1]].sex is Sex.MALE
        ):
            chain.reverse()
        chains.append(chain)
        where = {p: i for i, p in enumerate(chain)}
        for p in chain:
            for _, c in partners[p]:
                c.adjacent = abs(where[c.left] - where[c.right]) == 1
    return chains  # couple depths follow once the rows are ordered (_couple_depths)


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
    # the generated names quoted once (dot_id of "n12" is '"n12"'), not at every use
    q = {name: dot_id(name) for name in names}.__getitem__
    w, h = NODE_WIDTH / 72, NODE_HEIGHT / 72
    lines = [
        "digraph genogram {",
        f"graph [nodesep={NODE_SEP / 72:.3f}, ranksep=0.8, splines=false, outputorder=nodesfirst];",
        f'node [shape=box, fixedsize=true, width={w:.3f}, height={h:.3f}, label=""];',
        "edge [arrowhead=none];",
    ]
    for pid, width in structure.widths.items():
        if width > NODE_WIDTH and pid in node_of:
            lines.append(f"{q(node_of[pid])} [width={width / 72:.3f}];")
    couples_by_pair = {frozenset(c.members): c for c in structure.couples}
    with_union = set()
    firsts = []
    for row in structure.rows:
        seq: list[str] = []
        for block in row:
            seq.append(node_of[block[0]])
            for a, b in zip(block, block[1:], strict=False):
                couple = couples_by_pair.get(frozenset((a, b)))
                if couple is not None:
                    union = union_of[couple.id]
                    room = _union_room(structure.couple_labels.get(couple.id, 0.0))
                    # a point is as wide as it is high: wide room is an (invisible) box
                    shape = "point" if room <= 0.04 else "box"
                    lines.append(f"{q(union)} [shape={shape}, width={room:.2f}, height=0.04];")
                    lines.append(f"{q(seq[-1])} -> {q(union)} [weight=10];")
                    lines.append(f"{q(union)} -> {q(node_of[b])} [weight=10];")
                    with_union.add(couple.id)
                    seq.append(union)
                else:
                    lines.append(f"{q(seq[-1])} -> {q(node_of[b])} [style=invis, weight=1];")
                seq.append(node_of[b])
        if not seq:
            continue
        firsts.append(seq[0])
        lines.append("{rank=same; " + " ".join(q(n) for n in seq) + "}")
        # Blocks keep the order chosen by order_rows.
        ends = [node_of[block[-1]] for block in row[:-1]]
        starts = [node_of[block[0]] for block in row[1:]]
        for a, b in zip(ends, starts, strict=True):
            lines.append(f"{q(a)} -> {q(b)} [style=invis, weight=1];")
    for a, b in zip(firsts, firsts[1:], strict=False):
        lines.append(f"{q(a)} -> {q(b)} [style=invis, weight=1];")
    for family in structure.families:
        if family.couple and family.couple.id in with_union:
            tails = [union_of[family.couple.id]]
        else:
            tails = [node_of[p] for p in _parents(family)]
        for child in family.children:
            for tail in tails:
                lines.append(f"{q(tail)} -> {q(node_of[child])} [weight=4];")
    lines.append("}")
    return "\n".join(lines) + "\n", names


def _union_room(label_width: float) -> float:
    """Width (inches) of a couple's union point: a dot, unless the years on the couple line
    ('x 1911 // 1912  x 1914' of a couple that married again) need the partners further apart."""
    gap = NODE_WIDTH - SYMBOL_ROOM + 2 * NODE_SEP  # between two symbols side by side
    return max(0.04, (label_width + 12 - gap) / 72)


class DotRun:
    """One ``dot -T<fmt>`` process, started now, given its graph and read later.

    The genogram builds its symbols while dot works, so the Python side adds
    as little as possible to the time dot itself needs. Without a ``source``
    the process starts and waits for :meth:`send`: dot's own start-up (some
    milliseconds of loading before it reads a byte) then overlaps working out
    the graph. A run that is not sent its graph must be :meth:`stop`-ped. Any
    failure (dot missing, crashing, timing out or printing nothing) raises
    RenderError.

    Plain output (``-Tplain``) lists every node before the first edge, and
    the positions are all the genogram reads: once the first edge line (or
    the closing ``stop``) arrives, the answer is complete and dot is stopped
    instead of waited for while it prints a thousand edges nobody reads.
    """

    def __init__(
        self, source: str | None = None, fmt: str = "plain", *, exe: str | None = None
    ) -> None:
        exe = exe or shutil.which("dot")
        if exe is None:
            raise RenderError(
                "Graphviz ('dot') is niet geïnstalleerd; het genogram kan niet worden getekend.",
            )
        self.exe, self.fmt = exe, fmt
        self.keep_one_ready = False  # start the next layout's dot once this one answered
        try:
            self.process = subprocess.Popen(
                [exe, f"-T{fmt}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as err:
            raise _failed(str(err)) from err
        self._ends = _PLAIN_ENDS if fmt == "plain" else ()
        self._answer: tuple[bytes, bytes] | str = "timeout"
        self._complete = False  # the answer holds everything asked for (dot may be stopped)
        self._ready = threading.Event()
        self._talk: threading.Thread | None = None
        if source is not None:
            self.send(source)

    def send(self, source: str) -> None:
        """Give dot its graph; a thread reads the answer, so dot lays out while Python goes on.

        The graph is written here, at once, as far as the pipe takes it (made
        large enough for a graph of some thousands of people): a thread that
        had to write it would first wait for Python's lock (up to 5 ms, while
        the layout goes on building symbols), and dot with it. What does not
        fit the pipe the thread writes. The time limit (``DOT_TIMEOUT``) runs
        from here.
        """
        data = source.encode("utf-8")
        sent = self._write_now(data)
        self._talk = threading.Thread(target=self._converse, args=(data, sent))
        self._talk.daemon = True
        self._talk.start()

    def _write_now(self, data: bytes) -> int:
        """Write what the stdin pipe takes without waiting; close it when all is in."""
        stdin = self.process.stdin
        os.set_blocking(stdin.fileno(), False)
        if len(data) > _PIPE_SIZE and hasattr(fcntl, "F_SETPIPE_SZ"):  # False for None
            with contextlib.suppress(OSError):  # a system that caps pipes lower: no matter
                fcntl.fcntl(stdin.fileno(), fcntl.F_SETPIPE_SZ, min(len(data), _MAX_PIPE))
        try:
            sent = os.write(stdin.fileno(), data) if data else 0
        except BlockingIOError:
            sent = 0
        except BrokenPipeError:  # dot is gone: its answer (or none) says why
            sent = len(data)
        if sent >= len(data):
            stdin.close()
        return sent

    def stop(self) -> None:
        """End a dot that was never sent its graph (the layout failed before it could be)."""
        if self._talk is None:
            self._reap()

    def _reap(self) -> None:
        """Stop dot if it still runs, wait for it and close the pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()  # not communicate(): a child of dot may hold the pipes open
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            pipe.close()

    def _converse(self, source: bytes, sent: int) -> None:
        try:
            self._answer = self._exchange(source, sent)
        except OSError as err:  # dot died before it read everything
            self._answer = str(err)
        finally:
            self._ready.set()
            self._reap()  # stopped early or timed out, or ended by itself
            answered = self._complete or (
                isinstance(self._answer, tuple) and self.process.returncode == 0
            )
            if self.keep_one_ready and answered:  # now: a loading dot competes for the cores
                _keep_ready(self.exe, self.fmt)

    def _exchange(self, source: bytes, sent: int) -> tuple[bytes, bytes] | str:
        """Write the rest of the graph (from byte ``sent``) and read dot's answer, all
        three pipes at once (a dot that writes much to stderr while we write its graph
        cannot block us), until the answer is complete, the pipes close or
        ``DOT_TIMEOUT`` runs out."""
        process = self.process
        out, err = bytearray(), bytearray()
        deadline = time.monotonic() + DOT_TIMEOUT
        with selectors.DefaultSelector() as selector:
            if sent < len(source):
                selector.register(process.stdin, selectors.EVENT_WRITE)
            selector.register(process.stdout, selectors.EVENT_READ, out)
            selector.register(process.stderr, selectors.EVENT_READ, err)
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    return "timeout"
                for key, _ in selector.select(left):
                    if key.fileobj is process.stdin:
                        try:
                            sent += os.write(key.fd, source[sent : sent + 65536])
                        except BlockingIOError:
                            continue
                        except BrokenPipeError:  # dot stopped reading: its answer says why
                            sent = len(source)
                        if sent >= len(source):
                            selector.unregister(process.stdin)
                            process.stdin.close()
                        continue
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        selector.unregister(key.fileobj)
                        continue
                    buffer = key.data
                    seen = len(buffer)
                    buffer += chunk
                    if buffer is out and self._ends:
                        tail = out[max(0, seen - 8) :]
                        if any(end in tail for end in self._ends):
                            self._complete = True
                            return bytes(out), bytes(err)
        if time.monotonic() > deadline:
            return "timeout"
        try:
            process.wait(timeout=max(0.01, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return "timeout"
        return bytes(out), bytes(err)

    def result(self) -> str:
        if self._talk is None:
            raise ValueError("send() dot its graph before asking for the result")
        self._ready.wait()
        if isinstance(self._answer, str):
            raise _failed(self._answer)
        out, err = self._answer
        if not self._complete:
            self._talk.join()  # dot ended by itself: its exit code says how
            if self.process.returncode != 0 or not out.strip():
                raise _failed(err.decode("utf-8", "replace").strip()[-300:])
        return out.decode("utf-8", "replace")


_PIPE_SIZE = 65536  # Linux's default pipe capacity
_MAX_PIPE = 1 << 20  # the largest pipe Linux gives without privileges

_spare: list[DotRun] = []  # at most one dot, loaded and waiting for a graph
_spare_lock = threading.Lock()


def ready_dot() -> DotRun:
    """A dot for the genogram's next layout, with its graph still to be :meth:`~DotRun.send`.

    Dot needs some milliseconds to load before it reads a byte, more than it
    needs to lay out a family of twenty. So once a layout's dot has answered,
    the next one is started and left waiting for its graph: a redraw finds
    dot loaded. One waits at most; it is the same ``dot`` that ``PATH`` finds
    now, or it is stopped and a new one started. Raises RenderError as
    :class:`DotRun` does.
    """
    exe = shutil.which("dot")
    with _spare_lock:
        spare = _spare.pop() if _spare else None
    if spare is not None and (spare.exe != exe or spare.process.poll() is not None):
        spare.stop()
        spare = None
    run = spare or DotRun(exe=exe)
    run.keep_one_ready = True
    return run


def _keep_ready(exe: str, fmt: str) -> None:
    """Start the dot that :func:`ready_dot` hands out next, unless one is waiting."""
    with _spare_lock:
        if _spare:
            return
        try:
            _spare.append(DotRun(fmt=fmt, exe=exe))
        except RenderError:  # dot went away: the next layout says so itself
            pass


def drop_ready_dot() -> None:
    """Stop the waiting dot (at exit, and for measuring a layout without one)."""
    with _spare_lock:
        spare = _spare.pop() if _spare else None
    if spare is not None:
        spare.stop()


atexit.register(drop_ready_dot)


# In plain output every node comes before the first edge; "stop" ends it.
_PLAIN_ENDS = (b"\nedge ", b"\nstop\n")


def _failed(detail: str) -> RenderError:
    if not detail.strip():
        return RenderError("Graphviz kon het genogram niet opmaken.")
    return RenderError("Graphviz kon het genogram niet opmaken. {detail}", detail=detail.strip())


def run_dot(source: str, fmt: str = "plain") -> str:
    """Run ``dot -T<fmt>`` once on ``source``; any failure raises RenderError."""
    return DotRun(source, fmt).result()


def start_placement(
    structure: Structure, run: DotRun | None = None
) -> tuple[DotRun, dict[str, str]] | None:
    """Start dot on the structure; pass the result to :func:`finish_placement`.

    ``run``: a :class:`DotRun` started ahead without a graph; it is sent this
    one (or stopped, when there is no one to place).
    """
    if not structure.people:
        if run is not None:
            run.stop()
        return None
    source, names = dot_source(structure)
    if run is None:
        return DotRun(source), names
    run.send(source)
    return run, names


def finish_placement(structure: Structure, started) -> Placement:
    """Read dot's positions; x from dot, y from the generation row."""
    if started is None:
        return Placement({}, {}, {})
    run, names = started
    raw: dict[str, float] = {}
    text = run.result()
    edges = text.find("\nedge ")  # plain output lists every node before the first edge
    for line in (text if edges < 0 else text[:edges]).splitlines():
        if line.startswith("node "):
            parts = line.split(" ", 4)
            raw[parts[1].strip('"')] = float(parts[2]) * 72
    if any(n not in raw for n in names if n[0] == "n"):
        raise RenderError(
            "Graphviz gaf niet voor iedereen een plaats terug.",
        )
    min_x = min(raw.values())
    people: dict[str, tuple[float, float]] = {}
    unions: dict[str, tuple[float, float]] = {}
    for name, pid in names.items():
        if name not in raw:
            continue  # a couple without its own union point (partners not side by side)
        x = round(raw[name] - min_x, 1)
        if name[0] == "n":
            people[pid] = (x, structure.rank[pid] * structure.row_height)
        else:
            unions[pid] = (x, 0.0)
    return Placement(people, unions, dict(structure.rank))


def place(structure: Structure) -> Placement:
    """Lay the structure out with one dot call; y snaps to generation rows."""
    return finish_placement(structure, start_placement(structure))
