"""A deprecated API called by our own code fails the test run (issue 16, point 2).

``pyproject.toml``'s ``filterwarnings`` makes DeprecationWarning,
PendingDeprecationWarning and FutureWarning named at a line of ``mapping``,
``views`` or ``app`` (or a page script, which AppTest runs as ``__main__``) an
error; ``tests/deprecation_guard.py`` turns Streamlit's deprecations, which
Streamlit only logs, into such warnings. Each test here makes one deliberate
deprecated call, as our code would, and shows it fails.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings

import pytest

from tests.deprecation_guard import ROOT


def _run_as(module: str, filename: str, code: str) -> None:
    """Run ``code`` as if it were the module ``module`` in the file ``filename`` (under ROOT)."""
    compiled = compile(textwrap.dedent(code), str(ROOT / filename), "exec")
    exec(compiled, {"__name__": module})


def test_a_deprecated_streamlit_call_in_a_page_is_an_error():
    # what views/explore.py did until issue 16: Streamlit removes it after 2026-06-01
    with pytest.raises(DeprecationWarning, match=r"st\.iframe") as caught:
        _run_as(
            "__main__",  # as AppTest runs a page
            "views/explore.py",
            """
            import streamlit.components.v1 as components
            components.html("<p>x</p>", height=100)
            """,
        )
    assert "components.v1.html" in str(caught.value)


def test_a_deprecated_networkx_call_in_mapping_is_an_error():
    # random_lobster sits behind NetworkX's dispatch decorators: the warning still names us
    with pytest.raises(DeprecationWarning, match="random_lobster_graph"):
        _run_as(
            "mapping.deliberately_old",
            "mapping/deliberately_old.py",
            """
            import networkx as nx
            nx.random_lobster(10, 0.5, 0.5, seed=1)
            """,
        )


@pytest.mark.parametrize("category", [PendingDeprecationWarning, FutureWarning])
@pytest.mark.parametrize("module", ["mapping.core.network", "views.sociogram", "app"])
def test_pending_and_future_deprecations_named_at_our_code_are_errors(category, module):
    with pytest.raises(category):
        _run_as(
            module,
            module.replace(".", "/") + ".py",
            f"""
            import warnings
            warnings.warn("going away", {category.__name__})
            """,
        )


def test_someone_elses_deprecation_stays_a_warning():
    # a library's own deprecation that our code does not call is no failure of ours
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        _run_as(
            "somelib.old",
            "somelib/old.py",
            """
            import warnings
            warnings.warn("going away", DeprecationWarning)
            """,
        )
    assert [w.category for w in seen] == [DeprecationWarning]


DELIBERATE = """
import streamlit as st
import streamlit.components.v1 as components
from streamlit.testing.v1 import AppTest


def test_a_page_with_a_deprecated_call(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("import streamlit.components.v1 as c\\nc.html('<p>x</p>')\\n" if OLD else
                    "import streamlit as st\\nst.iframe('<p>x</p>', height=100)\\n")
    at = AppTest.from_file(str(page)).run()
    assert not at.exception, at.exception[0].message
"""


@pytest.mark.parametrize("old", [True, False])
def test_a_whole_pytest_run_fails_on_a_page_with_a_deprecated_call(tmp_path, old):
    """The project's own pytest configuration, in a run of its own, on a page script.

    The page lives in a temporary folder, so this run names page scripts as
    ours by their ``__main__`` module (as AppTest runs them).
    """
    test = tmp_path / "test_deliberate.py"
    test.write_text(f"OLD = {old}\nimport tests.deprecation_guard\n" + DELIBERATE)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c",
         str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), str(test)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )  # fmt: skip
    if old:
        assert done.returncode == 1, done.stdout
        assert "Please replace `st.components.v1.html` with `st.iframe`" in done.stdout
        assert "1 failed" in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 passed" in done.stdout
