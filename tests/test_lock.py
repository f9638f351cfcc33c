"""The lock files agree with pyproject.toml (issue 16, point 1).

``pyproject.toml`` keeps honest ranges; ``requirements.lock`` (the app) and
``requirements-dev.lock`` (the app, the tests, the tools) pin the exact
versions, with hashes, that ``make run`` and ``make test`` install
(``pip install --require-hashes``, which also refuses a lock missing any
package a pinned one needs). ``make lock`` writes them. These tests fail when
someone changes a range or adds a dependency and forgets ``make lock``, and
show on edited copies that they do.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"requirements.lock": (), "requirements-dev.lock": ("dev",)}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def read_lock(path: Path) -> dict[str, tuple[Version, int]]:
    """``{name: (version, number of hashes)}`` of a pip-compile lock file."""
    text = path.read_text(encoding="utf-8")
    pins: dict[str, tuple[Version, int]] = {}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        found = PIN.match(block)
        if found:
            name = canonicalize_name(found.group(1))
            pins[name] = (Version(found.group(2)), block.count("--hash=sha256:"))
    return pins


def required(pyproject: Path, extras: tuple[str, ...]) -> list[Requirement]:
    """What pyproject.toml asks for: the build system, the dependencies, the extras."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    wanted = list(config["build-system"]["requires"]) + list(config["project"]["dependencies"])
    for extra in extras:
        wanted += config["project"]["optional-dependencies"][extra]
    reqs = [Requirement(text) for text in wanted]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": ""})]


def lock_problems(pyproject: Path, lock: Path, extras: tuple[str, ...] = ()) -> list[str]:
    """Every way ``lock`` disagrees with ``pyproject``, in words (empty when they agree)."""
    pins = read_lock(lock)
    problems = []
    for req in required(pyproject, extras):
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req.name} is not pinned in {lock.name}")
            continue
        version, hashes = pins[name]
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in {lock.name} is outside {req}")
    problems += [f"{name} has no hash in {lock.name}" for name, (_, n) in pins.items() if not n]
    return problems


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_dependency_is_pinned_inside_its_range(lock):
    assert lock_problems(ROOT / "pyproject.toml", ROOT / lock, LOCKS[lock]) == []


def test_the_app_runs_on_the_versions_the_tests_ran_on():
    app, dev = read_lock(ROOT / "requirements.lock"), read_lock(ROOT / "requirements-dev.lock")
    assert len(app) > 30
    assert {n: v for n, (v, _) in app.items()} == {n: dev[n][0] for n in app if n in dev}
    assert set(app) <= set(dev)


def test_make_installs_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = makefile.split("$(STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "$(DEV_LOCK)" in stamp.splitlines()[0]  # a new lock reinstalls
    assert "--require-hashes -r $(DEV_LOCK)" in stamp
    assert "--no-deps" in stamp and "-e ." in stamp  # casemap itself resolves nothing
    assert re.search(r"^lock:", makefile, re.MULTILINE)


# ----------------------------------------------------- the check catches a mismatch
@pytest.fixture
def copies(tmp_path):
    for name in ("pyproject.toml", "requirements-dev.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path / "pyproject.toml", tmp_path / "requirements-dev.lock"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, re.MULTILINE), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")


def test_a_range_raised_past_the_pin_is_caught(copies):
    pyproject, lock = copies
    assert lock_problems(pyproject, lock, ("dev",)) == []
    _edit(pyproject, r'"networkx>=[^"]*"', '"networkx>=99"')
    assert lock_problems(pyproject, lock, ("dev",)) == [
        f"networkx=={read_lock(lock)['networkx'][0]} in requirements-dev.lock "
        "is outside networkx>=99"
    ]


def test_a_new_dependency_without_make_lock_is_caught(copies):
    pyproject, lock = copies
    _edit(pyproject, r'^    "pytest>=', '    "hypothesis>=6",\n    "pytest>=')
    assert lock_problems(pyproject, lock, ("dev",)) == [
        "hypothesis is not pinned in requirements-dev.lock"
    ]


def test_a_pin_moved_by_hand_or_lost_is_caught(copies):
    pyproject, lock = copies
    _edit(lock, r"^streamlit==[^ ]+ \\", "streamlit==1.40.0 \\\\")
    _edit(lock, r"^(pytest)==", r"# \1==")  # gone, as if deleted
    _edit(lock, r"^(babel==[^ ]+) \\\n(\s+--hash=\S+ \\\n)*\s+--hash=\S+\n", r"\1\n")
    assert lock_problems(pyproject, lock, ("dev",)) == [
        "streamlit==1.40.0 in requirements-dev.lock is outside streamlit>=1.56",
        "pytest is not pinned in requirements-dev.lock",
        "babel has no hash in requirements-dev.lock",
    ]
