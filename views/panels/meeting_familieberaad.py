"""The familieberaad on the projector: the family's map, the rules, the agenda, whose turn it is.

A mode of the meeting page (#22.4) for a conversation with the whole family
by the familieberaad's rules (:mod:`mapping.services.familieberaad`): the
genogram or the ecogram in large type with real names (it is the family's own
conversation; pseudonyms only when switched on) and without notes; the agenda
step by step with Vorige/Volgende; who sits at the table (the living
household unless the casemanager changes it), each one's turn in a round,
children who want first; the speaker marked on the map and named above it;
short notes per step (kept in this session only, unless sent with an
agreement); and the agreements saved as plan actions
(:mod:`views.panels.meeting_agreements`), their actors outlined on the map
as the plan page outlines a goal's actors.

What the casemanager set (the table, the speaker, the notes) is kept in the
session under ``fb_*`` keys, also while another page or the team meeting is
shown: widgets a run does not draw lose their state, so their values are
kept apart (:func:`kept`) and handed back when the familieberaad is drawn again.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.i18n import translate
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens, label
from mapping.services.familieberaad import (
    AGENDA,
    RULES,
    Step,
    age_on,
    agreement_goal,
    agreements,
    candidates,
    default_participants,
    is_child,
    mark_speaker,
    next_turn,
    turn_order,
)
from mapping.services.plan import mark_actors
from views import state
from views.i18n import _
from views.panels.meeting_agreements import agreement_panel, agreements_table, this_meeting
from views.panels.meeting_map import projector_style, show_map
from views.shell import md_escape, show_error

STEP = "fb_step"  # the agenda step shown (index into AGENDA)
PEOPLE = "fb_people"  # who sit at the table, in the table's order
SPEAKERS = "fb_speakers"  # {step key: the speaker of that round}
KEPT = "fb_kept"  # widget values kept while the familieberaad is not drawn
LENS = "fb_lens"


def kept(key: str, default: object) -> str:
    """``key`` for a widget whose value outlives runs that do not draw it.

    The value kept by :func:`keep_all` (or ``default``) is handed to the
    widget before it is made in this run.
    """
    store = st.session_state.setdefault(KEPT, {})
    if key not in st.session_state:
        st.session_state[key] = store.get(key, default)
    store.setdefault(key, st.session_state[key])
    return key


def keep_all() -> None:
    """Keep the current values of the widgets made through :func:`kept`."""
    store = st.session_state.setdefault(KEPT, {})
    for key in store:
        if key in st.session_state:
            store[key] = st.session_state[key]


def age_words(data: CaseData, person: str, on: date) -> str:
    age = age_on(data.entity(person), on)
    return "" if age is None else f" ({age})"


def table_panel(data: CaseData, names: dict[str, str], on: date, expanded: bool) -> list[str]:
    """Who sit at the table, and which children want to go first; the ids in turn order."""
    living = [e.id for e in candidates(data)]
    key = kept(PEOPLE, default_participants(data, on))
    # someone removed from the case meanwhile (by a colleague) leaves the table
    st.session_state[key] = [p for p in st.session_state[key] if p in living]
    with st.expander(_("Wie zitten aan tafel"), expanded=expanded):
        chosen = st.multiselect(
            _("Deelnemers (de volgorde is de beurtvolgorde)"),
            living,
            format_func=lambda i: names.get(i, i) + age_words(data, i, on),
            key=key,
        )
        children = [p for p in chosen if is_child(data.entity(p), on)]
        first: set[str] = set()
        if children:
            st.caption(_("Kinderen mogen eerst, als ze dat willen:"))
            columns = st.columns(min(len(children), 4))
            for n, child in enumerate(children):
                wants = columns[n % len(columns)].checkbox(
                    # a label is markdown: the name shown literally
                    _("{name} wil eerst").format(name=md_escape(names.get(child, child))),
                    key=kept(f"fb_first_{child}", False),
                )
                if wants:
                    first.add(child)
    return turn_order(data, chosen, first, on)


def turn_panel(step: Step, order: list[str], names: dict[str, str], data, on) -> str:
    """The round of ``step``: the speaker named large, the order to click through."""
    speakers = st.session_state.setdefault(SPEAKERS, {})
    if not order:
        st.info(_("Kies eerst wie er aan tafel zitten."))
        return ""
    key = f"fb_turn_{step.key}"
    current = next_turn(order, speakers.get(step.key, ""), 0)
    heading = st.empty()  # the speaker, named above the buttons and the order (filled below)
    back, forward = st.columns(2)
    if back.button(_("◀ Vorige beurt"), key="fb_turn_prev", width="stretch"):
        current = next_turn(order, current, -1)
        st.session_state[key] = current
    if forward.button(_("Volgende beurt ▶"), key="fb_turn_next", width="stretch"):
        current = next_turn(order, current, 1)
        st.session_state[key] = current
    if st.session_state.get(key) not in order:
        st.session_state[key] = current
    current = st.radio(
        _("Beurtvolgorde"),
        order,
        # an option is markdown: the name shown literally
        format_func=lambda i: (
            f"{order.index(i) + 1}. {md_escape(names.get(i, i))}{age_words(data, i, on)}"
        ),
        key=key,
    )
    speakers[step.key] = current
    # orange, as the speaker's halo on the map
    heading.markdown(f"### :orange[{_('Aan het woord')}: {md_escape(names.get(current, current))}]")
    if current == order[-1]:
        st.caption(_("Iedereen is aan de beurt geweest: verder met Volgende ▶."))
    return current


def familieberaad(data: CaseData, lang: str) -> None:
    """The familieberaad mode of the meeting page (see the module's docstring)."""
    today = date.today()
    state.apply_form_resets()  # an agreement saved in the last run: its form starts empty
    controls = st.columns([1, 1, 1, 1, 1, 1, 1])
    large = controls[0].toggle(_("Grote letters"), key=kept("fb_large", True))
    hide_notes = controls[1].toggle(_("Notities verbergen"), key=kept("fb_hide_notes", True))
    # the family's own conversation: names, unless the casemanager switches pseudonyms on
    pseudo = controls[2].toggle(_("Pseudoniemen"), key=kept("fb_pseudo", False))
    fullscreen = controls[3].toggle(_("Volledig scherm"), key=kept("fb_full", True))
    show_legend = controls[6].toggle(_("Legenda"), key=kept("fb_legend", False))
    index = int(st.session_state.get(STEP, 0))
    if controls[4].button(_("◀ Vorige"), key="fb_prev", width="stretch"):
        index -= 1
    if controls[5].button(_("Volgende ▶"), key="fb_next", width="stretch"):
        index += 1
    index = max(0, min(index, len(AGENDA) - 1))
    st.session_state[STEP] = index
    step = AGENDA[index]
    style = projector_style(fullscreen=fullscreen, hide_case=pseudo)
    if large:
        style += (
            ".st-key-fb_side p,.st-key-fb_side li,.st-key-fb_side label{font-size:1.3rem}"
            ".st-key-fb_side table{font-size:1.2rem}"
        )
    st.html(f"<style>{style}</style>")

    shown = data
    if pseudo:
        from mapping.services.pseudonym import pseudonymise

        shown = pseudonymise(data, code=state.pseudonym_code(data.case.id))
    names = {e.id: e.name for e in shown.entities}
    st.markdown(
        f"## {_('Familieberaad')}: {md_escape(translate(step.title, lang))} · "
        f"{index + 1}/{len(AGENDA)}"
    )
    order = table_panel(data, names, today, expanded=step.key == "opening")
    goal = agreement_goal(data, today, lang)  # this day's goal (not saved until an agreement)
    made = agreements(data, goal.id)
    side, figure = st.columns([2, 3])
    speaker = ""
    with side, st.container(key="fb_side"):
        st.markdown(f"**{md_escape(translate(step.prompt, lang))}**")
        if step.key == "opening":
            st.markdown("\n".join(f"1. {md_escape(translate(r, lang))}" for r in RULES))
        else:
            with st.expander(_("Spelregels")):
                st.markdown("\n".join(f"1. {md_escape(translate(r, lang))}" for r in RULES))
        if step.rounds:
            speaker = turn_panel(step, order, names, data, today)
        if step.key == "afspraken":
            agreement_panel(data, lang, order, names, today)
        elif step.key == "afsluiting":
            agreements_table(data, goal, made, names)
        if step.key != "opening":
            st.text_area(
                _("Notities bij deze stap (alleen in deze sessie)"),
                key=kept(f"fb_notes_{step.key}", ""),
                height=90,
            )
    with figure:
        lens = st.radio(
            _("Kaart"),
            [Lens.GENOGRAM.value, Lens.ECOGRAM.value],
            format_func=lambda v: label(Lens(v), lang),
            horizontal=True,
            key=kept(LENS, Lens.GENOGRAM.value),
        )
        actors = {a.actor_id for a in this_meeting(data, goal) if a.actor_id}
        family_map(shown, lens, speaker, actors, large, hide_notes, show_legend)
    keep_all()


def family_map(
    shown: CaseData,
    lens: str,
    speaker: str,
    actors: set[str],
    large: bool,
    hide_notes: bool,
    show_legend: bool,
) -> None:
    """The family's map in large type: the speaker marked, the agreements' actors outlined."""
    from mapping.lenses import draw
    from mapping.render.svg import RenderOptions, render_svg, text_scale

    lang = state.current_lang()
    options = RenderOptions(
        legend=show_legend, lang=lang, large_font=large, hide_notes=hide_notes, caption=False
    )
    scale = text_scale(options)
    try:
        drawing = draw(shown, lens, lang=lang, text_scale=scale)
        drawing = mark_speaker(mark_actors(drawing, actors), speaker)
        on_map = {s.entity_id or s.id for s in drawing.symbols}
        if speaker and speaker not in on_map:
            st.caption(_("Wie aan het woord is, staat niet op deze kaart."))
        # the map starts lower than in the team meeting (the title, the table, the map choice):
        # its box ends at the screen's bottom, the speaker in its middle
        show_map(render_svg(drawing, options), scale, key="fb_map", top="23rem", focus=speaker)
    except CasemapError as err:
        show_error(err)
