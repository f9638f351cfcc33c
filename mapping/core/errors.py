"""The one exception type users see: a Dutch message id, translated where shown.

An error carries a Dutch message id (a ``str.format`` template) and its
parameters; the English comes from the catalogs
(``locales/en/LC_MESSAGES/domain.po``) through :mod:`mapping.core.i18n`.
Pages show it with ``show_error(err)`` / ``st.error(err.message(lang))``;
the CLI prints the Dutch (``str(err)``) and exits with code 2.

>>> err = InvalidInput("Regel {line}: onbekende datum '{value}'.", line=3, value="ABT 1950?")
>>> str(err)
"Regel 3: onbekende datum 'ABT 1950?'."
>>> err.message("en")
"Line 3: unknown date 'ABT 1950?'."

The id is formatted only when there are parameters, so a message without
them is written with single braces; with parameters, a literal brace is
doubled (``{{``). The id is what the catalog is keyed on, so anything that
varies goes in the parameters: plain values (names, numbers), or a
:class:`~mapping.core.i18n.Message` for a part that is words itself
(``where=Message("regel {line}", line=3)``), translated with the error.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CasemapError",
    "InvalidInput",
    "Message",
    "NotFound",
    "RenderError",
    "StaleRevision",
    "StoreUnavailable",
]

from mapping.core.i18n import Message, render


def _rebuild(cls: type, text: str, params: dict[str, Any]) -> CasemapError:
    return cls(text, **params)


class CasemapError(Exception):
    """An error the user can act on: a Dutch message id and its parameters."""

    def __init__(self, text: str | Message, /, **params: Any) -> None:
        if isinstance(text, Message):  # a message made elsewhere (a date problem)
            text, params = text.text, {**text.params, **params}
        self.text = text
        self.params = params
        super().__init__(self.nl)

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang`` (``"nl"`` or ``"en"``), parameters filled in."""
        return render(self.text, self.params, lang)

    @property
    def nl(self) -> str:
        """The Dutch message (what ``str(err)`` says)."""
        return render(self.text, self.params, "nl")

    @property
    def en(self) -> str:
        """The English message (from the catalog; the Dutch when it has no entry)."""
        return self.message("en")

    def __reduce__(self):  # keyword parameters survive pickling (multiprocessing)
        return (_rebuild, (type(self), self.text, self.params))


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


def database_busy() -> StoreUnavailable:
    """The one message for a write that waited its turn too long, on SQLite or PostgreSQL:
    under load another process held the write lock past the wait (#18)."""
    return StoreUnavailable(
        "De database is bezet: veel collega's slaan tegelijk op. Er is niets veranderd. "
        "Probeer het over een paar tellen opnieuw."
    )
