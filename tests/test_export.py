"""Image exports: PNG size per dpi, vector one-page PDF, captions, failures, atomic writes."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from pypdf import PdfReader

from mapping.core.drawing import Drawing, Symbol
from mapping.core.errors import InvalidInput, RenderError
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.export import (
    PNG_SIGNATURE,
    export_lens,
    svg_to_pdf,
    svg_to_png,
    write_export,
)

NS = "{http://www.w3.org/2000/svg}"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def small_svg() -> str:
    d = Drawing(lens="genogram")
    d.symbols.append(Symbol(id="p", entity_id="p", x=0, y=0, label="Marieke", deceased=True))
    d.symbols.append(Symbol(id="q", entity_id="q", x=120, y=0, shape="circle", label="Joost"))
    return render_svg(d, RenderOptions(legend=False))


def svg_size(svg: str) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width")), float(root.get("height"))


@pytest.mark.parametrize("dpi", [96, 300])
def test_png_has_the_right_pixel_size(dpi):
    svg = small_svg()
    width, height = svg_size(svg)
    png = svg_to_png(svg, dpi=dpi)
    w, h = png_size(png)
    assert abs(w - width * dpi / 96) <= 1
    assert abs(h - height * dpi / 96) <= 1


def test_pdf_is_one_vector_page_of_the_svg_size():
    svg = small_svg()
    width, height = svg_size(svg)
    pdf = svg_to_pdf(svg)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(width * 0.75, abs=1)
    assert float(box.height) == pytest.approx(height * 0.75, abs=1)
    text = reader.pages[0].extract_text()
    assert "Marieke" in text and "Joost" in text  # text stays text: vector, not a bitmap


def test_broken_svg_raises_render_error_not_empty_bytes():
    with pytest.raises(RenderError) as err:
        svg_to_png("<svg><not closed")
    assert err.value.nl != err.value.en  # Dutch and English message
    with pytest.raises(RenderError):
        svg_to_pdf("")


@pytest.mark.parametrize("href", ["http://example.invalid/x.png", "file:///etc/passwd"])
def test_external_references_are_never_fetched(href):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image xlink:href="{href}" width="10" height="10"/></svg>'
    )
    with pytest.raises(RenderError):
        svg_to_png(svg)


def test_bad_dpi_is_refused():
    with pytest.raises(InvalidInput):
        svg_to_png(small_svg(), dpi=0)


@pytest.mark.parametrize("lens", ["genogram", "ecogram", "sociogram"])
def test_export_lens_svg_has_the_caption(demo_data, lens):
    svg = export_lens(demo_data, lens, "svg", author="Anna de Vries", lang="nl").decode()
    assert svg.startswith("<?xml")
    root = ET.fromstring(svg)
    caption = [g for g in root.iter(f"{NS}g") if g.get("class") == "caption"]
    text = " ".join(t.text or "" for t in caption[0].iter(f"{NS}text"))
    assert demo_data.case.code in text
    assert date.today().isoformat() in text
    assert "Anna de Vries" in text
    assert demo_data.case.title in text
    assert "gepseudonimiseerd" not in text


def test_export_lens_png_and_pdf(demo_data):
    png96 = export_lens(demo_data, "genogram", "png")
    png300 = export_lens(demo_data, "genogram", "png", dpi=300)
    w96, h96 = png_size(png96)
    w300, h300 = png_size(png300)
    assert abs(w300 - w96 * 300 / 96) <= 2 and abs(h300 - h96 * 300 / 96) <= 2
    pdf = export_lens(demo_data, "ecogram", "pdf", lang="en", paper="a3")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1  # the demo's ecogram fits one A3 sheet readably
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # landscape
    assert "Ecogram" in reader.pages[0].extract_text()


def test_export_lens_pdf_goes_on_the_chosen_paper(demo_data):
    """A4 portrait is too small for the demo's genogram at 7 pt: tiled, each sheet A4 portrait."""
    notices: list = []
    pdf = export_lens(
        demo_data, "genogram", "pdf", paper="a4", orientation="portrait", notices=notices
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "blad 1 van" in reader.pages[0].extract_text()
    assert notices and "bladen A4 staand" in notices[0].message("nl")
    default = PdfReader(io.BytesIO(export_lens(demo_data, "genogram", "pdf")))
    assert round(float(default.pages[0].mediabox.width)) == 1191  # A3 landscape for a genogram


@pytest.mark.parametrize(("paper", "orientation"), [("a5", "landscape"), ("a4", "schuin")])
def test_export_lens_refuses_unknown_paper(demo_data, paper, orientation):
    with pytest.raises(InvalidInput) as refused:
        export_lens(demo_data, "genogram", "pdf", paper=paper, orientation=orientation)
    assert "Kies" in refused.value.nl


def test_export_lens_pseudonymised_says_so_and_hides_names(demo_data):
    svg = export_lens(demo_data, "sociogram", "svg", pseudonymise=True, lang="en").decode()
    assert "pseudonymised" in svg
    assert demo_data.case.title not in svg
    index = demo_data.index_person()
    assert index.name not in svg


def test_export_lens_sociogram_ego_survives_pseudonymising(demo_data):
    ego = next(e for e in demo_data.entities if e.is_person and not e.index_person and e.household)
    plain = export_lens(demo_data, "sociogram", "svg", ego=ego.id).decode()
    hidden = export_lens(demo_data, "sociogram", "svg", ego=ego.id, pseudonymise=True).decode()
    assert plain.count('class="symbol') == hidden.count('class="symbol')


def test_export_lens_hide_notes(demo_data):
    svg = export_lens(demo_data, "genogram", "svg", hide_notes=True).decode()
    assert 'class="note"' not in svg


def test_export_lens_refuses_unknown_format_and_lens(demo_data):
    with pytest.raises(InvalidInput):
        export_lens(demo_data, "genogram", "gif")
    with pytest.raises(InvalidInput):
        export_lens(demo_data, "stamboom", "svg")


def test_write_export_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out" / "genogram.png"
    write_export(target, b"first")
    assert target.read_bytes() == b"first"

    import mapping.services.export as export

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", crash)
    with pytest.raises(OSError):
        write_export(target, b"second")
    assert target.read_bytes() == b"first"  # the old file is intact
    assert [p.name for p in target.parent.iterdir()] == ["genogram.png"]  # no temp file left


def test_write_export_refuses_empty_bytes(tmp_path):
    with pytest.raises(RenderError):
        write_export(tmp_path / "x.png", b"")
    assert not (tmp_path / "x.png").exists()


def test_every_shape_and_line_style_converts(tmp_path):
    from tests.test_render_svg import gallery

    svg = render_svg(gallery())
    w, h = png_size(svg_to_png(svg, dpi=120))
    width, height = svg_size(svg)
    assert abs(w - width * 1.25) <= 1 and abs(h - height * 1.25) <= 1
    text = PdfReader(io.BytesIO(svg_to_pdf(svg))).pages[0].extract_text()
    for word in ("double_with_zigzag", "huishouden", "Legenda", "Galerij"):
        assert word in text
