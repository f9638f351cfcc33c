"""The plan page's referrals: an action referring to an organisation of the sociale kaart,
its status and dates, refusals in Dutch, the open referrals with their waiting time, and
putting a referred organisation on the ecogram."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mapping.core.model import Action
from mapping.services import sociale_kaart
from mapping.storage.store import Store

KAART_CSV = Path(__file__).resolve().parents[1] / "data" / "sociale-kaart.csv"
SHV = "schuldhulpverlening-stad"  # the demo's debt counselling, on the kaart
HUMANITAS = "humanitas-thuisadministratie"  # on the kaart, not in the demo case


@pytest.fixture
def plan_page(page_app):
    """The plan page of the demo case, with the demo's sociale kaart in the database."""
    at = page_app("plan")
    with Store(at.db_path) as store:
        if not sociale_kaart.organisations(store):
            sociale_kaart.import_csv(store, KAART_CSV.read_bytes(), author="test")
    at.run()
    assert not at.exception, at.exception
    return at


def load(at):
    with Store(at.db_path) as store:
        return store.load(at.case_id)


def new_referral(at, what: str, org: str, status: str = "", **dates: str) -> None:
    at.text_input(key="plan_new_action_what").input(what)
    at.selectbox(key="plan_new_action_referral_org").set_value(org)
    if status:
        at.selectbox(key="plan_new_action_referral_status").set_value(status)
    for field, value in dates.items():
        at.text_input(key=f"plan_new_action_{field}").input(value)
    at.button(key="plan_new_action_submit").click().run()
    assert not at.exception, at.exception


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_the_kaart_is_offered_and_a_referral_is_saved_with_its_dates(plan_page):
    at = plan_page
    offered = at.selectbox(key="plan_new_action_referral_org").options
    assert "Schuldhulpverlening Stad (schuldhulpverlening)" in offered
    assert "—" == offered[0]  # an action need not be a referral
    new_referral(at, "Aanmelden bij de schuldhulp", SHV, "wachtlijst")
    assert not at.error
    saved = next(a for a in load(at).actions if a.what == "Aanmelden bij de schuldhulp")
    today = date.today().isoformat()
    assert (saved.referral_org, saved.referral_status) == (SHV, "wachtlijst")
    assert (saved.referred_on, saved.status_on) == (today, today)
    # the open referrals, with how long they wait; the form is empty again
    assert "Open verwijzingen" in [s.value for s in at.subheader]
    (table,) = [t for t in at.dataframe if "Wacht al" in t.value.columns]
    row = table.value.iloc[0]
    assert row["Organisatie"] == "Schuldhulpverlening Stad"
    assert (row["Status"], row["Wacht al"]) == ("wachtlijst", "sinds vandaag")
    assert at.selectbox(key="plan_new_action_referral_org").value == ""
    # the goal's actions say which one is a referral, and where it stands
    (actions,) = [t for t in at.dataframe if "Verwijzing" in t.value.columns]
    referrals = [v for v in actions.value["Verwijzing"] if v]
    assert referrals == ["Schuldhulpverlening Stad: wachtlijst"]


def test_a_referral_without_a_status_is_registered(plan_page):
    at = plan_page
    new_referral(at, "Aanmelden", SHV, referred_on="2026-01-05")
    saved = next(a for a in load(at).actions if a.what == "Aanmelden")
    assert (saved.referral_status, saved.referred_on) == ("aangemeld", "2026-01-05")
    assert saved.status_on == date.today().isoformat()


@pytest.mark.parametrize(
    ("org", "status", "dates", "message"),
    [
        ("", "wachtlijst", {}, "Een status van een verwijzing hoort bij een organisatie"),
        ("", "", {"referred_on": "2026-01-05"}, "hoort bij een organisatie"),
        (SHV, "", {"referred_on": "5 januari"}, "Datum van aanmelding '5 januari' is geen datum"),
        (
            SHV,
            "lopend",
            {"referred_on": "2026-02-01", "status_on": "2026-01-01"},
            "kan niet vóór de aanmelding",
        ),
    ],
)
def test_a_referral_that_cannot_be_followed_is_refused_and_nothing_saved(
    plan_page, org, status, dates, message
):
    at = plan_page
    before = len(load(at).actions)
    new_referral(at, "Aanmelden", org, status, **dates)
    assert message in errors(at)
    assert len(load(at).actions) == before
    assert at.text_input(key="plan_new_action_what").value == "Aanmelden"  # kept to correct


def test_a_referred_organisation_not_on_the_ecogram_can_be_put_there(plan_page):
    at = plan_page
    new_referral(at, "Hulp bij de administratie", HUMANITAS, "aangemeld")
    button = at.button(key=f"plan_referral_system_{HUMANITAS}")
    button.click().run()
    assert not at.exception, at.exception
    data = load(at)
    (system,) = [e for e in data.entities if e.kaart_id == HUMANITAS]
    assert (system.name, system.system_kind.value) == ("Humanitas Thuisadministratie", "debt")
    assert not [b for b in at.button if b.key == f"plan_referral_system_{HUMANITAS}"]
    # and the ecogram draws the referral as a dashed line to it
    from mapping.lenses.ecogram import layout_ecogram

    lines = [line for line in layout_ecogram(data).lines if line.layer == "referral"]
    assert [line.ends[1] for line in lines] == [system.id]


def test_changing_the_status_dates_it(plan_page):
    at = plan_page
    with Store(at.db_path) as store:
        store.save(
            at.case_id,
            Action(
                id="a-ref",
                goal_id="g-geld",
                what="Aanmelden GGZ",
                actor_text="casemanager",
                referral_org="ggz-midden",
                referral_status="wachtlijst",
                referred_on="2026-01-05",
                status_on="2026-01-05",
            ),
            author="test",
        )
    at.session_state["plan_editing_action"] = True
    at.run()
    at.selectbox(key="plan_pick_action").set_value("a-ref").run()
    form = next(
        s.key
        for s in at.selectbox
        if (s.key or "").startswith("plan_edit_action_a-ref") and s.key.endswith("_referral_status")
    )
    prefix = form.removesuffix("_referral_status")
    assert at.selectbox(key=f"{prefix}_referral_org").value == "ggz-midden"
    assert at.text_input(key=f"{prefix}_status_on").value == "2026-01-05"
    at.selectbox(key=form).set_value("intake_gepland")
    at.button(key=f"{prefix}_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error
    saved = next(a for a in load(at).actions if a.id == "a-ref")
    assert saved.referral_status == "intake_gepland"
    assert (saved.referred_on, saved.status_on) == ("2026-01-05", date.today().isoformat())
    (table,) = [t for t in at.dataframe if "Wacht al" in t.value.columns]
    assert table.value.iloc[0]["Status"] == "intake gepland"
