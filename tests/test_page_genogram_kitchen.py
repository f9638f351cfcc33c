"""The genogram page at the kitchen table (issue #23, points 1-4 and 7).

No value carried into the next person, a partner asked about the children,
"als kind van" starting at the selected person's couple, quick add beside
the map from a selected symbol, and a couple line edited where it is drawn.
Each test checks the stored records, not only the screen.
"""

from __future__ import annotations

from mapping.core.vocabulary import RelationKind, Sex
from mapping.storage.store import Store

SELECTED = "casemap_selected"


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def button(at, text):
    return next(b for b in at.button if b.label == text)


def errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def open_tab(at, label: str) -> None:
    """Open one of the page's tabs for the next run (only the open tab's content runs)."""
    at.session_state["geno_tab"] = label


def person(data, name):
    return next(e for e in data.entities if e.name == name)


def parents(data, child_id) -> set[str]:
    return {
        r.source
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == child_id
    }


def select(at, kind, item_id):
    at.session_state[SELECTED] = {"kind": kind, "id": item_id}


# ---------------------------------------------------------------- 1. nothing carried over
def test_the_next_person_does_not_inherit_sex_or_connection_of_the_last(page_app):
    at = page_app("genogram")
    at.run()
    at.radio(key="geno_add_connect").set_value("none").run()
    at.text_input(key="geno_add_name").input("Ahmed Test")
    at.selectbox(key="geno_add_sex").set_value("m")
    at.selectbox(key="geno_add_birth_status").set_value("stillbirth")
    button(at, "Persoon toevoegen").click().run()
    assert not at.exception and not at.error, errors(at)
    # the form starts at its defaults again, for every choice
    assert at.selectbox(key="geno_add_sex").value == Sex.UNKNOWN.value
    assert at.selectbox(key="geno_add_birth_status").value == "born"
    assert at.radio(key="geno_add_connect").value == "none"
    at.text_input(key="geno_add_name").input("Volgende Persoon")
    button(at, "Persoon toevoegen").click().run()
    data = load(at)
    assert person(data, "Ahmed Test").sex is Sex.MALE
    following = person(data, "Volgende Persoon")
    assert following.sex is Sex.UNKNOWN and following.birth_status.value == "born"


def test_connect_choice_is_reset_so_the_next_person_is_no_partner_of_the_last(page_app):
    at = page_app("genogram")
    select(at, "entity", "daan")
    at.run()
    at.radio(key="geno_add_connect").set_value("partner").run()
    at.text_input(key="geno_add_name").input("Femke")
    at.selectbox(key="geno_add_status").set_value("cohabiting")
    button(at, "Persoon toevoegen").click().run()
    assert not at.error, errors(at)
    assert at.radio(key="geno_add_connect").value == "none"
    data = load(at)
    femke = person(data, "Femke")
    [couple] = [r for r in data.relations if femke.id in (r.source, r.target)]
    assert (couple.subtype, {couple.source, couple.target}) == ("cohabiting", {"daan", femke.id})


# ---------------------------------------------------------------- 2. family logic that asks
def test_als_kind_van_starts_at_the_selected_persons_couple(page_app):
    at = page_app("genogram")
    select(at, "entity", "ilse")  # Mark & Ilse, not Henk & Riet (the first couple of the case)
    at.run()
    at.radio(key="geno_add_connect").set_value("child").run()
    assert at.selectbox(key="geno_add_parents_ilse").value == "couple:u-mark-ilse"
    at.text_input(key="geno_add_name").input("Nieuwe Bakker")
    button(at, "Persoon toevoegen").click().run()
    assert not at.error, errors(at)
    data = load(at)
    assert parents(data, person(data, "Nieuwe Bakker").id) == {"mark", "ilse"}


def test_with_nobody_selected_the_parents_are_asked_not_guessed(page_app):
    at = page_app("genogram")
    at.run()
    at.radio(key="geno_add_connect").set_value("child").run()
    assert at.selectbox(key="geno_add_parents_none").value is None
    at.text_input(key="geno_add_name").input("Zwevend Kind")
    button(at, "Persoon toevoegen").click().run()
    assert errors(at) == ["Kies de ouders (een stel of één ouder)."]
    assert "Zwevend Kind" not in {e.name for e in load(at).entities}


def _henk_and_marieke(at):
    """Henk with daughter Marieke, through the page (Henk alone, Marieke 'als ouder van')."""
    at.run()
    at.text_input(key="geno_add_name").input("Marieke")
    button(at, "Persoon toevoegen").click().run()  # Marieke is now selected
    at.radio(key="geno_add_connect").set_value("parent").run()
    at.text_input(key="geno_add_name").input("Henk")
    button(at, "Persoon toevoegen").click().run()  # Henk selected
    data = load(at)
    return data, person(data, "Henk"), person(data, "Marieke")


def test_a_partner_of_a_parent_is_asked_whether_she_is_a_parent_too(page_app):
    at = page_app("genogram")
    data, henk, marieke = _henk_and_marieke(at)
    assert at.session_state[SELECTED] == {"kind": "entity", "id": henk.id}
    at.radio(key="geno_add_connect").set_value("partner").run()
    question = at.radio(key=f"geno_add_kid_{marieke.id}")
    assert question.value == "step" and question.label == "Marieke"
    assert list(question.options) == [
        "niet de ouder (stiefouder)",
        "biologische ouder",
        "adoptieouder",
        "pleegouder",
    ]
    at.text_input(key="geno_add_name").input("Wilma")
    question.set_value("biological")
    button(at, "Persoon toevoegen").click().run()
    assert not at.error, errors(at)
    data = load(at)
    wilma = person(data, "Wilma")
    assert parents(data, marieke.id) == {henk.id, wilma.id}
    line = next(r for r in data.relations if (r.source, r.target) == (wilma.id, marieke.id))
    assert line.subtype == "biological"


def test_a_step_parent_gets_the_partnership_and_no_line_to_the_child(page_app):
    at = page_app("genogram")
    data, henk, marieke = _henk_and_marieke(at)
    at.radio(key="geno_add_connect").set_value("partner").run()
    at.text_input(key="geno_add_name").input("Wilma")
    button(at, "Persoon toevoegen").click().run()  # the question left at its default
    data = load(at)
    wilma = person(data, "Wilma")
    assert parents(data, marieke.id) == {henk.id}
    assert any(
        r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == {henk.id, wilma.id}
        for r in data.relations
    )


def test_a_couple_line_drawn_on_the_map_asks_about_the_children_too(page_app):
    at = page_app("genogram")
    data, henk, marieke = _henk_and_marieke(at)
    at.text_input(key="geno_add_name").input("Wilma")
    button(at, "Persoon toevoegen").click().run()
    wilma = person(load(at), "Wilma")
    at.session_state["casemap_canvas_pending"] = {
        "geno_canvas": {"type": "connect", "source": henk.id, "target": wilma.id}
    }
    at.run()
    at.radio(key="geno_link_kind").set_value("partnership").run()
    at.radio(key=f"geno_link_kid_{marieke.id}").set_value("foster").run()
    button(at, "Opslaan").click().run()
    assert not at.error, errors(at)
    data = load(at)
    line = next(r for r in data.relations if (r.source, r.target) == (wilma.id, marieke.id))
    assert line.subtype == "foster"


# ---------------------------------------------------------------- 3. quick add on the map
def test_quick_add_a_child_in_four_actions_of_the_selected_persons_couple(page_app):
    at = page_app("genogram")
    before = load(at)
    select(at, "entity", "fatima")  # 1: the symbol selected on the map
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("child").run()  # 2
    assert at.selectbox(key="geno_quick_parents_fatima").value == "couple:u-peter-fatima"
    at.text_input(key="geno_quick_name").input("Yasmin")  # 3
    button(at, "Toevoegen").click().run()  # 4
    assert not at.exception and not at.error, errors(at)
    data = load(at)
    yasmin = person(data, "Yasmin")
    assert (yasmin.sex, yasmin.birth) == (Sex.UNKNOWN, "")
    assert parents(data, yasmin.id) == {"peter", "fatima"}
    assert data.case.revision == before.case.revision + 1
    # the anchor stays selected; the form asks again and is empty
    assert at.session_state[SELECTED] == {"kind": "entity", "id": "fatima"}
    assert at.segmented_control(key="geno_quick_kind").value is None
    assert "Yasmin toegevoegd (kind bij Fatima Jansen)." in " ".join(
        s.value.replace("\\", "") for s in at.success
    )


def test_quick_add_a_partner_with_sex_and_year_and_the_childs_answer(page_app):
    at = page_app("genogram")
    select(at, "entity", "daan")
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("child").run()
    at.text_input(key="geno_quick_name").input("Kim")
    at.text_input(key="geno_quick_year").input("2024")
    button(at, "Toevoegen").click().run()
    kim = person(load(at), "Kim")
    assert parents(load(at), kim.id) == {"daan"}
    at.segmented_control(key="geno_quick_kind").set_value("partner").run()
    at.text_input(key="geno_quick_name").input("Joyce")
    at.radio(key="geno_quick_sex").set_value("f")
    at.text_input(key="geno_quick_year").input("2001")
    at.radio(key=f"geno_quick_kid_{kim.id}").set_value("adopted")
    button(at, "Toevoegen").click().run()
    assert not at.error, errors(at)
    data = load(at)
    joyce = person(data, "Joyce")
    assert (joyce.sex, joyce.birth) == (Sex.FEMALE, "2001")
    assert parents(data, kim.id) == {"daan", joyce.id}
    assert at.segmented_control(key="geno_quick_kind").value is None


def test_quick_add_parent_and_sibling(page_app):
    at = page_app("genogram")
    select(at, "entity", "ahmed")
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("parent").run()
    at.text_input(key="geno_quick_name").input("Fatiha")
    at.radio(key="geno_quick_sex").set_value("f")
    button(at, "Toevoegen").click().run()
    at.segmented_control(key="geno_quick_kind").set_value("sibling").run()
    at.text_input(key="geno_quick_name").input("Youssef")
    button(at, "Toevoegen").click().run()
    assert not at.error, errors(at)
    data = load(at)
    fatiha = person(data, "Fatiha")
    assert parents(data, "ahmed") == {fatiha.id}
    assert parents(data, person(data, "Youssef").id) == {fatiha.id}


def test_quick_add_refuses_a_bad_year_in_dutch_and_keeps_the_input(page_app):
    at = page_app("genogram")
    select(at, "entity", "daan")
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("child").run()
    at.text_input(key="geno_quick_name").input("Kim")
    at.text_input(key="geno_quick_year").input("twintig")
    button(at, "Toevoegen").click().run()
    assert not at.exception
    assert errors(at) == [
        "Geboortejaar: 'twintig' is geen jaartal; schrijf vier cijfers, bijv. 1984."
    ]
    assert at.text_input(key="geno_quick_name").value == "Kim"
    assert "Kim" not in {e.name for e in load(at).entities}


# ---------------------------------------------------------------- 7. the line on the map
def test_the_divorce_year_is_edited_from_the_selected_couple_line(page_app):
    at = page_app("genogram")
    select(at, "relation", "u-peter-fatima")  # the couple line chosen on the map
    at.run()
    assert not at.exception
    form = [w for w in at.selectbox if w.key and w.key.startswith("geno_line_sub_")]
    [status] = form
    assert status.value == "married"
    status.set_value("divorced")
    end = next(w for w in at.text_input if w.key and w.key.startswith("geno_line_end_"))
    end.input("2012")
    button(at, "Opslaan").click().run()
    assert not at.error, errors(at)
    couple = next(r for r in load(at).relations if r.id == "u-peter-fatima")
    assert (couple.subtype, couple.start, couple.end) == ("divorced", "2007", "2012")
    # the panel now shows what was saved
    assert [w.value for w in at.selectbox if w.key and w.key.startswith("geno_line_sub_")] == [
        "divorced"
    ]


def test_an_end_before_the_start_on_the_line_is_refused(page_app):
    at = page_app("genogram")
    select(at, "relation", "u-peter-fatima")
    at.run()
    end = next(w for w in at.text_input if w.key and w.key.startswith("geno_line_end_"))
    end.input("1999")
    button(at, "Opslaan").click().run()
    assert errors(at) and "ligt vóór" in errors(at)[0]
    assert next(r for r in load(at).relations if r.id == "u-peter-fatima").end == ""


def test_the_selected_line_can_be_removed(page_app):
    at = page_app("genogram")
    select(at, "relation", "c-rick-jayden")
    at.run()
    assert [w.value for w in at.selectbox if w.key and w.key.startswith("geno_line_sub_")] == [
        "foster"
    ]
    button(at, "Lijn verwijderen").click().run()
    assert "c-rick-jayden" not in {r.id for r in load(at).relations}


# ---------------------------------------------------------------- 4. the page follows the user
def test_the_relation_form_starts_at_the_person_selected_now(page_app):
    at = page_app("genogram")
    open_tab(at, "Relaties")
    select(at, "entity", "daan")
    at.run()
    assert at.selectbox(key="geno_rel_a_daan").value == "daan"
    select(at, "entity", "ilse")  # another person chosen on the map
    at.run()
    assert at.selectbox(key="geno_rel_a_ilse").value == "ilse"


def test_a_second_parent_added_on_the_map_forms_a_couple_with_the_first(page_app):
    at = page_app("genogram")
    select(at, "entity", "daan")
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("child").run()
    at.text_input(key="geno_quick_name").input("Kim")
    button(at, "Toevoegen").click().run()
    kim = person(load(at), "Kim")
    select(at, "entity", kim.id)
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("parent").run()
    question = at.selectbox(key="geno_quick_couple")
    assert question.label == "Relatie met Daan Bakker" and question.value == "unknown"
    at.text_input(key="geno_quick_name").input("Joyce")
    button(at, "Toevoegen").click().run()
    assert not at.error, errors(at)
    data = load(at)
    joyce = person(data, "Joyce")
    assert parents(data, kim.id) == {"daan", joyce.id}
    [couple] = [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and joyce.id in (r.source, r.target)
    ]
    assert ({couple.source, couple.target}, couple.subtype) == ({"daan", joyce.id}, "unknown")


def test_the_full_form_asks_the_same_for_als_ouder_van(page_app):
    at = page_app("genogram")
    select(at, "entity", "daan")
    at.run()
    at.segmented_control(key="geno_quick_kind").set_value("child").run()
    at.text_input(key="geno_quick_name").input("Kim")
    button(at, "Toevoegen").click().run()
    kim = person(load(at), "Kim")
    select(at, "entity", kim.id)
    at.run()
    at.radio(key="geno_add_connect").set_value("parent").run()
    at.selectbox(key="geno_add_couple").set_value("")  # no couple
    at.text_input(key="geno_add_name").input("Donor")
    button(at, "Persoon toevoegen").click().run()
    data = load(at)
    donor = person(data, "Donor")
    assert parents(data, kim.id) == {"daan", donor.id}
    assert not [
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and donor.id in (r.source, r.target)
    ]


# ---------------------------------------------------------------- inexact dates and no status
def _store_inexact(at):
    """Peter born 'before 1975' and the couple Peter-Fatima stored without status,
    as a family tree imported before the unknown status existed."""
    from dataclasses import replace

    data = load(at)
    peter = person(data, "Peter Jansen")
    couple = next(r for r in data.relations if r.id == "u-peter-fatima")
    with Store(at.db_path) as store:
        store.save(at.case_id, replace(peter, birth="1975", birth_qualifier="before"))
        store.save(at.case_id, replace(couple, subtype="", start="2007", start_qualifier="about"))
    return peter.id


def test_a_couple_without_status_opens_as_unknown_not_as_married(page_app):
    at = page_app("genogram")
    _store_inexact(at)
    select(at, "relation", "u-peter-fatima")
    at.run()
    [status] = [w for w in at.selectbox if w.key and w.key.startswith("geno_line_sub_")]
    assert status.value == "unknown"
    # saving the panel unchanged claims nothing new; a start typed anew drops its 'about'
    button(at, "Opslaan").click().run()
    couple = next(r for r in load(at).relations if r.id == "u-peter-fatima")
    assert (couple.subtype, couple.start, couple.start_qualifier) == ("unknown", "2007", "about")
    start = next(w for w in at.text_input if w.key and w.key.startswith("geno_line_start_"))
    start.input("2008")
    button(at, "Opslaan").click().run()
    couple = next(r for r in load(at).relations if r.id == "u-peter-fatima")
    assert (couple.start, couple.start_qualifier) == ("2008", "")


def test_an_inexact_birth_is_shown_as_such_and_dropped_when_retyped(page_app):
    at = page_app("genogram")
    peter_id = _store_inexact(at)
    select(at, "entity", peter_id)
    open_tab(at, "Persoon bewerken")
    at.run()
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "geboren vóór 1975" in shown
    prefix = next(
        w.key
        for w in at.text_input
        if w.key and w.key.startswith(f"geno_edit_{peter_id}") and w.key.endswith("_birth")
    )
    # saved unchanged, the qualifier stays
    button(at, "Opslaan").click().run()
    assert person(load(at), "Peter Jansen").birth_qualifier == "before"
    at.text_input(key=prefix).input("1974")
    button(at, "Opslaan").click().run()
    peter = next(e for e in load(at).entities if e.id == peter_id)
    assert (peter.birth, peter.birth_qualifier) == ("1974", "")
