"""Netwerkkaart (sociogram): one person's network in sectors and rings, with its analysis.

Anyone's map comes from the whole case: the members ego's casemanager
placed (SUPPORT ties) and, marked as not placed yet, ego's other ties
(family, acquaintances, connections to systems; :mod:`mapping.lenses.sociogram_ties`).

The map answers to the hand (views.canvas): a drag stays in the member's
cell and reruns only the canvas; selecting a member (or its line) shows its
ring and sector right under the map, to change or, for a tie not placed
yet, to place it; its full tie form and plan details open below.
Connecting ego and someone opens the tie form, connecting two members
records that they know each other. A case that has family (genogram,
GEDCOM) and systems (ecogram) is offered those people and organisations as
candidates, in two lists, several at once, saved as one revision. Every
add form starts empty (or at its default) again after a save.

The page reads top to bottom: whose map, the map with what was selected or
drawn on it, the analysis, and the tabs. Only the open tab runs and is sent
to the browser (lazy tabs, #20); its parts live in ``views/panels/sociogram_*``.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError
from mapping.core.vocabulary import Lens
from mapping.lenses.sociogram import (
    candidates,
    egos,
    layout_sociogram,
    members,
    people_with_ties,
    unplaced_members,
)
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.metrics import explain, network_metrics
from mapping.services.pseudonym import pseudonymise
from views import case_cache, state
from views.canvas import fitting_height, lens_canvas
from views.entity_actions import details
from views.i18n import _
from views.panels.sociogram_add import add_tab
from views.panels.sociogram_candidates import candidates_tab
from views.panels.sociogram_edit import edit_tab, knows_tab
from views.panels.sociogram_ego import (
    FLASH,
    TAB,
    EgoMap,
    bring_back,
    keep_unsaved_input,
    tab_titles,
)
from views.panels.sociogram_exchange import exchange_tab
from views.panels.sociogram_pending import pending_panel
from views.panels.sociogram_selection import handle, ring_panel, selected_on_map
from views.shell import md_escape, require_case, show_error

lang = state.current_lang()
st.title(_("Netwerkkaart"))
data = require_case()
store = state.store()
case = data.case
entities = data.entity_map()
aids = state.meeting_aids()

if flash := st.session_state.pop(FLASH, ""):
    st.success(md_escape(flash))

# ----------------------------------------------------------------- whose map
with_map, with_ties = set(egos(data)), people_with_ties(data)
# the client, then everyone with a netwerkkaart, then everyone with ties, then the others
people = sorted(
    (e for e in data.entities if e.is_person),
    key=lambda e: (
        not e.index_person,
        e.id not in with_map,
        e.id not in with_ties,
        not e.household,
        e.name.lower(),
    ),
)
if not people:
    st.info(_("Voeg eerst personen toe (bijvoorbeeld op de pagina Genogram)."))
    st.stop()
ego_ids = [e.id for e in people]
if st.session_state.get("socio_ego") not in ego_ids:
    st.session_state["socio_ego"] = ego_ids[0]
no_ties = _("geen banden")  # looked up now: a format_func may run outside the page run
ego_id = st.selectbox(
    _("Wiens netwerkkaart (ego)"),
    ego_ids,
    format_func=lambda i: entities[i].name if i in with_ties else f"{entities[i].name} ({no_ties})",
    key="socio_ego",
    help=_(
        "Iedere persoon van de casus heeft een netwerkkaart: de banden die u plaatste, en "
        "gestippeld de banden uit de casus (familie, bekenden, organisaties) die nog niet "
        "geplaatst zijn."
    ),
)
the_map = EgoMap(
    data,
    store,
    ego_id,
    lang,
    members=members(data, ego_id),
    waiting=unplaced_members(data, ego_id),  # ties from the case, not placed yet
    offered=candidates(data, ego_id),
)
ego = the_map.ego

# ----------------------------------------------------------------- the map
# the map gets the page's whole width (names readable without zooming); the analysis follows
# notes and large letters are switched on the canvas itself (shared meeting aids)
# this page's own switch: pseudonyms turned on in meeting mode stay there
pseudo_view = st.toggle(_("Pseudoniemen"), value=False, key="socio_pseudo_view")


def redraw(fresh):
    """The netwerkkaart of this ego for ``fresh``, laid out once per revision and switches.

    Used by this run and by the canvas fragment; large type is read when
    called (the canvas's button changes it between page runs).
    """
    scale = state.text_scale()

    def make() -> Drawing:
        shown = pseudonymise(fresh, code=state.pseudonym_code(case.id)) if pseudo_view else fresh
        return layout_sociogram(shown, ego_id, lang=lang, text_scale=scale)

    return case_cache.drawing(fresh, Lens.SOCIOGRAM.value, (ego_id, lang, pseudo_view, scale), make)


try:
    drawing = redraw(data)
except CasemapError as err:
    show_error(err)
    drawing = Drawing(lens=Lens.SOCIOGRAM.value, view=ego_id)
if not the_map.members and the_map.waiting:
    st.info(
        _(
            "{name} heeft nog geen geplaatste banden. De kaart toont {n} banden uit de casus "
            "(familie, bekenden, organisaties) met een stippellijn en een gestippelde rand: "
            "nog niet geplaatst, op een voorgestelde ring. Klik op iemand om de ring en "
            "sector te kiezen en te plaatsen, of kies er meer tegelijk onder 'Uit de casus'."
        ).format(name=md_escape(ego.name), n=len(the_map.waiting))
    )
elif not the_map.members and the_map.offered:
    st.info(
        _(
            "De netwerkkaart van {name} is nog leeg. Onder 'Uit de casus' staan {n} mensen "
            "en organisaties uit het genogram en ecogram klaar om op te nemen."
        ).format(name=md_escape(ego.name), n=len(the_map.offered))
    )
event = lens_canvas(
    data,
    drawing,
    Lens.SOCIOGRAM,
    view=ego_id,
    key="socio",
    # on screen the legend sits in the expander below, so the map gets the whole column
    options=RenderOptions(
        lang=lang,
        hide_notes=aids.get("hide_notes", False),
        large_font=aids.get("large_font", False),
        legend=False,
        caption=False,
    ),
    redraw=redraw,
    height=fitting_height(drawing),
)
handle(the_map, event)
if on_map := selected_on_map(the_map):
    ring_panel(the_map, on_map)
pending_panel(the_map)
legend = st.expander(_("Legenda"), key="socio_legend", on_change="rerun")
if legend.open:  # drawn only when someone looks
    with legend:
        if drawing.legend:
            legend_only = Drawing(lens=drawing.lens, legend=drawing.legend)
            st.image(render_svg(legend_only, RenderOptions(lang=lang, caption=False)))
        st.caption(
            _(
                "Een lid verslepen kan binnen de eigen sector en ring; naar een andere sector of "
                "ring verplaatst u iemand met 'Relatie bewerken'. Met 'Verbinden' op de kaart "
                "koppelt u ego aan iemand (steun) of twee leden (kennen elkaar)."
            )
        )
if data.positions_for(Lens.SOCIOGRAM, view=ego_id) and st.button(
    _("Automatische indeling herstellen"), key="socio_reset"
):
    try:
        store.clear_positions(case.id, Lens.SOCIOGRAM, view=ego_id)
        st.rerun()
    except CasemapError as err:
        show_error(err)

# ----------------------------------------------------------------- analysis
st.subheader(_("Netwerkanalyse"))
if not the_map.members:
    st.caption(_("Nog geen leden: de analyse verschijnt als er mensen in de kaart staan."))
for measure, value, text in explain(network_metrics(data, ego_id), lang):
    st.markdown(f"**{md_escape(measure)}**: {md_escape(value)}  \n{md_escape(text)}")

selected = state.selection() or {}
if selected.get("kind") == "entity" and selected.get("id") == ego_id:
    details(data, ego_id)

# ----------------------------------------------------------------- editing
# Stateful tabs: a selection on the map opens 'Relatie bewerken', and the open tab stays
# open over a save's rerun. Only the open tab's content runs and goes to the browser.
TABS = tab_titles()
if st.session_state.get(TAB) not in TABS.values():
    st.session_state.pop(TAB, None)  # e.g. the language changed
if TAB not in st.session_state and the_map.offered and not the_map.members:
    st.session_state[TAB] = TABS["cand"]  # an empty map opens on the candidates, once
tabs = st.tabs(list(TABS.values()), default=TABS["add"], key=TAB, on_change="rerun")
open_name = next((name for name, title in TABS.items() if title == st.session_state.get(TAB)), "")
for tab, show in zip(
    tabs, (candidates_tab, add_tab, edit_tab, knows_tab, exchange_tab), strict=True
):
    if tab.open:
        bring_back(open_name)  # what was typed there before another tab was opened
        with tab:
            show(the_map)
keep_unsaved_input(open_name)  # and what was typed in the others, until they open again
