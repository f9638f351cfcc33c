"""Sociale kaart: add, change and remove one organisation (teamleider, beheerder)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.vocabulary import SystemKind, options
from mapping.services import sociale_kaart as sk
from views import state
from views.i18n import _
from views.shell import md_escape, show_error

FLASH = "kaart_flash"  # the success message of the last run's change
NEW = "kaart_new_form"  # a counter: a new form (empty fields) after each organisation added
CHOICE = "kaart_edit_choice"


def show(store, orgs: list[sk.Organisation]) -> None:
    """The form: a new organisation, or the one chosen to change (and remove)."""
    lang = state.current_lang()
    st.subheader(_("Organisatie toevoegen of wijzigen"))
    by_id = {o.id: o for o in orgs}
    if st.session_state.get(CHOICE) not in ("", *by_id):
        st.session_state[CHOICE] = ""  # removed meanwhile (here or in another tab)
    choice = st.selectbox(
        _("Welke organisatie?"),
        ["", *by_id],
        format_func=lambda value: by_id[value].name if value else _("Nieuwe organisatie"),
        key=CHOICE,
    )
    org = by_id.get(choice) or sk.Organisation(name="")
    key = f"kaart_f_{org.id or 'new' + str(st.session_state.get(NEW, 0))}"
    kinds = options(SystemKind, lang)
    with st.form(key):
        cols = st.columns([3, 2])
        name = cols[0].text_input(_("Naam"), value=org.name, max_chars=200, key=f"{key}_name")
        kind = cols[1].selectbox(
            _("Soort"),
            list(kinds),
            index=list(kinds).index(org.kind) if org.kind in kinds else 0,
            format_func=lambda value: kinds[value],
            key=f"{key}_kind",
        )
        offer = st.text_area(_("Aanbod"), value=org.offer, max_chars=2000, key=f"{key}_offer")
        cols = st.columns(3)
        for_whom = cols[0].text_input(_("Voor wie"), value=org.for_whom, key=f"{key}_for_whom")
        area = cols[1].text_input(_("Gebied"), value=org.area, key=f"{key}_area")
        contact = cols[2].text_input(_("Contact"), value=org.contact, key=f"{key}_contact")
        how = st.text_area(
            _("Hoe verwijzen"), value=org.how_to_refer, max_chars=2000, key=f"{key}_how"
        )
        cols = st.columns(2)
        weeks = cols[0].number_input(
            _("Wachttijd (weken)"),
            min_value=0,
            max_value=sk.MAX_WEEKS,
            value=org.waiting_weeks,
            step=1,
            placeholder=_("onbekend"),
            key=f"{key}_weeks",
        )
        checked = cols[1].date_input(
            _("Laatst gecontroleerd"),
            value=date.fromisoformat(org.checked_on) if org.checked_on else None,
            max_value=date.today(),
            format="DD-MM-YYYY",
            key=f"{key}_checked",
        )
        if st.form_submit_button(_("Opslaan"), type="primary"):
            changed = replace(
                org,
                name=name,
                kind=kind,
                offer=offer,
                for_whom=for_whom,
                area=area,
                contact=contact,
                how_to_refer=how,
                waiting_weeks=None if weeks is None else int(weeks),
                checked_on=checked.isoformat() if checked else "",
            )
            try:
                saved = sk.save_org(store, changed, author=state.author())
            except CasemapError as err:
                show_error(err)
            else:
                text = (
                    _("'{name}' staat op de sociale kaart.")
                    if not org.id
                    else _("'{name}' is gewijzigd.")
                )
                st.session_state[FLASH] = text.format(name=md_escape(saved.name))
                if not org.id:
                    st.session_state[NEW] = st.session_state.get(NEW, 0) + 1
                st.rerun()
    if org.id:
        _remove(store, org)


def _remove(store, org: sk.Organisation) -> None:
    with st.popover(_("Van de sociale kaart halen")):
        linked = sk.linked_cases(store, org.id)
        st.warning(
            _(
                "{name} verdwijnt van de sociale kaart. {n} casus(sen) verwijzen ernaar; zij "
                "houden de naam, met 'niet meer op de sociale kaart'."
            ).format(name=md_escape(org.name), n=linked)
        )
        if st.button(_("Ja, van de kaart halen"), key=f"kaart_remove_{org.id}", type="primary"):
            try:
                sk.remove(store, org.id, author=state.author())
            except CasemapError as err:
                show_error(err)
            else:
                st.session_state[FLASH] = _("'{name}' staat niet meer op de sociale kaart.").format(
                    name=md_escape(org.name)
                )
                st.rerun()
