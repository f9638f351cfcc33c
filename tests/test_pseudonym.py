"""Pseudonymising: kinship roles, initials, scrubbed free text, no real name in any image."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from mapping.core.errors import InvalidInput
from mapping.core.model import AGE_BANDS, Action, Case, CaseData, Entity, Factor, Goal, Relation
from mapping.core.vocabulary import (
    BirthStatus,
    EntityKind,
    FactorSide,
    RelationKind,
    Sex,
    SystemKind,
)
from mapping.formats.gedcom import read_gedcom
from mapping.lenses.genogram import layout_genogram
from mapping.services.demo import demo_case
from mapping.services.export import export_lens
from mapping.services.pseudonym import id_map, pseudonymise, pseudonyms

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


def test_free_text_is_scrubbed_and_dates_coarsened():
    """Birth dates become age bands (issue 14.6; they were cut to the year), relation dates years."""
    data = make_family()
    safe = pseudonymise(data, today=date(2026, 6, 1))
    me = safe.entity("me")
    assert me.note == "cliënt belt moeder elke dag"
    assert me.birth == "30-49" and me.birth_year is None and me.age() is None
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
    # the same ids; the copy lists its people in birth order (issue 14.6: it holds no dates)
    assert sorted(e.id for e in safe.entities) == sorted(e.id for e in data.entities)


def test_keep_ids_false_makes_every_id_opaque():
    data = make_family()
    safe = pseudonymise(data, keep_ids=False)
    ids = id_map(data)
    assert sorted(e.id for e in safe.entities) == sorted(ids[e.id] for e in data.entities)
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
    from mapping.services.pseudonym import pseudonymise

    out = pseudonymise(demo_data)
    wijkteam = next(e for e in out.entities if e.id == "wijkteam")
    assert "Wit" not in wijkteam.note
    assert "casemanager" in wijkteam.note


# ------------------------------------------------------------------------------------
# Issue 14.6, pseudonymised means pseudonymised everywhere: no name, no case code that
# leads back to the dossier, no case title, no author or casemanager, no typed snapshot
# label and no exact birth year, on the demo case and on a real imported GEDCOM file.
GEDCOM = Path(__file__).parent / "data" / "gedcom" / "gramps_sample.ged"
AUTHOR = "Joke Verhoeven-Baas"
LENSES = ("genogram", "ecogram", "sociogram")


def gedcom_case() -> CaseData:
    """gramps_sample.ged as imported (43 people, exact dates), with a client and a casemanager.

    The client gives roles ("vader", "oma (vz)") and a netwerkkaart to draw.
    """
    data = read_gedcom(GEDCOM)
    client = next(e for e in data.entities if e.name == "Lars Peter Smith")
    client.index_person = True
    data.case.casemanager = "Marieke van Vollenhoven"
    return data


CASES = {"demo": demo_case, "gedcom": gedcom_case}


def _words(text: str) -> set[str]:
    """The parts of a name that name someone: capitalised words of three letters or more."""
    return {w for w in re.findall(r"[^\W\d_]{3,}", text) if w[0].isupper()}


def secrets_of(data: CaseData, *, author: str = AUTHOR, labels=()) -> dict[str, set[str]]:
    """What a pseudonymised file of ``data`` may not hold, by kind.

    ``years`` are the exact years of birth and death of the case's people, less
    the years of its relations: those stay on the couple lines of a genogram
    ("x 1910") and say nothing about anyone's age.
    """
    people = [e for e in data.entities if e.is_person]
    kept = {d[:4] for r in data.relations for d in (r.start, r.end) if d}
    case = data.case
    return {
        "name": {w for e in people if e.birth_status is BirthStatus.BORN for w in _words(e.name)},
        "code": {case.code},
        "title": {case.title},
        "person": {case.casemanager, author} | _words(case.casemanager) | _words(author),
        "label": set(labels),
        "year": {str(y) for e in people for y in (e.birth_year, e.death_year) if y} - kept,
    }


def svg_text(svg: str) -> str:
    """What an SVG says: its texts and tooltips, and the ids and keys it carries."""
    root = ElementTree.fromstring(svg.split("?>", 1)[-1])
    said = [t for t in root.itertext() if t.strip()]
    said += [v for el in root.iter() for k, v in el.attrib.items() if k.startswith("data-")]
    return "\n".join(said)


def pdf_said(pdf: bytes) -> str:
    """A PDF's text (pypdf's extraction) and every value of its document information."""
    reader = PdfReader(io.BytesIO(pdf))
    text = [page.extract_text() or "" for page in reader.pages]
    text += [str(v) for v in (reader.metadata or {}).values()]
    return "\n".join(text)


def plan_dates(data: CaseData) -> set[str]:
    """The dates of the plan (starts, evaluations, scores): they stay in a pseudonymised report."""
    found = set()
    for record in (*data.goals, *data.actions, *data.monitoring, *data.factors):
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if f.name in ("date", "start", "end", "evaluation_dates"):
                found.update(value if isinstance(value, tuple) else [value])
    return {d for d in found if d}


def leaks(text: str, secrets: dict[str, set[str]], *, dates=()) -> list[str]:
    """Every secret ``text`` holds, as 'kind: value'.

    Words are matched whole and case-sensitively (a name is written as typed);
    a year only where it stands alone, after today's date and ``dates`` (the
    plan's, which may share a year with a birth) are taken out. Text drawn
    with a halo comes out of a PDF twice in a row ("SanneSanne"), so a
    repeated value counts as the value.
    """
    found = []
    for kind, values in secrets.items():
        if kind == "year":
            continue
        for value in values:
            if value and re.search(rf"(?<!\w)(?:{re.escape(value)})+(?!\w)", text):
                found.append(f"{kind}: {value}")
    for date_text in sorted({date.today().isoformat(), *dates}, key=len, reverse=True):
        text = text.replace(date_text, " ")
    found += [
        f"year: {y}" for y in sorted(secrets["year"]) if re.search(rf"(?<!\d)(?:{y})+(?!\d)", text)
    ]
    return found


def test_age_bands_cover_every_age_once():
    from mapping.core.model import AGE_BANDS, age_band

    assert [age_band(a) for a in (0, 4, 5, 11, 12, 17, 18, 29, 30, 49, 50, 64, 65, 104)] == [
        "0-4", "0-4", "5-11", "5-11", "12-17", "12-17", "18-29", "18-29",
        "30-49", "30-49", "50-64", "50-64", "65+", "65+",
    ]  # fmt: skip
    assert age_band(None) == "" and [low for low, _band in AGE_BANDS][0] == 0


@pytest.mark.parametrize("case", CASES)
def test_the_copy_holds_no_code_title_casemanager_or_exact_date(case):
    data = CASES[case]()
    safe = pseudonymise(data, keep_ids=False, today=date(2026, 12, 1))
    assert safe.case.code.startswith("PS-") and safe.case.code != data.case.code
    assert safe.case.id == safe.case.code and safe.case.title == ""
    assert safe.case.casemanager == "" and safe.case.consent_date == "" == safe.case.created
    people = [e for e in safe.entities if e.is_person]
    assert all(e.birth_year is None and e.death == "" for e in people)
    assert {e.birth for e in people} - {""} <= {band for _low, band in AGE_BANDS}
    ids = id_map(data)
    copied = {e.id: e for e in safe.entities}
    for e in data.entities:  # the cross stays where a death was recorded, and every symbol
        twin = copied[ids[e.id]]
        assert (twin.deceased, twin.birth_status) == (e.is_deceased, e.birth_status)
    blob = json.dumps(dataclasses.asdict(safe), default=str, ensure_ascii=False)
    assert leaks(blob, secrets_of(data), dates=plan_dates(data) | relation_dates(data)) == []


def relation_dates(data: CaseData) -> set[str]:
    return {d for r in data.relations for d in (r.start, r.end) if d}


def test_the_code_of_each_export_is_new_and_can_be_given():
    data = demo_case()
    first, second = (pseudonymise(data).case.code for _ in range(2))
    assert first != second and re.fullmatch(r"PS-[A-Z2-9]{6}", first)
    assert pseudonymise(data, code="PS-GIVEN1").case.code == "PS-GIVEN1"
    svg = export_lens(data, "genogram", "svg", pseudonymise=True, export_code="PS-GIVEN1")
    assert b"Casus PS-GIVEN1" in svg


def test_years_in_free_text_are_left_out():
    data = gedcom_case()
    edwin = next(e for e in data.entities if e.name == "Edwin Michael Smith")
    assert "1961" in edwin.note  # "Geboren: EST 24 MAY 1961"
    safe = pseudonymise(data)
    assert "1961" not in safe.entity(edwin.id).note and "[jaar]" in safe.entity(edwin.id).note


def _inner_labels(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg.split("?>", 1)[-1])
    return [
        el.text or ""
        for el in root.iter("{http://www.w3.org/2000/svg}text")
        if "inner" in el.get("class", "").split()
    ]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lens", LENSES)
def test_a_pseudonymised_image_holds_nothing_that_leads_back(case, lens):
    data = CASES[case]()
    secrets = secrets_of(data)
    svg = export_lens(data, lens, "svg", pseudonymise=True, author=AUTHOR).decode("utf-8")
    said = svg_text(svg)
    assert leaks(svg, secrets) == [] and leaks(said, secrets) == []
    assert "gepseudonimiseerd" in said and re.search(r"Casus PS-[A-Z2-9]{6}", said)
    # ages are bands; the genogram's symbols (crosses, the client's double outline) stay
    bands = {band for _low, band in AGE_BANDS}
    assert set(_inner_labels(svg)) <= bands
    if lens == "genogram":
        assert set(_inner_labels(svg)) & bands
        named = export_lens(data, lens, "svg").decode("utf-8")
        for mark in ('class="deceased"', 'class="index"', 'class="symbol'):
            assert svg.count(mark) == named.count(mark), mark
    pdf = export_lens(data, lens, "pdf", pseudonymise=True, author=AUTHOR)
    text = pdf_said(pdf)
    assert leaks(text, secrets) == [] and "gepseudonimiseerd" in text


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lens", LENSES)
def test_a_normal_image_still_names_the_case(case, lens):
    data = CASES[case]()
    client = data.index_person()
    svg = export_lens(data, lens, "svg", author=AUTHOR).decode("utf-8")
    pdf = pdf_said(export_lens(data, lens, "pdf", author=AUTHOR))
    for said in (svg_text(svg), pdf):
        found = leaks(said, secrets_of(data))
        for expected in (data.case.code, data.case.title, AUTHOR):
            assert f"{expected}" in said, expected
        assert any(f.startswith("name: ") for f in found)
        if lens != "ecogram":  # the ecogram writes first names only
            assert client.name in said
        if lens == "genogram":
            assert f"year: {client.birth_year}" in found


def test_the_pseudonymised_genogram_keeps_the_birth_order():
    """Siblings stay oldest first although the copy holds no birth dates."""
    for data in (demo_case(), gedcom_case()):
        ids = id_map(data)
        named = layout_genogram(data)
        hidden = layout_genogram(pseudonymise(data, keep_ids=False))
        where = {s.id: (s.y, s.x) for s in hidden.symbols}
        rows: dict[float, list[str]] = {}
        for s in named.symbols:
            rows.setdefault(round(s.y), []).append(s.id)
        for row in rows.values():
            by_x = sorted(row, key=lambda i: named.symbol(i).x)
            assert sorted(by_x, key=lambda i: where[ids[i]][1]) == by_x


def test_kaart_ids_leave_no_organisation_name_behind():
    """A kaart id is made of the organisation's name: pseudonymised, every system's link and
    every referral get a neutral id, the same on both ends, so the referral line still finds
    its system."""
    data = demo_case()
    linked = [e for e in data.entities if e.kaart_id]
    assert linked, "the demo's systems are linked to the demo kaart"
    target = linked[0]
    data.goals.append(Goal(id="g-ref", title="Hulp bij schulden"))
    data.actions.append(
        dataclasses.replace(
            Action(id="a-ref", goal_id="g-ref", what="Aanmelden"),
            referral_org=target.kaart_id,
            referral_status="wachtlijst",
            referred_on="2026-10-01",
        )
    )
    for keep_ids in (True, False):
        out = pseudonymise(data, keep_ids=keep_ids)
        text = json.dumps(
            [dataclasses.asdict(r) for r in (*out.entities, *out.actions)], default=str
        )
        for e in linked:
            assert e.kaart_id not in text
        referral = next(a for a in out.actions if a.what == "Aanmelden")
        assert referral.referral_org.startswith("kaart-")
        assert referral.referred_on == "2026-10-01"
        assert referral.referral_org in {e.kaart_id for e in out.entities}
