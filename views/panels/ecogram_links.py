"""The ecogram's connections: link a person to a system, edit them all in a table, remove one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Relation
from mapping.core.vocabulary import ConnectionStrength, Flow, label
from views import state
from views.forms.blanks import new_form
from views.forms.connection import NEW_CONNECTION, NEW_FACTOR, connection_fields, factor_fields
from views.i18n import _
from views.panels.ecogram_case import FLASH, Ecomap
from views.shell import show_error

#: The link form after a save: no person or system chosen, connection and factor at defaults.
NEW_LINK = {
    "person": None,
    "system": None,
    **NEW_CONNECTION,
    **NEW_FACTOR,
}


def link_form(eco: Ecomap) -> None:
    """'Verbinding leggen': a person in the person list, a system in the system list.

    A tie to someone outside the household is drawn on the map ("Verbinden",
    then the two symbols).
    """
    new_form("eco_link", NEW_LINK)  # emptied after a save, kept after a refusal
    with st.form("eco_link"):
        st.subheader(_("Verbinding leggen"))
        if not eco.people or not eco.systems:
            st.caption(_("Voeg eerst personen en systemen toe."))
        person_id = st.selectbox(
            _("Persoon"),
            [e.id for e in eco.people],
            format_func=eco.name,
            placeholder=_("Kies een persoon"),
            key="eco_link_person",
        )
        target_id = st.selectbox(
            _("Systeem"),
            [e.id for e in eco.systems],
            format_func=lambda i: eco.system_text(eco.entities[i]),
            placeholder=_("Kies een systeem"),
            key="eco_link_system",
        )
        link_fields = connection_fields("eco_link", fresh=True)
        link_factor = factor_fields("eco_link")
        if st.form_submit_button(_("Verbinding opslaan"), type="primary", key="eco_connect"):
            eco.save_connection(
                person_id or "",
                target_id or "",
                link_fields,
                link_factor,
                empty_form=("eco_link", NEW_LINK),
            )


def connections_table(eco: Ecomap) -> None:
    """'Alle verbindingen': quality, direction, label and note of every connection, editable."""
    st.subheader(_("Alle verbindingen"))
    strength_labels = {s.value: label(s, eco.lang) for s in ConnectionStrength}
    flow_labels = {f.value: label(f, eco.lang) for f in Flow}
    if not eco.connections:
        st.caption(_("Nog geen verbindingen."))
        return
    table = pd.DataFrame(
        [
            {
                "id": r.id,
                "from": eco.name(r.source),
                "to": eco.name(r.target),
                "strength": strength_labels.get(r.subtype, strength_labels["moderate"]),
                "flow": flow_labels.get(str(r.flow), flow_labels["none"]),
                "label": r.label,
                "note": r.note,
            }
            for r in eco.connections
        ]
    )
    edited = st.data_editor(
        table,
        key="eco_table",
        hide_index=True,
        num_rows="fixed",
        disabled=["id", "from", "to"],
        column_order=["from", "to", "strength", "flow", "label", "note"],
        column_config={
            "from": st.column_config.TextColumn(_("Van")),
            "to": st.column_config.TextColumn(_("Naar")),
            "strength": st.column_config.SelectboxColumn(
                _("Kwaliteit"), options=list(strength_labels.values()), required=True
            ),
            "flow": st.column_config.SelectboxColumn(
                _("Richting"), options=list(flow_labels.values()), required=True
            ),
            "label": st.column_config.TextColumn(_("Label"), max_chars=40),
            "note": st.column_config.TextColumn(_("Notitie")),
        },
        width="stretch",
    )
    by_id = {r.id: r for r in eco.connections}
    strength_of = {v: k for k, v in strength_labels.items()}
    flow_of = {v: k for k, v in flow_labels.items()}
    changed: list[Relation] = []
    for row in edited.to_dict("records"):
        old = by_id.get(row["id"])
        if old is None:
            continue
        new = Relation(**{**old.__dict__})
        new.subtype = strength_of.get(row["strength"], old.subtype)
        new.flow = Flow(flow_of.get(row["flow"], str(old.flow)))
        new.label = str(row["label"] or "").strip()
        new.note = str(row["note"] or "").strip()
        if (new.subtype, new.flow, new.label, new.note) != (
            old.subtype,
            old.flow,
            old.label,
            old.note,
        ):
            changed.append(new)
    if st.button(
        _("Wijzigingen opslaan ({n})").format(n=len(changed)),
        disabled=not changed,
        type="primary",
        key="eco_table_save",
    ):
        eco.save(
            changed,
            _("{n} verbinding(en) bijgewerkt.").format(n=len(changed)),
            forget=("eco_table",),
        )


def remove_connection(eco: Ecomap) -> None:
    """Choose a connection and remove it, after a confirmation."""
    by_link = {r.id: r for r in eco.connections}
    doomed_link = st.selectbox(
        _("Verbinding"),
        [""] + [r.id for r in eco.connections],
        format_func=lambda i: (
            f"{eco.name(by_link[i].source)} – {eco.name(by_link[i].target)}" if i else "—"
        ),
        key="eco_remove_link",
    )
    with st.popover(_("Verbinding verwijderen"), disabled=not doomed_link):
        st.warning(_("Deze verbinding definitief verwijderen?"))
        if st.button(_("Ja, verbinding verwijderen"), type="primary", key="eco_remove_link_yes"):
            case = eco.data.case
            try:
                eco.store.delete(
                    case.id,
                    Relation,
                    doomed_link,
                    expected_revision=case.revision,
                    author=state.author(),
                )
            except CasemapError as err:
                show_error(err)
            else:
                st.session_state[FLASH] = _("Verbinding verwijderd.")
                st.session_state.pop("eco_remove_link", None)
                st.rerun()
