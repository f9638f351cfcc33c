"""The chosen goal's actions: who does what as a table, a new action, one changed or removed."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, Goal
from mapping.core.vocabulary import ReferralStatus, label
from mapping.services.plan import (
    actions_of,
    actor_name,
    hours_text,
    org_name,
    validate_action,
)
from views import state
from views.forms.display import show_table
from views.i18n import _
from views.panels.plan_action_form import ACTION_BLANKS, action_form
from views.panels.plan_case import PlanCase
from views.panels.plan_referrals import kaart
from views.shell import show_error

EDITING = "plan_editing_action"  # the "Actie wijzigen of verwijderen" expander


def checked(plan: PlanCase, action: Action | None, orgs: dict | None = None) -> bool:
    """Whether a submitted action passes the plan's rules (a refusal is shown).

    ``orgs``: the sociale kaart by id, so a referral to an unknown organisation
    is refused (None leaves the organisation unchecked).
    """
    if action is None:
        return False
    try:
        validate_action(action, plan.data, None if orgs is None else set(orgs))
    except CasemapError as err:
        show_error(err)
        return False
    return True


@st.fragment
def actions_panel(plan: PlanCase, goal: Goal) -> None:
    """The goal's own actions, the new-action form, and (when there are actions) an editor.

    A fragment: a click in it (a submit, opening the editor, picking an
    action) reruns only this part; a save reruns the page. The editor is
    drawn only while its expander is open.
    """
    data, lang = plan.data, plan.lang
    goal_actions = actions_of(data, goal.id)
    orgs = kaart()
    names = {o: org.name for o, org in orgs.items()}
    if goal_actions:
        show_table(
            [
                {
                    _("Wie"): actor_name(data, a, lang),
                    _("Wat"): a.what,
                    _("Waar"): a.where,
                    _("Wanneer"): a.when,
                    _("Hoe"): a.how,
                    _("Met welk doel"): a.aim,
                    _("Uren"): hours_text(a.hours, lang),
                    _("Gedaan"): a.done,
                    _("Verwijzing"): (
                        f"{org_name(data, a.referral_org, names, lang)}: "
                        + label(ReferralStatus(a.referral_status), lang)
                        if a.referral_org and a.referral_status
                        else ""
                    ),
                }
                for a in goal_actions
            ]
        )
    else:
        st.caption(_("Nog geen acties voor dit doel."))

    with st.container(border=True):
        st.markdown(f"**{_('Actie toevoegen')}**")
        new_action = action_form(plan, "plan_new_action", goal.id, None, orgs)
        if checked(plan, new_action, orgs):
            plan.save(
                [new_action], _("Actie toegevoegd."), forget=("plan_new_action", ACTION_BLANKS)
            )

    if not goal_actions:
        return
    by_id = {a.id: a for a in goal_actions}
    # keyed: stays open over a save (the flash above would make it a new one)
    editing = st.expander(_("Actie wijzigen of verwijderen"), key=EDITING, on_change="rerun")
    if not editing.open:
        return
    with editing:
        picked = st.selectbox(
            _("Actie"),
            list(by_id),
            format_func=lambda i: f"{actor_name(data, by_id[i], lang)}: {by_id[i].what}",
            key="plan_pick_action",
        )
        form = f"plan_edit_action_{picked}" + state.form_version(by_id[picked], "plan_action")
        edited = action_form(plan, form, goal.id, by_id[picked], orgs)
        if checked(plan, edited, orgs):
            plan.save([edited], _("Actie bijgewerkt."))
        if st.button(_("Actie verwijderen"), key="plan_delete_action"):
            plan.delete(Action, picked, _("Actie verwijderd."))
