"""What every lens page offers for one selected person or system.

- :func:`details` lists what hangs on it: its factors in the balance, the
  goals it owns and the actions it carries out (plan and maps together).
- :func:`remove_entity` removes it after a confirmation that says what goes
  with it, and asks what to do with the actions it carries out: nothing is
  dropped silently.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData, Entity
from mapping.services.plan import actions_blocking_delete, entity_links
from views import state
from views.i18n import _
from views.shell import md_escape, show_error

ON_ACTIONS = ("unassign", "delete")


def details(data: CaseData, entity_id: str, *, key: str | None = None) -> None:
    """The factors, goals and actions of one entity (the plan's detail panel).

    With ``key`` the expander remembers whether it is open across reruns (a
    save beside it does not close it); a page that shows two of them passes
    none or two different keys.
    """
    from views.panels.plan_entity import entity_panel

    with st.expander(
        _("Balans en plan van deze persoon of dit systeem"),
        expanded=False,
        key=key,
        on_change="rerun" if key else "ignore",
    ):
        entity_panel(data, entity_id)


def remove_entity(data: CaseData, entity: Entity, *, key: str) -> bool:
    """A 'remove' control with a confirmation; True when the entity was removed.

    The confirmation names what goes with it (relations everywhere, links
    from factors and goals) and, when the entity carries out actions of the
    plan, asks whether to keep them (with the name as text) or delete them.
    """
    relations = data.relations_of(entity.id)
    links = entity_links(data, entity.id)
    actions = actions_blocking_delete(data, entity.id)
    with st.popover(_("Verwijderen"), width="content"):
        st.warning(
            _("{name} verdwijnt uit alle kaarten, met {n} relatie(s).").format(
                name=md_escape(entity.name), n=len(relations)
            )
        )
        if links["factors"]:
            st.markdown(
                _(
                    "De koppeling met {n} factor(en) van de balans vervalt; de factoren blijven."
                ).format(n=len(links["factors"]))
            )
        if links["goals"]:
            st.markdown(
                _("{n} doel(en) verliezen hun eigenaar; de doelen blijven.").format(
                    n=len(links["goals"])
                )
            )
        choice = "refuse"
        if actions:
            st.markdown(
                _("{name} voert {n} actie(s) van het plan uit:").format(
                    name=md_escape(entity.name), n=len(actions)
                )
            )
            st.markdown("\n".join(f"- {md_escape(a.what)}" for a in actions))
            choice = st.radio(
                _("Wat gebeurt er met die acties?"),
                ON_ACTIONS,
                format_func=lambda v: {
                    "unassign": _("Acties houden, met de naam als tekst"),
                    "delete": _("Acties ook verwijderen"),
                }[v],
                key=f"{key}_on_actions",
            )
        if st.button(_("Definitief verwijderen"), type="primary", key=f"{key}_confirm"):
            try:
                with state.store() as store:
                    store.delete(
                        data.case.id,
                        Entity,
                        entity.id,
                        expected_revision=data.case.revision,
                        author=state.author(),
                        on_actions=choice,
                    )
            except CasemapError as err:
                show_error(err)
                return False
            state.select(None)
            return True
    return False
