"""A genogram claims no more than its source: unknown couples, inexact dates, drawn conditions,
and couple lines that never cross a name (#21.3, #23.9).

Checked on the demo case and on public GEDCOM files (tests/data/gedcom, see its README),
among them Gramps' ``sample2.ged`` (BET, BEF, AFT and ABT dates, a couple without any
event) and gedcom4j's ``Sopranos.ged`` (two families without a marriage record).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapping.core.codec import check_values, from_record, to_record
from mapping.core.drawing import Symbol
from mapping.core.errors import InvalidInput
from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import Condition, PartnershipStatus, RelationKind, Sex
from mapping.formats.exchange import dump_case, load_case
from mapping.formats.gedcom import read_gedcom
from mapping.lenses.genogram import layout_genogram
from mapping.render.svg import render_svg
from mapping.render.symbols import LINE_SIZES, label_lines
from mapping.services.demo import demo_case
from mapping.services.pseudonym import pseudonymise
from mapping.storage.store import Store

DATA = Path(__file__).parent / "data" / "gedcom"
FIXTURES = sorted(p.name for p in DATA.glob("*.ged"))


def by_name(data: CaseData, name: str) -> Entity:
    (found,) = [e for e in data.entities if e.name == name]
    return found


# ----------------------------------------------------------------- couples without a status
def test_a_family_without_events_claims_no_status():
    data = read_gedcom(DATA / "sopranos.ged")
    couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    assert len(couples) == 2 and {r.subtype for r in couples} == {"unknown"}
    drawing = layout_genogram(data)
    lines = [line for line in drawing.lines if line.id.startswith("couple:")]
    assert {line.tooltip for line in lines} == {"relatie (status onbekend)"}
    assert all(line.label == "?" and line.style == "solid" for line in lines)
    legend = {entry.key: entry.text for entry in drawing.legend}
    assert legend["partnership:unknown"] == "Lijn met vraagteken: relatie, status onbekend"
    assert "partnership:relationship" not in legend  # no LAT the file never said
    english = layout_genogram(data, lang="en")
    assert {line.tooltip for line in english.lines if line.id.startswith("couple:")} == {
        "relationship (status unknown)"
    }
    svg = render_svg(drawing)
    assert "LAT" not in svg and "status onbekend" in svg


def test_gramps_sample2_hans_peter_and_jennifer_have_no_status():
    data = read_gedcom(DATA / "gramps_sample2.ged")
    hans, jennifer = by_name(data, "Hans Peter Smith"), by_name(data, "Jennifer Anderson")
    (couple,) = [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == {hans.id, jennifer.id}
    ]
    assert (couple.subtype, couple.start, couple.end) == ("unknown", "", "")


def test_a_couple_stored_without_status_is_unknown_and_a_users_relationship_stays_lat():
    """Cases imported before keep '' in the store: drawn as unknown; a user's LAT is kept."""
    people = [Entity(k, k.upper(), sex=s) for k, s in (("a", Sex.MALE), ("b", Sex.FEMALE))]
    people += [Entity(k, k.upper(), sex=s) for k, s in (("c", Sex.MALE), ("d", Sex.FEMALE))]
    relations = [
        Relation("old", RelationKind.PARTNERSHIP, "a", "b", subtype=""),
        Relation("lat", RelationKind.PARTNERSHIP, "c", "d", subtype="relationship"),
    ]
    data = CaseData(Case("t", "T", "T"), people, relations)
    tips = {line.relation_id: line.tooltip for line in layout_genogram(data).lines}
    assert tips == {"old": "relatie (status onbekend)", "lat": "relatie (LAT)"}


# ----------------------------------------------------------------- inexact dates
def test_inexact_dates_of_gramps_sample2_keep_their_qualifier_on_the_map():
    data = read_gedcom(DATA / "gramps_sample2.ged")
    years = {s.label.replace("\n", " "): s.sublabels for s in layout_genogram(data).symbols}
    assert years["Martin Smith"] in {("tussen 1794 en 1796",), ("1830 – tussen 1899 en 1905",)}
    both = [s for s in layout_genogram(data).symbols if s.label == "Martin Smith"]
    assert {s.sublabels for s in both} == {
        ("tussen 1794 en 1796",),
        ("1830 – tussen 1899 en 1905",),
    }
    assert years["Kerstina Hansdotter"] == ("1832 – vóór 1908",)  # DEAT BEFORE 1908
    assert years["Gustaf Smith, Sr."] == ("1862 – vóór 1930",)  # BEF. 23 JUL 1930
    assert years["Ingar Smith"] == ("na 1823",)  # AFTER 1823
    assert years["Edwin Willard"] == ("ca. 1886",)  # ABT 1886
    assert years["Hans Peter Smith"] == ("1904–1977",)  # exact dates stay as they were
    english = {
        s.label.replace("\n", " "): s.sublabels for s in layout_genogram(data, lang="en").symbols
    }
    assert english["Kerstina Hansdotter"] == ("1832 – before 1908",)
    assert english["Ingar Smith"] == ("after 1823",)
    assert english["Edwin Willard"] == ("about 1886",)


def test_inexact_marriage_years_keep_their_qualifier_on_the_couple_line():
    data = read_gedcom(DATA / "gramps_sample2.ged")
    labels = {line.relation_id: line.label for line in layout_genogram(data).lines}
    assert labels["ged-F3"] == "x ca. 1790"  # MARR ABT 1790
    assert labels["ged-F2"] == "x ca. 1816"
    assert labels["ged-F5"] == "x 1885"  # an exact date stays bare
    english = {line.relation_id: line.label for line in layout_genogram(data, lang="en").lines}
    assert english["ged-F3"] == "x about 1790"


def test_an_age_from_an_inexact_date_does_not_pretend_precision():
    data = read_gedcom(DATA / "gramps_sample2.ged")
    symbols = {s.label.replace("\n", " "): s for s in layout_genogram(data).symbols}
    assert symbols["Kerstina Hansdotter"].inner_label == "≤76"  # 1832 to before 1908
    assert symbols["Gustaf Smith, Sr."].inner_label == "≤68"
    assert {s.inner_label for s in symbols.values() if s.label == "Martin Smith"} >= {"69–75"}
    assert symbols["Hans Peter Smith"].inner_label == "73"
    assert "vóór 1930" in symbols["Gustaf Smith, Sr."].tooltip
    living = Entity("x", "X", birth="1966", birth_qualifier="after")
    assert living.age_text().startswith("≤")
    born_before = Entity("y", "Y", birth="1828", birth_qualifier="before", death="1900")
    assert born_before.age_text() == "≥72"


def test_qualifiers_survive_the_store_the_case_file_and_snapshots(tmp_path):
    data = read_gedcom(DATA / "gramps_sample2.ged")
    store = Store(tmp_path / "c.db")
    case = store.import_case(data, author="test")
    back = store.load(case.id)
    wanted = {e.name + e.id: (e.birth_qualifier, e.death_qualifier) for e in data.entities}
    assert {e.name + e.id: (e.birth_qualifier, e.death_qualifier) for e in back.entities} == wanted
    assert by_name(back, "Kerstina Hansdotter").death_qualifier == "before"
    couples = {r.id: (r.start_qualifier, r.end_qualifier) for r in data.relations}
    assert {r.id: (r.start_qualifier, r.end_qualifier) for r in back.relations} == couples
    assert couples["ged-F9"] == ("about", "")
    again = load_case(dump_case(back))
    assert {e.name + e.id: (e.birth_qualifier, e.death_qualifier) for e in again.entities} == wanted
    snap = store.snapshot(case.id, "intake", author="test")
    frozen = store.snapshot_data(snap.id)
    assert by_name(frozen, "Ingar Smith").birth_qualifier == "after"


def test_a_qualifier_is_checked_like_any_field():
    record = to_record(Entity("p", "P", birth="1840", birth_qualifier="between/1845"))
    assert from_record(Entity, record).birth_qualifier == "between/1845"
    with pytest.raises(InvalidInput, match="birth_qualifier"):
        check_values(Entity("p", "P", birth="1840", birth_qualifier="sometime"))


def test_pseudonymised_copies_hold_no_qualifier():
    data = read_gedcom(DATA / "gramps_sample2.ged")
    safe = pseudonymise(data)
    assert all(not e.birth_qualifier and not e.death_qualifier for e in safe.entities)
    svg = render_svg(layout_genogram(safe))
    assert "1796" not in svg and "vóór" not in svg and "tussen" not in svg


# ----------------------------------------------------------------- conditions drawn
@pytest.mark.parametrize(
    ("condition", "part"),
    [
        (Condition.DEMENTIA, "upper"),
        (Condition.ADDICTION, "lower"),
        (Condition.PSYCHIATRIC, "left"),
        (Condition.CHRONIC_ILLNESS, "right"),
    ],
)
def test_a_condition_with_a_convention_is_drawn_with_a_legend_entry(condition, part):
    data = CaseData(
        Case("t", "T", "T"),
        [Entity("oma", "Oma", sex=Sex.FEMALE, birth="1940", conditions=(condition,))],
    )
    drawing = layout_genogram(data)
    oma = drawing.symbol("oma")
    assert oma.fill_parts == (part,)
    assert oma.annotations == ()  # drawn, not written under the symbol
    keys = {entry.key for entry in drawing.legend}
    assert f"condition:{condition.value}" in keys
    svg = render_svg(drawing)
    assert f'class="fill-{part}"' in svg
    assert re.search(rf'class="fill-{part}" d="M[^"]+Z"', svg)  # a real shape, not empty


def test_a_condition_without_a_convention_is_still_written():
    data = CaseData(
        Case("t", "T", "T"),
        [Entity("p", "Piet", sex=Sex.MALE, birth="1980", conditions=(Condition.DETENTION,))],
    )
    piet = layout_genogram(data).symbol("p")
    assert piet.fill_parts == () and piet.annotations == ("detentie",)


# ----------------------------------------------------------------- couple lines and names
def _text_boxes(s: Symbol) -> list[tuple[float, float, float, float]]:
    """The boxes of the lines written under ``s``, as mapping.render.symbols places them."""
    from mapping.render.markup import text_width

    lines = label_lines(s, hide_notes=False)
    top = s.half * (0.72 if s.shape in ("system", "ellipse") else 1.0) + (4 if s.index else 0)
    y = s.y + top + 4 + s.label_offset
    boxes = []
    for kind, text in lines:
        step = LINE_SIZES[kind] * 1.2
        w = text_width(text, LINE_SIZES[kind])
        boxes.append((s.x - w / 2, y + 1.0, s.x + w / 2, y + step))
        y += step
    return boxes


def _crossings(drawing) -> list[tuple[str, str, str]]:
    boxes = [(s.label, box) for s in drawing.symbols if s.label_below for box in _text_boxes(s)]
    found = []
    for line in drawing.lines:
        if not line.id.startswith("couple:"):
            continue
        half = line.width / 2
        for (ax, ay), (bx, by) in zip(line.points, line.points[1:], strict=False):
            x0, x1 = min(ax, bx) - half, max(ax, bx) + half
            y0, y1 = min(ay, by) - half, max(ay, by) + half
            for name, (bx0, by0, bx1, by1) in boxes:
                if x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1:
                    found.append((line.id, name, f"{(ax, ay)}-{(bx, by)}"))
    return found


def test_no_couple_line_crosses_a_name_in_the_demo_case():
    drawing = layout_genogram(demo_case())
    assert sum(line.id.startswith("couple:") for line in drawing.lines) >= 6
    assert _crossings(drawing) == []


@pytest.mark.parametrize("name", FIXTURES)
def test_no_couple_line_crosses_a_name_in_public_gedcom_files(name):
    drawing = layout_genogram(read_gedcom(DATA / name))
    assert _crossings(drawing) == []


@pytest.mark.parametrize("key", ["gezin", "dementie", "jongvolwassene"])
def test_no_couple_line_crosses_a_name_in_the_training_cases(key):
    from mapping.services.training import load_training_case

    assert _crossings(layout_genogram(load_training_case(key))) == []


def test_the_crossing_check_sees_a_crossing():
    """The measure itself: a name moved up onto the couple line is found."""
    drawing = layout_genogram(demo_case())
    sanne = drawing.symbol("sanne")
    sanne.label_offset = -12.0
    assert any(name.startswith("Sanne") for _, name, _ in _crossings(drawing))


def test_the_divorce_year_sits_beside_its_slashes_on_the_couple_line():
    drawing = layout_genogram(demo_case())
    (line,) = [ln for ln in drawing.lines if ln.relation_id == "u-mark-sanne"]
    assert line.label == "x 2007 // 2016" and line.slashes == 2
    level = line.points[1][1]
    svg = render_svg(drawing)
    group = re.search(r'<g class="line[^"]*" data-relation-id="u-mark-sanne".*?</g>', svg, re.S)
    assert group
    texts = re.findall(
        r'<text x="([\d.-]+)" y="([\d.-]+)"[^>]*text-anchor="(\w+)" class="line-label[^"]*"'
        r"[^>]*>([^<]+)</text>",
        group.group(0),
    )
    assert {t[3] for t in texts} == {"x 2007", "2016"}
    middle = (line.points[1][0] + line.points[2][0]) / 2
    for x, y, anchor, text in texts:
        assert 0 < level - float(y) <= 6  # on the line, not floating above it
        if text == "2016":  # right after the slashes
            assert anchor == "start" and 0 < float(x) - middle <= 14
        else:
            assert anchor == "end" and 0 < middle - float(x) <= 14


def test_the_legend_of_every_symbol_has_the_unknown_status_and_dementia():
    from mapping.lenses.legend import genogram_legend

    entries = {e.key: e for e in genogram_legend()}
    unknown = entries[PartnershipStatus.UNKNOWN.value]
    assert unknown.text == "Lijn met vraagteken: relatie, status onbekend"
    assert unknown.sample.label == "?"
    lat = entries[PartnershipStatus.RELATIONSHIP.value]  # a user's choice keeps its legend
    assert lat.text == "Stippellijn: relatie" and lat.sample.style == "dotted"
    texts = [e.text for e in genogram_legend("en")]
    assert "Upper half filled: dementia" in texts


def test_a_tree_imported_before_qualifiers_gets_them_back_from_its_notes(tmp_path):
    """An older database: the dates of an imported tree held the first year and the note
    the words. Opening it with this version gives them their qualifier, from the file's
    own words; a date the user changed since is left as the user left it."""
    import sqlite3

    path = tmp_path / "old.db"
    with Store(path) as store:
        case = store.import_case(read_gedcom(DATA / "gramps_sample2.ged"), author="test")
    old = sqlite3.connect(path)
    for table, columns in (  # what migrations 0004 and later added
        ("entities", ("birth_qualifier", "death_qualifier", "kaart_id")),
        ("relations", ("start_qualifier", "end_qualifier")),
        ("actions", ("referral_org", "referral_status", "referred_on", "status_on")),
    ):
        for column in columns:
            old.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    old.execute("DROP TABLE sociale_kaart")
    old.execute("DELETE FROM _sqlite_migrations WHERE name >= '0004'")
    old.execute("UPDATE entities SET birth = '1887' WHERE id = 'ged-I15'")  # Edwin, edited
    old.commit()
    old.close()
    with Store(path) as store:
        data = store.load(case.id)
    assert by_name(data, "Kerstina Hansdotter").death_qualifier == "before"
    assert by_name(data, "Ingar Smith").birth_qualifier == "after"
    martin = {e.id: e for e in data.entities}["ged-I2"]
    assert (martin.birth, martin.birth_qualifier) == ("1794", "between/1796")
    assert by_name(data, "Edwin Willard").birth_qualifier == ""  # changed since: not touched
    assert by_name(data, "Hans Peter Smith").birth_qualifier == ""  # exact stays exact
    couples = {r.id: r.start_qualifier for r in data.relations}
    assert couples["ged-F3"] == "about" and couples["ged-F5"] == ""
