"""The chosen goal's monitoring: its scores over time as a chart and a table, and a new score."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Goal, Monitoring, new_id
from mapping.services.plan import SCALES, monitoring_history, validate_monitoring
from views.dutch import date_format
from views.forms.display import show_table
from views.i18n import _
from views.panels.plan_case import PlanCase
from views.shell import show_error

#: a saved score empties the note and puts the score back in the middle (the score field
#: takes its first value from the session, not from value=, so this is allowed)
MONITORING_BLANKS = {"note": "", "score": 5}


def history_chart(history: list[Monitoring]) -> None:
    """The scores as a line per scale; the y axis spans the whole scale, so a 6 out of 10
    does not look like the top."""
    high = max((SCALES.get(m.scale, (1, 10))[1] for m in history), default=10)
    st.vega_lite_chart(
        pd.DataFrame(
            {
                "date": [m.date for m in history],
                "score": [m.score for m in history],
                "scale": [m.scale for m in history],
            }
        ),
        {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "date", "type": "ordinal", "title": _("Datum")},
                "y": {
                    "field": "score",
                    "type": "quantitative",
                    "title": _("Score"),
                    "scale": {"domain": [1, high]},
                },
                "color": {"field": "scale", "type": "nominal", "title": _("Schaal")},
            },
            "height": 220,
        },
        width="stretch",
    )


@st.fragment
def monitoring_panel(plan: PlanCase, goal: Goal) -> None:
    """The goal's measurements so far, and the form for the next one.

    A fragment: its submit reruns only this part (a refused score is shown
    without drawing the map again); a save reruns the page.
    """
    history = monitoring_history(plan.data, goal.id)
    if history:
        history_chart(history)
        show_table(
            [
                {
                    _("Datum"): m.date,
                    _("Score"): m.score,
                    _("Schaal"): m.scale,
                    _("Notitie"): m.note,
                }
                for m in history
            ]
        )
    else:
        st.caption(_("Nog geen metingen voor dit doel."))
    # not clear_on_submit: a refused score (7 on the 1-5 scale) stays to be corrected;
    # the form is emptied after the save (forget_form)
    st.session_state.setdefault("plan_mon_score", MONITORING_BLANKS["score"])
    st.session_state.setdefault("plan_mon_date", date.today())  # (no value=: see forget_form)
    with st.form("plan_monitoring"):
        st.markdown(f"**{_('Meting toevoegen')}**")
        a, b, c = st.columns(3)
        when = a.date_input(_("Datum"), format=date_format(plan.lang), key="plan_mon_date")
        scale = b.radio(
            _("Schaal"),
            list(SCALES),
            format_func=lambda s: {"1-10": _("1-10"), "1-5": _("1-5 (zelfredzaamheid)")}[s],
            horizontal=True,
            key="plan_mon_scale",
        )
        score = c.number_input(_("Score"), min_value=1, max_value=10, step=1, key="plan_mon_score")
        note = st.text_input(_("Notitie"), key="plan_mon_note")
        if not st.form_submit_button(_("Meting opslaan"), key="plan_mon_save"):
            return
    entry = Monitoring(
        id=new_id(),
        goal_id=goal.id,
        date=when.isoformat() if when else "",
        score=int(score),
        scale=scale,
        note=note.strip(),
    )
    try:
        validate_monitoring(entry, plan.data)
    except CasemapError as err:
        show_error(err)
        return
    # the next measurement is of today, not of the last one's date
    blanks = {**MONITORING_BLANKS, "date": date.today()}
    plan.save([entry], _("Meting opgeslagen."), forget=("plan_mon", blanks))
