"""Names in every script reach the PNG and the PDF whole, right-to-left ones in order (#19.3).

A family in Dutch social work may write its names in Latin with diacritics,
Turkish, Polish, Arabic, Hebrew, Ge'ez (Tigrinya, Amharic), Chinese,
Japanese, Korean or Cyrillic. The three lenses and the dossier report are
drawn with such names and converted with CairoSVG, as the exports are. For
the PDF, ``pdffonts`` must list only embedded fonts of our families (a CJK
and a Ge'ez font among them: DejaVu alone has no such glyph, and its boxes
were what the dossier got), and ``pdftotext`` must give every word of every
name back in its logical order (a right-to-left name drawn letter by letter
left to right comes back reversed). For the PNG, every letter of every text
CairoSVG is given must be in the font that text names, as fontconfig's own
``fc-list :charset=`` answers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from mapping.core.model import Case, CaseData, Entity, Relation
from mapping.core.vocabulary import (
    ConnectionStrength,
    EntityKind,
    Flow,
    Lens,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    Valence,
)
from mapping.render.markup import FAMILIES, text_width
from mapping.render.scripts import cairo_text, for_cairo, visual_order
from mapping.render.svg import render_svg
from mapping.services.export import export_lens, svg_to_png
from mapping.services.report import build_report

PDFFONTS, PDFTOTEXT, FCLIST = (shutil.which(t) for t in ("pdffonts", "pdftotext", "fc-list"))
needs_poppler = pytest.mark.skipif(
    not (PDFFONTS and PDFTOTEXT),
    reason="pdffonts/pdftotext (Debian's poppler-utils) are NOT installed: the PDFs of names "
    "in every script are NOT checked for missing glyphs",
)

#: (id, name, sex, born): one person per script; the client's name is Latin with diacritics
PEOPLE = [
    ("zoe", "Zoë Çelik-Nguyễn", Sex.FEMALE, "1978"),
    ("ilkay", "İlkay Işık Ağaoğlu", Sex.MALE, "1976"),
    ("lukasz", "Łukasz Żółć-Mańkowski", Sex.MALE, "2010"),
    ("salam", "سلام أحمد", Sex.MALE, "1950"),
    ("latifa", "لطيفة عبد الله", Sex.FEMALE, "1953"),
    ("shalom", "שלום כהן", Sex.MALE, "2005"),
    ("selam", "ሰላም ተስፋይ", Sex.FEMALE, "2008"),
    ("wang", "王芳", Sex.FEMALE, "1981"),
    ("hanako", "山田 はなこ", Sex.FEMALE, "2012"),
    ("minjun", "김민준", Sex.MALE, "1979"),
    ("natalya", "Наталья Иванова", Sex.FEMALE, "2001"),
]
SYSTEMS = [("school", "مدرسة النور", SystemKind.SCHOOL), ("gp", "診所 Tanaka", SystemKind.GP)]
NAMES = [name for _, name, _, _ in PEOPLE]


def family_of_every_script() -> CaseData:
    """Zoë (the client) and İlkay with their children at home, her parents, friends, two systems."""
    home = {"zoe", "ilkay", "shalom", "selam", "hanako"}
    people = [
        Entity(
            id=i,
            name=n,
            sex=s,
            birth=born,
            index_person=i == "zoe",
            household=i in home,
        )
        for i, n, s, born in PEOPLE
    ]
    systems = [Entity(id=i, name=n, kind=EntityKind.SYSTEM, system_kind=k) for i, n, k in SYSTEMS]
    K = RelationKind
    family = [
        Relation("p1", K.PARTNERSHIP, "ilkay", "zoe", "married"),
        Relation("p2", K.PARTNERSHIP, "salam", "latifa", "married"),
        Relation("p3", K.PARTNERSHIP, "wang", "minjun", "cohabiting"),
        *[
            Relation(f"c-{parent}-{child}", K.PARENT_CHILD, parent, child)
            for parent in ("ilkay", "zoe")
            for child in ("shalom", "selam", "hanako")
        ],
        *[Relation(f"c-{p}-zoe", K.PARENT_CHILD, p, "zoe") for p in ("salam", "latifa")],
        Relation("c-wang-lukasz", K.PARENT_CHILD, "wang", "lukasz", "adopted"),
        Relation("c-minjun-lukasz", K.PARENT_CHILD, "minjun", "lukasz", "adopted"),
        Relation("c-ilkay-natalya", K.PARENT_CHILD, "ilkay", "natalya"),
    ]
    connections = [
        Relation("k1", K.CONNECTION, "selam", "school", ConnectionStrength.STRONG, Flow.TO_FAMILY),
        Relation("k2", K.CONNECTION, "zoe", "gp", ConnectionStrength.MODERATE, Flow.BOTH),
    ]
    sectors = [Sector.HOUSEHOLD, Sector.FRIENDS, Sector.NEIGHBOURS, Sector.WORK_SCHOOL]
    ties = [
        Relation(
            f"s-{member}",
            K.SUPPORT,
            "zoe",
            member,
            Valence.SUPPORTIVE,
            sector=sectors[k % 4],
            ring=[Ring.CLOSE, Ring.MIDDLE, Ring.FAR][k % 3],
            support=(SupportType.EMOTIONAL,),
        )
        for k, (member, _, _, _) in enumerate(PEOPLE[1:])
    ]
    return CaseData(
        case=Case(id="c1", code="SCRIPT-1", title="Familie Çelik"),
        entities=people + systems,
        relations=family + connections + ties,
    )


@pytest.fixture(scope="module")
def case() -> CaseData:
    return family_of_every_script()


LENSES = [(Lens.GENOGRAM, ""), (Lens.ECOGRAM, ""), (Lens.SOCIOGRAM, "zoe")]


# ---------------------------------------------------------------- the PDF
def pdf_fonts(pdf: bytes, tmp_path) -> list[dict]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(
        [PDFFONTS, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    header = lines[0]
    cols = {name: header.index(name) for name in ("name", "type", "emb", "sub", "uni")}
    fonts = []
    for line in lines[2:]:
        fonts.append(
            {
                "name": line[: cols["type"]].strip(),
                "type": line[cols["type"] : cols["emb"] - 17].strip(),
                "emb": line[cols["emb"] : cols["emb"] + 3].strip(),
                "uni": line[cols["uni"] : cols["uni"] + 3].strip(),
            }
        )
    return fonts


def pdf_words(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # poppler marks a right-to-left line with embedding marks; Arabic comes back in the
    # presentation forms it was drawn with, which NFKC makes letters again
    text = unicodedata.normalize("NFKC", re.sub("[\u202a-\u202e\u200e\u200f]", "", text))
    return text.split()


def assert_every_name_whole(
    pdf: bytes, tmp_path, names: list[str], fonts_needed=("cjk", "ethiopic")
) -> None:
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts, "no font in the PDF: the names were not drawn as text"
    known = {f.replace(" ", "").lower() for f in FAMILIES}
    for font in fonts:
        base = font["name"].split("+")[-1].split("-")[0].lower()  # ABCDEF+NotoSansCJKsc-Regular
        assert font["emb"] == "yes", f"{font['name']} is not embedded"
        assert font["uni"] == "yes", f"{font['name']} has no text mapping"
        assert "type 3" not in font["type"].lower(), f"{font['name']} is a placeholder"
        assert any(base.startswith(k) or k.startswith(base) for k in known), (
            f"{font['name']} is none of our families: fontconfig put another font in"
        )
    embedded = " ".join(f["name"].lower() for f in fonts)
    assert all(font in embedded for font in fonts_needed), embedded
    # pdftotext guesses spaces from gaps, and may miss one where a name changes font
    # ("Earl Kieble鈴木"): each word must be in the text, its letters in their order
    text = "".join(pdf_words(pdf, tmp_path))
    for name in names:
        for word in unicodedata.normalize("NFKC", name).split():
            assert word in text, f"{word!r} of {name!r} is not in the PDF's text" + (
                " (drawn in the wrong order?)" if word[::-1] in text else ""
            )


@needs_poppler
@pytest.mark.parametrize(("lens", "ego"), LENSES, ids=[lens.value for lens, _ in LENSES])
def test_every_lens_pdf_has_every_name_in_an_embedded_font(case, lens, ego, tmp_path):
    pdf = export_lens(case, lens, "pdf", ego=ego)
    shown = {
        Lens.GENOGRAM: NAMES,
        # the ecogram names the household by first names, the systems in full
        Lens.ECOGRAM: [n for _, n, _ in SYSTEMS] + ["Zoë", "İlkay", "שלום", "ሰላም", "山田"],
        Lens.SOCIOGRAM: NAMES,
    }[lens]
    assert_every_name_whole(pdf, tmp_path, shown)


@needs_poppler
def test_the_dossier_report_has_every_name_in_an_embedded_font(case, tmp_path):
    assert_every_name_whole(build_report(case), tmp_path, NAMES)


@needs_poppler
def test_the_japanese_branch_of_a_real_family_tree_prints_its_names(tmp_path):
    # The Gramps example tree (tests/data/gedcom) is the family of #19 whose Chinese and
    # Japanese names printed as boxes: the part around Earl Kieble 鈴木 on paper
    from pathlib import Path

    from mapping.formats.gedcom import find_people, read_gedcom, select_around

    tree = read_gedcom(Path(__file__).parent / "data" / "gedcom" / "gramps_example.ged")
    (earl,) = find_people(tree, "Earl Kieble")
    part = select_around(tree, earl.id, 1)
    names = [e.name for e in part.entities if not e.name.startswith("?")]
    assert "Allen 鈴木" in names
    pdf = export_lens(part, Lens.GENOGRAM, "pdf")
    assert_every_name_whole(pdf, tmp_path, names, fonts_needed=("cjk",))


# ---------------------------------------------------------------- the PNG
def _fc_has(family: str, chars: set[str]) -> bool:
    charset = " ".join(f"{ord(c):x}" for c in sorted(chars))
    found = subprocess.run(
        [FCLIST, f":family={family}:charset={charset}", "family"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return bool(found.strip())


@pytest.mark.skipif(not FCLIST, reason="fc-list (fontconfig) is NOT installed")
@pytest.mark.parametrize(("lens", "ego"), LENSES, ids=[lens.value for lens, _ in LENSES])
def test_every_letter_cairo_draws_in_the_png_is_in_its_font(case, lens, ego):
    from mapping.lenses import draw

    svg = render_svg(draw(case, lens, ego=ego))
    ready = for_cairo(svg)
    root_family = re.search(r'<svg[^>]*font-family="([^",]*)', ready).group(1)
    needed: dict[str, set[str]] = {}
    for attrs, body in re.findall(r"<text\b([^>]*)>(.*?)</text>", ready):
        own = re.search(r'font-family="([^"]*)"', attrs)
        spans = re.findall(r'<tspan[^>]*font-family="([^"]*)"[^>]*>([^<]*)</tspan>', body)
        for family, letters in spans or [(own.group(1) if own else root_family, body)]:
            letters = re.sub(r"&[a-z#0-9]+;", "", letters)
            needed.setdefault(family, set()).update(
                c for c in letters if not c.isspace() and not c.isascii()
            )
    assert len(needed) >= 3, needed.keys()  # DejaVu, and CJK and Ge'ez families besides
    for family, chars in needed.items():
        assert _fc_has(family, chars), f"{family} lacks one of {''.join(sorted(chars))}"
    assert svg_to_png(svg)[:4] == b"\x89PNG"


# ---------------------------------------------------------------- what CairoSVG is given
@pytest.mark.parametrize(
    ("name", "drawn"),
    [
        ("שלום כהן", "ןהכ םולש"),  # Hebrew: the visual order, right to left
        ("Dina כהן", "Dina ןהכ"),
        ("王芳", "王芳"),
        ("Zoë", "Zoë"),
    ],
)
def test_right_to_left_names_are_given_to_cairo_in_visual_order(name, drawn):
    assert cairo_text(name) == drawn


def test_arabic_is_joined_and_reversed_for_cairo():
    drawn = cairo_text("سلام")
    # seen from the left: meem alone (alef joins nothing after it), lam-alef joined to
    # the seen before it, seen initial
    assert [hex(ord(c)) for c in drawn] == ["0xfee1", "0xfefc", "0xfeb3"]
    assert "".join(unicodedata.normalize("NFKC", c) for c in reversed(drawn)) == "سلام"


def test_the_screens_svg_keeps_logical_order_and_names_every_family(case):
    from mapping.lenses import draw

    svg = render_svg(draw(case, Lens.GENOGRAM))
    assert "שלום כהן" in svg and visual_order("שלום כהן") not in svg
    for family in ("DejaVu Sans", "Noto Sans Ethiopic", "Noto Sans CJK SC", "Noto Sans Arabic"):
        assert family in re.search(r'<svg[^>]*font-family="([^"]*)"', svg).group(1)


def test_wide_characters_get_room_in_the_layout():
    assert text_width("王芳", 10) == 2 * 10.0
    assert text_width("王芳", 10) > text_width("Wa", 10)
    assert text_width("김민준", 12) == 36.0


@needs_poppler
def test_text_cairo_draws_itself_on_a_sheet_has_every_script(tmp_path):
    # a printed sheet's heading ("Genogram — Familie 王", a footer) is drawn with cairo
    # directly, not through an SVG: show_text gives it the same fonts and order
    import io

    import cairocffi as cairo

    from mapping.render.scripts import show_text

    out = io.BytesIO()
    surface = cairo.PDFSurface(out, 400, 200)
    ctx = cairo.Context(surface)
    for n, text in enumerate(["Familie 王芳", "שלום כהן", "ሰላም ተስፋይ", "سلام أحمد"]):
        ctx.move_to(200, 40 + 40 * n)
        assert show_text(ctx, text, 14, bold=n == 0, anchor="middle") > 0
    surface.finish()
    fonts = " ".join(f["name"].lower() for f in pdf_fonts(out.getvalue(), tmp_path))
    assert "cjk" in fonts and "ethiopic" in fonts and "dejavusans" in fonts
    words = set(pdf_words(out.getvalue(), tmp_path))
    assert {"Familie", "王芳", "שלום", "כהן", "ሰላም", "ተስፋይ", "سلام", "أحمد"} <= words
