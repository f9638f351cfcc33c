"""Family logic that asks (mapping.core.family): partners and children, default parents, quick add."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.core.errors import InvalidInput
from mapping.core.family import (
    PARENT_ROLES,
    children_to_ask,
    couples_of,
    default_parents,
    parent_choices,
    parents_from_choice,
    partner_child_records,
    quick_records,
)
from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import ChildLink, RelationKind, Sex
from mapping.formats.gedcom import read_gedcom


def make_family() -> CaseData:
    """Henk with daughter Marieke (born 2010); Marieke married Ahmed; Henk's ex Els."""
    people = [
        Entity("henk", "Henk", sex=Sex.MALE, birth="1962"),
        Entity("els", "Els", sex=Sex.FEMALE, birth="1964"),
        Entity("marieke", "Marieke", sex=Sex.FEMALE, birth="1988"),
        Entity("tom", "Tom", sex=Sex.MALE, birth="1992"),
        Entity("ahmed", "Ahmed", sex=Sex.MALE, birth="1986"),
        Entity("wilma", "Wilma", sex=Sex.FEMALE, birth="1965"),
    ]
    relations = [
        Relation("pc1", RelationKind.PARENT_CHILD, "henk", "marieke", "biological"),
        Relation("pc2", RelationKind.PARENT_CHILD, "henk", "tom", "biological"),
        Relation("pc3", RelationKind.PARENT_CHILD, "els", "tom", "biological"),
        Relation("ex", RelationKind.PARTNERSHIP, "henk", "els", "divorced", start="1986"),
        Relation("now", RelationKind.PARTNERSHIP, "henk", "wilma", "married", start="2001"),
        Relation("young", RelationKind.PARTNERSHIP, "marieke", "ahmed", "married", start="2015"),
    ]
    return CaseData(Case("c1", "C-1", "Familie"), people, relations)


def test_a_new_partner_is_asked_about_each_child_with_fewer_than_two_parents():
    data = make_family()
    # Tom has Henk and Els: a new partner of Henk is not asked about him
    assert children_to_ask(data, "henk") == ["marieke"]
    assert children_to_ask(data, "els") == []  # Tom has two parents
    assert children_to_ask(data, "henk", "wilma") == ["marieke"]


def test_the_answers_become_parent_child_lines_step_stores_none():
    data = make_family()
    for answer, link in (
        ("biological", "biological"),
        ("adopted", "adopted"),
        ("foster", "foster"),
    ):
        [line] = partner_child_records(data, "wilma", {"marieke": answer})
        assert (line.kind, line.source, line.target, line.subtype) == (
            RelationKind.PARENT_CHILD,
            "wilma",
            "marieke",
            link,
        )
    assert partner_child_records(data, "wilma", {"marieke": "step"}) == []
    # an existing line is not doubled
    assert partner_child_records(data, "henk", {"marieke": "biological"}) == []
    assert {r[1] for r in PARENT_ROLES.values()} == {None, *ChildLink}


def test_the_current_couple_comes_before_the_ended_one():
    data = make_family()
    assert [r.id for r in couples_of(data, "henk")] == ["now", "ex"]


def test_als_kind_van_starts_at_the_selected_persons_couple_not_the_first_of_the_case():
    data = make_family()
    assert parent_choices(data)[0] == "couple:ex"  # what the old form picked
    assert default_parents(data, "wilma") == "couple:now"
    assert default_parents(data, "henk") == "couple:now"
    assert default_parents(data, "ahmed") == "couple:young"
    assert default_parents(data, "tom") == "person:tom"  # no partner: the person alone
    assert default_parents(data, None) is None
    assert parents_from_choice(data, "couple:now") == ["henk", "wilma"]
    assert parents_from_choice(data, "person:tom") == ["tom"]
    assert parents_from_choice(data, "couple:gone") == []


def _lines(records):
    return sorted(
        (r.kind.value, r.source, r.target, r.subtype) for r in records if isinstance(r, Relation)
    )


def test_quick_add_partner_with_the_answer_for_the_child():
    data = make_family()
    records = quick_records(
        data,
        "henk",
        "partner",
        " Greet ",
        sex="f",
        birth="1970",
        status="cohabiting",
        children={"marieke": "biological"},
    )
    person = records[0]
    assert (person.name, person.sex, person.birth) == ("Greet", Sex.FEMALE, "1970")
    assert _lines(records) == [
        ("parent_child", person.id, "marieke", "biological"),
        ("partnership", "henk", person.id, "cohabiting"),
    ]


def test_quick_add_child_of_the_selected_persons_couple_and_of_another_choice():
    data = make_family()
    child = quick_records(data, "wilma", "child", "Noah")
    assert _lines(child) == [
        ("parent_child", "henk", child[0].id, "biological"),
        ("parent_child", "wilma", child[0].id, "biological"),
    ]
    alone = quick_records(data, "wilma", "child", "Lotte", parents="person:wilma")
    assert _lines(alone) == [("parent_child", "wilma", alone[0].id, "biological")]
    assert alone[0].sex is Sex.UNKNOWN and alone[0].birth == ""


def test_quick_add_parent_and_sibling():
    data = make_family()
    parent = quick_records(data, "henk", "parent", "Jan", sex="m")
    assert _lines(parent) == [("parent_child", parent[0].id, "henk", "biological")]
    data.relations.append(Relation("ad", RelationKind.PARENT_CHILD, "els", "marieke", "adopted"))
    sibling = quick_records(data, "marieke", "sibling", "Sophie")
    assert _lines(sibling) == [
        ("parent_child", "els", sibling[0].id, "adopted"),
        ("parent_child", "henk", sibling[0].id, "biological"),
    ]


def test_a_second_parent_forms_a_couple_with_the_one_parent_there():
    data = make_family()  # Marieke has only Henk
    mother = quick_records(data, "marieke", "parent", "Els", sex="f", couple="divorced")
    assert _lines(mother) == [
        ("parent_child", mother[0].id, "marieke", "biological"),
        ("partnership", "henk", mother[0].id, "divorced"),
    ]
    loose = quick_records(data, "marieke", "parent", "Onbekend", couple="")
    assert _lines(loose) == [("parent_child", loose[0].id, "marieke", "biological")]
    # Tom has two parents: a third parent forms no couple with either
    third = quick_records(data, "tom", "parent", "Pleegvader", couple="unknown")
    assert _lines(third) == [("parent_child", third[0].id, "tom", "biological")]
    # a partner added without a status says nothing about marriage
    partner = quick_records(data, "tom", "partner", "Sil")
    assert _lines(partner) == [("partnership", "tom", partner[0].id, "unknown")]


@pytest.mark.parametrize(
    ("anchor", "kind", "name", "birth", "words"),
    [
        ("henk", "child", "  ", "", "Vul een naam in"),
        ("henk", "child", "Noah", "'98", "geen jaartal"),
        ("wilma", "sibling", "Kees", "", "Wilma heeft nog geen ouders"),
        ("nobody", "child", "Noah", "", "Kies eerst een persoon"),
    ],
)
def test_quick_add_refuses_with_a_dutch_message(anchor, kind, name, birth, words):
    with pytest.raises(InvalidInput) as caught:
        quick_records(make_family(), anchor, kind, name, birth=birth)
    assert words in caught.value.message("nl")


DATA = Path(__file__).parent / "data" / "gedcom"


def test_remarriage_in_a_public_file_starts_at_the_latest_couple():
    """GEDCOM.io's remarriage2.ged: John and Jane divorce (1912), he marries Mary (1913),
    then Jane again (1914): a child of John starts at the latest couple."""
    data = read_gedcom(DATA / "remarriage2.ged")
    names = {e.id: e.name for e in data.entities}
    john = next(pid for pid, name in names.items() if name.startswith("John"))
    couples = couples_of(data, john)
    assert [(c.subtype, c.start[:4]) for c in couples] == [
        ("married", "1914"),
        ("married", "1913"),
        ("divorced", "1911"),
    ]
    assert default_parents(data, john) == f"couple:{couples[0].id}"
    assert {names[p] for p in parents_from_choice(data, default_parents(data, john))} == {
        "John Q Public",
        "Jane Doe",
    }


def test_children_asked_about_in_a_public_tree_are_those_with_one_parent():
    """The Harry Potter sample: for every person, asked children = own children with < 2 parents."""
    data = read_gedcom(DATA / "harry_potter.ged")
    parents: dict[str, set[str]] = {}
    for r in data.relations:
        if r.kind is RelationKind.PARENT_CHILD:
            parents.setdefault(r.target, set()).add(r.source)
    asked_any = 0
    for person in data.entities:
        own = {child for child, ps in parents.items() if person.id in ps}
        asked = children_to_ask(data, person.id)
        assert set(asked) == {c for c in own if len(parents[c]) < 2}
        asked_any += bool(asked)
        records = partner_child_records(data, "new", dict.fromkeys(asked, "biological"))
        assert {(r.source, r.target) for r in records} == {("new", c) for c in asked}
    assert parents and any(len(ps) == 2 for ps in parents.values())
