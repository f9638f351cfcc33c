"""A bare page with only the lens canvas, for benchmarks and component checks.

CASEMAP_DB=/tmp/x.db streamlit run tests/browser/canvas_page.py
(open ?case=<code>&lens=genogram|ecogram|sociogram)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st  # noqa: E402

from mapping.core.vocabulary import Lens  # noqa: E402
from mapping.lenses import draw  # noqa: E402
from views import state  # noqa: E402
from views.canvas import lens_canvas  # noqa: E402


def main() -> None:
    st.set_page_config(layout="wide")
    code = st.query_params.get("case", "DEMO-001")
    lens = Lens(st.query_params.get("lens", "genogram"))
    with state.store() as store:
        data = store.load(code)
    ego = data.index_person().id if lens is Lens.SOCIOGRAM and data.index_person() else ""
    drawing = draw(data, lens, ego=ego)
    fast = st.query_params.get("fast") == "1"
    event = lens_canvas(
        data,
        drawing,
        lens,
        view=ego,
        key="canvas_page",
        height=760,
        redraw=(lambda fresh: draw(fresh, lens, ego=ego)) if fast else None,
    )
    st.caption(f"event: {event}")


if __name__ == "__main__":  # streamlit runs the page as __main__; pytest only imports it
    main()
