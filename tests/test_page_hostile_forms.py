"""What a hurried or mischievous user types into the forms: a Dutch message, nothing lost.

Each test fills a page's form the way the browser QA round did and checks
the message and the database, not only that no exception was raised.
"""

from __future__ import annotations

from mapping.storage.store import Store


def field(at, start: str, end: str):
    """The one text field whose key starts and ends so (an edit form's keys carry a version)."""
    [found] = [t for t in at.text_input if t.key.startswith(start) and t.key.endswith(end)]
    return found


def test_a_5000_character_snapshot_label_is_refused_with_a_message(page_app):
    at = page_app("snapshots")
    at.run()
    at.selectbox[0].select_index(len(at.selectbox[0].options) - 1)  # 'anders…'
    at.text_input[0].input("L" * 5000)
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception, at.exception
    [error] = at.error
    assert "te lang" in error.value and "5000" in error.value
    with Store(at.db_path) as store:
        assert store.snapshots(at.case_id) == []


def test_a_colleagues_change_is_not_written_back_by_a_stale_edit_form(page_app):
    """The form showed Sanne before a colleague changed her; saving twice must keep their change."""
    from dataclasses import replace

    from views.state import SELECTED

    at = page_app("genogram")
    at.session_state[SELECTED] = {"kind": "entity", "id": "sanne"}
    at.session_state["geno_tab"] = "Persoon bewerken"  # only the open tab runs
    at.run()
    with Store(at.db_path) as store:  # meanwhile, in another tab
        sanne = store.load(at.case_id).entity("sanne")
        store.save(at.case_id, replace(sanne, birth="1985-01-01"))
    at.text_input(key="geno_edit_sanne_job").input("kok")
    save = next(b for b in at.button if b.label == "Opslaan" and "geno_edit_sanne" in b.id)
    save.click().run()
    assert not at.exception, at.exception
    assert any("door iemand anders gewijzigd" in w.value for w in at.warning)
    # the form now shows what is stored (new widgets), so saving again keeps the colleague's date
    assert field(at, "geno_edit_sanne", "_birth").value == "1985-01-01"
    field(at, "geno_edit_sanne", "_job").input("kok")
    next(b for b in at.button if b.label == "Opslaan" and "geno_edit_sanne" in b.id).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with Store(at.db_path) as store:
        stored = store.load(at.case_id).entity("sanne")
    assert (stored.birth, stored.occupation) == ("1985-01-01", "kok")


def test_a_colleagues_change_to_a_factor_is_not_written_back(page_app):
    from dataclasses import replace

    at = page_app("balance")
    at.session_state["bal_editing"] = "f-peter"
    at.run()
    form = "bal_form_f-peter"
    assert at.text_input(key=f"{form}_description").value.startswith("Verslaving")
    with Store(at.db_path) as store:
        factor = next(f for f in store.load(at.case_id).factors if f.id == "f-peter")
        store.save(at.case_id, replace(factor, description="Peter is clean (collega)"))
    at.run()  # any click reruns the page: the form shows the colleague's text now
    assert field(at, form, "_description").value == "Peter is clean (collega)"


def test_compare_after_the_client_was_deleted_says_what_to_do(page_app):
    """The intake had a client; now she is deleted: the netwerkkaart cannot be drawn for now."""
    at = page_app("compare")
    with Store(at.db_path) as store:
        store.snapshot(at.case_id, "intake")
        store.delete(at.case_id, "entity", "sanne", on_actions="delete")
    at.run()
    at.radio[0].set_value(at.radio[0].options[2]).run()  # the netwerkkaart
    assert not at.exception, at.exception
    [error] = at.error
    assert "geen cliënt" in error.value and "Genogram" in error.value


def test_a_refused_goal_keeps_what_was_typed_and_a_saved_one_empties_the_form(page_app):
    at = page_app("plan")
    at.run()
    form = "plan_new_goal"
    at.text_input(key=f"{form}_title").input("Weer naar school")
    at.text_area(key=f"{form}_result").input("Daan gaat vier dagen per week")
    at.text_input(key=f"{form}_start").input("31-02-2026")
    next(b for b in at.button if b.key == f"{form}_submit").click().run()
    assert not at.exception, at.exception
    assert at.error and "31-02-2026" in at.error[0].value.replace("\\", "")
    assert at.text_input(key=f"{form}_title").value == "Weer naar school"  # not typed again
    assert at.text_area(key=f"{form}_result").value == "Daan gaat vier dagen per week"
    at.text_input(key=f"{form}_start").input("2026-02-28")
    next(b for b in at.button if b.key == f"{form}_submit").click().run()
    assert not at.exception and not at.error
    with Store(at.db_path) as store:
        assert any(g.title == "Weer naar school" for g in store.load(at.case_id).goals)
    assert at.text_input(key=f"{form}_title").value == ""  # ready for the next goal


def test_a_refused_person_keeps_what_was_typed(page_app):
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Oma Truus")
    at.text_input(key="geno_add_birth").input("gisteren")
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    assert at.error and "gisteren" in at.error[0].value
    assert at.text_input(key="geno_add_name").value == "Oma Truus"
    at.text_input(key="geno_add_birth").input("1941")
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="geno_add_name").value == ""
    with Store(at.db_path) as store:
        assert any(e.name == "Oma Truus" for e in store.load(at.case_id).entities)


def test_the_authors_name_is_at_most_a_names_length(page_app):
    """A 5,000-character 'Uw naam' went into every history line and broke the PNG export."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from views.state import AUTHOR, OPEN_CASE

    first = page_app("cases")
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = first.case_id
    at.run()
    field = at.text_input(key="casemap_author_input")
    assert field.max_chars == 200  # the browser stops typing there
    field.input("W" * 200).run()
    assert not at.exception, at.exception
    assert at.session_state[AUTHOR] == "W" * 200


def test_a_refused_factor_keeps_what_was_chosen(page_app):
    at = page_app("balance")
    at.run()
    at.text_input(key="bal_new_description").input("   ")
    at.multiselect(key="bal_new_entities").set_value(["els"])
    next(b for b in at.button if b.key == "bal_new_submit").click().run()
    assert not at.exception, at.exception
    assert at.error
    assert at.multiselect(key="bal_new_entities").value == ["els"]  # not chosen again
    at.text_input(key="bal_new_description").input("Els helpt met de post")
    next(b for b in at.button if b.key == "bal_new_submit").click().run()
    assert not at.exception and not at.error
    assert at.multiselect(key="bal_new_entities").value == []
    assert at.text_input(key="bal_new_description").value == ""
    with Store(at.db_path) as store:
        assert any(f.description == "Els helpt met de post" for f in store.load(at.case_id).factors)


def test_a_refused_action_keeps_what_was_typed(page_app):
    at = page_app("plan")
    at.run()
    at.text_input(key="plan_new_action_when").input("dinsdag om tien uur")
    at.text_input(key="plan_new_action_where").input("Wijkcentrum")
    at.button(key="plan_new_action_submit").click().run()  # no 'Wat': refused
    assert not at.exception, at.exception
    assert at.error
    assert at.text_input(key="plan_new_action_when").value == "dinsdag om tien uur"
    at.text_input(key="plan_new_action_what").input("Bellen met school")
    at.button(key="plan_new_action_submit").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="plan_new_action_where").value == ""


def test_a_refused_system_keeps_what_was_typed_and_a_saved_one_empties_the_form(page_app):
    at = page_app("ecogram")
    at.run()
    at.text_input(key="eco_new_note").input("elke dinsdag")
    at.text_input(key="eco_new_name").input("L" * 300)
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    assert at.error and "te lang" in at.error[0].value
    assert at.text_input(key="eco_new_note").value == "elke dinsdag"
    at.text_input(key="eco_new_name").input("Taalcafé")
    at.button(key="eco_add").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="eco_new_name").value == ""
    with Store(at.db_path) as store:
        assert any(e.name == "Taalcafé" for e in store.load(at.case_id).entities)


def test_a_refused_case_keeps_what_was_typed_and_a_created_one_empties_the_form(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    at.text_input(key="new_case_code").input("demo-001")  # taken, in other letter case
    at.text_input(key="new_case_title").input("Gezin K.")
    next(b for b in at.button if "Casus aanmaken" in b.label).click().run()
    assert not at.exception, at.exception
    assert at.error and "demo-001" in at.error[0].value.replace("\\", "")
    assert at.text_input(key="new_case_title").value == "Gezin K."
    at.text_input(key="new_case_code").input("WT-2026-014")
    next(b for b in at.button if "Casus aanmaken" in b.label).click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="new_case_code").value == ""
    with Store(at.db_path) as store:
        assert store.get_case("WT-2026-014").title == "Gezin K."


def test_a_name_of_override_characters_is_refused_and_a_right_to_left_name_is_kept(page_app):
    """U+202E and friends reverse how a name displays; a name of only those is no name."""
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("\u202e\u2066\u2069")
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    assert at.error and "naam" in at.error[0].value.lower()
    at.text_input(key="geno_add_name").input("\u202eسارة\u202c")
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception and not at.error
    with Store(at.db_path) as store:
        names = [e.name for e in store.load(at.case_id).entities]
    assert "سارة" in names
    assert not any(ch in name for name in names for ch in "\u202a\u202b\u202c\u202d\u202e")


def test_a_birth_date_in_the_future_is_refused_and_the_form_keeps_it(page_app):
    from datetime import date

    born = str(date.today().year + 1)
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Oma Truus")
    at.text_input(key="geno_add_birth").input(born)
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    [error] = at.error
    assert f"Geboortedatum van Oma Truus ({born}) ligt in de toekomst" in error.value.replace(
        "\\", ""
    )
    assert at.text_input(key="geno_add_birth").value == born  # corrected, not typed again
    with Store(at.db_path) as store:
        assert not any(e.name == "Oma Truus" for e in store.load(at.case_id).entities)


def test_a_consent_date_in_the_future_is_refused_on_the_cases_page(page_app):
    from datetime import date, timedelta

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    at = page_app("cases")
    at.run()
    [consent] = [t for t in at.text_input if t.label.startswith("Datum toestemming")]
    consent.input(tomorrow)
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception, at.exception
    assert any(
        f"Datum toestemming ({tomorrow}) ligt in de toekomst" in e.value.replace("\\", "")
        for e in at.error
    )
    with Store(at.db_path) as store:
        assert store.get_case(at.case_id).consent_date != tomorrow


def test_a_refused_snapshot_label_stays_and_a_taken_snapshot_empties_the_form(page_app):
    at = page_app("snapshots")
    at.run()
    at.selectbox(key="snap_new_preset").select_index(3)  # 'anders…'
    at.text_input(key="snap_new_free").input("Na de zitting " + "x" * 200)
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception, at.exception
    assert at.error and "te lang" in at.error[0].value
    assert at.text_input(key="snap_new_free").value == "Na de zitting " + "x" * 200
    at.text_input(key="snap_new_free").input("Na de zitting")
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception and not at.error
    assert any("Na de zitting" in s.value for s in at.success)
    assert at.text_input(key="snap_new_free").value == ""  # ready for the next one
    with Store(at.db_path) as store:
        assert [s.label for s in store.snapshots(at.case_id)] == ["Na de zitting"]


def test_a_refused_score_stays_and_a_saved_one_empties_the_form(page_app):
    at = page_app("plan")
    at.run()
    at.selectbox(key="plan_goal").set_value("g-thuis").run()
    at.radio(key="plan_mon_scale").set_value("1-5")
    at.number_input(key="plan_mon_score").set_value(7)
    at.text_input(key="plan_mon_note").input("na het gesprek met Els")
    at.button(key="plan_mon_save").click().run()
    assert not at.exception, at.exception
    assert at.error and "1 tot en met 5" in at.error[0].value
    assert at.number_input(key="plan_mon_score").value == 7  # corrected, not typed again
    assert at.text_input(key="plan_mon_note").value == "na het gesprek met Els"
    at.number_input(key="plan_mon_score").set_value(4)
    at.button(key="plan_mon_save").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="plan_mon_note").value == ""
    assert at.number_input(key="plan_mon_score").value == 5
    with Store(at.db_path) as store:
        saved = [m for m in store.load(at.case_id).monitoring if m.goal_id == "g-thuis"]
    assert ("1-5", 4, "na het gesprek met Els") in [(m.scale, m.score, m.note) for m in saved]
