"""Genogram page: the family across generations, built and edited in a few clicks.

Top to bottom: the header and the map's switches; the map on the interactive
canvas with the column beside it (:mod:`views.panels.genogram_side`: the
selected person with the quick add of a partner, child, parent or sibling,
the selected line, or the form for a line just drawn with "Verbinden"); then
the tabs to add or edit a person, add relations, import and export. Only the
open tab runs (Streamlit's lazy tabs): the hidden ones send no widgets.

Everything one click saves is one revision (``Store.save_many``); the family
logic that asks lives in :mod:`mapping.core.family`. Every add form starts at
its defaults again after a save, and the open tab (keyed) and the selection
survive the rerun.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens
from mapping.lenses.genogram import layout_genogram
from mapping.render.svg import RenderOptions
from views import case_cache, state
from views.canvas import lens_canvas
from views.i18n import _
from views.panels.genogram_family import FLASH, TAB, TAB_AT, Family
from views.panels.genogram_io import import_export
from views.panels.genogram_link import handle_canvas_event
from views.panels.genogram_person import add_person, edit_person
from views.panels.genogram_relations import relations_tab
from views.panels.genogram_side import side_column
from views.shell import md_escape, require_case, show_error

lang = state.current_lang()
st.title(_("Genogram"))
state.apply_form_resets()  # a form saved in the last run starts empty
data = require_case()
case = data.case
store = state.store()
aids = state.meeting_aids()
fam = Family.of(data, lang, store)

if flash := st.session_state.pop(FLASH, ""):
    st.success(md_escape(flash))

# ---------------------------------------------------------------- the drawing
# Large letters, hiding notes and marking a person are the canvas's own buttons;
# the page adds only what the canvas does not have.
bar = st.columns(2)
show_emotional = bar[0].toggle(_("Emotionele relaties"), value=True, key="geno_emotional")
# this page's own switch: pseudonyms turned on in meeting mode stay there
pseudo = bar[1].toggle(_("Pseudoniemen"), value=False, key="geno_pseudo")


def lay_out(fresh: CaseData) -> Drawing:
    """The genogram of ``fresh`` with this page's switches, laid out once per revision.

    Pseudonyms, emotional lines and large type (read when called: the canvas's
    button changes it between page runs) are part of the cache's key.
    """
    scale = state.text_scale()

    def make() -> Drawing:
        shown = fresh
        if pseudo:
            from mapping.services.pseudonym import pseudonymise

            # same ids: drags and selections still apply
            shown = pseudonymise(fresh, code=state.pseudonym_code(case.id))
        return layout_genogram(shown, lang=lang, show_emotional=show_emotional, text_scale=scale)

    return case_cache.drawing(
        fresh, Lens.GENOGRAM.value, (lang, show_emotional, pseudo, scale), make
    )


try:
    drawing = lay_out(data)
except CasemapError as err:
    show_error(err)
    drawing = Drawing(lens=Lens.GENOGRAM.value)

map_col, side_col = st.columns([5, 2])
with map_col:
    render_options = RenderOptions(
        lang=lang,
        hide_notes=bool(aids.get("hide_notes")),
        large_font=bool(aids.get("large_font")),
        legend=True,
        caption=True,
    )
    event = lens_canvas(
        data,
        drawing,
        Lens.GENOGRAM,
        key="geno_canvas",
        options=render_options,
        height=560,
        redraw=lay_out,
    )
    if data.positions_for(Lens.GENOGRAM) and st.button(
        _("Automatische indeling herstellen"), key="geno_reset_layout"
    ):
        try:
            store.clear_positions(case.id, Lens.GENOGRAM)
            st.rerun()
        except CasemapError as err:
            show_error(err)

# a line drawn on the canvas opens its form; a symbol or line clicked is selected
handle_canvas_event(fam, event)

# ---------------------------------------------------------------- the panel beside the map
selected = state.selection() or {}
selected_id = selected.get("id") if selected.get("kind") == "entity" else None
if selected_id not in fam.names:
    selected_id = None
selected_line = next(
    (r for r in data.relations if selected.get("kind") == "relation" and r.id == selected["id"]),
    None,
)
if selected_line and not {selected_line.source, selected_line.target} <= set(fam.names):
    selected_line = None

with side_col:
    side_column(fam, selected_id, selected_line, drawing)

# ---------------------------------------------------------------- the tabs
# keyed and tracked: the open tab survives the rerun after a save or a radio click,
# and only the open tab's content runs (the hidden ones send no widgets)
tab_names = [
    _("Persoon toevoegen"),
    _("Persoon bewerken"),
    _("Relaties"),
    _("Importeren en exporteren"),
]
if st.session_state.get(TAB) not in tab_names and TAB_AT in st.session_state:
    st.session_state[TAB] = tab_names[st.session_state[TAB_AT]]  # the language changed
add_tab, edit_tab, rel_tab, io_tab = st.tabs(tab_names, key=TAB, on_change="rerun")
st.session_state[TAB_AT] = tab_names.index(st.session_state[TAB])
if add_tab.open:
    with add_tab:
        add_person(fam, selected_id)
if edit_tab.open:
    with edit_tab:
        edit_person(fam, selected_id)
if rel_tab.open:
    with rel_tab:
        relations_tab(fam, selected_id)
if io_tab.open:
    with io_tab:
        import_export(fam, show_emotional)
