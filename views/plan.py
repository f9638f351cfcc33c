"""Plan: the family's goals, who does what, status, monitoring, and who acts on the map.

The page runs as a script (``__name__ == "__main__"`` under Streamlit);
importing ``views.plan`` only defines :func:`entity_panel`, which the lens
pages may call to show what hangs on a selected person or system.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, CaseData, Goal, Monitoring, new_id, replace
from mapping.core.vocabulary import (
    FactorSide,
    GoalStatus,
    GoalTerm,
    Lens,
    LifeDomain,
    label,
    options,
)
from mapping.services.plan import (
    SCALES,
    actions_of,
    actor_name,
    actors_of,
    entity_label,
    entity_links,
    expected_hours,
    goal_tree,
    goal_with_parts,
    hours_text,
    mark_actors,
    monitoring_history,
    not_on_map,
    owner_candidates,
    owner_name,
    parse_hours,
    plan_rows,
    set_status,
    subtree_ids,
    validate_action,
    validate_monitoring,
)
from views import state
from views.dutch import date_format
from views.i18n import _
from views.shell import md_escape

GOAL = "plan_goal"  # the chosen goal (selectbox key)
NEXT_GOAL = "plan_goal_next"  # a goal to choose on the next run (after adding one)
CASEMANAGER = "__casemanager__"
FREE_TEXT = "__text__"
#: the fields of the new-goal form emptied once the goal is saved (widget key suffix: blank)
#: (every field: the form's widgets take their value from the session only, so nothing of
#: the last goal, its owner, term or domain included, is carried into the next one)
GOAL_BLANKS = {
    **dict.fromkeys(("title", "owner_text", "result", "start", "evaluations", "change"), ""),
    **dict.fromkeys(("subgoals", "first_what", "owner", "domain", "parent"), ""),
    "term": GoalTerm.SHORT.value,
    "first_who": CASEMANAGER,
    "factors": [],
}
#: the same for the new-action form: who goes back to the casemanager, no hours
ACTION_BLANKS = {
    **dict.fromkeys(("who_text", "what", "where", "when", "how", "aim", "hours"), ""),
    "who": CASEMANAGER,
    "done": False,
}
#: the same for a new score: the note empties and the score goes back to the middle (the
#: score field takes its first value from the session, not from value=, so this is allowed)
MONITORING_BLANKS = {"note": "", "score": 5}
ADDING_GOAL = "plan_adding_goal"  # the key of the "Doel toevoegen" expander
NEW_FORMS = {
    "plan_new_goal": GOAL_BLANKS,
    "plan_new_action": ACTION_BLANKS,
    "plan_mon": MONITORING_BLANKS,
}
BADGES = "casemap_badges"  # shared with the balance page


#: No script, no request, no form in a figure's own frame.
FIGURE_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)


def figure_html(svg: str) -> str:
    """The page for :func:`show_figure`: the SVG in a script-less sandboxed frame.

    Streamlit's own ``st.iframe`` may run scripts as the app's origin (and
    needs a script of its own to measure the height), so the SVG sits one
    frame deeper, with ``sandbox=""`` and a Content-Security-Policy that
    forbids every script and request.
    """
    from mapping.lenses.explore import sandboxed

    size = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    inner = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f'<meta http-equiv="Content-Security-Policy" content="{FIGURE_POLICY}"><style>'
        "html,body{margin:0}svg{width:100%;height:auto;display:block}</style></head>"
        f"<body>{svg}</body></html>"
    )
    return sandboxed(
        inner, scripts=False, size=(float(size[1]), float(size[2])) if size else (800, 600)
    )


def show_figure(svg: str) -> None:
    """Show a rendered SVG (escaped by the renderer) scaled to the column width.

    ``st.html`` sanitises with DOMPurify's HTML profile, which drops SVG
    altogether; an iframe keeps the SVG's elements (and its data attributes).
    """
    st.iframe(figure_html(svg), height="content")


def show_table(rows: list[dict]) -> None:
    """A read-only table at the column's width, without the index column."""
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def new_form(prefix: str, blanks: dict[str, object]) -> None:
    """Give a new-item form its documented defaults, unless its fields already hold input.

    The widgets of a new-item form take their value from the session only
    (no ``index=``/``value=`` of their own), so the first draw and the draw
    after a save (:func:`views.state.forget_form` with the same ``blanks``)
    start from the same defaults: no kind, quality or label of the previous
    record is carried into the next one.
    """
    for name, blank in blanks.items():
        st.session_state.setdefault(f"{prefix}_{name}", blank)


def given(fresh: bool, **initial) -> dict:
    """``initial`` (``index=``, ``value=``...) for an edit form; nothing for a new-item form.

    A new-item form's fields get their defaults from the session (:func:`new_form`);
    an edit form's from the record it edits.
    """
    return {} if fresh else initial


def domain_select(container, current: LifeDomain | None, *, key: str, fresh: bool = False) -> str:
    """The life domain of a factor or goal ('' for none), in ``container`` (a column)."""
    lang = state.current_lang()
    domains = [""] + list(options(LifeDomain, lang))
    return container.selectbox(
        _("Leefgebied"),
        domains,
        format_func=lambda v: label(LifeDomain(v), lang) if v else "—",
        key=key,
        **given(fresh, index=domains.index(current.value if current else "")),
    )


def entity_panel(data: CaseData, entity_id: str) -> None:
    """What hangs on one person or system: its factors, the goals it owns, its actions.

    For a detail panel next to a lens; shows nothing when the entity is unknown.
    """
    lang = state.current_lang()
    entities = data.entity_map()
    if entity_id not in entities:
        return
    links = entity_links(data, entity_id)
    goals = {g.id: g for g in data.goals}
    st.markdown(f"**{md_escape(entity_label(entities[entity_id], lang))}**")
    if not any(links.values()):
        st.caption(_("Geen factoren, doelen of acties."))
        return
    sign = {FactorSide.DRAAGKRACHT: "\\+", FactorSide.DRAAGLAST: "−"}  # '+' would nest a list
    bullets(
        _("Factoren in de balans:"),
        [f"{sign[f.side]} {md_escape(f.description)} ({f.weight})" for f in links["factors"]],
    )
    bullets(
        _("Eigen doelen:"),
        [f"{md_escape(g.title)} · {md_escape(label(g.status, lang))}" for g in links["goals"]],
    )
    bullets(
        _("Voert uit:"),
        [
            md_escape(a.what)
            + (f" ({md_escape(goals[a.goal_id].title)})" if a.goal_id in goals else "")
            + (" ✓" if a.done else "")
            for a in links["actions"]
        ],
    )


def bullets(heading: str, lines: list[str]) -> None:
    """A heading and a bulleted list (markdown already escaped); nothing when empty."""
    if lines:
        st.markdown(heading)
        st.markdown("\n".join(f"- {line}" for line in lines))


def enum_radio(container, title: str, enum, current, *, key: str, fresh: bool = False) -> str:
    """A horizontal radio over a vocabulary enum, labelled in the user's language."""
    lang = state.current_lang()
    values = [v.value for v in enum]
    return container.radio(
        title,
        values,
        format_func=lambda v: label(enum(v), lang),
        horizontal=True,
        key=key,
        **given(fresh, index=values.index(enum(current).value)),
    )


def main() -> None:  # noqa: C901 - a page reads top to bottom
    from views.shell import require_case, show_error

    lang = state.current_lang()
    st.title(_("Plan: doelen en acties"))
    state.apply_form_resets()  # a form saved in the last run starts empty
    data = require_case()
    case = data.case
    store = state.store()
    entities = data.entity_map()
    # deceased people own no goal and carry out no action: left out, with the reason shown
    deceased = owner_candidates(data)[1]
    doers = owner_candidates(data, people_only=False)[0]
    goals = {g.id: g for g in data.goals}
    factors = {f.id: f for f in data.factors}

    def save(records: list, success: str, choose: str = "", forget: str = "") -> None:
        """Save what one click made (a goal with its subgoals and first action...) at once."""
        try:
            store.save_many(
                case.id, records, expected_revision=case.revision, author=state.author()
            )
        except CasemapError as err:
            show_error(err)
            return
        st.session_state["plan_flash"] = success
        if forget:
            state.forget_form(forget, NEW_FORMS[forget])
        if forget == "plan_mon":  # the next measurement is of today, not of the last one's date
            state.forget_form(forget, {"date": date.today()})
        if choose:
            st.session_state[NEXT_GOAL] = choose
        st.rerun()

    def goal_text(goal_id: str) -> str:
        depth = next((d for g, d in goal_tree(data) if g.id == goal_id), 0)
        goal = goals[goal_id]
        return "· " * depth + f"{goal.title} ({label(goal.status, lang)})"

    def parse_dates(text: str) -> tuple[str, ...]:
        return tuple(sorted({part.strip() for part in text.split(",") if part.strip()}))

    def left_out_caption(container) -> None:
        """Who is not offered as owner or actor, and why (nobody disappears silently)."""
        if deceased:
            container.caption(
                _("Niet in de lijst: {names} (overleden).").format(
                    names=md_escape(", ".join(e.name for e in deceased))
                )
            )

    def who_select(
        container, key: str, choices: list[str], current: str = CASEMANAGER, fresh: bool = False
    ) -> str:
        return container.selectbox(
            _("Wie"),
            choices,
            **given(fresh, index=choices.index(current)),
            format_func=lambda i: (
                {
                    CASEMANAGER: _("de casemanager"),
                    FREE_TEXT: _("iemand anders (vrije tekst)"),
                }.get(i)
                or entity_label(entities[i], lang)
            ),
            key=key,
        )

    def first_steps(key: str) -> tuple[list[str], str, str]:
        """For a new goal: subgoals (one a line) and a first action (who, what)."""
        titles = st.text_area(
            _("Subdoelen (één per regel, optioneel)"), height=68, key=f"{key}_subgoals"
        )
        left, right = st.columns([1, 2])
        who = who_select(
            left, f"{key}_first_who", [CASEMANAGER, *(e.id for e in doers)], fresh=True
        )
        what = right.text_input(
            _("Eerste actie: wat (optioneel)"),
            placeholder=_("Bijvoorbeeld 'Afspraak maken met schuldhulp'"),
            key=f"{key}_first_what",
        )
        return titles.splitlines(), who, what

    def goal_form(key: str, goal: Goal | None) -> list | None:
        """The fields of a goal; returns what to save when submitted (checked), else None.

        A new goal may bring its subgoals and a first action: all of it is
        one save.
        """
        fresh = goal is None
        if fresh:
            new_form(key, GOAL_BLANKS)
        with st.form(key):  # a new goal's form is emptied after its save (forget_form)
            title = st.text_input(
                _("Doel (in de woorden van het gezin)"),
                key=f"{key}_title",
                **given(fresh, value=goal.title if goal else ""),
            )
            left, right = st.columns(2)
            # a stored goal keeps its owner in the list, also when that person died since
            keep = (goal.owner_id,) if goal and goal.owner_id else ()
            owners = [""] + [e.id for e in owner_candidates(data, keep)[0]]
            owner = left.selectbox(
                _("Van wie is het doel?"),
                owners,
                format_func=lambda i: entity_label(entities[i], lang) if i else _("het gezin"),
                key=f"{key}_owner",
                **given(
                    fresh,
                    index=owners.index(goal.owner_id) if goal and goal.owner_id in owners else 0,
                ),
            )
            owner_text = right.text_input(
                _("Of in eigen woorden"),
                help=_("Bijvoorbeeld 'Sanne en Rick'; leeg laten = het gezin"),
                key=f"{key}_owner_text",
                **given(fresh, value=goal.owner_text if goal and not goal.owner_id else ""),
            )
            left_out_caption(left)
            term = enum_radio(
                left,
                _("Termijn"),
                GoalTerm,
                goal.term if goal else GoalTerm.SHORT,
                key=f"{key}_term",
                fresh=fresh,
            )
            domain = domain_select(
                right, goal.domain if goal else None, key=f"{key}_domain", fresh=fresh
            )
            result = st.text_area(
                _("Beoogd resultaat"),
                height=68,
                key=f"{key}_result",
                **given(fresh, value=goal.result if goal else ""),
            )
            left, right = st.columns(2)
            blocked = set(subtree_ids(data, goal.id)) if goal else set()
            parents = [""] + [g.id for g, _d in goal_tree(data) if g.id not in blocked]
            parent = left.selectbox(
                _("Subdoel van"),
                parents,
                format_func=lambda i: goal_text(i) if i else _("(hoofddoel)"),
                key=f"{key}_parent",
                **given(
                    fresh,
                    index=parents.index(goal.parent_id)
                    if goal and goal.parent_id in parents
                    else 0,
                ),
            )
            addressed = right.multiselect(
                _("Pakt deze factoren aan"),
                list(factors),
                format_func=lambda i: (
                    ("+ " if factors[i].side is FactorSide.DRAAGKRACHT else "− ")
                    + factors[i].description
                ),
                placeholder=_("Kies factoren"),
                key=f"{key}_factors",
                **given(
                    fresh, default=[f for f in (goal.factor_ids if goal else ()) if f in factors]
                ),
            )
            start = left.text_input(
                _("Start (JJJJ-MM-DD)"),
                key=f"{key}_start",
                **given(fresh, value=goal.start if goal else ""),
            )
            evaluations = right.text_input(
                _("Evaluatiedata (komma's ertussen)"),
                key=f"{key}_evaluations",
                **given(fresh, value=", ".join(goal.evaluation_dates) if goal else ""),
            )
            change = st.text_input(
                _("Verwachte verandering als het doel bereikt is"),
                key=f"{key}_change",
                **given(fresh, value=goal.expected_change if goal else ""),
            )
            steps = first_steps(key) if goal is None else ([], CASEMANAGER, "")
            submitted = st.form_submit_button(
                _("Opslaan") if goal else _("Doel toevoegen"),
                type="primary",
                key=f"{key}_submit",
            )
        if not submitted:
            return None
        base = goal or Goal(id=new_id(), title="", order=len(data.goals) + 1)
        changed = replace(
            base,
            title=title.strip(),
            owner_id=owner,
            owner_text="" if owner else owner_text.strip(),
            term=GoalTerm(term),
            domain=LifeDomain(domain) if domain else None,
            result=result.strip(),
            parent_id=parent,
            factor_ids=tuple(addressed),
            start=start.strip(),
            evaluation_dates=parse_dates(evaluations),
            expected_change=change.strip(),
        )
        titles, who, what = steps
        first = [
            Action(
                id=new_id(),
                goal_id=changed.id,
                what=what.strip(),
                actor_id=who if who in entities else "",
                actor_text="casemanager" if who == CASEMANAGER else "",
            )
        ]
        try:
            return goal_with_parts(data, changed, titles, first if what.strip() else [])
        except CasemapError as err:
            show_error(err)
            return None

    def action_form(key: str, goal_id: str, action: Action | None) -> Action | None:
        fresh = action is None
        if fresh:
            new_form(key, ACTION_BLANKS)
        with st.form(key):  # a new action's form is emptied after its save (forget_form)
            keep = (action.actor_id,) if action and action.actor_id else ()
            living = owner_candidates(data, keep, people_only=False)[0]
            who_options = [CASEMANAGER, FREE_TEXT] + [e.id for e in living]
            if action is None:
                current = CASEMANAGER
            elif action.actor_id in entities:
                current = action.actor_id
            elif action.actor_text == "casemanager":
                current = CASEMANAGER
            else:
                current = FREE_TEXT
            left, right = st.columns(2)
            who = who_select(left, f"{key}_who", who_options, current, fresh=fresh)
            who_text = right.text_input(
                _("Naam (bij vrije tekst)"),
                key=f"{key}_who_text",
                **given(fresh, value=action.actor_text if action and current == FREE_TEXT else ""),
            )
            left_out_caption(left)

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
                    fresh, value=hours_text(action.hours, lang) if action and action.hours else ""
                ),
            )
            done = right.checkbox(
                _("Gedaan"),
                key=f"{key}_done",
                **given(fresh, value=action.done if action else False),
            )
            submitted = st.form_submit_button(
                _("Opslaan") if action else _("Actie toevoegen"),
                type="primary",
                key=f"{key}_submit",
            )
        if not submitted:
            return None
        base = action or Action(id=new_id(), goal_id=goal_id, what="")
        try:
            typed_hours = parse_hours(hours)
        except CasemapError as err:
            show_error(err)
            return None
        return replace(
            base,
            what=what.strip(),
            actor_id=who if who in entities else "",
            actor_text="casemanager"
            if who == CASEMANAGER
            else (who_text.strip() if who == FREE_TEXT else ""),
            where=where.strip(),
            when=when.strip(),
            how=how.strip(),
            aim=aim.strip(),
            hours=typed_hours,
            done=bool(done),
        )

    def checked(record, validate) -> bool:
        try:
            validate(record, data)
        except CasemapError as err:
            show_error(err)
            return False
        return True

    if flash := st.session_state.pop("plan_flash", ""):
        st.success(md_escape(flash))

    # ------------------------------------------------------------- overview
    reached = sum(1 for g in data.goals if g.status is GoalStatus.REACHED)
    c1, c2, c3 = st.columns(3)
    c1.metric(_("Doelen"), len(data.goals))
    c2.metric(_("Bereikt"), reached)
    c3.metric(_("Verwachte uren"), hours_text(expected_hours(data), lang))
    if data.goals:
        with st.expander(_("Het hele plan als tabel"), expanded=False):
            show_table(plan_rows(data, lang))

    # keyed: it stays as the user left it over a save (open on an empty plan)
    with st.expander(_("Doel toevoegen"), key=ADDING_GOAL, expanded=not data.goals):
        new_goal = goal_form("plan_new_goal", None)
        if new_goal:
            save(
                new_goal,
                _("Doel '{title}' toegevoegd.").format(title=new_goal[0].title),
                choose=new_goal[0].id,
                forget="plan_new_goal",
            )

    if not data.goals:
        st.info(_("Nog geen doelen. Schrijf het eerste doel op zoals het gezin het zegt."))
        return

    # ------------------------------------------------------------- the chosen goal
    st.subheader(_("Doel"))
    tree_ids = [g.id for g, _d in goal_tree(data)]
    pending = st.session_state.pop(NEXT_GOAL, "")
    if pending in goals:
        st.session_state[GOAL] = pending
    if st.session_state.get(GOAL) not in goals:
        st.session_state.pop(GOAL, None)
    chosen = st.selectbox(_("Kies een doel"), tree_ids, format_func=goal_text, key=GOAL)
    goal = goals[chosen]
    actors = actors_of(data, goal.id)

    details, figure = st.columns([1, 1])
    with details:
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
                    md_escape(factors[f].description) for f in goal.factor_ids if f in factors
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
                _("Op datum"),
                value=date.today(),
                format=date_format(lang),
                key="plan_status_date",
            )
            if st.form_submit_button(_("Status opslaan"), key="plan_status_save"):
                changed = set_status(goal, new_status, on=on)
                if changed is goal:
                    st.info(_("De status was al zo."))
                else:
                    save(
                        [changed],
                        _("Status: {status}.").format(status=label(changed.status, lang)),
                    )

    with figure:
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

            drawn = draw(data, lens, lang=lang)
            if missing := not_on_map(drawn, actors):
                st.warning(
                    _("Niet op deze kaart, dus niet uitgelicht: {names}.").format(
                        names=md_escape(", ".join(sorted(entities[i].name for i in missing)))
                    )
                )
            drawing = mark_actors(drawn, actors)
            if st.session_state.get(BADGES, True):
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

    # ------------------------------------------------------------- actions
    st.subheader(_("Acties: wie doet wat"))
    goal_actions = actions_of(data, goal.id)
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
                }
                for a in goal_actions
            ]
        )
    else:
        st.caption(_("Nog geen acties voor dit doel."))

    with st.container(border=True):
        st.markdown(f"**{_('Actie toevoegen')}**")
        new_action = action_form("plan_new_action", goal.id, None)
        if new_action is not None and checked(new_action, validate_action):
            save([new_action], _("Actie toegevoegd."), forget="plan_new_action")

    if goal_actions:
        by_id = {a.id: a for a in goal_actions}
        # keyed: stays open over a save (the flash above would make it a new one)
        with st.expander(_("Actie wijzigen of verwijderen"), key="plan_editing_action"):
            picked = st.selectbox(
                _("Actie"),
                list(by_id),
                format_func=lambda i: f"{actor_name(data, by_id[i], lang)}: {by_id[i].what}",
                key="plan_pick_action",
            )
            form = f"plan_edit_action_{picked}" + state.form_version(by_id[picked], "plan_action")
            edited = action_form(form, goal.id, by_id[picked])
            if edited is not None and checked(edited, validate_action):
                save([edited], _("Actie bijgewerkt."))
            if st.button(_("Actie verwijderen"), key="plan_delete_action"):
                try:
                    store.delete(
                        case.id,
                        Action,
                        picked,
                        expected_revision=case.revision,
                        author=state.author(),
                    )
                except CasemapError as err:
                    show_error(err)
                else:
                    st.session_state["plan_flash"] = _("Actie verwijderd.")
                    st.rerun()

    # ------------------------------------------------------------- monitoring
    st.subheader(_("Monitoring"))
    history = monitoring_history(data, goal.id)
    if history:
        # the y axis spans the whole scale, so a 6 out of 10 does not look like the top
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
        when = a.date_input(_("Datum"), format=date_format(lang), key="plan_mon_date")
        scale = b.radio(
            _("Schaal"),
            list(SCALES),
            format_func=lambda s: {"1-10": _("1-10"), "1-5": _("1-5 (zelfredzaamheid)")}[s],
            horizontal=True,
            key="plan_mon_scale",
        )
        score = c.number_input(_("Score"), min_value=1, max_value=10, step=1, key="plan_mon_score")
        note = st.text_input(_("Notitie"), key="plan_mon_note")
        if st.form_submit_button(_("Meting opslaan"), key="plan_mon_save"):
            entry = Monitoring(
                id=new_id(),
                goal_id=goal.id,
                date=when.isoformat() if when else "",
                score=int(score),
                scale=scale,
                note=note.strip(),
            )
            if checked(entry, validate_monitoring):
                save([entry], _("Meting opgeslagen."), forget="plan_mon")

    # ------------------------------------------------------------- edit or remove the goal
    with st.expander(_("Doel wijzigen"), key="plan_editing_goal"):
        form = f"plan_edit_goal_{goal.id}" + state.form_version(goal, "plan_goal")
        changed_goal = goal_form(form, goal)
        if changed_goal:
            save(changed_goal, _("Doel bijgewerkt."))
    subtree = subtree_ids(data, goal.id)
    with st.popover(_("Doel verwijderen")):
        st.warning(
            _("Het doel verdwijnt met {n} subdoel(en), {a} actie(s) en {m} meting(en).").format(
                n=len(subtree) - 1,
                a=len(actions_of(data, goal.id, deep=True)),
                m=sum(1 for m in data.monitoring if m.goal_id in subtree),
            )
        )
        if st.button(_("Ja, doel verwijderen"), type="primary", key="plan_delete_goal"):
            try:
                store.delete(
                    case.id, Goal, goal.id, expected_revision=case.revision, author=state.author()
                )
            except CasemapError as err:
                show_error(err)
            else:
                st.session_state["plan_flash"] = _("Doel verwijderd.")
                st.session_state.pop(GOAL, None)
                st.rerun()

    # ------------------------------------------------------------- per person or system
    st.subheader(_("Per persoon of systeem"))
    involved = [e.id for e in data.entities if any(entity_links(data, e.id).values())] or list(
        entities
    )
    who = st.selectbox(
        _("Persoon of systeem"),
        involved,
        format_func=lambda i: entity_label(entities[i], lang),
        key="plan_entity",
    )
    if who:
        entity_panel(data, who)


if __name__ == "__main__":
    main()
