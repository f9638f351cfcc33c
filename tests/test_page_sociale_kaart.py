"""The Sociale kaart page (AppTest): table, search, add, change, remove, CSV, overview, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.access import log, users
from mapping.access.guard import GuardedStore, Principal
from mapping.access.users import Role
from mapping.core.model import Action
from mapping.services import sociale_kaart as sk
from mapping.services.demo import load_demo_kaart
from mapping.storage.store import Store

TAB = "kaart_tab"  # the page's tab key (views/sociale_kaart.py)

ROOT = Path(__file__).resolve().parents[1]
DEMO_CSV = ROOT / "data" / "sociale-kaart.csv"


def _text(at) -> str:
    parts = [
        m.value for m in (*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success)
    ]
    return " ".join(str(p) for p in parts).replace("\\", "")


def _frame(at, column: str):
    """The dataframe that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_an_empty_kaart_says_so_and_an_organisation_is_added(page_app):
    at = page_app("sociale_kaart", open_demo=False)
    at.run()
    assert not at.exception
    assert "De sociale kaart is nog leeg" in _text(at)
    at.text_input(key="kaart_f_new0_name").input("Buurtbemiddeling Stad")
    at.selectbox(key="kaart_f_new0_kind").set_value("neighbours")
    at.number_input(key="kaart_f_new0_weeks").set_value(3)
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        org = sk.get(store, "buurtbemiddeling-stad")
    assert (org.name, org.kind, org.waiting_weeks) == ("Buurtbemiddeling Stad", "neighbours", 3)
    assert "'Buurtbemiddeling Stad' staat op de sociale kaart." in _text(at)
    assert list(_frame(at, "Naam")["Naam"]) == ["Buurtbemiddeling Stad"]
    # the form is empty again for the next one
    assert at.text_input(key="kaart_f_new1_name").value == ""


def test_a_refused_organisation_keeps_what_was_typed(page_app):
    at = page_app("sociale_kaart", open_demo=False)
    at.run()
    at.text_input(key="kaart_f_new0_name").input("   ")
    at.text_input(key="kaart_f_new0_area").input("Stad-Noord")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert any("geef de organisatie een naam" in e.value.replace("\\", "") for e in at.error)
    assert at.text_input(key="kaart_f_new0_area").value == "Stad-Noord"
    with Store(at.db_path) as store:
        assert sk.organisations(store, include_removed=True) == []


def test_search_filter_change_and_remove_on_the_demo_kaart(page_app):
    at = page_app("sociale_kaart")
    with Store(at.db_path) as store:
        load_demo_kaart(store, author="test")
    at.run()
    assert not at.exception
    assert len(_frame(at, "Naam")) == 42
    assert "zijn langer dan een half jaar niet gecontroleerd" in _text(at)
    at.multiselect(key="kaart_kinds").set_value(["debt"]).run()
    assert set(_frame(at, "Naam")["Naam"]) == {
        "Schuldhulpverlening Stad",
        "Humanitas Thuisadministratie",
        "Geldloket Stad",
    }
    at.text_input(key="kaart_search").input("inloop").run()
    assert list(_frame(at, "Naam")["Naam"]) == ["Geldloket Stad"]
    # change the waiting time of one
    at.selectbox(key="kaart_edit_choice").set_value("schuldhulpverlening-stad").run()
    at.number_input(key="kaart_f_schuldhulpverlening-stad_weeks").set_value(12)
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert sk.get(store, "schuldhulpverlening-stad").waiting_weeks == 12
    # take it off the kaart: the demo case links to it, and keeps the name
    assert "1 casus(sen) verwijzen ernaar" in _text(at)
    at.button(key="kaart_remove_schuldhulpverlening-stad").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        gone = sk.get(store, "schuldhulpverlening-stad")
        assert gone.removed and gone.name == "Schuldhulpverlening Stad"
        assert any(e.kaart_id == gone.id for e in store.load(at.case_id).entities)
    assert "Niet meer op de sociale kaart (1)" in [e.label for e in at.expander]


def test_a_csv_is_previewed_then_imported(page_app):
    at = page_app("sociale_kaart", open_demo=False)
    with Store(at.db_path) as store:
        sk.save_org(
            store, sk.Organisation(name="Geldloket Stad", kind="debt", waiting_weeks=1), author="t"
        )
    at.session_state[TAB] = "Importeren en exporteren"
    at.run()
    at.file_uploader(key="kaart_csv_0").set_value(
        ("kaart.csv", DEMO_CSV.read_bytes(), "text/csv")
    ).run()
    assert not at.exception
    assert "41 nieuw, 1 bijgewerkt, 0 ongewijzigd." in _text(at)
    preview = _frame(at, "Wat verandert")
    assert len(preview) == 42
    with Store(at.db_path) as store:
        assert len(sk.organisations(store)) == 1  # nothing stored by the preview
    at.button(key="kaart_import").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert len(sk.organisations(store)) == 42
        assert sk.get(store, "geldloket-stad").waiting_weeks == 0


def test_a_bad_csv_is_refused_with_its_line_and_nothing_changes(page_app):
    at = page_app("sociale_kaart", open_demo=False)
    at.session_state[TAB] = "Importeren en exporteren"
    at.run()
    bad = "naam;soort;wachttijd_weken\nA;school;2\nB;bakkerij;3\n".encode("cp1252")
    at.file_uploader(key="kaart_csv_0").set_value(("kaart.csv", bad, "text/csv")).run()
    assert not at.exception
    assert any(
        "Regel 3, kolom 'soort': onbekende soort 'bakkerij'" in e.value.replace("\\", "")
        for e in at.error
    )
    assert not [b for b in at.button if b.key == "kaart_import"]
    with Store(at.db_path) as store:
        assert sk.organisations(store) == []


def test_the_overview_counts_the_demo_case_and_logs_one_line(page_app):
    at = page_app("sociale_kaart")
    with Store(at.db_path) as store:
        load_demo_kaart(store, author="test")
        data = store.load(at.case_id)
        goal = data.goals[0]
        store.save(
            at.case_id,
            Action(
                "ref1",
                goal.id,
                "Aanmelden GGZ",
                referral_org="ggz-midden",
                referral_status="wachtlijst",
                referred_on="2026-11-01",
            ),
        )
    at.session_state[TAB] = "Overzicht"
    at.run()
    assert not at.exception
    at.button(key="kaart_overview_read").click().run()
    assert not at.exception
    frame = _frame(at, "Casussen gekoppeld")
    rows = {r["Organisatie"]: r for r in frame.to_dict("records")}
    assert rows["GGZ Midden"]["Casussen gekoppeld"] == 1 and rows["GGZ Midden"]["Wachtend"] == 1
    assert rows["VV Oostkant"]["Wachtend"] == 0
    assert "Jansen" not in frame.to_string() and "DEMO" not in frame.to_string()
    with Store(at.db_path) as store:
        lines = [line for line in log.lines(store.db) if "overzicht" in line.detail]
    assert len(lines) == 1 and lines[0].case_id == ""
    at.run()  # another run of the page does not read (nor log) it again
    with Store(at.db_path) as store:
        assert len([line for line in log.lines(store.db) if "overzicht" in line.detail]) == 1


@pytest.mark.parametrize("role", [Role.CASEMANAGER, Role.TEAMLEIDER, Role.STUDENT])
def test_in_team_mode_the_roles_decide_who_changes_the_kaart(page_app, role):
    from mapping.access.config import Deployment
    from views.state import DEPLOYMENT, PRINCIPAL

    at = page_app("sociale_kaart", open_demo=False)
    with GuardedStore(at.db_path, Principal.command_line()) as store:
        users.add_team(store.db, "Noord")
        user = users.add_user(store.db, "u@org.nl", name="U", role=role, teams=["Noord"])
        load_demo_kaart(store, author="test")
        who = Principal.of(store.db, user, session="s")
    at.session_state[DEPLOYMENT] = Deployment("team", "127.0.0.1")
    at.session_state[PRINCIPAL] = who
    at.run()
    assert not at.exception
    assert len(_frame(at, "Naam")) == 42  # everyone reads it
    editor = role == Role.TEAMLEIDER
    assert bool([b for b in at.button if b.label == "Opslaan"]) is editor
    assert ("U kunt de sociale kaart lezen" in _text(at)) is not editor
    at.session_state[TAB] = "Overzicht"
    at.run()
    overview = [b for b in at.button if b.key == "kaart_overview_read"]
    assert bool(overview) is (role != Role.STUDENT)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_in_both_languages(page_app, lang):
    from views.state import LANG

    at = page_app("sociale_kaart")
    with Store(at.db_path) as store:
        load_demo_kaart(store, author="test")
    at.session_state[LANG] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == ("Social map" if lang == "en" else "Sociale kaart")
    assert ("Waiting time (weeks)" in _frame(at, "Contact").columns) is (lang == "en")


def test_a_hostile_name_is_shown_as_written_never_as_markup(page_app):
    name = "<img src=x onerror=alert(1)> **vet** [klik](http://x.example)"
    at = page_app("sociale_kaart", open_demo=False)
    at.run()
    at.text_input(key="kaart_f_new0_name").input(name)
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    flash = next(s.value for s in at.success)
    assert "<img" not in flash and "&lt;img" in flash and "\\*\\*vet\\*\\*" in flash
    assert list(_frame(at, "Naam")["Naam"]) == [name]  # a table cell is text
    with Store(at.db_path) as store:
        org = sk.find(store, "img")[0]
        sk.remove(store, org.id, author="t")
    at.run()
    removed = " ".join(m.value for m in at.markdown)
    assert "&lt;img" in removed and "<img" not in removed
