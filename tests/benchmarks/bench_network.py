"""How a case imported from a large network file behaves: import, load, every page.

A network file from a public source can hold thousands of people (the import
takes up to 10,000 nodes and 50,000 edges). Such a case must stay usable:
every page of the app shows within a few seconds, not a minute.

Target (ours; no issue names one): each page under 5 s of CPU time for
9,000 people and 40,000 ties, the median of three runs (the fastest and the
slowest beside it). CPU time, because the wall clock measures the machine:
with the other engineers' test runs on the same two cores the pages took
4-9 s of wall time for 1.6-2.4 s of CPU, and the target failed on the load.
The wall time is printed beside it. No floor to pair with: nothing else
draws these pages.

    python -m tests.benchmarks.bench_network
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from tests.benchmarks.paired import Sample, verdict

PEOPLE, TIES = 9000, 40_000
PAGE_TARGET = 5.0
RUNS = 3
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
PAGES = (
    "cases",
    "genogram",
    "ecogram",
    "sociogram",
    "explore",
    "balance",
    "plan",
    "snapshots",
    "compare",
    "report",
    "meeting",
    "training",
)
ROOT = Path(__file__).resolve().parents[2]


def network_csv(people: int = PEOPLE, ties: int = TIES, seed: int = 3) -> bytes:
    """An edge list like one exported from a survey tool: source, target, weight."""
    rng = random.Random(seed)
    lines = ["source,target,weight"]
    while len(lines) <= ties:
        a, b = rng.randrange(people), rng.randrange(people)
        if a != b:
            lines.append(f"P{a},P{b},{rng.randint(1, 5)}")
    return "\n".join(lines).encode("utf-8")


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    from streamlit.testing.v1 import AppTest

    from mapping.formats.netfiles import read_import_file
    from mapping.storage.store import Store
    from views.state import OPEN_CASE

    content = network_csv()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "network.db"
        os.environ["CASEMAP_DB"] = str(db)
        start = time.perf_counter()
        data = read_import_file("netwerk.csv", content, notices=[])
        read = time.perf_counter() - start
        with Store(db) as store:
            start = time.perf_counter()
            case = store.import_case(data)
            stored = time.perf_counter() - start
            load = statistics.median(_seconds(lambda: store.load(case.id)) for _ in range(3))
        print(
            f"{len(data.entities)} people, {len(data.relations)} ties "
            f"({len(content) // 1024} KiB CSV): read {read:.1f} s, store {stored:.1f} s, "
            f"load {load:.2f} s"
        )
        failed = False
        print(f"each page {RUNS} times: median (fastest-slowest)")
        for page in PAGES:
            walls, cpus, broken = [], [], False
            for _ in range(RUNS):
                at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=300)
                at.session_state[OPEN_CASE] = case.id
                # outside a server AppTest logs "missing ScriptRunContext" on every run
                logging.getLogger(_CONTEXT_LOGGER).disabled = True
                cpu = time.process_time()
                walls.append(_seconds(at.run))
                cpus.append(time.process_time() - cpu)
                broken |= bool(at.exception)
            wall, cpu = Sample(walls), Sample(cpus)
            ok = cpu.median < PAGE_TARGET and not broken
            failed |= not ok
            print(
                f"page {page:<10} cpu {cpu.median:4.1f} s ({min(cpus):.1f}-{max(cpus):.1f})  "
                f"target < {PAGE_TARGET:.0f} s  wall {wall.median:4.1f} s "
                f"({min(walls):.1f}-{max(walls):.1f}, shown)  "
                f"{verdict(ok) if not broken else 'EXCEPTION'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
