"""Where the command line puts what it makes: a file written whole or not at all.

Without ``-o`` the CLI writes into the **outbox**, one folder per case code::

    exports/DEMO-001/DEMO-001-genogram.svg
    exports/DEMO-001/DEMO-001-rapport.pdf
    exports/DEMO-001/PS-7KQ3MX-ecogram-pseudoniem.pdf

The outbox is ``$CASEMAP_EXPORTS`` when that is set; else the ``exports/``
folder of the project when casemap runs from its checkout (beside ``data/``,
wherever the command is started); else ``exports/`` in the current
directory (an installed casemap has no project folder). Folders the outbox
makes are readable only by their owner (0700), and so is every file
:func:`write_file` writes (0600), whatever the umask. A case code comes from
users, so it becomes a folder name only through :func:`safe_name`: one
plain path component, never ``..``, a slash, a NUL or a name Windows keeps
for itself.

>>> safe_name("WT-2026-015")
'WT-2026-015'
>>> safe_name("../../etc/passwd")
'etc_passwd-3754d6cb'
>>> safe_name("con")
'_con-1143da2b'
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from mapping.core.errors import CasemapError

#: the environment variable that moves the outbox
OUTBOX_ENV = "CASEMAP_EXPORTS"
#: the outbox's folder name, in the project or the current directory
OUTBOX = "exports"
#: the longest folder name :func:`safe_name` makes (file names add a lens and a suffix)
MAX_NAME = 80

# Names Windows refuses for a file or folder, with or without an extension (CON, con.txt).
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])(\..*)?", re.I)


def safe_name(code: str) -> str:
    """``code`` as one safe folder or file-name part: letters, digits, ``-``, ``_``, ``.``.

    Anything else (slashes, ``..``, spaces, NUL and other control characters,
    bidi controls, ``<>:"|?*``) becomes ``_``; dots and underscores at either
    end go, a Windows device name (``CON``, ``LPT1``) gets a ``_`` in front,
    and the result is at most :data:`MAX_NAME` characters. A code that had
    to change gets 8 characters of its SHA-256 after it, so two codes that
    differ never share a folder (``A/B`` and ``A_B``). An empty result is
    ``zonder-code``.
    """
    text = unicodedata.normalize("NFC", code)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in text)
    name = re.sub(r"_+", "_", name).strip("._ ")
    name = re.sub(r"\.{2,}", ".", name)
    if _RESERVED.fullmatch(name):
        name = f"_{name}"
    name = name[:MAX_NAME].rstrip("._ ")
    if name and name == code:
        return name
    digest = hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{name or 'zonder-code'}-{digest}"


def _checkout() -> Path | None:
    """The project folder when casemap runs from its checkout (editable or from source)."""
    root = Path(__file__).resolve().parent.parent
    try:
        text = (root / "pyproject.toml").read_text("utf-8")
    except OSError:
        return None
    return root if 'name = "casemap"' in text else None


def outbox() -> Path:
    """The outbox folder (not made yet): ``$CASEMAP_EXPORTS``, the project's or the cwd's."""
    chosen = os.environ.get(OUTBOX_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    root = _checkout()
    return (root if root is not None else Path.cwd()) / OUTBOX


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) readable only by its owner; keep an existing one."""
    if folder.is_dir():
        return
    _private_folder(folder.parent)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    os.chmod(folder, 0o700)  # mkdir's mode passes through the umask


def default_path(code: str, file_name: str) -> Path:
    """``<outbox>/<safe code>/<file_name>``, its folders made (0700) when missing.

    ``file_name`` is made by the caller from :func:`safe_name` parts; a name
    that would leave the case's folder is refused.
    """
    folder = outbox() / safe_name(code)
    target = folder / file_name
    if target.parent != folder or file_name in ("", ".", "..") or "\0" in file_name:
        raise ValueError(f"not a plain file name: {file_name!r}")
    try:
        _private_folder(folder)
    except OSError as err:
        raise CasemapError(
            "Kan de map '{folder}' niet maken: {strerror}. "
            "Geef een bestand met -o of een andere map met {env}.",
            folder=folder,
            strerror=err.strerror,
            env=OUTBOX_ENV,
        ) from None
    if folder.resolve().parent != outbox().resolve():  # e.g. a symlink put in its place
        raise CasemapError(
            "De map '{folder}' wijst buiten '{outbox}'; er is niets geschreven.",
            folder=folder,
            outbox=outbox(),
        )
    return target


def write_file(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` (or stdout for '-') via a temporary file, never half.

    The file is readable by its owner only (0600); a file that was there is
    replaced at once, never left half written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:  # mkstemp made it 0600
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise CasemapError(
            "Kan '{path}' niet schrijven: {strerror}.", path=path, strerror=err.strerror
        ) from None
