"""The dossier report: pages, vector images, and a pseudonymised variant without names."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from mapping.report import build_report, egos


@pytest.fixture(scope="module")
def demo_report():
    from mapping.demo import demo_case

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
    from mapping.demo import demo_case

    earlier = demo_case()
    earlier.relations = [r for r in earlier.relations if r.id != "s-sanne-els"]
    pdf = build_report(demo_data, lang="en", compare_with=earlier, compare_label="intake")
    text = pdf_text(pdf)
    assert "Dossier report" in text and "Changes since intake" in text
    assert "Els Visser" in text
