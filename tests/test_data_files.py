"""The shipped case files in data/ are the demo and training cases, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.formats.exchange import load_case
from mapping.services.training import TRAINING_CASES

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("training", TRAINING_CASES, ids=lambda t: t.key)
def test_shipped_file_matches_the_builder(training):
    name = "demo-case.json" if training.key == "gezin" else f"training-{training.key}.json"
    shipped = load_case((DATA / name).read_bytes())
    assert shipped == training.build(), f"regenerate data/{name} (see data/README.md)"
