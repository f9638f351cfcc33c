"""Sociale kaart: CSV import (upload, preview of what changes, confirm) and export."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.services import sociale_kaart as sk
from views import state
from views.i18n import _
from views.panels.kaart_form import FLASH
from views.shell import md_escape, show_error

UPLOAD = "kaart_upload"  # a counter: a fresh uploader after an import


def show(store, editable: bool) -> None:
    _import(store, editable)
    st.subheader(_("Exporteren"))
    count = len(sk.organisations(store))
    st.download_button(
        _("Sociale kaart downloaden (CSV, {n} organisaties)").format(n=count),
        sk.export_bytes(store),
        file_name="sociale-kaart.csv",
        mime="text/csv",
        key="kaart_export",
        on_click="ignore",
        disabled=not count,
    )


def _import(store, editable: bool) -> None:
    st.subheader(_("Importeren"))
    if not editable:
        st.info(_("Importeren kunnen de teamleider en de beheerder."))
        return
    st.markdown(
        _(
            "Een CSV-bestand met de kolommen hieronder (ook de Engelse namen). Een organisatie "
            "met dezelfde naam wordt bijgewerkt, een nieuwe naam toegevoegd. Klopt één regel "
            "niet, dan wordt niets geïmporteerd."
        )
    )
    st.caption(
        _(
            "Kolommen: {columns}. Puntkomma's tussen de velden, zoals Excel in het Nederlands ze leest."
        ).format(columns=", ".join(sk.CSV_COLUMNS))
    )
    upload = st.file_uploader(
        _("CSV-bestand"), type=["csv", "txt"], key=f"kaart_csv_{st.session_state.get(UPLOAD, 0)}"
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        preview = sk.import_csv(store, data, author=state.author(), dry_run=True)
    except CasemapError as err:
        show_error(err)
        return
    lang = state.current_lang()
    st.markdown("**" + md_escape(preview.summary().message(lang)) + "**")
    changes = len(preview.added) + len(preview.updated)
    if changes and st.button(
        _("Importeren: {n} wijziging(en)").format(n=changes), type="primary", key="kaart_import"
    ):
        try:
            result = sk.import_csv(store, data, author=state.author())
        except CasemapError as err:
            show_error(err)
        else:
            st.session_state[FLASH] = _("Geïmporteerd: {summary}").format(
                summary=md_escape(result.summary().message(state.current_lang()))
            )
            st.session_state[UPLOAD] = st.session_state.get(UPLOAD, 0) + 1
            st.rerun()
    if not changes:
        st.info(_("Alles in dit bestand staat al zo op de sociale kaart."))
    _preview(preview)


def _preview(result: sk.ImportResult) -> None:
    lang = state.current_lang()
    rows = [
        {_("Wijziging"): _("nieuw"), _("Naam"): org.name, _("Wat verandert"): org.kind_label(lang)}
        for org in result.added
    ] + [
        {
            _("Wijziging"): _("bijgewerkt"),
            _("Naam"): new.name,
            _("Wat verandert"): ", ".join(result.changed_fields(old, new)),
        }
        for old, new in result.updated
    ]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch", key="kaart_preview")
