"""Run every benchmark module of this package (``make bench``); exit 1 if any missed.

Each ``bench_*.py`` has a ``main()`` that prints its measurements and returns
non-zero when a target is missed. A benchmark that crashes counts as missed
(its traceback is printed) and the others still run; the last lines say which
missed. ``python -m tests.benchmarks genogram render`` runs only those.

``CASEMAP_BENCH_SLOWDOWN=2`` makes the benchmarks' own layout calls twice as
slow (``tests/benchmarks/paired.py``): ``make bench`` must then fail.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from tests.benchmarks.paired import SLOWDOWN


def main(only: list[str] | None = None) -> int:
    folder = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(folder)]))
    names = [n for n in names if n.startswith("bench_") and n != "bench_load"]  # make bench-load
    if only:
        names = [n for n in names if n.removeprefix("bench_") in only or n in only]
    if SLOWDOWN > 1:
        print(f"CASEMAP_BENCH_SLOWDOWN={SLOWDOWN:g}: the layout is slowed on purpose")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results: dict[str, str] = {}
    for name in names:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"tests.benchmarks.{name}")
            missed = bool(module.main())
            results[name] = "MISSED" if missed else "ok"
        except Exception:
            traceback.print_exc(file=sys.stdout)
            results[name] = "CRASHED"
        print(f"   ({time.perf_counter() - start:.0f} s)", flush=True)
    print("== summary")
    for name, result in results.items():
        print(f"   {name:<18} {result}")
    bad = [n for n, r in results.items() if r != "ok"]
    print(f"{len(results) - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
