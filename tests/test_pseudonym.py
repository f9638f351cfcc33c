"""Pseudonymising: kinship roles, initials, scrubbed free text, no real name in any image."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from mapping.errors import InvalidInput
from mapping.export import export_lens
from mapping.model import Action, Case, CaseData, Entity, Factor, Goal, Relation
from mapping.pseudonym import id_map, pseudonymise, pseudonyms
from mapping.vocabulary import (
    EntityKind,
    FactorSide,
    RelationKind,
    Sex,
    SystemKind,
)

M, F = Sex.MALE, Sex.FEMALE


def person(pid, name, sex, birth="", **kw):
    return Entity(id=pid, name=name, sex=sex, birth=birth, **kw)


def rel(rid, kind, source, target, subtype=""):
    return Relation(id=rid, kind=kind, source=source, target=target, subtype=subtype)


def make_family() -> CaseData:
    """Index person Sanne, her parents and grandparents, ex-husband, new partner, children."""
    P, U, C = RelationKind.PARENT_CHILD, RelationKind.PARTNERSHIP, RelationKind.CONNECTION
    people = [
        person("gm", "Greet Visser", F, "1940-02-03"),
        person("gf", "Wim Visser", M, "1938"),
        person("mo", "Ria Visser", F, "1960-07-01"),
        person("fa", "Bert Kok", M, "1958"),
        person("sf", "Hans Mulder", M, "1957"),
        person(
            "me", "Sanne Kok", F, "1984-05-12", index_person=True, note="Sanne belt Ria elke dag"
        ),
        person("br", "Tim Kok", M, "1986"),
        person("hb", "Joris Mulder", M, "1992"),
        person("ex", "Mark Bakker", M, "1982", occupation="chauffeur bij Bakker Transport"),
        person("pa", "Rick de Boer", M, "1980"),
        person("s1", "Daan Bakker", M, "2008", annotation="Daan zit bij Rick in de auto"),
        person("s2", "Finn Bakker", M, "2010"),
        person("d1", "Lotte de Boer", F, "2015"),
        person("fc", "Jayden Smit", M, "2012"),
        person("ss", "Mila de Boer", F, "2005"),
        person("nb", "Els Brouwer", F, "1955", role="buurvrouw"),
        person("xx", "Onbekende Jansen", Sex.UNKNOWN),
        Entity(
            id="sch",
            name="Basisschool De Regenboog",
            kind=EntityKind.SYSTEM,
            system_kind=SystemKind.SCHOOL,
            role="Basisschool De Regenboog",
            note="Daan zit op De Regenboog",
        ),
        Entity(id="gp", name="Praktijk Van Dam", kind=EntityKind.SYSTEM, system_kind=SystemKind.GP),
    ]
    relations = [
        rel("u1", U, "gf", "gm", "married"),
        rel("u2", U, "fa", "mo", "divorced"),
        rel("u3", U, "sf", "mo", "married"),
        rel("u4", U, "ex", "me", "divorced"),
        rel("u5", U, "pa", "me", "cohabiting"),
        rel("c1", P, "gf", "mo"),
        rel("c2", P, "gm", "mo"),
        rel("c3", P, "fa", "me"),
        rel("c4", P, "mo", "me"),
        rel("c5", P, "fa", "br"),
        rel("c6", P, "mo", "br"),
        rel("c7", P, "mo", "hb"),
        rel("c8", P, "sf", "hb"),
        rel("c9", P, "me", "s1"),
        rel("c10", P, "ex", "s1"),
        rel("c11", P, "me", "s2"),
        rel("c12", P, "me", "d1"),
        rel("c13", P, "pa", "d1"),
        rel("c14", P, "me", "fc", "foster"),
        rel("c15", P, "pa", "ss"),
        Relation(
            id="k1",
            kind=C,
            source="me",
            target="sch",
            label="gesprek met Basisschool De Regenboog",
            note="Sanne en Rick samen",
            start="2023-09-01",
        ),
    ]
    return CaseData(
        case=Case(id="c", code="C-9", title="Gezin Kok-de Boer", scope_note="Sanne en kinderen"),
        entities=people,
        relations=relations,
        factors=[
            Factor(
                id="f1", side=FactorSide.DRAAGLAST, description="Daan spijbelt", entity_ids=("s1",)
            )
        ],
        goals=[Goal(id="g1", title="Daan gaat weer naar school", owner_id="s1", owner_text="Daan")],
        actions=[
            Action(id="a1", goal_id="g1", what="Rick brengt Daan", actor_id="pa", how="met Ria")
        ],
    )


REAL_NAMES = {
    "Greet",
    "Wim",
    "Visser",
    "Ria",
    "Bert",
    "Kok",
    "Hans",
    "Mulder",
    "Sanne",
    "Tim",
    "Joris",
    "Mark",
    "Bakker",
    "Rick",
    "Boer",
    "Daan",
    "Finn",
    "Lotte",
    "Jayden",
    "Smit",
    "Mila",
    "Els",
    "Brouwer",
    "Jansen",
    "Regenboog",
    "Dam",
}


def leaked(text: str, names: set[str]) -> list[str]:
    return sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I))


def test_roles_relative_to_the_index_person():
    names = pseudonyms(make_family())
    assert names["me"] == "cliënt"
    assert names["mo"] == "moeder" and names["fa"] == "vader"
    assert names["sf"] == "stiefvader"
    assert names["gm"] == "oma (mz)" and names["gf"] == "opa (mz)"
    assert names["br"] == "broer" and names["hb"] == "halfbroer"
    assert names["ex"] == "ex-partner" and names["pa"] == "partner"
    assert {names["s1"], names["s2"]} == {"zoon 1", "zoon 2"}
    assert names["s1"] == "zoon 1"  # numbered by birth
    assert names["d1"] == "dochter"
    assert names["fc"] == "pleegzoon"
    assert names["ss"] == "stiefdochter"
    assert names["nb"] == "buurvrouw"  # Entity.role wins
    assert names["xx"] == "persoon 1"
    assert names["sch"] == "school" and names["gp"] == "huisarts"


def test_initials_mode():
    names = pseudonyms(make_family(), mode="initials")
    assert names["me"] == "S.K."
    assert names["pa"] == "R.B."  # 'de' is a particle
    assert names["sch"] == "school"
    with pytest.raises(InvalidInput):
        pseudonyms(make_family(), mode="nicknames")


def test_free_text_is_scrubbed_and_dates_cut_to_the_year():
    data = make_family()
    safe = pseudonymise(data)
    me = safe.entity("me")
    assert me.note == "cliënt belt moeder elke dag"
    assert me.birth == "1984"
    assert safe.entity("s1").annotation == "zoon 1 zit bij partner in de auto"
    assert "Bakker" not in safe.entity("ex").occupation
    school = safe.entity("sch")
    assert school.name == "school" and school.role == "" and "Regenboog" not in school.note
    k1 = next(r for r in safe.relations if r.id == "k1")
    assert k1.label == "gesprek met school" and k1.note == "cliënt en partner samen"
    assert k1.start == "2023"
    assert safe.factors[0].description == "zoon 1 spijbelt"
    assert (
        safe.goals[0].title == "zoon 1 gaat weer naar school"
        and safe.goals[0].owner_text == "zoon 1"
    )
    assert safe.actions[0].what == "partner brengt zoon 1" and safe.actions[0].how == "met moeder"
    assert "Kok" not in safe.case.title and "Sanne" not in safe.case.scope_note


def test_original_is_untouched_and_ids_kept_by_default():
    data = make_family()
    before = json.dumps(dataclasses.asdict(data), default=str)
    safe = pseudonymise(data)
    assert json.dumps(dataclasses.asdict(data), default=str) == before
    assert [e.id for e in safe.entities] == [e.id for e in data.entities]


def test_keep_ids_false_makes_every_id_opaque():
    data = make_family()
    safe = pseudonymise(data, keep_ids=False)
    ids = id_map(data)
    assert [e.id for e in safe.entities] == [ids[e.id] for e in data.entities]
    sources = {r.source for r in safe.relations} | {r.target for r in safe.relations}
    assert sources <= {e.id for e in safe.entities}
    assert safe.factors[0].entity_ids == (ids["s1"],)
    assert safe.goals[0].owner_id == ids["s1"] and safe.actions[0].goal_id == ids["g1"]


def test_no_real_name_left_anywhere_in_the_copy():
    safe = pseudonymise(make_family(), keep_ids=False)
    blob = json.dumps(dataclasses.asdict(safe), default=str, ensure_ascii=False)
    assert leaked(blob, REAL_NAMES) == []


@pytest.mark.parametrize("lens", ["genogram", "ecogram", "sociogram"])
def test_no_real_name_in_the_pseudonymised_svg(lens):
    svg = export_lens(make_family(), lens, "svg", ego="me", pseudonymise=True).decode()
    assert leaked(svg, REAL_NAMES) == []
    assert "gepseudonimiseerd" in svg


def demo_names(data: CaseData) -> set[str]:
    names = set()
    for e in data.entities:
        if e.is_person and e.birth_status.value == "born":
            names.update(t for t in re.findall(r"\w+", e.name) if len(t) > 2)
    return names


@pytest.mark.parametrize("lens", ["genogram", "ecogram", "sociogram"])
def test_no_demo_name_in_the_pseudonymised_svg(demo_data, lens):
    svg = export_lens(demo_data, lens, "svg", pseudonymise=True).decode()
    assert leaked(svg, demo_names(demo_data)) == []
    assert demo_data.case.title not in svg


def test_initials_export_has_no_full_names(demo_data):
    svg = export_lens(demo_data, "genogram", "svg", pseudonymise="initials").decode()
    assert leaked(svg, demo_names(demo_data)) == []
    assert ">S.J. 1<" in svg  # Sanne Jansen, numbered apart from Sara Jansen
    safe = pseudonymise(demo_data, mode="initials", keep_ids=False)
    index = demo_data.index_person()
    assert index.name not in svg
    assert all(
        re.fullmatch(r"([A-Z0-9]\.)+( \d+)?|\?", e.name)
        for e in safe.entities
        if e.is_person and e.name
    )


def test_casemanager_name_in_notes_is_scrubbed(demo_data):
    from mapping.pseudonym import pseudonymise

    out = pseudonymise(demo_data)
    wijkteam = next(e for e in out.entities if e.id == "wijkteam")
    assert "Wit" not in wijkteam.note
    assert "casemanager" in wijkteam.note
