"""The netwerkkaart of a fully placed ego is byte-identical to the golden map.

Issue #21 point 1 draws every person's netwerkkaart from the whole case,
with ties the casemanager has not yet placed shown as such. That must not
change the map of someone whose ties are all placed: the ego an import
chose (all of whose ties are SUPPORT ties). The golden SVGs in
``tests/data/netwerkkaart_golden/`` were first written by this module's
``__main__`` from the code *before* that change (commit 8a9f4a6), with a
fixed caption date, and the #21.1 commits (2705697, d95df2d, 00f48c1)
passed against them unchanged. The cases they are made from are kept beside
them as case JSON, so a later change in how a network file is read cannot
make this test pass or fail.

They were written again once, on purpose, for #23.9 (legible text: ring
names and support letters 12 units like a name, the letters beside the line
off names, the sector names inside the map, the ring's one name in the
legend); that commit says so. And for #15.2 (rings as wide as their members
need, a long sector name at the map's sides on two lines): commits f926a9d and
6690c55 say so (the ring radii of 6690c55 landed with a7c1a1d, whose run wrote
the files on the shared tree). Apart from such a deliberate change of the
drawing, the map of a fully placed ego stays what it is, and
:func:`test_full_and_placed_only_maps_are_the_same_for_a_fully_placed_ego`
checks the #21.1 rule itself without any golden file.

What "unchanged" means for the demo's Sanne, who has family ties and
ecogram connections she has not placed on her map: her map now shows those
too (marked as not yet placed), so her full map is *not* what it was. What
stays byte-identical is her map of placed ties only
(``layout_sociogram(..., unplaced=False)``); and on her full map every
placed member keeps its sector, ring and tie (checked in
tests/test_netwerkkaart_all.py).

Regenerate (only when a change to the map is meant, and say so in the commit):
``.venv/bin/python -m tests.test_netwerkkaart_golden``
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from pathlib import Path

import pytest

from mapping.formats.exchange import dump_case, load_case
from mapping.formats.netfiles import read_import_file
from mapping.lenses.sociogram import layout_sociogram
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.demo import demo_case

GOLDEN = Path(__file__).resolve().parent / "data" / "netwerkkaart_golden"
NETWORK = Path(__file__).resolve().parent / "data" / "network"
DATE = "2026-12-04"

#: (golden name, case file, ego id, language)
MAPS = [
    ("karate_34_nl", "karate.json", "34", "nl"),
    ("karate_34_en", "karate.json", "34", "en"),
    ("lesmis_11_nl", "lesmis.json", "11", "nl"),
    ("demo_sanne_nl", "demo.json", "sanne", "nl"),
    ("demo_sanne_en", "demo.json", "sanne", "en"),
]


def _placed_only() -> dict:
    """``unplaced=False`` where the lens knows it (the code before #21.1 knew no other map)."""
    params = inspect.signature(layout_sociogram).parameters
    return {"unplaced": False} if "unplaced" in params else {}


def render(data, ego: str, lang: str, **options) -> str:
    drawing = layout_sociogram(data, ego, lang=lang, **options)
    drawing.caption = replace(drawing.caption, date=DATE)
    return render_svg(drawing, RenderOptions(lang=lang))


def _case(name: str):
    return load_case((GOLDEN / name).read_bytes())


@pytest.mark.parametrize(("golden", "case", "ego", "lang"), MAPS, ids=[m[0] for m in MAPS])
def test_placed_map_is_byte_identical(golden, case, ego, lang):
    expected = (GOLDEN / f"{golden}.svg").read_text(encoding="utf-8")
    assert render(_case(case), ego, lang, **_placed_only()) == expected


@pytest.mark.parametrize(("golden", "case", "ego", "lang"), MAPS[:3], ids=[m[0] for m in MAPS[:3]])
def test_import_ego_full_map_is_byte_identical(golden, case, ego, lang):
    """The import's ego has every tie placed: its full map (the default) is the golden one too."""
    expected = (GOLDEN / f"{golden}.svg").read_text(encoding="utf-8")
    assert render(_case(case), ego, lang) == expected


@pytest.mark.parametrize("case", ["karate.json", "lesmis.json"])
def test_full_and_placed_only_maps_are_the_same_for_a_fully_placed_ego(case):
    data = _case(case)
    ego = data.index_person().id
    for lang in ("nl", "en"):
        assert render(data, ego, lang) == render(data, ego, lang, unplaced=False)


def test_karate_imported_today_is_the_golden_case():
    """``casemap import karate.gml`` still gives the case the golden map was made from,
    so the golden map is the map a user gets after importing it."""
    data = read_import_file("karate.gml", (NETWORK / "karate.gml").read_bytes())
    assert data.index_person().id == "34"
    # a new import draws a new case code and new relation ids: take the golden ones
    golden = _case("karate.json")
    ids = {(r.kind, r.source, r.target): r.id for r in golden.relations}
    data.case = golden.case
    data.relations = [replace(r, id=ids[(r.kind, r.source, r.target)]) for r in data.relations]
    assert data == golden
    expected = (GOLDEN / "karate_34_nl.svg").read_text(encoding="utf-8")
    assert render(data, "34", "nl") == expected


def _write() -> None:  # pragma: no cover - run by hand
    GOLDEN.mkdir(parents=True, exist_ok=True)
    made = {
        "karate.json": lambda: read_import_file(
            "karate.gml", (NETWORK / "karate.gml").read_bytes()
        ),
        "lesmis.json": lambda: read_import_file(
            "lesmis.gml", (NETWORK / "lesmis.gml").read_bytes()
        ),
        "demo.json": demo_case,
    }
    cases = {}
    for name, make in made.items():  # the cases are written once and then kept
        if not (GOLDEN / name).exists():
            (GOLDEN / name).write_text(dump_case(make()), encoding="utf-8")
        cases[name] = _case(name)
    for golden, case, ego, lang in MAPS:
        svg = render(cases[case], ego, lang, **_placed_only())
        (GOLDEN / f"{golden}.svg").write_text(svg, encoding="utf-8")
        print(golden, len(svg))


if __name__ == "__main__":  # pragma: no cover
    _write()
