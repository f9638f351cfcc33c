"""The one translation layer for UI text: gettext catalogs read with Babel.

Source strings are Dutch (the first language of the users). English comes
from the ``.po`` catalogs in ``locales/en/LC_MESSAGES/``: one catalog per
page (``genogram.po``, ``cases.po``...), merged into one lookup, so pages can
add their strings without touching each other's files.

    from views.i18n import _
    st.button(_("Casus openen"))

A string without a translation falls back to the Dutch source; the test
``tests/test_i18n.py`` fails when a ``_("...")`` in views has no English entry.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "locales"


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
    """``text`` (Dutch) in ``lang``; Dutch itself needs no catalog."""
    if lang == "nl":
        return text
    return catalog(lang).get(text, text)


def _(text: str) -> str:
    """Translate a Dutch UI string into the language the user chose."""
    from views.state import current_lang

    return translate(text, current_lang())
