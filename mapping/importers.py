"""Read a case file of any supported kind, chosen by its extension.

One dispatcher for the cases page and the CLI: ``.json`` (casemap's own
exchange format), ``.ged`` (GEDCOM 5.5.1 / 7.0) and ``.graphml``.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InvalidInput
from .model import CaseData

MAX_BYTES = 50 * 1024 * 1024


def read_case_file(name: str, content: bytes, *, ego: str | None = None) -> CaseData:
    """Parse ``content`` (the bytes of a file called ``name``) into a CaseData.

    Raises InvalidInput for an unknown extension, an empty or oversized file
    and for anything the format's reader refuses; nothing is written.
    """
    suffix = Path(name).suffix.lower()
    if not content:
        raise InvalidInput("Het bestand is leeg.", "The file is empty.")
    if len(content) > MAX_BYTES:
        raise InvalidInput(
            "Het bestand is groter dan 50 MB en wordt niet gelezen.",
            "The file is larger than 50 MB and is not read.",
        )
    if suffix == ".json":
        from .exchange import load_case

        return load_case(content)
    if suffix in (".ged", ".gedcom"):
        from .gedcom import read_gedcom

        return read_gedcom(content, title=Path(name).stem)
    if suffix in (".graphml", ".xml"):
        from .graphml import read_graphml

        return read_graphml(content, ego=ego)
    raise InvalidInput(
        f"Onbekend bestandstype '{suffix}'. Kies een .json-, .ged- of .graphml-bestand.",
        f"Unknown file type '{suffix}'. Choose a .json, .ged or .graphml file.",
    )
