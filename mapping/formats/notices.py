"""What an import left out or changed, said to the user after the import.

Every reader of :mod:`mapping.formats` appends these to the ``notices`` list it
is given; the page and the command line show them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportNotice:
    """Something an import left out or changed, listed after the import (nl and en).

    >>> ImportNotice("Eén verwijzing overgeslagen.", "One reference skipped.").message("en")
    'One reference skipped.'
    """

    nl: str
    en: str

    def message(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl
