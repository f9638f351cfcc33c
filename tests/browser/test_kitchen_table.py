"""A family built at the kitchen table, through the Genogram page only (issue #23).

A casemanager creates a new case and builds a family of ten people over
four generations: the client Marieke, her father Henk, his divorced first
wife Els (Marieke's mother), his wife Wilma (Marieke's step-mother), his
parents Gerrit (deceased) and Door, Marieke's husband Ahmed, their children
Noah and Lina, and Marieke's brother Tom. The first person comes from the
full form; everyone else is added on the map from a selected symbol (quick
add). The divorce year is set on the selected couple line, Gerrit's death
in the edit tab. Then every stored record is compared with what was meant,
and the actions per person added on the map are counted (target: at most
four, the facts sex and year of birth being optional extras).

Screenshots for a look: /tmp/kitchen_quick_add.png (the quick-add panel with
the question about Marieke), /tmp/kitchen_line.png (the couple line's panel)
and /tmp/kitchen_family.png (the finished family).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from mapping.store import Store
from mapping.vocabulary import RelationKind
from tests.browser.conftest import wait_for_app
from tests.browser.test_canvas import go, outside_requests, symbol_centre

pytestmark = pytest.mark.browser

CODE = "WT-KEUKEN-01"

#: finds a point of a line's path where a click reaches that line (not a crossing one)
LINE_POINT = """(g, fractions) => {
  const path = g.querySelector('path.hit') || g.querySelector('path');
  const total = path.getTotalLength();
  for (const f of fractions) {
    const p = path.getPointAtLength(total * f);
    const m = path.getScreenCTM();
    const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
    const hit = g.getRootNode().elementFromPoint(x, y);
    if (hit && hit.closest && hit.closest('g.line') === g) return [x, y];
  }
  return null;
}"""


class Kitchen:
    """The page and the case, with a count of the user's actions per person."""

    def __init__(self, page, db):
        self.page = page
        self.db = db
        self.selected = ""  # the name of the person selected on the map
        self.counts: dict[str, tuple[int, int]] = {}  # name -> (needed, optional facts)

    def load(self):
        with Store(self.db) as store:
            return store.load(CODE)

    def id_of(self, name: str) -> str:
        return next(e.id for e in self.load().entities if e.name == name)

    def select(self, name: str) -> int:
        """Click ``name``'s symbol on the map (one action) unless selected already."""
        if self.selected == name:
            return 0
        wait_for_app(self.page)
        self.page.mouse.click(*symbol_centre(self.page, self.id_of(name)))
        wait_for_app(self.page)
        expect(self.page.locator(".st-key-geno_quick")).to_contain_text(f"Toevoegen bij {name}")
        self.selected = name
        return 1

    def quick_add(
        self,
        anchor: str,
        kind: str,
        name: str,
        *,
        sex: str = "",
        year: str = "",
        status: str = "",
        answers: dict[str, str] | None = None,
    ) -> None:
        page = self.page
        needed = self.select(anchor)
        quick = page.locator(".st-key-geno_quick")
        quick.locator(".st-key-geno_quick_kind").get_by_role("radio", name=kind, exact=True).click()
        needed += 1
        wait_for_app(page)
        name_box = quick.locator(".st-key-geno_quick_name input")
        expect(name_box).to_have_value("")  # nothing carried over from the last person
        name_box.fill(name)
        needed += 1
        optional = 0
        if sex:
            quick.locator(".st-key-geno_quick_sex").get_by_text(sex, exact=True).click()
            optional += 1
        if year:
            quick.locator(".st-key-geno_quick_year input").fill(year)
            optional += 1
        if status:  # a partner's relationship, 'status onbekend' unless said
            choose(page, "geno_quick_status", status)
            optional += 2  # open the list, pick
        for child, answer in (answers or {}).items():
            question = quick.locator(f".st-key-geno_quick_kid_{self.id_of(child)}")
            expect(question).to_contain_text("niet de ouder (stiefouder)")
            if answer:
                question.get_by_text(answer, exact=True).click()
                optional += 1
        if answers:
            page.screenshot(path="/tmp/kitchen_quick_add.png")
        quick.get_by_role("button", name="Toevoegen", exact=True).click()
        needed += 1
        wait_for_app(page)
        expect(page.get_by_text(f"{name} toegevoegd").first).to_be_visible()
        page.wait_for_selector(f".cm-stage g.symbol[data-entity-id='{self.id_of(name)}']")
        # the anchor stays selected and the panel asks again what to add
        expect(quick).to_contain_text(f"Toevoegen bij {anchor}")
        expect(quick.locator(".st-key-geno_quick_name")).to_have_count(0)
        self.counts[name] = (needed, optional)


def create_case(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    code = page.get_by_role("textbox", name="Casuscode", exact=True).first
    if not code.is_visible():
        page.get_by_text("Nieuwe casus").first.click()
    code.fill(CODE)
    page.get_by_role("textbox", name="Titel", exact=True).first.fill("Gezin Keukentafel")
    page.get_by_role("button", name="Casus aanmaken").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text=CODE).first).to_be_visible()


def choose(page, key: str, option: str) -> None:
    """Pick ``option`` in the selectbox with widget key ``key``.

    A rerun that lands just after the click (a component mounting) closes the
    list again: open it until the option shows, a few times at most.
    """
    box = page.locator(f".st-key-{key} input[role=combobox]")
    wanted = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(4):
        wait_for_app(page)
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    wanted.click()
    expect(box).to_have_value(option)


@pytest.fixture
def patient_expect():
    """expect() retries for 30 s instead of 5: two busy cores run several app servers."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


def test_a_family_of_ten_built_on_the_map_is_stored_as_meant(
    app_url, app_db, browser_page, patient_expect
):
    page = browser_page
    kitchen = Kitchen(page, app_db)
    create_case(page, app_url)
    go(page, "Genogram")

    # the first person: the full form (there is no symbol to start from yet)
    page.locator(".st-key-geno_add_name input").fill("Marieke")
    choose(page, "geno_add_sex", "vrouw")
    page.locator(".st-key-geno_add_birth input").fill("1988")
    page.locator(".st-key-geno_add_index").get_by_text("Cliënt (indexpersoon)").click()
    page.get_by_role("button", name="Persoon toevoegen").click()
    wait_for_app(page)
    expect(page.get_by_text("Marieke toegevoegd.")).to_be_visible()
    # the form starts at its defaults again: no 'vrouw' for the next person
    expect(page.locator(".st-key-geno_add_sex input[role=combobox]")).to_have_value("onbekend")
    expect(page.locator(".st-key-geno_add_name input")).to_have_value("")
    page.wait_for_selector(".cm-stage g.symbol")
    kitchen.selected = "Marieke"  # a new person is selected

    kitchen.quick_add("Marieke", "Ouder", "Henk", sex="man", year="1960")
    # Wilma, Henk's wife: asked about Marieke, and she is not her mother (the default)
    kitchen.quick_add(
        "Henk",
        "Partner",
        "Wilma",
        sex="vrouw",
        year="1963",
        status="getrouwd",
        answers={"Marieke": ""},
    )
    # Els, Henk's first wife, is Marieke's mother
    kitchen.quick_add(
        "Henk",
        "Partner",
        "Els",
        sex="vrouw",
        year="1961",
        answers={"Marieke": "biologische ouder"},
    )
    kitchen.quick_add("Henk", "Ouder", "Gerrit", sex="man", year="1932")
    kitchen.quick_add(
        "Gerrit",
        "Partner",
        "Door",
        sex="vrouw",
        year="1934",
        answers={"Henk": "biologische ouder"},
    )
    kitchen.quick_add("Marieke", "Partner", "Ahmed", sex="man", year="1986")
    kitchen.quick_add("Marieke", "Kind", "Noah", sex="man", year="2015")  # of Marieke & Ahmed
    kitchen.quick_add("Marieke", "Kind", "Lina", sex="vrouw", year="2018")
    kitchen.quick_add("Marieke", "Broer of zus", "Tom", sex="man", year="1992")

    # the divorce, on the couple line itself
    ids = {e.name: e.id for e in kitchen.load().entities}
    [couple] = [
        r
        for r in kitchen.load().relations
        if r.kind is RelationKind.PARTNERSHIP and {r.source, r.target} == {ids["Henk"], ids["Els"]}
    ]
    line = page.locator(f".cm-stage g.line[data-relation-id='{couple.id}']")
    line.scroll_into_view_if_needed()
    point = line.evaluate(LINE_POINT, [0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.1, 0.9, 0.5])
    assert point, "no free point on the couple line"
    page.mouse.click(*point)
    wait_for_app(page)
    panel = page.locator(".st-key-geno_line")
    expect(panel).to_contain_text("Henk & Els")
    choose(page, f"geno_line_sub_{couple.id}", "gescheiden")
    panel.locator(f".st-key-geno_line_end_{couple.id} input").fill("2003")
    page.screenshot(path="/tmp/kitchen_line.png")
    panel.get_by_role("button", name="Opslaan").click()
    wait_for_app(page)
    expect(page.get_by_text("Lijn opgeslagen.")).to_be_visible()
    kitchen.selected = ""

    # Gerrit died in 2015: the edit tab, which stays open after the save
    kitchen.select("Gerrit")
    page.get_by_role("tab", name="Persoon bewerken").click()
    wait_for_app(page)
    gerrit = ids["Gerrit"]
    page.locator(f".st-key-geno_edit_{gerrit}_dec").get_by_text("Overleden").click()
    page.locator(f".st-key-geno_edit_{gerrit}_death input").fill("2015")
    page.get_by_role("button", name="Opslaan").click()
    wait_for_app(page)
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    expect(page.get_by_role("tab", name="Persoon bewerken")).to_have_attribute(
        "aria-selected", "true"
    )
    # and a radio click in 'Relaties' keeps that tab open too
    page.get_by_role("tab", name="Relaties").click()
    wait_for_app(page)
    page.locator(".st-key-geno_rk").get_by_text("Tweeling").click()
    wait_for_app(page)
    expect(page.get_by_role("tab", name="Relaties")).to_have_attribute("aria-selected", "true")
    page.locator(".cm-stage").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/kitchen_family.png")

    # ------------------------------------------------------------ what is stored
    data = kitchen.load()
    people = {
        e.name: (e.sex.value, e.birth, e.is_deceased, e.death, e.index_person)
        for e in data.entities
    }
    assert people == {
        "Marieke": ("f", "1988", False, "", True),
        "Henk": ("m", "1960", False, "", False),
        "Wilma": ("f", "1963", False, "", False),
        "Els": ("f", "1961", False, "", False),
        "Gerrit": ("m", "1932", True, "2015", False),
        "Door": ("f", "1934", False, "", False),
        "Ahmed": ("m", "1986", False, "", False),
        "Noah": ("m", "2015", False, "", False),
        "Lina": ("f", "2018", False, "", False),
        "Tom": ("m", "1992", False, "", False),
    }
    name = {e.id: e.name for e in data.entities}
    stored = sorted(
        (r.kind.value, name[r.source], name[r.target], r.subtype, r.start, r.end)
        for r in data.relations
    )
    meant = sorted(
        [
            ("partnership", "Henk", "Wilma", "married", "", ""),
            ("partnership", "Henk", "Els", "divorced", "", "2003"),
            ("partnership", "Gerrit", "Door", "unknown", "", ""),  # not said
            ("partnership", "Marieke", "Ahmed", "unknown", "", ""),
            ("parent_child", "Henk", "Marieke", "biological", "", ""),
            ("parent_child", "Els", "Marieke", "biological", "", ""),  # asked, answered
            ("parent_child", "Gerrit", "Henk", "biological", "", ""),
            ("parent_child", "Door", "Henk", "biological", "", ""),  # asked, answered
            ("parent_child", "Marieke", "Noah", "biological", "", ""),
            ("parent_child", "Ahmed", "Noah", "biological", "", ""),  # the selected couple
            ("parent_child", "Marieke", "Lina", "biological", "", ""),
            ("parent_child", "Ahmed", "Lina", "biological", "", ""),
            ("parent_child", "Henk", "Tom", "biological", "", ""),
            ("parent_child", "Els", "Tom", "biological", "", ""),
            # Wilma, the step-mother: the partnership only, no line to Marieke
        ]
    )
    assert stored == meant

    # ------------------------------------------------------------ actions per person
    counts = kitchen.counts
    print("actions per person added on the map (needed + optional facts):")
    for who, (needed, optional) in counts.items():
        print(f"  {who}: {needed} + {optional}")
    assert len(counts) == 9
    assert all(needed <= 4 for needed, _optional in counts.values()), counts
    assert outside_requests(page, app_url) == []
