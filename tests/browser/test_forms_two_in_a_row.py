"""Two records in a row on every add form of Ecogram, Balans and Plan: each keeps its own values.

Issue 23 point 1: after "Systeem toevoegen" the short label stayed in the form
and was saved silently on the next system. Here a casemanager adds two
systems, two connections, two factors, two goals and two actions through
the browser, each pair with different values (the second mostly left at the
form's defaults), and every stored record is compared with what was meant.
Point 4 along the way: the "Factor toevoegen" and "Doel toevoegen" expanders
stay open after a save. Point 7: the author's name survives a reload.
The number of user actions per record is counted (and printed with ``-s``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import (
    ConnectionStrength,
    FactorLevel,
    FactorSide,
    Flow,
    GoalTerm,
    LifeDomain,
    RelationKind,
    SystemKind,
)
from mapping.storage.store import Store
from tests.browser.conftest import free_port, start_app, stop_process, wait_for_app
from tests.browser.test_dutch_widgets import open_expander

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """An app on a database of its own: these tests add records the other browser tests'
    demo case must not get."""
    db = tmp_path_factory.mktemp("forms") / "casemap.db"
    proc = start_app(db, port := free_port())
    yield f"http://127.0.0.1:{port}", db
    stop_process(proc)


class Hand:
    """The user's hand on the page: every fill, choice and click is one counted action."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def keyed(self, key: str):
        return self.page.locator(f".st-key-{key}")

    def fill(self, key: str, text: str) -> None:
        self.actions += 1
        self.keyed(key).locator("input, textarea").first.fill(text)

    def choose(self, key: str, text: str) -> None:
        """Pick the option of a selectbox or multiselect whose text is ``text`` (two actions)."""
        self.actions += 2
        self.keyed(key).locator("input").first.click()
        self.page.keyboard.type(text)  # (the list shows only its first options until filtered)
        option = self.page.get_by_role("option").filter(has_text=re.compile(f"^{re.escape(text)}"))
        option.first.click()
        if self.keyed(key).get_by_test_id("stMultiSelect").count():
            self.keyed(key).get_by_test_id("stWidgetLabel").click()  # close the list

    def radio(self, key: str, text: str) -> None:
        self.actions += 1
        self.keyed(key).get_by_text(text, exact=True).click()

    def slide(self, key: str, value: int) -> None:
        """Set a slider to ``value`` (one action)."""
        self.actions += 1
        handle = self.keyed(key).locator("input[type='range']")
        handle.focus()
        now = int(handle.input_value())
        for _ in range(abs(value - now)):
            handle.press("ArrowRight" if value > now else "ArrowLeft")
        expect(handle).to_have_value(str(value))

    def submit(self, key: str, flash: str) -> None:
        self.actions += 1
        self.keyed(key).locator("button").click()
        wait_for_app(self.page, ran=True)  # the second "Actie toegevoegd." is not the first
        expect(self.page.get_by_text(flash).first).to_be_visible()


def load(app_db):
    with Store(app_db) as store:
        return store.load(store.get_case("DEMO-001").id)


def visit(page, app_url: str, stem: str) -> None:
    page.goto(f"{app_url}/{stem}?casus=DEMO-001")
    wait_for_app(page)


def test_ecogram_two_systems_and_two_connections(own_app, browser_page):
    app_url, app_db = own_app
    page = browser_page
    hand = Hand(page)
    visit(page, app_url, "ecogram")

    # the wijkteam, connected to Sanne with a label
    hand.choose("eco_new_kind", "wijkteam")
    hand.fill("eco_new_name", "Wijkteam Zuid")
    hand.choose("eco_new_link_person", "Sanne Jansen")
    hand.choose("eco_new_link_strength", "sterk")
    hand.choose("eco_new_link_flow", "naar het gezin")
    hand.fill("eco_new_link_label", "casemanager")
    hand.submit("eco_add", "Systeem 'Wijkteam Zuid' toegevoegd.")
    first_system = hand.actions
    # the form is empty again: nothing of the wijkteam shows
    expect(hand.keyed("eco_new_link_label").locator("input")).to_have_value("")
    expect(hand.keyed("eco_new_name").locator("input")).to_have_value("")
    # the football club, connected to Daan, nothing else chosen
    hand.choose("eco_new_kind", "sportclub")
    hand.fill("eco_new_name", "FC Noord")
    hand.choose("eco_new_link_person", "Daan Bakker")
    hand.submit("eco_add", "Systeem 'FC Noord' toegevoegd.")
    second_system = hand.actions - first_system

    # two connections in "Verbinding leggen"
    start = hand.actions
    hand.choose("eco_link_person", "Rick de Boer")
    hand.choose("eco_link_system", "GGZ Midden")
    hand.choose("eco_link_strength", "stressvol")
    hand.choose("eco_link_flow", "vanuit het gezin")
    hand.fill("eco_link_label", "wachtlijst")
    hand.submit("eco_connect", "Verbinding Rick de Boer – GGZ Midden opgeslagen.")
    first_link = hand.actions - start
    start = hand.actions
    hand.choose("eco_link_person", "Lotte Bakker")
    hand.choose("eco_link_system", "Huisartsenpraktijk Van Dam")
    hand.submit("eco_connect", "Verbinding Lotte Bakker – Huisartsenpraktijk Van Dam opgeslagen.")
    second_link = hand.actions - start

    data = load(app_db)
    by_name = {e.name: e for e in data.entities}
    wijk, club = by_name["Wijkteam Zuid"], by_name["FC Noord"]
    assert (wijk.system_kind, club.system_kind) == (SystemKind.WIJKTEAM, SystemKind.SPORTS)
    links = {(r.source, r.target): r for r in data.relations if r.kind is RelationKind.CONNECTION}
    meant = {
        ("sanne", wijk.id): (ConnectionStrength.STRONG.value, Flow.TO_FAMILY, "casemanager"),
        ("daan", club.id): (ConnectionStrength.MODERATE.value, Flow.NONE, ""),
        ("rick", "ggz"): (ConnectionStrength.STRESSFUL.value, Flow.FROM_FAMILY, "wachtlijst"),
        ("lotte", "huisarts"): (ConnectionStrength.MODERATE.value, Flow.NONE, ""),
    }
    for ends, (strength, flow, text) in meant.items():
        link = links[ends]
        assert (link.subtype, link.flow, link.label) == (strength, flow, text), ends
    print(
        f"\nactions: system {first_system} and {second_system}, "
        f"connection {first_link} and {second_link}"
    )


def test_balance_two_factors_and_the_form_stays_open(own_app, browser_page):
    app_url, app_db = own_app
    page = browser_page
    hand = Hand(page)
    visit(page, app_url, "balance")
    description = hand.keyed("bal_new_description").locator("input")
    open_expander(page, "Factor toevoegen", description)

    hand.fill("bal_new_description", "Schuld bij de energieleverancier")
    hand.radio("bal_new_side", "Draaglast")
    hand.choose("bal_new_level", "macro")
    hand.choose("bal_new_domain", "financiën")
    hand.slide("bal_new_weight", 5)
    hand.radio("bal_new_source", "professional")
    hand.choose("bal_new_entities", "Sanne Jansen")
    hand.submit("bal_new_submit", "Factor toegevoegd.")
    first = hand.actions
    # still open, and empty
    expect(description).to_be_visible()
    expect(description).to_have_value("")
    hand.fill("bal_new_description", "Oma past op woensdag op")
    hand.submit("bal_new_submit", "Factor toegevoegd.")
    second = hand.actions - first
    expect(description).to_be_visible()

    factors = {f.description: f for f in load(app_db).factors}
    debt = factors["Schuld bij de energieleverancier"]
    grandma = factors["Oma past op woensdag op"]
    assert (debt.side, debt.level, debt.domain, debt.weight, debt.source.value) == (
        FactorSide.DRAAGLAST,
        FactorLevel.MACRO,
        LifeDomain.FINANCES,
        5,
        "professional",
    )
    assert debt.entity_ids == ("sanne",)
    assert (grandma.side, grandma.level, grandma.domain, grandma.weight) == (
        FactorSide.DRAAGKRACHT,
        FactorLevel.MICRO,
        None,
        3,
    )
    assert (grandma.source.value, grandma.entity_ids, grandma.relation_ids) == ("family", (), ())
    print(f"\nactions: factor {first} and {second}")


def test_plan_two_goals_and_two_actions(own_app, browser_page):
    app_url, app_db = own_app
    page = browser_page
    hand = Hand(page)
    visit(page, app_url, "plan")
    title = hand.keyed("plan_new_goal_title").locator("input")
    open_expander(page, "Doel toevoegen", title)

    hand.fill("plan_new_goal_title", "Daan gaat weer naar training")
    hand.choose("plan_new_goal_owner", "Daan Bakker")
    hand.radio("plan_new_goal_term", "lange termijn")
    hand.choose("plan_new_goal_domain", "dagbesteding")
    hand.submit("plan_new_goal_submit", "Doel 'Daan gaat weer naar training' toegevoegd.")
    first_goal = hand.actions
    expect(title).to_be_visible()  # the expander stayed open
    expect(title).to_have_value("")
    hand.fill("plan_new_goal_title", "Rust in huis")
    hand.submit("plan_new_goal_submit", "Doel 'Rust in huis' toegevoegd.")
    second_goal = hand.actions - first_goal

    # the new goal is chosen: two actions for it
    start = hand.actions
    hand.choose("plan_new_action_who", "Ahmed El Amrani")
    hand.fill("plan_new_action_what", "Ophalen voor de training")
    hand.fill("plan_new_action_where", "thuis")
    hand.fill("plan_new_action_hours", "1,5")  # as a Dutch reader writes it
    hand.submit("plan_new_action_submit", "Actie toegevoegd.")
    first_action = hand.actions - start
    expect(hand.keyed("plan_new_action_where").locator("input")).to_have_value("")
    start = hand.actions
    hand.fill("plan_new_action_what", "Gesprek met de trainer")
    hand.submit("plan_new_action_submit", "Actie toegevoegd.")
    second_action = hand.actions - start

    data = load(app_db)
    goals = {g.title: g for g in data.goals}
    training, rest = goals["Daan gaat weer naar training"], goals["Rust in huis"]
    assert (training.owner_id, training.term, training.domain) == (
        "daan",
        GoalTerm.LONG,
        LifeDomain.DAYTIME,
    )
    assert (rest.owner_id, rest.term, rest.domain, rest.parent_id) == ("", GoalTerm.SHORT, None, "")
    actions = {a.what: a for a in data.actions if a.goal_id == rest.id}
    fetch, talk = actions["Ophalen voor de training"], actions["Gesprek met de trainer"]
    assert (fetch.actor_id, fetch.where, fetch.hours) == ("ahmed", "thuis", 1.5)
    assert (talk.actor_id, talk.actor_text, talk.where, talk.hours) == ("", "casemanager", "", 0)
    print(
        f"\nactions: goal {first_goal} and {second_goal}, action {first_action} and {second_action}"
    )


def test_the_authors_name_survives_a_reload(own_app, browser_page):
    app_url, _db = own_app
    page = browser_page
    visit(page, app_url, "ecogram")
    name = page.get_by_label("Uw naam (voor de historie)")
    name.fill("Marieke de Wit")
    name.press("Enter")
    wait_for_app(page)
    page.reload()  # a new session
    wait_for_app(page)
    expect(page.get_by_label("Uw naam (voor de historie)")).to_have_value("Marieke de Wit")
