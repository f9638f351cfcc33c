"""Lines on the ecogram's map: one drawn between two symbols, and the ones chosen by a click.

A line drawn from a person to a system (or to someone outside the household)
asks for its quality, flow, label and an optional balance factor right under
the map; a chosen line, or every line of a chosen system, gets its quick
edit there too.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Relation, replace
from mapping.core.vocabulary import EntityKind
from mapping.lenses.ecogram import connection_between, make_connection
from views import state
from views.forms.connection import connection_fields, factor_fields
from views.i18n import _
from views.panels.ecogram_case import PENDING_LINK, Ecomap
from views.shell import md_escape, show_error


def handle(eco: Ecomap, event) -> None:
    """What the map handed over: a line drawn becomes a pending link, a system click its editor."""
    if isinstance(event, dict) and event.get("type") == "connect":
        # Drawn from one symbol to another: the family end is the person nearest the centre.
        family_first = {e.id: n for n, e in enumerate(eco.people)}
        ends = [e for e in (event.get("source"), event.get("target")) if e in eco.entities]
        persons = sorted((e for e in ends if e in family_first), key=family_first.get)
        person = persons[0] if persons else None
        other = next((e for e in ends if e != person), None)
        if person and other in {t.id for t in eco.targets}:
            st.session_state[PENDING_LINK] = (person, other)
        else:
            st.warning(_("Een verbinding loopt van een persoon naar een systeem."))
    elif isinstance(event, dict) and event.get("type") == "select":
        picked = eco.entities.get(event.get("id") or "")
        if event.get("kind") == "entity" and picked and picked.kind is EntityKind.SYSTEM:
            st.session_state["eco_edit_system"] = picked.id


def pending_link(eco: Ecomap) -> bool:
    """The form for a line drawn on the map, until saved or cancelled; True while it is open."""
    pending = st.session_state.get(PENDING_LINK)
    if pending and not all(end in eco.entities for end in pending):
        st.session_state.pop(PENDING_LINK, None)  # an end was removed meanwhile
        return False
    if not pending:
        return False
    person_id, other_id = pending
    existing = connection_between(eco.data, person_id, other_id)
    with st.container(border=True):
        title = _("Verbinding {a} – {b} wijzigen") if existing else _("Nieuwe verbinding {a} – {b}")
        names = {"a": md_escape(eco.name(person_id)), "b": md_escape(eco.name(other_id))}
        st.markdown("**" + title.format(**names) + "**")
        # keys of their own for this pair (and this version of its line): a line drawn
        # next starts at its own values, not at what was chosen for the last one
        pair = f"eco_pending_{person_id}_{other_id}" + (
            state.form_version(existing, "eco_pending") if existing else ""
        )
        with st.form("eco_pending_form"):
            fields = connection_fields(pair, existing)
            factor = factor_fields(pair)
            save_col, cancel_col = st.columns([1, 1])
            confirmed = save_col.form_submit_button(
                _("Verbinding opslaan"), type="primary", key="eco_pending_save"
            )
            cancelled = cancel_col.form_submit_button(_("Annuleren"), key="eco_pending_cancel")
        if cancelled:
            st.session_state.pop(PENDING_LINK, None)
            st.rerun()
        if confirmed:
            eco.save_connection(person_id, other_id, fields, factor, forget=(PENDING_LINK,))
    return True


def chosen_lines(eco: Ecomap, selected: dict) -> None:
    """Quick edits of the line chosen on the map, or of every line of the chosen system."""
    chosen = eco.entities.get(selected.get("id") or "")
    links = [
        r
        for r in eco.connections
        if (selected.get("kind") == "relation" and r.id == selected.get("id"))
        or (
            selected.get("kind") == "entity"
            and chosen is not None
            and chosen.id in {r.source, r.target}
            and chosen.kind is EntityKind.SYSTEM
        )
    ]
    if links:
        with st.container(border=True, key="eco_selected_links"):
            st.markdown(f"**{_('Gekozen op de kaart: kwaliteit en richting')}**")
            for link in links:
                quick_edit(eco, link)


def quick_edit(eco: Ecomap, link: Relation) -> None:
    """Quality, direction and label of one connection, right under the map.

    Shown for the line selected on the map, or for each line of the selected
    system: the common edits where the eye is, without the table below.
    """
    prefix = f"eco_quick_{link.id}" + state.form_version(link, "eco_quick")
    ends = f"{eco.name(link.source)} – {eco.name(link.target)}"
    with st.form(prefix, border=False):
        st.markdown("**" + md_escape(ends) + "**")
        strength, flow, text = connection_fields(prefix, link)
        if st.form_submit_button(_("Verbinding opslaan"), key=f"{prefix}_save"):
            try:
                changed = make_connection(
                    eco.data, link.source, link.target, strength=strength, flow=flow, label=text
                )
            except CasemapError as err:
                show_error(err)
            else:
                eco.save(
                    [
                        replace(
                            link, subtype=changed.subtype, flow=changed.flow, label=changed.label
                        )
                    ],
                    _("Verbinding {a} – {b} opgeslagen.").format(
                        a=eco.name(link.source), b=eco.name(link.target)
                    ),
                )
