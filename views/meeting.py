"""Meeting mode: the maps, the balance and the plan on the projector, step by step.

The steps are the genogram, the ecogram, a netwerkkaart for everyone who
has placed ties and for the client as soon as the client has any tie in the
case (client first; :func:`mapping.lenses.sociogram.egos`; each map shows the ties
not placed yet too), the balance and the plan. Large type and
hidden notes are on by default; pseudonyms replace every name (also in the
plan table and the step titles), the case code and exact ages for a team
meeting or a class. They stay in meeting mode: the maps' own pages and
their exports keep their own switches.

On the projector names are at least :data:`NAME_PX` CSS px (#15): a map is
laid out again at the text size it is shown in (large type makes room for
itself) and shown whole when that keeps its names that large, else at that
size in a box that scrolls, opened on its middle (the ego of a netwerkkaart).
"""

from __future__ import annotations

import re

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
from views.shell import md_escape, require_case, show_error, show_svg

STEP_KEY = "meeting_step"
BALANCE, PLAN = "balance", "plan"
#: The plan on the projector: what the family wants, whose it is, how far, who does what.
PLAN_COLUMNS = ("goal", "owner", "status", "actions", "evaluation", "score")
#: The smallest name on the projector, in CSS px (a name is 12 drawing units times the text scale).
NAME_PX = 20.0
NAME_UNITS = 12.0
#: Room above the map for the controls and the step's title.
TOP_ROOM = "12rem"


def map_style(svg: str, scale: float) -> str:
    """CSS for the map of this step: whole on the screen when its names stay at least
    :data:`NAME_PX` that way, else at that size in a box that scrolls, its middle in view.

    A 1000 x 500 map in large type (names 18 units) is at least 1111 CSS px wide.
    """
    found = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg)
    if found is None:
        return ""
    width, height = float(found.group(1)), float(found.group(2))
    if width <= 0 or height <= 0:
        return ""
    reading = width * NAME_PX / (NAME_UNITS * scale)  # CSS px at which names are NAME_PX
    fit = f"calc((100vh - {TOP_ROOM}) * {width / height:.4f})"  # as wide as the screen's height allows
    return (
        # the box is a size container: 100cqw is its width, whatever wraps the image
        f".st-key-meeting_map{{overflow:auto;max-height:calc(100vh - {TOP_ROOM});"
        "container-type:inline-size}"
        ".st-key-meeting_map [data-testid='stImage'],.st-key-meeting_map [data-testid='stImage'] *"
        "{max-width:none !important;overflow:visible !important}"
        ".st-key-meeting_map [data-testid='stImage'] img{"
        f"width:max({reading:.0f}px, min(100cqw, {fit})) !important;"
        "height:auto !important;max-height:none !important;"
        # opened on its middle where the browser knows how (Chromium 133+), else top left
        "scroll-initial-target:nearest;scroll-snap-align:center}"
    )


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

style = ""
if fullscreen:
    # the projector gets the map: no sidebar, no app header, no case line (it names the family)
    style += (
        "[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stHeader']{display:none}"
        ".block-container{padding-top:1rem;max-width:100%}"
        ".st-key-case_header{display:none}"
        # the balance whole on the screen, below the controls and the title (a map: map_style)
        "[data-testid='stImage'] img{max-height:calc(100vh - 12rem);object-fit:contain}"
    )
if pseudo and not fullscreen:
    style += ".st-key-case_header{display:none}"  # the case line names the family and its code
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
        st.html(f"<style>{map_style(svg, scale)}</style>")
        with st.container(key="meeting_map"):
            show_svg(svg)
        in_words(shown, drawing, "meeting")  # the map said in sentences, pseudonyms included
except CasemapError as err:
    show_error(err)
