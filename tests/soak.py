"""``make soak``: the browser suite again and again while a full test run works beside it.

A browser test that passes alone but fails on a busy machine waits for time
instead of for a state. This loop makes the machine as busy as CI is: it runs
the whole browser suite ``--runs`` times in a row (five by default) while
``make test`` (the whole suite, browser tests included) runs beside it, again
as soon as it ends, until the last browser run is over. Then it lists every
failed test of every run and exits 1 if there was one.

    python -m tests.soak --runs 5      # make soak; make soak SOAK_RUNS=1

Each run's full output is kept in a folder it names at the start.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
SUMMARY = re.compile(r"^=*\s*(.*\b(passed|failed|error|errors|skipped)\b.*?)\s*=*$")


def summary(log: Path) -> tuple[str, list[str]]:
    """(pytest's closing line, the FAILED/ERROR lines) of one run's output."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))]
    closing = next((m.group(1) for line in reversed(lines) if (m := SUMMARY.match(line))), "")
    return closing or "(no pytest summary: see the log)", failed


def run(cmd: list[str], log: Path) -> int:
    with log.open("w", encoding="utf-8") as out:
        return subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("SOAK_RUNS", 5)))
    parser.add_argument("--beside", default="make test", help="the command run beside")
    parser.add_argument("--suite", default="tests/browser", help="what runs again and again")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="casemap-soak-"))
    print(
        f"soak: {args.suite} {args.runs} time(s), '{args.beside}' beside; logs in {folder}",
        flush=True,
    )

    done = threading.Event()
    beside: list[tuple[Path, int]] = []

    def keep_busy() -> None:
        while not done.is_set():
            log = folder / f"beside-{len(beside) + 1}.log"
            code = run(args.beside.split(), log)
            beside.append((log, code))
            print(f"  beside {len(beside)}: {summary(log)[0]} (exit {code})", flush=True)

    worker = threading.Thread(target=keep_busy, daemon=True)
    worker.start()
    started = time.monotonic()
    browser: list[tuple[Path, int]] = []
    try:
        for k in range(1, args.runs + 1):
            log = folder / f"browser-{k}.log"
            code = run([*PYTEST, *args.suite.split()], log)
            browser.append((log, code))
            print(f"  browser {k}: {summary(log)[0]} (exit {code})", flush=True)
    finally:
        done.set()
        print("  waiting for the run beside to finish ...", flush=True)
        worker.join()

    failures = []
    for name, runs in (("browser", browser), ("beside", beside)):
        for k, (log, code) in enumerate(runs, 1):
            closing, failed = summary(log)
            failures += [f"{name} {k}: {line}" for line in failed]
            if code not in (0,) and not failed:
                failures.append(f"{name} {k}: exit {code}, {closing} ({log})")
    minutes = (time.monotonic() - started) / 60
    print(
        f"soak: {len(browser)} browser run(s) and {len(beside)} run(s) beside in "
        f"{minutes:.0f} min: {len(failures)} failure(s)"
    )
    for line in failures:
        print(f"  {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
