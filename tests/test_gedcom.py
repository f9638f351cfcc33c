"""GEDCOM import: real-world files, encodings, selection around a person, hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gedcom_lite import encode_ansel

import mapping.formats.gedcom as gedcom_module
from mapping.core.errors import InvalidInput
from mapping.core.model import is_partial_date
from mapping.core.vocabulary import RelationKind, Sex
from mapping.formats.gedcom import LARGE, gedcom_date, read_gedcom, select_around, summary
from mapping.formats.importers import read_case_file

DATA = Path(__file__).parent / "data" / "gedcom"
FILES = sorted(DATA.glob("*.ged"))
INDI = re.compile(rb"^0 (?:@[^@]+@ )?INDI\s*$", re.MULTILINE)  # GEDCOM 7: xref optional
FAM = re.compile(rb"^0 @[^@]+@ FAM\s*$", re.MULTILINE)
CHIL = re.compile(rb"^1 CHIL @(?!VOID@)[^@]+@", re.MULTILINE)


def load(name: str):
    return read_gedcom(DATA / name)


def by_name(data, name: str):
    matches = [e for e in data.entities if e.name == name]
    assert len(matches) == 1, (name, [e.name for e in data.entities])
    return matches[0]


def partnership(data, a: str, b: str):
    ids = {by_name(data, a).id, by_name(data, b).id}
    return [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == ids
    ]


def parents_of(data, name: str) -> dict[str, str]:
    child = by_name(data, name).id
    names = {e.id: e.name for e in data.entities}
    return {
        names[r.source]: r.subtype
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == child
    }


# ---------------------------------------------------------------- counts of every real file
def test_there_are_several_real_world_files_with_their_provenance():
    readme = (DATA / "README.md").read_text()
    assert len(FILES) >= 4
    for path in FILES:
        assert path.name in readme
        assert path.stat().st_size < 2 * 1024 * 1024


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_person_and_family_of_a_real_file_is_imported(path):
    raw = path.read_bytes()
    data = read_gedcom(path)
    people = [e for e in data.entities if e.is_person]
    assert len(people) == len(INDI.findall(raw)) == len(data.entities)
    assert len({e.id for e in people}) == len(people)
    couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    assert len(couples) <= len(FAM.findall(raw))
    for e in people:
        assert e.name and is_partial_date(e.birth) and is_partial_date(e.death)
    for r in data.relations:
        assert is_partial_date(r.start) and is_partial_date(r.end)


def test_counts_of_the_gramps_sample_ansel_file():
    raw = (DATA / "gramps_sample.ged").read_bytes()
    data = load("gramps_sample.ged")
    counts = summary(data)
    assert (len(INDI.findall(raw)), len(FAM.findall(raw))) == (43, 15)
    assert counts["people"] == 43
    # Every FAM has a husband and a wife; every child has two parents. Edwin
    # (@IC3a2b1@) says FAMC @F02@ but F02 does not list him: he is its child too,
    # as Gramps itself reads this file.
    assert counts["couples"] == 15
    assert counts["parent_child"] == 2 * (len(CHIL.findall(raw)) + 1) == 52
    assert parents_of(data, "Edwin Michael Smith") == {
        "John Hjalmar Smith": "",
        "Alice Paula Perkins": "",
    }
    # F11 and F15 record no marriage: a couple without a status.
    assert counts["marriages"] == 13 and counts["divorces"] == 0


def test_people_dates_and_sexes_of_the_gramps_sample():
    data = load("gramps_sample.ged")
    edwin = by_name(data, "Edwin Michael Smith")
    assert (edwin.id, edwin.sex, edwin.birth) == ("ged-IC3a2b1", Sex.MALE, "1961-05-24")
    assert edwin.occupation == "Software Engineer"  # FTM wrote it as OCCU/PLAC
    assert "EST 24 MAY 1961" in edwin.note and not edwin.is_deceased
    alice = by_name(data, "Alice Paula Perkins")
    assert (alice.sex, alice.birth) == (Sex.FEMALE, "1933-11-22")
    gustaf = by_name(data, "Gustaf Smith, Sr.")
    assert (gustaf.birth, gustaf.death, gustaf.deceased) == ("1862-11-28", "1930-07-23", True)
    kerstina = by_name(data, "Kerstina Hansdotter")
    assert (kerstina.death, kerstina.deceased) == ("1908", True)
    elna = by_name(data, "Elna Jefferson")  # DEAT with only a place
    assert elna.deceased and elna.death == ""
    martin = next(e for e in data.entities if e.id == "ged-I03")
    assert martin.birth == "1794" and martin.deceased and martin.death == ""
    assert "deceased" in martin.note  # 'DATE deceased' cannot be read: kept in the note
    old = by_name(data, "Really Old Guy")
    assert old.birth == "" and "34 B.C." in old.note
    assert by_name(data, "Ingar Smith").birth == "1823"  # AFT. 1823


def test_marriages_and_adoptions_of_the_gramps_sample():
    data = load("gramps_sample.ged")
    (f01,) = partnership(data, "Edwin Michael Smith", "Janice Ann Adams")
    assert (f01.subtype, f01.start, f01.end) == ("married", "1995-05-27", "")
    assert by_name(data, "Edwin Michael Smith").id == f01.source  # HUSB -> WIFE
    (f03,) = [r for r in data.relations if r.id == "ged-F03"]  # Martin Smith and Elna
    assert (f03.subtype, f03.start) == ("married", "1816")  # ABT. 1816
    # Hans Peter Smith had two wives; only the first family had a (adopted) child.
    assert len(partnership(data, "Hans Peter Smith", "Lillie Harriet Jones")) == 1
    (f15,) = partnership(data, "Hans Peter Smith", "Jennifer Anderson")
    assert f15.subtype == "unknown" and f15.start == ""
    assert parents_of(data, "Lloyd Smith") == {
        "Hans Peter Smith": "adopted",
        "Lillie Harriet Jones": "adopted",
    }
    assert parents_of(data, "Amber Marie Smith") == {
        "Edwin Michael Smith": "",
        "Janice Ann Adams": "",
    }
    assert set(parents_of(data, "Mason Michael Smith").values()) == {"adopted"}
    # Martin (I03) has an ADOP event naming family F04.
    martin = {r.subtype for r in data.relations if r.target == "ged-I03"}
    assert martin == {"adopted"}


def test_harry_potter_family_crlf_utf8():
    raw = (DATA / "harry_potter.ged").read_bytes()
    assert b"\r\n" in raw
    data = load("harry_potter.ged")
    assert (len(INDI.findall(raw)), len(FAM.findall(raw))) == (23, 7)
    counts = summary(data)
    assert (counts["people"], counts["couples"], counts["parent_child"]) == (23, 7, 30)
    assert counts["deceased"] == 3
    harry = by_name(data, "Harry James Potter")
    assert (harry.id, harry.sex, harry.birth) == ("ged-I2", Sex.MALE, "1980-07-31")
    james = by_name(data, "James Potter")
    assert (james.death, james.deceased) == ("1981-10-31", True)
    assert by_name(data, "James Sirius Potter").birth == "2005"  # ABT 2005
    assert by_name(data, "Vernon Dursley").sex is Sex.UNKNOWN
    (f2,) = partnership(data, "James Potter", "Lily Evans")
    assert (f2.subtype, f2.start) == ("married", "1978")  # BET 1978 AND 1979
    (f7,) = partnership(data, "Ronald Bilius Weasley", "Hermione Jean Granger")
    assert f7.subtype == "unknown"  # a couple without events: no status claimed
    assert set(parents_of(data, "Harry James Potter")) == {"James Potter", "Lily Evans"}
    weasley_children = {
        r.target
        for r in data.relations
        if r.source == "ged-I15" and r.kind is RelationKind.PARENT_CHILD
    }
    assert len(weasley_children) == 7


def test_gedcom7_maximal_example():
    raw = (DATA / "maximal70.ged").read_bytes()
    data = load("maximal70.ged")
    assert (len(INDI.findall(raw)), len(FAM.findall(raw))) == (4, 2)
    assert data.case.scope_note.startswith("Geïmporteerd uit GEDCOM 7.0")
    joseph = data.entity("ged-I1")
    assert joseph.name == 'Lt. Cmndr. Joseph "John" de Allen jr.'
    assert (joseph.sex, joseph.birth, joseph.death, joseph.occupation) == (
        Sex.MALE,
        "2000-01-01",
        "2022-03-28",
        "occu",
    )
    assert data.entity("ged-I2").name == "Maiden Name"
    assert data.entity("ged-I3").sex is Sex.OTHER and data.entity("ged-I3").name == "N.N."
    assert data.entity("ged-I4").sex is Sex.UNKNOWN
    (f1,) = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    assert (f1.source, f1.target, f1.subtype, f1.start) == (
        "ged-I1",
        "ged-I2",
        "divorced",
        "2022-03-27",
    )
    # CHIL @VOID@ is GEDCOM 7's "unknown child": only @I4@ becomes a child.
    assert {r.target for r in data.relations if r.kind is RelationKind.PARENT_CHILD} == {"ged-I4"}


def test_gedcom7_divorce_and_remarriage():
    raw = (DATA / "remarriage2.ged").read_bytes()
    data = load("remarriage2.ged")
    assert (len(INDI.findall(raw)), len(FAM.findall(raw))) == (3, 3)
    first, again = sorted(partnership(data, "John Q Public", "Jane Doe"), key=lambda r: r.id)
    assert (first.subtype, first.start, first.end) == ("divorced", "1911-04-01", "1912-05-02")
    assert (again.subtype, again.start, again.end) == ("married", "1914-07-04", "")
    (second,) = partnership(data, "John Q Public", "Mary Roe")
    assert (second.subtype, second.start) == ("married", "1913-06-03")
    mary = by_name(data, "Mary Roe")
    assert (mary.death, mary.deceased, mary.sex) == ("1914-03-01", True, Sex.UNKNOWN)
    counts = summary(data)
    assert (counts["couples"], counts["families"], counts["divorces"]) == (3, 2, 1)


def test_ids_are_stable_and_the_case_is_fresh():
    one, two = load("harry_potter.ged"), load("harry_potter.ged")
    assert [e.id for e in one.entities] == [e.id for e in two.entities]
    assert [r.id for r in one.relations] == [r.id for r in two.relations]
    assert one.case.id != two.case.id
    assert (one.case.code, one.case.title) == ("GED-HARRY-POTTER", "Stamboom harry potter")
    named = read_gedcom((DATA / "harry_potter.ged").read_bytes(), code="HP-1", title="Potter")
    assert (named.case.code, named.case.title) == ("HP-1", "Potter")
    # Bytes without a name: the header's FILE gives the name.
    assert read_gedcom((DATA / "harry_potter.ged").read_bytes()).case.code == "GED-HARRY-POTTER"


def test_an_imported_file_goes_into_the_store(tmp_store):
    case = tmp_store.import_case(load("gramps_sample.ged"), author="test")
    stored = tmp_store.load(case.id)
    assert len(stored.entities) == 43 and len(stored.relations) == 67


def test_the_importers_dispatcher_reads_ged_files():
    data = read_case_file("Familie.GED", (DATA / "remarriage2.ged").read_bytes())
    assert len(data.entities) == 3 and data.case.title == "Familie"


# ---------------------------------------------------------------- encodings
def _variants(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8 bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16 le bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16 be bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-16 le": text.encode("utf-16-le"),
        "utf-16 be": text.encode("utf-16-be"),
    }


@pytest.mark.parametrize("encoding", list(_variants("x")))
def test_unicode_encodings_with_and_without_bom(encoding):
    text = (DATA / "harry_potter.ged").read_text(encoding="utf-8")
    text = text.replace("1 CHAR UTF-8", "1 CHAR UNICODE" if "16" in encoding else "1 CHAR UTF-8")
    text = text.replace("Hermione Jean /Granger/", "Hermiöne Jeañ /Grånger/")
    data = read_gedcom(_variants(text)[encoding])
    assert summary(data)["people"] == 23 and summary(data)["couples"] == 7
    assert by_name(data, "Hermiöne Jeañ Grånger").birth == "1979-09-19"
    assert by_name(data, "Harry James Potter").sex is Sex.MALE


@pytest.mark.parametrize("encoding", list(_variants("x")))
def test_gedcom7_in_every_unicode_encoding(encoding):
    text = (DATA / "remarriage2.ged").read_text(encoding="utf-8")
    data = read_gedcom(_variants(text)[encoding])
    assert summary(data)["divorces"] == 1 and len(data.entities) == 3


def test_windows_1252_and_ansel_files():
    text = (DATA / "harry_potter.ged").read_text(encoding="utf-8")
    text = text.replace("Hermione Jean /Granger/", "Hermione Jéan /Grängér/")
    ansi = text.replace("1 CHAR UTF-8", "1 CHAR ANSI").encode("cp1252")
    assert by_name(read_gedcom(ansi), "Hermione Jéan Grängér").sex is Sex.FEMALE
    ansel = encode_ansel(text.replace("1 CHAR UTF-8", "1 CHAR ANSEL"))
    assert by_name(read_gedcom(ansel), "Hermione Jéan Grängér").sex is Sex.FEMALE


@pytest.mark.parametrize(
    ("char", "codec"),
    [("IBMPC", "cp850"), ("IBMPC", "cp437"), ("MACINTOSH", "mac_roman"), ("CP437", "cp437")],
)
def test_dos_and_mac_character_sets(char, codec):
    # The Master Genealogist 1.2a (gedcom-go's vendor-tmg12.ged) writes "1 CHAR IBMPC":
    # the DOS code page, where 0x82 is é. It was read as Windows-1252 ('‚'); a classic
    # Mac OS file ("1 CHAR MACINTOSH") was read as ANSEL.
    text = (DATA / "harry_potter.ged").read_bytes().decode("utf-8")
    text = text.replace("Hermione Jean /Granger/", "Hélène Françoise /Müller-Jäger/")
    raw = text.replace("1 CHAR UTF-8", f"1 CHAR {char}").encode(codec)
    data = read_gedcom(raw)
    assert by_name(data, "Hélène Françoise Müller-Jäger").birth == "1979-09-19"
    assert summary(data)["people"] == 23


@pytest.mark.parametrize("char", ["ANSI", "cp1252", "ANSEL"])
def test_legacy_encodings_with_classic_mac_line_endings(char):
    # Lines ending in CR alone, as in Gramps' data/tests/cp1252_CR.ged (LifeLines,
    # "1 CHAR cp1252"): the CHAR line was not found and the accents were garbled.
    text = (DATA / "harry_potter.ged").read_bytes().decode("utf-8").replace("\r\n", "\r")
    text = text.replace("Hermione Jean /Granger/", "Hermione Jéan /Grängér/")
    text = text.replace("1 CHAR UTF-8", f"1 CHAR {char}")
    raw = encode_ansel(text) if char == "ANSEL" else text.encode("cp1252")
    assert b"\n" not in raw
    data = read_gedcom(raw)
    assert summary(data)["people"] == 23 and summary(data)["couples"] == 7
    assert by_name(data, "Hermione Jéan Grängér").birth == "1979-09-19"


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1 JAN 1900", "1900-01-01"),
        ("01 MAR 1980", "1980-03-01"),
        ("JUN 1865", "1865-06"),
        ("1945", "1945"),
        ("ABT 1850", "1850"),
        ("ABT. 1886", "1886"),
        ("EST 24 MAY 1961", "1961-05-24"),
        ("BET 1850 AND 1860", "1850"),
        ("BET. 1794 - 1796", "1794"),
        ("BEF. 23 JUL 1930", "1930-07-23"),
        ("FROM 1700 TO 1800", "1700"),
        ("INT 1900 (about then)", "1900"),
        ("@#DJULIAN@ 11 FEB 1699/00", "1699-02-11"),
        ("@#DHEBREW@ 1 TSH 5700", ""),
        ("31 FEB 1900", ""),
        ("20 MAR", ""),
        ("26 JUN 34 B.C.", ""),
        ("deceased", ""),
        ("", ""),
    ],
)
def test_gedcom_dates_become_partial_iso_dates(text, iso):
    assert gedcom_date(text) == iso


# ---------------------------------------------------------------- families of every shape
def _ged(body: str, version: str = "5.5.1") -> str:
    return f"0 HEAD\n1 GEDC\n2 VERS {version}\n1 CHAR UTF-8\n{body}0 TRLR\n"


def test_same_sex_single_parent_and_childless_families():
    data = read_gedcom(
        _ged(
            "0 @A@ INDI\n1 NAME Anna /A/\n1 SEX F\n0 @B@ INDI\n1 NAME Bea /B/\n1 SEX F\n"
            "0 @C@ INDI\n1 NAME Cas /C/\n1 SEX M\n1 FAMC @F2@\n2 PEDI foster\n"
            "0 @D@ INDI\n1 NAME Dirk /D/\n"
            "0 @F1@ FAM\n1 WIFE @A@\n1 HUSB @B@\n1 MARR\n"
            "0 @F2@ FAM\n1 WIFE @A@\n1 CHIL @C@\n"
            "0 @F3@ FAM\n1 CHIL @D@\n"
            "0 @F4@ FAM\n1 HUSB @C@\n1 ENGA\n2 DATE 2020\n",
            "7.0",
        )
    )
    (couple,) = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    assert {couple.source, couple.target} == {"ged-A", "ged-B"} and couple.subtype == "married"
    links = [r for r in data.relations if r.kind is RelationKind.PARENT_CHILD]
    assert [(r.source, r.target, r.subtype) for r in links] == [("ged-A", "ged-C", "foster")]
    assert len(data.entities) == 4


def test_a_couple_entered_twice_gives_each_child_one_line_per_parent():
    # Merged trees often hold the same couple in two FAM records listing the same child.
    body = (
        "0 @A@ INDI\n1 NAME Jan /Smit/\n1 SEX M\n0 @B@ INDI\n1 NAME Els /Bos/\n1 SEX F\n"
        "0 @C@ INDI\n1 NAME Kim /Smit/\n1 FAMC @F1@\n1 FAMC @F2@\n2 PEDI adopted\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 CHIL @C@\n"
        "0 @F2@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 CHIL @C@\n1 MARR\n2 DATE 1990\n"
    )
    data = read_gedcom(_ged(body))
    assert summary(data)["parent_child"] == 2 and summary(data)["couples"] == 2
    assert parents_of(data, "Kim Smit") == {"Jan Smit": "adopted", "Els Bos": "adopted"}


def links_of(data, name: str) -> list[tuple[str, str]]:
    """(parent's name, kind) of every parent-child line to ``name``; 'birth' for ''."""
    child = by_name(data, name).id
    names = {e.id: e.name for e in data.entities}
    return sorted(
        (names[r.source], r.subtype or "birth")
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == child
    )


#: Kim is Jan and Els's child by birth, and adopted by Jan and his new wife Mira
BIRTH_AND_ADOPTED = (
    "0 @A@ INDI\n1 NAME Jan /Smit/\n1 SEX M\n1 BIRT\n2 DATE 1960\n"
    "0 @B@ INDI\n1 NAME Els /Bos/\n1 SEX F\n1 BIRT\n2 DATE 1962\n"
    "0 @M@ INDI\n1 NAME Mira /Dekker/\n1 SEX F\n1 BIRT\n2 DATE 1965\n"
    "0 @C@ INDI\n1 NAME Kim /Smit/\n1 BIRT\n2 DATE 1990\n"
    "1 FAMC @F1@\n2 PEDI birth\n1 FAMC @F2@\n2 PEDI adopted\n"
    "0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 CHIL @C@\n"
    "0 @F2@ FAM\n1 HUSB @A@\n1 WIFE @M@\n1 CHIL @C@\n1 MARR\n2 DATE 1995\n"
)


def test_a_birth_father_who_also_adopted_keeps_both_links():
    # #19.4: the adoption replaced the birth link, and Jan was no longer Kim's father by birth
    data = read_gedcom(_ged(BIRTH_AND_ADOPTED))
    assert links_of(data, "Kim Smit") == [
        ("Els Bos", "birth"),
        ("Jan Smit", "adopted"),
        ("Jan Smit", "birth"),
        ("Mira Dekker", "adopted"),
    ]


@pytest.mark.parametrize("pedi", ["", "2 PEDI birth\n"])
def test_both_links_kept_when_only_the_child_names_the_families(pedi):
    # FAMC lines on the child, CHIL in neither family (hand-edited files): the same two links;
    # a birth family without PEDI counts as birth when the adoption is by another couple
    body = (
        BIRTH_AND_ADOPTED.replace("1 CHIL @C@\n", "")
        .replace("1 FAMC @F1@\n2 PEDI birth\n", f"1 FAMC @F1@\n{pedi}")
        .replace("0 @A@ INDI\n", "0 @A@ INDI\n1 FAMS @F1@\n1 FAMS @F2@\n")
    )
    data = read_gedcom(_ged(body))
    assert ("Jan Smit", "birth") in links_of(data, "Kim Smit")
    assert ("Jan Smit", "adopted") in links_of(data, "Kim Smit")


def test_a_couple_who_adopted_their_own_birth_child_keep_both_links_when_the_file_says_so():
    # the same couple in two families: a stated PEDI birth stands beside the adoption (a
    # couple entered twice without PEDI in one of them is one link: see the test above)
    body = (
        "0 @A@ INDI\n1 NAME Jan /Smit/\n1 SEX M\n0 @B@ INDI\n1 NAME Els /Bos/\n1 SEX F\n"
        "0 @C@ INDI\n1 NAME Kim /Smit/\n1 FAMC @F1@\n2 PEDI birth\n1 FAMC @F2@\n2 PEDI adopted\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 CHIL @C@\n"
        "0 @F2@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 CHIL @C@\n1 MARR\n2 DATE 1990\n"
    )
    data = read_gedcom(_ged(body))
    assert links_of(data, "Kim Smit") == [
        ("Els Bos", "adopted"),
        ("Els Bos", "birth"),
        ("Jan Smit", "adopted"),
        ("Jan Smit", "birth"),
    ]


@pytest.mark.parametrize(("pedi", "style"), [("adopted", "dashed"), ("foster", "dotted")])
def test_the_genogram_draws_the_birth_and_the_second_link(pedi, style):
    # domain.md (McGoldrick): a biological child hangs from the couple by a solid line, an
    # adopted one by a dashed line, a foster child by a dotted one. Jan's adoption (or
    # fostering) is his own line to Kim, beside the solid line from Jan and Els.
    from mapping.lenses.genogram import layout_genogram

    data = read_gedcom(_ged(BIRTH_AND_ADOPTED.replace("PEDI adopted", f"PEDI {pedi}")))
    drawing = layout_genogram(data)
    ids = {e.name: e.id for e in data.entities}
    jan, els, mira, kim = (ids[n] for n in ("Jan Smit", "Els Bos", "Mira Dekker", "Kim Smit"))
    by_birth = [line for line in drawing.lines if line.id.startswith("child:") and kim in line.ends]
    assert len(by_birth) == 1 and by_birth[0].style == "solid"
    assert set(by_birth[0].ends) & {els, jan}
    second = {line.ends[0]: line.style for line in drawing.lines if line.id.startswith("link:")}
    assert second == {jan: style, mira: style}
    assert f"child:{pedi}" in _legend_keys(drawing)


def _legend_keys(drawing) -> list[str]:
    return [entry.key for entry in drawing.legend]


def test_a_natural_father_listed_in_two_families_has_one_birth_link():
    # gedcom4j's RelationshipTestExtended.ged (FTM): Theresa is "Sonia's natural daughter
    # but Sylvia's Stepdaughter", in Robert's family with Sonia and in his family with
    # Sylvia, both times _FREL Natural: one birth line from Robert, never two
    data = load("RelationshipTestExtended.ged")
    assert links_of(data, "Theresa Andrews") == [
        ("Robert Andrews", "birth"),
        ("Sonia Smothers", "birth"),
        ("Sylvia Jackson", "foster"),
    ]
    sylvia = by_name(data, "Sylvia Jackson").id
    (step,) = [r for r in data.relations if r.source == sylvia and r.subtype == "foster"]
    assert "Stiefouder" in step.note


def test_a_link_written_on_one_side_only_is_followed():
    # FAMC/FAMS on the person without CHIL/HUSB/WIFE in the family (hand-edited files,
    # Gramps' sample.ged for Edwin): the child and the missing partner are still linked.
    body = (
        "0 @A@ INDI\n1 NAME Jan /Smit/\n1 SEX M\n1 FAMS @F1@\n"
        "0 @B@ INDI\n1 NAME Els /Bos/\n1 SEX F\n1 FAMS @F1@\n"
        "0 @C@ INDI\n1 NAME Kim /Smit/\n1 FAMC @F1@\n2 PEDI foster\n"
        "0 @D@ INDI\n1 NAME Rik /Smit/\n1 FAMC @F1@\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 CHIL @D@\n1 MARR\n2 DATE 1990\n"
    )
    data = read_gedcom(_ged(body))
    assert len(partnership(data, "Jan Smit", "Els Bos")) == 1
    assert parents_of(data, "Kim Smit") == {"Jan Smit": "foster", "Els Bos": "foster"}
    assert parents_of(data, "Rik Smit") == {"Jan Smit": "", "Els Bos": ""}


def test_same_sex_couples_written_as_two_husbands_or_two_wives():
    # gedcom-go's family-structure-variants.ged: GEDCOM 5.5.1 has no form for a
    # same-sex couple, so programs write two HUSB (or two WIFE) lines. Only the first
    # was read, and Adam and Steve's 2015 marriage was lost.
    notices: list = []
    raw = (DATA / "family-structure-variants.ged").read_bytes()
    data = read_case_file("family-structure-variants.ged", raw, notices=notices)
    assert summary(data)["people"] == 5
    couples = partnership(data, "Adam Firstgroom", "Steve Secondgroom")
    assert sorted(r.start for r in couples) == ["", "2015-06-26"]
    assert {r.subtype for r in couples} == {"married"}
    assert parents_of(data, "Solo Parentless") == {}  # a family of children only
    impossible, siblings = notices
    assert "gezin @F3@ met Narcissus Selfwed als beide partners" in impossible.nl
    assert siblings.nl == (
        "1 gezin zonder ouders in het bestand. De kinderen zijn ingelezen, maar dat zij "
        "broers en zussen zijn, staat niet in de casus: @F1@: Solo Parentless, Second Child."
    )

    body = (
        "0 @A@ INDI\n1 NAME Anna /Bos/\n1 SEX F\n0 @B@ INDI\n1 NAME Bea /Smit/\n1 SEX F\n"
        "0 @C@ INDI\n1 NAME Cas /Bos/\n0 @D@ INDI\n1 NAME Dirk /Vos/\n"
        "0 @F1@ FAM\n1 WIFE @A@\n1 WIFE @B@\n1 HUSB @D@\n1 CHIL @C@\n"
    )
    notices = []
    data = read_gedcom(_ged(body), notices=notices)
    assert parents_of(data, "Cas Bos") == {"Dirk Vos": "", "Anna Bos": ""}
    assert "Bea Smit als derde partner in gezin @F1@" in notices[0].nl


def test_about_before_and_after_a_year_are_kept_in_words():
    # Ancestry (gedcom-go's ancestry-2025-export.ged) writes "BEF 1945" and "AFT 2000":
    # "before 1945" became an exact 1945 without a word, as "ABT 1850" did.
    body = (
        "0 @I1@ INDI\n1 NAME Thomas /Brown/\n1 SEX M\n1 BIRT\n2 DATE BEF 1945\n"
        "1 DEAT\n2 DATE AFT 2000\n1 FAMS @F1@\n"
        "0 @I2@ INDI\n1 NAME Susan /Smith/\n1 SEX F\n1 BIRT\n2 DATE 30 SEP 1948\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE ABT 1970\n"
    )
    data = read_gedcom(_ged(body))
    thomas = by_name(data, "Thomas Brown")
    assert (thomas.birth, thomas.death) == ("1945", "2000")
    assert thomas.note == "Geboren: BEF 1945\nOverleden: AFT 2000"
    assert by_name(data, "Susan Smith").note == ""  # an exact date needs no words
    [couple] = partnership(data, "Thomas Brown", "Susan Smith")
    assert couple.start == "1970" and couple.note == "Getrouwd: ABT 1970"


def test_every_marriage_and_divorce_of_a_couple_is_kept_in_words():
    # GEDCOM.io remarriage1.ged: married 1911, divorced 1912, married again 1914. The
    # partnership has one start; the remarriage was nowhere.
    text = (
        "0 @I1@ INDI\n1 NAME John /Public/\n1 SEX M\n0 @I2@ INDI\n1 NAME Jane /Doe/\n1 SEX F\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE 1 APR 1911\n"
        "1 DIV\n2 DATE 2 MAY 1912\n1 MARR\n2 DATE 4 JUL 1914\n"
    )
    [couple] = read_gedcom(_ged(text, "7.0")).relations
    assert (couple.subtype, couple.start, couple.end) == ("married", "1911-04-01", "")
    assert couple.note == "Getrouwd: 1 APR 1911; Gescheiden: 2 MAY 1912; Getrouwd: 4 JUL 1914"


def test_an_annulled_marriage_has_ended_and_a_stillborn_child_is_deceased():
    # GEDCOM.io maximal70-tree2.ged writes ANUL; maximal71.ged a BIRT with KIND BORN_DEAD.
    text = (
        "0 @I1@ INDI\n1 NAME Jan /Smit/\n1 SEX M\n0 @I2@ INDI\n1 NAME Els /Bos/\n1 SEX F\n"
        "0 @I3@ INDI\n1 NAME Kind /Smit/\n1 BIRT\n2 KIND BORN_DEAD\n2 DATE 3 MAR 1992\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I3@\n"
        "1 MARR\n2 DATE 1990\n1 ANUL\n2 DATE 1991\n"
    )
    data = read_gedcom(_ged(text, "7.1"))
    [couple] = partnership(data, "Jan Smit", "Els Bos")
    assert (couple.subtype, couple.start, couple.end) == ("divorced", "1990", "1991")
    assert couple.note == "Getrouwd: 1990; Nietig verklaard: 1991"
    child = by_name(data, "Kind Smit")
    assert child.is_deceased and child.birth == "1992-03-03" and child.note == "Doodgeboren"


def test_a_real_geni_export_with_indented_lines():
    # gedcom4j's Issue166.ged, a Geni.com export: every line below level 0 is indented.
    data = load("geni_issue166.ged")
    assert [e.name for e in data.entities] == [
        "Harald Unander",
        "Far Unander",
        "MOr Unander",
        "FarFar Unander",
        "Morfar Unander",
    ]
    assert parents_of(data, "Harald Unander") == {"Far Unander": "", "MOr Unander": ""}
    assert parents_of(data, "Far Unander") == {"FarFar Unander": ""}
    assert summary(data)["couples"] == 1 and summary(data)["parent_child"] == 4


def test_an_unknown_surname_written_as_a_placeholder_is_left_out():
    # Heredis (gedcom4j's issue81.ged, ANSEL) writes an unknown surname as "/./".
    text = _ged(
        "0 @I1@ INDI\n1 NAME Dolor\u00e1es/./\n0 @I2@ INDI\n1 NAME Therese/VACQU\u00e2E/\n"
        "0 @I3@ INDI\n1 NAME Jan /?/\n0 @I4@ INDI\n1 NAME /./\n"
    ).replace("1 CHAR UTF-8", "1 CHAR ANSEL")
    names = [e.name for e in read_gedcom(text.encode("latin-1")).entities]
    assert names == ["Dolor\u00e8s", "Therese VACQU\u00c9", "Jan", "N.N."]


def test_lines_indented_with_spaces_or_tabs_are_read():
    # gedcom-go's indented-lines.ged, after the Geni.com exports that indent their lines:
    # GEDCOM 5.5 says to ignore the whitespace; the whole file was refused as no GEDCOM.
    notices: list = []
    raw = (DATA / "indented-lines.ged").read_bytes()
    data = read_case_file("indented-lines.ged", raw, notices=notices)
    [person] = data.entities
    assert (person.name, person.sex, person.birth) == ("Space Indented", Sex.MALE, "1900-01-01")
    assert notices == []
    cr_tabs = _ged("0 @I1@ INDI\n\t1 NAME Tab /Bed/\n\t\t2 GIVN Tab\n").replace("\n", "\r")
    assert read_gedcom(cr_tabs.encode()).entities[0].name == "Tab Bed"


def test_sex_as_programs_and_people_write_it():
    # gedcom-go's sex-value-variants.ged (M, F, U, X, empty, lowercase, none) and the
    # Dutch and German letters for a woman.
    values = ["M", "F", "U", "X", "", "m", None, "V", "W", "vrouw", "Male", "female"]
    body = "".join(
        f"0 @I{n}@ INDI\n1 NAME P{n} /X/\n" + (f"1 SEX {v}\n" if v is not None else "")
        for n, v in enumerate(values)
    )
    sexes = [e.sex for e in read_gedcom(_ged(body)).entities]
    M, F, U = Sex.MALE, Sex.FEMALE, Sex.UNKNOWN
    assert sexes == [M, F, U, Sex.OTHER, U, M, U, F, F, F, M, F]


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("civil", "married"),  # Aldfaer: burgerlijk huwelijk
        ("religious", "married"),
        ("registered", "married"),  # Aldfaer: geregistreerd partnerschap
        ("Registered partnership", "married"),
        ("partners", "cohabiting"),  # Aldfaer: samenleven
        ("Common Law", "cohabiting"),
        ("Samenwonend", "cohabiting"),
        ("unknown", "relationship"),  # Aldfaer: onbekende relatie
        (None, "married"),
    ],
)
def test_the_kind_of_a_marriage_event(kind, status):
    # Dutch Aldfaer exports write every relation as MARR with a TYPE (HuMo-genealogy reads
    # them so); a couple that lived together was imported as married.
    body = "0 @A@ INDI\n0 @B@ INDI\n0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 MARR\n2 DATE 1990\n"
    body += f"2 TYPE {kind}\n" if kind else ""
    [couple] = read_gedcom(_ged(body)).relations
    assert (couple.subtype, couple.start) == (status, "1990")
    body = body.replace("DATE 1990", "DATE ABT 1990")  # inexact: the note names the kind
    [couple] = read_gedcom(_ged(body)).relations
    word = "Relatie" if status in ("cohabiting", "relationship") else "Getrouwd"
    assert couple.note == (f"{word} ({kind}): ABT 1990" if kind else "Getrouwd: ABT 1990")


def test_a_married_couple_that_separated_is_separated():
    # Family Tree Maker (Gramps' data/tests/imp_CustTags.ged): MARR 1970, then _SEPR 1980.
    # The couple was drawn as still married and the separation was nowhere.
    couple = "0 @A@ INDI\n1 SEX M\n0 @B@ INDI\n1 SEX F\n0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n"
    married = "1 MARR\n2 DATE 1970\n"
    [r] = read_gedcom(_ged(couple + married + "1 _SEPR\n2 DATE 1980\n")).relations
    assert (r.subtype, r.start, r.end) == ("separated", "1970", "")
    assert r.note == "Getrouwd: 1970; Uit elkaar: 1980"
    again = married + "1 _SEPR\n2 DATE 1980\n1 MARR\n2 DATE 1985\n"  # together again
    assert read_gedcom(_ged(couple + again)).relations[0].subtype == "married"
    filed = married + "1 DIVF\n2 DATE 1990\n"  # a divorce filed: still married, in words
    [r] = read_gedcom(_ged(couple + filed)).relations
    assert (r.subtype, r.note) == ("married", "Getrouwd: 1970; Scheiding aangevraagd: 1990")


def test_other_names_of_a_person_are_kept_in_the_note():
    # Ancestry (gedcom-go's ancestry-2025-export.ged) writes a nickname as a second NAME
    # ("Jack //"), GEDCOM 7 a maiden and a married name: only the first was kept.
    body = (
        "0 @I1@ INDI\n1 NAME John William /Smith/\n1 NAME Jack //\n1 NAME John William /Smith/\n"
        "1 BIRT\n2 DATE ABT 1920\n"
        "0 @I2@ INDI\n1 NAME Maria /Bos/\n2 TYPE MAIDEN\n1 NAME Maria /de Vries-Bos/\n"
        "2 TYPE MARRIED\n0 @I3@ INDI\n1 NAME Kees /Smit/\n"
    )
    john, maria, kees = read_gedcom(_ged(body)).entities
    assert (john.name, john.note) == (
        "John William Smith",
        "Ook bekend als: Jack\nGeboren: ABT 1920",
    )
    assert (maria.name, maria.note) == ("Maria Bos", "Ook bekend als: Maria de Vries-Bos")
    assert kees.note == ""


def test_engagement_and_separation():
    data = read_gedcom(
        _ged(
            "0 @A@ INDI\n0 @B@ INDI\n0 @C@ INDI\n"
            "0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 ENGA\n2 DATE 5 OCT 1994\n"
            "0 @F2@ FAM\n1 HUSB @A@\n1 WIFE @C@\n1 MARR\n2 DATE 1990\n1 DIVF\n"
        )
    )
    status = {r.id: (r.subtype, r.start) for r in data.relations}
    assert status == {"ged-F1": ("engaged", "1994-10-05"), "ged-F2": ("married", "1990")}
    data = read_gedcom(_ged("0 @A@ INDI\n0 @B@ INDI\n0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @B@\n1 DIVF\n"))
    assert data.relations[0].subtype == "separated"


# ---------------------------------------------------------------- large files: select around a person
def _large_tree(generations: int = 7) -> str:
    """A synthetic tree: every couple has two children, who each marry an outsider."""
    lines, fam = [], 0
    couples = [("P0", "Q0")]
    lines += ["0 @P0@ INDI", "1 NAME Stam /Vader/", "1 SEX M"]
    lines += ["0 @Q0@ INDI", "1 NAME Stam /Moeder/", "1 SEX F"]
    n = 0
    for _ in range(generations):
        nxt = []
        for husband, wife in couples:
            fam += 1
            lines += [f"0 @F{fam}@ FAM", f"1 HUSB @{husband}@", f"1 WIFE @{wife}@", "1 MARR"]
            kids = []
            for _ in "MF":
                n += 1
                kids.append(f"K{n}")
                lines.append(f"1 CHIL @K{n}@")
            for k, sex in zip(kids, "MF", strict=True):
                lines += [f"0 @{k}@ INDI", f"1 NAME Kind {k} /Stam/", f"1 SEX {sex}"]
                lines += [f"0 @X{k}@ INDI", f"1 NAME Partner {k} /Aangetrouwd/"]
                lines.append(f"1 SEX {'F' if sex == 'M' else 'M'}")
                nxt.append((k, f"X{k}") if sex == "M" else (f"X{k}", k))
        couples = nxt
    return _ged("\n".join(lines) + "\n")


def test_a_large_tree_is_flagged_and_a_part_can_be_kept():
    data = read_gedcom(_large_tree())
    counts = summary(data)
    assert counts["people"] > LARGE and counts["large"]
    focus = "ged-K3"  # a grandchild of the founders
    part = select_around(data, focus, 1)
    kept = {e.id for e in part.entities}
    # Parents, the sibling, the partner, the two children and their partners.
    assert {"ged-K1", "ged-XK1", "ged-K4", "ged-XK3", "ged-K7", "ged-K8"} <= kept
    assert "ged-P0" not in kept  # a grandparent: two generations up
    assert not summary(part)["large"]
    for r in part.relations:
        assert r.source in kept and r.target in kept
    wider = {e.id for e in select_around(data, focus, 2).entities}
    assert {"ged-P0", "ged-Q0"} <= wider and kept < wider


def test_select_around_a_real_family():
    data = load("gramps_sample.ged")
    part = select_around(data, "ged-I12", 1)  # Hjalmar Smith (1895)
    names = {e.name for e in part.entities}
    assert {"Gustaf Smith, Sr.", "Anna Hansdotter"} <= names  # parents
    assert {"John Hjalmar Smith", "Marjorie Lee Smith"} <= names  # children
    assert {"Marjorie Ohman", "Alice Paula Perkins"} <= names  # partners of those kept
    assert {"Kirsti Marie Smith", "Gus Smith"} <= names  # siblings
    assert "Martin Smith" not in names and "Marjorie Alice Smith" not in names
    assert len(select_around(data, "ged-I12", 0).entities) < len(part.entities)
    with pytest.raises(InvalidInput) as err:
        select_around(data, "nobody", 2)
    assert "nobody" in err.value.nl and err.value.en != err.value.nl


def test_an_imported_real_family_lays_out_as_a_genogram():
    from mapping.lenses.genogram import layout_genogram

    part = select_around(load("gramps_sample.ged"), "ged-I30", 3)  # Lloyd Smith, adopted
    drawing = layout_genogram(part)
    symbols = {s.entity_id: s for s in drawing.symbols if s.entity_id}
    assert set(symbols) == {e.id for e in part.entities}
    for r in part.relations:
        if r.kind is RelationKind.PARENT_CHILD:
            assert symbols[r.source].y < symbols[r.target].y  # parents on a higher row
    deceased = {e.id for e in part.entities if e.is_deceased}
    assert {i for i, s in symbols.items() if s.deceased} == deceased
    adopted = [line for line in drawing.lines if line.style == "dashed"]
    assert adopted, "the adoption of Lloyd Smith is drawn with a dashed line"


# ---------------------------------------------------------------- hostile input
HOSTILE = {
    "empty": b"",
    "only whitespace": b"\n\n  \r\n",
    "html page saved as .ged": b"<!DOCTYPE html>\n<html><body>Page not found</body></html>\n",
    "binary garbage": bytes(range(256)) * 40,
    "png image": b"\x89PNG\r\n\x1a\n" + bytes(2000),
    "no header": b"0 @I1@ INDI\n1 NAME A /B/\n0 TRLR\n",
    "truncated": (DATA / "harry_potter.ged").read_bytes()[:2000],
    "full of circles": _ged(
        "".join(
            f"0 @A{n}@ INDI\n0 @B{n}@ INDI\n0 @F{n}@ FAM\n1 HUSB @A{n}@\n1 CHIL @B{n}@\n"
            f"0 @G{n}@ FAM\n1 HUSB @B{n}@\n1 CHIL @A{n}@\n"
            for n in range(60)
        )
    ).encode(),
    "no people": _ged("0 @F1@ FAM\n").encode(),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_broken_files_give_a_clear_dutch_message(name):
    with pytest.raises(InvalidInput) as err:
        read_gedcom(HOSTILE[name])
    message = err.value.message("nl")
    assert message and err.value.message("en") != message
    assert "Traceback" not in message and len(message) < 400


def test_each_kind_of_broken_file_says_what_is_wrong():
    def nl(name: str) -> str:
        with pytest.raises(InvalidInput) as err:
            read_gedcom(HOSTILE[name])
        return err.value.nl

    assert "leeg" in nl("empty")
    assert "geen leesbaar GEDCOM" in nl("binary garbage")
    assert "geen leesbaar GEDCOM" in nl("html page saved as .ged")
    assert "onvolledig" in nl("truncated")
    assert "cirkels" in nl("full of circles")
    assert "geen personen" in nl("no people")


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.ged"
    with huge.open("wb") as handle:
        handle.write(b"0 HEAD\n")
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(InvalidInput) as err:
        read_gedcom(huge)
    assert "50 MB" in err.value.nl
    with pytest.raises(InvalidInput):
        read_gedcom(b"0 HEAD\n" + b" " * (50 * 1024 * 1024))


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidInput) as err:
        read_gedcom(tmp_path / "weg.ged")
    assert "weg.ged" in err.value.nl


DANGLING = {
    "child not in the file": (
        _ged("0 @A@ INDI\n0 @F1@ FAM\n1 HUSB @A@\n1 CHIL @NOBODY@\n"),
        "@F1@ CHIL @NOBODY@",
    ),
    "family not in the file": (_ged("0 @A@ INDI\n1 FAMC @F9@\n"), "@A@ FAMC @F9@"),
    "family as partner": (_ged("0 @A@ INDI\n0 @F1@ FAM\n1 HUSB @F1@\n"), "@F1@ HUSB @F1@"),
}


@pytest.mark.parametrize("name", list(DANGLING))
def test_a_link_to_a_record_not_in_the_file_is_skipped_and_reported(name):
    text, link = DANGLING[name]
    notices: list = []
    data = read_gedcom(text, notices=notices)
    assert [e.id for e in data.entities] == ["ged-A"] and data.relations == []
    [notice] = notices
    assert link in notice.message("nl") and "overgeslagen" in notice.message("nl")
    assert link in notice.message("en") and "skipped" in notice.message("en")


def test_a_legacy_export_linking_to_a_family_it_left_out_is_imported():
    # Legacy 8.0 (gedcom4j's legacycustomtags.ged): William's FAMC @F1@ names a family
    # the file does not hold; the whole tree used to be refused for it.
    notices: list = []
    raw = (DATA / "legacycustomtags.ged").read_bytes()
    data = read_case_file("legacycustomtags.ged", raw, notices=notices)
    assert summary(data)["people"] == 4 and summary(data)["couples"] == 1
    assert len(partnership(data, "William Williams", "Private")) == 1
    assert by_name(data, "William Williams").birth == "1999-09-09"
    assert by_name(data, "William Williams").is_deceased  # 1 DEAT Y
    assert parents_of(data, "William Williams") == {}
    assert [n.message("en") for n in notices] == [
        "1 reference to a person or family that is not in the file was skipped: @I2@ FAMC @F1@."
    ]


def test_many_dangling_links_are_counted_in_one_notice():
    body = "".join(f"0 @I{n}@ INDI\n1 FAMC @F{n}@\n" for n in range(5))
    notices: list = []
    assert len(read_gedcom(_ged(body), notices=notices).entities) == 5
    [notice] = notices
    assert notice.nl.startswith("5 verwijzingen") and notice.nl.endswith("en nog 2.")


def test_step_parents_and_guardians_are_not_drawn_as_birth_parents():
    # Family Tree Maker for Mac (gedcom4j's ftmcustomtags.ged): John's father in F1 is
    # his stepfather (_FREL Step), his mother there his guardian (_MREL Guardian).
    data = load("ftmcustomtags.ged")
    assert summary(data)["people"] == 3
    assert parents_of(data, "John Johnson") == {"Jesse Johnson": "foster", "June Smith": "foster"}
    notes = {r.note for r in data.relations if r.kind is RelationKind.PARENT_CHILD and r.note}
    assert notes == {"Stiefouder (in het bestand: Step)", "Voogd (in het bestand: Guardian)"}
    [couple] = partnership(data, "Jesse Johnson", "June Smith")
    assert couple.subtype == "separated"  # _SEPR
    john = by_name(data, "John Johnson")
    assert (john.birth, john.death) == ("1950-01-01", "2000-06-30")


def test_family_historian_pedigree_per_parent():
    # Family Historian 6 (as gedcom4j's famhistcustomtags.ged) writes one _PEDI per
    # parent under FAMC: adopted by the father, stepchild of the mother.
    body = (
        "0 @I1@ INDI\n1 NAME Tom /Thompson/\n1 FAMC @F1@\n"
        "2 _PEDI Adopted (father)\n2 _PEDI Step (mother)\n"
        "0 @I2@ INDI\n1 NAME Terry /Thompson/\n1 SEX M\n1 FAMS @F1@\n"
        "0 @I3@ INDI\n1 NAME Theresa /Taylor/\n1 SEX F\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n1 _STAT Never Married\n"
    )
    data = read_gedcom(_ged(body, "5.5"))
    assert parents_of(data, "Tom Thompson") == {
        "Terry Thompson": "adopted",
        "Theresa Taylor": "foster",
    }
    birth_parents = _ged(
        body.replace("Adopted (father)", "Natural").replace("Step (mother)", "Birth")
    )
    assert set(parents_of(read_gedcom(birth_parents), "Tom Thompson").values()) == {""}


def test_people_without_an_xref_are_kept():
    # GEDCOM 7 lets a record that nothing points at go without an xref (GEDCOM.io xref.ged).
    data = load("xref.ged")
    assert len(data.entities) == 7 and len({e.id for e in data.entities}) == 7
    assert data.entities[0].id == "ged-record-1" and data.entities[0].name == "N.N."
    assert "ged-I1" in {e.id for e in data.entities}


IMPOSSIBLE = {
    "circular FAMC/FAMS": (
        "0 @A@ INDI\n1 NAME Adam /Loop/\n1 FAMS @F1@\n1 FAMC @F2@\n"
        "0 @B@ INDI\n1 NAME Cain /Loop/\n1 FAMC @F1@\n1 FAMS @F2@\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 CHIL @B@\n0 @F2@ FAM\n1 HUSB @B@\n1 CHIL @A@\n",
        2,
        1,
        "Cain Loop als ouder van Adam Loop",
    ),
    "own parent": (
        "0 @A@ INDI\n1 NAME Adam /Loop/\n0 @F1@ FAM\n1 HUSB @A@\n1 CHIL @A@\n",
        1,
        0,
        "Adam Loop als eigen kind in gezin @F1@",
    ),
    "same partner twice": (
        "0 @A@ INDI\n1 NAME Adam /Loop/\n0 @B@ INDI\n1 NAME Abel /Loop/\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 WIFE @A@\n1 CHIL @B@\n",
        2,
        1,
        "gezin @F1@ met Adam Loop als beide partners",
    ),
}


@pytest.mark.parametrize("name", list(IMPOSSIBLE))
def test_an_impossible_link_is_left_out_and_the_rest_is_kept(name):
    body, people, lines, said = IMPOSSIBLE[name]
    notices: list = []
    data = read_gedcom(_ged(body), notices=notices)
    assert len(data.entities) == people and len(data.relations) == lines
    [notice] = notices
    assert said in notice.message("nl") and "Controleer" in notice.message("nl")
    assert "cannot be right" in notice.message("en")
    from mapping.lenses.genogram import layout_genogram

    layout_genogram(data)  # a circle left in would never lay out


def test_a_large_tree_may_hold_more_circles_than_a_small_one():
    # One impossible line per twenty people is borne with (a merged tree of thousands);
    # more, or more than fifty in a small file, and the file is refused.
    loops = "".join(
        f"0 @A{n}@ INDI\n0 @B{n}@ INDI\n0 @F{n}@ FAM\n1 HUSB @A{n}@\n1 CHIL @B{n}@\n"
        f"0 @G{n}@ FAM\n1 HUSB @B{n}@\n1 CHIL @A{n}@\n"
        for n in range(55)
    )
    others = "".join(f"0 @P{n}@ INDI\n1 NAME P{n} /Bos/\n" for n in range(1090))
    notices: list = []
    data = read_gedcom(_ged(loops + others), notices=notices)
    assert len(data.entities) == 1200 and len(data.relations) == 55
    assert notices[0].en.endswith("and 52 more. Check this in the family tree program.")
    with pytest.raises(InvalidInput):
        read_gedcom(_ged(loops))


def test_a_gedantic_problem_file_loses_only_the_impossible_line():
    # gedcom4j's problemFile.ged (Family Tree Maker for Mac, made for the gedantic
    # validator): Brittany (born 1994) is also entered as the mother of her own
    # grandfather Thomas (born 1945) in family @FBAD@. The whole tree was refused.
    notices: list = []
    data = read_case_file(
        "problemFile.ged", (DATA / "problemFile.ged").read_bytes(), notices=notices
    )
    assert summary(data)["people"] == 73 and summary(data)["couples"] == 27
    assert parents_of(data, "Thomas Merriweather") == {"Richard Merriweather": "", "Linda": ""}
    assert parents_of(data, "Brittany Merriweather") == {
        "Justin Merriweather": "",
        "Madelyn Bradley": "",
    }
    unclear, notice, dates = notices
    # dates read only in part are said, and kept in words in the note
    assert unclear.nl.startswith("3 datums konden maar deels worden gelezen")
    assert "Gillian Powers (born: BET JUN AND DEC 1900)" in unclear.en
    assert "Douglas (geboren: 02 MAR)" in unclear.nl
    assert notice.message("en").startswith(
        "Left out because it cannot be right: Brittany Merriweather as a parent of Thomas "
        "Merriweather"
    )
    assert summary(select_around(data, by_name(data, "Thomas Merriweather").id))["people"] > 5
    # Vincent 'died' in 2050 and Jennifer was 'born' in 2042: the tree still comes in,
    # the dates stay out of the people and in their notes (they were stored before)
    assert "Vincent Douglas (2050-02-28) ligt in de toekomst" in dates.nl
    assert "Jennifer Douglas (2042-01-01) lies in the future" in dates.en
    vincent, jennifer = by_name(data, "Vincent Douglas"), by_name(data, "Jennifer Douglas")
    assert (vincent.death, vincent.deceased, jennifer.birth) == ("", True, "")
    assert "2050-02-28" in vincent.note and "2042-01-01" in jennifer.note


def test_a_line_that_cannot_be_read_is_reported_not_lost_unseen():
    # gedcom-go's malformed/unterminated-xref.ged writes "0 @I1 INDI": the parser skips
    # the line, and with it the only person. That said "no people" before.
    with pytest.raises(InvalidInput) as err:
        read_gedcom(_ged("0 @I1 INDI\n1 NAME John /Doe/\n", "5.5"))
    assert "regel 5 ('0 @I1 INDI')" in err.value.nl and "leesbare personen" in err.value.nl
    assert "line 5 ('0 @I1 INDI')" in err.value.en
    # One broken line among others (gedcom4j's Sopranos.ged has a NOTE hand-edited
    # without CONT): the rest imports and the notice names the lines.
    body = (
        "0 @I1@ INDI\n1 NAME Tony /Soprano/\n1 NOTE A note without CONT.\n"
        "This is the next line of the text.\n0 @I2 INDI\n1 NAME Livia //\n"
        "0 @I3@ INDI\n1 NAME Carmela /DeAngelis/\n"
    )
    notices: list = []
    data = read_gedcom(_ged(body), notices=notices)
    assert [e.name for e in data.entities] == ["Tony Soprano", "Carmela DeAngelis"]
    [notice] = notices
    assert notice.nl.startswith("2 regels konden niet worden gelezen")
    assert "regel 8 ('This is the next line of the text.')" in notice.nl
    assert "line 9 ('0 @I2 INDI')" in notice.en


def test_blank_lines_are_no_news_but_a_few_broken_lines_are():
    # gedcom-go's malformed/blank-lines.ged: lines of only spaces or a tab between
    # records are skipped without a word.
    notices: list = []
    data = read_case_file(
        "blank-lines.ged", (DATA / "blank-lines.ged").read_bytes(), notices=notices
    )
    assert [(e.name, e.sex) for e in data.entities] == [
        ("Before Blank", Sex.MALE),
        ("After Blank", Sex.UNKNOWN),
    ]
    assert notices == []
    # Four hand-edited note lines without a level among some forty: the tree imports
    # (it was refused as 'no GEDCOM' past two such lines) and the notice names them.
    people = "".join(f"0 @I{n}@ INDI\n1 NAME P{n} /Bos/\n1 SEX F\n" for n in range(12))
    note = "1 NOTE Een notitie\nzonder CONT\nop vier\nregels\nverdeeld\n"
    notices = []
    data = read_gedcom(_ged(people + "0 @I99@ INDI\n1 NAME Q /Bos/\n" + note), notices=notices)
    assert len(data.entities) == 13
    [notice] = notices
    assert notice.nl.startswith("4 regels konden niet worden gelezen")


def test_two_records_under_one_xref_are_both_kept():
    # Two files pasted together, or a faulty export (gedcom-go's malformed/
    # duplicate-xref.ged): the whole tree was refused for one doubled xref.
    body = (
        "0 @A@ INDI\n1 NAME Anna /Bos/\n0 @A@ INDI\n1 NAME Arie /Vos/\n"
        "0 @B@ INDI\n1 NAME Bas /Bos/\n0 @C@ INDI\n1 NAME Cor /Smit/\n"
        "0 @F1@ FAM\n1 WIFE @A@\n1 CHIL @B@\n0 @F1@ FAM\n1 HUSB @B@\n1 WIFE @C@\n"
    )
    notices: list = []
    data = read_gedcom(_ged(body), notices=notices)
    assert [e.name for e in data.entities] == ["Anna Bos", "Arie Vos", "Bas Bos", "Cor Smit"]
    assert len({e.id for e in data.entities}) == 4 and len({r.id for r in data.relations}) == 2
    assert parents_of(data, "Bas Bos") == {"Anna Bos": ""}  # the link goes to the first
    assert len(partnership(data, "Bas Bos", "Cor Smit")) == 1  # the second F1 is kept too
    [notice] = notices
    assert "Arie Vos (@A@, zoals Anna Bos)" in notice.nl and "without family ties" in notice.en


def test_a_broken_file_writes_nothing(tmp_store):
    before = tmp_store.list_cases(include_archived=True)
    with pytest.raises(InvalidInput):
        tmp_store.import_case(read_gedcom(HOSTILE["full of circles"]))
    assert tmp_store.list_cases(include_archived=True) == before


def test_damaged_real_files_never_crash():
    """Cut, scrambled and bit-flipped real files: a case or InvalidInput, nothing else."""
    import random

    rng = random.Random(20261122)
    originals = [path.read_bytes() for path in FILES]
    for _ in range(150):
        raw = bytearray(rng.choice(originals))
        lines = bytes(raw).split(b"\n")
        damage = rng.randrange(4)
        if damage == 0:
            raw = raw[: rng.randrange(len(raw))]
        elif damage == 1:
            for _ in range(rng.randrange(1, 20)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        elif damage == 2:
            rng.shuffle(lines)
            raw = b"\n".join(lines)
        else:
            del lines[rng.randrange(1, len(lines))]
            raw = b"\n".join(lines)
        try:
            data = read_gedcom(bytes(raw))
        except InvalidInput as err:
            assert err.nl and err.en
            continue
        if data.entities:
            select_around(data, data.entities[0].id, 2)


def test_a_path_given_as_text_is_read():
    data = read_gedcom(str(DATA / "remarriage2.ged"))
    assert data.case.code == "GED-REMARRIAGE2" and len(data.entities) == 3


def test_baptism_stands_in_for_birth_and_burial_means_deceased():
    data = read_gedcom(
        _ged(
            "0 @A@ INDI\n1 NAME Aaltje /Bakker/\n1 SEX F\n1 CHR\n2 DATE 3 feb 1790\n"
            "1 BURI\n2 DATE 1850\n0 @B@ INDI\n1 DEAT Y\n0 @C@ INDI\n1 DEAT N\n"
        )
    )
    aaltje, b, c = data.entities
    assert (aaltje.birth, aaltje.death, aaltje.deceased) == ("1790-02-03", "", True)
    assert "Gedoopt: 3 feb 1790" in aaltje.note
    assert b.deceased and not c.deceased


# ---------------------------------------------------------------- files as genealogy programs write them
# Written after the exports of the programs casemanagers' clients use: their
# headers, xref styles, custom tags (_UID, _APID, _UPD, RIN), NOTE records,
# SOUR citations, CONC/CONT continuation lines and the dates users type.
GRAMPS_551 = """0 HEAD
1 SOUR Gramps
2 VERS 5.1.6
2 NAME Gramps
1 DATE 23 NOV 2026
2 TIME 10:12:01
1 SUBM @SUBM@
1 FILE familie_devries.ged
1 COPR Copyright (c) 2026 Onbekend.
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
1 LANG Dutch
0 @SUBM@ SUBM
1 NAME Onbekend
0 @I0000@ INDI
1 NAME Hendrik /de Vries/
2 GIVN Hendrik
2 SURN de Vries
1 SEX M
1 BIRT
2 TYPE Geboorte
2 DATE 12 APR 1931
2 PLAC Leeuwarden, Friesland, Nederland
2 SOUR @S0000@
3 PAGE Akte 312
1 DEAT Y
2 DATE ABT 2001
1 OCCU Timmerman
1 FAMS @F0000@
1 NOTE @N0000@
1 CHAN
2 DATE 23 NOV 2026
3 TIME 10:11:40
0 @I0001@ INDI
1 NAME Geertje /Bosma/
2 GIVN Geertje
2 SURN Bosma
1 SEX F
1 BIRT
2 DATE BEF 1935
1 FAMS @F0000@
0 @I0002@ INDI
1 NAME Jan /de Vries/
1 SEX M
1 BIRT
2 DATE 3 MAR 1958
1 FAMC @F0000@
2 PEDI birth
0 @I0003@ INDI
1 NAME Anke /de Vries/
1 SEX F
1 BIRT
2 DATE BET 1960 AND 1962
1 FAMC @F0000@
2 PEDI adopted
0 @F0000@ FAM
1 HUSB @I0000@
1 WIFE @I0001@
1 CHIL @I0002@
1 CHIL @I0003@
1 MARR
2 TYPE Married
2 DATE 20 MAY 1956
2 PLAC Leeuwarden
0 @S0000@ SOUR
1 TITL Burgerlijke stand Leeuwarden
1 AUTH Gemeente Leeuwarden
0 @N0000@ NOTE Hendrik werkte veertig jaar bij dezelfde aannemer en
1 CONC  bouwde het huis aan de Tuinstraat zelf.
1 CONT Hij sprak alleen Fries met de kleinkinderen.
0 TRLR
"""

ANCESTRY_551 = """0 HEAD
1 CHAR UTF-8
1 SOUR Ancestry.com Family Trees
2 NAME Ancestry.com Member Trees
2 VERS 2021.07
2 _TREE Bakker Family Tree
3 RIN 170123456
3 _ENV prd
2 CORP Ancestry.com
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
0 @P1@ INDI
1 NAME Willem /Bakker/
1 SEX M
1 BIRT
2 DATE 29 February 1908
2 PLAC Amsterdam, Noord-Holland, Netherlands
2 SOUR @S1@
3 PAGE Birth register 1908
3 _APID 1,61166::12345
1 DEAT
2 DATE Abt. 1975
1 FAMS @F1@
0 @P2@ INDI
1 NAME Maria Johanna /Smit/
1 SEX F
1 BIRT
2 DATE Feb 1910
1 DEAT
2 DATE before 1990
1 FAMS @F1@
1 NOTE Maria kwam uit een groot gezin; haar vader was schipper op de
2 CONC  Zuiderzee.
2 CONT Gegevens van tante Riek.
0 @P3@ INDI
1 NAME Cornelis /Bakker/
1 SEX M
1 BIRT
2 DATE between 1935 and 1937
1 FAMC @F1@
0 @P4@ INDI
1 NAME Trijntje /Bakker/
1 SEX F
1 BIRT
2 DATE 3 March 1939
1 FAMC @F1@
0 @F1@ FAM
1 HUSB @P1@
1 WIFE @P2@
1 MARR
2 DATE 14 June 1933
1 CHIL @P3@
1 CHIL @P4@
0 @S1@ SOUR
1 TITL Netherlands, Births, 1600-1960
1 AUTH Ancestry.com
1 REPO @R1@
1 _APID 1,61166::0
0 @R1@ REPO
1 NAME Ancestry.com
0 TRLR
"""

MYHERITAGE_551 = """0 HEAD
1 SOUR MYHERITAGE
2 NAME MyHeritage Family Tree Builder
2 VERS 5.5.1
2 CORP MyHeritage.com
1 DEST MYHERITAGE
1 DATE 23 NOV 2026
1 CHAR UTF-8
1 FILE Exported by MyHeritage.com
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 LANG Dutch
1 _RINS Y
1 _UID 6A8E2B3C-0D1F-4E5A-9B7C-1D2E3F4A5B6C
1 _PROJECT_GUID 7F2D9A1E4C6B8D0F
1 _EXPORTED_FROM_SITE_ID 912345678
0 @I1@ INDI
1 _UPD 23 NOV 2026 10:00:00 GMT -0500
1 NAME Ahmed /El Amrani/
2 GIVN Ahmed
2 SURN El Amrani
1 SEX M
1 BIRT
2 DATE 1 JAN 1960
2 PLAC Nador, Marokko
1 RIN MH:I1
1 _UID 5F3B1D2E6A7C
1 FAMS @F1@
1 FAMS @F2@
0 @I2@ INDI
1 _UPD 23 NOV 2026 10:00:00 GMT -0500
1 NAME Fatima /Ouali/
1 SEX F
1 BIRT
2 DATE 1963
1 DEAT Y
1 RIN MH:I2
1 _UID 6A4C2E3F7B8D
1 FAMS @F1@
0 @I3@ INDI
1 NAME Karin /Mulder/
1 SEX F
1 BIRT
2 DATE 12 OCT 1970
1 RIN MH:I3
1 FAMS @F2@
0 @I4@ INDI
1 NAME Youssef /El Amrani/
1 SEX M
1 BIRT
2 DATE 5 SEP 1988
1 RIN MH:I4
1 FAMC @F1@
0 @I5@ INDI
1 NAME Lina /El Amrani/
1 SEX F
1 BIRT
2 DATE 17 AUG 2005
1 RIN MH:I5
1 FAMC @F2@
0 @F1@ FAM
1 _UPD 23 NOV 2026 10:00:00 GMT -0500
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I4@
1 RIN MH:F1
1 _UID 8B9C0D1E2F3A
1 MARR
2 DATE 1985
1 DIV
2 DATE 1995
0 @F2@ FAM
1 HUSB @I1@
1 WIFE @I3@
1 CHIL @I5@
1 RIN MH:F2
1 MARR
2 DATE 2003
0 TRLR
"""

GEDCOM_70 = """0 HEAD
1 GEDC
2 VERS 7.0
1 SCHMA
2 TAG _SKYPEID http://xmlns.com/foaf/0.1/skypeID
1 SOUR https://gedcom.io/
2 NAME Een GEDCOM 7 programma
1 LANG nl
0 @Ia1@ INDI
1 NAME Pieter /Jansen/
2 TYPE BIRTH
1 SEX M
1 BIRT
2 DATE ABT 1850
1 DEAT
2 DATE BET 1910 AND 1915
1 FAMS @Fa1@
1 SNOTE @Na1@
1 EXID 123
2 TYPE http://example.com
0 @Ib2@ INDI
1 NAME Aaltje /Kok/
1 SEX F
1 BIRT
2 DATE 29 FEB 1852
1 FAMS @Fa1@
0 @Ic3@ INDI
1 NAME Klaas /Jansen/
1 SEX X
1 BIRT
2 DATE BEF 1880
2 PHRASE voor de volkstelling
1 FAMC @Fa1@
2 PEDI FOSTER
0 @Fa1@ FAM
1 HUSB @Ia1@
1 WIFE @Ib2@
1 CHIL @Ic3@
1 MARR
2 DATE 1 MAY 1875
0 @Na1@ SNOTE Pieter was veehouder.
1 CONT Zijn broer emigreerde naar Amerika.
0 TRLR
"""


def test_gramps_export_with_notes_sources_and_pedigree():
    data = read_gedcom(GRAMPS_551)
    assert [e.id for e in data.entities] == ["ged-I0000", "ged-I0001", "ged-I0002", "ged-I0003"]
    hendrik = by_name(data, "Hendrik de Vries")
    assert (hendrik.birth, hendrik.death, hendrik.deceased) == ("1931-04-12", "2001", True)
    assert hendrik.occupation == "Timmerman"
    assert by_name(data, "Geertje Bosma").birth == "1935"
    assert by_name(data, "Anke de Vries").birth == "1960"
    links = {
        (r.source, r.target): r.subtype
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD
    }
    assert links[("ged-I0000", "ged-I0003")] == "adopted"
    assert links[("ged-I0000", "ged-I0002")] == ""
    couple = next(r for r in data.relations if r.kind is RelationKind.PARTNERSHIP)
    assert (couple.subtype, couple.start) == ("married", "1956-05-20")
    assert data.case.scope_note == "Geïmporteerd uit GEDCOM 5.5.1, Gramps."


def test_ancestry_export_with_written_out_months_and_citations():
    data = read_gedcom(ANCESTRY_551)
    s = summary(data)
    assert (s["people"], s["couples"], s["parent_child"]) == (4, 1, 4)
    willem = by_name(data, "Willem Bakker")
    assert (willem.birth, willem.death) == ("1908-02-29", "1975")
    assert "Overleden: Abt. 1975" in willem.note  # what the file says is kept in words
    maria = by_name(data, "Maria Johanna Smit")
    assert (maria.birth, maria.death) == ("1910-02", "1990")
    assert by_name(data, "Cornelis Bakker").birth == "1935"
    assert by_name(data, "Trijntje Bakker").birth == "1939-03-03"
    couple = next(r for r in data.relations if r.kind is RelationKind.PARTNERSHIP)
    assert couple.start == "1933-06-14"
    assert "Geboren" not in willem.note  # 29 February 1908 is an exact date


def test_myheritage_export_with_bom_uids_and_a_second_marriage():
    raw = b"\xef\xbb\xbf" + MYHERITAGE_551.encode("utf-8")
    data = read_gedcom(raw)
    s = summary(data)
    assert (s["people"], s["couples"], s["divorces"], s["marriages"]) == (5, 2, 1, 1)
    ahmed = by_name(data, "Ahmed El Amrani")
    partners = sorted(
        (r.start, r.subtype)
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and ahmed.id in (r.source, r.target)
    )
    assert partners == [("1985", "divorced"), ("2003", "married")]
    assert by_name(data, "Fatima Ouali").deceased
    lina = by_name(data, "Lina El Amrani")
    parents = {r.source for r in data.relations if r.target == lina.id}
    assert parents == {ahmed.id, by_name(data, "Karin Mulder").id}


def test_gedcom7_with_letters_in_ids_snote_and_phrases():
    data = read_gedcom(GEDCOM_70)
    assert {e.id for e in data.entities} == {"ged-Ia1", "ged-Ib2", "ged-Ic3"}
    pieter = by_name(data, "Pieter Jansen")
    assert (pieter.birth, pieter.death, pieter.deceased) == ("1850", "1910", True)
    assert by_name(data, "Aaltje Kok").birth == "1852-02-29"
    klaas = by_name(data, "Klaas Jansen")
    assert (klaas.sex, klaas.birth) == (Sex.OTHER, "1880")
    assert {r.subtype for r in data.relations if r.target == klaas.id} == {"foster"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", ["gramps", "ancestry", "myheritage", "gedcom7"])
def test_program_exports_in_utf16_with_and_without_bom(sample, encoding):
    text = {
        "gramps": GRAMPS_551,
        "ancestry": ANCESTRY_551,
        "myheritage": MYHERITAGE_551,
        "gedcom7": GEDCOM_70,
    }[sample]
    expected = read_gedcom(text)
    text = text.replace("1 CHAR UTF-8", "1 CHAR UNICODE").replace("\n", "\r\n")
    raw = text.encode(encoding)  # plain "utf-16" writes a BOM
    data = read_gedcom(raw)
    assert [(e.id, e.name, e.birth, e.death) for e in data.entities] == [
        (e.id, e.name, e.birth, e.death) for e in expected.entities
    ]
    assert [(r.id, r.subtype) for r in data.relations] == [
        (r.id, r.subtype) for r in expected.relations
    ]


def test_program_exports_pass_tidy_and_go_into_the_store(tmp_store):
    from mapping.formats.importers import tidy

    for text in (GRAMPS_551, ANCESTRY_551, MYHERITAGE_551, GEDCOM_70):
        case = tmp_store.import_case(tidy(read_gedcom(text)))
        assert len(tmp_store.load(case.id).entities) >= 3


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("29 February 1708", "1708-02-29"),
        ("29 FEB 1708", "1708-02-29"),
        ("Feb 1708", "1708-02"),
        ("Sept 1900", "1900-09"),
        ("Jan. 1900", "1900-01"),
        ("February 29, 1708", "1708-02-29"),
        ("3 March 1900", "1900-03-03"),
        ("3 mei 1900", "1900-05-03"),
        ("ABT 1850", "1850"),
        ("about 1850", "1850"),
        ("Abt. Feb 1708", "1708-02"),
        ("c. 1850", "1850"),
        ("BEF 1900", "1900"),
        ("before 3 May 1900", "1900-05-03"),
        ("after 1900", "1900"),
        ("BET 1850 AND 1860", "1850"),
        ("Between 1850 and 1860", "1850"),
        ("tussen 1850 en 1860", "1850"),
        ("1850?", "1850"),
        ("1900-05-03", "1900-05-03"),
        ("1900-13-01", ""),
        ("30 February 1900", ""),
        ("Smarch 1900", ""),
        # seen in real files: MyHeritage Family Tree Builder ("1076 or 1088"), Ancestry
        # users typing numbers, Dutch qualifiers
        ("1076 or 1088", "1076"),
        ("abt. 1066 or 1094 ", "1066"),
        ("1850 of 1851", "1850"),
        ("1850-1860", "1850"),
        ("25-12-1950", "1950-12-25"),
        ("12/25/1950", "1950-12-25"),
        ("31.12.1899", "1899-12-31"),
        ("01-01-2000", "2000-01-01"),
        ("12/03/1950", "1950"),  # day and month could be either: the year only
        ("31-02-1950", ""),
        # GEDCOM.io's date.ged: GEDCOM 7 names the calendar without @#D...@
        ("JULIAN 12 AUG 1401", "1401-08-12"),
        ("GREGORIAN 1601", "1601"),
        ("EST JULIAN 1230", "1230"),
        ("BEF GREGORIAN 3 DEC 1519", "1519-12-03"),
        ("BET GREGORIAN 1950 AND 1918", "1950"),
        ("FROM GREGORIAN 30 JUN 730", "0730-06-30"),
        ("FRENCH_R 27 THER 77", ""),
        ("HEBREW 26 TVT 27", ""),
        ("_UNKNOWN 13 _MONTH 17", ""),
        ("12 AUG 1401 BCE", ""),
        ("FROM 730 BCE", ""),
        ("omstreeks 1850", "1850"),
        ("om. 1850", "1850"),
        ("rond 1850", "1850"),
    ],
)
def test_dates_as_people_type_them(text, iso):
    assert gedcom_date(text) == iso


def test_a_utf8_file_that_says_unicode_is_read():
    """Saved again by an editor as UTF-8, the header still says UTF-16 ('UNICODE')."""
    text = ANCESTRY_551.replace("1 CHAR UTF-8", "1 CHAR UNICODE").replace("Smit", "Smît")
    assert by_name(read_gedcom(text.encode("utf-8")), "Maria Johanna Smît")


def test_an_uncertain_year_is_kept_in_words():
    data = read_gedcom(_ged("0 @I1@ INDI\n1 NAME A /B/\n1 BIRT\n2 DATE 1850?\n"))
    person = data.entities[0]
    assert person.birth == "1850" and "Geboren: 1850?" in person.note


# ---------------------------------------------------------------- big broken files, refused at once
# "At once" means: the pre-check refuses them before the full parse starts. The
# parser is replaced by one that fails the test, so a slow path cannot hide
# behind a fast machine (the time itself is measured in `make bench`).
@pytest.fixture
def _refused_before_parsing(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the full GEDCOM parser ran on a file the pre-check should refuse")

    monkeypatch.setattr(gedcom_module.gedcom_lite, "parse", never)

    def refuse(raw: bytes) -> InvalidInput:
        with pytest.raises(InvalidInput) as err:
            read_gedcom(raw)
        return err.value

    return refuse


def test_five_megabytes_of_noise_is_refused_at_once(_refused_before_parsing):
    import random

    noise = random.Random(5).randbytes(5 * 1024 * 1024)
    assert "geen leesbaar GEDCOM" in _refused_before_parsing(noise).nl
    err = _refused_before_parsing(b"0 HEAD\n1 CHAR UTF-8\n" + noise)
    assert "geen leesbaar GEDCOM" in err.nl


def test_a_big_file_without_people_is_refused_at_once(_refused_before_parsing):
    notes = b"".join(b"0 @N%d@ NOTE een notitie\n" % n for n in range(250_000))
    raw = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n" + notes + b"0 TRLR\n"
    assert len(raw) > 5_000_000
    assert "geen personen" in _refused_before_parsing(raw).nl
    wide = raw.decode().encode("utf-16")
    assert "geen personen" in _refused_before_parsing(wide).nl


def test_a_big_file_cut_off_is_refused_at_once(_refused_before_parsing):
    people = b"".join(b"0 @I%d@ INDI\n1 NAME P /%d/\n" % (n, n) for n in range(150_000))
    raw = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n" + people  # no TRLR
    assert "onvolledig" in _refused_before_parsing(raw).nl


def test_noise_in_the_middle_of_a_big_file_is_refused_at_once(_refused_before_parsing):
    import random

    people = b"".join(b"0 @I%d@ INDI\n1 NAME P /%d/\n" % (n, n) for n in range(20_000))
    noise = random.Random(7).randbytes(3 * 1024 * 1024)
    raw = b"0 HEAD\n1 CHAR UTF-8\n" + people + noise + people + b"0 TRLR\n"
    assert "geen leesbaar GEDCOM" in _refused_before_parsing(raw).nl


# ---------------------------------------------------------------- GEDZIP (GEDCOM 7's zip)
def _gedzip(entries: dict[str, bytes], method=None) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method or zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_gedzip_reads_its_family_tree_and_says_the_photos_stay_out():
    tree = (DATA / "remarriage2.ged").read_bytes()
    content = _gedzip({"gedcom.ged": tree, "photos/oma.jpg": b"\xff\xd8" + b"0" * 100})
    notices: list = []
    data = read_case_file("familie.gdz", content, notices=notices)
    plain = read_case_file("familie.ged", tree)
    assert sorted(e.name for e in data.entities) == sorted(e.name for e in plain.entities)
    assert data.case.title == "familie"
    assert [n.nl for n in notices if "GEDZIP" in n.nl] == [
        "1 foto('s) en document(en) uit het GEDZIP-archief zijn niet overgenomen; "
        "alleen de stamboom."
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04 dit is geen zip", "geen leesbaar GEDZIP"),
        (b"0 HEAD\n1 CHAR UTF-8\n0 TRLR\n", "geen leesbaar GEDZIP"),
        (None, "geen gedcom.ged"),
        ("bomb", "groter dan 50 MB"),
    ],
)
def test_a_broken_or_hostile_gedzip_is_refused(content, words):
    if content is None:
        content = _gedzip({"stamboom.txt": b"0 HEAD\n0 TRLR\n"})
    elif content == "bomb":  # 60 MB of zeros that pack into a few dozen kilobytes
        content = _gedzip({"gedcom.ged": b"0" * (60 * 1024 * 1024)})
        assert len(content) < 200_000
    with pytest.raises(InvalidInput) as err:
        read_case_file("boom.gdz", content)
    assert words in err.value.nl
