"""The plan page: goals, actions, status, monitoring, and the goal's actors on the ecogram."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from mapping.core.model import Goal
from mapping.core.vocabulary import GoalStatus, GoalTerm, LifeDomain
from mapping.storage.store import Store


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def ecogram(at, *, outer: bool = False) -> str:
    """The figure page of the plan's ecogram (or the frame around it, with ``outer``)."""
    found = [
        el.proto.srcdoc
        for el in at.get("iframe")
        if 'data-testid="plan-ecogram"' in html.unescape(el.proto.srcdoc)
    ]
    assert len(found) == 1
    return found[0] if outer else html.unescape(found[0])


def faded(svg: str) -> dict[str, bool]:
    """Entity id -> whether its symbol is faded, from the rendered SVG."""
    result = {}
    for tag in re.findall(r'<g class="symbol[^>]*>', svg):
        entity = re.search(r'data-entity-id="([^"]+)"', tag).group(1)
        result[entity] = 'opacity="0.2"' in tag
    return result


def marked(svg: str) -> set[str]:
    """Entity ids outlined as actors of the chosen goal."""
    return set(re.findall(r'<g class="symbol[^"]*plan-actor[^"]*" data-entity-id="([^"]+)"', svg))


def opened(at, key: str):
    """Open the expander ``key`` (drawn only while open), as a click on its title does."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_shows_the_plan_and_highlights_the_first_goal(page_app):
    at = page_app("plan")
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="plan_goal").value == "g-geld"
    svg = ecogram(at)
    state = faded(svg)
    # els acts in the subgoal but is a neighbour, not on the ecogram
    assert marked(svg) == {"schuldhulp", "woningcorp", "sanne"}
    assert not any(state[actor] for actor in marked(svg))
    # systems nobody in this goal is linked to fade
    assert state["jeugdzorg"] and state["politie"]


def test_choosing_another_goal_moves_the_highlight(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_goal").set_value("g-thuis").run()
    assert not at.exception
    svg = ecogram(at)
    assert marked(svg) == {"wijkteam"}
    state = faded(svg)
    assert state["wijkteam"] is False
    assert state["schuldhulp"] is True


def test_add_a_goal_and_two_actions(page_app):
    at = page_app("plan")
    at.run()
    form = "plan_new_goal"
    at.text_input(key=f"{form}_title").input("Daan gaat weer naar training")
    at.selectbox(key=f"{form}_owner").set_value("daan")
    at.radio(key=f"{form}_term").set_value(GoalTerm.SHORT.value)
    at.selectbox(key=f"{form}_domain").set_value(LifeDomain.DAYTIME.value)
    at.selectbox(key=f"{form}_parent").set_value("g-daan")
    at.multiselect(key=f"{form}_factors").set_value(["f-voetbal"])
    at.text_input(key=f"{form}_evaluations").input("2026-12-01, 2026-09-01")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    goal = next(g for g in load(at).goals if g.title == "Daan gaat weer naar training")
    assert (goal.owner_id, goal.parent_id, goal.factor_ids) == ("daan", "g-daan", ("f-voetbal",))
    assert goal.evaluation_dates == ("2026-09-01", "2026-12-01")
    assert at.selectbox(key="plan_goal").value == goal.id  # the new goal is chosen

    for who, what in (("ahmed", "Ophalen voor de training"), ("riet", "Sporttas klaarzetten")):
        at.selectbox(key="plan_new_action_who").set_value(who)
        at.text_input(key="plan_new_action_what").input(what)
        at.text_input(key="plan_new_action_when").input("dinsdag")
        at.text_input(key="plan_new_action_hours").input("1,5")
        at.button(key="plan_new_action_submit").click().run()
        assert not at.exception, at.exception
    data = load(at)
    actions = [a for a in data.actions if a.goal_id == goal.id]
    assert sorted(a.actor_id for a in actions) == ["ahmed", "riet"]
    assert all(a.hours == 1.5 and a.when == "dinsdag" for a in actions)
    svg = ecogram(at)
    assert marked(svg) == {"daan"}  # ahmed and riet stand outside the ecogram
    assert faded(svg)["daan"] is False


def test_a_goal_with_subgoals_and_a_first_action_is_one_revision(page_app):
    at = page_app("plan")
    at.run()
    before = load(at).case.revision
    form = "plan_new_goal"
    at.text_input(key=f"{form}_title").input("Rust in huis")
    at.selectbox(key=f"{form}_owner").set_value("sanne")
    at.selectbox(key=f"{form}_domain").set_value(LifeDomain.HOUSING.value)
    at.text_area(key=f"{form}_subgoals").input(
        "Vaste bedtijden\n\n  Eén avond per week samen eten "
    )
    at.selectbox(key=f"{form}_first_who").set_value("wijkteam")
    at.text_input(key=f"{form}_first_what").input("Gezinscoach inzetten")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    data = load(at)
    goal = next(g for g in data.goals if g.title == "Rust in huis")
    subs = sorted((g for g in data.goals if g.parent_id == goal.id), key=lambda g: g.order)
    assert [g.title for g in subs] == ["Vaste bedtijden", "Eén avond per week samen eten"]
    assert all(g.owner_id == "sanne" and g.domain is LifeDomain.HOUSING for g in subs)
    first = [a for a in data.actions if a.goal_id == goal.id]
    assert [(a.actor_id, a.what) for a in first] == [("wijkteam", "Gezinscoach inzetten")]
    assert data.case.revision == before + 1


def test_a_bad_new_goal_saves_none_of_its_parts(page_app):
    at = page_app("plan")
    at.run()
    before = load(at)
    form = "plan_new_goal"
    at.text_input(key=f"{form}_title").input("Werk vinden")
    at.text_input(key=f"{form}_evaluations").input("volgende week")
    at.text_area(key=f"{form}_subgoals").input("Cv maken")
    at.text_input(key=f"{form}_first_what").input("Naar het WSP")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception
    assert at.error and "geen datum" in at.error[0].value
    after = load(at)
    assert (after.goals, after.actions) == (before.goals, before.actions)
    assert after.case.revision == before.case.revision


def test_a_free_text_actor_and_the_casemanager(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_new_action_who").set_value("__text__")
    at.text_input(key="plan_new_action_who_text").input("Tante Joke")
    at.text_input(key="plan_new_action_what").input("Oppassen op vrijdag")
    at.button(key="plan_new_action_submit").click().run()
    assert not at.exception, at.exception
    joke = next(a for a in load(at).actions if a.what == "Oppassen op vrijdag")
    assert (joke.actor_id, joke.actor_text, joke.goal_id) == ("", "Tante Joke", "g-geld")


def test_an_action_without_what_is_refused(page_app):
    at = page_app("plan")
    at.run()
    before = load(at).actions
    at.selectbox(key="plan_new_action_who").set_value("els")
    at.button(key="plan_new_action_submit").click().run()
    assert not at.exception
    assert at.error
    assert load(at).actions == before


def test_status_change_records_the_evaluation_date(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_goal").set_value("g-daan").run()
    at.selectbox(key="plan_status_value_g-daan").set_value(GoalStatus.ADJUSTED.value)
    at.date_input(key="plan_status_date").set_value(date(2026, 10, 1))
    at.button(key="plan_status_save").click().run()
    assert not at.exception, at.exception
    goal = next(g for g in load(at).goals if g.id == "g-daan")
    assert goal.status is GoalStatus.ADJUSTED
    assert goal.evaluation_dates == ("2026-10-01",)


def test_monitoring_entry_and_its_scale(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_goal").set_value("g-thuis").run()
    at.date_input(key="plan_mon_date").set_value(date(2026, 5, 15))
    at.radio(key="plan_mon_scale").set_value("1-5")
    at.number_input(key="plan_mon_score").set_value(4)
    at.text_input(key="plan_mon_note").input("ZRM relaties")
    at.button(key="plan_mon_save").click().run()
    assert not at.exception, at.exception
    history = [m for m in load(at).monitoring if m.goal_id == "g-thuis"]
    assert ("2026-05-15", 4, "1-5", "ZRM relaties") in [
        (m.date, m.score, m.scale, m.note) for m in history
    ]
    # the next measurement starts today, with an empty note: nothing carried over
    assert at.date_input(key="plan_mon_date").value == date.today()
    assert at.text_input(key="plan_mon_note").value == ""
    # a 7 on the 1-5 scale is refused with a message
    at.radio(key="plan_mon_scale").set_value("1-5")
    at.number_input(key="plan_mon_score").set_value(7)
    at.button(key="plan_mon_save").click().run()
    assert not at.exception
    assert at.error
    assert len([m for m in load(at).monitoring if m.goal_id == "g-thuis"]) == len(history)


def test_monitoring_chart_spans_the_whole_scale(page_app):
    import json

    at = page_app("plan")
    at.run()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["encoding"]["y"]["scale"]["domain"] == [1, 10]
    assert spec["mark"]["type"] == "line"


def test_delete_a_goal_with_its_subgoal(page_app):
    at = page_app("plan")
    at.run()
    at.button(key="plan_delete_goal").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert {g.id for g in data.goals} == {"g-thuis", "g-daan"}
    assert all(a.goal_id in {"g-thuis", "g-daan"} for a in data.actions)


def test_entity_panel_lists_factors_goals_and_actions(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_entity").set_value("els").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Buurvrouw Els helpt met boodschappen en de post" in text
    assert "Samen de post openen en sorteren" in text


def test_importing_the_page_runs_nothing():
    import views.plan as plan

    assert callable(plan.main)


def test_english(page_app):
    at = page_app("plan")
    at.session_state["casemap_lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Plan: goals and actions"


@pytest.mark.parametrize("lens", ["genogram", "sociogram"])
def test_the_actors_light_up_on_the_other_lenses_too(page_app, lens):
    at = page_app("plan")
    at.run()
    at.radio(key="plan_lens").set_value(lens).run()
    assert not at.exception, at.exception
    pages = [html.unescape(el.proto.srcdoc) for el in at.get("iframe")]
    found = [page for page in pages if f'data-testid="plan-{lens}"' in page]
    assert len(found) == 1
    # g-geld: Sanne (owner) stands in every lens
    assert "sanne" in marked(found[0])
    assert faded(found[0])["sanne"] is False


def test_the_figure_frame_forbids_every_script(page_app):
    at = page_app("plan")
    at.run()
    frame = ecogram(at)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', frame)
    assert policy and "script-src 'none'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    assert frame.index("Content-Security-Policy") < frame.index("<svg")  # before any content
    # and the figure sits in a frame of its own without scripts or the app's origin
    assert re.findall(r'<iframe sandbox="([^"]*)"', ecogram(at, outer=True)) == [""]
    assert "<svg" not in ecogram(at, outer=True)


# ----------------------------------------------------------------- issue 23


def test_two_goals_and_two_actions_in_a_row_each_get_their_own_values(page_app):
    at = page_app("plan")
    at.run()
    form = "plan_new_goal"
    at.text_input(key=f"{form}_title").input("Daan gaat weer naar training")
    at.selectbox(key=f"{form}_owner").set_value("daan")
    at.radio(key=f"{form}_term").set_value(GoalTerm.LONG.value)
    at.selectbox(key=f"{form}_domain").set_value(LifeDomain.DAYTIME.value)
    at.selectbox(key=f"{form}_parent").set_value("g-daan")
    at.multiselect(key=f"{form}_factors").set_value(["f-voetbal"])
    at.text_area(key=f"{form}_result").input("Twee keer per week")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key=f"{form}_owner").value == ""
    assert at.radio(key=f"{form}_term").value == GoalTerm.SHORT.value
    at.text_input(key=f"{form}_title").input("Rust in huis")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    goals = {g.title: g for g in load(at).goals}
    first, second = goals["Daan gaat weer naar training"], goals["Rust in huis"]
    assert (first.owner_id, first.term, first.domain, first.parent_id) == (
        "daan",
        GoalTerm.LONG,
        LifeDomain.DAYTIME,
        "g-daan",
    )
    assert (second.owner_id, second.term, second.domain, second.parent_id) == (
        "",
        GoalTerm.SHORT,
        None,
        "",
    )
    assert (second.factor_ids, second.result) == ((), "")

    action = "plan_new_action"
    at.selectbox(key=f"{action}_who").set_value("ahmed")
    at.text_input(key=f"{action}_what").input("Ophalen voor de training")
    at.text_input(key=f"{action}_where").input("thuis")
    at.text_input(key=f"{action}_hours").input("1,5")
    at.checkbox(key=f"{action}_done").check()
    at.button(key=f"{action}_submit").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key=f"{action}_who").value == "__casemanager__"
    assert at.text_input(key=f"{action}_hours").value == ""
    at.text_input(key=f"{action}_what").input("Gesprek met de trainer")
    at.button(key=f"{action}_submit").click().run()
    assert not at.exception, at.exception
    actions = {a.what: a for a in load(at).actions if a.goal_id == second.id}
    fetch, talk = actions["Ophalen voor de training"], actions["Gesprek met de trainer"]
    assert (fetch.actor_id, fetch.where, fetch.hours, fetch.done) == ("ahmed", "thuis", 1.5, True)
    assert (talk.actor_id, talk.actor_text, talk.where, talk.hours, talk.done) == (
        "",
        "casemanager",
        "",
        0.0,
        False,
    )


def test_deceased_people_are_not_offered_as_owners_and_the_reason_is_shown(page_app):
    at = page_app("plan")
    at.run()
    owners = at.selectbox(key="plan_new_goal_owner").options
    doers = at.selectbox(key="plan_new_action_who").options

    def names(options):
        return {o.split(" (")[0] for o in options}

    assert "Henk Jansen" not in names(owners) and "Henk Jansen" not in names(doers)
    assert "Riet Jansen" in names(owners) and "Riet Jansen" in names(doers)
    assert any("Henk Jansen (overleden)" in c.value for c in at.caption)


def test_a_highlight_names_the_owners_not_on_the_chosen_map(page_app):
    at = page_app("plan")
    at.run()
    # g-geld: els acts in a subgoal but stands outside the ecogram
    assert any("niet uitgelicht" in w.value and "Els Visser" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]
    at.radio(key="plan_lens").set_value("genogram").run()
    # the systems of the goal are not on the genogram
    warning = next(w.value for w in at.warning if "niet uitgelicht" in w.value)
    assert "Schuldhulpverlening Stad" in warning and "Sanne" not in warning


def test_hours_with_a_decimal_comma_in_dutch(page_app):
    at = page_app("plan")
    at.run()
    shown = [m.value for m in at.metric]
    data = load(at)
    assert sum(a.hours for a in data.actions) == 20
    action = "plan_new_action"
    at.text_input(key=f"{action}_what").input("Bellen")
    at.text_input(key=f"{action}_hours").input("1,5")
    at.button(key=f"{action}_submit").click().run()
    shown = [m.value for m in at.metric]
    assert "21,5" in shown, shown


def test_hours_that_are_no_number_are_refused_and_kept(page_app):
    at = page_app("plan")
    at.run()
    before = len(load(at).actions)
    action = "plan_new_action"
    at.text_input(key=f"{action}_what").input("Bellen")
    at.text_input(key=f"{action}_hours").input("een uur")
    at.button(key=f"{action}_submit").click().run()
    assert not at.exception
    assert any("geen aantal uren" in e.value for e in at.error)
    assert len(load(at).actions) == before
    assert at.text_input(key=f"{action}_hours").value == "een uur"  # to correct, not retype


# ----------------------------------------------------------------- issue 17.2 / 20: lazy parts


def test_closed_parts_are_not_drawn_until_opened(page_app):
    """The goal and action editors and the plan table run only while open.

    The new-goal and new-action forms are drawn always: they are the plan's
    first steps, and opening them must not wait for a run.
    """
    at = page_app("plan")
    at.run()
    keys = {w.key for w in at.get("text_input")}
    assert not any(k.startswith(("plan_edit_goal_", "plan_edit_action_")) for k in keys)
    assert len(at.dataframe) == 2  # the goal's actions and its measurements, not the plan
    assert {"plan_new_goal_title", "plan_new_action_what"} <= keys
    probe = "plan_edit_goal_g-geld_title"
    assert probe in {w.key for w in opened(at, "plan_editing_goal").get("text_input")}
    probe = "plan_edit_action_a-intake_what"
    assert probe in {w.key for w in opened(at, "plan_editing_action").get("text_input")}
    opened(at, "plan_table_open")
    assert len(at.dataframe) == 3
    assert any("Rust in de financiën" in df.value.to_string() for df in at.dataframe)


def test_change_a_goal_and_an_action_in_their_editors(page_app):
    at = page_app("plan")
    at.run()
    opened(at, "plan_editing_goal")
    at.text_input(key="plan_edit_goal_g-geld_title").input("Schulden op een rij")
    at.button(key="plan_edit_goal_g-geld_submit").click().run()
    assert not at.exception, at.exception
    assert next(g for g in load(at).goals if g.id == "g-geld").title == "Schulden op een rij"

    opened(at, "plan_editing_action")
    picked = at.selectbox(key="plan_pick_action").value
    form = f"plan_edit_action_{picked}"
    at.text_input(key=f"{form}_when").input("elke maandag")
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    assert next(a for a in load(at).actions if a.id == picked).when == "elke maandag"
    at.button(key="plan_delete_action").click().run()
    assert not at.exception, at.exception
    assert picked not in {a.id for a in load(at).actions}
    assert any("Actie verwijderd" in s.value for s in at.success)


def test_on_an_empty_plan_the_goal_form_is_open_and_stays_open_after_the_first_goal(page_app):
    """Opening it on an empty plan must not close it once there is a goal (the browser's
    kitchen-table run lost the form between two saves)."""
    at = page_app("plan")
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        for goal in [g for g in data.goals if not g.parent_id]:
            revision = store.load(at.case_id).case.revision
            store.delete(at.case_id, Goal, goal.id, expected_revision=revision, author="test")
    at.run()
    assert not at.exception, at.exception
    at.text_input(key="plan_new_goal_title").input("Rust in de financiën")
    at.button(key="plan_new_goal_submit").click().run()
    assert not at.exception, at.exception
    assert [g.title for g in load(at).goals] == ["Rust in de financiën"]
    assert at.text_input(key="plan_new_goal_title").value == ""  # open, and empty
    at.text_input(key="plan_new_goal_title").input("Werk vinden")
    at.button(key="plan_new_goal_submit").click().run()
    assert len(load(at).goals) == 2
