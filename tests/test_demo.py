"""The demo and training cases are the JSON files in data/: readable by hand, found anywhere.

The files are the source (issue #17.3): no Python builds them, so these
tests check the files themselves (their form, that they load, what the demo
holds, that every lens draws them) and that they are found from any working
directory and from a non-editable install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import MISSING, fields
from pathlib import Path

import pytest

from mapping.core.errors import CasemapError
from mapping.core.vocabulary import Lens, RelationKind
from mapping.formats.exchange import SECTIONS, load_case, load_training
from mapping.services import demo
from mapping.services.demo import DEMO_CODE, DEMO_FILE, data_file, demo_case
from mapping.services.training import FILES, TRAINING_CASES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHIPPED = sorted(p.name for p in DATA.glob("*.json") if not p.name.endswith(".instellingen.json"))


def _plain(value):
    """A default as JSON holds it: an enum as its value, a tuple as a list."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)


# ---------------------------------------------------------------- the files themselves
def test_every_case_file_in_data_is_read_by_the_app():
    assert sorted(FILES) == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_file_is_hand_editable(name):
    """Pretty-printed (2 spaces), UTF-8 letters as themselves, one newline at the end."""
    text = (DATA / name).read_text("utf-8")
    assert "\\u" not in text, "write letters as themselves (ensure_ascii=False), not \\u escapes"
    assert "\t" not in text and "\r" not in text
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n" == text
    assert "cliënt" in text or "Sanne" in text or "Yara" in text  # real UTF-8, not escaped


@pytest.mark.parametrize("name", SHIPPED)
def test_file_keeps_a_stable_order(name):
    """The document's parts, and each record's fields, in the order of the model.

    A hand edit that adds a field puts it in its place, so a diff stays small
    and a reader finds 'birth' always after 'sex'.
    """
    document = json.loads((DATA / name).read_text("utf-8"))
    parts = ["format", "version", "training", "case"] + [key for key, *_ in SECTIONS]
    assert list(document) == [p for p in parts if p in document]
    assert list(document["training"]) == ["key", "title", "description", "questions"]
    data = load_case((DATA / name).read_bytes())
    records = [("case", type(data.case), [document["case"]])]
    records += [(key, cls, document.get(key, [])) for key, cls, *_ in SECTIONS]
    for key, cls, items in records:
        order = [f.name for f in fields(cls)]
        for item in items:
            keys = list(item)
            assert keys == sorted(keys, key=order.index), (key, item.get("id"))


@pytest.mark.parametrize("name", SHIPPED)
def test_file_leaves_out_what_is_the_default(name):
    """Only what is particular to a person or relation is written: the file stays short."""
    document = json.loads((DATA / name).read_text("utf-8"))
    for key, cls, *_ in SECTIONS:
        defaults = {
            f.name: _plain(f.default if f.default is not MISSING else f.default_factory())
            for f in fields(cls)
            if f.default is not MISSING or f.default_factory is not MISSING
        }
        for item in document.get(key, []):
            for field, value in item.items():
                assert field not in defaults or value != defaults[field], (name, key, field)


@pytest.mark.parametrize("name", SHIPPED)
def test_file_is_a_case_document_with_its_description(name):
    data, training = load_training((DATA / name).read_bytes())
    assert training is not None and len(training.description("nl")) > 200
    assert training.description("en") != training.description("nl")
    assert data.index_person() is not None
    assert load_case((DATA / name).read_bytes()) == data  # any casemap reads it as a case


# ---------------------------------------------------------------- the demo case
def test_demo_case_content():
    data = demo_case()
    assert data.case.code == DEMO_CODE
    people = [e for e in data.entities if e.is_person]
    assert (len(people), len(data.entities) - len(people)) == (22, 11)
    assert data.index_person().name == "Sanne Jansen"
    assert {r.kind for r in data.relations} == set(RelationKind)
    assert data.factors and data.goals and data.actions and data.monitoring
    assert [e.name for e in people if e.deceased] == ["Henk Jansen"]
    twins = [r for r in data.relations if r.kind is RelationKind.TWIN]
    assert [(r.source, r.target, r.subtype) for r in twins] == [("lotte", "noor", "identical")]
    assert any(e.birth_status.value == "pregnancy" for e in people)


def test_demo_case_is_a_fresh_copy_each_time():
    first = demo_case()
    first.entities.clear()
    first.case.title = "veranderd"
    again = demo_case()
    assert len(again.entities) == 33 and again.case.title == "Gezin Jansen-de Boer (fictief)"


@pytest.mark.parametrize("training", TRAINING_CASES, ids=lambda t: t.key)
def test_every_lens_draws_every_shipped_case(training):
    from mapping.lenses import draw

    data = training.build()
    for lens in Lens:
        assert draw(data, lens).symbols, (training.key, lens)


def test_an_edit_of_the_file_is_what_the_app_shows(tmp_path, monkeypatch):
    """The file is the source: change a name in it and the demo case has the new name."""
    text = (DATA / DEMO_FILE).read_text("utf-8").replace('"Sanne Jansen"', '"Sanne Jansen-Ö"')
    (tmp_path / DEMO_FILE).write_text(text, "utf-8")
    monkeypatch.setattr(demo, "_candidates", lambda name: [tmp_path / name])
    demo._read.cache_clear()
    try:
        assert demo_case().index_person().name == "Sanne Jansen-Ö"
    finally:
        demo._read.cache_clear()


def test_a_missing_file_is_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "_candidates", lambda name: [tmp_path / name])
    with pytest.raises(CasemapError) as err:
        data_file(DEMO_FILE)
    assert "demo-case.json ontbreekt" in err.value.nl and "Reinstall" in err.value.en


# ---------------------------------------------------------------- found from anywhere
def test_casemap_demo_from_another_directory(tmp_path):
    """``casemap demo`` works wherever it is started: the data are not looked up from the cwd."""
    # the checkout importable as an editable install makes it, the cwd elsewhere
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CASEMAP_EXPORTS": str(tmp_path / "out")}
    env.pop("CASEMAP_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "mapping.cli", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "DEMO-001" in done.stdout
    assert (tmp_path / "data" / "casemap.db").is_file()  # the database's default is cwd-relative


def test_a_non_editable_install_carries_the_case_files(tmp_path):
    """A wheel installed elsewhere (no checkout) still finds the demo and training files."""
    wheels, prefix, source = tmp_path / "wheels", tmp_path / "prefix", tmp_path / "source"
    # built from a copy: setuptools leaves build/ and egg-info where it builds
    skip = shutil.ignore_patterns("__pycache__", "*.db*", "*.instellingen.json")
    for part in ("mapping", "views", "data"):
        shutil.copytree(ROOT / part, source / part, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source],
        check=True,
        timeout=300,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("casemap-*.whl"))
    subprocess.run(
        [*pip, "install", "--no-deps", "--ignore-installed", "--prefix", prefix, wheel],
        check=True,
        timeout=300,
    )
    site = next(prefix.glob("lib/python3*/site-packages"))
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = (
        "import mapping, mapping.services.demo as d, mapping.services.training as t;"
        "print(mapping.__file__); print(d.data_file('demo-case.json'));"
        "print(len(d.demo_case().entities), [c.key for c in t.TRAINING_CASES])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    module, found, summary = done.stdout.splitlines()
    assert module.startswith(str(site)), "the installed copy, not the checkout, was imported"
    assert found.startswith(str(prefix)) and found.endswith("demo-case.json")
    assert summary == "33 ['gezin', 'dementie', 'jongvolwassene']"
