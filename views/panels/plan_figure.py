"""Who take part in the chosen goal, lit up on a map of the case (ecogram, genogram, netwerkkaart).

The map is the lens's own Drawing with the goal's actors outlined and
everyone else faded; who is not on the chosen map is named, so nobody is
left out silently.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Goal
from mapping.core.vocabulary import Lens, label
from mapping.services.plan import actions_of, mark_actors, not_on_map
from views import case_cache, state
from views.forms.display import show_figure
from views.i18n import _
from views.panels.plan_case import PlanCase
from views.shell import md_escape, show_error


@st.fragment
def actors_figure(plan: PlanCase, goal: Goal, actors: set[str]) -> None:
    """The lens choice, the actors by name, and the map with them lit up.

    A fragment: choosing another map reruns only this column.
    """
    data, lang, entities = plan.data, plan.lang, plan.entities
    st.markdown(f"**{_('Wie doen mee (uitgelicht op de kaart)')}**")
    lens = st.radio(
        _("Kaart"),
        [Lens.ECOGRAM.value, Lens.GENOGRAM.value, Lens.SOCIOGRAM.value],
        format_func=lambda v: label(Lens(v), lang),
        horizontal=True,
        key="plan_lens",
    )
    named = sorted(entities[i].name for i in actors)
    free = sorted(
        {
            a.actor_text
            for a in actions_of(data, goal.id, deep=True)
            if not a.actor_id and a.actor_text
        }
    )
    st.caption(
        md_escape(", ".join(named + [f"{t} ({_('niet op de kaart')})" for t in free]) or "—")
    )
    try:
        from mapping.lenses import draw
        from mapping.render.svg import RenderOptions, render_svg

        # laid out once per revision (a save, a goal chosen or a form opened reuses it)
        drawn = case_cache.drawing(data, lens, ("plan", lang), lambda: draw(data, lens, lang=lang))
        if missing := not_on_map(drawn, actors):
            st.warning(
                _("Niet op deze kaart, dus niet uitgelicht: {names}.").format(
                    names=md_escape(", ".join(sorted(entities[i].name for i in missing)))
                )
            )
        drawing = mark_actors(drawn, actors)
        if state.show_badges():  # switched on the balance page
            from mapping.services.balance import apply_badges

            drawing = apply_badges(drawing, data)
        aids = state.meeting_aids()
        svg = render_svg(
            drawing,
            RenderOptions(
                lang=lang,
                highlight=frozenset(actors),
                legend=False,
                hide_notes=aids.get("hide_notes", False),
                caption=False,
            ),
        )
    except ImportError:
        st.info(_("De tekening verschijnt hier zodra de tekenmodule beschikbaar is."))
    except CasemapError as err:
        show_error(err)
    else:
        show_figure(svg.replace("<svg ", f'<svg data-testid="plan-{lens}" ', 1))
