"""The README stays honest: quick start, every page and every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

from views.pages import PAGES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands():
    block = README.split("## Quick start", 1)[1].split("```")[1]
    assert [line.strip() for line in block.strip().splitlines()] == ["make run", "make test"]


def test_every_page_is_documented():
    for file, title, _icon, _group in PAGES:
        assert f"`{file.removesuffix('.py')}`" in README, file
        assert title in README, title


def test_every_cli_command_is_documented():
    from mapping.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert re.search(rf"`casemap {re.escape(name)}\b", README), name


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
