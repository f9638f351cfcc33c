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
import re
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


def test_the_stopped_clock_reaches_the_exports(tmp_path, monkeypatch):
    """Another day than today shows in a map's caption and counts the ages: the freeze reaches them.

    (The golden day is the day the files were made, so on that day a freeze
    that missed the code would go unnoticed.)
    """
    monkeypatch.setattr(golden, "DAY", datetime.date(2031, 5, 6))
    db = tmp_path / "clock.db"
    with golden.frozen():
        golden.cli(db, "demo")
        golden.cli(db, "export", "DEMO-001", "--lens", "ecogram", "-o", str(tmp_path / "e.svg"))
        golden.cli(db, "export", "DEMO-001", "--lens", "genogram", "-o", str(tmp_path / "g.svg"))
    assert "2031-05-06" in (tmp_path / "e.svg").read_text("utf-8")
    genogram = (tmp_path / "g.svg").read_text("utf-8")
    assert "2031-05-06" in genogram
    client_age = re.search(r'class="index"[^>]*/><text[^>]*>(\d+)<', genogram)
    assert client_age and client_age[1] == "47"  # Sanne, born 1984 (42 on the golden day)
    assert datetime.date.today() != golden.DAY
