"""Referrals (verwijzingen) to the sociale kaart: validation, dates, the ecogram's dashed line,
the kaart's details in a system's tooltip, and the open referrals in the report."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from mapping.core.errors import InvalidInput
from mapping.core.model import Action, CaseData, Entity, new_id
from mapping.core.vocabulary import EntityKind, SystemKind
from mapping.lenses.ecogram import REFERRAL_COLOUR, layout_ecogram
from mapping.lenses.legend import full_legend
from mapping.render.svg import render_svg
from mapping.services.demo import demo_case
from mapping.services.plan import (
    action_text,
    open_referrals,
    validate_action,
    waiting_text,
    with_referral_dates,
)
from mapping.services.report import build_report

DATA = Path(__file__).parent / "data"
KAART = {"k-shv", "k-ggz", "k-weg"}


def org(**kw) -> SimpleNamespace:
    """An organisation of the kaart as the page hands it to the lens (plain data)."""
    fields = dict(
        name="Schuldhulp Stad",
        offer="",
        for_whom="",
        area="",
        contact="",
        how_to_refer="",
        waiting_weeks=None,
        checked_on="",
        removed=False,
    )
    return SimpleNamespace(**{**fields, **kw})


def referral(status="wachtlijst", org_id="k-shv", **kw) -> Action:
    return Action(
        id=kw.pop("id", "a-ref"),
        goal_id=kw.pop("goal_id", "g-geld"),
        what=kw.pop("what", "Aanmelden bij de schuldhulp"),
        actor_text=kw.pop("actor_text", "casemanager"),
        referral_org=org_id,
        referral_status=status,
        referred_on=kw.pop("referred_on", "2026-01-05"),
        status_on=kw.pop("status_on", "2026-01-12"),
        **kw,
    )


def linked_demo(*actions: Action, kaart_id: str = "k-shv") -> CaseData:
    """The demo case with its debt counselling linked to the kaart and ``actions`` added."""
    data = demo_case()
    data.entities = [  # only the debt counselling is linked (whatever the demo links)
        replace(e, kaart_id=kaart_id if e.id == "schuldhulp" else "") for e in data.entities
    ]
    data.actions = [*data.actions, *actions]
    return data


# ----------------------------------------------------------------- validation
def test_a_referral_to_an_organisation_of_the_kaart_passes():
    data = linked_demo()
    validate_action(referral(), data, KAART)
    validate_action(referral(), data)  # without the kaart the organisation is not checked


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"referral_org": "k-onbekend"},
            "De organisatie 'k-onbekend' staat niet op de sociale kaart.",
        ),
        ({"referral_status": ""}, "Kies de status van de verwijzing."),
        ({"referral_status": "misschien"}, "Onbekende status van een verwijzing: 'misschien'."),
        (
            {"referred_on": "5 januari"},
            "Datum van aanmelding '5 januari' is geen datum; schrijf JJJJ-MM-DD.",
        ),
        ({"referred_on": "2026-02-30"}, "Datum van aanmelding '2026-02-30' is geen datum"),
        ({"status_on": "2026-01"}, "Datum van de status '2026-01' is geen datum"),
        (
            {"status_on": "2026-01-01"},
            "De status (2026-01-01) kan niet vóór de aanmelding (2026-01-05)",
        ),
        (
            {"referral_org": ""},
            "Een status van een verwijzing hoort bij een organisatie: kies de organisatie",
        ),
    ],
)
def test_a_referral_that_cannot_be_followed_is_refused_in_dutch(changes, message):
    with pytest.raises(InvalidInput) as refused:
        validate_action(replace(referral(), **changes), linked_demo(), KAART)
    assert str(refused.value).startswith(message)
    assert "JJJJ" not in refused.value.message("en") or "YYYY" in refused.value.message("en")


def test_an_action_without_a_referral_needs_no_kaart():
    data = demo_case()
    for action in data.actions:
        validate_action(action, data, set())


def test_a_new_referral_is_dated_today_and_a_status_change_dates_the_status():
    new = referral(status="aangemeld", referred_on="", status_on="")
    made = with_referral_dates(new, None, on=date(2026, 3, 2))
    assert (made.referred_on, made.status_on) == ("2026-03-02", "2026-03-02")
    moved = with_referral_dates(
        replace(made, referral_status="intake_gepland"), made, on=date(2026, 4, 6)
    )
    assert (moved.referred_on, moved.status_on) == ("2026-03-02", "2026-04-06")
    same = with_referral_dates(replace(moved, what="anders"), moved, on=date(2026, 5, 1))
    assert same.status_on == "2026-04-06"  # the status did not change: nor does its date
    typed = with_referral_dates(
        replace(moved, referral_status="lopend", status_on="2026-04-20"), moved, on=date(2026, 5, 1)
    )
    assert typed.status_on == "2026-04-20"  # a date the user wrote wins
    stopped = with_referral_dates(replace(moved, referral_org=""), moved)
    assert (stopped.referral_status, stopped.referred_on, stopped.status_on) == ("", "", "")


# ----------------------------------------------------------------- waiting
def test_open_referrals_longest_waiting_first_with_their_waiting_time():
    data = linked_demo(
        referral(id="a1", referred_on="2026-02-20", status_on="2026-02-20"),
        referral(id="a2", status="intake_gepland", org_id="k-ggz", referred_on="2026-01-01"),
        referral(id="a3", status="lopend"),
        referral(id="a4", status="afgesloten"),
        referral(id="a5", status="aangemeld", referred_on="", status_on=""),
    )
    found = open_referrals(data, {"k-ggz": "GGZ Midden"}, on=date(2026, 3, 6))
    assert [r.action.id for r in found] == ["a2", "a1", "a5"]
    assert [r.name for r in found] == [
        "GGZ Midden",
        "Schuldhulpverlening Stad",  # named by the system linked to it in the case
        "Schuldhulpverlening Stad",
    ]
    assert [waiting_text(r.days) for r in found] == [
        "9 weken",
        "2 weken",
        "datum van aanmelding onbekend",
    ]
    assert waiting_text(found[1].days, "en") == "2 weeks"


def test_waiting_words_in_dutch_and_english():
    assert waiting_text(1) == "1 dag" and waiting_text(3) == "3 dagen"
    assert waiting_text(7) == "7 dagen" and waiting_text(13) == "13 dagen"
    assert waiting_text(14) == "2 weken" and waiting_text(70) == "10 weken"
    assert waiting_text(15) == "2 weken en 1 dag"
    assert waiting_text(15, "en") == "2 weeks and 1 day"
    assert waiting_text(0, "en") == "since today"


def test_the_plan_table_says_an_action_is_a_referral():
    data = linked_demo()
    text = action_text(data, referral(), "nl")
    assert text.endswith("→ verwijzing naar Schuldhulpverlening Stad (wachtlijst)")
    assert "referral to Schuldhulpverlening Stad (waiting list)" in action_text(
        data, referral(), "en"
    )
    assert "verwijzing" not in action_text(data, data.actions[0])


# ----------------------------------------------------------------- the ecogram
def referral_lines(drawing):
    return [line for line in drawing.lines if line.layer == "referral"]


@pytest.mark.parametrize("status", ["aangemeld", "wachtlijst", "intake_gepland"])
def test_an_open_referral_is_a_dashed_line_with_its_status(status):
    drawing = layout_ecogram(linked_demo(referral(status=status)))
    (line,) = referral_lines(drawing)
    assert line.style == "dashed" and line.color == REFERRAL_COLOUR
    assert line.ends == ("sanne", "schuldhulp")  # from the client to the linked system
    assert line.label == {"aangemeld": "aangemeld", "wachtlijst": "wachtlijst"}.get(
        status, "intake gepland"
    )
    assert not line.relation_id  # not a relation: the canvas does not offer it for editing
    assert "referral" in {e.key for e in drawing.legend}
    svg = render_svg(drawing)
    group = re.search(r'<g class="line layer-referral style-dashed"[^>]*>.*?</g>', svg, re.S)
    assert group and "stroke-dasharray" in group.group(0)
    assert "Verwijzing naar Schuldhulpverlening Stad" in group.group(0)  # its tooltip


@pytest.mark.parametrize("status", ["lopend", "afgesloten", "afgewezen"])
def test_a_referral_that_no_longer_waits_draws_nothing(status):
    drawing = layout_ecogram(linked_demo(referral(status=status)))
    assert not referral_lines(drawing)
    assert "referral" not in {e.key for e in drawing.legend}
    assert "layer-referral" not in render_svg(drawing)


def test_a_referral_without_a_linked_system_draws_nothing():
    data = linked_demo(referral(org_id="k-ggz"))  # the GGZ is in the case but not linked
    assert not referral_lines(layout_ecogram(data))


def test_a_referral_runs_from_its_actor_in_the_household_and_beside_a_connection():
    data = linked_demo(referral(actor_id="daan", actor_text="", org_id="k-vmbo"))
    data.entities = [replace(e, kaart_id="k-vmbo") if e.id == "vmbo" else e for e in data.entities]
    drawing = layout_ecogram(data)
    (dashed,) = referral_lines(drawing)
    assert dashed.ends == ("daan", "vmbo")  # Daan acts in it, and he is in the household
    school = next(line for line in drawing.lines if line.relation_id == "k-daan-vmbo")
    assert school.ends == ("daan", "vmbo")  # Daan's own connection with the school ...
    assert dashed.points != school.points  # ... and the referral runs beside it, not over it


def test_an_actor_outside_the_household_refers_from_the_client():
    data = linked_demo(referral(actor_id="schuldhulp", actor_text=""))
    (dashed,) = referral_lines(layout_ecogram(data))
    assert dashed.ends == ("sanne", "schuldhulp")


def test_a_referral_label_is_escaped_in_the_svg():
    data = linked_demo(referral(what='<script>alert("x")</script> & co'))
    data.entities = [
        replace(e, name='Schuld & <Hulp> "Stad"') if e.id == "schuldhulp" else e
        for e in data.entities
    ]
    svg = render_svg(layout_ecogram(data))
    assert "<script>" not in svg and "<Hulp>" not in svg
    assert "&lt;script&gt;" in svg and "&lt;Hulp&gt;" in svg


def test_the_full_legend_explains_the_referral_line():
    (entry,) = [e for e in full_legend("ecogram") if e.key == "referral"]
    assert entry.sample.style == "dashed" and "verwijzing" in entry.text
    assert "referral" in next(e for e in full_legend("ecogram", "en") if e.key == "referral").text


def test_a_public_family_from_gedcom_gets_its_referral_line():
    """The Weasleys of a public GEDCOM file (tests/data/gedcom) with one organisation."""
    from mapping.formats.gedcom import read_gedcom

    data = read_gedcom(DATA / "gedcom" / "harry_potter.ged")
    ron = next(e for e in data.entities if e.name.startswith("Ron"))
    data.entities = [replace(e, index_person=e.id == ron.id) for e in data.entities]
    org_entity = Entity(
        id=new_id(),
        name="Jeugd-GGZ Zweinsveld",
        kind=EntityKind.SYSTEM,
        system_kind=SystemKind.MENTAL_HEALTH,
        kaart_id="k-ggz",
    )
    data.entities.append(org_entity)
    data.actions.append(
        referral(org_id="k-ggz", actor_id=ron.id, actor_text="", goal_id="g", status="aangemeld")
    )
    drawing = layout_ecogram(data, focus="client")
    (line,) = referral_lines(drawing)
    assert line.ends == (ron.id, org_entity.id) and line.label == "aangemeld"


# ----------------------------------------------------------------- the kaart in the tooltip
def test_a_linked_system_tells_what_the_kaart_says():
    kaart = {
        "k-shv": org(
            offer="Schuldhulp & budgetcoaching",
            for_whom="inwoners met schulden",
            contact="0800-1234",
            how_to_refer="via het wijkteam",
            waiting_weeks=6,
            checked_on="2026-01-10",
        )
    }
    drawing = layout_ecogram(linked_demo(), kaart=kaart)
    tip = drawing.symbol("schuldhulp").tooltip.splitlines()
    assert tip[0] == "Schuldhulpverlening Stad (schuldhulpverlening)"
    assert tip[1:] == [
        "Aanbod: Schuldhulp & budgetcoaching",
        "Voor wie: inwoners met schulden",
        "Contact: 0800-1234",
        "Hoe verwijzen: via het wijkteam",
        "Wachttijd: 6 weken (gecontroleerd op 10-01-2026)",
    ]
    english = layout_ecogram(linked_demo(), kaart=kaart, lang="en").symbol("schuldhulp")
    # day first in English too, as the kaart page writes it in both languages
    assert "Waiting time: 6 weeks (checked on 10-01-2026)" in english.tooltip
    svg = render_svg(drawing)
    assert "Schuldhulp &amp; budgetcoaching" in svg
    # an unlinked system keeps its tooltip; a drawing without the kaart (an export) too
    assert "\n" not in drawing.symbol("ggz").tooltip
    assert "\n" not in layout_ecogram(linked_demo()).symbol("schuldhulp").tooltip


@pytest.mark.parametrize("kaart", [{"k-shv": org(removed=True)}, {}])
def test_a_system_whose_organisation_left_the_kaart_keeps_its_name(kaart):
    drawing = layout_ecogram(linked_demo(), kaart=kaart)
    symbol = drawing.symbol("schuldhulp")
    assert symbol.label.replace("\n", " ") == "Schuldhulpverlening Stad"
    assert symbol.tooltip.splitlines()[1] == "niet meer op de sociale kaart"


def test_the_kaart_changes_no_layout():
    plain = layout_ecogram(linked_demo())
    with_kaart = layout_ecogram(linked_demo(), kaart={"k-shv": org(offer="x")})
    assert [(s.id, s.x, s.y) for s in plain.symbols] == [
        (s.id, s.x, s.y) for s in with_kaart.symbols
    ]


# ----------------------------------------------------------------- the report
def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_lists_open_referrals_with_their_waiting_time():
    today = date.today()
    since = date.fromordinal(today.toordinal() - 23).isoformat()
    data = linked_demo(
        referral(referred_on=since, status_on=since),
        referral(id="a-done", status="afgesloten", org_id="k-weg", what="Klaar met de intake"),
    )
    text = pdf_text(build_report(data, kaart_names={"k-shv": "Schuldhulp Stad (kaart)"}))
    assert "Open verwijzingen" in text
    assert "Schuldhulp Stad (kaart)" in text
    assert "3 weken en 2 dagen" in text
    assert "Klaar met de intake" not in text.split("Open verwijzingen")[-1]
    english = pdf_text(build_report(data, lang="en"))
    assert "Open referrals" in english and "3 weeks and 2 days" in english


def test_a_report_without_referrals_has_no_referral_page():
    assert "Open verwijzingen" not in pdf_text(build_report(demo_case()))


def test_a_pseudonymised_report_does_not_name_the_organisation():
    data = linked_demo(referral())
    text = pdf_text(build_report(data, pseudonymise=True, kaart_names={"k-shv": "Schuld BV"}))
    assert "Open verwijzingen" in text
    assert "Schuld BV" not in text and "Schuldhulpverlening Stad" not in text
