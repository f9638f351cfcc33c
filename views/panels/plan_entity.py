"""What hangs on one person or system: its balance factors, the goals it owns, its actions.

Shown on the plan page under "Per persoon of systeem", and by the map pages
beside a selected symbol (:func:`views.entity_actions.details`).
"""

from __future__ import annotations

import streamlit as st

from mapping.core.model import CaseData
from mapping.core.vocabulary import FactorSide, label
from mapping.services.plan import entity_label, entity_links
from views import state
from views.i18n import _
from views.shell import md_escape


def bullets(heading: str, lines: list[str]) -> None:
    """A heading and a bulleted list (markdown already escaped); nothing when empty."""
    if lines:
        st.markdown(heading)
        st.markdown("\n".join(f"- {line}" for line in lines))


def entity_panel(data: CaseData, entity_id: str) -> None:
    """What hangs on one person or system: its factors, the goals it owns, its actions.

    For a detail panel next to a lens; shows nothing when the entity is unknown.
    """
    lang = state.current_lang()
    entities = data.entity_map()
    if entity_id not in entities:
        return
    links = entity_links(data, entity_id)
    goals = {g.id: g for g in data.goals}
    st.markdown(f"**{md_escape(entity_label(entities[entity_id], lang))}**")
    if not any(links.values()):
        st.caption(_("Geen factoren, doelen of acties."))
        return
    sign = {FactorSide.DRAAGKRACHT: "\\+", FactorSide.DRAAGLAST: "−"}  # '+' would nest a list
    bullets(
        _("Factoren in de balans:"),
        [f"{sign[f.side]} {md_escape(f.description)} ({f.weight})" for f in links["factors"]],
    )
    bullets(
        _("Eigen doelen:"),
        [f"{md_escape(g.title)} · {md_escape(label(g.status, lang))}" for g in links["goals"]],
    )
    bullets(
        _("Voert uit:"),
        [
            md_escape(a.what)
            + (f" ({md_escape(goals[a.goal_id].title)})" if a.goal_id in goals else "")
            + (" ✓" if a.done else "")
            for a in links["actions"]
        ],
    )
