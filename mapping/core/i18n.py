"""The one translation layer: Dutch source text, English from gettext catalogs.

Source strings are Dutch (the first language of the users). English comes
from the ``.po`` catalogs in ``locales/en/LC_MESSAGES/``: one catalog per
page (``genogram.po``, ``cases.po``...) and ``domain.po`` for the messages
of :mod:`mapping` (errors, import notices, report texts), merged into one
lookup, so each can add its strings without touching the others' files.

The domain writes Dutch message ids and the place that shows them
translates: an error carries its id and parameters
(:class:`mapping.core.errors.CasemapError`); a text kept in a table is marked
with :func:`N_` so ``tests/test_i18n.py`` finds it and checks that it has an
English entry.

>>> translate("Bestand is leeg.", "en")
'File is empty.'
>>> translate("Bestand is leeg.", "nl")
'Bestand is leeg.'
>>> N_("Bestand is leeg.")
'Bestand is leeg.'

No Streamlit here: pages use ``views.i18n._``, which reads the same catalogs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """All translations for ``lang`` from every ``.po`` file, as a dict."""
    merged: dict[str, str] = {}
    folder = LOCALES / lang / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string and isinstance(message.id, str):
                    merged[message.id] = message.string
    return merged


def translate(text: str, lang: str) -> str:
    """``text`` (Dutch) in ``lang``; Dutch itself needs no catalog.

    A text without an entry falls back to the Dutch source.
    """
    if lang == "nl":
        return text
    return catalog(lang).get(text, text)


def N_(text: str) -> str:  # noqa: N802 (gettext's name for the marker)
    """Mark a Dutch message id written outside a call that translates it.

    Returns ``text`` unchanged; the catalog test collects every ``N_("...")``
    in :mod:`mapping` and asks for its English entry.
    """
    return text
