"""The training cases load, are valid, and the legend shows every symbol."""

from __future__ import annotations

import pytest

from mapping.core.errors import NotFound
from mapping.core.vocabulary import EmotionalKind, Lens, PartnershipStatus, Sector, SystemKind
from mapping.lenses.legend import full_legend, legend_drawing
from mapping.services.training import TRAINING_CASES, load_training_case


@pytest.mark.parametrize("key", [c.key for c in TRAINING_CASES])
def test_training_case_is_consistent(key):
    data = load_training_case(key)
    ids = [e.id for e in data.entities]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(r.source in known and r.target in known for r in data.relations)
    assert data.index_person() is not None
    assert all(set(f.entity_ids) <= known for f in data.factors)
    training = next(c for c in TRAINING_CASES if c.key == key)
    assert len(training.description("nl")) > 200 and len(training.description("en")) > 200


def test_three_kinds_of_case():
    titles = " ".join(c.title("en") for c in TRAINING_CASES).lower()
    assert "family" in titles and "daughter" in titles and "youth care" in titles


def test_unknown_training_case():
    with pytest.raises(NotFound):
        load_training_case("bestaat-niet")


def test_training_cases_lay_out_on_every_lens():
    from mapping.lenses import draw

    for training in TRAINING_CASES:
        data = training.build()
        for lens in Lens:
            drawing = draw(data, lens)
            assert drawing.symbols, (training.key, lens)


def test_full_legend_has_every_symbol():
    genogram = {e.key for e in full_legend(Lens.GENOGRAM)}
    assert {s.value for s in PartnershipStatus} <= genogram
    assert {k.value for k in EmotionalKind} <= genogram
    assert {
        "m",
        "f",
        "x",
        "u",
        "deceased",
        "index",
        "pregnancy",
        "miscarriage",
        "abortion",
        "stillbirth",
    } <= genogram
    ecogram = {e.key for e in full_legend(Lens.ECOGRAM)}
    assert {k.value for k in SystemKind} <= ecogram
    sociogram = {e.key for e in full_legend(Lens.SOCIOGRAM, "en")}
    assert {s.value for s in Sector} <= sociogram


def test_legend_renders_as_svg():
    from mapping.render.svg import render_svg

    svg = render_svg(legend_drawing(Lens.GENOGRAM, "en"))
    assert "Two slashes: divorced" in svg


@pytest.mark.parametrize("training", TRAINING_CASES, ids=lambda t: t.key)
def test_every_training_case_asks_questions_in_both_languages(training):
    dutch, english = training.questions("nl"), training.questions("en")
    assert len(dutch) >= 3 and len(english) == len(dutch)
    assert all(q.endswith("?") for q in dutch + english)
    assert dutch != english


@pytest.mark.parametrize(("lang", "heading"), [("nl", "Vragen bij deze casus"), ("en", "Questions about this case")])  # fmt: skip
def test_the_training_page_shows_description_and_questions(page_app, lang, heading):
    at = page_app("training", open_demo=False)
    at.session_state["casemap_lang"] = lang
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    for training in TRAINING_CASES:
        assert f"### {training.title(lang)}" in shown
        assert f"1. {training.questions(lang)[0]}" in shown
    assert shown.count(f"**{heading}**") == len(TRAINING_CASES)
