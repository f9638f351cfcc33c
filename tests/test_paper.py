"""Maps on paper and images of any size (#19.1, #19.2), on a large real family tree.

``tests/data/gedcom/gramps_example.ged`` is the Gramps example tree (2,157
people, see the README there), imported with everything: its genogram is
about 36,600 px wide, more than cairo can put in one PNG and twice the page
size PDF readers open. It must print on A3 sheets with readable names, and
its PNG must never fail.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mapping.core.drawing import Caption
from mapping.core.errors import InvalidInput
from mapping.formats.gedcom import read_gedcom
from mapping.lenses import draw
from mapping.render.paper import (
    MAX_PNG_PIXELS,
    MAX_PNG_SIDE,
    MIN_NAME_PT,
    OVERLAP_PT,
    PX_PT,
    cut_marks,
    name_size_px,
    page_size,
    plan_sheets,
    png_image,
    print_pdf,
    printable_area,
    record,
    svg_size_px,
)
from mapping.render.svg import RenderOptions, render_svg

TREE = Path(__file__).parent / "data" / "gedcom" / "gramps_example.ged"
A3 = (1190.55, 841.89)  # landscape, points


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# ---------------------------------------------------------------- planning (fast)
def test_paper_sizes_and_refusals():
    assert page_size("a4", "portrait") == (595.28, 841.89)
    assert page_size("A3", "landscape") == A3
    for paper, turn in (("a5", "portrait"), ("a4", "sideways"), ("", "portrait")):
        with pytest.raises(InvalidInput) as refused:
            page_size(paper, turn)
        assert "Kies" in refused.value.nl and "Choose" in refused.value.en


def test_a_map_that_stays_readable_gets_one_sheet_and_small_maps_are_not_blown_up():
    plan = plan_sheets(1000, 600, name_pt=9, page=A3)
    assert not plan.tiled and plan.pages == 1 and plan.name_pt >= MIN_NAME_PT
    tiny = plan_sheets(100, 50, name_pt=9, page=A3)
    assert tiny.name_pt == pytest.approx(14.0)  # enlarged, but names no larger than 14 pt


def test_tiles_cover_the_whole_map_and_neighbours_share_the_overlap():
    width, height = 20_000.0, 3_000.0
    plan = plan_sheets(width, height, name_pt=9, page=A3)
    assert plan.tiled and plan.name_pt == pytest.approx(MIN_NAME_PT)
    _, _, aw, ah = printable_area(A3)
    tiles = {(t.row, t.col): t for t in plan.tiles}
    assert len(tiles) == plan.rows * plan.columns == plan.pages - 1
    assert min(t.x for t in plan.tiles) <= 0 and max(t.x + t.w for t in plan.tiles) >= width
    assert min(t.y for t in plan.tiles) <= 0 and max(t.y + t.h for t in plan.tiles) >= height
    for (row, col), tile in tiles.items():
        assert tile.w * plan.scale == pytest.approx(aw) and tile.h * plan.scale == pytest.approx(ah)
        right = tiles.get((row, col + 1))
        if right:  # the strip at the right edge is on the next sheet too
            assert (tile.x + tile.w - right.x) * plan.scale == pytest.approx(OVERLAP_PT)
    assert [t.number for t in plan.tiles] == list(range(2, plan.pages + 1))


def test_sheets_nothing_reaches_are_left_out_and_the_rest_keep_their_place():
    boxes = [(0, 0, 100, 100), (19_900, 2_900, 20_000, 3_000)]  # two far corners only
    plan = plan_sheets(20_000, 3_000, name_pt=9, page=A3, boxes=boxes)
    assert len(plan.tiles) == 2
    first, last = plan.tiles
    assert (first.row, first.col) == (1, 1) and (last.row, last.col) == (plan.rows, plan.columns)
    assert [first.number, last.number] == [2, 3]


def test_cut_marks_point_to_the_neighbours():
    plan = plan_sheets(4_000, 2_000, name_pt=9, page=A3)
    first = plan.tiles[0]
    marks = cut_marks(plan, first)
    dashed = [m for m in marks if m[0] == "line" and m[-1]]
    assert len(dashed) == 2  # a right and a lower neighbour: two cut lines
    texts = " ".join(m[3] for m in marks if m[0] == "text")
    assert f"blad {first.number + 1}" in texts and f"blad {first.number + plan.columns}" in texts
    last = cut_marks(plan, plan.tiles[-1])
    assert not [m for m in last if m[0] == "line" and m[-1]]  # the last sheet has none


def test_name_size_is_read_from_the_drawing():
    assert name_size_px('<text font-size="9" class="label">A</text>') == 9.0
    assert name_size_px("<svg/>") == 12.0


# ---------------------------------------------------------------- the large real tree
@pytest.fixture(scope="module")
def tree_drawing():
    data = read_gedcom(TREE.read_bytes())
    assert sum(e.is_person for e in data.entities) == 2157
    drawing = draw(data, "genogram", lang="nl")
    drawing.caption = Caption(
        title=data.case.title,
        case_code=data.case.code,
        date=date.today().isoformat(),
        lens="genogram",
    )
    return drawing


@pytest.fixture(scope="module")
def tiled(tree_drawing):
    return print_pdf(tree_drawing, RenderOptions(lang="nl"), paper="a3", orientation="landscape")


def test_the_large_tree_is_beyond_one_png_and_one_readable_pdf_page(tree_drawing):
    svg = render_svg(tree_drawing, RenderOptions(lang="nl"))
    width, _ = svg_size_px(svg)
    assert width > MAX_PNG_SIDE  # the failure the issue reports: cairo cannot make this PNG
    assert width * PX_PT > 14_400  # wider than the largest page PDF readers open


def test_large_tree_prints_on_a3_sheets_with_readable_names(tiled, tree_drawing):
    plan = tiled.plan
    reader = PdfReader(io.BytesIO(tiled.data))
    assert plan.tiled and len(reader.pages) == plan.pages == len(plan.tiles) + 1
    assert len(reader.pages) >= 10
    for page in reader.pages:  # every sheet A3 landscape, to the point
        box = page.mediabox
        assert abs(float(box.width) - A3[0]) <= 1 and abs(float(box.height) - A3[1]) <= 1
    # names: the drawing's name size times the scale the sheets are printed at
    name_px = name_size_px(render_svg(tree_drawing, RenderOptions(caption=False)))
    assert name_px * PX_PT * plan.scale >= MIN_NAME_PT - 1e-6
    assert plan.name_pt == pytest.approx(name_px * PX_PT * plan.scale)
    first = reader.pages[0].extract_text()
    assert f"blad 1 van {plan.pages}" in first and "Legenda" in first
    assert tree_drawing.caption.case_code in first
    some = reader.pages[len(reader.pages) // 2].extract_text()
    assert f"van {plan.pages}" in some and "rij " in some and "kolom " in some
    assert tree_drawing.caption.case_code in some and tree_drawing.caption.date in some
    # each sheet carries its own part of the map only: its text is read in a moment, and
    # the names on a few sheets are names of the tree
    names = {s.label for s in tree_drawing.symbols if s.label}
    printed = "".join(reader.pages[n].extract_text() for n in (2, 3, 4))
    assert sum(name in printed for name in names) > 20
    assert tiled.notices and "bladen A3 liggend" in tiled.notices[0].message("nl")
    assert "7,0 pt" in tiled.notices[0].message("nl")


def test_large_tree_png_is_scaled_down_with_a_notice_or_cut_into_tiles(tree_drawing):
    svg = render_svg(tree_drawing, RenderOptions(lang="nl"))
    width, height = svg_size_px(svg)
    recorded = record(svg)
    small = png_image(svg, 96, "verkleinen", recorded=recorded)
    w, h = png_size(small.data)
    assert (w, h) == (small.width, small.height) and not small.zipped
    assert w <= MAX_PNG_SIDE and w * h <= MAX_PNG_PIXELS
    assert w / h == pytest.approx(width / height, rel=0.01)  # scaled, not cut
    message = small.notices[0].message("nl")
    assert "verkleind" in message and f"{small.name_px:.1f}".replace(".", ",") + " px" in message
    tiles = png_image(svg, 48, "tegels", recorded=recorded)  # half the pixels: still too many
    assert tiles.zipped and tiles.tiles >= 2 and "tegels" in tiles.notices[0].message("nl")
    with zipfile.ZipFile(io.BytesIO(tiles.data)) as archive:
        names = archive.namelist()
        assert len(names) == tiles.tiles and names[0] == "tegel-01-rij1-kolom1.png"
        sizes = [png_size(archive.read(name)) for name in names]
    assert sum(sw for sw, _ in sizes[: len(sizes) // tiles_rows(names)]) >= int(width / 2)
    assert all(sw <= 5_000 and sh <= 5_000 for sw, sh in sizes)


def tiles_rows(names: list[str]) -> int:
    return len({name.split("-")[2] for name in names})


def test_a_sheet_heading_in_chinese_and_arabic_prints_every_letter(tmp_path):
    """The sheets' own texts (title, case code, page) are drawn with cairo directly:
    they too take each letter from a font that has it (#19.3)."""
    import shutil
    import subprocess

    from mapping.services.demo import demo_case
    from mapping.services.export import export_lens

    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        pytest.fail("pdftotext/pdffonts missing: run `make test` (it installs poppler-utils)")
    data = demo_case()
    data.case.title = "Familie 王 عائلة"
    path = tmp_path / "sheets.pdf"
    path.write_bytes(export_lens(data, "sociogram", "pdf", paper="a4", orientation="portrait"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "CJK" in fonts, fonts  # DejaVu has no Chinese: it came from Noto
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "王" in text
    # the Arabic word's letters, joined (presentation forms) or plain
    assert any("\u0600" <= c <= "\u06ff" or "\ufe70" <= c <= "\ufeff" for c in text), text
