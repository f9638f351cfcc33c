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
  the page lays the lens out with it;
- "Ongedaan maken" and "Opnieuw" (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) take back
  or redo the last changes made on a map -- a move, and any add, remove,
  connect or edit of the page -- each as a new revision (:mod:`views.undo`);
  their tooltips name the change;
- the keyboard: the map takes the focus with Tab; N / P choose the next or
  previous symbol (in reading order; the name is announced in an aria-live
  region), the arrow keys move it (Shift: larger steps; stored like a drag,
  so it can be undone), Enter opens its details (the "select" event a click
  sends), Escape lets go; the keys are named in the map's aria-label and in
  a hint shown while it has the focus;
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

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError
from mapping.core.model import CaseData, Position
from mapping.core.vocabulary import Lens
from mapping.lenses.describe import describe
from mapping.lenses.legend import with_badge_legend
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.balance import apply_badges
from mapping.storage.store import Store
from views import case_cache, state, undo
from views.i18n import _
from views.shell import md_escape, show_error

ASSETS = Path(__file__).resolve().parent / "components"
PAGE_AIDS = "casemap_canvas_page_aids"  # {key: the page's own switches, last seen}
MESSAGE = "casemap_canvas_message"  # {key: an error to show on the next run}
REDRAW = "casemap_canvas_redraw"  # {key: True}: the fragment must lay the lens out again
WHOLE = (
    "casemap_canvas_whole"  # {key: True}: an undo/redo changed more than the map: rerun the page
)
PENDING = "casemap_canvas_pending"  # {key: event} for the page's next full run


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


_component = st.components.v2.component(
    "casemap.lens_canvas",
    html=_asset("canvas.html"),
    css=_asset("canvas.css"),
    js=_asset("canvas.js"),
)


# ----------------------------------------------------------------- storing moves
def store_move(
    store: Store,
    data: CaseData,
    lens: Lens | str,
    view: str,
    event: dict,
    *,
    author: str = "",
) -> int:
    """Store a dragged (or keyboard-moved) position; returns the new revision.

    ``event`` is the canvas's ``{"type": "move", "entity_id", "x", "y"}`` in
    drawing coordinates. Taking it back is :func:`views.undo.undo`'s job: on
    a map page the session's store records the move like any other change.
    """
    lens = Lens(lens)
    position = Position(lens, str(event["entity_id"]), float(event["x"]), float(event["y"]), view)
    return store.set_position(data.case.id, position, author=author)


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
    """Callback, before the page runs: store moves, undo/redo, aids and the selection."""
    result = st.session_state.get(key) or {}
    event = result.get("event") if hasattr(result, "get") else None
    if not isinstance(event, dict):
        return
    kind = event.get("type")
    if kind in ("move", "undo", "redo", "aid"):
        st.session_state.setdefault(REDRAW, {})[key] = True
    try:
        if kind == "move" and event.get("entity_id"):
            store_move(state.store(), data, lens, view, event, author=state.author())
        elif kind in ("undo", "redo"):
            # an undo may take back a person or a form's save: the whole page shows it
            st.session_state.setdefault(WHOLE, {})[key] = True
            step = undo.undo if kind == "undo" else undo.redo
            step(state.store(), data.case.id, undo.stacks_of(data.case.id), author=state.author())
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
        elif kind == "select" and not event.get("kind"):  # Escape: nothing chosen any more
            state.select(None)
        if kind in ("select", "connect"):
            # the page acts on it (side panel, forms): a full run, and the fragment's own
            # run goes straight to it instead of sending the whole map once more first
            st.session_state.setdefault(PENDING, {})[key] = dict(event)
            st.session_state.setdefault(WHOLE, {})[key] = True
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
        "undo_tip": _("Niets om ongedaan te maken"),
        "redo": _("Opnieuw"),
        "redo_tip": _("Niets om opnieuw te doen"),
        "keys": _(
            "Toetsen: N / P volgend / vorig symbool · pijltjes verplaatsen (Shift: grote stap) · "
            "Enter gegevens · Esc loslaten · Ctrl+Z ongedaan maken · Ctrl+Y opnieuw"
        ),
        "stage_label": _(
            "Kaart. Kies met N of P het volgende of vorige symbool, verplaats het met de "
            "pijltjestoetsen (Shift voor grotere stappen), open de gegevens met Enter; Escape "
            "heft de keuze op. Ctrl+Z maakt de laatste wijziging ongedaan, Ctrl+Y doet haar opnieuw."
        ),
        "picked": _(
            "{name} gekozen ({n} van {count}). Pijltjes verplaatsen, Enter opent de gegevens."
        ),
        "moved": _("{name} verplaatst."),
        "released": _("Geen symbool gekozen."),
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
    undo_next: str = "",
    redo_next: str = "",
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
        "can_undo": bool(undo_next),
        "can_redo": bool(redo_next),
        # the tooltips name what the button takes back or does again
        "undo_next": _("Ongedaan maken: {change}").format(change=undo_next) if undo_next else "",
        "redo_next": _("Opnieuw: {change}").format(change=redo_next) if redo_next else "",
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
        st.session_state.get(WHOLE, {}).pop(key, None)  # this run is the whole page already
        st.session_state.get(PENDING, {}).pop(key, None)  # and its event came with it
    else:
        _fragment(data, drawing, lens, view, key, options, height, redraw)
        event = st.session_state.get(PENDING, {}).pop(key, None)
    in_words(data, drawing, key)
    return event


def in_words(data: CaseData, drawing: Drawing, key: str) -> None:
    """The map as sentences under it: the text alternative a screen reader reads
    (:func:`mapping.lenses.describe.describe`), from the same drawing, pseudonyms included."""
    with st.expander(_("Kaart in woorden (voor schermlezers)"), key=f"{key}_in_words"):
        st.markdown(
            "\n".join(f"- {md_escape(s)}" for s in describe(data, drawing, state.current_lang()))
        )


@st.fragment
def _fragment(data, drawing, lens, view, key, options, height, redraw) -> None:
    """The canvas as a fragment: a move reruns only this, drawn again by ``redraw``."""
    if st.session_state.get(WHOLE, {}).pop(key, False):  # an undo/redo, a select: the page shows it
        st.rerun(scope="app")  # before anything is shown (a refusal's message is kept for it)
    if st.session_state.get(REDRAW, {}).pop(key, False):
        try:
            with state.store() as store:  # checked and logged; reused while unchanged
                data = case_cache.load(store, data.case.id)
            drawing = redraw(data)  # the page's layout, itself cached per revision and switches
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
    stacks = undo.stacks_of(data.case.id)
    client = data.index_person()
    payload = canvas_payload(
        data,
        drawing,
        lens,
        render_options,
        aids=aids,
        undo_next=stacks.next_undo(),
        redo_next=stacks.next_redo(),
        selected=state.selection(),
        focus=view or (client.id if client else ""),
        height=height,
        view=view,
    )
    payload["canvas_key"] = key  # the browser keeps pan/zoom and legend by it across mounts
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


__all__ = ["canvas_payload", "fitting_height", "lens_canvas", "store_move"]
