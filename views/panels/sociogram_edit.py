"""'Relatie bewerken' and 'Kennen elkaar': a member's tie, and who among the members knows whom."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import InvalidInput
from mapping.core.model import Relation, new_id, replace
from mapping.core.vocabulary import RelationKind, label
from mapping.lenses.sociogram import acquaintances
from views import state
from views.entity_actions import details, remove_entity
from views.forms.ties import tie_fields
from views.i18n import _
from views.panels.sociogram_ego import FLASH, EgoMap
from views.shell import md_escape, show_error

EDITING = "socio_edit_member"  # the member whose tie the edit tab shows


def edit_tab(m: EgoMap) -> None:
    """One member's tie form, with its plan details and the ways to take it out."""
    if not m.members:
        st.caption(_("Nog geen leden om te bewerken."))
        return
    if st.session_state.get(EDITING) not in m.member_ids:
        st.session_state[EDITING] = m.member_ids[0]
    picked = st.selectbox(_("Lid"), m.member_ids, format_func=m.name_of, key=EDITING)
    member = m.member(picked)
    form_col, side_col = st.columns([3, 2])
    prefix = f"socio_edit_{picked}" + state.form_version(member.tie, "socio_edit")
    with form_col, st.form(f"socio_edit_{picked}"):
        values = tie_fields(prefix, member.tie, member.sector, member.ring)
        if st.form_submit_button(_("Opslaan"), type="primary"):
            m.save_all(
                [replace(member.tie, **values)],
                _("Relatie met {name} opgeslagen.").format(name=member.entity.name),
            )
    with side_col:
        entity = member.entity
        role = entity.role or (label(entity.system_kind, m.lang) if entity.system_kind else "")
        st.markdown(f"**{md_escape(entity.name)}**" + (f"  \n{md_escape(role)}" if role else ""))
        details(m.data, picked)
        st.caption(
            _(
                "Uit de netwerkkaart halen: alleen de relatie met {ego} verdwijnt, {name} "
                "blijft in de casus. Verwijderen: {name} verdwijnt uit de hele casus (alle "
                "kaarten)."
            ).format(ego=md_escape(m.ego.name), name=md_escape(entity.name))
        )
        leave_col, delete_col = st.columns(2)
        with leave_col, st.popover(_("Uit de netwerkkaart halen")):
            st.warning(
                _(
                    "Alleen de relatie met ego verdwijnt uit deze netwerkkaart; de persoon "
                    "of organisatie blijft in de casus."
                )
            )
            if st.button(_("Ja, uit de netwerkkaart halen"), key=f"socio_remove_{picked}"):
                m.delete_relation(
                    member.tie.id,
                    _("{name} staat niet meer in de netwerkkaart.").format(name=entity.name),
                )
        with delete_col:
            if remove_entity(m.data, entity, key=f"socio_delete_{picked}"):
                st.session_state[FLASH] = _("{name} is uit de casus verwijderd.").format(
                    name=entity.name
                )
                st.session_state.pop(EDITING, None)
                st.rerun()


def knows_tab(m: EgoMap) -> None:
    """Thin grey lines between members who know each other: add one, or remove one."""
    st.caption(
        _(
            "Wie kent wie? Een dunne grijze lijn tussen twee leden; zo ziet u groepjes en losse leden."
        )
    )
    known = acquaintances(m.data, m.ego_id)
    if len(m.member_ids) < 2:
        st.caption(_("Er zijn minstens twee leden nodig."))
    else:
        # a pair kept from another ego's map (or a member taken out meanwhile) is no pair now
        kept = st.session_state.get("socio_knows_pick") or []
        st.session_state["socio_knows_pick"] = [i for i in kept if i in m.member_ids][:2]
        pair = st.multiselect(
            _("Twee leden die elkaar kennen"),
            m.member_ids,
            format_func=m.name_of,
            max_selections=2,
            key="socio_knows_pick",
        )
        if st.button(_("Kennen elkaar toevoegen"), key="socio_knows_add"):
            existing = {frozenset((r.source, r.target)) for r in known}
            if len(pair) != 2:
                show_error(InvalidInput("Kies twee leden."))
            elif frozenset(pair) in existing:
                show_error(InvalidInput("Deze twee kennen elkaar al."))
            else:
                m.save_all(
                    [Relation(new_id(), RelationKind.ACQUAINTANCE, pair[0], pair[1])],
                    _("Vastgelegd: {a} en {b} kennen elkaar.").format(
                        a=m.name_of(pair[0]), b=m.name_of(pair[1])
                    ),
                    forget=("socio_knows_pick",),  # the next pair starts empty
                )
    for rel in known:
        cols = st.columns([5, 1])
        cols[0].markdown(f"{md_escape(m.name_of(rel.source))} – {md_escape(m.name_of(rel.target))}")
        if cols[1].button(_("Verwijderen"), key=f"socio_knows_del_{rel.id}"):
            m.delete_relation(rel.id, _("Lijn verwijderd."))
