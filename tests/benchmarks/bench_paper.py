"""Printing the 2,157-person genogram on tiled A3 sheets (#19.5): time and memory.

Each run is a fresh Python process that reads ``tests/data/gedcom/
gramps_example.ged``, draws the genogram and writes the PDF, as
``casemap export --format pdf`` does after loading the case. Measured per
process: wall time, CPU time (user + system, what the work needs whatever
the load of a shared machine) and peak memory (the child's maximum resident
set size). Ours is the tiled A3 landscape PDF (:func:`mapping.render.paper.print_pdf`);
the floor is the export as it was: one page the size of the drawing
(27,467 x 3,055 pt), by CairoSVG straight from the SVG. The two run in turn,
the order swapped each turn.

Targets (the issue's): the tiled PDF in under 15 s of CPU time and under
500 MB peak; the floor's figures are printed beside them.

    python -m tests.benchmarks.bench_paper
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.paired import Sample, verdict

TREE = Path(__file__).resolve().parents[1] / "data" / "gedcom" / "gramps_example.ged"
TARGET_SECONDS = 15.0
TARGET_MB = 500.0
RUNS = 2

_CHILD = """
import sys
from datetime import date
from pypdf import PdfReader
from mapping.core.drawing import Caption
from mapping.formats.gedcom import read_gedcom
from mapping.lenses import draw
from mapping.render.svg import RenderOptions, render_svg

mode, tree, out = sys.argv[1:4]
data = read_gedcom(open(tree, "rb").read())
drawing = draw(data, "genogram", lang="nl")
drawing.caption = Caption(title=data.case.title, case_code=data.case.code,
                          date=date.today().isoformat(), lens="genogram")
if mode == "tiled":
    from mapping.render.paper import print_pdf
    pdf = print_pdf(drawing, RenderOptions(lang="nl"), paper="a3", orientation="landscape").data
else:  # the floor: one page of the drawing's size, as the export made it before #19
    from mapping.services.export import svg_to_pdf
    pdf = svg_to_pdf(render_svg(drawing, RenderOptions(lang="nl")))
open(out, "wb").write(pdf)
box = PdfReader(out).pages[0].mediabox
print(len(PdfReader(out).pages), round(float(box.width)), round(float(box.height)))
"""


def _run(mode: str) -> tuple[float, float, float, str]:
    """Wall s, CPU s and peak MB of one child process making the PDF, and what it printed."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, f"{mode}.pdf")
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, mode, str(TREE), out],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        said = child.stdout.read().strip() if child.stdout else ""
        error = child.stderr.read() if child.stderr else ""
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise RuntimeError(f"{mode} export failed:\n{error}")
        size = os.path.getsize(out) / 1024 / 1024
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, f"{said} ({size:.1f} MB)"


def main() -> int:
    ours: dict[str, list[float]] = {"wall": [], "cpu": [], "mb": []}
    floor: dict[str, list[float]] = {"wall": [], "cpu": [], "mb": []}
    said = {}
    for turn in range(RUNS):
        order = (("tiled", ours), ("one-page", floor))
        for mode, into in order[::-1] if turn % 2 else order:
            wall, cpu, mb, said[mode] = _run(mode)
            into["wall"].append(wall)
            into["cpu"].append(cpu)
            into["mb"].append(mb)
    cpu, mb = Sample(ours["cpu"]), Sample(ours["mb"])
    ok = cpu.median < TARGET_SECONDS and mb.high < TARGET_MB
    print(
        f"tiled A3 PDF of 2,157 people: cpu {cpu.median:.1f} s, wall "
        f"{Sample(ours['wall']).median:.1f} s, peak {mb.high:.0f} MB; pages, first page pt: "
        f"{said['tiled']}  target < {TARGET_SECONDS:.0f} s cpu, < {TARGET_MB:.0f} MB  {verdict(ok)}"
    )
    print(
        f"   floor, one page as before: cpu {Sample(floor['cpu']).median:.1f} s, wall "
        f"{Sample(floor['wall']).median:.1f} s, peak {Sample(floor['mb']).high:.0f} MB; "
        f"{said['one-page']}  (median of {RUNS} runs each, in turn)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
