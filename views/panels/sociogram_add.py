"""'Lid toevoegen': someone from the case, a new person or a new organisation, with the tie.

The form starts empty after every addition (its keys carry a counter that a
save raises, ``socio_add_n``).
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Entity, new_id, replace
from mapping.core.vocabulary import (
    BirthStatus,
    EntityKind,
    Ring,
    Sector,
    Sex,
    SystemKind,
    sector_for_system,
)
from mapping.lenses.sociogram import default_sector, place_member
from views.forms.fields import vocab_select
from views.forms.ties import tie_fields
from views.i18n import _
from views.panels.sociogram_ego import EgoMap
from views.shell import show_error

SOURCES = ["existing", "person", "system"]
COUNTER = "socio_add_n"  # raised after each addition: fresh widgets


def add_tab(m: EgoMap) -> None:
    """The tab's content: whom to add, the tie's fields, and the button."""
    n = st.session_state.setdefault(COUNTER, 0)
    source_text = {
        "existing": _("iemand uit de casus"),
        "person": _("nieuwe persoon (vriend, buur, collega...)"),
        "system": _("nieuwe organisatie of groep"),
    }
    source = st.radio(
        _("Wie voegt u toe?"),
        SOURCES,
        format_func=source_text.get,
        horizontal=True,
        key="socio_add_source",
    )
    # the same people and organisations as 'Uit de casus' (the unborn give no support)
    others = [
        e
        for e in m.data.entities
        if e.id != m.ego_id
        and e.id not in m.member_ids
        and (not e.is_person or e.birth_status is BirthStatus.BORN)
    ]
    others.sort(key=lambda e: (e.kind is EntityKind.SYSTEM, e.name.lower()))
    new_entity = None
    chosen_id = ""
    if source == "existing":
        if st.session_state.get(f"socio_add{n}_existing") not in {e.id for e in others}:
            st.session_state.pop(f"socio_add{n}_existing", None)  # kept, but no choice now
        if others:
            chosen_id = st.selectbox(
                _("Persoon of organisatie"),
                [e.id for e in others],
                format_func=m.name_of,
                key=f"socio_add{n}_existing",
            )
        else:
            st.caption(_("Iedereen uit de casus staat al in deze netwerkkaart."))
        suggested = (
            default_sector(m.data, m.ego_id, m.entities[chosen_id]) if chosen_id else Sector.FRIENDS
        )
        variant = chosen_id
    else:
        cols = st.columns(2)
        name = cols[0].text_input(_("Naam"), key=f"socio_add{n}_name")
        if source == "person":
            role = cols[1].text_input(
                _("Rol (bijv. vriendin, buurman, collega)"), key=f"socio_add{n}_role"
            )
            sex = vocab_select(_("Geslacht"), Sex, key=f"socio_add{n}_sex", value=Sex.UNKNOWN)
            new_entity = Entity(id=new_id(), name=name.strip(), sex=sex, role=role.strip())
            suggested = Sector.FRIENDS
            variant = "person"
        else:
            kind = vocab_select(
                _("Soort organisatie"),
                SystemKind,
                key=f"socio_add{n}_kind",
                value=SystemKind.OTHER,
                container=cols[1],
            )
            new_entity = Entity(
                id=new_id(), name=name.strip(), kind=EntityKind.SYSTEM, system_kind=kind
            )
            suggested = sector_for_system(kind)
            variant = kind.value
    values = tie_fields(f"socio_add{n}_{variant}", None, suggested, Ring.MIDDLE)
    if st.button(_("Toevoegen aan de netwerkkaart"), type="primary", key=f"socio_add{n}_go"):
        try:
            records: list = []
            if new_entity is not None:
                if not new_entity.name:
                    raise InvalidInput("Vul een naam in.")
                records.append(new_entity)
                probe = replace(m.data, entities=[*m.data.entities, new_entity])
                member_id = new_entity.id
            else:
                if not chosen_id:
                    raise InvalidInput("Kies wie u toevoegt.")
                probe, member_id = m.data, chosen_id
            tie = place_member(probe, m.ego_id, member_id, values["sector"], values["ring"])
            records.append(replace(tie, **values))
        except CasemapError as err:
            show_error(err)
        else:
            m.save_all(records, _("Toegevoegd aan de netwerkkaart."), bump=COUNTER)
