"""The plan's goal form: a new goal (with its subgoals and a first action) or a goal edited."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, Goal, new_id, replace
from mapping.core.vocabulary import FactorSide, GoalTerm, LifeDomain
from mapping.services.plan import (
    entity_label,
    goal_tree,
    goal_with_parts,
    owner_candidates,
    subtree_ids,
)
from views.forms.blanks import given, new_form
from views.forms.plan_fields import domain_select, enum_radio
from views.i18n import _
from views.panels.plan_case import CASEMANAGER, PlanCase
from views.shell import show_error

#: the fields of the new-goal form emptied once the goal is saved (widget key suffix: blank)
#: (every field: the form's widgets take their value from the session only, so nothing of
#: the last goal, its owner, term or domain included, is carried into the next one)
GOAL_BLANKS = {
    **dict.fromkeys(("title", "owner_text", "result", "start", "evaluations", "change"), ""),
    **dict.fromkeys(("subgoals", "first_what", "owner", "domain", "parent"), ""),
    "term": GoalTerm.SHORT.value,
    "first_who": CASEMANAGER,
    "factors": [],
}


def parse_dates(text: str) -> tuple[str, ...]:
    """Evaluation dates typed with commas between them, sorted, without repeats.

    >>> parse_dates("2026-12-01, 2026-09-01,, 2026-12-01")
    ('2026-09-01', '2026-12-01')
    """
    return tuple(sorted({part.strip() for part in text.split(",") if part.strip()}))


def first_steps(plan: PlanCase, key: str) -> tuple[list[str], str, str]:
    """For a new goal: subgoals (one a line) and a first action (who, what)."""
    titles = st.text_area(
        _("Subdoelen (één per regel, optioneel)"), height=68, key=f"{key}_subgoals"
    )
    left, right = st.columns([1, 2])
    who = plan.who_select(
        left, f"{key}_first_who", [CASEMANAGER, *(e.id for e in plan.doers)], fresh=True
    )
    what = right.text_input(
        _("Eerste actie: wat (optioneel)"),
        placeholder=_("Bijvoorbeeld 'Afspraak maken met schuldhulp'"),
        key=f"{key}_first_what",
    )
    return titles.splitlines(), who, what


def goal_form(plan: PlanCase, key: str, goal: Goal | None) -> list | None:  # noqa: C901
    """The fields of a goal; returns what to save when submitted (checked), else None.

    A new goal (``goal`` None) may bring its subgoals and a first action: all
    of it is one save. Its fields start empty (:data:`GOAL_BLANKS`).
    """
    data, entities, factors, lang = plan.data, plan.entities, plan.factors, plan.lang
    fresh = goal is None
    if fresh:
        new_form(key, GOAL_BLANKS)
    with st.form(key):  # a new goal's form is emptied after its save (forget_form)
        title = st.text_input(
            _("Doel (in de woorden van het gezin)"),
            key=f"{key}_title",
            **given(fresh, value=goal.title if goal else ""),
        )
        left, right = st.columns(2)
        # a stored goal keeps its owner in the list, also when that person died since
        keep = (goal.owner_id,) if goal and goal.owner_id else ()
        owners = [""] + [e.id for e in owner_candidates(data, keep)[0]]
        owner = left.selectbox(
            _("Van wie is het doel?"),
            owners,
            format_func=lambda i: entity_label(entities[i], lang) if i else _("het gezin"),
            key=f"{key}_owner",
            **given(
                fresh,
                index=owners.index(goal.owner_id) if goal and goal.owner_id in owners else 0,
            ),
        )
        owner_text = right.text_input(
            _("Of in eigen woorden"),
            help=_("Bijvoorbeeld 'Sanne en Rick'; leeg laten = het gezin"),
            key=f"{key}_owner_text",
            **given(fresh, value=goal.owner_text if goal and not goal.owner_id else ""),
        )
        plan.left_out_caption(left)
        term = enum_radio(
            left,
            _("Termijn"),
            GoalTerm,
            goal.term if goal else GoalTerm.SHORT,
            key=f"{key}_term",
            fresh=fresh,
        )
        domain = domain_select(
            right, goal.domain if goal else None, key=f"{key}_domain", fresh=fresh
        )
        result = st.text_area(
            _("Beoogd resultaat"),
            height=68,
            key=f"{key}_result",
            **given(fresh, value=goal.result if goal else ""),
        )
        left, right = st.columns(2)
        blocked = set(subtree_ids(data, goal.id)) if goal else set()
        parents = [""] + [g.id for g, _d in goal_tree(data) if g.id not in blocked]
        parent = left.selectbox(
            _("Subdoel van"),
            parents,
            format_func=lambda i: plan.goal_text(i) if i else _("(hoofddoel)"),
            key=f"{key}_parent",
            **given(
                fresh,
                index=parents.index(goal.parent_id) if goal and goal.parent_id in parents else 0,
            ),
        )
        addressed = right.multiselect(
            _("Pakt deze factoren aan"),
            list(factors),
            format_func=lambda i: (
                ("+ " if factors[i].side is FactorSide.DRAAGKRACHT else "− ")
                + factors[i].description
            ),
            placeholder=_("Kies factoren"),
            key=f"{key}_factors",
            **given(fresh, default=[f for f in (goal.factor_ids if goal else ()) if f in factors]),
        )
        start = left.text_input(
            _("Start (JJJJ-MM-DD)"),
            key=f"{key}_start",
            **given(fresh, value=goal.start if goal else ""),
        )
        evaluations = right.text_input(
            _("Evaluatiedata (komma's ertussen)"),
            key=f"{key}_evaluations",
            **given(fresh, value=", ".join(goal.evaluation_dates) if goal else ""),
        )
        change = st.text_input(
            _("Verwachte verandering als het doel bereikt is"),
            key=f"{key}_change",
            **given(fresh, value=goal.expected_change if goal else ""),
        )
        titles, who, what = first_steps(plan, key) if fresh else ([], CASEMANAGER, "")
        submitted = st.form_submit_button(
            _("Opslaan") if goal else _("Doel toevoegen"),
            type="primary",
            key=f"{key}_submit",
        )
    if not submitted:
        return None
    base = goal or Goal(id=new_id(), title="", order=len(data.goals) + 1)
    changed = replace(
        base,
        title=title.strip(),
        owner_id=owner,
        owner_text="" if owner else owner_text.strip(),
        term=GoalTerm(term),
        domain=LifeDomain(domain) if domain else None,
        result=result.strip(),
        parent_id=parent,
        factor_ids=tuple(addressed),
        start=start.strip(),
        evaluation_dates=parse_dates(evaluations),
        expected_change=change.strip(),
    )
    first = [Action(id=new_id(), goal_id=changed.id, what=what.strip(), **plan.actor(who))]
    try:
        return goal_with_parts(data, changed, titles, first if what.strip() else [])
    except CasemapError as err:
        show_error(err)
        return None
