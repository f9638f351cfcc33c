"""What the netwerkkaart's map hands over, and the ring panel right under it.

A selection opens the member (its tie form in 'Relatie bewerken', its ring
and sector under the map); a line drawn between two symbols becomes a
pending form (:mod:`views.panels.sociogram_pending`).
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import replace
from mapping.core.vocabulary import RelationKind, Ring, Sector, label, options
from mapping.lenses.sociogram import place_member
from views import state
from views.forms.fields import vocab_select
from views.i18n import _
from views.panels.sociogram_ego import PENDING, EgoMap, open_member
from views.shell import md_escape, show_error


def handle(m: EgoMap, event) -> None:
    """What the map handed over: a selection opens the member, a connection its form."""
    if isinstance(event, dict) and event.get("type") == "select":
        state.select(event.get("kind"), event.get("id"))
        picked_id = event.get("id")
        if event.get("kind") == "entity" and picked_id in m.member_ids:
            open_member(picked_id)
        elif event.get("kind") == "entity" and picked_id in m.waiting_ids:
            st.session_state.pop(PENDING, None)  # the panel under the map places it
        elif event.get("kind") == "relation" and picked_id in m.relations_by_id:
            rel = m.relations_by_id[picked_id]
            if m.is_ego_tie(rel):
                open_member(rel.target)
            elif rel.kind is RelationKind.ACQUAINTANCE:
                st.session_state[PENDING] = (rel.source, rel.target)
    elif isinstance(event, dict) and event.get("type") == "connect":
        ends = (event.get("source"), event.get("target"))
        if all(end in m.entities for end in ends) and ends[0] != ends[1]:
            st.session_state[PENDING] = ends
            if all(end in m.member_ids for end in ends):
                st.session_state["socio_knows_pick"] = list(ends)  # the tab shows the pair too


def selected_on_map(m: EgoMap) -> str:
    """The member (placed or not yet) selected on the map, by its symbol or its line; or ''."""
    picked = state.selection() or {}
    picked_id = picked.get("id")
    if picked.get("kind") == "entity" and picked_id in (*m.member_ids, *m.waiting_ids):
        return picked_id
    if picked.get("kind") == "relation" and picked_id in m.relations_by_id:
        rel = m.relations_by_id[picked_id]
        if m.is_ego_tie(rel):
            return rel.target
    return ""


def ring_panel(m: EgoMap, member_id: str) -> None:
    """Ring and sector of the member selected on the map, editable where the eye is (#23.7).

    A placed member's tie is changed; a tie not placed yet is placed with
    :func:`place_member` (a new SUPPORT tie). The full form stays in 'Relatie bewerken'.
    """
    lang = m.lang
    placed = m.member(member_id)
    member = placed or next(w for w in m.waiting if w.entity.id == member_id)
    name = member.entity.name
    with st.container(border=True, key="socio_ring_panel"):
        if placed:
            st.markdown("**" + md_escape(name) + "**")
        else:
            why = ", ".join(en if lang == "en" else nl for nl, en in member.reasons)
            st.markdown(
                "**" + md_escape(name) + "** · " + _("nog niet geplaatst") + f" ({md_escape(why)})"
            )
        version = state.form_version(member.tie, "socio_ring") if placed else ""
        prefix = f"socio_ring_{member_id}{version}"
        with st.form(prefix, border=False):
            ring_col, sector_col, go_col = st.columns([3, 2, 1], vertical_alignment="bottom")
            rings = list(options(Ring, lang))
            ring = ring_col.radio(
                _("Ring"),
                rings,
                index=rings.index(member.ring.value),
                format_func=lambda v: label(Ring(v), lang),
                horizontal=True,
                key=f"{prefix}_ring",
            )
            sector = vocab_select(
                _("Sector"),
                Sector,
                key=f"{prefix}_sector",
                value=member.sector,
                container=sector_col,
            )
            go = go_col.form_submit_button(
                _("Opslaan") if placed else _("Plaatsen"), type="primary", key=f"{prefix}_go"
            )
    if go:
        try:
            record = (
                replace(placed.tie, sector=sector, ring=Ring(ring))
                if placed
                else place_member(m.data, m.ego_id, member_id, sector, ring)
            )
        except CasemapError as err:
            show_error(err)
        else:
            done = (
                _("Ring en sector van {name} opgeslagen.")
                if placed
                else _("{name} geplaatst in de netwerkkaart.")
            )
            m.save_all([record], done.format(name=name))
