"""Plan: the family's goals, who does what, status, monitoring, and who acts on the map.

The page runs as a script (``__name__ == "__main__"`` under Streamlit) and
reads top to bottom: the overview, adding a goal, the chosen goal with its
map, its actions, its monitoring, changing or removing it, and what hangs on
each person or system. Its parts are in ``views/panels/plan_*.py``; fields it
shares with the balance page in :mod:`views.forms`.

Importing ``views.plan`` only defines names. The fields and displays it shares
with the balance page live in :mod:`views.forms` (``blanks``, ``plan_fields``,
``display``); the lens pages take :func:`entity_panel` from
:mod:`views.panels.plan_entity`.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.model import CaseData, Goal
from mapping.core.vocabulary import GoalStatus
from mapping.services.plan import (
    actions_of,
    actors_of,
    entity_label,
    entity_links,
    expected_hours,
    goal_tree,
    hours_text,
    plan_rows,
    subtree_ids,
)
from views import state
from views.forms.display import show_table
from views.i18n import _
from views.panels.plan_actions import actions_panel
from views.panels.plan_case import FLASH, GOAL, NEXT_GOAL, PlanCase
from views.panels.plan_entity import entity_panel
from views.panels.plan_figure import actors_figure
from views.panels.plan_goal import goal_facts, status_form
from views.panels.plan_goal_form import GOAL_BLANKS, goal_form
from views.panels.plan_monitoring import monitoring_panel
from views.panels.plan_referrals import referrals_panel
from views.shell import md_escape

ADDING_GOAL = "plan_adding_goal"  # the key of the "Doel toevoegen" expander
TABLE = "plan_table_open"  # the key of the "Het hele plan als tabel" expander
EDITING_GOAL = "plan_editing_goal"  # the key of the "Doel wijzigen" expander


def overview(plan: PlanCase) -> None:
    """How many goals, how many reached, the hours expected; the whole plan as a table."""
    data = plan.data
    c1, c2, c3 = st.columns(3)
    c1.metric(_("Doelen"), len(data.goals))
    c2.metric(_("Bereikt"), sum(1 for g in data.goals if g.status is GoalStatus.REACHED))
    c3.metric(_("Verwachte uren"), hours_text(expected_hours(data), plan.lang))
    if data.goals:
        plan_table(plan)


@st.fragment
def plan_table(plan: PlanCase) -> None:
    """The whole plan as a table, made only while its expander is open.

    Fragments (here and below): opening, a choice or a submit in one reruns
    only that part, not the page with its map; a save reruns the page.
    """
    table = st.expander(_("Het hele plan als tabel"), key=TABLE, on_change="rerun")
    if table.open:
        with table:
            show_table(plan_rows(plan.data, plan.lang))


@st.fragment
def adding_goal(plan: PlanCase) -> None:
    """The new-goal form in an expander: open on an empty plan, else as the user left it.

    Drawn also while closed, unlike the other expanders: adding a goal is the
    plan's first step, and opening it then shows the form at once instead of
    after a run (measured: 0.1 s against 0.34 s; the closed form costs each
    run of the page less than that). Keyed, so it stays as the user left it.
    """
    with st.expander(_("Doel toevoegen"), key=ADDING_GOAL, expanded=not plan.data.goals):
        if new_goal := goal_form(plan, "plan_new_goal", None):
            plan.save(
                new_goal,
                _("Doel '{title}' toegevoegd.").format(title=new_goal[0].title),
                choose=new_goal[0].id,
                forget=("plan_new_goal", GOAL_BLANKS),
            )


def chosen_goal(plan: PlanCase) -> Goal:
    """The goal chosen in the tree (a just-added goal is chosen for the user)."""
    pending = st.session_state.pop(NEXT_GOAL, "")
    if pending in plan.goals:
        st.session_state[GOAL] = pending
    if st.session_state.get(GOAL) not in plan.goals:
        st.session_state.pop(GOAL, None)
    tree = [g.id for g, _d in goal_tree(plan.data)]
    chosen = st.selectbox(_("Kies een doel"), tree, format_func=plan.goal_text, key=GOAL)
    return plan.goals[chosen]


@st.fragment
def change_or_remove(plan: PlanCase, goal: Goal) -> None:
    """The goal's form (drawn only while open), and removing it with all that hangs on it."""
    editing = st.expander(_("Doel wijzigen"), key=EDITING_GOAL, on_change="rerun")
    if editing.open:
        with editing:
            form = f"plan_edit_goal_{goal.id}" + state.form_version(goal, "plan_goal")
            if changed := goal_form(plan, form, goal):
                plan.save(changed, _("Doel bijgewerkt."))
    subtree = subtree_ids(plan.data, goal.id)
    with st.popover(_("Doel verwijderen")):
        st.warning(
            _("Het doel verdwijnt met {n} subdoel(en), {a} actie(s) en {m} meting(en).").format(
                n=len(subtree) - 1,
                a=len(actions_of(plan.data, goal.id, deep=True)),
                m=sum(1 for m in plan.data.monitoring if m.goal_id in subtree),
            )
        )
        if st.button(_("Ja, doel verwijderen"), type="primary", key="plan_delete_goal"):
            plan.delete(Goal, goal.id, _("Doel verwijderd."))


@st.fragment
def per_entity(data: CaseData, lang: str) -> None:
    """Everyone with factors, goals or actions (else everyone), one at a time."""
    entities = data.entity_map()
    involved = [e.id for e in data.entities if any(entity_links(data, e.id).values())]
    who = st.selectbox(
        _("Persoon of systeem"),
        involved or list(entities),
        format_func=lambda i: entity_label(entities[i], lang),
        key="plan_entity",
    )
    if who:
        entity_panel(data, who)


def main() -> None:
    from views.shell import require_case

    st.title(_("Plan: doelen en acties"))
    state.apply_form_resets()  # a form saved in the last run starts empty
    plan = PlanCase(require_case(), state.current_lang())
    if flash := st.session_state.pop(FLASH, ""):
        st.success(md_escape(flash))

    overview(plan)
    referrals_panel(plan)
    adding_goal(plan)
    if not plan.data.goals:
        st.info(_("Nog geen doelen. Schrijf het eerste doel op zoals het gezin het zegt."))
        return

    st.subheader(_("Doel"))
    goal = chosen_goal(plan)
    details, figure = st.columns([1, 1])
    with details:
        goal_facts(plan, goal)
        status_form(plan, goal)
    with figure:
        actors_figure(plan, goal, actors_of(plan.data, goal.id))

    st.subheader(_("Acties: wie doet wat"))
    actions_panel(plan, goal)

    st.subheader(_("Monitoring"))
    monitoring_panel(plan, goal)

    change_or_remove(plan, goal)

    st.subheader(_("Per persoon of systeem"))
    per_entity(plan.data, plan.lang)


if __name__ == "__main__":
    main()
