"""Streamlit's deprecations as Python warnings, so the test run turns ours into errors.

Streamlit does not call :func:`warnings.warn` for a deprecated API: it logs
"Please replace `st.x` with `st.y`" on the logger
``streamlit.deprecation_util`` (and shows it in the browser only with
``client.showErrorDetails = "full"``). Imported by ``tests/conftest.py``,
this module hands every such log line to :func:`warnings.warn_explicit` as a
``DeprecationWarning`` that names the line of our code that made the call
(``views/explore.py`` rather than Streamlit's wrapper). The run's
``filterwarnings`` in ``pyproject.toml`` then makes it an error there, exactly
as it does for a NetworkX deprecation raised with ``stacklevel`` pointing at us.
A deprecation that no code of ours is calling (Streamlit's own config, say)
stays a plain warning.

NetworkX warns with ``stacklevel=2``, but most of its functions sit behind
its dispatch decorators, so that level names ``networkx/utils/backends.py``
instead of the caller. :func:`warn` steps over those frames, so the warning
names the line that called the deprecated function.
"""

from __future__ import annotations

import logging
import sys
import warnings
from pathlib import Path

import networkx

ROOT = Path(__file__).resolve().parents[1]
#: the top-level names of our own code; a page script runs as ``__main__`` from views/
OURS = ("mapping", "views", "app")
LOGGER = "streamlit.deprecation_util"


def our_module(frame) -> str | None:
    """The dotted name of our module that ``frame`` runs in, or None for anyone else's.

    >>> our_module(sys._getframe()) is None  # a doctest runs as its own module
    True
    """
    name = frame.f_globals.get("__name__") or ""
    if name.split(".")[0] in OURS:
        return name
    path = Path(frame.f_code.co_filename).resolve()
    try:
        relative = path.relative_to(ROOT)
    except (ValueError, OSError):
        relative = None
    if relative and (relative.parts[0] in OURS[:2] or relative.as_posix() == "app.py"):
        return ".".join(relative.with_suffix("").parts)
    if name == "__main__" and not path.is_relative_to(sys.prefix):
        # a page script that AppTest runs, wherever it lives; not pytest's own __main__
        return name
    return None


class DeprecationAsWarning(logging.Handler):
    """A Streamlit deprecation log line -> ``DeprecationWarning`` at our calling line."""

    def emit(self, record: logging.LogRecord) -> None:
        frame = sys._getframe(1)
        while frame is not None and our_module(frame) is None:
            frame = frame.f_back
        if frame is None:
            module, filename, lineno, registry = record.name, record.pathname, record.lineno, None
        else:
            module, filename, lineno = our_module(frame), frame.f_code.co_filename, frame.f_lineno
            registry = frame.f_globals.setdefault("__warningregistry__", {})
        # raised here when the filter says "error": the deprecated call then fails
        warnings.warn_explicit(
            record.getMessage(), DeprecationWarning, filename, lineno, module, registry
        )


_NX_WRAPPERS = (str(Path(networkx.__file__).parent / "utils"), "<class 'networkx.utils.decorators")
_warn = warnings.warn


def warn(message, category=None, stacklevel=1, source=None, **more):
    """:func:`warnings.warn`, with NetworkX's decorator frames not counted as the caller."""
    try:
        frame = sys._getframe(stacklevel)  # the frame the warning names (1 = our caller)
    except ValueError:  # a level above the stack's top: warnings names sys then
        frame = None
    while frame is not None and frame.f_code.co_filename.startswith(_NX_WRAPPERS):
        frame = frame.f_back
        stacklevel += 1
    _warn(message, category, stacklevel + 1, source, **more)


def install() -> None:
    """Add the handler and the NetworkX step once (a second import must not warn twice)."""
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(h, DeprecationAsWarning) for h in logger.handlers):
        logger.addHandler(DeprecationAsWarning(level=logging.WARNING))
    if warnings.warn is _warn:
        warnings.warn = warn


install()
