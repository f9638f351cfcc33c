"""Every export of the demo and training cases is what it was before the re-layout (#17.6).

The current code makes each file through the command line, as
``tests/golden.py`` describes (clock stopped at the golden day, a fixed
pseudonym code, the case's random id and a PDF's creation time set aside);
each is compared with the golden file in ``tests/data/golden/``, made from
commit 6f75e50 before the re-layout. A text file that differs shows its first
differing line and a short diff; a PNG or PDF its size and sha256.

Do not make a failure pass by writing the golden files anew: find what
changed. Only an export that is meant to change is written again, on purpose
(``.venv/bin/python tests/golden.py --write``; see the README there).
"""

from __future__ import annotations

import datetime
import sys

import pytest

from tests import golden

KEYS = golden.golden_keys()


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, bytes]:
    """Every export, made once by the current code: ``{case/name: normalised bytes}``."""
    return golden.make_all(tmp_path_factory.mktemp("exports"))


def test_the_same_files_are_made(made):
    new = sorted(set(made) - set(KEYS))
    gone = sorted(set(KEYS) - set(made))
    assert not new and not gone, f"made now, no golden file: {new}; golden, not made now: {gone}"


@pytest.mark.parametrize("key", KEYS)
def test_export_unchanged(made, key):
    if key not in made:
        pytest.fail(f"{key} is not made any more", pytrace=False)
    difference = golden.difference(key, made[key])
    if difference:
        pytest.fail(difference, pytrace=False)


def test_the_clock_runs_again_after_the_exports(made):
    """The stopped clock and the fixed pseudonym code stay inside :func:`golden.frozen`."""
    export_code = golden.find("export_code")
    pseudonym = sys.modules[export_code.__module__]
    assert datetime.date is golden._REAL_DATE
    assert pseudonym.export_code is export_code
    with golden.frozen():
        assert datetime.date.today() == golden.DAY
        assert pseudonym.export_code() == golden.EXPORT_CODE
    assert datetime.date is golden._REAL_DATE
    assert pseudonym.export_code is export_code
    assert export_code() != golden.EXPORT_CODE
