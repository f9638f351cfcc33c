"""The familieberaad's agreements: typed during the conversation, saved as plan actions.

Who (someone at the table, anyone else on the map, or a name typed), what
and when (a date); under this day's goal "Afspraken familieberaad <datum>",
made with the first agreement, or under a goal of the plan chosen here.
Each agreement is one save through the store (one revision, one history
line, one access-log line), checked against the revision the screen showed:
a colleague's change in between is refused with the colleague message and
nothing is saved; a refusal keeps what was typed.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, CaseData, Goal, day_first
from mapping.services.familieberaad import (
    AGENDA,
    agreement_goal,
    agreement_records,
    candidates,
    notes_text,
)
from mapping.services.plan import goal_tree, owner_candidates
from views import state
from views.forms.blanks import new_form
from views.i18n import _
from views.shell import md_escape, show_error

FORM = "fb_agree"
NOBODY, FREE_TEXT = "", "__text__"
FLASH = "fb_flash"  # the message of the last save, shown once on the next run
SAVED = "fb_saved"  # ids of the actions saved in this familieberaad
#: what the form holds after a save: who, what and when empty again; the goal stays
BLANKS = {"who": NOBODY, "who_text": "", "what": "", "when": "", "notes": False}


def this_meeting(data: CaseData, goal: Goal) -> list[Action]:
    """The agreements of this familieberaad: under this day's goal, or saved here under another."""
    saved = set(st.session_state.get(SAVED, []))
    found = [a for a in data.actions if a.goal_id == goal.id or a.id in saved]
    return sorted(found, key=lambda a: (a.when, a.what))


def agreements_table(data: CaseData, goal: Goal, made: list[Action], names: dict) -> None:
    """The agreements so far: who, what, when (the projector's names)."""
    shown = this_meeting(data, goal) or made
    st.markdown(f"**{_('Afspraken van dit familieberaad')}**")
    if not shown:
        st.info(_("Nog geen afspraken."))
        return
    st.table(
        [
            {
                _("Wie"): md_escape(names.get(a.actor_id, "") or a.actor_text or "—"),
                _("Wat"): md_escape(a.what),
                _("Wanneer"): md_escape(day_first(a.when)),
            }
            for a in shown
        ]
    )


def agreement_panel(
    data: CaseData, lang: str, order: list[str], names: dict[str, str], on: date
) -> None:
    """The form for one agreement, and the agreements made so far."""
    if flash := st.session_state.pop(FLASH, ""):
        st.success(flash)
    today = agreement_goal(data, on, lang)
    others = [e.id for e in owner_candidates(data, people_only=False)[0] if e.id not in set(order)]
    who_options = [NOBODY, *order, *others, FREE_TEXT]
    goals = [g.id for g, _depth in goal_tree(data) if g.id != today.id]
    goal_options = ["", *goals]
    new_form(FORM, {**BLANKS, "goal": ""})
    for key, options in (("who", who_options), ("goal", goal_options)):
        if st.session_state.get(f"{FORM}_{key}") not in options:  # gone meanwhile
            st.session_state[f"{FORM}_{key}"] = options[0]
    titles = {g.id: g.title for g in data.goals}
    exists = today.id in titles
    living = {e.id for e in candidates(data)}

    # labels made in this run, in its language (a format_func may be called outside it)
    choose, someone, at_table, new = (
        _("— kies wie —"),
        _("iemand anders (naam typen)"),
        _(" (aan tafel)"),
        _("(nieuw)"),
    )

    def who_label(i: str) -> str:
        if i == NOBODY:
            return choose
        if i == FREE_TEXT:
            return someone
        return names.get(i, i) + (at_table if i in order and i in living else "")

    with st.form(FORM):
        who = st.selectbox(_("Wie"), who_options, format_func=who_label, key=f"{FORM}_who")
        who_text = st.text_input(
            _("Naam (als die niet op de kaart staat)"), key=f"{FORM}_who_text", max_chars=200
        )
        what = st.text_input(_("Wat"), key=f"{FORM}_what", max_chars=500)
        when = st.text_input(
            _("Wanneer (datum)"), placeholder=_("dd-mm-jjjj"), key=f"{FORM}_when", max_chars=40
        )
        goal = st.selectbox(
            _("Onder doel"),
            goal_options,
            format_func=lambda g: (
                titles.get(g, "") if g else today.title + ("" if exists else " " + new)
            ),
            key=f"{FORM}_goal",
        )
        with_notes = st.checkbox(_("Notities van dit beraad meesturen"), key=f"{FORM}_notes")
        submitted = st.form_submit_button(
            _("Afspraak vastleggen"), type="primary", key=f"{FORM}_submit"
        )
    if submitted:
        save_agreement(data, lang, on, who, who_text, what, when, goal, with_notes)
    agreements_table(data, today, [], names)


def kept_notes() -> dict[str, str]:
    """The notes of every step of this familieberaad, as typed."""
    kept = st.session_state.get("fb_kept", {})
    return {
        s.key: str(st.session_state.get(f"fb_notes_{s.key}", kept.get(f"fb_notes_{s.key}", "")))
        for s in AGENDA
    }


def save_agreement(data, lang, on, who, who_text, what, when, goal, with_notes) -> None:
    """Check and save one agreement as one revision; run again with the form emptied."""
    try:
        records = agreement_records(
            data,
            what=what,
            when=when,
            who="" if who in (NOBODY, FREE_TEXT) else who,
            who_text=who_text if who in (NOBODY, FREE_TEXT) else "",
            goal_id=goal,
            notes=notes_text(kept_notes(), lang) if with_notes else "",
            on=on,
            lang=lang,
        )
        with state.store() as store:
            store.save_many(
                data.case.id,
                records,
                expected_revision=data.case.revision,
                author=state.author(),
            )
    except CasemapError as err:
        show_error(err)  # a colleague's change, an empty field, a date that is none: nothing saved
        return
    action = records[-1]
    st.session_state.setdefault(SAVED, []).append(action.id)
    st.session_state[FLASH] = _("Afspraak vastgelegd in het plan: {what}").format(what=action.what)
    state.forget_form(FORM, BLANKS)
    st.rerun()
