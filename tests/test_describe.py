"""The text alternative of every map (issue #15, point 6): who is on it and how they relate,
in sentences, from the same drawing as the picture."""

from __future__ import annotations

import pytest

from mapping.core.model import Case, CaseData
from mapping.formats.gedcom import read_gedcom
from mapping.lenses.describe import describe
from mapping.lenses.ecogram import layout_ecogram
from mapping.lenses.genogram import layout_genogram
from mapping.lenses.sociogram import layout_sociogram, people_with_ties
from mapping.services.demo import demo_case
from mapping.services.pseudonym import pseudonymise
from mapping.services.training import TRAINING_CASES
from tests.conftest import ROOT

CASES = {
    "demo": demo_case,
    **{c.key: c.build for c in TRAINING_CASES},
    "potter": lambda: read_gedcom(ROOT / "tests" / "data" / "gedcom" / "harry_potter.ged"),
}


def drawings(data: CaseData, lang: str = "nl"):
    yield layout_genogram(data, lang=lang)
    yield layout_ecogram(data, lang=lang)
    for ego in sorted(people_with_ties(data))[:3]:
        yield layout_sociogram(data, ego, lang=lang)


@pytest.mark.parametrize("name", sorted(CASES))
def test_everyone_on_a_map_is_named_and_every_drawn_relation_said_once(name):
    data = CASES[name]()
    relations = {r.id: r for r in data.relations}
    for drawing in drawings(data):
        text = "\n".join(describe(data, drawing))
        for symbol in drawing.symbols:
            if symbol.entity_id:
                assert " ".join(symbol.label.split()) in text, (drawing.lens, symbol.label)
        drawn = {line.relation_id for line in drawing.lines if line.relation_id}
        ends = {line.relation_id: line.ends for line in drawing.lines if line.relation_id}
        sentences = describe(data, drawing)
        for rel_id in drawn:
            a, b = ends[rel_id]
            if a == b or drawing.view in (a, b):
                continue  # a line to ego is said in the member's own sentence
            rel = relations[rel_id]
            labels = {s.entity_id: " ".join(s.label.split()) for s in drawing.symbols}
            if rel.source in labels and rel.target in labels:
                pair = f"{labels[rel.source]} en {labels[rel.target]}:"
                assert sum(s.startswith(pair) for s in sentences) >= 1, (drawing.lens, pair)
        said = [s for s in sentences if " en " in s.split(":")[0]]
        assert len(said) == len(set(said)), drawing.lens  # no relation said twice


def test_the_genogram_sentences_say_the_couple_and_the_children():
    data = demo_case()
    sentences = describe(data, layout_genogram(data))
    assert sentences[0] == "Genogram — Gezin Jansen-de Boer (fictief): 18 personen."
    assert "Peter Jansen en Fatima Jansen: partnerrelatie, getrouwd, x 2007." in sentences
    assert "Mark Bakker en Sanne Jansen: partnerrelatie, gescheiden, x 2007 // 2016." in sentences
    # one child line stands for both parents: both relations are said
    assert any(s.startswith("Mark Bakker en Daan Bakker: ouder-kind") for s in sentences)
    assert any(s.startswith("Sanne Jansen en Daan Bakker: ouder-kind") for s in sentences)


def test_the_netwerkkaart_names_ego_first_and_each_member_with_its_cell():
    data = demo_case()
    sentences = describe(data, layout_sociogram(data, "daan"))
    assert sentences[0].startswith("Netwerkkaart van Daan Bakker")
    assert sentences[1] == "Daan Bakker."
    sanne = next(s for s in sentences if s.startswith("Sanne Jansen,"))
    assert "Huisgenoten en familie" in sanne and "dichtbij" in sanne
    assert any("nog niet geplaatst" in s for s in sentences)  # the ties not yet placed too


def test_in_english():
    data = demo_case()
    sentences = describe(data, layout_genogram(data, lang="en"), "en")
    assert sentences[0].endswith(": 18 people.")
    assert any(" and " in s and "partnership" in s for s in sentences)


def test_a_pseudonymised_map_says_no_real_name():
    data = demo_case()
    hidden = pseudonymise(data)
    for drawing in drawings(hidden):
        text = "\n".join(describe(hidden, drawing))
        for entity in data.entities:
            if entity.kind.value == "person" and " " in entity.name:  # a full name
                assert entity.name not in text, (drawing.lens, entity.name)


def test_an_empty_map_says_so():
    empty = CaseData(case=Case(id="x", code="X", title="Leeg"), entities=[], relations=[])
    assert describe(empty, layout_genogram(empty)) == ["Er staat nog niemand op deze kaart."]


# ---------------------------------------------------------------- on the pages
def words_under_the_map(at) -> str:
    found = [e for e in at.expander if e.label.startswith("Kaart in woorden")]
    assert found, "no map in words under the map"
    return "\n".join(m.value for e in found for m in e.markdown).replace("\\", "")


@pytest.mark.parametrize("page", ["genogram", "ecogram", "sociogram"])
def test_every_map_page_has_its_map_in_words(page_app, page):
    at = page_app(page)
    at.run()
    assert not at.exception
    text = words_under_the_map(at)
    assert "Sanne Jansen" in text or "Sanne" in text
    assert "Relaties:" in text


def test_the_meeting_with_pseudonyms_says_them_in_words_too(page_app):
    from views.state import PSEUDONYMS

    at = page_app("meeting")
    at.session_state[PSEUDONYMS] = True
    at.run()
    assert not at.exception
    text = words_under_the_map(at)
    assert text and "Sanne Jansen" not in text and "Jansen-de Boer" not in text
