"""The ecogram and the team's sociale kaart: a system picked from the kaart (its kind first),
a typed name linked or put on the kaart, the kaart's details under the map, a system whose
organisation left the kaart, the quick add and the edit form linking to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from mapping.core.model import Action
from mapping.core.vocabulary import EntityKind, RelationKind, SystemKind
from mapping.services import sociale_kaart
from mapping.storage.store import Store

KAART_CSV = Path(__file__).resolve().parents[1] / "data" / "sociale-kaart.csv"
HUMANITAS = "humanitas-thuisadministratie"  # debt counselling on the kaart, not in the demo


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def with_kaart(at) -> None:
    with Store(at.db_path) as store:
        if not sociale_kaart.organisations(store):
            sociale_kaart.import_csv(store, KAART_CSV.read_bytes(), author="test")


@pytest.fixture
def eco_page(page_app):
    """The ecogram page of the demo case with the demo's sociale kaart in the database."""
    at = page_app("ecogram")
    with_kaart(at)
    at.run()
    assert not at.exception, at.exception
    return at


def chosen(at, entity_id: str):
    """``entity_id`` selected on the map (the canvas's own event)."""
    at.session_state["casemap_selected"] = {"kind": "entity", "id": entity_id}
    at.session_state["casemap_canvas_pending"] = {
        "eco": {"type": "select", "kind": "entity", "id": entity_id}
    }
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    """What the page says, as read (Markdown's escapes taken out)."""
    return " ".join(
        e.value for kind in ("markdown", "caption", "warning", "success") for e in at.get(kind)
    ).replace("\\", "")


def test_the_kaart_offers_the_chosen_kind_first_and_a_pick_fills_the_form(eco_page):
    at = eco_page
    at.selectbox(key="eco_new_kind").set_value(SystemKind.DEBT_COUNSELLING.value).run()
    offered = at.selectbox(key="eco_new_kaart").options
    kaart = {o.name: o for o in sociale_kaart.organisations(Store(at.db_path))}
    debt = [n for n, o in kaart.items() if o.kind == "debt"]
    assert len(debt) >= 3
    # the kind's organisations first (by name), then the rest
    assert [o.split(" (")[0] for o in offered[1 : len(debt) + 1]] == sorted(debt, key=str.casefold)
    assert len(offered) == len(kaart) + 1  # '—' and every organisation on the kaart
    at.selectbox(key="eco_new_kind").set_value(SystemKind.SCHOOL.value).run()
    at.selectbox(key="eco_new_kaart").set_value(HUMANITAS).run()
    assert not at.exception, at.exception
    # its name and kind are filled in
    assert at.text_input(key="eco_new_name").value == "Humanitas Thuisadministratie"
    assert at.selectbox(key="eco_new_kind").value == SystemKind.DEBT_COUNSELLING.value
    at.selectbox(key="eco_new_link_person").set_value("sanne")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    (system,) = [e for e in data.entities if e.kaart_id == HUMANITAS]
    assert (system.name, system.kind, system.system_kind) == (
        "Humanitas Thuisadministratie",
        EntityKind.SYSTEM,
        SystemKind.DEBT_COUNSELLING,
    )
    assert any(
        r.kind is RelationKind.CONNECTION and {r.source, r.target} == {"sanne", system.id}
        for r in data.relations
    )
    assert "gekoppeld aan de sociale kaart" in texts(at)
    # the form starts empty again, the kaart's choice too
    assert at.selectbox(key="eco_new_kaart").value == ""
    assert at.text_input(key="eco_new_name").value == ""


def test_a_typed_name_that_is_on_the_kaart_is_linked(eco_page):
    at = eco_page
    at.selectbox(key="eco_new_kind").set_value(SystemKind.OTHER.value)
    at.text_input(key="eco_new_name").input("voedselbank  stad")
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    (system,) = [e for e in load(at).entities if e.name == "voedselbank  stad".strip()]
    assert system.kaart_id == "voedselbank-stad"


def test_a_new_name_can_be_put_on_the_kaart_at_once(eco_page):
    at = eco_page
    at.selectbox(key="eco_new_kind").set_value(SystemKind.LEISURE.value)
    at.text_input(key="eco_new_name").input("Taalcafé De Brug")
    at.checkbox(key="eco_new_to_kaart").check()
    at.button(key="eco_add").click().run()
    assert not at.exception, at.exception
    (system,) = [e for e in load(at).entities if e.name == "Taalcafé De Brug"]
    org = sociale_kaart.get(Store(at.db_path), system.kaart_id)
    assert (org.name, org.kind, org.removed) == ("Taalcafé De Brug", "leisure", False)
    assert "ook op de sociale kaart gezet" in texts(at)
    assert at.checkbox(key="eco_new_to_kaart").value is False  # emptied with the form


def test_a_new_name_without_the_tick_stays_off_the_kaart(eco_page):
    at = eco_page
    before = len(sociale_kaart.organisations(Store(at.db_path)))
    at.text_input(key="eco_new_name").input("Moskee Al Fath")
    at.button(key="eco_add").click().run()
    (system,) = [e for e in load(at).entities if e.name == "Moskee Al Fath"]
    assert system.kaart_id == ""
    assert len(sociale_kaart.organisations(Store(at.db_path))) == before


def test_a_chosen_linked_system_shows_what_the_kaart_says(eco_page):
    at = eco_page
    data = load(at)
    ggz = next(e for e in data.entities if e.id == "ggz")
    assert ggz.kaart_id == "ggz-midden"  # the demo's GGZ is linked to the kaart
    org = sociale_kaart.get(Store(at.db_path), "ggz-midden")
    chosen(at, "ggz")
    shown = texts(at)
    assert "Op de sociale kaart" in shown and "GGZ Midden" in shown
    assert f"Aanbod: {org.offer}" in shown
    assert (
        f"Wachttijd: {org.waiting_weeks} weken (gecontroleerd op {'-'.join(reversed(org.checked_on.split('-')))})"
        in shown
    )
    assert "Verwijzing:" not in shown  # no referral to it yet


def test_a_chosen_system_says_how_long_its_referral_waits(eco_page):
    at = eco_page
    since = (date.today() - timedelta(days=17)).isoformat()
    with Store(at.db_path) as store:
        store.save(
            at.case_id,
            Action(
                id="a-ref",
                goal_id="g-geld",
                what="Aanmelden GGZ",
                actor_id="sanne",
                referral_org="ggz-midden",
                referral_status="wachtlijst",
                referred_on=since,
                status_on=since,
            ),
            author="test",
        )
    chosen(at, "ggz")
    assert "Verwijzing: wachtlijst, wacht 2 weken en 3 dagen" in texts(at)


def test_a_system_whose_organisation_left_the_kaart_keeps_its_name(eco_page):
    at = eco_page
    with Store(at.db_path) as store:
        sociale_kaart.remove(store, "ggz-midden", author="test")
    chosen(at, "ggz")
    assert "niet meer op de sociale kaart" in [w.value for w in at.warning]
    assert any(e.name == "GGZ Midden" for e in load(at).entities)
    assert "Op de sociale kaart" not in texts(at)  # no details of an organisation that left
    # the map's description (read by screen readers, from the tooltips) says so too
    assert "GGZ Midden (GGZ) niet meer op de sociale kaart" in texts(at)


def test_an_unlinked_system_says_so_and_is_linked_in_its_form(eco_page):
    at = eco_page
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        police = next(e for e in data.entities if e.id == "politie")
        store.save(at.case_id, replace(police, kaart_id=""), author="test")
    chosen(at, "politie")
    assert "Politie / Halt is niet gekoppeld aan de sociale kaart" in texts(at)
    link = at.selectbox(key="eco_edit_kaart_politie")
    assert link.value == ""
    assert link.options[1].startswith("Politie / Halt (politie en justitie)")  # its kind first
    link.set_value("politie-halt")
    at.button(key="eco_edit_save").click().run()
    assert not at.exception, at.exception
    assert next(e for e in load(at).entities if e.id == "politie").kaart_id == "politie-halt"


def test_the_quick_add_takes_an_organisation_of_the_kaart(eco_page):
    at = chosen(eco_page, "daan")
    offered = at.selectbox(key="eco_qa_kaart").options
    assert not any(o.startswith("GGZ Midden") for o in offered)  # already on this ecogram
    at.selectbox(key="eco_qa_kaart").set_value("jeugdfonds-sport-en-cultuur-stad")
    at.button(key="eco_qa_add").click().run()
    assert not at.exception, at.exception
    data = load(at)
    (fund,) = [e for e in data.entities if e.kaart_id == "jeugdfonds-sport-en-cultuur-stad"]
    assert (fund.name, fund.system_kind) == ("Jeugdfonds Sport en Cultuur Stad", SystemKind.SPORTS)
    assert any(
        r.kind is RelationKind.CONNECTION and (r.source, r.target) == ("daan", fund.id)
        for r in data.relations
    )
    assert at.selectbox(key="eco_qa_kaart").value == ""


def test_the_quick_add_refuses_two_choices_at_once(eco_page):
    at = chosen(eco_page, "daan")
    before = load(at).case.revision
    at.selectbox(key="eco_qa_kaart").set_value(HUMANITAS)
    at.text_input(key="eco_qa_name").input("Iets anders")
    at.button(key="eco_qa_add").click().run()
    assert "niet allebei" in " ".join(e.value for e in at.error)
    assert load(at).case.revision == before


def test_without_a_kaart_the_page_is_as_it_was(page_app):
    at = page_app("ecogram")
    at.run()
    assert not at.exception, at.exception
    assert not [s for s in at.selectbox if s.key == "eco_new_kaart"]
    assert not [c for c in at.checkbox if c.key == "eco_new_to_kaart"]
