"""Every Dutch UI string in views/ has an English translation in a catalog."""

from __future__ import annotations

import ast
from pathlib import Path

from views.i18n import catalog, translate

VIEWS = Path(__file__).resolve().parents[1] / "views"


def ui_strings() -> dict[str, str]:
    """Literal arguments of ``_()`` calls in views/, with the file they are in."""
    found: dict[str, str] = {}
    for path in VIEWS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = path.name
    return found


def test_every_ui_string_has_english():
    english = catalog("en")
    missing = {text: page for text, page in ui_strings().items() if text not in english}
    assert not missing, f"no English for: {missing}"


def test_translate_falls_back_to_dutch():
    assert translate("Casussen", "nl") == "Casussen"
    assert translate("Casussen", "en") == "Cases"
    assert translate("iets dat niet bestaat", "en") == "iets dat niet bestaat"
