"""A process killed at any moment leaves a sound database holding whole changes only.

A worker imports cases, saves people, makes backups and destroys cases in a
loop; it is killed with SIGKILL at random moments, at least 20 times. After
every kill the database passes ``PRAGMA integrity_check`` and every change is
there completely or not at all.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapping.access import log
from mapping.access.guard import GuardedStore, Principal
from mapping.services.demo import demo_case

ROOT = Path(__file__).resolve().parents[1]
DEMO_PEOPLE = len(demo_case().entities)

WORKER = r"""
import itertools, os, random, sys
from pathlib import Path
from datetime import date, timedelta
from mapping.access.guard import GuardedStore, Principal
from mapping.services.demo import demo_case
from mapping.core.model import Entity
from mapping.services import retention
from mapping.storage import safekeeping

path, folder = sys.argv[1], Path(sys.argv[2])
who = Principal.command_line("werker")
for n in itertools.count():
    with GuardedStore(path, who) as store:
        step = n % 4
        if step == 0:
            data = demo_case()
            data.case.code = f"K-{os.getpid()}-{n}"
            store.import_case(data)
        elif step == 1:
            cases = store.list_cases(include_archived=True)
            if cases:
                case = random.choice(cases)
                store.save(case.id, Entity(id=f"buur-{os.getpid()}-{n}", name=f"Buur {n}"))
        elif step == 2:
            out = folder / f"backup-{os.getpid()}-{n}.db"
            safekeeping.backup(store, out)
        else:
            cases = store.list_cases()
            if len(cases) > 2:
                case = cases[0]
                store.set_archived(case.id, True)
                store.db.execute(
                    "UPDATE case_closure SET closed = ? WHERE case_id = ?",
                    [(date.today() - timedelta(days=20 * 366)).isoformat(), case.id],
                )
                store.db.conn.commit()
                retention.destroy(store, [case.code], 15)
    print(n, flush=True)
"""


def _check(path: Path) -> None:
    with GuardedStore(path, Principal.command_line()) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        for case in store.list_cases(include_archived=True):
            data = store.load(case.id)
            neighbours = [e for e in data.entities if e.id.startswith("buur-")]
            # an import is whole: the demo family is there completely
            assert len(data.entities) - len(neighbours) == DEMO_PEOPLE, case.code
            # every save came with its history line, and no line without its save
            lines = [h for h in store.history(case.id, limit=10_000) if "Buur" in h.summary]
            assert len(lines) == len(neighbours), case.code
        assert log.verify(store.db).ok


@pytest.mark.parametrize("encrypted", [False, True])
def test_kill_nine_at_random_moments(tmp_path, monkeypatch, encrypted):
    if encrypted:
        monkeypatch.setenv("CASEMAP_DB_KEY", "crash-test sleutel van voldoende lengte")
    else:
        monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    monkeypatch.delenv("CASEMAP_DB_KEY_FILE", raising=False)
    db = tmp_path / "data" / "casemap.db"
    backups = tmp_path / "backups"
    backups.mkdir()
    rng = random.Random(7 + encrypted)
    kills = 0
    for _ in range(12 if encrypted else 20):
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), str(backups)],
            cwd=ROOT,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # wait until it has done some work, then kill it somewhere in the next steps
        first = worker.stdout.readline()
        assert first, worker.stderr.read().decode()[-2000:]
        time.sleep(rng.uniform(0.0, 0.25))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        kills += 1
        _check(db)
    assert kills >= (12 if encrypted else 20)
    # a backup cut off by the kill is refused; a finished one restores
    from mapping.core.errors import InvalidInput
    from mapping.storage import safekeeping

    key = os.environ.get("CASEMAP_DB_KEY")
    restored, refused = 0, []
    for backup in sorted(backups.glob("backup-*.db")):
        target = tmp_path / f"hersteld-{backup.stem}.db"
        try:
            safekeeping.restore(backup, target, key)
        except InvalidInput as err:
            assert not target.exists()
            refused.append(err.nl)
            continue
        _check(target)
        restored += 1
    assert restored >= 1, refused
