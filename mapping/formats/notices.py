"""What an import left out or changed, said to the user after the import.

Every reader of :mod:`mapping.formats` appends these to the ``notices`` list it
is given; the page and the command line show them, translated there.
"""

from __future__ import annotations

from typing import Any

from mapping.core.i18n import Message, render

__all__ = ["ImportNotice", "Message", "and_more"]


class ImportNotice:
    """Something an import left out or changed: a Dutch message id and its parameters.

    Like :class:`~mapping.core.errors.CasemapError`, the id is a ``str.format``
    template filled in only when there are parameters; the English comes from
    the catalogs (``domain.po``).

    >>> ImportNotice("{count} verwijzingen overgeslagen.", count=2).message("en")
    '2 references skipped.'
    """

    __slots__ = ("params", "text")

    def __init__(self, text: str | Message, /, **params: Any) -> None:
        if isinstance(text, Message):  # a message made elsewhere (a date problem)
            text, params = text.text, {**text.params, **params}
        self.text = text
        self.params = params

    def message(self, lang: str = "nl") -> str:
        """The notice in ``lang`` (``"nl"`` or ``"en"``), parameters filled in."""
        return render(self.text, self.params, lang)

    @property
    def nl(self) -> str:
        """The Dutch notice."""
        return render(self.text, self.params, "nl")

    @property
    def en(self) -> str:
        """The English notice (the Dutch when the catalog has no entry)."""
        return self.message("en")

    def __str__(self) -> str:
        return self.nl

    def __repr__(self) -> str:
        return f"ImportNotice({self.nl!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ImportNotice):
            return NotImplemented
        return (self.nl, self.en) == (other.nl, other.en)

    def __hash__(self) -> int:
        return hash(self.nl)


def and_more(more: int) -> Message:
    """The tail of a list cut short: ' en nog 3' / ' and 3 more'; nothing when none are left.

    >>> and_more(3).message("en"), and_more(0).message("en")
    (' and 3 more', '')
    """
    return Message(" en nog {more}", more=more) if more > 0 else Message("")
