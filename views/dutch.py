"""Streamlit's own widget texts in Dutch: one hook for every page.

Streamlit writes some texts of its widgets itself, in English, with no
parameter to change them: "Choose an option", "Select all", "Drag and drop
a file here", "Press Enter to apply", the date picker's months and days.
:func:`widgets`, mounted once per run from ``app.py``, puts a tiny
components-v2 component (inline JavaScript, nothing from the internet) on
the page that rewrites exactly those texts inside Streamlit's widgets while
the interface is Dutch, and puts the English back when the user switches to
English. User text is never touched: only whole text nodes (and input
placeholders) inside a widget's own chrome that equal one of the texts below.

Where Streamlit does take a parameter (``placeholder=`` of a selectbox or
multiselect, ``format=`` of a date input) the pages pass Dutch themselves.

    from views import dutch
    dutch.widgets(state.current_lang())
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ASSET = Path(__file__).resolve().parent / "components" / "dutch.js"

#: Whole texts of Streamlit's widgets and their Dutch.
TEXTS: dict[str, str] = {
    "Choose an option": "Maak een keuze",
    "Choose options": "Maak een of meer keuzes",
    "Choose or add an option": "Kies of voeg een keuze toe",
    "Choose or add options": "Kies of voeg keuzes toe",
    "Add an option": "Voeg een keuze toe",
    "No results": "Geen resultaten",
    "No options": "Geen keuzes",
    "No options to select": "Geen keuzes",
    "No options to select.": "Geen keuzes.",
    "Select all": "Alles kiezen",
    "Clear all": "Alles wissen",
    "Drag and drop a file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Drag and drop directories here": "Sleep mappen hierheen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Browse files": "Bestand kiezen",
    "Upload": "Bestand kiezen",
    "Upload directories": "Map kiezen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om het formulier te versturen",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter om toe te passen",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter om toe te passen",
    "Press ⌘+Enter to submit form": "Druk op ⌘+Enter om het formulier te versturen",
    "Press Ctrl+Enter to submit form": "Druk op Ctrl+Enter om het formulier te versturen",
    # the toolbar of a table (shown as a tooltip on hover)
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Clear selection": "Selectie wissen",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Gebruik de pijltjestoetsen om een datum te zoeken, Enter om te kiezen, Escape om te sluiten."
    ),
}

#: Texts with a variable part: (JavaScript regular expression, Dutch with $1...).
PATTERNS: list[tuple[str, str]] = [
    (r"^Limit (.+) per file$", "Maximaal $1 per bestand"),
    (r"^(.+) per file$", "$1 per bestand"),
    (r"^Select all (\d+) matches$", "Alle $1 resultaten kiezen"),
    (r"^Select (\d+) matches$", "De $1 resultaten kiezen"),
]

#: Month and day names of the date picker: (English, Dutch, Dutch abbreviation).
MONTHS = list(
    zip(
        "January February March April May June July August September October November "
        "December".split(),
        "januari februari maart april mei juni juli augustus september oktober november "
        "december".split(),
        "jan feb mrt apr mei jun jul aug sep okt nov dec".split(),
        strict=True,
    )
)
DAYS = list(
    zip(
        "Sunday Monday Tuesday Wednesday Thursday Friday Saturday".split(),
        "zondag maandag dinsdag woensdag donderdag vrijdag zaterdag".split(),
        "zo ma di wo do vr za".split(),
        strict=True,
    )
)


def calendar_texts() -> dict[str, str]:
    """The date picker's words in Dutch: month and day names, whole and abbreviated.

    Inside the date picker every such word is replaced ("December 2026" becomes
    "december 2026"); elsewhere nothing is.

    >>> words = calendar_texts()
    >>> words["December"], words["Mar"], words["Mo"], words["Thu"]
    ('december', 'mrt', 'ma', 'do')
    """
    words: dict[str, str] = {}
    for english, dutch, short in MONTHS:
        words[english] = dutch
        words[english[:3]] = short
    for english, dutch, short in DAYS:
        words[english] = dutch
        words[english[:3]] = short
        words[english[:2]] = short
    return words


#: The English words of Streamlit's widgets that the Dutch interface must not show
#: (the browser tests look for them on every page).
ENGLISH = sorted(set(TEXTS) | {"Browse files", "Limit 200MB per file", "per file"})


def date_format(lang: str) -> str:
    """The ``format=`` of a date input: day first in Dutch (04-12-2026), Streamlit's in English."""
    return "DD-MM-YYYY" if lang == "nl" else "YYYY/MM/DD"


_component = st.components.v2.component(
    "casemap.dutch_widgets",
    html="",
    js=ASSET.read_text(encoding="utf-8"),
)


def widgets(lang: str) -> None:
    """Mount the hook for this run: Dutch widget texts in Dutch, Streamlit's own in English."""
    with st.container(key="casemap_dutch_widgets"):
        _component(
            key="casemap_dutch_widgets_hook",
            data={
                "lang": lang,
                "texts": TEXTS,
                "calendar": calendar_texts(),
                "patterns": PATTERNS,
            },
            height=0,
        )


__all__ = ["ENGLISH", "PATTERNS", "TEXTS", "calendar_texts", "date_format", "widgets"]
