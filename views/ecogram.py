"""Ecogram: the family (or the client) among its systems, with connections and flow.

Draw a line on the canvas ("Verbinden", then two symbols) and the page asks
for the quality, the flow and a short label right under the map; a system
can be added with its first connection, and a connection can go into the
balance as a factor at once. What one click saves is one revision.

A system can come from the team's sociale kaart (its name and kind, linked
by ``kaart_id``); a linked system shows the kaart's details in its tooltip
and under the map when chosen, and an open referral of the plan is drawn as
a dashed line to it.

The page reads top to bottom: the map with what was drawn or chosen on it,
the two forms used most (a system, a connection), the table of all
connections; editing and removing a system or a connection and the export
are made only while their expander is open (#20). The parts live in
``views/panels/ecogram_*``, the connection's fields in :mod:`views.forms.connection`.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens
from mapping.lenses.ecogram import layout_ecogram
from mapping.render.svg import RenderOptions
from mapping.services.export import export_lens
from views import case_cache, state
from views.canvas import lens_canvas
from views.entity_actions import details
from views.exports import export_panel
from views.i18n import _
from views.panels.ecogram_case import FLASH, Ecomap
from views.panels.ecogram_kaart import kaart_details, kaart_key
from views.panels.ecogram_lines import chosen_lines, handle, pending_link
from views.panels.ecogram_links import connections_table, link_form, remove_connection
from views.panels.ecogram_quick import quick_system
from views.panels.ecogram_systems import add_system, edit_system, remove_system
from views.shell import md_escape, require_case, show_error

lang = state.current_lang()
st.title(_("Ecogram"))
state.apply_form_resets()  # a system added in the last run: its form starts empty
data = require_case()
store = state.store()
case = data.case
eco = Ecomap(data, store, lang)

if flash := st.session_state.pop(FLASH, ""):
    st.success(md_escape(flash))

# ----------------------------------------------------------------- the map
aids = state.meeting_aids()
bar = st.columns([3, 1], vertical_alignment="bottom")
focus = bar[0].radio(
    _("In het midden"),
    ["household", "client"],
    format_func=lambda f: {"household": _("het huishouden"), "client": _("alleen de cliënt")}[f],
    horizontal=True,
    key="eco_focus",
)
# this page's own switch: pseudonyms turned on in meeting mode stay there
pseudo_view = bar[1].toggle(_("Pseudoniemen"), value=False, key="eco_pseudo_view")


def lay_out(fresh: CaseData) -> Drawing:
    """The ecogram of ``fresh`` with this page's focus and pseudonym switch, laid out once per revision.

    Large type (read when called: the canvas's button changes it between runs)
    is part of the cache's key too, and so is the sociale kaart (its details
    are in the linked systems' tooltips).
    """
    scale = state.text_scale()

    def make() -> Drawing:
        shown = fresh
        if pseudo_view:
            from mapping.services.pseudonym import pseudonymise

            # same ids: drags and selections still apply
            shown = pseudonymise(fresh, code=state.pseudonym_code(case.id))
        # the kaart's details in the tooltips; not under pseudonyms (they would name the system)
        kaart = None if pseudo_view else eco.kaart
        return layout_ecogram(shown, focus=focus, lang=lang, text_scale=scale, kaart=kaart)

    key = (focus, lang, pseudo_view, scale, kaart_key(eco.kaart))
    return case_cache.drawing(fresh, Lens.ECOGRAM.value, key, make)


try:
    drawing = lay_out(data)
except CasemapError as err:
    show_error(err)
    drawing = Drawing(lens=Lens.ECOGRAM.value)

options = RenderOptions(lang=lang, hide_notes=aids.get("hide_notes", False))
event = lens_canvas(
    data, drawing, Lens.ECOGRAM, key="eco", options=options, height=780, redraw=lay_out
)
handle(eco, event)
drawn = pending_link(eco)  # a line drawn on the map: its form, right under the map
selected = state.selection() or {}
if not drawn:
    chosen_lines(eco, selected)
chosen = eco.entities.get(selected.get("id") or "") if selected.get("kind") == "entity" else None
if chosen and chosen.is_person and not drawn:
    quick_system(eco, chosen.id)
if chosen and not chosen.is_person:
    kaart_details(eco, chosen)  # what the sociale kaart says about it
if chosen:
    details(data, chosen.id)  # what the chosen person or system means for balance and plan

if data.positions_for(Lens.ECOGRAM) and st.button(_("Automatische indeling herstellen")):
    try:
        store.clear_positions(case.id, Lens.ECOGRAM)
        st.rerun()
    except CasemapError as err:
        show_error(err)

# ----------------------------------------------------------------- systems and connections
add_col, link_col = st.columns(2)
with add_col:
    add_system(eco)
edit_system(eco, selected)  # made only while open
with link_col:
    link_form(eco)
connections_table(eco)

# ----------------------------------------------------------------- seldom used: made when opened
removing = st.expander(_("Verwijderen"), key="eco_removing", on_change="rerun")
if removing.open:
    with removing:
        system_col, link_col = st.columns(2)
        with system_col:
            remove_system(eco)
        with link_col:
            remove_connection(eco)

exporting = st.expander(_("Exporteren"), key="eco_exporting", on_change="rerun")
if exporting.open:
    with exporting:
        export_panel(
            "eco",
            "ecogram",
            lambda fmt, dpi, switches: export_lens(
                data,
                Lens.ECOGRAM,
                fmt,
                dpi=dpi,
                lang=lang,
                author=state.author(),
                focus=focus,
                **switches,
            ),
            context=(focus,),
            case_code=case.code,
        )
