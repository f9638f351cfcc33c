"""The genogram's tab "Importeren en exporteren": a GEDCOM family tree in, the map out."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Entity
from mapping.core.vocabulary import Lens
from mapping.services.export import export_lens
from views import state
from views.exports import export_panel
from views.i18n import _
from views.panels.genogram_family import Family
from views.shell import md_escape, show_error


def import_export(fam: Family, show_emotional: bool) -> None:
    """GEDCOM import (as a new case or into this one), then the shared export panel."""
    gedcom_import(fam)
    st.subheader(_("Downloaden"))
    data, lang = fam.data, fam.lang
    export_panel(
        "geno",
        "genogram",
        lambda fmt, dpi, switches: export_lens(
            data,
            Lens.GENOGRAM,
            fmt,
            dpi=dpi,
            lang=lang,
            author=state.author(),
            show_emotional=show_emotional,
            **switches,
        ),
        context=(show_emotional,),
        case_code=data.case.code,
    )


def gedcom_import(fam: Family) -> None:
    """A family tree file (.ged, GEDZIP), its part chosen, as a new case or added to this one."""
    st.subheader(_("GEDCOM importeren"))
    upload = st.file_uploader(
        _("Stamboombestand (.ged of GEDZIP .gdz)"), type=["ged", "gedcom", "gdz"], key="geno_gedcom"
    )
    if upload is None:
        return
    try:
        from mapping.formats.importers import family_to_add
        from views.family_tree import choose_part, read_uploaded_tree

        notices: list = []
        imported = choose_part(read_uploaded_tree(upload, notices), key="geno")
        for notice in notices:  # what the file held that does not come along
            st.warning(md_escape(notice.message(fam.lang)))
        actions = st.columns(2)
        if actions[0].button(_("Als nieuwe casus importeren"), key="geno_ged_new"):
            created = fam.store.import_case(imported, author=state.author())
            state.open_case(created.id)
            st.rerun()
        if actions[1].button(_("Toevoegen aan deze casus"), key="geno_ged_add"):
            records = family_to_add(imported, fam.data)
            added = sum(1 for r in records if isinstance(r, Entity))
            fam.save(records, _("{n} personen toegevoegd.").format(n=added))
    except CasemapError as err:
        show_error(err)
