"""The plan page's case: what every plan panel asks of it, and saving what one click made.

Every plan panel gets one :class:`PlanCase`, made by the page once per run
from the loaded case. It knows the goals, factors and people by id, who may
own a goal or carry out an action (the deceased are left out, and said so),
and saves or deletes as one revision, with a message for the next run.

    plan = PlanCase(data, lang)
    plan.goal_text("g-geld"); plan.save([action], _("Actie toegevoegd."), forget=(...))
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData, Entity, Factor, Goal
from mapping.core.vocabulary import label
from mapping.services.plan import entity_label, goal_tree, owner_candidates
from views import state
from views.forms.blanks import given
from views.i18n import _
from views.shell import md_escape, show_error

GOAL = "plan_goal"  # the chosen goal (selectbox key)
NEXT_GOAL = "plan_goal_next"  # a goal to choose on the next run (after adding one)
FLASH = "plan_flash"  # the message of the last save, shown once on the next run
CASEMANAGER = "__casemanager__"  # 'who' is the casemanager
FREE_TEXT = "__text__"  # 'who' is typed as a name (someone not on the map)


@dataclass
class PlanCase:
    """The loaded case as the plan's panels need it (made once per run by the page)."""

    data: CaseData
    lang: str
    entities: dict[str, Entity] = field(init=False)
    goals: dict[str, Goal] = field(init=False)
    factors: dict[str, Factor] = field(init=False)
    deceased: list[Entity] = field(init=False)  # owns no goal, carries out no action
    doers: list[Entity] = field(init=False)  # living people and systems

    def __post_init__(self) -> None:
        self.entities = self.data.entity_map()
        self.deceased = owner_candidates(self.data)[1]
        self.doers = owner_candidates(self.data, people_only=False)[0]
        self.goals = {g.id: g for g in self.data.goals}
        self.factors = {f.id: f for f in self.data.factors}

    def goal_text(self, goal_id: str) -> str:
        """A goal as a choice: indented by its depth in the tree, with its status."""
        depth = next((d for g, d in goal_tree(self.data) if g.id == goal_id), 0)
        goal = self.goals[goal_id]
        return "· " * depth + f"{goal.title} ({label(goal.status, self.lang)})"

    def save(
        self,
        records: list,
        success: str,
        *,
        choose: str = "",
        forget: tuple[str, dict] | None = None,
    ) -> None:
        """Save what one click made (a goal with its subgoals and first action...) at once.

        On success the page runs again with ``success`` shown, the new-item
        form ``forget`` = (prefix, blanks) emptied and the goal ``choose``
        chosen; a refusal is shown and the form keeps its input.
        """
        try:
            state.store().save_many(
                self.data.case.id,
                records,
                expected_revision=self.data.case.revision,
                author=state.author(),
            )
        except CasemapError as err:
            show_error(err)
            return
        st.session_state[FLASH] = success
        if forget:
            state.forget_form(*forget)
        if choose:
            st.session_state[NEXT_GOAL] = choose
        st.rerun()

    def delete(self, kind: type, record_id: str, success: str) -> None:
        """Delete one goal (with its subgoals, actions, measurements) or action; run again."""
        try:
            state.store().delete(
                self.data.case.id,
                kind,
                record_id,
                expected_revision=self.data.case.revision,
                author=state.author(),
            )
        except CasemapError as err:
            show_error(err)
            return
        st.session_state[FLASH] = success
        if record_id == st.session_state.get(GOAL):
            st.session_state.pop(GOAL, None)
        st.rerun()

    def left_out_caption(self, container) -> None:
        """Who is not offered as owner or actor, and why (nobody disappears silently)."""
        if self.deceased:
            container.caption(
                _("Niet in de lijst: {names} (overleden).").format(
                    names=md_escape(", ".join(e.name for e in self.deceased))
                )
            )

    def who_select(
        self,
        container,
        key: str,
        choices: list[str],
        current: str = CASEMANAGER,
        fresh: bool = False,
    ) -> str:
        """Who does it: the casemanager, someone typed as a name, or a person or system."""
        return container.selectbox(
            _("Wie"),
            choices,
            **given(fresh, index=choices.index(current)),
            format_func=lambda i: (
                {
                    CASEMANAGER: _("de casemanager"),
                    FREE_TEXT: _("iemand anders (vrije tekst)"),
                }.get(i)
                or entity_label(self.entities[i], self.lang)
            ),
            key=key,
        )

    def actor(self, who: str, who_text: str = "") -> dict[str, str]:
        """An action's ``actor_id`` and ``actor_text`` from a :meth:`who_select` choice."""
        return {
            "actor_id": who if who in self.entities else "",
            "actor_text": "casemanager"
            if who == CASEMANAGER
            else (who_text.strip() if who == FREE_TEXT else ""),
        }
