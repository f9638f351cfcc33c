"""Where the command line puts what it makes: a file written whole or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from mapping.core.errors import CasemapError


def write_file(path: str, content: str | bytes) -> None:
    """Write ``content`` to ``path`` (or stdout for '-') via a temporary file, never half."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise CasemapError(
            f"Kan '{path}' niet schrijven: {err.strerror}.",
            f"Cannot write '{path}': {err.strerror}.",
        ) from None
