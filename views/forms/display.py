"""Read-only displays the plan and the balance share: a table, and a figure in a safe frame."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

#: No script, no request, no form in a figure's own frame.
FIGURE_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)


def figure_html(svg: str) -> str:
    """The page for :func:`show_figure`: the SVG in a script-less sandboxed frame.

    Streamlit's own ``st.iframe`` may run scripts as the app's origin (and
    needs a script of its own to measure the height), so the SVG sits one
    frame deeper, with ``sandbox=""`` and a Content-Security-Policy that
    forbids every script and request.
    """
    from mapping.lenses.explore import sandboxed

    size = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    inner = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f'<meta http-equiv="Content-Security-Policy" content="{FIGURE_POLICY}"><style>'
        "html,body{margin:0}svg{width:100%;height:auto;display:block}</style></head>"
        f"<body>{svg}</body></html>"
    )
    return sandboxed(
        inner, scripts=False, size=(float(size[1]), float(size[2])) if size else (800, 600)
    )


def show_figure(svg: str) -> None:
    """Show a rendered SVG (escaped by the renderer) scaled to the column width.

    ``st.html`` sanitises with DOMPurify's HTML profile, which drops SVG
    altogether; an iframe keeps the SVG's elements (and its data attributes).
    """
    st.iframe(figure_html(svg), height="content")


def show_table(rows: list[dict]) -> None:
    """A read-only table at the column's width, without the index column."""
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
