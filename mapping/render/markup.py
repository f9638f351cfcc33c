"""The one escaping helper every piece of SVG text goes through, and text metrics.

Names come from users and imported files, so ``<script>``, ``&``, quotes and
``]]>`` must end up as text, and control characters that XML forbids are
dropped rather than breaking the document.

>>> esc('<script>alert("x")</script> & ]]>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt;'
>>> esc("a\\x00b\\x1bc")
'abc'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ENTITIES = {'"': "&quot;", "'": "&#39;"}

#: The font families names are drawn in, in order of preference. DejaVu Sans
#: first: the layouts are measured for it, and it has Latin with every
#: diacritic, Cyrillic, Greek, Hebrew and Arabic. The Noto families after it
#: (Debian's fonts-noto-core and fonts-noto-cjk, which ``make run`` installs)
#: have what DejaVu lacks: Ge'ez (Tigrinya, Amharic), Chinese, Japanese,
#: Korean and the scripts of India and South-East Asia. A browser falls back
#: along this list letter by letter; for CairoSVG's PNG and PDF, which takes
#: only the first family, :func:`mapping.render.scripts.for_cairo` picks one.
FAMILIES = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Ethiopic",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Thai",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK TC",
)
FONT_FAMILY = ", ".join(FAMILIES) + ", Arial, sans-serif"


def clean(text: object) -> str:
    """``text`` as a string without characters that are illegal in XML."""
    return _ILLEGAL.sub("", str(text))


@lru_cache(maxsize=8192)
def _esc(text: str) -> str:
    return escape(_ILLEGAL.sub("", text), _ENTITIES)


def esc(text: object) -> str:
    """XML-escape ``text`` for element content and quoted attribute values."""
    return _esc(text if isinstance(text, str) else str(text))


def css_token(text: object) -> str:
    """A safe class-name / id fragment: letters, digits, '-' and '_' only."""
    return re.sub(r"[^0-9A-Za-z_-]", "", str(text))


def text_width(text: str, size: float) -> float:
    """Rough width of ``text`` at font size ``size``, so a layout leaves room for it.

    A letter averages ~0.6 em in DejaVu Sans (and Cyrillic, Hebrew and Arabic
    about as much), a Ge'ez syllable 0.7; a Chinese, Japanese or Korean
    character is a full em; a combining accent takes no room of its own.

    >>> text_width("Anna", 10), text_width("王芳", 10), text_width("e\u0301", 10)
    (24.0, 20.0, 6.0)
    """
    if text.isascii():  # the common case, and the fast one
        return len(text) * size * 0.6
    return size * sum(_em(c) for c in text)


@lru_cache(maxsize=4096)
def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if "\u1200" <= char <= "\u139f" or "\u2d80" <= char <= "\u2ddf" or "\uab00" <= char <= "\uab2f":
        return 0.7  # a Ge'ez syllable in Noto Sans Ethiopic averages ~0.66 em
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return 0.6


__all__ = ["FAMILIES", "FONT_FAMILY", "clean", "css_token", "esc", "text_width"]
