"""The meeting page's projector: a map in large type, and the page without its menus.

Shared by the team meeting (:mod:`views.meeting`) and the familieberaad
(:mod:`views.panels.meeting_familieberaad`). On the projector names are at
least :data:`NAME_PX` CSS px (#15): a map is laid out again at the text size
it is shown in (large type makes room for itself) and shown whole when that
keeps its names that large, else at that size in a box that scrolls, opened
on its middle.
"""

from __future__ import annotations

import html
import re

import streamlit as st

from views.shell import show_svg

#: The smallest name on the projector, in CSS px (a name is 12 drawing units times the text scale).
NAME_PX = 20.0
NAME_UNITS = 12.0
#: Room above the map for the controls and the step's title.
TOP_ROOM = "12rem"


def map_style(
    svg: str,
    scale: float,
    key: str = "meeting_map",
    top: str = TOP_ROOM,
    focus: tuple[float, float] | None = None,
) -> str:
    """CSS for the map in the container ``key``: whole on the screen when its names stay at
    least :data:`NAME_PX` that way, else at that size in a box that scrolls, its middle in view.

    A 1000 x 500 map in large type (names 18 units) is at least 1111 CSS px wide.
    With ``focus`` (fractions of the map's width and height, :func:`symbol_at`)
    the box opens on that spot instead (a ``.cm-focus`` marker there), and
    keeps it in view when it moves (scroll snapping).
    """
    found = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg)
    if found is None:
        return ""
    width, height = float(found.group(1)), float(found.group(2))
    if width <= 0 or height <= 0:
        return ""
    reading = width * NAME_PX / (NAME_UNITS * scale)  # CSS px at which names are NAME_PX
    fit = f"calc((100vh - {top}) * {width / height:.4f})"  # as wide as the screen's height allows
    box = f".st-key-{key}"
    shown = f"max({reading:.0f}px, min(100cqw, {fit}))"  # the image's width on the screen
    opening = "scroll-initial-target:nearest;scroll-snap-align:center"
    marker = ""
    if focus is not None:
        across, down = focus
        marker = (
            f"{box}{{position:relative;scroll-snap-type:both proximity}}"
            f"{box} .cm-focus{{position:absolute;width:2px;height:2px;"
            f"left:calc({shown} * {across:.4f});top:calc({shown} * {down * height / width:.4f});"
            f"{opening}}}"
        )
        opening = ""
    return marker + (
        # the box is a size container: 100cqw is its width, whatever wraps the image
        f"{box}{{overflow:auto;max-height:calc(100vh - {top});container-type:inline-size}}"
        f"{box} [data-testid='stImage'],{box} [data-testid='stImage'] *"
        "{max-width:none !important;overflow:visible !important}"
        f"{box} [data-testid='stImage'] img{{"
        f"width:{shown} !important;"
        "height:auto !important;max-height:none !important;"
        # opened on its middle where the browser knows how (Chromium 133+), else top left
        f"{opening}}}"
    )


def symbol_at(svg: str, entity_id: str) -> tuple[float, float] | None:
    """Where an entity's symbol sits on a rendered map: fractions of its width and height.

    >>> svg = ('<svg width="200" height="100"><g class="drawing" transform="translate(40,10)">'
    ...        '<g class="symbol shape-square" data-entity-id="a" data-symbol-id="a" '
    ...        'data-x="60" data-y="40" transform="translate(60,40)"></g></g></svg>')
    >>> symbol_at(svg, "a"), symbol_at(svg, "b")
    ((0.5, 0.5), None)
    """
    size = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg)
    shift = re.search(r'<g class="drawing" transform="translate\((-?[\d.]+),(-?[\d.]+)\)"', svg)
    spot = re.search(
        r'<g class="symbol[^"]*" data-entity-id="'
        + re.escape(html.escape(entity_id, quote=True))
        + r'"[^>]* transform="translate\((-?[\d.]+),(-?[\d.]+)\)"',
        svg,
    )
    if not (size and shift and spot) or not float(size[1]) or not float(size[2]):
        return None
    return (
        (float(shift[1]) + float(spot[1])) / float(size[1]),
        (float(shift[2]) + float(spot[2])) / float(size[2]),
    )


def show_map(
    svg: str, scale: float, key: str = "meeting_map", top: str = TOP_ROOM, focus: str = ""
) -> None:
    """The map on the projector, names at least :data:`NAME_PX` (see :func:`map_style`);
    opened on the symbol of ``focus`` (an entity id) when it is on the map."""
    at = symbol_at(svg, focus) if focus else None
    st.html(f"<style>{map_style(svg, scale, key, top, at)}</style>")
    with st.container(key=key):
        if at is not None:
            st.html('<div class="cm-focus"></div>')
        show_svg(svg)


def projector_style(*, fullscreen: bool, hide_case: bool) -> str:
    """CSS for the page on the projector: without menu and header when ``fullscreen``;
    without the case line (it names the family) then, or when ``hide_case``."""
    style = ""
    if fullscreen:
        style += (
            "[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
            "[data-testid='stHeader']{display:none}"
            ".block-container{padding-top:1rem;max-width:100%}"
            ".st-key-case_header{display:none}"
            # the balance whole on the screen, below the controls and the title
            "[data-testid='stImage'] img{max-height:calc(100vh - 12rem);object-fit:contain}"
        )
    elif hide_case:
        style += ".st-key-case_header{display:none}"
    return style
