"""The dossier report: pages, vector images, and a pseudonymised variant without names."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from mapping.lenses.sociogram import egos
from mapping.services.report import build_report
from tests.test_pseudonym import AUTHOR, CASES, leaks, pdf_said, plan_dates, secrets_of


@pytest.fixture(scope="module")
def demo_report():
    from mapping.services.demo import demo_case

    return build_report(demo_case(), lang="nl", author="M. de Wit")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_report_has_every_part(demo_report, demo_data):
    reader = PdfReader(io.BytesIO(demo_report))
    # cover, genogram, ecogram, two netwerkkaarten (Sanne, Daan), balance, plan >= 1
    assert len(reader.pages) >= 7
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(size[0] - 595) < 2 and abs(size[1] - 842) < 2  # A4, portrait or landscape
    assert float(reader.pages[0].mediabox.height) > float(reader.pages[0].mediabox.width)
    assert float(reader.pages[1].mediabox.width) > float(reader.pages[1].mediabox.height)
    text = pdf_text(demo_report)
    for part in (
        "Dossierrapport",
        "DEMO-001",
        "Genogram",
        "Ecogram",
        "Netwerkkaart van Sanne Jansen",
        "Balans",
        "Plan",
        "Rust in de financiën",
    ):
        assert part in text, part
    assert f"Pagina 1 van {len(reader.pages)}" in text
    assert egos(demo_data) == ["sanne", "daan"]


def test_report_is_vector(demo_report):
    reader = PdfReader(io.BytesIO(demo_report))
    genogram_page = reader.pages[1]
    assert not genogram_page.images  # drawn as paths and text, not a bitmap
    assert "Sanne Jansen" in (genogram_page.extract_text() or "")


def test_pseudonymised_report_contains_no_name(demo_data):
    pdf = build_report(demo_data, pseudonymise=True)
    text = pdf_text(pdf)
    names = set()
    for entity in demo_data.entities:
        if entity.is_person and entity.birth_status.value == "born":
            names.update(part for part in re.split(r"[\s-]+", entity.name) if len(part) > 2)
    names.discard("van")
    found = sorted(name for name in names if re.search(rf"\b{re.escape(name)}\b", text))
    assert not found, f"real names in the pseudonymised report: {found}"
    assert "Gepseudonimiseerd" in text


def test_english_report_with_comparison(demo_data):
    from mapping.services.demo import demo_case

    earlier = demo_case()
    earlier.relations = [r for r in earlier.relations if r.id != "s-sanne-els"]
    pdf = build_report(demo_data, lang="en", compare_with=earlier, compare_label="intake")
    text = pdf_text(pdf)
    assert "Dossier report" in text and "Changes since intake" in text
    assert "Els Visser" in text


# ---------------------------------------------------------------- the plan table
def _plan_pages_of(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        p.extract_text() or "" for p in reader.pages if "Plan: doelen" in (p.extract_text() or "")
    ]


def test_plan_is_a_table_with_status_actions_and_scores(demo_report, demo_data):
    [page] = _plan_pages_of(demo_report)
    flat = " ".join(page.split())
    for heading in ("Doel", "Status", "Factoren", "Acties", "Uren", "Evaluatie en score"):
        assert heading in flat, heading
    for goal in demo_data.goals:
        assert " ".join(goal.title.split()) in flat, goal.title
    assert "bezig" in flat and "bereikt" in flat  # statuses in words
    assert "Samen de post openen en sorteren" in flat
    assert "scores (1-10):" in flat and "2026-09-01: 6" in flat
    assert "10.0" not in flat  # hours as people write them


def _big_plan(demo_data, goals: int):
    from dataclasses import replace

    from mapping.core.model import Action, Goal

    data = replace(demo_data, goals=[], actions=[], monitoring=[])
    for n in range(goals):
        data.goals.append(Goal(id=f"g{n}", title=f"Doel nummer {n} " + "lang " * 8))
        data.actions += [
            Action(id=f"a{n}-{k}", goal_id=f"g{n}", what=f"Actie {n}.{k} " + "uitleg " * 12)
            for k in range(4)
        ]
    return data


def test_a_long_plan_runs_over_pages_and_loses_no_goal(demo_data):
    data = _big_plan(demo_data, 30)
    pages = _plan_pages_of(build_report(data))
    assert len(pages) >= 3
    flat = " ".join(" ".join(pages).split())
    for n in range(30):
        assert f"Doel nummer {n} " in flat, n
        for k in range(4):
            assert f"Actie {n}.{k} " in flat, (n, k)
    assert all("Acties: wie, wat" in page for page in pages)  # the header on every page


def test_a_goal_taller_than_a_page_continues_on_the_next(demo_data):
    from mapping.core.model import Action

    data = _big_plan(demo_data, 1)
    data.actions = [
        Action(id=f"a{k}", goal_id="g0", what=f"Stap {k} " + "toelichting " * 10) for k in range(60)
    ]
    pages = _plan_pages_of(build_report(data))
    assert len(pages) >= 2
    flat = " ".join(" ".join(pages).split())
    assert all(f"Stap {k} " in flat for k in range(60))


def test_an_empty_plan_says_so(demo_data):
    from dataclasses import replace

    data = replace(demo_data, goals=[], actions=[], monitoring=[])
    [page] = _plan_pages_of(build_report(data))
    assert "Nog geen doelen in het plan." in page


def test_every_change_is_in_the_report_however_many(demo_data):
    from dataclasses import replace

    from mapping.core.model import Entity

    later = replace(
        demo_data,
        entities=demo_data.entities
        + [Entity(id=f"new{n}", name=f"Nieuwe kennis {n}") for n in range(120)],
    )
    pdf = build_report(later, compare_with=demo_data, compare_label="intake")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in reader.pages
        if "Veranderingen sinds intake" in (p.extract_text() or "")
    )
    assert all(f"Nieuwe kennis {n}" in text for n in range(120))


# ------------------------------------------------------------------------------------
# Issue 14.6: a pseudonymised report names no one and leads back to no dossier, on the
# demo case and on a real imported GEDCOM file (see tests/test_pseudonym.py).
SNAPSHOT, EARLIER = "intake Vollenhoven", "startgesprek Vollenhoven"


def _report(data, **kwargs) -> bytes:
    """The report of ``data`` as a snapshot, compared with an earlier state missing a person."""
    from dataclasses import replace

    newcomer = data.entities[-1].id  # someone came into view since
    earlier = replace(
        data,
        entities=data.entities[:-1],
        relations=[r for r in data.relations if newcomer not in (r.source, r.target)],
    )
    return build_report(
        data,
        snapshot_label=SNAPSHOT,
        compare_with=earlier,
        compare_label=EARLIER,
        author=AUTHOR,
        **kwargs,
    )


@pytest.mark.parametrize("case", CASES)
def test_a_pseudonymised_report_holds_nothing_that_leads_back(case):
    data = CASES[case]()
    pdf = _report(data, pseudonymise=True)
    said = pdf_said(pdf)
    secrets = secrets_of(data, labels=(SNAPSHOT, EARLIER))
    assert leaks(said, secrets, dates=plan_dates(data)) == []
    # one code made for this report: on the cover, in every footer and in the PDF's title
    reader = PdfReader(io.BytesIO(pdf))
    code = reader.metadata["/Title"].removeprefix("Dossierrapport ")
    assert re.fullmatch(r"PS-[A-Z2-9]{6}", code) and "/Author" not in reader.metadata
    pages = [page.extract_text() or "" for page in reader.pages]
    assert f"Casus {code}" in pages[0] and all(code in page for page in pages)
    cover = pages[0]
    assert "Casemanager" not in cover and "Gemaakt door" not in cover
    assert "Momentopname momentopname 2" in cover and "Gepseudonimiseerd" in cover
    assert "Veranderingen sinds momentopname 1" in said


def test_a_pseudonymised_report_takes_the_code_it_is_given(demo_data):
    pdf = build_report(demo_data, pseudonymise=True, export_code="PS-GIVEN1")
    assert PdfReader(io.BytesIO(pdf)).metadata["/Title"] == "Dossierrapport PS-GIVEN1"
    assert "PS-GIVEN1 · " in pdf_text(pdf)


@pytest.mark.parametrize("case", CASES)
def test_a_normal_report_still_names_the_case(case):
    data = CASES[case]()
    pdf = _report(data)
    said = pdf_said(pdf)
    found = leaks(said, secrets_of(data, labels=(SNAPSHOT, EARLIER)), dates=plan_dates(data))
    assert PdfReader(io.BytesIO(pdf)).metadata["/Title"] == f"Dossierrapport {data.case.code}"
    for expected in (
        f"code: {data.case.code}",
        f"title: {data.case.title}",
        f"person: {data.case.casemanager}",
        f"person: {AUTHOR}",
        f"label: {SNAPSHOT}",
        f"label: {EARLIER}",
        f"year: {data.index_person().birth_year}",
    ):
        assert expected in found, expected
    assert data.index_person().name in said


def test_the_report_page_names_a_pseudonymised_file_by_its_own_code(page_app):
    at = page_app("report")
    at.run()
    at.button(key="report_build").click().run()
    assert at.session_state["report_pdf"][2] == "DEMO-001-rapport.pdf"
    at.toggle(key="report_pseudo").set_value(True).run()
    at.button(key="report_build").click().run()
    assert not at.exception, at.exception
    _wanted, pdf, name = at.session_state["report_pdf"]
    code = PdfReader(io.BytesIO(pdf)).metadata["/Title"].removeprefix("Dossierrapport ")
    assert name == f"{code}-rapport-pseudo.pdf" and "DEMO" not in name


def test_a_map_too_small_to_read_on_one_page_is_placed_on_tiled_sheets(demo_report):
    """#19.1: the demo's netwerkkaart would print its names below 7 pt on one A4 page: it gets
    an overview and tiled A4 landscape sheets, each numbered as a sheet and as a report page."""
    reader = PdfReader(io.BytesIO(demo_report))
    total = len(reader.pages)
    texts = [page.extract_text() or "" for page in reader.pages]
    for n, text in enumerate(texts, start=1):
        assert f"Pagina {n} van {total}" in text  # the report's own numbering runs on
    overviews = [n for n, text in enumerate(texts) if "Overzicht:" in text]
    assert overviews, "no map was tiled"
    first = overviews[0]
    sheets = int(re.search(r"blad 1 van (\d+)", texts[first]).group(1))
    for text in texts[first + 1 : first + sheets]:
        assert re.search(rf"blad \d+ van {sheets} · rij \d+, kolom \d+", text)
    for page in reader.pages[first : first + sheets]:
        assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
