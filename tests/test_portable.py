"""The domain imports and lays out on any platform Python runs on (issue #16, point 5).

Windows has no ``fcntl``; the genogram layout uses it only to give dot a bigger
pipe, so without it the genogram must still import and lay out. Every package
``pyproject.toml`` declares is used by the code.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WITHOUT_FCNTL = """
import sys
sys.modules["fcntl"] = None  # as on Windows: 'import fcntl' raises ImportError
from mapping.services.demo import demo_case
from mapping.lenses.genogram import layout_genogram
import mapping.lenses.genogram_layout as gl
assert gl.fcntl is None
big = demo_case()
drawing = layout_genogram(big)
print(len(drawing.symbols))
"""


def test_the_genogram_lays_out_without_fcntl():
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_FCNTL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    from mapping.lenses.genogram import layout_genogram
    from mapping.services.demo import demo_case

    # the same drawing as with fcntl: every person of the demo is on it
    assert int(done.stdout.split()[-1]) == len(layout_genogram(demo_case()).symbols) > 10


#: distribution name -> the module name it is imported as, where they differ
IMPORT_NAMES = {
    "sqlite-utils": "sqlite_utils",
    "gedcom-lite": "gedcom_lite",
    "sqlcipher3-binary": "sqlcipher3",
    "pypdf": "pypdf",
}
#: declared for a package that imports it itself: Streamlit's st.login needs authlib
USED_BY_STREAMLIT = {"authlib"}


def test_every_declared_dependency_is_imported_somewhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("mapping", "views")
        for p in (ROOT / folder).rglob("*.py")
    ) + (ROOT / "app.py").read_text(encoding="utf-8")
    unused = []
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower()
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        if name in USED_BY_STREAMLIT:
            continue
        if not re.search(rf"^\s*(import|from)\s+{re.escape(module)}\b", code, re.MULTILINE):
            unused.append(name)
    assert unused == []
