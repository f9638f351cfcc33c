"""The genogram page: builds the family in a few clicks, one revision per click.

Covers the person panel (facts, plan details, removal through
views.entity_actions), a line drawn on the canvas (the connect form), Dutch
dates, the canvas's own meeting aids (no second set of switches on the
page), the shared export panel and the GEDCOM upload.
"""

from __future__ import annotations

import pytest

from mapping.core.model import Entity
from mapping.core.vocabulary import RelationKind
from mapping.storage.store import Store


def _button(at, text):
    return next(b for b in at.button if b.label == text)


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def history_size(at) -> int:
    with Store(at.db_path) as store:
        return len(store.history(at.case_id))


def canvas_event(at, event: dict) -> None:
    """What the canvas hands the page after a connect or select on the map."""
    at.session_state["casemap_canvas_pending"] = {"geno_canvas": event}


def errors(at) -> list[str]:
    """The error texts as read on screen (the markdown escapes removed)."""
    return [e.value.replace("\\", "") for e in at.error]


def open_tab(at, label: str) -> None:
    """Open one of the page's tabs for the next run (only the open tab's content runs)."""
    at.session_state["geno_tab"] = label


def test_page_shows_genogram_without_exception(page_app):
    at = page_app("genogram")
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Genogram"
    assert any(t.label == "Emotionele relaties" for t in at.toggle)


def test_no_second_set_of_meeting_aid_switches(page_app):
    """Large letters and hiding notes are buttons on the canvas itself."""
    at = page_app("genogram")
    at.run()
    labels = {t.label for t in at.toggle} | {c.label for c in at.checkbox}
    assert "Grote letters" not in labels
    assert "Notities tonen" not in labels and "Notities verbergen" not in labels
    assert "Emotionele relaties" in labels  # the overlay the canvas has no button for


def test_no_case_open_points_to_cases(page_app):
    at = page_app("genogram", open_demo=False)
    at.run()
    assert not at.exception
    assert "Open eerst een casus" in " ".join(i.value for i in at.info)


# ---------------------------------------------------------------- adding people
def test_add_person_as_child_of_a_couple_is_one_revision(page_app):
    at = page_app("genogram")
    data = load(at)
    names = {e.id: e.name for e in data.entities}
    couple = next(
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP
        and {names[r.source], names[r.target]} == {"Rick de Boer", "Sanne Jansen"}
    )
    before, changes = data.case.revision, history_size(at)
    at.run()
    at.radio(key="geno_add_connect").set_value("child").run()
    at.text_input(key="geno_add_name").input("Nieuw Kind")
    at.text_input(key="geno_add_birth").input("2026")
    at.selectbox(key="geno_add_parents_none").set_value(f"couple:{couple.id}")
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    after = load(at)
    child = next(e for e in after.entities if e.name == "Nieuw Kind")
    parents = {
        r.source
        for r in after.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == child.id
    }
    assert parents == {couple.source, couple.target}
    assert child.birth == "2026"
    assert after.case.revision == before + 1 and history_size(at) == changes + 1
    # the new person is selected, with the panel beside the map
    assert at.session_state["casemap_selected"] == {"kind": "entity", "id": child.id}


def test_a_child_whose_link_fails_saves_nothing(page_app, monkeypatch):
    """Person and parent links go together or not at all (Store.save_many)."""
    from mapping.core.errors import InvalidInput
    from mapping.core.model import Relation

    original = Store._save_one

    def refuse_links(self, case_id, record):
        if isinstance(record, Relation):
            raise InvalidInput("Koppeling geweigerd.")
        return original(self, case_id, record)

    at = page_app("genogram")
    at.run()
    before = load(at)
    monkeypatch.setattr(Store, "_save_one", refuse_links)
    at.radio(key="geno_add_connect").set_value("child").run()
    at.text_input(key="geno_add_name").input("Half Kind")
    at.selectbox(key="geno_add_parents_none").set_value("person:karin")
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    assert errors(at) == ["Koppeling geweigerd."]
    monkeypatch.undo()
    after = load(at)
    assert "Half Kind" not in {e.name for e in after.entities}
    assert after.case.revision == before.case.revision


# ---------------------------------------------------------------- dates
def test_bad_date_names_the_field_in_dutch(page_app):
    at = page_app("genogram")
    at.run()
    before = load(at).case.revision
    at.text_input(key="geno_add_name").input("Iemand")
    at.text_input(key="geno_add_birth").input("31-02-1980")
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception
    assert errors(at) == [
        "Geboortedatum: '31-02-1980' is geen geldige datum; schrijf jjjj of jjjj-mm-dd."
    ]
    assert load(at).case.revision == before


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1980", "1980"),
        ("1980-05-03", "1980-05-03"),
        ("3-5-1980", "1980-05-03"),
        ("03-05-1980", "1980-05-03"),
        ("3/5/1980", "1980-05-03"),
        ("5-1980", "1980-05"),
    ],
)
def test_dates_as_dutch_users_type_them_are_stored_as_iso(page_app, typed, stored):
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Datumtest")
    at.text_input(key="geno_add_birth").input(typed)
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception and not at.error, errors(at)
    person = next(e for e in load(at).entities if e.name == "Datumtest")
    assert person.birth == stored


@pytest.mark.parametrize("typed", ["mei 1984", "1980-13", "32-1-1980", "0980", "1980-02-30"])
def test_no_date_in_the_calendar_is_refused(page_app, typed):
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Iemand")
    at.text_input(key="geno_add_death").input(typed)
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception
    assert errors(at) == [
        f"Overlijdensdatum: '{typed}' is geen geldige datum; schrijf jjjj of jjjj-mm-dd."
    ]


def test_death_before_birth_is_refused(page_app):
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Iemand")
    at.text_input(key="geno_add_birth").input("1980")
    at.text_input(key="geno_add_death").input("1-1-1970")
    _button(at, "Persoon toevoegen").click().run()
    assert not at.exception
    assert errors(at) and "vóór" in errors(at)[0] and "Overlijdensdatum" in errors(at)[0]


# ---------------------------------------------------------------- the person panel
def _panel_text(at) -> str:
    panel = next(e for e in at.expander if e.label.startswith("Balans en plan"))
    return " ".join(m.value for m in panel.markdown)


def test_picking_a_person_shows_facts_and_their_plan(page_app):
    at = page_app("genogram")
    at.run()
    at.selectbox(key="geno_selected").set_value("els").run()
    assert not at.exception, at.exception
    assert at.session_state["casemap_selected"] == {"kind": "entity", "id": "els"}
    assert any("Els Visser" in m.value for m in at.markdown)
    assert "Voert uit" in _panel_text(at)  # she carries out a plan action


def test_selecting_on_the_canvas_opens_the_panel(page_app):
    at = page_app("genogram")
    at.run()
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "sanne"}
    canvas_event(at, {"type": "select", "kind": "entity", "id": "sanne"})
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="geno_selected").value == "sanne"  # the picker follows the map
    assert any("Sanne Jansen" in m.value for m in at.markdown)
    assert any("geboren 1984" in c.value for c in at.caption)
    assert _panel_text(at)  # her factors and goals


def test_removing_a_person_with_plan_actions_asks_what_to_do(page_app):
    """Els carries out an action of the plan: before, the page could not remove her."""
    at = page_app("genogram")
    at.run()
    at.selectbox(key="geno_selected").set_value("els").run()
    radio = at.radio(key="geno_remove_els_on_actions")
    assert radio.options == ["Acties houden, met de naam als tekst", "Acties ook verwijderen"]
    radio.set_value("unassign")
    at.button(key="geno_remove_els_confirm").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    data = load(at)
    assert "els" not in {e.id for e in data.entities}
    action = next(a for a in data.actions if a.id == "a-post")
    assert (action.actor_id, action.actor_text) == ("", "Els Visser")
    assert "casemap_selected" not in at.session_state


def test_removing_a_person_without_actions(page_app):
    at = page_app("genogram")
    at.run()
    at.selectbox(key="geno_selected").set_value("mila").run()
    with pytest.raises(KeyError):
        at.radio(key="geno_remove_mila_on_actions")  # nothing to ask
    at.button(key="geno_remove_mila_confirm").click().run()
    assert not at.exception, at.exception
    data = load(at)
    assert "mila" not in {e.id for e in data.entities}
    assert not [r for r in data.relations if "mila" in (r.source, r.target)]


# ---------------------------------------------------------------- a line drawn on the canvas
def test_connect_two_adults_suggests_a_partnership_and_saves_it(page_app):
    at = page_app("genogram")
    at.run()
    before, changes = load(at).case.revision, history_size(at)
    canvas_event(at, {"type": "connect", "source": "karin", "target": "ahmed"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["geno_pending_link"] == ("karin", "ahmed")
    assert at.radio(key="geno_link_kind").value == "partnership"
    assert at.selectbox(key="geno_link_status").value == "married"
    at.selectbox(key="geno_link_status").set_value("cohabiting")
    at.text_input(key="geno_link_start").input("1-9-2019")
    at.button(key="geno_link_save").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    data = load(at)
    couple = next(
        r
        for r in data.relations
        if r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == {"karin", "ahmed"}
    )
    assert (couple.subtype, couple.start) == ("cohabiting", "2019-09-01")
    assert data.case.revision == before + 1 and history_size(at) == changes + 1
    assert "geno_pending_link" not in at.session_state
    assert any("opgeslagen" in s.value for s in at.success)


def test_connect_across_generations_suggests_parent_child_with_the_partner(page_app):
    at = page_app("genogram")
    with Store(at.db_path) as store:
        store.save(at.case_id, Entity(id="nieuw", name="Nieuw Kind", birth="2024"))
    at.run()
    before = load(at).case.revision
    # drawn from the child to the parent: the elder is still the parent
    canvas_event(at, {"type": "connect", "source": "nieuw", "target": "ilse"})
    at.run()
    assert not at.exception, at.exception
    assert at.radio(key="geno_link_kind").value == "child"
    assert at.radio(key="geno_link_parent").value == "ilse"
    assert at.selectbox(key="geno_link_other").value == "mark"  # her one partner
    at.selectbox(key="geno_link_link").set_value("adopted")
    at.button(key="geno_link_save").click().run()
    assert not at.exception, at.exception
    data = load(at)
    links = {
        (r.source, r.subtype)
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == "nieuw"
    }
    assert links == {("ilse", "adopted"), ("mark", "adopted")}
    assert data.case.revision == before + 1


def test_connect_partners_suggests_an_emotional_relation(page_app):
    at = page_app("genogram")
    at.run()
    count = len(load(at).relations)
    canvas_event(at, {"type": "connect", "source": "rick", "target": "sanne"})
    at.run()
    assert at.radio(key="geno_link_kind").value == "emotional"
    at.selectbox(key="geno_link_emotional").set_value("conflict")
    at.text_input(key="geno_link_note").input("over de opvoeding")
    at.button(key="geno_link_save").click().run()
    assert not at.exception, at.exception
    data = load(at)
    line = next(
        r
        for r in data.relations
        if r.kind is RelationKind.EMOTIONAL and {r.source, r.target} == {"rick", "sanne"}
    )
    assert (line.subtype, line.note) == ("conflict", "over de opvoeding")
    assert len(data.relations) == count + 1


def test_an_existing_line_is_changed_not_doubled(page_app):
    at = page_app("genogram")
    at.run()
    count = len(load(at).relations)
    canvas_event(at, {"type": "connect", "source": "sanne", "target": "ilse"})
    at.run()
    assert at.radio(key="geno_link_kind").value == "emotional"
    assert at.selectbox(key="geno_link_emotional").value == "hostile"  # as stored
    at.selectbox(key="geno_link_emotional").set_value("distant")
    at.button(key="geno_link_save").click().run()
    assert not at.exception, at.exception
    data = load(at)
    lines = [
        r
        for r in data.relations
        if r.kind is RelationKind.EMOTIONAL and {r.source, r.target} == {"sanne", "ilse"}
    ]
    assert [r.subtype for r in lines] == ["distant"]
    assert len(data.relations) == count


def test_connect_cancel_saves_nothing(page_app):
    at = page_app("genogram")
    at.run()
    before = load(at).case.revision
    canvas_event(at, {"type": "connect", "source": "karin", "target": "ahmed"})
    at.run()
    at.button(key="geno_link_cancel").click().run()
    assert not at.exception
    assert "geno_pending_link" not in at.session_state
    with pytest.raises(KeyError):
        at.button(key="geno_link_save")
    assert load(at).case.revision == before


def test_connect_refuses_a_parent_who_is_the_childs_child(page_app):
    at = page_app("genogram")
    at.run()
    canvas_event(at, {"type": "connect", "source": "henk", "target": "peter"})
    at.run()
    assert at.radio(key="geno_link_parent").value == "henk"  # the stored tie
    at.radio(key="geno_link_parent").set_value("peter").run()
    before = load(at).case.revision
    at.button(key="geno_link_save").click().run()
    assert not at.exception
    assert errors(at) and "voorouder" in errors(at)[0]
    assert load(at).case.revision == before


def test_connect_bad_date_names_the_field(page_app):
    at = page_app("genogram")
    at.run()
    canvas_event(at, {"type": "connect", "source": "karin", "target": "ahmed"})
    at.run()
    at.text_input(key="geno_link_start").input("31-02-1980")
    at.button(key="geno_link_save").click().run()
    assert errors(at) == [
        "Begin van de relatie: '31-02-1980' is geen geldige datum; schrijf jjjj of jjjj-mm-dd."
    ]
    assert "geno_pending_link" in at.session_state  # the form stays open to correct


def test_connect_with_a_system_is_refused(page_app):
    at = page_app("genogram")
    at.run()
    canvas_event(at, {"type": "connect", "source": "sanne", "target": "schuldhulp"})
    at.run()
    assert not at.exception
    assert at.warning and "persoon naar een persoon" in at.warning[0].value
    assert "geno_pending_link" not in at.session_state


# ---------------------------------------------------------------- concurrency
def _add(at, name):
    at.text_input(key="geno_add_name").input(name)
    _button(at, "Persoon toevoegen").click().run()


def test_two_adds_in_a_row_are_not_taken_for_a_colleagues_change(page_app):
    at = page_app("genogram")
    at.run()
    _add(at, "Eerste")
    _add(at, "Tweede")
    assert not at.exception and not at.error, errors(at)
    assert {"Eerste", "Tweede"} <= {e.name for e in load(at).entities}


def test_colleagues_change_in_between_is_refused(page_app):
    at = page_app("genogram")
    at.run()
    with Store(at.db_path) as store:
        store.save(at.case_id, Entity(id="collega", name="Door collega"), author="collega")
    _add(at, "Van mij")
    assert not at.exception
    assert at.error  # StaleRevision shown in Dutch, nothing overwritten
    names = {e.name for e in load(at).entities}
    assert "Door collega" in names and "Van mij" not in names


# ---------------------------------------------------------------- lazy tabs and legend (#20)
def _keys(at) -> set[str]:
    return {w.key for w in at._tree if getattr(w, "key", None)}


def test_only_the_open_tab_is_sent(page_app):
    """A hidden tab's widgets cost the browser time: only the open tab's content runs."""
    at = page_app("genogram")
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "sanne"}
    at.run()
    assert not at.exception, at.exception
    keys = _keys(at)
    assert "geno_add_name" in keys  # "Persoon toevoegen", open at the start
    assert not any(k.startswith("geno_edit_sanne") for k in keys)
    assert "geno_rk" not in keys and "geno_gedcom" not in keys
    open_tab(at, "Persoon bewerken")
    at.run()
    keys = _keys(at)
    assert "geno_edit_sanne_name" in keys and "geno_add_name" not in keys
    assert at.text_input(key="geno_edit_sanne_name").value == "Sanne Jansen"
    open_tab(at, "Relaties")
    at.run()
    assert "geno_rk" in _keys(at) and "geno_edit_sanne_name" not in _keys(at)
    open_tab(at, "Importeren en exporteren")
    at.run()
    assert {"geno_gedcom", "geno_export"} <= _keys(at) and "geno_rk" not in _keys(at)


def test_the_open_tab_survives_a_save_and_a_selection_on_the_map(page_app):
    at = page_app("genogram")
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "sanne"}
    open_tab(at, "Persoon bewerken")
    at.run()
    at.text_input(key="geno_edit_sanne_role").input("moeder van Daan")
    _button(at, "Opslaan").click().run()
    assert not at.exception, at.exception
    assert next(e for e in load(at).entities if e.id == "sanne").role == "moeder van Daan"
    assert at.session_state["geno_tab"] == "Persoon bewerken"
    assert any(k.startswith("geno_edit_sanne") for k in _keys(at))
    # another symbol clicked on the map: the edit tab stays open, now with that person
    canvas_event(at, {"type": "select", "kind": "entity", "id": "rick"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["geno_tab"] == "Persoon bewerken"
    assert at.text_input(key="geno_edit_rick_name").value == "Rick de Boer"
    assert "geno_add_name" not in _keys(at)


def test_the_legend_is_sent_only_while_open(page_app):
    at = page_app("genogram")
    at.run()
    legend = next(e for e in at.expander if e.label == "Legenda")
    assert not legend.markdown  # closed: none of its lines
    at.session_state["geno_legend"] = True
    at.run()
    legend = next(e for e in at.expander if e.label == "Legenda")
    assert len(legend.markdown) > 5, [m.value for m in legend.markdown]


def test_a_couple_is_edited_in_its_popover_sent_only_when_opened(page_app):
    at = page_app("genogram")
    couple = next(
        r
        for r in load(at).relations
        if r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == {"sanne", "rick"}
    )
    at.session_state["casemap_selected"] = {"kind": "entity", "id": "sanne"}
    open_tab(at, "Relaties")
    at.run()
    assert f"geno_ps_{couple.id}" not in _keys(at)  # closed: no form
    at.session_state[f"geno_pedit_open_{couple.id}"] = True
    at.run()
    at.selectbox(key=f"geno_ps_{couple.id}").set_value("divorced")
    at.text_input(key=f"geno_e_{couple.id}").input("2023")
    next(b for b in at.button if b.label == "Opslaan" and couple.id in b.id).click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    stored = next(r for r in load(at).relations if r.id == couple.id)
    assert (stored.subtype, stored.end) == ("divorced", "2023")


# ---------------------------------------------------------------- export
def test_export_panel_makes_the_genogram_without_names_or_emotional_lines(page_app):
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    at.toggle(key="geno_emotional").set_value(False)
    at.selectbox(key="geno_format").set_value("svg")
    at.toggle(key="geno_pseudonymise").set_value(True)
    at.button(key="geno_export").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    (choice, _switches, _paper, context, _made_of), blob, *_ = at.session_state["geno_export_blob"]
    svg = blob.decode("utf-8")
    assert choice == "svg" and context == (False,)
    assert svg.startswith("<?xml") or "<svg" in svg[:200]
    assert "Sanne" not in svg and "Jansen" not in svg
    assert "layer-emotional" not in svg
    assert at.get("download_button")
    # with the overlay on again, the made file is not offered any more
    at.toggle(key="geno_emotional").set_value(True).run()
    assert not at.get("download_button")
    at.button(key="geno_export").click().run()
    (_c, _s, _p, context, _m), blob, *_ = at.session_state["geno_export_blob"]
    assert context == (True,) and "layer-emotional" in blob.decode("utf-8")


# ---------------------------------------------------------------- GEDCOM upload
GEDCOM_DIR = __import__("pathlib").Path(__file__).parent / "data" / "gedcom"


def _case_counts(at):
    with Store(at.db_path) as store:
        cases = store.list_cases(include_archived=True)
        return len(cases), store.revision(at.case_id)


def test_broken_gedcom_upload_is_a_dutch_message_and_writes_nothing(page_app):
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    before = _case_counts(at)
    cut_off = b"0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jan /Jansen/\n0 @I2@ INDI\n1 NA"
    at.file_uploader(key="geno_gedcom").set_value(("kapot.ged", cut_off, "text/plain")).run()
    assert not at.exception, at.exception
    assert at.error and any("GEDCOM" in e.value or "bestand" in e.value for e in at.error)
    assert not [b for b in at.button if b.key in ("geno_ged_new", "geno_ged_add")]
    assert _case_counts(at) == before


def test_a_link_to_a_family_the_file_left_out_is_skipped_and_said(page_app):
    """Legacy and others export a part of a tree whose FAMC still names a left-out family."""
    content = (
        b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        b"0 @I1@ INDI\n1 NAME Jan /Jansen/\n1 SEX M\n1 FAMC @F9@\n0 TRLR\n"
    )
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    at.file_uploader(key="geno_gedcom").set_value(("deel.ged", content, "text/plain")).run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    assert any("F9" in w.value for w in at.warning), [w.value for w in at.warning]
    at.button(key="geno_ged_new").click().run()
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "deel")
        assert [e.name for e in store.load(case.id).entities] == ["Jan Jansen"]


def test_gedcom_upload_goes_through_tidy(page_app):
    """A stray control character in a name from another program is dropped, not refused."""
    content = (
        b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        b"0 @I1@ INDI\n1 NAME Jan\x07 /Jansen/\n1 SEX M\n"
        b"0 @I2@ INDI\n1 NAME Anna /Smit/\n1 SEX F\n"
        b"0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n0 TRLR\n"
    )
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    at.file_uploader(key="geno_gedcom").set_value(
        ("tidy_test.ged", content, "application/octet-stream")
    ).run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    at.button(key="geno_ged_new").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "tidy_test")
        names = {e.name for e in store.load(case.id).entities}
    assert names == {"Jan Jansen", "Anna Smit"}


def test_gedcom_added_to_this_case_is_one_revision(page_app):
    content = (GEDCOM_DIR / "remarriage2.ged").read_bytes()
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    before, changes = load(at).case.revision, history_size(at)
    at.file_uploader(key="geno_gedcom").set_value(("r.ged", content, "text/plain")).run()
    at.button(key="geno_ged_add").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    data = load(at)
    assert any(e.id.startswith("ged-") for e in data.entities)
    assert data.case.revision == before + 1 and history_size(at) == changes + 1


def test_a_second_family_tree_added_overwrites_nobody(page_app):
    """Two files both have an @I1@: the second one's people come in beside the first's."""
    first = (GEDCOM_DIR / "remarriage2.ged").read_bytes()
    second = (
        b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        b"0 @I1@ INDI\n1 NAME Kees /Visser/\n1 SEX M\n"
        b"0 @I2@ INDI\n1 NAME Lies /Visser/\n1 SEX F\n1 FAMC @F1@\n"
        b"0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n0 TRLR\n"
    )
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    at.file_uploader(key="geno_gedcom").set_value(("a.ged", first, "text/plain")).run()
    at.button(key="geno_ged_add").click().run()
    after_first = load(at)
    at.file_uploader(key="geno_gedcom").set_value(("b.ged", second, "text/plain")).run()
    at.button(key="geno_ged_add").click().run()
    assert not at.exception, at.exception
    assert not at.error, errors(at)
    data = load(at)
    # everyone of the first file and of the case is still there, unchanged
    before = {e.id: e for e in after_first.entities}
    now = {e.id: e for e in data.entities}
    assert all(now[i] == e for i, e in before.items())
    names = {e.name: e for e in data.entities}
    kees, lies = names["Kees Visser"], names["Lies Visser"]
    assert kees.id not in before and lies.id not in before
    # the line between them followed the new ids
    assert any(
        r.kind is RelationKind.PARENT_CHILD and (r.source, r.target) == (kees.id, lies.id)
        for r in data.relations
    )
    # the case keeps its one index person
    assert [e.id for e in data.entities if e.index_person] == [
        e.id for e in after_first.entities if e.index_person
    ]


def test_large_gedcom_keeps_a_part_titled_after_the_file_with_the_focus_as_index(
    page_app, monkeypatch
):
    from mapping.formats import gedcom

    monkeypatch.setattr(gedcom, "LARGE", 10)  # the Gramps sample (43 people) counts as large
    content = (GEDCOM_DIR / "gramps_sample.ged").read_bytes()
    lloyd = next(e for e in gedcom.read_gedcom(content).entities if e.name == "Lloyd Smith")
    at = page_app("genogram")
    open_tab(at, "Importeren en exporteren")
    at.run()
    at.file_uploader(key="geno_gedcom").set_value(
        ("familie_smith.ged", content, "application/octet-stream")
    ).run()
    assert not at.exception, at.exception
    assert at.warning  # large: asks which part to keep
    at.selectbox(key="geno_tree_around").set_value(lloyd.id).run()
    _button(at, "Als nieuwe casus importeren").click().run()
    assert not at.exception, at.exception
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "familie_smith")
        data = store.load(case.id)
    index = [e.name for e in data.entities if e.index_person]
    assert index == ["Lloyd Smith"]
    assert len([e for e in data.entities if e.is_person]) < 43


def _map_names(at) -> str:
    """The names in the drawing the page handed its canvas in the last run."""
    return " ".join(m.value for m in at.markdown)  # 'Kaart in woorden' lists everyone drawn


def test_a_save_shows_on_the_map_in_the_run_of_the_click(page_app):
    """Forms save in their submit callback, before the page: one run draws the result (#20)."""
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Eerste Run")
    _button(at, "Persoon toevoegen").click().run()  # one run, no second st.rerun()
    assert not at.exception and not at.error, errors(at)
    assert "Eerste Run" in _map_names(at)
    assert at.text_input(key="geno_add_name").value == ""  # the form starts empty again


def test_the_relation_form_saves_one_relation_and_refuses_one_person_twice(page_app):
    at = page_app("genogram")
    open_tab(at, "Relaties")
    at.run()
    at.radio(key="geno_rk").set_value("emotional").run()
    at.selectbox(key="geno_rel_a_none").set_value("sanne")
    at.selectbox(key="geno_rel_b_none").set_value("sanne")
    before = load(at).case.revision
    _button(at, "Relatie toevoegen").click().run()
    assert not at.exception, at.exception
    assert any("twee verschillende personen" in e for e in errors(at))
    assert load(at).case.revision == before  # nothing saved
    at.selectbox(key="geno_rel_a_none").set_value("sanne")
    at.selectbox(key="geno_rel_b_none").set_value("rick")
    at.text_input(key="geno_rel_note").input("spanning over geld")
    _button(at, "Relatie toevoegen").click().run()
    assert not at.exception and not at.error, errors(at)
    after = load(at)
    assert after.case.revision == before + 1
    line = next(r for r in after.relations if r.note == "spanning over geld")
    assert (line.kind, line.source, line.target) == (RelationKind.EMOTIONAL, "sanne", "rick")


def test_the_relation_form_adds_a_child_with_its_second_parent(page_app):
    at = page_app("genogram")
    open_tab(at, "Relaties")
    at.run()
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        store.save(
            at.case_id, Entity(id="nieuw", name="Nieuw Kind"), expected_revision=data.case.revision
        )
    at.run()
    at.radio(key="geno_rk").set_value("child").run()
    at.selectbox(key="geno_rel_a_none").set_value("sanne")
    at.selectbox(key="geno_rel_b_none").set_value("nieuw")
    at.selectbox(key="geno_rel_other").set_value("rick")
    _button(at, "Relatie toevoegen").click().run()
    assert not at.exception and not at.error, errors(at)
    parents = {
        r.source
        for r in load(at).relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == "nieuw"
    }
    assert parents == {"sanne", "rick"}
