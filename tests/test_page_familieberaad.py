"""The familieberaad mode of the meeting page (#22.4): rules, agenda, turns, agreements saved."""

from __future__ import annotations

import html
import re

from mapping.access import log
from mapping.core.model import Entity
from mapping.storage.store import Store
from tests.test_page_meeting import shown_svg

NEXT, PREV = "fb_next", "fb_prev"


def family(page_app, lang: str = "nl"):
    """The meeting page switched to the familieberaad, on the demo case."""
    from views.state import LANG

    at = page_app("meeting")
    at.session_state[LANG] = lang
    at.session_state["meeting_mode"] = "familieberaad"  # the switch's texts are in ``lang``
    at.run()
    assert not at.exception, at.exception
    return at


def title(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("## "))


def speaker(at) -> str:
    """The speaker's line, without its colour: '### Aan het woord: Finn de Boer'."""
    line = next(m.value for m in at.markdown if m.value.startswith("### "))
    return re.sub(r":orange\[(.*)\]$", r"\1", line)


def go_to(at, key: str):
    """Step with Volgende until the agenda step ``key`` (0 = opening, 4 = afspraken)."""
    from mapping.services.familieberaad import AGENDA

    while at.session_state["fb_step"] < [s.key for s in AGENDA].index(key):
        at.button(key=NEXT).click().run()
        assert not at.exception, at.exception
    return at


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def plain(text: str) -> str:
    """A table cell without its markdown escapes."""
    return re.sub(r"\\(.)", r"\1", str(text))


def agree(at, who: str, what: str, when: str, who_text: str = ""):
    at.selectbox(key="fb_agree_who").set_value(who)
    at.text_input(key="fb_agree_who_text").set_value(who_text)
    at.text_input(key="fb_agree_what").set_value(what)
    at.text_input(key="fb_agree_when").set_value(when)
    at.button(key="fb_agree_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_the_agenda_steps_from_the_rules_to_the_closing(page_app):
    at = family(page_app)
    texts = " ".join(m.value for m in at.markdown)
    assert title(at) == "## Familieberaad: Opening en spelregels · 1/6"
    for rule in ("Iedereen is gelijk.", "Kinderen mogen eerst, als ze dat willen."):
        assert rule in plain(texts)
    titles = [title(at)]
    for _step in range(6):  # one more than there are: it stays at the closing
        at.button(key=NEXT).click().run()
        assert not at.exception, at.exception
        titles.append(re.sub(r"^## Familieberaad: | · \d/6$", "", title(at)))
    assert titles[1:] == [
        "Wat ging goed",
        "Wat irriteerde",
        "Voorstellen",
        "Afspraken",
        "Afsluiting",
        "Afsluiting",
    ]
    at.button(key=PREV).click().run()
    assert title(at).startswith("## Familieberaad: Afspraken")


def test_the_same_rules_and_agenda_in_english(page_app):
    at = family(page_app, "en")
    assert title(at) == "## Family meeting: Opening and rules · 1/6"
    texts = plain(" ".join(m.value for m in at.markdown))
    assert "Everyone is equal." in texts and "Children may go first, if they want to." in texts
    at.button(key=NEXT).click().run()
    assert title(at).startswith("## Family meeting: What went well")
    assert speaker(at).startswith("### Speaking: ")


def test_the_family_map_in_large_type_with_names_and_no_notes(page_app):
    at = family(page_app)
    svg = shown_svg(at)
    assert "lens-genogram" in svg
    assert "Sanne Jansen" in svg  # the family's own conversation: no pseudonyms by default
    assert 'class="note' not in svg  # notes hidden
    assert 'font-size="18"' in svg  # large type: names 18 drawing units (>= 20 CSS px)
    at.radio(key="fb_lens").set_value("ecogram").run()
    assert "lens-ecogram" in shown_svg(at)
    at.toggle(key="fb_pseudo").set_value(True).run()
    assert "Sanne" not in shown_svg(at)


def test_the_household_sits_at_the_table_and_children_who_want_go_first(page_app):
    at = family(page_app)
    people = at.multiselect(key="fb_people")
    assert people.value == ["rick", "sanne", "daan", "lotte", "noor", "jayden", "finn"]
    at.checkbox(key="fb_first_finn").check()
    at.checkbox(key="fb_first_noor").check().run()
    go_to(at, "goed")
    order = at.radio(key="fb_turn_goed").options
    assert [plain(o).split(" (")[0] for o in order][:3] == [
        "1. Finn de Boer",
        "2. Noor Bakker",
        "3. Rick de Boer",
    ]
    assert speaker(at) == "### Aan het woord: Finn de Boer"
    assert re.search(r'<g class="symbol[^"]* speaker" data-entity-id="finn"', shown_svg(at))
    # the map's scrolling box opens on the speaker and keeps them in view (a snap marker)
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert '<div class="cm-focus">' in styles and "scroll-snap-type:both proximity" in styles
    at.button(key="fb_turn_next").click().run()
    assert speaker(at) == "### Aan het woord: Noor Bakker"
    assert re.search(r'class="symbol[^"]* speaker" data-entity-id="noor"', shown_svg(at))
    # the casemanager adds the neighbour to the table; she speaks last
    at.multiselect(key="fb_people").select("els").run()
    assert plain(at.radio(key="fb_turn_goed").options[-1]).startswith("8. Els Visser")
    # the round of the next step starts with its first speaker again
    at.button(key=NEXT).click().run()
    assert speaker(at) == "### Aan het woord: Finn de Boer"


def test_notes_stay_in_the_session_while_the_agenda_moves(page_app):
    at = family(page_app)
    go_to(at, "goed")
    at.text_area(key="fb_notes_goed").set_value("Samen gegeten op zondag").run()
    at.button(key=NEXT).click().run()
    at.button(key=PREV).click().run()
    assert at.text_area(key="fb_notes_goed").value == "Samen gegeten op zondag"
    assert "Samen gegeten" not in repr(load(at))  # nothing stored


def test_two_agreements_make_one_goal_in_the_plan_with_history_and_log(page_app):
    at = family(page_app)
    before = load(at)
    go_to(at, "afspraken")
    with Store(at.db_path) as store:
        logged = len(log.lines(store.db, case_id=at.case_id))
    at.text_area(key="fb_notes_afspraken").set_value("iedereen tevreden")
    agree(at, "daan", "Elke avond afwassen", "8-12-2026")
    assert [s.value for s in at.success] == ["Afspraak vastgelegd in het plan: Elke avond afwassen"]
    assert at.text_input(key="fb_agree_what").value == ""  # the form starts empty again
    at.checkbox(key="fb_agree_notes").check()
    agree(at, "__text__", "Woensdag koken", "2026-12-09", who_text="oma Riet")
    assert not at.error
    after = load(at)
    [goal] = [g for g in after.goals if g.title.startswith("Afspraken familieberaad ")]
    made = [
        (a.actor_id, a.actor_text, a.what, a.when) for a in after.actions if a.goal_id == goal.id
    ]
    assert sorted(made) == [
        ("", "oma Riet", "Woensdag koken", "2026-12-09"),
        ("daan", "", "Elke avond afwassen", "2026-12-08"),
    ]
    cooking = next(a for a in after.actions if a.what == "Woensdag koken")
    assert cooking.how == "Afspraken: iedereen tevreden"  # the notes went with it
    assert after.case.revision == before.case.revision + 2  # one revision a save
    with Store(at.db_path) as store:
        history = [c.summary for c in store.history(at.case_id)[:2]]
        lines = log.lines(store.db, case_id=at.case_id)
    assert any("Woensdag koken" in h for h in history) and any("afwassen" in h for h in history)
    changes = [line for line in lines[: len(lines) - logged] if line.action == "wijzigen"]
    assert len(changes) == 2  # one access-log line a save, as every save has
    table = at.table[0].value
    assert [plain(w) for w in table["Wat"]] == ["Elke avond afwassen", "Woensdag koken"]
    assert [plain(w) for w in table["Wanneer"]] == ["08-12-2026", "09-12-2026"]  # as read
    # the agreements' actors are outlined on the map, as the plan outlines a goal's
    assert re.search(r'class="symbol[^"]*plan-actor[^"]*" data-entity-id="daan"', shown_svg(at))


def test_the_plan_page_shows_the_agreements_and_marks_their_actors(page_app):
    at = family(page_app)
    go_to(at, "afspraken")
    agree(at, "lotte", "Hond uitlaten", "6-12-2026")
    agree(at, "rick", "Rustig praten met Daan", "7-12-2026")
    goal = next(g for g in load(at).goals if g.title.startswith("Afspraken familieberaad"))
    plan = page_app("plan")
    plan.run()
    plan.selectbox(key="plan_goal").set_value(goal.id).run()
    assert not plan.exception, plan.exception
    frames = [html.unescape(el.proto.srcdoc) for el in plan.get("iframe")]
    svg = next(f for f in frames if "plan-ecogram" in f)
    actors = set(re.findall(r'<g class="symbol[^"]*plan-actor[^"]*" data-entity-id="([^"]+)"', svg))
    assert {"lotte", "rick"} <= actors
    [actions] = [t.value for t in plan.get("dataframe") if "Wat" in t.value.columns]
    assert sorted(zip(actions["Wie"], actions["Wat"], actions["Wanneer"], strict=True)) == [
        ("Lotte Bakker", "Hond uitlaten", "2026-12-06"),
        ("Rick de Boer", "Rustig praten met Daan", "2026-12-07"),
    ]


def test_bad_agreements_get_a_dutch_message_and_nothing_is_saved(page_app):
    at = family(page_app)
    go_to(at, "afspraken")
    before = load(at)
    cases = [
        ("daan", "   ", "8-12-2026", "Wat is er afgesproken?"),
        ("", "Afwassen", "8-12-2026", "Wie doet het?"),
        ("daan", "Afwassen", "volgende week", "'volgende week' is geen datum"),
        ("daan", "Afwassen", "31-02-2027", "'31-02-2027' is geen datum"),
    ]
    for who, what, when, message in cases:
        agree(at, who, what, when)
        assert [e.value for e in at.error] and message in plain(at.error[0].value), message
    assert at.text_input(key="fb_agree_what").value == "Afwassen"  # what was typed stays
    after = load(at)
    assert after.case.revision == before.case.revision
    assert len(after.actions) == len(before.actions) and len(after.goals) == len(before.goals)


def test_a_colleagues_change_in_between_is_refused_with_the_colleague_message(page_app):
    at = family(page_app)
    go_to(at, "afspraken")
    with Store(at.db_path) as store:  # a colleague adds someone meanwhile
        store.save(at.case_id, Entity(id="oom-jan", name="Jan"), author="collega")
    before = load(at)
    agree(at, "daan", "Afwassen", "8-12-2026")
    assert at.error and "door iemand anders gewijzigd" in plain(at.error[0].value)
    after = load(at)
    assert after.case.revision == before.case.revision
    assert not [a for a in after.actions if a.what == "Afwassen"]
    # seen now: the same agreement saved once more goes through
    agree(at, "daan", "Afwassen", "8-12-2026")
    assert [a.what for a in load(at).actions if a.what == "Afwassen"] == ["Afwassen"]


def test_the_meeting_keeps_its_team_steps(page_app):
    at = family(page_app)
    at.radio(key="meeting_mode").set_value("team").run()
    assert not at.exception, at.exception
    assert title(at).startswith("## Genogram")
    at.radio(key="meeting_mode").set_value("familieberaad").run()
    assert title(at).startswith("## Familieberaad")


def test_hostile_names_are_shown_literally(page_app):
    from tests.test_page_literal_names import shown_markdown, unescaped, with_hostile_names

    at = family(page_app)
    with_hostile_names(at)
    at.run()
    assert not at.exception, at.exception
    labels = [c.label for c in at.checkbox]
    assert labels and not unescaped(labels)  # "... wil eerst": a label is markdown
    go_to(at, "goed")
    assert not unescaped(shown_markdown(at))  # the turn order, the speaker
    go_to(at, "afspraken")
    agree(at, "daan", "Afwassen", "8-12-2026")
    assert not at.error and not unescaped(shown_markdown(at))
    assert "**vet**" not in " ".join(str(t.value.to_csv()) for t in at.table)


def test_a_case_without_people_asks_who_sit_at_the_table(page_app):
    from views.state import OPEN_CASE

    at = page_app("meeting")
    with Store(at.db_path) as store:
        empty = store.create_case("LEEG-1", "Leeg")
    at.session_state[OPEN_CASE] = empty.id
    at.session_state["meeting_mode"] = "familieberaad"
    at.run()
    assert not at.exception, at.exception
    go_to(at, "goed")
    assert [i.value for i in at.info] == ["Kies eerst wie er aan tafel zitten."]
    go_to(at, "afspraken")
    agree(at, "__text__", "Samen eten", "1-1-2027", who_text="het gezin")
    assert not at.error
    with Store(at.db_path) as store:
        saved = store.load(empty.id)
    assert [(a.actor_text, a.what) for a in saved.actions] == [("het gezin", "Samen eten")]
