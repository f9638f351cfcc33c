"""How fast the one SVG renderer draws a large map (screen, export and canvas all use it).

Target: 500 symbols and 499 lines of every style in under 200 ms of CPU time,
the median of 9 runs with no symbol drawn before (the renderer keeps drawn
symbols by content; the 10th-90th percentile beside it; CPU time measures the
code, not the load of a shared machine). No floor: nothing else draws our
symbols; the target is well above the noise (the spread is a few ms).

    python -m tests.benchmarks.bench_render
"""

from __future__ import annotations

import time

from mapping.render.svg import render_svg
from mapping.render.symbols import forget_drawn_symbols
from tests.benchmarks.paired import Sample, timed, verdict
from tests.test_render_svg import many_symbols

TARGET = 0.200
RUNS = 9


def _cold(drawing) -> float:
    """CPU seconds of one drawing with no symbol drawn before (the renderer keeps them)."""
    forget_drawn_symbols()
    return timed(lambda: render_svg(drawing), time.process_time)


def main() -> int:
    drawing = many_symbols(500)
    svg = render_svg(drawing)  # warm: imports
    cpu = Sample([_cold(drawing) for _ in range(RUNS)])
    warm = Sample([timed(lambda: render_svg(drawing), time.process_time) for _ in range(RUNS)])
    ok = cpu.median < TARGET and svg.count('class="symbol') == 500
    print(
        f"render 500 symbols + 499 lines: cpu {cpu.ms()}, median of {RUNS}, "
        f"{len(svg) // 1024} KiB SVG  target < {TARGET * 1000:.0f} ms  {verdict(ok)}"
    )
    print(f"   again with the symbols drawn before: cpu {warm.ms()} (shown)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
