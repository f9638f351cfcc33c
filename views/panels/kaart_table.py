"""Sociale kaart: the table of organisations, with search and a filter by kind."""

from __future__ import annotations

from datetime import date

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import day_first
from mapping.core.vocabulary import SystemKind, options
from mapping.services import sociale_kaart as sk
from views import state
from views.i18n import _
from views.shell import md_escape, show_error


def age_note(org: sk.Organisation, today: date | None = None) -> str:
    """The warning of the 'Let op' column: never checked, or older than half a year."""
    if not org.checked_on:
        return "⚠ " + _("nooit gecontroleerd")
    if org.is_stale(today):
        return "⚠ " + _("ouder dan 6 maanden")
    return ""


def show(orgs: list[sk.Organisation]) -> None:
    """Search, filter and the table of the current organisations."""
    lang = state.current_lang()
    if not orgs:
        st.info(
            _(
                "De sociale kaart is nog leeg. Voeg hieronder een organisatie toe, of importeer "
                "een CSV-bestand onder 'Importeren en exporteren'."
            )
        )
        return
    cols = st.columns([3, 2])
    text = cols[0].text_input(
        _("Zoeken op naam, aanbod of gebied"), key="kaart_search", max_chars=100
    )
    kinds = options(SystemKind, lang)
    chosen = cols[1].multiselect(
        _("Soort"),
        list(kinds),
        format_func=lambda value: kinds[value],
        key="kaart_kinds",
        placeholder=_("Alle soorten"),
    )
    wanted = " ".join(text.casefold().split())
    shown = [
        o
        for o in orgs
        if (not chosen or o.kind in chosen)
        and (
            not wanted
            or any(wanted in value.casefold() for value in (o.name, o.offer, o.area, o.for_whom))
        )
    ]
    stale = [o for o in orgs if o.is_stale()]
    if stale:
        st.warning(
            _(
                "{n} van de {total} organisaties zijn langer dan een half jaar niet gecontroleerd "
                "(of nooit): hun wachttijd kan verouderd zijn."
            ).format(n=len(stale), total=len(orgs))
        )
    st.caption(_("{n} van {total} organisaties.").format(n=len(shown), total=len(orgs)))
    st.dataframe(
        [
            {
                _("Naam"): o.name,
                _("Soort"): o.kind_label(lang),
                _("Wachttijd (weken)"): o.waiting_weeks,
                _("Laatst gecontroleerd"): day_first(o.checked_on),
                _("Let op"): age_note(o),
                _("Aanbod"): o.offer,
                _("Voor wie"): o.for_whom,
                _("Gebied"): o.area,
                _("Contact"): o.contact,
                _("Hoe verwijzen"): o.how_to_refer,
            }
            for o in shown
        ],
        hide_index=True,
        width="stretch",
        key="kaart_table",
        column_config={
            _("Let op"): st.column_config.TextColumn(width="medium"),
        },
    )


def removed(store, orgs: list[sk.Organisation], editable: bool) -> None:
    """The organisations taken off the kaart: cases that link to them keep their name."""
    if not orgs:
        return
    with st.expander(_("Niet meer op de sociale kaart ({n})").format(n=len(orgs))):
        st.caption(
            _(
                "Casussen die naar deze organisaties verwijzen, houden hun naam met de "
                "aantekening 'niet meer op de sociale kaart'."
            )
        )
        for org in orgs:
            cols = st.columns([4, 1])
            cols[0].markdown(
                f"{md_escape(org.name)} · {md_escape(org.kind_label(state.current_lang()))}"
            )
            if editable and cols[1].button(_("Terugzetten"), key=f"kaart_restore_{org.id}"):
                try:
                    sk.restore(store, org.id, author=state.author())
                except CasemapError as err:
                    show_error(err)
                else:
                    st.rerun()
