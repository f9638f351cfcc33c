"""What the access log adds to one page run: opening the store and loading a case.

Target: the guarded store (:class:`mapping.access.guard.GuardedStore`, which
checks access and writes a hash-chained access-log line) costs less than 5 ms
of CPU time more than the plain :class:`mapping.storage.store.Store`, in the median of
the paired turns' differences (10th-90th percentile printed beside it), in the
worst case: a fresh ``seen`` on every run, so every load writes a line (its
own ``BEGIN IMMEDIATE`` ... ``COMMIT``, which waits for the disk).

Wall-clock time is printed beside it, not held: on an idle machine the extra
is about +1.4 ms, mostly waiting for the disk at the commit and at the WAL
checkpoint SQLite runs when the last connection to a written database
closes; with other test runs on the same two cores it measured +17 to +27 ms
(the plain load itself 13 ms instead of 4.4), because every wake-up after
the disk waits for a free core: the machine's load, not the log. The plain
and the guarded loads run in turns (the order reverses every turn), so a
busy machine slows them alike. Shown beside the target, not held to it: the
usual case (one ``seen`` per browser session, so a repeated view writes no
line); the worst case with ``PRAGMA synchronous = NORMAL`` on the guarded
store's connection (the store keeps SQLite's default, FULL, in WAL mode);
the worst case while another connection holds the database open (no
checkpoint on close); and ``log.append`` alone, with FULL and NORMAL.

    python -m tests.benchmarks.bench_access
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from mapping.access import log
from mapping.access.guard import GuardedStore, Principal
from mapping.services.demo import demo_case
from mapping.storage.store import Store
from tests.benchmarks.paired import Pair, Sample, verdict

TARGET = 0.005
RUNS = 61
WARMUP = 3


class _NormalSync(GuardedStore):
    """The guarded store with ``synchronous = NORMAL`` on its connection (for comparison only)."""

    def _open(self) -> None:
        super()._open()
        self.db.execute("PRAGMA synchronous = NORMAL")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


#: CPU seconds of the last _plain / _guarded call (the wall-clock seconds are returned)
_last_cpu = [0.0]


def _plain(path: Path, case_id: str) -> float:
    cpu, start = time.process_time(), time.perf_counter()
    store = Store(path)
    store.load(case_id)
    store.close()
    _last_cpu[0] = time.process_time() - cpu
    return time.perf_counter() - start


def _guarded(
    path: Path, case_id: str, principal: Principal, seen: dict, kind: type = GuardedStore
) -> float:
    cpu, start = time.process_time(), time.perf_counter()
    store = kind(path, principal, part="genogram", seen=seen)
    store.load(case_id)
    store.close()
    _last_cpu[0] = time.process_time() - cpu
    return time.perf_counter() - start


def _lines(path: Path) -> int:
    with Store(path) as store:
        return store.db.execute("SELECT COUNT(*) FROM access_log").fetchone()[0]


def _appends(path: Path, synchronous: str = "") -> list[float]:
    """``log.append`` alone on an open connection (its own transaction each time)."""
    timings = []
    with Store(path) as store:
        if synchronous:
            store.db.execute(f"PRAGMA synchronous = {synchronous}")
        for i in range(WARMUP + RUNS):
            entry = log.Entry(user="bench", action="bekijken", part="genogram", detail=str(i))
            start = time.perf_counter()
            log.append(store.db, entry)
            if i >= WARMUP:
                timings.append(time.perf_counter() - start)
    return timings


def _row(name: str, values: list[float], note: str = "") -> str:
    return (
        f"  {name:<40} {statistics.median(values) * 1000:7.2f} ms "
        f"{_p95(values) * 1000:7.2f} ms  {note}"
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="casemap-bench-") as folder:
        path = Path(folder) / "casemap.db"
        with Store(path) as store:
            case_id = store.import_case(demo_case(), author="bench").id
            modes = store.db.execute("PRAGMA journal_mode").fetchone()[0]
            sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
        principal = Principal.personal("x", "s")
        reused: dict = {}
        plain, fresh, usual, normal = [], [], [], []
        plain_cpu, fresh_cpu = [], []
        lines_before = _lines(path)
        for i in range(WARMUP + RUNS):
            turn = [
                lambda: _plain(path, case_id),
                lambda: _guarded(path, case_id, principal, {}),  # a line every time
                lambda: _guarded(path, case_id, principal, reused),  # one line in all
                lambda: _guarded(path, case_id, principal, {}, _NormalSync),
            ]
            if i % 2:
                turn.reverse()
            results, cpus = [], []
            for run in turn:
                results.append(run())
                cpus.append(_last_cpu[0])
            if i % 2:
                results.reverse()
                cpus.reverse()
            if i >= WARMUP:
                plain.append(results[0])
                fresh.append(results[1])
                plain_cpu.append(cpus[0])
                fresh_cpu.append(cpus[1])
                usual.append(results[2])
                normal.append(results[3])
        written = _lines(path) - lines_before - (WARMUP + RUNS)  # less the NORMAL ones
        # the same in turns while another connection keeps the database open, as a second
        # session of the app may: the last close then has no WAL checkpoint to do
        held_plain, held_fresh = [], []
        with Store(path):
            for i in range(WARMUP + RUNS):
                pair = [
                    lambda: _plain(path, case_id),
                    lambda: _guarded(path, case_id, principal, {}),
                ]
                results = [run() for run in (pair[::-1] if i % 2 else pair)]
                if i % 2:
                    results.reverse()
                if i >= WARMUP:
                    held_plain.append(results[0])
                    held_fresh.append(results[1])
        appends = _appends(path)
        appends_normal = _appends(path, "NORMAL")
        with Store(path) as store:
            verified = log.verify(store.db)

    # the median of what each turn's guarded load took more than its plain one
    paired_extra = Pair(Sample(fresh), Sample(plain)).extra
    extra = paired_extra.median
    extra_usual = Pair(Sample(usual), Sample(plain)).extra.median
    cpu_extra = Pair(Sample(fresh_cpu), Sample(plain_cpu)).extra
    ok = cpu_extra.median < TARGET and written == WARMUP + RUNS + 1 and verified.ok
    sync_name = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(sync, str(sync))
    print(
        f"access log on one page run (open store, load the demo case, close), {RUNS} runs "
        f"in turns; journal_mode={modes}, synchronous={sync_name}"
    )
    print(f"  {'':<40} {'median':>10} {'p95':>10}")
    print(_row("Store.load", plain))
    print(_row("GuardedStore.load, fresh seen (a line)", fresh, f"{extra * 1000:+.2f} ms"))
    print(_row("GuardedStore.load, seen reused (no line)", usual, f"{extra_usual * 1000:+.2f} ms"))
    normal_extra = statistics.median(normal) - statistics.median(plain)
    print(
        _row(
            "GuardedStore.load, fresh, sync=NORMAL",
            normal,
            f"{normal_extra * 1000:+.2f} ms (info only)",
        )
    )
    held_extra = statistics.median(held_fresh) - statistics.median(held_plain)
    print(_row("Store.load, db held open elsewhere", held_plain))
    print(
        _row(
            "GuardedStore.load, fresh seen, held open",
            held_fresh,
            f"{held_extra * 1000:+.2f} ms (info only)",
        )
    )
    print(_row("log.append alone", appends))
    print(_row("log.append alone, synchronous=NORMAL", appends_normal, "(info only)"))
    print(
        f"  lines written by the loads: {written} (expected {WARMUP + RUNS + 1}); "
        f"chain verifies: {verified.ok}"
    )
    print(
        f"guarded load, a line each time, wall clock: {extra * 1000:+.2f} ms, the median of "
        f"paired turns (10th-90th percentile {paired_extra.low * 1000:+.2f} to "
        f"{paired_extra.high * 1000:+.2f} ms)  shown"
    )
    print(
        f"guarded load, a line each time, CPU time: {cpu_extra.median * 1000:+.2f} ms, the median "
        f"of paired turns (10th-90th percentile {cpu_extra.low * 1000:+.2f} to "
        f"{cpu_extra.high * 1000:+.2f} ms)  target < {TARGET * 1000:.0f} ms  {verdict(ok)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
