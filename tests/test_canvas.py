"""The lens canvas: what the browser gets, and how moves are stored and undone."""

from __future__ import annotations

import re

from mapping.core.vocabulary import Lens
from mapping.lenses import draw
from mapping.render.svg import RenderOptions, render_svg
from views import undo
from views.canvas import ASSETS, canvas_payload, store_move

AIDS = {"large_font": False, "hide_notes": False, "highlight": ""}


def move(entity_id: str, x: float, y: float, from_x: float = 0.0, from_y: float = 0.0) -> dict:
    return {
        "type": "move",
        "entity_id": entity_id,
        "x": x,
        "y": y,
        "from_x": from_x,
        "from_y": from_y,
    }


def test_payload_is_the_export_svg_with_pickable_entities(demo_data):
    drawing = draw(demo_data, Lens.GENOGRAM)
    payload = canvas_payload(demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS)
    svg = payload["svg"]
    assert svg.startswith("<svg") and "<style>" in svg  # rendered with interactive=True
    ids = {e.id for e in demo_data.entities}
    drawn = set(re.findall(r'<g class="symbol[^"]*" data-entity-id="([^"]+)"', svg))
    assert drawn and drawn <= ids
    assert set(payload["entities"]) == drawn
    assert payload["lens"] == "genogram" and payload["fixed"] == []
    assert payload["words"]["undo"] == "Ongedaan maken"


def test_sociogram_ego_cannot_be_dragged(demo_data):
    ego = demo_data.index_person().id
    drawing = draw(demo_data, Lens.SOCIOGRAM, ego=ego)
    payload = canvas_payload(demo_data, drawing, Lens.SOCIOGRAM, RenderOptions(), aids=AIDS)
    assert payload["fixed"] == [ego]


def test_aids_reach_the_svg_and_the_browser(demo_data):
    drawing = draw(demo_data, Lens.GENOGRAM)
    plain = canvas_payload(demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS)
    aids = {"large_font": True, "hide_notes": True, "highlight": "sanne"}
    meeting = canvas_payload(demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=aids)
    assert 'class="note"' in plain["svg"] and 'class="note"' not in meeting["svg"]
    assert meeting["large_font"] and meeting["hide_notes"] and meeting["highlight"] == "sanne"
    sizes = lambda svg: max(float(s) for s in re.findall(r'font-size="([\d.]+)"', svg))  # noqa: E731
    assert sizes(meeting["svg"]) > sizes(plain["svg"])
    unknown = canvas_payload(
        demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids={"highlight": "nobody"}
    )
    assert unknown["highlight"] == ""


def test_hostile_names_are_escaped_in_the_canvas_svg(demo_data):
    person = next(e for e in demo_data.entities if e.id == "sanne")
    person.name = "<img src=x onerror=alert(1)>"
    drawing = draw(demo_data, Lens.GENOGRAM)
    svg = canvas_payload(demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS)["svg"]
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg


def test_move_is_stored_and_undo_restores_the_previous_place(demo_store):
    store, case = demo_store
    stacks = undo.Stacks()

    def moved(x: float, y: float) -> None:
        data = store.load(case.id)
        event = move("daan", x, y)
        undo.record(
            store, case.id, lambda: store_move(store, data, Lens.ECOGRAM, "", event), stacks
        )

    moved(10, 20)
    assert store.load(case.id).positions_for(Lens.ECOGRAM) == {"daan": (10.0, 20.0)}
    moved(30, 40)
    assert store.load(case.id).positions_for(Lens.ECOGRAM) == {"daan": (30.0, 40.0)}
    assert stacks.next_undo() == "positie vastgelegd: Daan Bakker (Ecogram)"
    assert undo.undo(store, case.id, stacks)
    assert store.load(case.id).positions_for(Lens.ECOGRAM) == {"daan": (10.0, 20.0)}
    # the first move had no stored position before it: back to the automatic layout
    assert undo.undo(store, case.id, stacks)
    assert store.load(case.id).positions_for(Lens.ECOGRAM) == {}
    assert undo.undo(store, case.id, stacks) is None


def test_undo_keeps_other_hand_placed_symbols(demo_store):
    store, case = demo_store
    stacks = undo.Stacks()
    for entity_id, x, y in (("mila", 5, 6), ("daan", 7, 8)):
        data = store.load(case.id)
        event = move(entity_id, x, y)
        undo.record(
            store,
            case.id,
            lambda d=data, e=event: store_move(store, d, Lens.GENOGRAM, "", e),
            stacks,
        )
    undo.undo(store, case.id, stacks)
    assert store.load(case.id).positions_for(Lens.GENOGRAM) == {"mila": (5.0, 6.0)}


def test_positions_are_per_lens_and_ego(demo_store):
    store, case = demo_store
    store_move(store, store.load(case.id), Lens.SOCIOGRAM, "sanne", move("riet", 100, 50))
    data = store.load(case.id)
    assert data.positions_for(Lens.SOCIOGRAM, "sanne") == {"riet": (100.0, 50.0)}
    assert data.positions_for(Lens.SOCIOGRAM) == {} and data.positions_for(Lens.GENOGRAM) == {}


def test_component_assets_load_nothing_from_outside():
    js = (ASSETS / "canvas.js").read_text()
    html = (ASSETS / "canvas.html").read_text()
    css = (ASSETS / "canvas.css").read_text()
    urls = set(re.findall(r"https?://[^\s\"'`)]+", js + html + css))
    assert urls == {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched
    for word in ("fetch(", "XMLHttpRequest", "import(", "@import", "url(", "WebSocket"):
        assert word not in js + css, word
    # data only ever reaches the page as text
    assert "innerHTML" not in js and "textContent = text" in js


def test_canvas_on_a_lens_page_runs(page_app):
    at = page_app("genogram")
    at.run()
    assert not at.exception, at.exception


def test_balance_badges_are_a_switch_on_every_lens(demo_data):
    linked = {i for f in demo_data.factors for i in f.entity_ids}
    assert linked, "the demo links factors to people and systems"
    for lens in Lens:
        ego = demo_data.index_person().id if lens is Lens.SOCIOGRAM else ""
        drawing = draw(demo_data, lens, ego=ego)
        on_map = {s.entity_id or s.id for s in drawing.symbols} & linked
        assert on_map, lens
        shown = canvas_payload(demo_data, drawing, lens, RenderOptions(), aids={"badges": True})
        hidden = canvas_payload(demo_data, drawing, lens, RenderOptions(), aids={"badges": False})
        assert shown["badges"] is True and hidden["badges"] is False
        assert shown["svg"].count('class="badge"') >= len(on_map), lens
        assert 'class="badge"' not in hidden["svg"], lens
        # the legend explains them, apart from the map (the canvas's "Legenda" toggle)
        legend = shown["legend_svg"]
        assert 'data-key="badge+"' in legend or 'data-key="badge-"' in legend
        assert 'data-key="badge' not in hidden["legend_svg"]
        # the drawing the page passed in is left as it was
        assert not any(s.badges for s in drawing.symbols)


def test_badges_button_is_in_the_toolbar():
    html = (ASSETS / "canvas.html").read_text()
    js = (ASSETS / "canvas.js").read_text()
    assert 'data-act="badges"' in html
    assert 'emit({ type: "aid", badges: this.badges })' in js


def test_legend_leaves_the_map_but_not_the_export(demo_data):
    for lens in Lens:
        ego = demo_data.index_person().id if lens is Lens.SOCIOGRAM else ""
        drawing = draw(demo_data, lens, ego=ego)
        assert drawing.legend, lens
        payload = canvas_payload(
            demo_data, drawing, lens, RenderOptions(), aids=AIDS, focus=ego, view=ego
        )
        assert 'class="legend"' not in payload["svg"], lens
        assert 'class="legend"' in payload["legend_svg"], lens
        assert 'class="legend"' in render_svg(drawing, RenderOptions())  # the export keeps it
        without = canvas_payload(demo_data, drawing, lens, RenderOptions(legend=False), aids=AIDS)
        assert without["legend_svg"] == ""
        assert payload["focus"] == ego and without["focus"] == ""
        assert payload["scope"] == f"{demo_data.case.id}|{lens.value}|{ego}"


def test_the_canvas_opens_on_the_client(demo_data):
    client = demo_data.index_person().id
    drawing = draw(demo_data, Lens.GENOGRAM)
    payload = canvas_payload(
        demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS, focus=client, height=560
    )
    assert payload["focus"] == client and payload["height"] == 560
    unknown = canvas_payload(
        demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS, focus="nobody"
    )
    assert unknown["focus"] == ""
    js = (ASSETS / "canvas.js").read_text()
    assert "const READ_PX = 12;" in js and "const SMALL_PX = 9;" in js


def test_undo_and_redo_name_the_change_they_take_back(demo_data):
    drawing = draw(demo_data, Lens.GENOGRAM)
    payload = canvas_payload(
        demo_data,
        drawing,
        Lens.GENOGRAM,
        RenderOptions(),
        aids=AIDS,
        undo_next="persoon toegevoegd: Jan",
    )
    assert payload["can_undo"] and not payload["can_redo"]
    assert payload["undo_next"] == "Ongedaan maken: persoon toegevoegd: Jan"
    assert payload["redo_next"] == ""
    nothing = canvas_payload(demo_data, drawing, Lens.GENOGRAM, RenderOptions(), aids=AIDS)
    assert not nothing["can_undo"] and not nothing["can_redo"]
    html = (ASSETS / "canvas.html").read_text()
    assert 'data-act="undo"' in html and 'data-act="redo"' in html


def test_the_map_answers_to_the_keyboard():
    """Focusable, keys named for screen readers, the chosen name announced, a focus ring."""
    html = (ASSETS / "canvas.html").read_text()
    js = (ASSETS / "canvas.js").read_text()
    css = (ASSETS / "canvas.css").read_text()
    assert '<div class="cm-stage" tabindex="0"' in html
    assert 'class="cm-announce" aria-live="polite"' in html
    assert ".cm-stage:focus-visible" in css and "rect.cm-ring" in css
    assert 'this.stage.setAttribute("aria-label", words.stage_label' in js
    for key in ('k === "n"', 'k === "p"', "ArrowLeft", '"Enter"', '"Escape"', 'k === "y"'):
        assert key in js, key
    words = canvas_payload_words()
    assert "N / P" in words["keys"] and "Enter" in words["stage_label"]
    assert "{name}" in words["picked"] and "{count}" in words["picked"]


def canvas_payload_words() -> dict:
    from views.canvas import _words

    return _words()
