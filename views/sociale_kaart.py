"""Sociale kaart: the team's organisations, kept together (issue #22).

Three tabs: the organisations (search, filter by kind, add, change, remove),
CSV import and export, and the overview across the cases the user may open
(how many are linked to each organisation and how many wait, no family
named). The kaart holds no client data; who may change it follows the roles
(:func:`mapping.services.sociale_kaart.may_edit`), and the services write the
access-log lines.
"""

from __future__ import annotations

import streamlit as st

from mapping.services import sociale_kaart as sk
from views import state
from views.i18n import _
from views.panels import kaart_csv, kaart_form, kaart_overview, kaart_table

TAB = "kaart_tab"

st.title(_("Sociale kaart"))
st.caption(
    _(
        "De organisaties waar het team gezinnen naar verwijst: wat ze bieden, voor wie, hoe u "
        "verwijst en hoe lang de wachttijd is. De sociale kaart bevat geen cliëntgegevens."
    )
)

with state.store() as store:
    editable = sk.may_edit(store)
    orgs = sk.organisations(store, include_removed=True)
    if flash := st.session_state.pop(kaart_form.FLASH, ""):
        st.success(flash)
    if not editable:
        st.info(
            _(
                "U kunt de sociale kaart lezen. De teamleider en de beheerder houden haar bij: "
                "geef wijzigingen aan hen door."
            )
        )
    # Stateful tabs: the open one stays open over a save's rerun (a message above them
    # comes and goes), and only its content runs and goes to the browser.
    titles = [_("Organisaties"), _("Importeren en exporteren"), _("Overzicht")]
    if st.session_state.get(TAB) not in titles:
        st.session_state.pop(TAB, None)  # e.g. the language changed
    tabs = st.tabs(titles, key=TAB, on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            current = [o for o in orgs if not o.removed]
            kaart_table.show(current)
            if editable:
                kaart_form.show(store, current)
            kaart_table.removed(store, [o for o in orgs if o.removed], editable)
    if tabs[1].open:
        with tabs[1]:
            kaart_csv.show(store, editable)
    if tabs[2].open:
        with tabs[2]:
            kaart_overview.show(store)
