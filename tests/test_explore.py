"""The explore view: one self-contained page, every entity and relation, names as text."""

from __future__ import annotations

import html
import re

import pytest

from mapping.core.model import Entity, Relation
from mapping.core.vocabulary import EntityKind, RelationKind, SystemKind
from mapping.lenses.explore import (
    RELATION_COLOURS,
    build_network,
    entity_colour,
    explore_html,
    sandboxed,
)

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def markup_outside_scripts(page: str) -> str:
    """The page without the bodies of <script> and <style>: the markup a browser fetches from."""
    page = re.sub(r"(?is)<script>.*?</script>", "<script></script>", page)
    return re.sub(r"(?is)<style>.*?</style>", "<style></style>", page)


@pytest.fixture
def hostile_data(demo_data):
    demo_data.entities.append(Entity(id="evil1", name=HOSTILE, role=SCRIPT))
    demo_data.entities.append(
        Entity(id="evil2", name=SCRIPT, kind=EntityKind.SYSTEM, system_kind=SystemKind.GP)
    )
    demo_data.relations.append(
        Relation(
            id="r-evil", kind=RelationKind.EMOTIONAL, source="evil1", target="evil2", label=HOSTILE
        )
    )
    return demo_data


def test_every_entity_and_relation_is_in_the_network(demo_data):
    nodes, edges, *_ = build_network(demo_data).get_network_data()
    assert {n["id"] for n in nodes} == {e.id for e in demo_data.entities}
    assert {e["id"] for e in edges} == {r.id for r in demo_data.relations}


def test_colours_follow_kind_and_relation_kind(demo_data):
    nodes, edges, *_ = build_network(demo_data).get_network_data()
    by_id = {n["id"]: n for n in nodes}
    for entity in demo_data.entities:
        assert by_id[entity.id]["color"] == entity_colour(entity)
    kinds = {r.id: r.kind for r in demo_data.relations}
    for edge in edges:
        assert edge["color"] == RELATION_COLOURS[kinds[edge["id"]]]
    systems = {entity_colour(e) for e in demo_data.entities if e.kind is EntityKind.SYSTEM}
    assert len(systems) > 3  # systems are told apart by kind


def test_page_is_self_contained(demo_data):
    page = explore_html(demo_data)
    markup = markup_outside_scripts(page)
    assert "<link" not in markup.lower()
    assert not re.search(r"(?i)<script[^>]+src", markup)
    assert not re.search(r"(?i)\b(src|href)\s*=", markup)  # no file, relative or remote
    lowered = page.lower()
    for host in (
        "cdnjs",
        "cdn.",
        "jsdelivr",
        "cloudflare",
        "unpkg",
        "googleapis",
        "bootstrap",
        "node_modules",
    ):
        assert host not in lowered, host
    assert "lib/" not in markup
    # url(...) in the stylesheet: only inline images
    for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", page):
        assert target.startswith("data:"), target
    assert "@import" not in page
    # vis-network itself is inline
    assert "vis.Network" in page and len(page) > 300_000


def test_hostile_names_stay_text(hostile_data):
    page = explore_html(hostile_data)
    assert HOSTILE not in page
    assert "onerror=alert" not in markup_outside_scripts(page) or "&lt;img" in page
    # only our own script tags open and close: names cannot end the data script
    markup = markup_outside_scripts(page)
    assert markup.lower().count("<script") == markup.lower().count("</script>") == 2
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    # the legend is escaped HTML; tooltips become DOM text in the browser
    assert "box.textContent = item.title" in page


def test_legend_names_what_is_drawn(demo_data):
    page = explore_html(demo_data, lang="en")
    legend = re.search(r'<div class="legend">(.*?)</div>', page).group(1)
    assert "Legend" in legend and "person" in legend
    assert "emotional relation" in legend
    assert legend.count("<li>") >= 6


def test_empty_case(demo_data):
    demo_data.entities.clear()
    demo_data.relations.clear()
    page = explore_html(demo_data)
    assert "var nodes = []" in page


def test_explore_page_runs(page_app):
    at = page_app("explore")
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Verkennen"


def test_only_its_own_scripts_may_run(hostile_data):
    import base64
    import hashlib

    page = explore_html(hostile_data)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy, "the page carries a Content-Security-Policy"
    rules = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'"  # nothing is fetched, nothing is sent
    allowed = set(rules["script-src"].split())
    assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed
    bodies = re.findall(r"(?s)<script>(.*?)</script>", page)
    assert len(bodies) == 2
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in bodies
    }
    assert allowed == hashes  # exactly vis-network and our start-up script


def test_a_name_that_looks_like_a_placeholder_stays_data(demo_data):
    demo_data.entities.append(Entity(id="odd", name='@EDGES@ "; alert(1); "'))
    page = explore_html(demo_data)
    init = re.findall(r"(?s)<script>(.*?)</script>", page)[-1]
    assert init.count("var edges = [") == 1
    assert '"@EDGES@ \\"; alert(1); \\""' in init


def test_sandboxed_frame_has_no_origin_and_escapes_the_page(hostile_data):
    page = explore_html(hostile_data)
    frame = sandboxed(page)
    sandbox = re.findall(r'<iframe sandbox="([^"]*)"', frame)
    assert sandbox == ["allow-scripts"]  # never together with allow-same-origin
    assert "allow-same-origin" not in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and ">" not in srcdoc
    assert html.unescape(srcdoc) == page
    assert re.findall(r'<iframe sandbox="([^"]*)"', sandboxed("<p>x</p>", scripts=False)) == [""]


def test_explore_page_shows_the_network_in_the_sandbox(page_app):
    at = page_app("explore")
    at.run()
    frames = [el for el in at.get("iframe") if "vis.Network" in html.unescape(el.proto.srcdoc)]
    assert len(frames) == 1
    outer = frames[0].proto.srcdoc
    assert re.findall(r'<iframe sandbox="([^"]*)"', outer) == ["allow-scripts"]


# ----------------------------------------------------------------- a large network
def _network(people: int, ties_each: int = 3, seed: int = 5):
    """A made-up imported network: ``people`` people, each tied to a few others."""
    import random

    from mapping.core.model import Case, CaseData, Entity, Relation
    from mapping.core.vocabulary import RelationKind

    rng = random.Random(seed)
    entities = [Entity(id=f"p{i}", name=f"Persoon {i:04d}") for i in range(people)]
    relations = []
    for i in range(people):
        for j in rng.sample(range(people), ties_each):
            if i != j:
                kind = RelationKind.SUPPORT if i == 0 else RelationKind.ACQUAINTANCE
                relations.append(
                    Relation(id=f"r{len(relations)}", kind=kind, source=f"p{i}", target=f"p{j}")
                )
    return CaseData(
        case=Case(id="net", code="NET-1", title="groot netwerk"),
        entities=entities,
        relations=relations,
    )


def test_around_keeps_the_nearest_within_the_limit():
    from mapping.lenses.explore import around

    data = _network(2000)
    part = around(data, "p0", steps=3, limit=120)
    ids = {e.id for e in part.entities}
    assert len(ids) == 120 and "p0" in ids
    assert all(r.source in ids and r.target in ids for r in part.relations)
    direct = {r.target for r in data.relations if r.source == "p0"} | {
        r.source for r in data.relations if r.target == "p0"
    }
    assert direct <= ids  # one step away comes before two steps away
    assert len(around(data, "p0", steps=1).entities) == len(direct) + 1


def test_most_tied_is_the_index_person_or_else_the_hub():
    import dataclasses

    from mapping.core.model import Relation
    from mapping.core.vocabulary import RelationKind
    from mapping.lenses.explore import most_tied

    data = _network(50)
    data.relations += [
        Relation(id=f"hub{i}", kind=RelationKind.ACQUAINTANCE, source="p7", target=f"p{i}")
        for i in range(8, 40)
    ]
    assert most_tied(data) == "p7"
    data.entities[3] = dataclasses.replace(data.entities[3], index_person=True)
    assert most_tied(data) == "p3"


def test_a_large_network_is_explored_around_one_person(page_app):
    from mapping.lenses.explore import EXPLORE_MAX
    from mapping.storage.store import Store
    from views.state import OPEN_CASE

    at = page_app("explore", open_demo=False)
    with Store(at.db_path) as store:
        case = store.import_case(_network(1500))
    at.session_state[OPEN_CASE] = case.id
    at.run()
    assert not at.exception, at.exception
    assert any("1500 personen en organisaties" in i.value for i in at.info)
    frames = [el for el in at.get("iframe") if "vis.Network" in html.unescape(el.proto.srcdoc)]
    page = html.unescape(frames[0].proto.srcdoc)
    drawn = set(re.findall(r"Persoon \d{4}", page))
    assert 1 < len(drawn) <= EXPLORE_MAX
    at.selectbox(key="explore_centre").set_value("p42").run()
    at.number_input(key="explore_steps").set_value(1).run()
    frames = [el for el in at.get("iframe") if "vis.Network" in html.unescape(el.proto.srcdoc)]
    page = html.unescape(frames[0].proto.srcdoc)
    assert "Persoon 0042" in page and len(set(re.findall(r"Persoon \d{4}", page))) < 20
