"""Run every benchmark module of this package (``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    folder = Path(__file__).resolve().parent
    failed = 0
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"tests.benchmarks.{info.name}")
        print(f"== {info.name}")
        result = module.main()
        failed += bool(result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
