"""The demo case, read from ``data/demo-case.json``: a fictional family rich enough for every lens.

Gezin Jansen-de Boer is invented; no name belongs to a real person. Three
generations (22 people) with a divorce and a remarriage on both sides, a
deceased grandfather, a foster child, identical twins and a pregnancy; eleven
systems around the family; friends and a neighbour; emotional relations;
the mother's and the eldest son's netwerkkaart; a balance and a plan.

The JSON file is the source: edit it by hand (it is a case document of
:mod:`mapping.formats.exchange`, with its training description) and the
demo, the training page and ``casemap demo`` follow. :func:`data_file`
finds it in the checkout's ``data/`` folder, or where a non-editable install
put it (``share/casemap/data`` of the environment, see ``pyproject.toml``).

>>> data = demo_case()
>>> sum(e.is_person for e in data.entities), sum(not e.is_person for e in data.entities)
(22, 11)
>>> data.index_person().name
'Sanne Jansen'

Beside it, ``data/sociale-kaart.csv`` is the demo's sociale kaart: 42 invented
organisations of the fictitious municipality Stad and its region, across every
system kind of the ecogram; ten of the demo family's systems link to them
(``kaart_id``). :func:`load_demo_kaart` imports it into an empty kaart.
"""

from __future__ import annotations

import functools
import pickle
import sys
import sysconfig
from importlib import metadata
from pathlib import Path
from typing import Any

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData
from mapping.formats.exchange import TrainingText, load_training

DEMO_CODE = "DEMO-001"
DEMO_FILE = "demo-case.json"
KAART_FILE = "sociale-kaart.csv"

#: where a non-editable install puts the files of data/ (pyproject's data-files)
_INSTALLED = Path("share") / "casemap" / "data"


def _candidates(name: str) -> list[Path]:
    """Where ``name`` may be: the checkout's data/, then the installed distribution's copy."""
    found = [Path(__file__).resolve().parents[2] / "data" / name]
    try:
        for file in metadata.files("casemap") or ():
            if file.name == name and file.parent.name == "data":
                found.append(Path(str(file.locate())).resolve())
    except metadata.PackageNotFoundError:
        pass
    for scheme_path in {sysconfig.get_path("data"), sys.prefix}:
        found.append(Path(scheme_path) / _INSTALLED / name)
    return found


def data_file(name: str) -> Path:
    """The path of the shipped case file ``name`` (``demo-case.json``, ``training-*.json``).

    Found from any working directory. Raises CasemapError when casemap was
    installed without it.
    """
    for path in _candidates(name):
        if path.is_file():
            return path
    raise CasemapError(
        "Het voorbeeldbestand {name} ontbreekt bij deze installatie van casemap. Installeer casemap opnieuw.",
        name=name,
    )


@functools.cache
def _read(name: str) -> tuple[bytes, TrainingText | None]:
    """The case of ``name`` (pickled) and its training text, read and checked once."""
    path = data_file(name)
    try:
        content = path.read_bytes()
    except OSError as err:
        raise CasemapError(
            "Het voorbeeldbestand {path} kan niet worden gelezen: {strerror}.",
            path=path,
            strerror=err.strerror,
        ) from None
    data, training = load_training(content)
    return pickle.dumps(data), training


def read_case_file(name: str) -> tuple[CaseData, TrainingText | None]:
    """A fresh copy of the shipped case ``name`` and its training text.

    The file is read and checked once per process (as any imported file,
    :func:`~mapping.formats.exchange.load_training`); each call returns a
    new copy, so a caller may change what it gets.
    """
    case, training = _read(name)
    return pickle.loads(case), training  # noqa: S301  our own object, pickled above


def demo_case() -> CaseData:
    """A fresh copy of the fictional demo family Jansen-de Boer."""
    return read_case_file(DEMO_FILE)[0]


def load_demo_kaart(store: Any, *, author: str) -> int:
    """Import the demo sociale kaart when the kaart is empty; how many organisations came in.

    0 when the kaart already holds organisations (also removed ones: a team's
    own kaart is never mixed with the demo's), or when the user may not change
    the kaart (a casemanager in team mode loads the demo case without it).
    """
    from mapping.services import sociale_kaart

    if sociale_kaart.organisations(store, include_removed=True) or not sociale_kaart.may_edit(
        store
    ):
        return 0
    try:
        content = data_file(KAART_FILE).read_bytes()
    except OSError as err:
        raise CasemapError(
            "Het voorbeeldbestand {path} kan niet worden gelezen: {strerror}.",
            path=KAART_FILE,
            strerror=err.strerror,
        ) from None
    return len(sociale_kaart.import_csv(store, content, author=author).added)
