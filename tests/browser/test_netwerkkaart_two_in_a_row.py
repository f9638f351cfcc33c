"""Netwerkkaart in the real app (#21.1, #23.1/7): anyone's map, two members in a row, a ring
changed on the map.

Mirjam, Sanne's friend, has no netwerkkaart of her own: her map shows her ties
from the case (Sanne) as not placed yet. On it a casemanager adds two new people
in a row through "Lid toevoegen", each with different values (the second mostly
at the form's defaults), and every stored record is compared with what was meant;
then a tie not placed yet is placed from the map by clicking its symbol. The
actions are counted (printed with ``-s``). Screenshots: /tmp/netwerkkaart_ring_panel.png
(the panel under the map), /tmp/netwerkkaart_mirjam.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mapping.core.vocabulary import RelationKind, Ring, Sector, Sex, SupportType, Valence
from mapping.storage.store import Store
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import select_symbol, tab, wait_for_canvas
from tests.browser.test_forms_two_in_a_row import Hand

pytestmark = pytest.mark.browser

EGO = "mirjam"


def load(app_db):
    with Store(app_db) as store:
        return store.load(store.get_case("DEMO-001").id)


def ties_of(app_db, ego: str) -> dict:
    data = load(app_db)
    names = {e.id: e for e in data.entities}
    return {
        names[r.target].name: (names[r.target], r)
        for r in data.relations
        if r.kind is RelationKind.SUPPORT and r.source == ego
    }


def test_two_new_members_in_a_row_and_a_tie_placed_from_the_map(app_url, app_db, browser_page):
    page = browser_page
    hand = Hand(page)
    assert ties_of(app_db, EGO) == {}
    page.goto(f"{app_url}/sociogram?casus=DEMO-001")
    wait_for_app(page)
    hand.choose("socio_ego", "Mirjam de Groot")
    wait_for_app(page)
    # her map is not empty: Sanne (who placed her) is on it, not placed yet
    expect(page.get_by_text("heeft nog geen geplaatste banden").first).to_be_visible()
    wait_for_canvas(page)
    drawn = page.eval_on_selector_all(
        ".cm-stage g.symbol.unplaced", "els => els.map(e => e.getAttribute('data-entity-id'))"
    )
    assert "sanne" in drawn
    start = hand.actions
    hand.actions += 1
    tab(page, "Lid toevoegen")

    # the first: a neighbour, every field filled in
    hand.radio("socio_add_source", "nieuwe persoon (vriend, buur, collega...)")
    wait_for_app(page)
    hand.fill("socio_add0_name", "Gerrit Hoekstra")
    hand.fill("socio_add0_role", "buurman")
    hand.choose("socio_add0_sex", "man")
    hand.choose("socio_add0_person_sector", "Buren")
    hand.choose("socio_add0_person_ring", "verder weg")
    hand.choose("socio_add0_person_valence", "ambivalent")
    hand.choose("socio_add0_person_freq", "maandelijks")
    hand.choose("socio_add0_person_support", "praktisch")
    hand.actions += 1
    # each choice above reruns the page (no st.form here): the box is ticked once the app is
    # idle, and the tick must hold after the run it makes (lost once in the soak)
    wait_for_app(page)
    recip = hand.keyed("socio_add0_person_recip")
    recip.get_by_text("Wederkerig").click()
    wait_for_app(page, ran=True)
    expect(recip.locator("input[type='checkbox']")).to_be_checked()
    hand.fill("socio_add0_person_label", "maait het gras")
    hand.submit("socio_add0_go", "Toegevoegd aan de netwerkkaart.")
    first = hand.actions - start
    # the form is fresh: nothing of Gerrit shows
    expect(hand.keyed("socio_add1_name").locator("input")).to_have_value("")
    expect(hand.keyed("socio_add1_role").locator("input")).to_have_value("")
    expect(hand.keyed("socio_add1_person_label").locator("input")).to_have_value("")

    # the second: a friend, only the name and one kind of support
    start = hand.actions
    hand.choose("socio_add1_person_support", "emotioneel")
    hand.fill("socio_add1_name", "Fenna de Wit")  # (a name typed last is sent by the click)
    hand.submit("socio_add1_go", "Toegevoegd aan de netwerkkaart.")
    second = hand.actions - start

    ties = ties_of(app_db, EGO)
    gerrit, g = ties["Gerrit Hoekstra"]
    assert (gerrit.role, gerrit.sex) == ("buurman", Sex.MALE)
    assert (g.sector, g.ring, g.subtype) == (Sector.NEIGHBOURS, Ring.FAR, Valence.AMBIVALENT.value)
    assert (g.support, g.reciprocal, g.label) == ((SupportType.PRACTICAL,), True, "maait het gras")
    assert g.frequency is not None and g.frequency.value == "monthly"
    fenna, f = ties["Fenna de Wit"]
    assert (fenna.role, fenna.sex) == ("", Sex.UNKNOWN)  # nothing of Gerrit's
    assert (f.sector, f.ring, f.subtype) == (Sector.FRIENDS, Ring.MIDDLE, Valence.SUPPORTIVE.value)
    assert (f.support, f.reciprocal, f.label, f.frequency) == (
        (SupportType.EMOTIONAL,),
        False,
        "",
        None,
    )

    # Sanne, not placed yet on Mirjam's map: one click on her symbol, the ring, "Plaatsen"
    start = hand.actions
    wait_for_canvas(page)
    hand.actions += 1
    panel = page.locator(".st-key-socio_ring_panel")
    select_symbol(page, "sanne", panel.filter(has_text="nog niet geplaatst"))
    expect(panel).to_contain_text("nog niet geplaatst")
    panel.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/netwerkkaart_ring_panel.png")
    hand.radio("socio_ring_sanne_ring", "middel")  # suggested: dichtbij (her map has Mirjam there)
    hand.actions += 1
    panel.get_by_role("button", name="Plaatsen").click()
    wait_for_app(page)
    expect(page.get_by_text("Sanne Jansen geplaatst in de netwerkkaart.").first).to_be_visible()
    placing = hand.actions - start
    _, s = ties_of(app_db, EGO)["Sanne Jansen"]
    assert s.ring is Ring.MIDDLE and s.sector is Sector.FRIENDS
    wait_for_canvas(page)
    page.screenshot(path="/tmp/netwerkkaart_mirjam.png", full_page=True)
    print(f"actions: first member {first}, second {second}, placing from the map {placing}")
    assert second <= 4 and placing <= 3  # name, one kind of support (2), save; click, ring, place
