"""What encryption at rest costs: every page on an encrypted database against a plain one,
and the backup of a 9,000-person case.

Targets (issue 14): no page more than 20% slower encrypted, on the median of
the paired turns' ratios (10th-90th percentile beside it); the backup of the
9,000-person case under 5 s. Pages run in turns (plain then encrypted, then
the other way round) so a busy moment of the machine falls on both, and each
page run (90-200 ms) is measured
in CPU time of this process (encryption is CPU work; other programs on a busy
machine then do not count).

    python -m tests.benchmarks.bench_encryption
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bench_network import PAGES, network_csv
from tests.benchmarks.paired import paired, verdict

ROOT = Path(__file__).resolve().parents[2]
KEY = "benchmark-sleutel van voldoende lengte 2026"
RUNS = 7
RATIO_TARGET = 1.20
BACKUP_TARGET = 5.0


def _page_seconds(page: str, db: Path, case_id: str, key: str | None) -> float:
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE

    os.environ["CASEMAP_DB"] = str(db)
    if key:
        os.environ["CASEMAP_DB_KEY"] = key
    else:
        os.environ.pop("CASEMAP_DB_KEY", None)
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=300)
    at.session_state[OPEN_CASE] = case_id
    # outside a server AppTest logs "missing ScriptRunContext" twice a run (AppTest resets it)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True
    # CPU time of this process (AppTest runs the page in a thread of it): what encryption
    # adds is CPU work, and other programs on a busy machine do not count
    start = time.process_time()
    at.run()
    took = time.process_time() - start
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    return took


def main() -> int:
    from streamlit.logger import set_log_level

    from mapping.formats.netfiles import read_import_file
    from mapping.services.demo import demo_case
    from mapping.storage import safekeeping
    from mapping.storage.store import Store

    set_log_level("error")  # AppTest outside a server: "missing ScriptRunContext" on every run
    os.environ.pop("CASEMAP_DB_KEY_FILE", None)
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        plain_db, secret_db = Path(folder) / "plain.db", Path(folder) / "secret.db"
        with Store(plain_db, key=None) as store:
            plain_id = store.import_case(demo_case()).id
        with Store(secret_db, key=KEY) as store:
            secret_id = store.import_case(demo_case()).id
        print(
            f"{'page':<11} {'plain':>8} {'encrypted':>10} {'ratio (10th-90th)':>20}"
            f"  target <= {RATIO_TARGET:.2f}"
        )
        for page in PAGES:
            _page_seconds(page, plain_db, plain_id, None)  # warm: imports, caches
            _page_seconds(page, secret_db, secret_id, KEY)
            runs = paired(
                lambda: _page_seconds(page, secret_db, secret_id, KEY),  # noqa: B023
                lambda: _page_seconds(page, plain_db, plain_id, None),  # noqa: B023
                RUNS,
                seconds=lambda fn: fn(),  # _page_seconds measures its CPU time itself
            )
            ok = runs.ratio.median <= RATIO_TARGET
            failed |= not ok
            print(
                f"{page:<11} {runs.floor.median * 1000:6.0f} ms {runs.ours.median * 1000:8.0f} ms "
                f"{runs.ratio.times():>20}  {verdict(ok)}"
            )

        big = Path(folder) / "big.db"
        data = read_import_file("netwerk.csv", network_csv(), notices=[])
        with Store(big, key=KEY) as store:
            store.import_case(data)
            start = time.perf_counter()
            out, _digest = safekeeping.backup(store, Path(folder) / "big-backup.db")
            took = time.perf_counter() - start
        size = out.stat().st_size / 1e6
        ok = took < BACKUP_TARGET
        failed |= not ok
        print(
            f"backup of {len(data.entities)} people, {len(data.relations)} ties, encrypted "
            f"({size:.1f} MB): {took:.2f} s  target < {BACKUP_TARGET:.0f} s  {'OK' if ok else 'MISSED'}"
        )
    os.environ.pop("CASEMAP_DB_KEY", None)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
