"""A note of pages on a person, a system or a line is drawn short on the ecogram and netwerkkaart.

Drawn whole (up to 20,000 characters, what the store allows) it made the map
kilometres wide: the screen unreadable and the PNG export failed in cairo.
"""

from __future__ import annotations

import dataclasses

import pytest

from mapping.core.drawing import NOTE_CHARS
from mapping.core.vocabulary import Lens
from mapping.lenses import draw
from mapping.services.demo import demo_case
from mapping.services.export import export_lens

LONG = "woord " * 900  # 5,400 characters


def with_long_notes():
    data = demo_case()
    data.relations = [dataclasses.replace(r, note=LONG) for r in data.relations]
    data.entities = [dataclasses.replace(e, note=LONG) for e in data.entities]
    return data


@pytest.mark.parametrize("lens", [Lens.ECOGRAM, Lens.SOCIOGRAM])
def test_long_notes_are_drawn_short_and_the_png_is_made(lens):
    data = with_long_notes()
    drawing = draw(data, lens)
    drawn = [line.note for line in drawing.lines if line.note]
    drawn += [note for symbol in drawing.symbols for note in symbol.annotations]
    assert drawn, "no note drawn at all"
    assert all(len(note) <= NOTE_CHARS for note in drawn)
    assert any(note.endswith("…") for note in drawn)
    png = export_lens(data, lens, "png", dpi=300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_long_notes_on_the_genogram_are_drawn_short_and_the_png_is_made():
    data = demo_case()
    data.relations = [dataclasses.replace(r, note=LONG) for r in data.relations]
    data.entities = [
        dataclasses.replace(e, annotation=LONG, occupation=LONG) for e in data.entities
    ]
    drawing = draw(data, Lens.GENOGRAM)
    drawn = [line.note for line in drawing.lines if line.note]
    drawn += [note for symbol in drawing.symbols for note in symbol.annotations]
    assert any(note.endswith("…") for note in drawn)
    assert all(len(note) <= NOTE_CHARS for note in drawn)
    assert {e.annotation for e in data.entities} == {LONG}  # the case keeps the whole note
    png = export_lens(data, Lens.GENOGRAM, "png", dpi=300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
