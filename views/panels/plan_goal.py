"""The chosen goal: what it is (owner, term, domain, result, dates, hours), and its status."""

from __future__ import annotations

from datetime import date

import streamlit as st

from mapping.core.model import Goal
from mapping.core.vocabulary import GoalStatus, label
from mapping.services.plan import expected_hours, hours_text, owner_name, set_status
from views.dutch import date_format
from views.i18n import _
from views.panels.plan_case import PlanCase
from views.shell import md_escape


def goal_facts(plan: PlanCase, goal: Goal) -> None:
    """The goal's title and facts, the factors it addresses and its subgoals."""
    data, lang = plan.data, plan.lang
    st.markdown(f"### {md_escape(goal.title)}")
    facts = [
        (_("Van wie"), owner_name(data, goal, lang)),
        (_("Termijn"), label(goal.term, lang)),
        (_("Leefgebied"), label(goal.domain, lang) or "—"),
        (_("Beoogd resultaat"), goal.result or "—"),
        (_("Status"), label(goal.status, lang)),
        (_("Start"), goal.start or "—"),
        (_("Evaluatiedata"), ", ".join(goal.evaluation_dates) or "—"),
        (_("Verwachte verandering"), goal.expected_change or "—"),
        (_("Verwachte uren"), hours_text(expected_hours(data, goal.id), lang)),
    ]
    st.markdown("\n".join(f"- **{k}:** {md_escape(v)}" for k, v in facts))
    if goal.factor_ids:
        st.markdown(
            f"**{_('Pakt aan')}:** "
            + "; ".join(
                md_escape(plan.factors[f].description) for f in goal.factor_ids if f in plan.factors
            )
        )
    children = [g for g in data.goals if g.parent_id == goal.id]
    if children:
        st.markdown(
            f"**{_('Subdoelen')}:** "
            + "; ".join(
                f"{md_escape(g.title)} ({md_escape(label(g.status, lang))})" for g in children
            )
        )


@st.fragment
def status_form(plan: PlanCase, goal: Goal) -> None:
    """Change the goal's status; the date is recorded as an evaluation date.

    A fragment: its submit reruns only this form; a save reruns the page.
    """
    lang = plan.lang
    with st.form("plan_status"):
        st.markdown(f"**{_('Status wijzigen')}**")
        statuses = [s.value for s in GoalStatus]
        left, right = st.columns(2)
        new_status = left.selectbox(
            _("Nieuwe status"),
            statuses,
            index=statuses.index(goal.status.value),
            format_func=lambda v: label(GoalStatus(v), lang),
            key=f"plan_status_value_{goal.id}",
        )
        on = right.date_input(
            _("Op datum"), value=date.today(), format=date_format(lang), key="plan_status_date"
        )
        if st.form_submit_button(_("Status opslaan"), key="plan_status_save"):
            changed = set_status(goal, new_status, on=on)
            if changed is goal:
                st.info(_("De status was al zo."))
            else:
                plan.save(
                    [changed], _("Status: {status}.").format(status=label(changed.status, lang))
                )
