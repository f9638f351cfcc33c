"""The ecogram's systems: add one (from the sociale kaart, with its first connection), edit one
(and link it to the kaart), remove one."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import replace
from mapping.core.vocabulary import SystemKind, label
from mapping.lenses.ecogram import make_connection
from views import state
from views.entity_actions import remove_entity
from views.forms.blanks import new_form
from views.forms.connection import NEW_CONNECTION, connection_fields
from views.i18n import _
from views.panels.ecogram_case import FLASH, Ecomap, new_system
from views.panels.ecogram_kaart import choices, fill_from_kaart, linked, org_label
from views.shell import show_error

EDITING_SYSTEM = "eco_editing_system"  # the key of the "Systeem bewerken" expander
#: The add-system form after a save: empty, its kind back at the first one, no person
#: to connect, the connection at its defaults (nothing of the last system carried over).
NEW_SYSTEM = {
    "new_kind": next(iter(SystemKind)).value,
    "new_kaart": "",
    "custom": "",
    "new_name": "",
    "new_note": "",
    "new_to_kaart": False,
    "new_link_person": "",
    **{f"new_link_{name}": blank for name, blank in NEW_CONNECTION.items()},
}


@st.fragment
def add_system(eco: Ecomap) -> None:
    """'Systeem toevoegen': kind, an organisation of the sociale kaart or a name, note, and
    optionally its first connection.

    The kind and the kaart's picker stand above the form: choosing a kind
    puts the kaart's organisations of that kind first (a fragment: only this
    part runs again); picking one fills in its name and kind and links the
    new system to it (``kaart_id``). A typed name that is on the kaart is
    linked too; one that is not can be put on the kaart at once, by a role
    that may change it.
    """
    lang = eco.lang
    # a fragment's own run is another thread: it saves through a store opened in it
    eco.store = state.store()
    new_form("eco", NEW_SYSTEM)  # its fields start at (and return to) NEW_SYSTEM
    st.subheader(_("Systeem toevoegen"))
    kind = st.selectbox(
        _("Soort"),
        [k.value for k in SystemKind],
        format_func=lambda v: label(SystemKind(v), lang),
        key="eco_new_kind",
    )
    if eco.kaart:
        offered = [""] + choices(eco.kaart, kind)
        if st.session_state.get("eco_new_kaart") not in offered:
            st.session_state["eco_new_kaart"] = ""
        st.selectbox(
            _("Van de sociale kaart"),
            offered,
            format_func=lambda o: org_label(eco.kaart[o], lang) if o else "—",
            help=_(
                "Typ om te zoeken; organisaties van de gekozen soort staan bovenaan. "
                "Of typ hieronder een nieuwe naam."
            ),
            key="eco_new_kaart",
            on_change=fill_from_kaart,
            args=(eco.kaart, "eco_new_kaart", "eco_new_name", "eco_new_kind"),
        )
    with st.form("eco_add_system", border=False):  # emptied after the save, not on a refusal
        custom = st.text_input(
            _("Eigen soort"),
            help=_("Alleen bij 'overig', bijvoorbeeld 'taalcafé'"),
            key="eco_custom",
        )
        name = st.text_input(_("Naam"), key="eco_new_name")
        note = st.text_input(_("Notitie"), key="eco_new_note")
        linked_person = st.selectbox(
            _("Meteen verbinden met (optioneel)"),
            [""] + [e.id for e in eco.people],
            format_func=lambda i: eco.name(i) if i else "—",
            key="eco_new_link_person",
        )
        new_link = connection_fields("eco_new_link", fresh=True)
        to_kaart = False
        if eco.kaart and eco.may_edit_kaart:
            to_kaart = st.checkbox(
                _("Ook op de sociale kaart zetten"),
                help=_("Voor een nieuwe naam die nog niet op de sociale kaart staat."),
                key="eco_new_to_kaart",
            )
        if st.form_submit_button(_("Systeem toevoegen"), type="primary", key="eco_add"):
            org = eco.kaart.get(st.session_state.get("eco_new_kaart") or "")
            try:
                record = new_system(name, kind, custom, note)
                record, linked_word = linked(eco, record, org, to_kaart)
                records: list = [record]
                if linked_person:
                    with_system = replace(eco.data, entities=[*eco.data.entities, record])
                    strength, flow, text = new_link
                    records.append(
                        make_connection(
                            with_system,
                            linked_person,
                            record.id,
                            strength=strength,
                            flow=flow,
                            label=text,
                        )
                    )
            except CasemapError as err:
                show_error(err)
            else:
                message = _("Systeem '{name}' toegevoegd.").format(name=record.name)
                eco.save(
                    records,
                    f"{message} ({linked_word})" if linked_word else message,
                    empty_form=("eco", NEW_SYSTEM),
                )


def edit_system(eco: Ecomap, selected: dict) -> None:
    """'Systeem bewerken' in an expander: open while a system is chosen on the map.

    Its form is made only while the expander is open (#20). Keyed, so a
    save's message above does not close it; a new key for each system chosen
    (an expander takes ``expanded`` only when it is new).
    """
    if not eco.systems:
        return
    chosen = selected.get("kind") == "entity" and any(
        e.id == selected.get("id") for e in eco.systems
    )
    box = st.expander(
        _("Systeem bewerken"),
        key=EDITING_SYSTEM + (f"_{selected['id']}" if chosen else ""),
        expanded=chosen,
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        editing_id = st.selectbox(
            _("Systeem"),
            [e.id for e in eco.systems],
            format_func=lambda i: eco.system_text(eco.entities[i]),
            key="eco_edit_system",
        )
        system_form(eco, editing_id)


def system_form(eco: Ecomap, editing_id: str) -> None:
    editing = eco.entities[editing_id]
    with st.form(f"eco_edit_{editing.id}"):
        kinds = [k.value for k in SystemKind]
        current = (editing.system_kind or SystemKind.OTHER).value
        new_kind = st.selectbox(
            _("Soort"),
            kinds,
            index=kinds.index(current),
            format_func=lambda v: label(SystemKind(v), eco.lang),
        )
        new_custom = st.text_input(_("Eigen soort"), value=editing.custom_kind)
        new_name = st.text_input(_("Naam"), value=editing.name)
        new_note = st.text_input(_("Notitie"), value=editing.note)
        kaart_id = editing.kaart_id
        if eco.kaart or editing.kaart_id:
            others = {e.kaart_id for e in eco.systems if e.id != editing.id and e.kaart_id}
            linkable = [""] + choices(eco.kaart, current, leave_out=others)
            if editing.kaart_id and editing.kaart_id not in linkable:
                linkable.insert(1, editing.kaart_id)  # removed from the kaart: kept, and said so
            kaart_id = st.selectbox(
                _("Gekoppeld aan de sociale kaart"),
                linkable,
                index=linkable.index(editing.kaart_id),
                format_func=lambda o: (
                    (
                        org_label(eco.kaart[o], eco.lang)
                        if o in eco.kaart and not eco.kaart[o].removed
                        else f"{editing.name} – {_('niet meer op de sociale kaart')}"
                    )
                    if o
                    else "—"
                ),
                key=f"eco_edit_kaart_{editing.id}",
            )
        if st.form_submit_button(_("Wijzigingen opslaan"), key="eco_edit_save"):
            if not new_name.strip():
                show_error(InvalidInput("Geef het systeem een naam."))
            else:
                kind_value = SystemKind(new_kind)
                other = kind_value is SystemKind.OTHER
                eco.save(
                    [
                        replace(
                            editing,
                            name=new_name.strip(),
                            system_kind=kind_value,
                            custom_kind=new_custom.strip() if other else "",
                            note=new_note.strip(),
                            kaart_id=kaart_id or "",
                        )
                    ],
                    _("Systeem '{name}' bijgewerkt.").format(name=new_name.strip()),
                )


def remove_system(eco: Ecomap) -> None:
    """Choose a system and remove it from the case, through the confirmation."""
    doomed = st.selectbox(
        _("Systeem"),
        [""] + [e.id for e in eco.systems],
        format_func=lambda i: eco.system_text(eco.entities[i]) if i else "—",
        key="eco_remove_system",
    )
    if doomed and remove_entity(eco.data, eco.entities[doomed], key="eco_remove_system"):
        st.session_state[FLASH] = _("Systeem verwijderd.")
        st.session_state.pop("eco_remove_system", None)
        st.rerun()
