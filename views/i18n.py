"""The translation of UI text in pages: ``_`` over the one catalog lookup.

Source strings are Dutch (the first language of the users). English comes
from the ``.po`` catalogs in ``locales/en/LC_MESSAGES/``, read by
:mod:`mapping.core.i18n` (one catalog per page, plus ``domain.po`` for the
messages of the domain), merged into one lookup.

    from views.i18n import _
    st.button(_("Casus openen"))

A string without a translation falls back to the Dutch source; the test
``tests/test_i18n.py`` fails when a ``_("...")`` in views has no English entry.
"""

from __future__ import annotations

from mapping.core.i18n import LOCALES, catalog, translate

__all__ = ["LOCALES", "_", "catalog", "translate"]


def _(text: str) -> str:
    """Translate a Dutch UI string into the language the user chose."""
    from views.state import current_lang

    return translate(text, current_lang())
