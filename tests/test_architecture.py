"""The folders name the architecture: no import circle, no import upwards (issue #17.1).

The import graph is read from the source (every ``import`` and ``from ...
import``, also those inside functions: an import put off until call time is
still a dependency). ``mapping``'s folders are layers, in the order of
:data:`LAYERS`; a module may import its own folder and the folders before it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]

#: mapping's layers, lowest first (mapping/__init__.py describes them).
LAYERS = ["core", "outbox", "render", "lenses", "formats", "storage", "access", "services", "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(*folders: str) -> nx.DiGraph:
    """Modules of ``folders`` and the modules of ours each imports (anywhere in it)."""
    paths = {module_name(p): p for folder in folders for p in (ROOT / folder).rglob("*.py")}
    if (ROOT / "app.py").exists() and "views" in folders:
        paths["app"] = ROOT / "app.py"
    graph = nx.DiGraph()
    for name, path in paths.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's own package upwards
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base
                    for alias in node.names
                ]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in paths and t != name)
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_import_circle():
    graph = import_graph("mapping", "views")
    circles = sorted(nx.simple_cycles(graph), key=len)
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles[:10])


def test_no_import_upwards():
    graph = import_graph("mapping")
    upwards = [
        f"{a} -> {b}"
        for a, b in graph.edges
        if layer(b) in LAYERS and LAYERS.index(layer(b)) > LAYERS.index(layer(a))
    ]
    assert not upwards, "a layer imports one above it:\n" + "\n".join(sorted(upwards))


def test_mapping_never_imports_views():
    graph = import_graph("mapping", "views")
    wrong = [
        f"{a} -> {b}"
        for a, b in graph.edges
        if a.startswith("mapping") and b != a and b.startswith("views")
    ]
    assert not wrong, wrong


@pytest.mark.parametrize(
    "folder",
    sorted(
        p.name for p in (ROOT / "mapping").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    ),
)
def test_every_folder_says_what_lives_there_and_what_it_may_import(folder):
    assert folder in LAYERS, (
        f"mapping/{folder} is not in LAYERS nor described in mapping/__init__.py"
    )
    doc = ast.get_docstring(ast.parse((ROOT / "mapping" / folder / "__init__.py").read_text()))
    assert doc and "May import" in doc, (
        f"mapping/{folder}/__init__.py: say what lives there and what it may import"
    )
    assert f"``{folder}/``" in ast.get_docstring(
        ast.parse((ROOT / "mapping" / "__init__.py").read_text())
    )


def test_the_test_finds_a_circle_and_an_upward_import(tmp_path, monkeypatch):
    """The checks above fail on a real circle and on an import upwards."""
    fake = tmp_path / "mapping"
    (fake / "core").mkdir(parents=True)
    (fake / "lenses").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "core" / "__init__.py").write_text("")
    (fake / "lenses" / "__init__.py").write_text("")
    (fake / "core" / "a.py").write_text("def f():\n    from mapping.lenses import b\n")
    (fake / "lenses" / "b.py").write_text("from mapping.core import a\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    graph = import_graph("mapping")
    assert list(nx.simple_cycles(graph))
    assert ("mapping.core.a", "mapping.lenses.b") in graph.edges
    assert LAYERS.index(layer("mapping.lenses.b")) > LAYERS.index(layer("mapping.core.a"))
