"""The plan's action form: who does what, where, when, how, with which aim, in how many hours,
and whether it is a referral to an organisation of the sociale kaart."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, new_id, replace
from mapping.services.plan import hours_text, owner_candidates, parse_hours, with_referral_dates
from views.forms.blanks import given, new_form
from views.i18n import _
from views.panels.plan_case import CASEMANAGER, FREE_TEXT, PlanCase
from views.panels.plan_referrals import REFERRAL_BLANKS, referral_fields
from views.shell import show_error

#: the fields of the new-action form emptied once it is saved: who goes back to the
#: casemanager, no hours, no referral
ACTION_BLANKS = {
    **dict.fromkeys(("who_text", "what", "where", "when", "how", "aim", "hours"), ""),
    "who": CASEMANAGER,
    "done": False,
    **REFERRAL_BLANKS,
}


def current_who(plan: PlanCase, action: Action | None) -> str:
    """The :meth:`PlanCase.who_select` choice an action's form starts at."""
    if action is None:
        return CASEMANAGER
    if action.actor_id in plan.entities:
        return action.actor_id
    return CASEMANAGER if action.actor_text == "casemanager" else FREE_TEXT


def action_form(
    plan: PlanCase, key: str, goal_id: str, action: Action | None, orgs: dict | None = None
) -> Action | None:
    """The fields of an action of ``goal_id``; the action to check and save when submitted.

    A new action (``action`` None) starts at :data:`ACTION_BLANKS`; hours that
    are no number are refused here, with the input kept to correct. ``orgs``
    (the sociale kaart by id) are offered to refer to; a referral gets its
    dates (:func:`~mapping.services.plan.with_referral_dates`).
    """
    fresh = action is None
    if fresh:
        new_form(key, ACTION_BLANKS)
    with st.form(key):  # a new action's form is emptied after its save (forget_form)
        keep = (action.actor_id,) if action and action.actor_id else ()
        living = owner_candidates(plan.data, keep, people_only=False)[0]
        who_options = [CASEMANAGER, FREE_TEXT] + [e.id for e in living]
        current = current_who(plan, action)
        left, right = st.columns(2)
        who = plan.who_select(left, f"{key}_who", who_options, current, fresh=fresh)
        who_text = right.text_input(
            _("Naam (bij vrije tekst)"),
            key=f"{key}_who_text",
            **given(fresh, value=action.actor_text if action and current == FREE_TEXT else ""),
        )
        plan.left_out_caption(left)

        def text(title: str, field: str, container=st) -> str:
            return container.text_input(
                title,
                key=f"{key}_{field}",
                **given(fresh, value=getattr(action, field) if action else ""),
            )

        what = text(_("Wat"), "what")
        left, right = st.columns(2)
        where = text(_("Waar"), "where", left)
        when = text(_("Wanneer"), "when", right)
        how = text(_("Hoe"), "how", left)
        aim = text(_("Met welk doel"), "aim", right)
        # text, not a number field: a number field writes '1.5', a Dutch reader '1,5'
        hours = left.text_input(
            _("Verwachte uren"),
            placeholder=_("bijvoorbeeld 1,5"),
            key=f"{key}_hours",
            **given(
                fresh,
                value=hours_text(action.hours, plan.lang) if action and action.hours else "",
            ),
        )
        done = right.checkbox(
            _("Gedaan"),
            key=f"{key}_done",
            **given(fresh, value=action.done if action else False),
        )
        referral = referral_fields(plan, key, action, orgs or {})
        submitted = st.form_submit_button(
            _("Opslaan") if action else _("Actie toevoegen"),
            type="primary",
            key=f"{key}_submit",
        )
    if not submitted:
        return None
    try:
        typed_hours = parse_hours(hours)
    except CasemapError as err:
        show_error(err)
        return None
    made = replace(
        action or Action(id=new_id(), goal_id=goal_id, what=""),
        what=what.strip(),
        **plan.actor(who, who_text),
        where=where.strip(),
        when=when.strip(),
        how=how.strip(),
        aim=aim.strip(),
        hours=typed_hours,
        done=bool(done),
        **referral,
    )
    # a status or dates without an organisation are left for validate_action to refuse
    return with_referral_dates(made, action) if made.referral_org else made
