"""A name on the screen and in the exported PNG look the same, in every script (#19.3).

The canvas shows our SVG in the browser, which falls back from font to font
per letter, joins Arabic and orders right-to-left text itself. The PNG comes
from CairoSVG, which does none of that unless ``mapping.render.scripts``
prepares the text. Each name is drawn as the renderer draws a label (the
SVG root's font list, a centred ``<text>``) once by Chromium and once by the
export, and the two inked shapes are compared: a box for a missing glyph, a
mirrored Hebrew name or unjoined Arabic letters make them differ (a
correlation near 0; the same drawing gives above 0.9, Ge'ez about 0.75).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from mapping.render.markup import FONT_FAMILY, esc
from mapping.services.export import svg_to_png

NAMES = [
    "Zoë Çelik-Nguyễn",
    "İlkay Işık Ağaoğlu",
    "Łukasz Żółć",
    "سلام أحمد",
    "لطيفة عبد الله",
    "שלום כהן",
    "ሰላም ተስፋይ",
    "王芳",
    "山田 はなこ",
    "김민준",
    "Наталья Иванова",
    "Allen 鈴木",
]


def label_svg(name: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="80" '
        f'font-family="{FONT_FAMILY}"><rect width="640" height="80" fill="#ffffff"/>'
        f'<text x="320" y="55" font-size="40" text-anchor="middle">{esc(name)}</text></svg>'
    )


def inked(png: bytes) -> np.ndarray:
    """The inked part of a picture, cropped and scaled to 200 x 40, as darkness."""
    dark = 255 - np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    ys, xs = np.nonzero(dark > 60)
    assert len(xs), "nothing was drawn"
    part = dark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype("uint8")
    return np.asarray(Image.fromarray(part).resize((200, 40)), dtype=float)


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


@pytest.fixture(scope="module")
def screen(browser):
    context = browser.new_context(viewport={"width": 640, "height": 80})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("name", NAMES)
def test_the_exported_name_looks_as_on_screen(screen, name):
    svg = label_svg(name)
    screen.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    screen.evaluate("document.fonts.ready.then(() => true)")
    on_screen = inked(screen.screenshot())
    exported = inked(svg_to_png(svg))
    assert likeness(on_screen, exported) > 0.6, f"{name} is drawn otherwise in the PNG"
