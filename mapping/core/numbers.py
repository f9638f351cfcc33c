"""Numbers as the reader writes them: a decimal comma in Dutch, a point in English.

Every number with a fraction that reaches a user (a page, a map, a report,
an export) goes through :func:`decimal`, so the Dutch interface never shows
"0.45" next to "0,45".

>>> decimal(0.4512, 2, "nl"), decimal(0.4512, 2, "en"), decimal(1234.5, 1, "nl")
('0,45', '0.45', '1.234,5')
>>> decimal(3.0, 1, "nl"), percent(0.125, 1, "nl"), percent(0.125, 0, "en")
('3,0', '12,5%', '12%')
"""

from __future__ import annotations


def decimal(value: float, digits: int = 1, lang: str = "nl") -> str:
    """``value`` rounded to ``digits`` places, with the separators of ``lang``.

    Thousands are grouped (a point in Dutch, a comma in English).
    """
    text = f"{value:,.{digits}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(fraction: float, digits: int = 0, lang: str = "nl") -> str:
    """``fraction`` (0.125) as a percentage ("12,5%")."""
    return decimal(fraction * 100, digits, lang) + "%"


__all__ = ["decimal", "percent"]
