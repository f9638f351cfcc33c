"""Meeting mode: every map, a netwerkkaart per ego, balance and plan; large type, pseudonyms."""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

from mapping.services.demo import demo_case
from mapping.services.pseudonym import pseudonyms

REAL = ("Sanne", "Jansen", "Daan", "Bakker", "Rick", "Riet", "Els Visser")


def shown_svg(at) -> str:
    """The SVG of the current step (st.image hands it over as a data URL or markup)."""
    for image in at.get("image"):
        for item in image.proto.imgs:
            url = item.url
            if url.startswith("data:image/svg+xml;base64,"):
                return base64.b64decode(url.split(",", 1)[1]).decode("utf-8")
            if "<svg" in url:
                return url
    return ""


def step_title(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("## "))


def test_steps_through_every_lens_a_netwerkkaart_per_ego_balance_and_plan(page_app):
    at = page_app("meeting")
    at.run()
    assert not at.exception, at.exception
    titles = []
    for _step in range(7):
        titles.append(step_title(at))
        at.button(key="meeting_next").click().run()
        assert not at.exception, at.exception
    # the client and her son each have a netwerkkaart; after the plan it starts again
    assert [re.sub(r" · \d/\d$", "", t[3:]) for t in titles] == [
        "Genogram",
        "Ecogram",
        "Netwerkkaart van Sanne Jansen",
        "Netwerkkaart van Daan Bakker",
        "Balans",
        "Plan",
        "Genogram",
    ]
    assert titles[0].endswith("1/6") and titles[5].endswith("6/6")


def test_large_type_and_notes_hidden_by_default(page_app):
    at = page_app("meeting")
    at.run()
    assert at.toggle(key="meeting_large").value is True
    assert at.toggle(key="meeting_notes").value is True
    svg = shown_svg(at)
    assert "lens-genogram" in svg
    assert 'class="note' not in svg  # notes hidden
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    at.toggle(key="meeting_large").set_value(False).run()
    small = [float(s) for s in re.findall(r'font-size="([\d.]+)"', shown_svg(at))]
    assert max(sizes) > max(small)
    at.toggle(key="meeting_notes").set_value(False).run()
    assert 'class="note' in shown_svg(at)


def test_pseudonyms_everywhere_on_the_projector(page_app):
    at = page_app("meeting")
    at.run()
    at.toggle(key="meeting_pseudo").set_value(True).run()
    assert not at.exception, at.exception
    seen = []
    for _step in range(6):
        seen.append(step_title(at) + shown_svg(at))
        seen += [t.value.to_csv() for t in at.table]
        if at.selectbox:
            box = at.selectbox(key="meeting_highlight")
            seen += [box.format_func(o) for o in box.options]
        at.button(key="meeting_next").click().run()
        assert not at.exception, at.exception
    text = "\n".join(seen)
    roles = pseudonyms(demo_case())
    assert "lens-ecogram" in text and f"Netwerkkaart van {roles['sanne']}" in text
    for name in REAL:
        assert name not in text, name
    assert demo_case().case.title not in text


def test_plan_step_is_a_readable_table(page_app):
    at = page_app("meeting")
    at.session_state["meeting_step"] = 5
    at.run()
    assert not at.exception, at.exception
    assert step_title(at).startswith("## Plan")
    table = at.table[0].value
    assert list(table.columns) == [
        "Doel",
        "Van wie",
        "Status",
        "Acties",
        "Evaluatie",
        "Laatste score",
    ]
    assert "Rust in de financiën" in set(table["Doel"])


def test_the_projector_settings_stay_in_meeting_mode(page_app):
    """Large type, hidden notes and pseudonyms are meeting settings; the maps' own pages keep theirs.

    Pseudonyms used to be shared with every page (issue 14.6: a genogram export made
    after a meeting came out pseudonymised); they now stay in meeting mode too.
    """
    from views.state import MEETING, PSEUDONYMS

    at = page_app("meeting")
    at.session_state[MEETING] = {"large_font": False, "hide_notes": False, "highlight": ""}
    at.run()
    assert at.toggle(key="meeting_large").value is True
    aids = at.session_state[MEETING]
    assert aids["large_font"] is False and aids["hide_notes"] is False
    at.toggle(key="meeting_pseudo").set_value(True).run()
    assert "pseudonymise" not in at.session_state[MEETING]
    assert at.session_state[PSEUDONYMS] is True  # meeting mode remembers its own switch


# ------------------------------------------------------------------------------------
# Issue 14.6: pseudonyms switched on in meeting mode stayed on for every page, and a
# normal genogram export made after the meeting came out pseudonymised.
ROOT = Path(__file__).resolve().parents[1]


def test_meeting_pseudonyms_stay_out_of_the_genogram_page_and_its_export(page_app):
    """One session through the app: meeting with pseudonyms, then the genogram's export."""
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE

    first = page_app("cases")  # fills the database
    case_id = first.case_id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = case_id
    at.run()
    at.switch_page("views/meeting.py").run()
    at.toggle(key="meeting_pseudo").set_value(True).run()
    assert not at.exception, at.exception
    assert "Sanne" not in shown_svg(at)  # the projector is pseudonymised

    at.session_state["geno_tab"] = "Importeren en exporteren"  # only the open tab runs
    at.switch_page("views/genogram.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="geno_pseudo").value is False  # the page's own map shows names
    assert at.toggle(key="geno_pseudonymise").value is False  # and so does its export
    at.selectbox(key="geno_format").set_value("svg")
    at.button(key="geno_export").click().run()
    assert not at.exception, at.exception
    svg = at.session_state["geno_export_blob"][1].decode("utf-8")
    assert "Sanne Jansen" in svg and "Casus DEMO-001" in svg and "gepseudonimiseerd" not in svg
    assert at.session_state["geno_export_name"] == "DEMO-001-genogram.svg"

    # asked for here, a pseudonymised file has a code of its own, in it and in its name
    at.toggle(key="geno_pseudonymise").set_value(True)
    at.button(key="geno_export").click().run()
    svg = at.session_state["geno_export_blob"][1].decode("utf-8")
    code = re.search(r"Casus (PS-[A-Z2-9]{6})", svg).group(1)
    assert "Sanne" not in svg and "DEMO-001" not in svg
    assert at.session_state["geno_export_name"] == f"{code}-genogram-pseudoniem.svg"
    # only the access log, kept apart from the file, says whose it was
    from mapping.access import GuardedStore, Principal, log

    with GuardedStore(first.db_path, Principal.command_line()) as store:
        exports = [line for line in log.lines(store.db, case_id=case_id) if code in line.detail]
    assert [line.action for line in exports] == ["exporteren"]

    at.switch_page("views/meeting.py").run()  # the meeting kept its own switch
    assert at.toggle(key="meeting_pseudo").value is True
    assert "Sanne" not in shown_svg(at)


def test_the_pseudonymised_projector_shows_no_case_code_and_no_exact_age(page_app):
    from mapping.core.model import age_band

    age = date.today().year - 1984  # Sanne's
    at = page_app("meeting")
    at.run()
    assert "DEMO-001" in shown_svg(at) and f">{age}<" in shown_svg(at)
    at.toggle(key="meeting_pseudo").set_value(True).run()
    assert not at.exception, at.exception
    svg = shown_svg(at)
    assert "DEMO-001" not in svg and re.search(r"Casus PS-[A-Z2-9]{6}", svg)
    assert f">{age}<" not in svg and f">{age_band(age)}<" in svg and "1984" not in svg
    assert demo_case().case.title not in svg


def test_pseudonyms_on_the_projector_leave_the_case_code_out_of_the_address(page_app):
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE, PSEUDONYMS

    first = page_app("cases")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = first.case_id
    at.run()
    assert at.query_params.get("casus") == "DEMO-001"  # F5 and a link open it again
    at.session_state[PSEUDONYMS] = True
    at.switch_page("views/meeting.py").run()
    assert not at.exception
    assert "casus" not in at.query_params


def test_a_link_with_case_opens_the_case_and_the_address_keeps_it(page_app):
    """An English link (?case=CODE) opens the case like ?casus=CODE; F5 keeps it."""
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE

    demo = page_app("cases")  # the database with the demo case
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["case"] = "DEMO-001"
    at.run()
    assert not at.exception
    assert at.query_params.get("casus") == "DEMO-001" and "case" not in at.query_params
    assert at.session_state[OPEN_CASE] == demo.case_id
    unknown = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    unknown.query_params["case"] = "GEEN-CASUS"
    unknown.run()
    assert not unknown.exception and unknown.error and "casus" not in unknown.query_params


def test_large_type_is_laid_out_again_so_no_text_overlaps(page_app):
    """#15.2: with "Grote letters" (on by default) each map is laid out at that text size:
    on the genogram, the ecogram and both netwerkkaarten no text covers another or a symbol
    (the check of tests/test_text_room.py on the SVG the projector gets)."""
    from tests.test_text_room import overlaps

    at = page_app("meeting")
    at.run()
    for _step in range(4):
        svg = shown_svg(at)
        assert "<svg" in svg
        assert 'font-size="18"' in svg  # large type: names 18 units
        assert overlaps(svg) == ([], []), step_title(at)
        at.button(key="meeting_next").click().run()
