"""Timing that holds on a busy shared machine: paired runs, medians, the spread shown.

A benchmark here compares our code with a floor (bare ``dot``, the plain
store, the unencrypted page) by running the two in turn, the order swapped
every turn, so a busy moment of the machine falls on both; it judges the
median of the per-turn ratios (or differences) and prints their spread, so a
reader sees how much of a number is noise. ``noise`` runs the floor against
itself the same way: the spread of that ratio is what a ratio of this size
moves on this machine with nothing changed.

``CASEMAP_BENCH_SLOWDOWN=2`` makes the benchmarks' own calls of the layout
twice as slow (:func:`slowed`): the proof that a target fails for a real
slowdown. Only the benchmarks read it; the app never does.

>>> s = Sample([1.0, 2.0, 3.0, 4.0, 10.0])
>>> s.median, s.low, s.high
(3.0, 1.4, 7.6)
"""

from __future__ import annotations

import functools
import os
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

SLOWDOWN = float(os.environ.get("CASEMAP_BENCH_SLOWDOWN") or 1)


@dataclass(frozen=True)
class Sample:
    """Measured values; ``low``/``high`` are the 10th and 90th percentiles."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def _decile(self, k: int) -> float:
        if len(self.values) < 2:
            return self.values[0]
        return statistics.quantiles(self.values, n=10, method="inclusive")[k - 1]

    @property
    def low(self) -> float:
        return self._decile(1)

    @property
    def high(self) -> float:
        return self._decile(9)

    def ms(self) -> str:
        """``"38.1 ms (35.0-44.2)"``: the median and the 10th-90th percentile, in ms."""
        return f"{self.median * 1000:.1f} ms ({self.low * 1000:.1f}-{self.high * 1000:.1f})"

    def times(self) -> str:
        """``"1.58x (1.49-1.71)"``: a ratio's median and 10th-90th percentile."""
        return f"{self.median:.2f}x ({self.low:.2f}-{self.high:.2f})"


@dataclass(frozen=True)
class Pair:
    """Paired runs of ours and the floor: ``ours[i]`` and ``floor[i]`` ran back to back."""

    ours: Sample
    floor: Sample

    @property
    def ratio(self) -> Sample:
        return Sample([o / f for o, f in zip(self.ours.values, self.floor.values, strict=True)])

    @property
    def extra(self) -> Sample:
        return Sample([o - f for o, f in zip(self.ours.values, self.floor.values, strict=True)])


def cpu_clock() -> float:
    """CPU seconds of this process and of its children that have ended (dot, say).

    A busy machine stretches wall time but hardly the CPU time a piece of
    work needs, so a ratio of CPU times is the one to hold a target to.
    """
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds ``fn()`` took on ``clock`` (wall time unless told otherwise)."""
    start = clock()
    fn()
    return clock() - start


def paired(
    ours: Callable[[], object],
    floor: Callable[[], object],
    runs: int,
    *,
    between: Callable[[], None] = lambda: None,
    clock: Callable[[], float] = time.perf_counter,
    seconds: Callable[[Callable[[], object]], float] | None = None,
) -> Pair:
    """Run ``ours`` and ``floor`` in turn ``runs`` times, swapping who goes first each turn.

    ``between`` runs before every measured call (a pause, a cache dropped);
    each call is timed on ``clock``, or ``seconds(fn)`` says what it took
    (for a function that measures itself).
    """
    measure = seconds or (lambda fn: timed(fn, clock))
    mine, theirs = [], []
    for turn in range(runs):
        order = ((ours, mine), (floor, theirs))
        for fn, into in order[::-1] if turn % 2 else order:
            between()
            into.append(measure(fn))
    return Pair(Sample(mine), Sample(theirs))


def noise(floor: Callable[[], object], runs: int, **kw) -> Sample:
    """The floor against itself in turn: the ratio's spread with nothing changed."""
    return paired(floor, floor, runs, **kw).ratio


def spin(seconds: float) -> None:
    """Keep the CPU busy for ``seconds`` (a sleeping CPU wakes slower, which flatters)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def slowed(fn: Callable, factor: float | None = None) -> Callable:
    """``fn``, ``factor`` times slower (default ``CASEMAP_BENCH_SLOWDOWN``, else unchanged).

    After ``fn`` returns, the CPU spins for ``factor - 1`` times what it took,
    so the wall time and the CPU time both grow by ``factor``, as a layout
    written twice as slow would.
    """
    factor = SLOWDOWN if factor is None else factor
    if factor <= 1:
        return fn

    @functools.wraps(fn)
    def slow(*args, **kwargs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        spin((factor - 1) * (time.perf_counter() - start))
        return result

    return slow


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"
