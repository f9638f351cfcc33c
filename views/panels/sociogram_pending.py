"""A line drawn on the netwerkkaart, waiting under the map until it is saved or cancelled.

Ego and someone: the tie form, prefilled (a member's tie, or a candidate's
suggested cell). Two members: whether they know each other. A member and
someone outside the map: a word on what to do first.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Relation, new_id, replace
from mapping.core.vocabulary import RelationKind, Ring
from mapping.lenses.sociogram import acquaintances, default_sector, place_member
from views.forms.ties import tie_fields
from views.i18n import _
from views.panels.sociogram_ego import PENDING, EgoMap, keys_of
from views.shell import md_escape, show_error


def pending_panel(m: EgoMap) -> None:
    """The form for a line drawn on the map, until it is saved or cancelled."""
    pending = st.session_state.get(PENDING)
    if pending and all(end in m.entities for end in pending) and pending[0] != pending[1]:
        first, second = pending
        if m.ego_id in pending:
            with st.container(border=True):
                pending_tie(m, second if first == m.ego_id else first)
        elif first in m.member_ids and second in m.member_ids:
            with st.container(border=True):
                pending_knows(m, first, second)
        else:
            outsider = first if first not in m.member_ids else second
            st.warning(
                _(
                    "{name} staat nog niet in de netwerkkaart van {ego}. Verbind eerst {ego} met "
                    "{name}; daarna kunt u aangeven wie elkaar kennen."
                ).format(name=md_escape(m.name_of(outsider)), ego=md_escape(m.ego.name))
            )
            st.session_state.pop(PENDING, None)
    elif pending:
        st.session_state.pop(PENDING, None)  # an end was removed meanwhile


def forget_now(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)
    st.rerun()


def pending_tie(m: EgoMap, other_id: str) -> None:
    """Ego and someone connected on the map: the tie form, prefilled, to save or cancel."""
    member = m.member(other_id)
    if member is not None:
        tie, sector, ring = member.tie, member.sector, member.ring
        title = _("Relatie {ego} – {name} wijzigen")
    else:
        found = next((c for c in m.offered if c.entity.id == other_id), None)
        tie = None
        sector = found.sector if found else default_sector(m.data, m.ego_id, m.entities[other_id])
        ring = found.ring if found else Ring.MIDDLE
        title = _("{name} opnemen in de netwerkkaart van {ego}")
    st.markdown("**" + md_escape(title.format(ego=m.ego.name, name=m.name_of(other_id))) + "**")
    with st.form("socio_pending_form"):
        values = tie_fields(f"socio_pending_{other_id}", tie, sector, ring)
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.form_submit_button(
            _("Relatie opslaan"), type="primary", key="socio_pending_save"
        )
        cancelled = cancel_col.form_submit_button(_("Annuleren"), key="socio_pending_cancel")
    typed = keys_of(f"socio_pending_{other_id}_")  # the next line drawn starts afresh
    if cancelled:
        forget_now(PENDING, *typed)
    if confirmed:
        try:
            placed = place_member(m.data, m.ego_id, other_id, values["sector"], values["ring"])
        except CasemapError as err:
            show_error(err)
        else:
            m.save_all(
                [replace(placed, **values)],
                _("Relatie met {name} opgeslagen.").format(name=m.name_of(other_id)),
                forget=(PENDING, *typed),
            )


def pending_knows(m: EgoMap, a: str, b: str) -> None:
    """Two members connected on the map: record (or change, or remove) that they know each other."""
    existing = next(
        (r for r in acquaintances(m.data, m.ego_id) if {r.source, r.target} == {a, b}), None
    )
    title = _("{a} en {b} kennen elkaar") if existing else _("Kennen {a} en {b} elkaar?")
    st.markdown("**" + md_escape(title.format(a=m.name_of(a), b=m.name_of(b))) + "**")
    with st.form("socio_pending_knows_form"):
        note = st.text_input(
            _("Korte notitie bij de lijn (bijv. 'oud-collega's')"),
            value=existing.label if existing else "",
            key=f"socio_pending_knows_{a}_{b}",
        )
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.form_submit_button(
            _("Opslaan: ze kennen elkaar"), type="primary", key="socio_pending_knows_save"
        )
        cancelled = cancel_col.form_submit_button(_("Annuleren"), key="socio_pending_knows_cancel")
    typed = (f"socio_pending_knows_{a}_{b}",)  # the next line drawn starts afresh
    if existing and st.button(_("Lijn verwijderen"), key="socio_pending_knows_remove"):
        m.delete_relation(existing.id, _("Lijn verwijderd."), forget=(PENDING, *typed))
    if cancelled:
        forget_now(PENDING, *typed)
    if confirmed:
        record = (
            replace(existing, label=note.strip())
            if existing
            else Relation(new_id(), RelationKind.ACQUAINTANCE, a, b, label=note.strip())
        )
        m.save_all(
            [record],
            _("Vastgelegd: {a} en {b} kennen elkaar.").format(a=m.name_of(a), b=m.name_of(b)),
            forget=(PENDING, *typed),
        )
