"""Sociale kaart: the overview across cases (point 3 of #22), no family named.

Per organisation: how many of the cases the user may open link a system to
it, how many wait for it (an open referral: aangemeld, wachtlijst, intake
gepland) and the median time they have waited. The teamleider (and the
beheerder) sees it over the team's cases, a casemanager over the cases they
may open, a student not at all. It is read when asked for (one access-log
line each time), not on every run of the page.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.numbers import decimal
from mapping.services import sociale_kaart as sk
from views import state
from views.i18n import _
from views.shell import show_error

SHOWN = "kaart_overview"  # the overview read last, kept for this session


def show(store) -> None:
    lang = state.current_lang()
    scope = sk.overview_scope(store)
    if not scope:
        st.info(_("Het overzicht over de casussen is voor casemanagers en teamleiders."))
        return
    st.markdown(
        _(
            "Per organisatie: hoeveel casussen eraan gekoppeld zijn en hoeveel er wachten (aangemeld, "
            "wachtlijst of intake gepland), met de mediane wachttijd sinds de aanmelding. Geen gezin "
            "wordt genoemd; het lezen wordt vastgelegd in het toegangslog."
        )
    )
    label = _("Overzicht vernieuwen") if SHOWN in st.session_state else _("Overzicht tonen")
    if st.button(label, key="kaart_overview_read"):
        try:
            st.session_state[SHOWN] = sk.overview(store)
        except CasemapError as err:
            show_error(err)
            return
    overview = st.session_state.get(SHOWN)
    if overview is None:
        return
    if overview.scope == "all":
        st.caption(_("Over alle casussen in deze database ({n}).").format(n=overview.cases))
    elif overview.scope == "team":
        st.caption(_("Over {n} casussen van uw team(s).").format(n=overview.cases))
    else:
        st.caption(_("Over de {n} casussen die u mag openen.").format(n=overview.cases))
    rows = [r for r in overview.rows if r.linked or r.waiting]
    if not rows:
        st.info(_("Nog geen casus is gekoppeld aan een organisatie van de sociale kaart."))
        return
    st.dataframe(
        [
            {
                _("Organisatie"): _name(row),
                _("Soort"): sk.kind_label(row.kind, lang),
                _("Casussen gekoppeld"): row.linked,
                _("Wachtend"): row.waiting,
                _("Mediane wachttijd (weken)"): (
                    decimal(row.median_days / 7, 1, lang) if row.median_days is not None else ""
                ),
                _("Wachttijd op de kaart (weken)"): row.waiting_weeks,
            }
            for row in rows
        ],
        hide_index=True,
        width="stretch",
        key="kaart_overview_table",
        column_config={
            _("Organisatie"): st.column_config.TextColumn(width="medium"),
        },
    )


def _name(row: sk.OverviewRow) -> str:
    if row.unknown:
        return _("onbekende organisatie ({id})").format(id=row.org_id)
    if row.removed:
        return f"{row.name} ({_('niet meer op de sociale kaart')})"
    return row.name
