"""The plan: goals and subgoals, actions and actors, status, monitoring, links to entities."""

from __future__ import annotations

from datetime import date

import pytest

from mapping.core.errors import InvalidInput
from mapping.core.model import Action, Entity, Factor, Goal, Monitoring
from mapping.core.vocabulary import FactorSide, GoalStatus
from mapping.services.plan import (
    actions_blocking_delete,
    actors_of,
    entity_label,
    entity_links,
    expected_hours,
    goal_tree,
    goal_with_parts,
    monitoring_history,
    owner_name,
    plan_rows,
    relation_label,
    set_status,
    subtree_ids,
    validate_action,
    validate_goal,
    validate_monitoring,
)


# ----------------------------------------------------------------- goal tree and actors
def test_goal_tree_puts_subgoals_under_their_goal(demo_data):
    tree = [(g.id, depth) for g, depth in goal_tree(demo_data)]
    assert tree == [("g-geld", 0), ("g-post", 1), ("g-thuis", 0), ("g-daan", 0)]
    assert subtree_ids(demo_data, "g-geld") == ["g-geld", "g-post"]


def test_goal_tree_never_hides_orphans_or_loops(demo_data):
    demo_data.goals.append(Goal(id="wees", title="Wees", parent_id="bestaat-niet"))
    demo_data.goals += [
        Goal(id="lus-a", title="A", parent_id="lus-b"),
        Goal(id="lus-b", title="B", parent_id="lus-a"),
    ]
    ids = [g.id for g, _ in goal_tree(demo_data)]
    assert sorted(ids) == sorted(g.id for g in demo_data.goals)
    assert len(ids) == len(set(ids))


def test_actors_of_a_goal_include_subgoals_and_owner(demo_data):
    # g-geld: schuldhulp, woningcorp (actions), casemanager (free text, not an entity),
    # els (action of subgoal g-post), sanne (owner of both)
    assert actors_of(demo_data, "g-geld") == {"schuldhulp", "woningcorp", "els", "sanne"}
    assert actors_of(demo_data, "g-post") == {"els", "sanne"}
    # owned by "het gezin": only the actor of its action
    assert actors_of(demo_data, "g-thuis") == {"wijkteam"}
    assert actors_of(demo_data, "nope") == set()


def test_expected_hours(demo_data):
    assert expected_hours(demo_data) == pytest.approx(1 + 6 + 2 + 2 + 8 + 0 + 1)
    assert expected_hours(demo_data, "g-geld") == pytest.approx(6 + 2 + 2 + 1)
    assert expected_hours(demo_data, "g-post") == pytest.approx(1)


def test_owner_and_labels(demo_data):
    goals = {g.id: g for g in demo_data.goals}
    assert owner_name(demo_data, goals["g-geld"]) == demo_data.entity("sanne").name
    assert owner_name(demo_data, goals["g-thuis"]) == "het gezin"
    assert owner_name(demo_data, Goal(id="x", title="x"), "en") == "the family"
    assert entity_label(demo_data.entity("els")) == "Els Visser (buurvrouw)"
    conflict = next(r for r in demo_data.relations if r.id == "e-rick-daan")
    rick, daan = demo_data.entity("rick").name, demo_data.entity("daan").name
    assert relation_label(demo_data, conflict) == f"conflict: {rick} – {daan}"


# ----------------------------------------------------------------- entity links
def test_entity_links_for_the_detail_panel(demo_data):
    els = entity_links(demo_data, "els")
    assert [f.id for f in els["factors"]] == ["f-els"]
    assert els["goals"] == []
    assert [a.id for a in els["actions"]] == ["a-post"]

    sanne = entity_links(demo_data, "sanne")
    assert {f.id for f in sanne["factors"]} == {"f-warm", "f-somber"}
    assert [g.id for g in sanne["goals"]] == ["g-geld", "g-post"]
    assert sanne["actions"] == []


def test_entity_links_follow_relations(demo_data):
    # f-ruzie is linked to the relation e-rick-daan; a factor only on the relation still counts
    demo_data.factors.append(
        Factor("f-rel", FactorSide.DRAAGLAST, "Alleen de relatie", relation_ids=("e-rick-daan",))
    )
    assert "f-rel" in {f.id for f in entity_links(demo_data, "rick")["factors"]}
    assert "f-rel" in {f.id for f in entity_links(demo_data, "daan")["factors"]}
    assert "f-rel" not in {f.id for f in entity_links(demo_data, "sanne")["factors"]}


def test_actions_blocking_delete(demo_data):
    assert [a.id for a in actions_blocking_delete(demo_data, "schuldhulp")] == ["a-intake"]
    assert actions_blocking_delete(demo_data, "riet") == []


# ----------------------------------------------------------------- deleting a linked entity, through the store
def test_delete_entity_with_actions_is_refused_by_default(demo_store):
    store, case = demo_store
    before = store.load(case.id)
    blocking = actions_blocking_delete(before, "els")
    assert blocking
    with pytest.raises(InvalidInput) as err:
        store.delete(case.id, Entity, "els")
    assert "actie" in err.value.message("nl")
    after = store.load(case.id)
    assert "els" in after.entity_map()
    assert [a.actor_id for a in after.actions if a.id == "a-post"] == ["els"]
    assert after.case.revision == before.case.revision


def test_delete_entity_unassigning_its_actions(demo_store):
    store, case = demo_store
    store.delete(case.id, Entity, "els", on_actions="unassign")
    data = store.load(case.id)
    post = next(a for a in data.actions if a.id == "a-post")
    assert post.actor_id == "" and post.actor_text == "Els Visser"
    # the factor stays, unlinked from Els; its badge is gone
    assert next(f for f in data.factors if f.id == "f-els").entity_ids == ()
    from mapping.services.balance import factor_badges

    assert "els" not in factor_badges(data)
    assert "els" not in actors_of(data, "g-geld")
    assert actions_blocking_delete(data, "els") == []


def test_delete_entity_with_its_actions(demo_store):
    store, case = demo_store
    store.delete(case.id, Entity, "schuldhulp", on_actions="delete")
    data = store.load(case.id)
    assert "a-intake" not in {a.id for a in data.actions}
    assert {a.id for a in data.actions} == {
        "a-post",
        "a-huur",
        "a-toeslag",
        "a-gesprek",
        "a-voetbal",
        "a-school",
    }
    wijkteam = next(f for f in data.factors if f.id == "f-wijkteam")
    assert wijkteam.entity_ids == ("wijkteam",)


def test_delete_owner_keeps_the_goal_with_the_name(demo_store):
    store, case = demo_store
    store.delete(case.id, Entity, "daan", on_actions="refuse")  # daan acts in nothing
    data = store.load(case.id)
    goal = next(g for g in data.goals if g.id == "g-daan")
    assert goal.owner_id == "" and owner_name(data, goal).startswith("Daan")
    # the relation-linked factor lost the relation along with Daan
    ruzie = next(f for f in data.factors if f.id == "f-ruzie")
    assert ruzie.relation_ids == () and ruzie.entity_ids == ("rick",)


# ----------------------------------------------------------------- status
def test_set_status_records_dates():
    goal = Goal(id="g", title="Werk", evaluation_dates=("2026-06-01",))
    started = set_status(goal, GoalStatus.IN_PROGRESS, on=date(2026, 3, 1))
    assert started.status is GoalStatus.IN_PROGRESS and started.start == "2026-03-01"
    assert goal.status is GoalStatus.OPEN  # the original is untouched
    adjusted = set_status(started, "adjusted", on="2026-05-01")
    assert adjusted.evaluation_dates == ("2026-05-01", "2026-06-01")
    assert adjusted.start == "2026-03-01"
    reached = set_status(adjusted, GoalStatus.REACHED, on="2026-06-01")
    assert reached.evaluation_dates == ("2026-05-01", "2026-06-01")  # once
    assert set_status(reached, GoalStatus.REACHED, on="2027-01-01") is reached
    with pytest.raises(ValueError):
        set_status(goal, "gehaald")
    with pytest.raises(InvalidInput):
        set_status(goal, GoalStatus.STOPPED, on="gisteren")


def test_status_change_through_the_store(demo_store):
    store, case = demo_store
    data = store.load(case.id)
    goal = next(g for g in data.goals if g.id == "g-daan")
    store.save(case.id, set_status(goal, GoalStatus.STOPPED, on="2026-10-01"))
    stored = next(g for g in store.load(case.id).goals if g.id == "g-daan")
    assert stored.status is GoalStatus.STOPPED
    assert stored.evaluation_dates == ("2026-10-01",)


# ----------------------------------------------------------------- monitoring
def test_monitoring_history_is_sorted_by_date(demo_data):
    demo_data.monitoring.insert(0, Monitoring("late", "g-geld", "2026-12-01", 8))
    demo_data.monitoring.append(Monitoring("early", "g-geld", "2026-01-15", 2))
    history = monitoring_history(demo_data, "g-geld")
    assert [m.date for m in history] == [
        "2026-01-15",
        "2026-03-01",
        "2026-06-01",
        "2026-09-01",
        "2026-12-01",
    ]
    assert [m.score for m in history] == [2, 3, 5, 6, 8]
    assert monitoring_history(demo_data, "g-daan") == []


def test_monitoring_history_through_the_store(demo_store):
    store, case = demo_store
    store.save(case.id, Monitoring("m-new", "g-thuis", "2026-05-15", 4, "1-5", "ZRM"))
    history = monitoring_history(store.load(case.id), "g-thuis")
    assert [(m.date, m.score, m.scale) for m in history] == [
        ("2026-04-01", 3, "1-10"),
        ("2026-05-15", 4, "1-5"),
        ("2026-07-01", 5, "1-10"),
    ]


@pytest.mark.parametrize(
    "entry",
    [
        Monitoring("m", "g-geld", "2026-01-01", 11, "1-10"),
        Monitoring("m", "g-geld", "2026-01-01", 0, "1-10"),
        Monitoring("m", "g-geld", "2026-01-01", 6, "1-5"),
        Monitoring("m", "g-geld", "2026-01-01", 3, "1-7"),
        Monitoring("m", "g-geld", "", 3),
        Monitoring("m", "g-geld", "1 maart", 3),
        Monitoring("m", "weg", "2026-01-01", 3),
    ],
)
def test_bad_monitoring_is_refused(demo_data, entry):
    with pytest.raises(InvalidInput):
        validate_monitoring(entry, demo_data)


def test_good_monitoring_passes(demo_data):
    validate_monitoring(Monitoring("m", "g-geld", "2026-01-01", 5, "1-5"), demo_data)
    validate_monitoring(Monitoring("m", "g-geld", "2026-01", 10, "1-10"), demo_data)


# ----------------------------------------------------------------- validation
def test_goal_validation(demo_data):
    validate_goal(Goal(id="n", title="Nieuw", owner_id="sanne", parent_id="g-geld"), demo_data)
    bad = [
        Goal(id="n", title=" "),
        Goal(id="n", title="x", owner_id="spook"),
        Goal(id="n", title="x", factor_ids=("f-weg",)),
        Goal(id="n", title="x", parent_id="g-weg"),
        Goal(id="n", title="x", start="maart"),
        Goal(id="n", title="x", evaluation_dates=("2026-13",)),
        # g-geld under its own subgoal: a loop
        Goal(id="g-geld", title="Rust", parent_id="g-post"),
    ]
    for goal in bad:
        with pytest.raises(InvalidInput):
            validate_goal(goal, demo_data)


def test_action_validation(demo_data):
    validate_action(Action("n", "g-geld", "Bellen", actor_text="casemanager", hours=1.5), demo_data)
    bad = [
        Action("n", "g-geld", "", actor_id="els"),
        Action("n", "g-geld", "Bellen"),  # nobody does it
        Action("n", "g-weg", "Bellen", actor_id="els"),
        Action("n", "g-geld", "Bellen", actor_id="spook"),
        Action("n", "g-geld", "Bellen", actor_id="els", hours=-1),
        Action("n", "g-geld", "Bellen", actor_id="els", hours=float("nan")),
    ]
    for action in bad:
        with pytest.raises(InvalidInput):
            validate_action(action, demo_data)


# ----------------------------------------------------------------- report rows
def test_plan_rows(demo_data):
    rows = plan_rows(demo_data)
    assert [r["Doel"] for r in rows] == [
        "Rust in de financiën",
        "↳ Alle post wekelijks geopend en geordend",
        "Minder ruzie thuis tussen Rick en Daan",
        "Daan maakt zijn school af",
    ]
    geld = rows[0]
    assert geld["Status"] == "bezig" and geld["Termijn"] == "lange termijn"
    assert (
        geld["Uren"] == "10"
    )  # its own actions (the subgoal has its row), as the reader writes it
    assert "Schulden van ongeveer € 12.000" in geld["Factoren"]
    assert "casemanager: Toeslagen controleren en aanvragen" in geld["Acties"]
    assert geld["Laatste score"].startswith("6 (1-10, 2026-09-01)")
    assert rows[2]["Van wie"] == "het gezin"
    english = plan_rows(demo_data, "en")
    assert english[0]["Status"] == "in progress" and "Goal" in english[0]


# ----------------------------------------------------------------- JSON round trip
def test_plan_and_balance_survive_json_round_trip(demo_data):
    from mapping.formats.exchange import dump_case, load_case

    demo_data.monitoring.append(Monitoring("m-zrm", "g-daan", "2026-10-01", 2, "1-5", "ZRM"))
    demo_data.goals[0] = set_status(demo_data.goals[0], GoalStatus.ADJUSTED, on="2026-10-01")
    back = load_case(dump_case(demo_data))
    assert back.factors == demo_data.factors
    assert back.goals == demo_data.goals
    assert back.actions == demo_data.actions
    assert back.monitoring == demo_data.monitoring
    assert plan_rows(back) == plan_rows(demo_data)
    assert entity_links(back, "els") == entity_links(demo_data, "els")


def test_json_round_trip_through_the_store(demo_store):
    from mapping.formats.exchange import dump_case, load_case

    store, case = demo_store
    data = store.load(case.id)
    copy = store.import_case(load_case(dump_case(data)))
    again = store.load(copy.id)
    for part in ("factors", "goals", "actions", "monitoring"):
        assert getattr(again, part) == getattr(data, part), part


def test_mark_actors_outlines_only_the_actors(demo_data):
    from mapping.lenses import draw
    from mapping.services.plan import ACTOR_COLOUR, mark_actors

    drawing = draw(demo_data, "ecogram")
    actors = actors_of(demo_data, "g-thuis")
    marked = mark_actors(drawing, actors)
    outlined = {s.entity_id or s.id for s in marked.symbols if "plan-actor" in s.css}
    assert outlined == {"wijkteam"}
    assert marked.symbol(next(s.id for s in marked.symbols if "plan-actor" in s.css)).stroke == (
        ACTOR_COLOUR
    )
    assert not any("plan-actor" in s.css for s in drawing.symbols)  # original untouched


# ----------------------------------------------------------------- a goal with its parts
def test_goal_with_parts_checks_everything_as_it_will_be(demo_data):
    goal = Goal(id="g-new", title="Rust", owner_id="sanne", parent_id="g-geld")
    action = Action(id="a-new", goal_id="g-new", what="Bellen", actor_id="wijkteam")
    parts = goal_with_parts(demo_data, goal, ["Slapen", "", "Eten"], [action])
    assert [p.id for p in parts[:1]] == ["g-new"] and parts[-1] is action
    subs = parts[1:3]
    assert [(s.title, s.parent_id, s.owner_id) for s in subs] == [
        ("Slapen", "g-new", "sanne"),
        ("Eten", "g-new", "sanne"),
    ]
    # the action of the new goal passes, though the goal is not in the case yet
    with pytest.raises(InvalidInput):
        goal_with_parts(demo_data, goal, [], [Action(id="x", goal_id="g-geld", what="Elders")])
    with pytest.raises(InvalidInput):
        goal_with_parts(demo_data, goal, [], [Action(id="x", goal_id="g-new", what="")])
    with pytest.raises(InvalidInput):
        goal_with_parts(demo_data, Goal(id="g-new", title=""), ["Slapen"])
