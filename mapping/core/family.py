"""Family logic for building a genogram in conversation: who the parents are, who asks what.

A casemanager at the kitchen table says "this is Wilma, Henk's wife" or
"they have a son, Noah". This module turns such a sentence into records,
and says what must be asked before anything is stored:

- :func:`children_to_ask`: adding a partner to someone with children asks,
  for each child, whether the partner is also a parent
  (:data:`PARENT_ROLES`: biological, adoptive, foster, or step: a
  step-parent gets no parent-child line, the partnership with the parent
  says it);
- :func:`default_parents`: "als kind van" starts at the selected person's
  couple (or the selected person alone), never at the first couple of the case;
- :func:`quick_records`: the records of a person added on the map from a
  selected symbol as partner, child, parent or sibling, with only the
  facts that matter.

Pure functions over :class:`mapping.core.model.CaseData`; no Streamlit.

>>> from mapping.core.model import Case
>>> henk = Entity("henk", "Henk", sex=Sex.MALE)
>>> marieke = Entity("marieke", "Marieke", sex=Sex.FEMALE, birth="2010")
>>> data = CaseData(Case("c", "C-1", "Henk"), [henk, marieke],
...                 [Relation("r1", RelationKind.PARENT_CHILD, "henk", "marieke", "biological")])
>>> children_to_ask(data, "henk")
['marieke']
>>> records = quick_records(data, "henk", "partner", "Wilma", sex="f",
...                         children={"marieke": "step"})
>>> [type(r).__name__ for r in records], records[1].kind.value
(['Entity', 'Relation'], 'partnership')
"""

from __future__ import annotations

from mapping.core.errors import InvalidInput
from mapping.core.model import CaseData, Entity, Relation, new_id
from mapping.core.vocabulary import ChildLink, PartnershipStatus, RelationKind, Sex

#: what a new partner is to each child of the person: (Dutch, English) label and the
#: ChildLink stored (None: no parent-child line; the partnership with the parent shows it)
PARENT_ROLES: dict[str, tuple[tuple[str, str], ChildLink | None]] = {
    "step": (("niet de ouder (stiefouder)", "not the parent (step-parent)"), None),
    "biological": (("biologische ouder", "biological parent"), ChildLink.BIOLOGICAL),
    "adopted": (("adoptieouder", "adoptive parent"), ChildLink.ADOPTED),
    "foster": (("pleegouder", "foster parent"), ChildLink.FOSTER),
}

#: how a person added on the map stands to the selected person: (Dutch, English)
QUICK_KINDS: dict[str, tuple[str, str]] = {
    "partner": ("Partner", "Partner"),
    "child": ("Kind", "Child"),
    "parent": ("Ouder", "Parent"),
    "sibling": ("Broer of zus", "Sibling"),
}

#: partnerships that have ended: a child is more likely of a current couple
ENDED = {PartnershipStatus.DIVORCED.value, PartnershipStatus.SEPARATED.value}


def role_label(role: str, lang: str = "nl") -> str:
    """The label of a :data:`PARENT_ROLES` answer in ``lang``."""
    nl, en = PARENT_ROLES[role][0]
    return en if lang == "en" else nl


def _birth_key(data: CaseData, person_id: str) -> tuple:
    entity = data.entity_map().get(person_id)
    birth = entity.birth if entity else ""
    return (not birth, birth, entity.name.lower() if entity else person_id)


def parents_of(data: CaseData, person_id: str) -> dict[str, str]:
    """{parent id: ChildLink value} of ``person_id``."""
    return {
        r.source: r.subtype or ChildLink.BIOLOGICAL.value
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == person_id
    }


def children_of(data: CaseData, person_id: str) -> list[str]:
    """The children of ``person_id``, eldest first (unknown birth last)."""
    found = {
        r.target
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.source == person_id
    }
    return sorted(found, key=lambda pid: _birth_key(data, pid))


def couples_of(data: CaseData, person_id: str) -> list[Relation]:
    """The partnerships of ``person_id``, the current one first.

    Current: not divorced or separated; among those (and among the ended
    ones) the latest start first, a couple without a start after those with one.
    """
    found = [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and person_id in (r.source, r.target)
    ]
    order = {r.id: i for i, r in enumerate(found)}
    return sorted(
        found,
        key=lambda r: (r.subtype in ENDED, not r.start, _negate(r.start), -order[r.id]),
    )


def _negate(text: str) -> str:
    """A key that sorts ISO dates from late to early."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def children_to_ask(data: CaseData, person_id: str, partner_id: str = "") -> list[str]:
    """The children of ``person_id`` of whom a new partner could also be a parent.

    Every child of ``person_id`` that ``partner_id`` is not a parent of yet
    and that has fewer than two parents (a child with a father and a mother
    in the genogram does not get a third by a new partnership).
    """
    return [
        child
        for child in children_of(data, person_id)
        if child != partner_id
        and partner_id not in parents_of(data, child)
        and len(parents_of(data, child)) < 2
    ]


def partner_child_records(
    data: CaseData, partner_id: str, answers: dict[str, str]
) -> list[Relation]:
    """The parent-child lines for a partner's answers {child id: PARENT_ROLES key}.

    'step' (and an unknown answer) stores no line; a line that exists is not doubled.
    """
    records = []
    for child, answer in answers.items():
        link = PARENT_ROLES.get(answer, (None, None))[1]
        if link is None or partner_id in parents_of(data, child):
            continue
        records.append(Relation(new_id(), RelationKind.PARENT_CHILD, partner_id, child, link.value))
    return records


def single_parent(data: CaseData, child_id: str) -> str | None:
    """The one parent of ``child_id`` when the genogram has exactly one, else None.

    A second parent added "als ouder van" the child is asked about a couple
    with this parent, so the child hangs from the couple, not from two
    loose parents.
    """
    found = parents_of(data, child_id)
    return next(iter(found)) if len(found) == 1 else None


def parent_choices(data: CaseData) -> list[str]:
    """The parents a new child can have: every couple ('couple:<id>'), every person ('person:<id>')."""
    couples = [f"couple:{r.id}" for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    people = sorted((e for e in data.entities if e.is_person), key=lambda e: e.name.lower())
    return couples + [f"person:{e.id}" for e in people]


def default_parents(data: CaseData, selected_id: str | None) -> str | None:
    """Where "als kind van" starts: the selected person's current couple, else that person alone.

    None when nobody is selected: the form then asks instead of guessing.

    >>> from mapping.core.model import Case
    >>> people = [Entity(p, p) for p in ("ahmed", "marieke", "henk", "wilma")]
    >>> data = CaseData(Case("c", "C-1", "t"), people, [
    ...     Relation("r1", RelationKind.PARTNERSHIP, "ahmed", "marieke", "married"),
    ...     Relation("r2", RelationKind.PARTNERSHIP, "henk", "wilma", "married")])
    >>> default_parents(data, "wilma"), default_parents(data, "ahmed")
    ('couple:r2', 'couple:r1')
    >>> default_parents(data, None) is None
    True
    """
    if not selected_id:
        return None
    couples = couples_of(data, selected_id)
    if couples:
        return f"couple:{couples[0].id}"
    return f"person:{selected_id}"


def parents_from_choice(data: CaseData, choice: str | None) -> list[str]:
    """The parent ids a :func:`parent_choices` value names ([] for None or an unknown one)."""
    if not choice or ":" not in choice:
        return []
    kind, ref = choice.split(":", 1)
    if kind == "couple":
        couple = next(
            (r for r in data.relations if r.id == ref and r.kind is RelationKind.PARTNERSHIP),
            None,
        )
        return [couple.source, couple.target] if couple else []
    return [ref] if ref in data.entity_map() else []


def _year(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if not (text.isdigit() and len(text) == 4):
        raise InvalidInput(
            "Geboortejaar: '{text}' is geen jaartal; schrijf vier cijfers, bijv. 1984.",
            text=text,
        )
    return text


def quick_records(
    data: CaseData,
    anchor_id: str,
    kind: str,
    name: str,
    *,
    sex: str = Sex.UNKNOWN.value,
    birth: str = "",
    parents: str | None = None,
    status: str = PartnershipStatus.UNKNOWN.value,
    children: dict[str, str] | None = None,
    couple: str = "",
) -> list:
    """The records of a person added on the map next to ``anchor_id``, as one save.

    ``kind`` is a :data:`QUICK_KINDS` key:

    - 'partner': a partnership with ``status`` (by default 'unknown': the
      user said "partner", not "married"); ``children`` answers, per child
      of the anchor, whether the partner is also a parent (:data:`PARENT_ROLES`);
    - 'child': a biological child of ``parents`` (a :func:`parent_choices`
      value; by default :func:`default_parents` of the anchor);
    - 'parent': a biological parent of the anchor; ``couple`` (a
      PartnershipStatus value, '' for none) makes the new parent a couple with
      the anchor's one other parent (:func:`single_parent`);
    - 'sibling': a child of the anchor's parents, with the same kind of link.

    ``birth`` is a year or ''. Raises :class:`InvalidInput` (Dutch and
    English) for an empty name, a year that is none, or a sibling of a
    person without parents.

    >>> from mapping.core.model import Case
    >>> data = CaseData(Case("c", "C-1", "t"), [Entity("noah", "Noah")])
    >>> quick_records(data, "noah", "sibling", "Lotte")
    Traceback (most recent call last):
    ...
    mapping.core.errors.InvalidInput: Noah heeft nog geen ouders in het genogram: voeg eerst een ouder toe, dan hangt een broer of zus aan dezelfde ouders.
    """
    entity_map = data.entity_map()
    anchor = entity_map.get(anchor_id)
    if anchor is None or kind not in QUICK_KINDS:
        raise InvalidInput("Kies eerst een persoon op de kaart.")
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Vul een naam in.")
    person = Entity(new_id(), name, sex=Sex(sex or Sex.UNKNOWN.value), birth=_year(birth))
    records: list = [person]
    if kind == "partner":
        records.append(
            Relation(
                new_id(),
                RelationKind.PARTNERSHIP,
                anchor_id,
                person.id,
                PartnershipStatus(status).value,
            )
        )
        records += partner_child_records(data, person.id, children or {})
    elif kind == "child":
        chosen = parents if parents is not None else default_parents(data, anchor_id)
        for parent in parents_from_choice(data, chosen) or [anchor_id]:
            records.append(
                Relation(
                    new_id(),
                    RelationKind.PARENT_CHILD,
                    parent,
                    person.id,
                    ChildLink.BIOLOGICAL.value,
                )
            )
    elif kind == "parent":
        records.append(
            Relation(
                new_id(),
                RelationKind.PARENT_CHILD,
                person.id,
                anchor_id,
                ChildLink.BIOLOGICAL.value,
            )
        )
        other = single_parent(data, anchor_id)
        if other and couple:
            records.append(
                Relation(
                    new_id(),
                    RelationKind.PARTNERSHIP,
                    other,
                    person.id,
                    PartnershipStatus(couple).value,
                )
            )
    else:
        shared = parents_of(data, anchor_id)
        if not shared:
            raise InvalidInput(
                "{name} heeft nog geen ouders in het genogram: voeg eerst een ouder toe, dan "
                "hangt een broer of zus aan dezelfde ouders.",
                name=anchor.name,
            )
        for parent, link in sorted(shared.items()):
            records.append(Relation(new_id(), RelationKind.PARENT_CHILD, parent, person.id, link))
    return records
