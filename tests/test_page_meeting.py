"""Meeting mode: every map, a netwerkkaart per ego, balance and plan; large type, pseudonyms."""

from __future__ import annotations

import base64
import re

from mapping.demo import demo_case
from mapping.pseudonym import pseudonyms

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
    """Large type and hidden notes are meeting defaults; the maps' own pages keep theirs."""
    from views.state import MEETING

    at = page_app("meeting")
    at.run()
    assert at.toggle(key="meeting_large").value is True
    aids = at.session_state[MEETING]
    assert aids["large_font"] is False and aids["hide_notes"] is False
    at.toggle(key="meeting_pseudo").set_value(True).run()
    assert at.session_state[MEETING]["pseudonymise"] is True  # a team meeting stays anonymous
