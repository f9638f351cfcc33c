"""Meeting mode: the maps, the balance and the plan on the projector, step by step.

The steps are the genogram, the ecogram, a netwerkkaart for everyone who
has placed ties and for the client as soon as the client has any tie in the
case (client first; :func:`mapping.lenses.sociogram.egos`; each map shows the ties
not placed yet too), the balance and the plan. Large type and
hidden notes are on by default; pseudonyms replace every name (also in the
plan table and the step titles), the case code and exact ages for a team
meeting or a class. They stay in meeting mode: the maps' own pages and
their exports keep their own switches.

On the projector names are at least
:data:`~views.panels.meeting_map.NAME_PX` CSS px (#15): a map is laid out
again at the text size it is shown in (large type makes room for itself)
and shown whole when that keeps its names that large, else at that size in
a box that scrolls, opened on its middle (the ego of a netwerkkaart).

The page's other mode, **Familieberaad**, is the conversation with the
family itself (#22.4, :mod:`views.panels.meeting_familieberaad`): the
family's map, its rules and agenda, each member's turn and the agreements
saved as plan actions.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens, label
from mapping.lenses import draw
from mapping.lenses.sociogram import egos
from mapping.render.svg import RenderOptions, render_svg, text_scale
from mapping.services.balance import balance_drawing
from mapping.services.plan import column, plan_rows
from views import state
from views.canvas import in_words
from views.i18n import _
from views.panels.meeting_map import projector_style, show_map
from views.shell import md_escape, require_case, show_error, show_svg

STEP_KEY = "meeting_step"
MODE_KEY = "meeting_mode"
TEAM, FAMILY = "team", "familieberaad"
BALANCE, PLAN = "balance", "plan"
#: The plan on the projector: what the family wants, whose it is, how far, who does what.
PLAN_COLUMNS = ("goal", "owner", "status", "actions", "evaluation", "score")


def meeting_steps(data: CaseData) -> list[tuple[str, str]]:
    """(lens or 'balance'/'plan', ego) for every step; a netwerkkaart per ego, client first."""
    people = sorted(
        (e for e in data.entities if e.is_person),
        key=lambda e: (not e.index_person, e.name.lower()),
    )
    with_ties = set(egos(data))  # one pass over the relations, not one a person
    egos_shown = [e.id for e in people if e.id in with_ties]
    index = data.index_person()
    if not egos_shown and index is not None:
        egos_shown = [index.id]  # an empty netwerkkaart still shows where to start
    return [
        (Lens.GENOGRAM.value, ""),
        (Lens.ECOGRAM.value, ""),
        *[(Lens.SOCIOGRAM.value, ego) for ego in egos_shown],
        (BALANCE, ""),
        (PLAN, ""),
    ]


def step_label(step: tuple[str, str], names: dict[str, str]) -> str:
    what, ego = step
    if what == BALANCE:
        return _("Balans")
    if what == PLAN:
        return _("Plan")
    if what == Lens.SOCIOGRAM.value and ego:
        return _("Netwerkkaart van {name}").format(name=names.get(ego, "?"))
    return label(Lens(what), lang)


lang = state.current_lang()
data = require_case()

mode = st.radio(
    _("Soort overleg"),
    [TEAM, FAMILY],
    # the labels made in this run: AppTest calls format_func outside it (in Dutch)
    format_func={TEAM: _("Overleg met het team"), FAMILY: _("Familieberaad")}.get,
    horizontal=True,
    key=MODE_KEY,
    label_visibility="collapsed",
)
if mode == FAMILY:
    from views.panels.meeting_familieberaad import familieberaad

    familieberaad(data, lang)  # the conversation with the family: its own switches
    st.stop()

controls = st.columns([1, 1, 1, 1, 1, 1, 1])
# large type, hidden notes and pseudonyms are for the projector only: the maps' own pages
# keep theirs, and a file made there after the meeting is what that page's switches say
large = controls[0].toggle(_("Grote letters"), value=True, key="meeting_large")
hide_notes = controls[1].toggle(_("Notities verbergen"), value=True, key="meeting_notes")
pseudo = controls[2].toggle(
    _("Pseudoniemen"), value=state.meeting_pseudonyms(), key="meeting_pseudo"
)
state.set_meeting_pseudonyms(pseudo)
fullscreen = controls[3].toggle(_("Volledig scherm"), value=True, key="meeting_full")
show_legend = controls[6].toggle(_("Legenda"), value=False, key="meeting_legend")

shown = data
if pseudo:
    from mapping.services.pseudonym import pseudonymise

    # same ids: the steps and the highlight still apply; no title, a code of this session
    shown = pseudonymise(data, code=state.pseudonym_code(data.case.id))
names = {e.id: e.name for e in shown.entities}

steps = meeting_steps(data)
step = st.session_state.get(STEP_KEY, 0) % len(steps)
if controls[4].button(_("◀ Vorige"), key="meeting_prev", width="stretch"):
    step = (step - 1) % len(steps)
if controls[5].button(_("Volgende ▶"), key="meeting_next", width="stretch"):
    step = (step + 1) % len(steps)
st.session_state[STEP_KEY] = step
current, ego = steps[step]

style = projector_style(fullscreen=fullscreen, hide_case=pseudo)
if large:
    style += ".st-key-meeting_plan table{font-size:1.35rem}.st-key-meeting_plan td{padding:.5rem}"
if style:
    st.html(f"<style>{style}</style>")

st.markdown(f"## {md_escape(step_label(steps[step], names))} · {step + 1}/{len(steps)}")
highlight = ""
if current not in (BALANCE, PLAN):
    highlight = st.selectbox(
        _("Licht iemand uit (en de directe banden)"),
        [""] + sorted(names, key=lambda i: names[i].lower()),
        format_func=lambda i: names.get(i, "—") if i else "—",
        key="meeting_highlight",
    )
options = RenderOptions(
    legend=show_legend,
    lang=lang,
    large_font=large,
    hide_notes=hide_notes,
    highlight=frozenset({highlight}) if highlight else frozenset(),
)
try:
    if current == BALANCE:
        # the balance has no people on it: highlighting would only fade the beam
        show_svg(
            render_svg(
                balance_drawing(shown, lang=lang, large_font=large),
                RenderOptions(lang=lang, large_font=large, hide_notes=True, legend=show_legend),
            )
        )
    elif current == PLAN:
        wanted = [column(k, lang) for k in PLAN_COLUMNS]
        # st.table renders markdown in its cells: a goal or a name is shown literally
        rows = [
            {k: md_escape(row[k]) if isinstance(row[k], str) else row[k] for k in wanted}
            for row in plan_rows(shown, lang)
        ]
        with st.container(key="meeting_plan"):
            if rows:
                st.table(rows)
            else:
                st.info(_("Nog geen doelen."))
    else:
        # laid out at the size its text is shown: large type makes room for itself
        scale = text_scale(options)
        drawing = draw(shown, current, ego=ego, lang=lang, text_scale=scale)
        svg = render_svg(drawing, options)
        show_map(svg, scale)
        in_words(shown, drawing, "meeting")  # the map said in sentences, pseudonyms included
except CasemapError as err:
    show_error(err)
