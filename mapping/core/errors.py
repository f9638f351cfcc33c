"""The one exception type users see, with a Dutch and an English message.

Pages show it with ``st.error(err.message(lang))``; the CLI prints it and
exits with code 2.

>>> err = CasemapError("Bestand is leeg.", "File is empty.")
>>> err.message("en")
'File is empty.'
>>> str(err)
'Bestand is leeg.'
"""

from __future__ import annotations


class CasemapError(Exception):
    """An error the user can act on; carries a Dutch and an English message."""

    def __init__(self, nl: str, en: str | None = None) -> None:
        super().__init__(nl)
        self.nl = nl
        self.en = en or nl

    def message(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


class NotFound(CasemapError):
    """A case, entity or snapshot that does not exist (any more)."""


class StaleRevision(CasemapError):
    """A save based on an older revision of the case than the stored one."""


class InvalidInput(CasemapError):
    """A value or a file that casemap refuses; nothing was written."""


class RenderError(CasemapError):
    """Graphviz missing or a render that failed; never an empty file."""


class StoreUnavailable(CasemapError):
    """The database file cannot be opened (not a database, no access, a full disk)."""
