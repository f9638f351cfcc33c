"""The familieberaad's logic: agenda, who sits at the table, turn order, agreements as actions."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from mapping.core.errors import InvalidInput
from mapping.core.i18n import translate
from mapping.core.model import Action, Goal
from mapping.lenses import draw
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.demo import demo_case
from mapping.services.familieberaad import (
    AGENDA,
    RULES,
    age_on,
    agreement_records,
    candidates,
    default_participants,
    is_child,
    mark_speaker,
    next_turn,
    notes_text,
    parse_when,
    step_at,
    turn_order,
)
from mapping.services.plan import actors_of, plan_rows

DATA = Path(__file__).parent / "data" / "gedcom"
ON = date(2026, 12, 5)


def weasleys():
    """The Weasleys and Potters of harry_potter.ged (public test file, full birth dates)."""
    from mapping.formats.importers import read_case_file

    data = read_case_file("harry_potter.ged", (DATA / "harry_potter.ged").read_bytes(), notices=[])
    return data, {e.name: e.id for e in data.entities}


def test_the_agenda_goes_from_the_rules_through_three_rounds_to_agreements():
    assert [s.key for s in AGENDA] == [
        "opening",
        "goed",
        "irritatie",
        "voorstellen",
        "afspraken",
        "afsluiting",
    ]
    assert [s.key for s in AGENDA if s.rounds] == ["goed", "irritatie", "voorstellen"]
    assert step_at(-3) is AGENDA[0] and step_at(10) is AGENDA[-1]


def test_rules_and_agenda_are_in_dutch_and_english():
    texts = [*RULES, *(s.title for s in AGENDA), *(s.prompt for s in AGENDA)]
    english = [translate(t, "en") for t in texts]
    assert all(e != t for e, t in zip(english, texts, strict=True))
    assert "Everyone is equal." in english
    assert "Children may go first, if they want to." in english
    assert any("who does what, when" in e for e in english)


def test_the_table_is_the_living_household_oldest_first():
    data = demo_case()
    at_table = default_participants(data, ON)
    assert at_table == ["rick", "sanne", "daan", "lotte", "noor", "jayden", "finn"]
    ids = {e.id for e in candidates(data)}
    assert "henk" not in ids  # died in 2019
    assert "baby" not in ids  # not born yet
    assert "els" in ids  # the neighbour can be asked to the table


def test_without_a_household_everyone_living_is_asked():
    data, ids = weasleys()
    asked = default_participants(data, date(1990, 1, 1))
    assert ids["Fred Weasley"] not in asked  # deceased in the file
    assert ids["Molly Prewett"] in asked and ids["Ronald Bilius Weasley"] in asked
    assert asked.index(ids["Arthur Weasley"]) < asked.index(ids["Ginerva Molly Weasley"])


def test_a_child_is_younger_than_18_to_the_day():
    data, ids = weasleys()
    ron = data.entity(ids["Ronald Bilius Weasley"])  # born 1980-03-01
    assert age_on(ron, date(1998, 2, 28)) == 17 and is_child(ron, date(1998, 2, 28))
    assert age_on(ron, date(1998, 3, 1)) == 18 and not is_child(ron, date(1998, 3, 1))
    unknown = data.entity(ids["Dudley Dursley"])  # no birth date: not taken for a child
    assert age_on(unknown) is None and not is_child(unknown)


def test_children_who_want_go_first_youngest_first_then_the_table_order():
    data, ids = weasleys()
    on = date(1992, 9, 1)
    names = ["Arthur Weasley", "Molly Prewett", "Percy Ignatius Weasley", "Ronald Bilius Weasley"]
    table = [ids[n] for n in names] + [ids["Ginerva Molly Weasley"]]
    wants = {ids["Percy Ignatius Weasley"], ids["Ginerva Molly Weasley"], ids["Arthur Weasley"]}
    order = turn_order(data, table, first=wants, on=on)
    by_name = {v: k for k, v in ids.items()}
    assert [by_name[i] for i in order] == [
        "Ginerva Molly Weasley",  # 11: youngest of the eager children
        "Percy Ignatius Weasley",  # 16
        "Arthur Weasley",  # an adult waits his turn: the rule is for children
        "Molly Prewett",
        "Ronald Bilius Weasley",  # a child who did not ask keeps the table's order
    ]
    assert turn_order(data, table, on=on) == table  # nobody asked: the table's order
    assert turn_order(data, [*table, "weg"], on=on) == table  # someone removed meanwhile


def test_next_turn_walks_the_round_and_stops_at_its_ends():
    order = ["a", "b", "c"]
    assert next_turn(order, "a") == "b"
    assert next_turn(order, "c") == "c"
    assert next_turn(order, "a", -1) == "a"
    assert next_turn(order, "gone") == "a" and next_turn([], "a") == ""


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("15-01-2027", "2027-01-15"), ("5/1/2027", "2027-01-05"), ("2027-01-15", "2027-01-15")],
)
def test_when_is_a_date_as_a_dutch_family_writes_it(typed, iso):
    assert parse_when(typed) == iso


@pytest.mark.parametrize("typed", ["morgen", "31-02-2027", "2027-13-01", "15-01", "<b>1</b>"])
def test_a_when_that_is_no_date_is_refused_in_dutch(typed):
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed)
    assert "is geen datum" in str(refused.value)
    assert "is not a date" in refused.value.message("en")


def test_the_first_agreement_makes_the_goal_the_next_ones_reuse_it():
    data = demo_case()
    goal, first = agreement_records(
        data, who="daan", what="Elke avond afwassen", when="8-12-2026", on=ON
    )
    assert isinstance(goal, Goal) and goal.title == "Afspraken familieberaad 2026-12-05"
    assert goal.owner_text == "het gezin" and goal.start == "2026-12-05"
    assert (first.goal_id, first.actor_id, first.when) == (goal.id, "daan", "2026-12-08")
    data.goals.append(goal)
    data.actions.append(first)
    [second] = agreement_records(
        data, who_text="oma Riet", what="Op woensdag koken", when="2026-12-09", on=ON
    )
    assert isinstance(second, Action) and second.goal_id == goal.id
    assert (second.actor_id, second.actor_text) == ("", "oma Riet")
    data.actions.append(second)
    # the plan and the map know them: the goal's row lists both, daan is an actor
    row = next(r for r in plan_rows(data) if r["Doel"] == goal.title)
    assert "Daan Bakker: Elke avond afwassen" in row["Acties"]
    assert "oma Riet: Op woensdag koken" in row["Acties"]
    assert actors_of(data, goal.id) == {"daan"}


def test_an_agreement_under_an_existing_goal_makes_no_new_goal():
    [action] = agreement_records(
        demo_case(), goal_id="g-thuis", who="rick", what="Rustig praten", when="2027-01"
    )
    assert action.goal_id == "g-thuis" and action.when == "2027-01"


def test_english_names_the_goal_in_english():
    goal, _action = agreement_records(
        demo_case(), who="sanne", what="Cook", when="1-1-2027", on=ON, lang="en"
    )
    assert goal.title == "Family meeting agreements 2026-12-05" and goal.owner_text == "the family"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"what": "  ", "who": "daan", "when": "1-1-2027"}, "Wat is er afgesproken?"),
        ({"what": "x", "who": "niemand", "when": "1-1-2027"}, "'niemand' staat niet (meer)"),
        ({"what": "x", "who": "", "who_text": " ", "when": "1-1-2027"}, "Wie doet het?"),
        ({"what": "x", "who": "daan", "when": ""}, "Wanneer? Geef een datum"),
        ({"what": "x", "who": "daan", "when": "volgende week"}, "'volgende week' is geen datum"),
        (
            {"what": "x", "who": "daan", "when": "1-1-2027", "goal_id": "weg"},
            "Het gekozen doel bestaat niet meer",
        ),
    ],
)
def test_bad_agreements_are_refused_with_a_clear_dutch_message(fields, message):
    with pytest.raises(InvalidInput) as refused:
        agreement_records(demo_case(), on=ON, **fields)
    assert message in str(refused.value)
    assert refused.value.message("en") != str(refused.value)  # translated where shown


def test_agreements_save_through_the_store_with_a_history_line(tmp_path):
    from mapping.storage.store import Store

    with Store(tmp_path / "c.db") as store:
        case = store.import_case(demo_case())
        data = store.load(case.id)
        records = agreement_records(data, who="lotte", what="Hond uitlaten", when="6-12-2026")
        store.save_many(case.id, records, expected_revision=data.case.revision, author="cm")
        saved = store.load(case.id)
        history = store.history(case.id)
    goal = next(g for g in saved.goals if g.title.startswith("Afspraken familieberaad"))
    assert [(a.actor_id, a.what, a.when) for a in saved.actions if a.goal_id == goal.id] == [
        ("lotte", "Hond uitlaten", "2026-12-06")
    ]
    assert "Hond uitlaten" in history[0].summary or "Afspraken familieberaad" in history[0].summary


def test_notes_of_the_steps_in_one_line():
    notes = {"goed": "samen gegeten", "voorstellen": "  vaker  spelletjes ", "afspraken": ""}
    assert notes_text(notes) == "Wat ging goed: samen gegeten; Voorstellen: vaker spelletjes"
    assert notes_text(notes, "en").startswith("What went well: samen gegeten")


def test_the_speaker_is_marked_on_the_genogram_and_the_others_stay():
    data = demo_case()
    drawing = draw(data, "genogram")
    marked = mark_speaker(drawing, "lotte")
    speaker = [s for s in marked.symbols if "speaker" in s.css]
    assert [s.entity_id or s.id for s in speaker] == ["lotte"]
    halo = marked.areas[-1]
    assert (halo.id, halo.x, halo.y) == ("speaker-halo", speaker[0].x, speaker[0].y)
    svg = render_svg(marked, RenderOptions(large_font=True))
    assert re.search(r'<g class="symbol[^"]* speaker"', svg)
    assert not re.search(r'<g class="symbol[^>]*opacity=', svg)  # nobody faded: all at the table
    assert mark_speaker(drawing, "schuldhulp") is drawing  # not on the genogram: unchanged
    assert mark_speaker(drawing, "") is drawing
