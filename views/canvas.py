"""The interactive lens canvas: the same SVG as the export, answering to the hand.

One Streamlit component (components v2, inline html/css/js from
``views/components/``, no build step, nothing loaded from the internet) for
the genogram, the ecogram and the netwerkkaart::

    event = lens_canvas(data, drawing, Lens.GENOGRAM, key="geno", options=render_options)
    if event and event["type"] == "select":
        state.select(event["kind"], event["id"])
    elif event and event["type"] == "connect":
        ...  # ask the relation kind for event["source"] -> event["target"]

In the browser the user pans (drag the background), zooms (wheel, pinch,
+/- and "Passend"), selects a symbol or a line, drags a symbol, connects
two symbols ("Verbinden", then pick two), and switches meeting aids: mark a
person with their direct ties (the rest fades), large letters, hide notes,
and the balance badges: a '+' or '-' on each person or system a draagkracht
or draaglast factor of the balansmodel is linked to (on by default).

A map opens at reading scale (#15.1): names at least 12 CSS px. When the
whole map fits that way it opens whole; otherwise it opens at that scale
centred on the client (the index person; on a netwerkkaart its ego), and the
user pans for the rest. "Passend" shows the whole map, and says so in the
toolbar when the names then get smaller than 9 px. The user's own pan/zoom
(or "Passend") is kept across reruns, per case, lens and ego. The legend is
not drawn in the map: the canvas's "Legenda" button shows it over the map's
edge (exports keep it in the picture). The canvas is the page's height, but
never taller than the window.

The canvas handles by itself what needs no page logic:

- a dragged symbol is stored with :meth:`Store.set_position` for this lens
  (and ``view``, the ego of a netwerkkaart) before the page runs again, so
  the page lays the lens out with it; "Ongedaan maken" restores the position
  before the last move (an undo stack per lens and view in session state);
- the meeting aids live in :func:`views.state.meeting_aids`; a page's own
  switch in ``options`` wins whenever the page changes it.

It returns the select or connect event of this run (``None`` otherwise); a
selection is also recorded with :func:`views.state.select`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import streamlit as st

from mapping.balance import apply_badges
from mapping.describe import describe
from mapping.drawing import Drawing
from mapping.errors import CasemapError
from mapping.legend import with_badge_legend
from mapping.model import CaseData, Position
from mapping.render.svg import RenderOptions, render_svg
from mapping.store import Store
from mapping.vocabulary import Lens
from views import state
from views.i18n import _
from views.shell import md_escape, show_error

ASSETS = Path(__file__).resolve().parent / "components"
UNDO = "casemap_canvas_undo"  # {"<case>|<lens>|<view>": [previous positions]}
PAGE_AIDS = "casemap_canvas_page_aids"  # {key: the page's own switches, last seen}
MESSAGE = "casemap_canvas_message"  # {key: an error to show on the next run}
REDRAW = "casemap_canvas_redraw"  # {key: True}: the fragment must lay the lens out again
PENDING = "casemap_canvas_pending"  # {key: event} for the page's next full run
UNDO_DEPTH = 20


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


_component = st.components.v2.component(
    "casemap.lens_canvas",
    html=_asset("canvas.html"),
    css=_asset("canvas.css"),
    js=_asset("canvas.js"),
)


# ----------------------------------------------------------------- storing moves
def undo_key(case_id: str, lens: Lens | str, view: str = "") -> str:
    return f"{case_id}|{Lens(lens).value}|{view}"


def store_move(
    store: Store,
    data: CaseData,
    lens: Lens | str,
    view: str,
    event: dict,
    undo_stack: list[dict],
    *,
    author: str = "",
) -> int:
    """Store a dragged position and push the one before it onto ``undo_stack``.

    ``event`` is the canvas's ``{"type": "move", "entity_id", "x", "y",
    "from_x", "from_y"}``; ``data`` is what the user saw when dragging, so a
    position stored before is restored exactly and an automatic one by the
    place the symbol was drawn. Returns the new revision.
    """
    lens = Lens(lens)
    entity_id = str(event["entity_id"])
    x, y = float(event["x"]), float(event["y"])
    stored = data.positions_for(lens, view)
    before = stored.get(entity_id)
    revision = store.set_position(
        data.case.id, Position(lens, entity_id, x, y, view), author=author
    )
    undo_stack.append(
        {
            "entity_id": entity_id,
            "x": before[0] if before else float(event.get("from_x", x)),
            "y": before[1] if before else float(event.get("from_y", y)),
            "stored": before is not None,
            "others": sorted(set(stored) - {entity_id}),
        }
    )
    del undo_stack[:-UNDO_DEPTH]
    return revision


def undo_move(
    store: Store,
    case_id: str,
    lens: Lens | str,
    view: str,
    undo_stack: list[dict],
    *,
    author: str = "",
) -> bool:
    """Put the last moved symbol back where it was; False when there is nothing to undo.

    A symbol that had no stored position before its move goes back to the
    automatic layout when no other symbol of this lens was placed by hand;
    otherwise it is pinned at the place it was drawn.
    """
    if not undo_stack:
        return False
    last = undo_stack.pop()
    lens = Lens(lens)
    if not last["stored"] and not last["others"]:
        store.clear_positions(case_id, lens, view, author=author)
    else:
        store.set_position(
            case_id, Position(lens, last["entity_id"], last["x"], last["y"], view), author=author
        )
    return True


# ----------------------------------------------------------------- the widget
def _options(options: RenderOptions | dict | None, lang: str) -> RenderOptions:
    if isinstance(options, RenderOptions):
        return options
    known = {f.name for f in fields(RenderOptions)}
    given = {k: v for k, v in (options or {}).items() if k in known}
    given.setdefault("lang", lang)
    for name in ("highlight", "hidden_layers"):
        if name in given:
            value = given[name]
            given[name] = frozenset([value] if isinstance(value, str) else value or ())
    return RenderOptions(**given)


def _aids(key: str, options: RenderOptions) -> dict:
    """The meeting aids in force; a page switch that changed since the last run wins."""
    aids = state.meeting_aids()
    page = {
        "large_font": options.large_font,
        "hide_notes": options.hide_notes,
        "highlight": next(iter(sorted(options.highlight)), ""),
    }
    seen = st.session_state.setdefault(PAGE_AIDS, {}).setdefault(key, {})
    for name, value in page.items():
        if seen.get(name) != value:
            seen[name] = value
            if name != "highlight" or value:
                aids[name] = value
    return aids


def _on_event(key: str, data: CaseData, lens: Lens, view: str) -> None:
    """Callback, before the page runs: store moves, undo, aids and the selection."""
    result = st.session_state.get(key) or {}
    event = result.get("event") if hasattr(result, "get") else None
    if not isinstance(event, dict):
        return
    kind = event.get("type")
    stack = st.session_state.setdefault(UNDO, {}).setdefault(undo_key(data.case.id, lens, view), [])
    if kind in ("move", "undo", "aid"):
        st.session_state.setdefault(REDRAW, {})[key] = True
    try:
        if kind == "move" and event.get("entity_id"):
            store_move(state.store(), data, lens, view, event, stack, author=state.author())
        elif kind == "undo":
            undo_move(state.store(), data.case.id, lens, view, stack, author=state.author())
        elif kind == "aid":
            aids = state.meeting_aids()
            for name in ("large_font", "hide_notes"):
                if name in event:
                    aids[name] = bool(event[name])
            if "highlight" in event:
                aids["highlight"] = str(event["highlight"] or "")
            if "badges" in event:
                state.set_show_badges(bool(event["badges"]))
        elif kind == "select" and event.get("kind") in ("entity", "relation"):
            state.select(event["kind"], str(event.get("id") or ""))
    except (CasemapError, KeyError, TypeError, ValueError) as err:
        message = (
            err.message(state.current_lang())
            if isinstance(err, CasemapError)
            else _("De wijziging op de kaart kon niet worden verwerkt.")
        )
        st.session_state.setdefault(MESSAGE, {})[key] = message


def _words() -> dict[str, str]:
    return {
        "fit": _("Passend"),
        "fit_tip": _("De hele kaart in beeld"),
        "zoom-in": _("Inzoomen"),
        "zoom-out": _("Uitzoomen"),
        "connect": _("Verbinden"),
        "connect_tip": _("Kies twee symbolen om een lijn te trekken"),
        "undo": _("Ongedaan maken"),
        "undo_tip": _("De laatste verplaatsing terugdraaien"),
        "highlight": _("Markeren"),
        "highlight_tip": _("De gekozen persoon en de directe banden uitlichten"),
        "large": _("Grote letters"),
        "notes": _("Notities verbergen"),
        "badges": _("Balans + / −"),
        "badges_tip": _("Plus- en mintekens van het balansmodel op de symbolen tonen"),
        "pick_first": _("Kies het eerste symbool."),
        "pick_second": _("Kies het tweede symbool."),
        "legend": _("Legenda"),
        "legend_tip": _("De legenda van de kaart tonen of verbergen"),
        "too_small": _("Namen te klein om te lezen: zoom in met +"),
    }


def canvas_payload(
    data: CaseData,
    drawing: Drawing,
    lens: Lens | str,
    options: RenderOptions,
    *,
    aids: dict,
    can_undo: bool = False,
    selected: dict | None = None,
    focus: str = "",
    height: int = 640,
    view: str = "",
) -> dict:
    """What the browser gets: the SVG and which symbols answer to the hand.

    With ``aids["badges"]`` every symbol carries the '+'/'-' of the balance
    factors linked to its entity, explained in the legend.

    The legend takes no map space: when ``options.legend`` asks for one, the
    map is drawn without it and the legend comes apart (``legend_svg``), for
    the canvas's "Legenda" toggle; an export (mapping.render) keeps it in the
    picture. ``focus`` is the entity the map opens centred on when it does not
    fit at reading scale (the client, or the ego of a netwerkkaart); ``height``
    the canvas height in CSS px (at most the window's height in the browser).
    """
    if aids.get("badges"):
        drawing = with_badge_legend(apply_badges(drawing, data), options.lang)
    large = bool(aids.get("large_font"))
    svg = render_svg(
        drawing,
        replace(
            options,
            interactive=True,
            large_font=large,
            hide_notes=bool(aids.get("hide_notes")),
            highlight=frozenset(),  # the canvas fades in the browser, switchable at once
            legend=False,
        ),
    )
    legend_svg = ""
    if options.legend and drawing.legend:
        legend_only = Drawing(lens=drawing.lens, legend=drawing.legend)
        legend_svg = render_svg(
            legend_only, RenderOptions(lang=options.lang, caption=False, large_font=large)
        )
    known = {e.id for e in data.entities}
    symbols = [s for s in drawing.symbols if (s.entity_id or s.id) in known]
    highlight = str(aids.get("highlight") or "")
    drawn = {s.entity_id or s.id for s in symbols}
    return {
        "svg": svg,
        "legend_svg": legend_svg,
        "lens": Lens(lens).value,
        "scope": f"{data.case.id}|{Lens(lens).value}|{view}",
        "focus": focus if focus in drawn else "",
        "height": int(height),
        "revision": data.case.revision,
        "entities": sorted({s.entity_id or s.id for s in symbols}),
        "fixed": sorted({s.entity_id or s.id for s in symbols if not s.draggable}),
        "large_font": bool(aids.get("large_font")),
        "hide_notes": bool(aids.get("hide_notes")),
        "highlight": highlight if highlight in known else "",
        "badges": bool(aids.get("badges")),
        "can_undo": can_undo,
        "selected": selected,
        "words": _words(),
    }


def fitting_height(drawing: Drawing, width: int = 1000, *, most: int = 1100) -> int:
    """A canvas height (CSS px) that shows ``drawing`` whole at about ``width`` px wide:
    the map's own proportions plus the toolbar, between 480 and ``most``.

    ``width`` is what the page's full width gives in a laptop window (1400 px with
    the sidebar open); a map that fills the width is drawn as large as it can be.
    """
    x0, y0, x1, y1 = drawing.bounds()
    if x1 <= x0 or y1 <= y0:
        return 640
    return int(min(max(width * (y1 - y0) / (x1 - x0) + 90, 480), most))


def lens_canvas(
    data: CaseData,
    drawing: Drawing,
    lens: Lens | str,
    *,
    view: str = "",
    key: str,
    options: RenderOptions | dict | None = None,
    height: int = 640,
    redraw: Callable[[CaseData], Drawing] | None = None,
) -> dict | None:
    """Show ``drawing`` on the interactive canvas; return this run's select/connect event.

    ``data`` is the case as stored (positions are stored for its case and
    ``lens`` and ``view``); ``drawing`` may show pseudonyms. ``options`` are
    the page's RenderOptions (or a dict of their fields); legend and caption
    come along, as in the export.

    ``redraw`` (optional, faster): a function that lays the lens out again
    from fresh CaseData, e.g. ``lambda d: layout_genogram(d, lang=lang)``.
    With it the canvas is a fragment: a move, an undo or a switch reruns only
    the canvas instead of the whole page; a select or connect still reruns
    the page, which then gets the event.
    """
    lens = Lens(lens)
    view = view or (drawing.view if lens is Lens.SOCIOGRAM else "")
    if redraw is None:
        event = _mount(data, drawing, lens, view, key, options, height)
    else:
        _fragment(data, drawing, lens, view, key, options, height, redraw)
        event = st.session_state.get(PENDING, {}).pop(key, None)
    in_words(data, drawing, key)
    return event


def in_words(data: CaseData, drawing: Drawing, key: str) -> None:
    """The map as sentences under it: the text alternative a screen reader reads
    (:func:`mapping.describe.describe`), from the same drawing, pseudonyms included."""
    with st.expander(_("Kaart in woorden (voor schermlezers)"), key=f"{key}_in_words"):
        st.markdown(
            "\n".join(f"- {md_escape(s)}" for s in describe(data, drawing, state.current_lang()))
        )


@st.fragment
def _fragment(data, drawing, lens, view, key, options, height, redraw) -> None:
    """The canvas as a fragment: a move reruns only this, drawn again by ``redraw``."""
    if st.session_state.get(REDRAW, {}).pop(key, False):
        try:
            data = state.store().load(data.case.id)
            drawing = redraw(data)
        except CasemapError as err:
            show_error(err)
    event = _mount(data, drawing, lens, view, key, options, height)
    if event is not None:  # the page acts on it: hand it over in a full run
        st.session_state.setdefault(PENDING, {})[key] = event
        st.rerun(scope="app")


def _mount(data, drawing, lens, view, key, options, height) -> dict | None:
    render_options = _options(options, state.current_lang())
    aids = {**_aids(key, render_options), "badges": state.show_badges()}
    message = st.session_state.get(MESSAGE, {}).pop(key, "")
    stack = st.session_state.get(UNDO, {}).get(undo_key(data.case.id, lens, view), [])
    client = data.index_person()
    payload = canvas_payload(
        data,
        drawing,
        lens,
        render_options,
        aids=aids,
        can_undo=bool(stack),
        selected=state.selection(),
        focus=view or (client.id if client else ""),
        height=height,
        view=view,
    )
    if message:
        st.error(md_escape(message))
    result = _component(
        key=key,
        data=payload,
        height="content",  # the canvas sets its own height: the page's, at most the window's
        on_event_change=functools.partial(_on_event, key, data, lens, view),
    )
    event = result.get("event") if result is not None else None
    if isinstance(event, dict) and event.get("type") in ("select", "connect"):
        return dict(event)
    return None


__all__ = ["canvas_payload", "fitting_height", "lens_canvas", "store_move", "undo_key", "undo_move"]
