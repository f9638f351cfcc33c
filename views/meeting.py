"""Meeting mode: a lens, the balance and the plan on the projector, step by step."""

from __future__ import annotations

import streamlit as st
from mapping.render.svg import RenderOptions, render_svg

from mapping.errors import CasemapError
from mapping.lenses import draw
from mapping.vocabulary import Lens, label
from views import state
from views.i18n import _
from views.shell import require_case, show_error, show_svg

lang = state.current_lang()
data = require_case()
aids = state.meeting_aids()

STEPS = [Lens.GENOGRAM.value, Lens.ECOGRAM.value, Lens.SOCIOGRAM.value, "balance", "plan"]
STEP_KEY = "meeting_step"


def step_label(step: str) -> str:
    if step == "balance":
        return _("Balans")
    if step == "plan":
        return _("Plan")
    return label(Lens(step), lang)


controls = st.columns([1, 1, 1, 1, 1, 1, 1])
aids["large_font"] = controls[0].toggle(_("Grote letters"), value=True, key="meeting_large")
aids["hide_notes"] = controls[1].toggle(_("Notities verbergen"), value=True, key="meeting_notes")
aids["pseudonymise"] = controls[2].toggle(
    _("Pseudoniemen"), value=aids.get("pseudonymise", False), key="meeting_pseudo"
)
fullscreen = controls[3].toggle(_("Volledig scherm"), value=True, key="meeting_full")
show_legend = controls[6].toggle(_("Legenda"), value=False, key="meeting_legend")
step = st.session_state.get(STEP_KEY, 0) % len(STEPS)
if controls[4].button(_("◀ Vorige"), key="meeting_prev"):
    step = (step - 1) % len(STEPS)
if controls[5].button(_("Volgende ▶"), key="meeting_next"):
    step = (step + 1) % len(STEPS)
st.session_state[STEP_KEY] = step
current = STEPS[step]

if fullscreen:
    st.markdown(
        "<style>[data-testid='stSidebar'],[data-testid='stHeader']{display:none}"
        " .block-container{padding-top:1rem;max-width:100%}</style>",
        unsafe_allow_html=True,
    )

shown = data
if aids["pseudonymise"]:
    from mapping.pseudonym import pseudonymise

    shown = pseudonymise(data)

st.markdown(f"## {step_label(current)} · {step + 1}/{len(STEPS)}")
people = {e.id: e.name for e in shown.entities}
highlight = st.selectbox(
    _("Licht iemand uit (en de directe banden)"),
    [""] + list(people),
    format_func=lambda i: people.get(i, "—"),
    key="meeting_highlight",
)
options = RenderOptions(
    legend=show_legend,
    lang=lang,
    large_font=aids["large_font"],
    hide_notes=aids["hide_notes"],
    highlight=frozenset({highlight}) if highlight else frozenset(),
)
try:
    if current == "balance":
        from mapping.balance import balance_drawing

        # the balance has no people on it: highlighting would only fade the beam
        balance_options = RenderOptions(lang=lang, large_font=aids["large_font"], hide_notes=True)
        show_svg(
            render_svg(
                balance_drawing(shown, lang=lang, large_font=aids["large_font"]), balance_options
            )
        )
    elif current == "plan":
        from mapping.plan import plan_rows

        st.dataframe(plan_rows(shown, lang), hide_index=True, width="stretch")
    else:
        show_svg(render_svg(draw(shown, current, lang=lang), options))
except CasemapError as err:
    show_error(err)
