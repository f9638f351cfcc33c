"""How fast the one SVG renderer draws a large map (screen, export and canvas all use it).

Target: 500 symbols and 499 lines of every style in under 200 ms of CPU time
(best of five; CPU time measures the code, not the load of a shared machine).

    python -m tests.benchmarks.bench_render
"""

from __future__ import annotations

import time

from mapping.render.svg import render_svg
from tests.test_render_svg import many_symbols

TARGET = 0.200


def main() -> int:
    drawing = many_symbols(500)
    timings = []
    for _ in range(5):
        start = time.process_time()
        svg = render_svg(drawing)
        timings.append(time.process_time() - start)
    best = min(timings)
    ok = best < TARGET and svg.count('class="symbol') == 500
    print(
        f"render 500 symbols + 499 lines: {best * 1000:.0f} ms CPU (best of 5), "
        f"{len(svg) // 1024} KiB SVG  target < {TARGET * 1000:.0f} ms  {'OK' if ok else 'TOO SLOW'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
