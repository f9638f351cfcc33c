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
from functools import lru_cache
from xml.sax.saxutils import escape

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ENTITIES = {'"': "&quot;", "'": "&#39;"}

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"


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
    """Rough width of ``text`` at font size ``size`` (DejaVu Sans averages ~0.6 em)."""
    return len(text) * size * 0.6


__all__ = ["FONT_FAMILY", "clean", "css_token", "esc", "text_width"]
