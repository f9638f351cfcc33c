"""Differences between two states of a case, in words."""

from __future__ import annotations

from mapping.core.model import Case, CaseData, Entity, Factor, Goal, Relation
from mapping.core.vocabulary import (
    EmotionalKind,
    FactorSide,
    GoalStatus,
    RelationKind,
    Ring,
    Sector,
    Sex,
    Valence,
)
from mapping.services.compare import diff_cases, match_entities


def make_network(ring_els=Ring.FAR, conflict=EmotionalKind.CONFLICT, with_karin=False) -> CaseData:
    people = [
        Entity(id="ego", name="Sanne", sex=Sex.FEMALE, index_person=True),
        Entity(id="zoon", name="Daan", sex=Sex.MALE),
        Entity(id="vader", name="Rick", sex=Sex.MALE),
        Entity(id="els", name="Els", sex=Sex.FEMALE),
    ]
    if with_karin:
        people.append(Entity(id="karin", name="Karin", sex=Sex.FEMALE))
    rels = [
        Relation(
            id="e1", kind=RelationKind.EMOTIONAL, source="vader", target="zoon", subtype=conflict
        ),
        Relation(
            id="s1",
            kind=RelationKind.SUPPORT,
            source="ego",
            target="els",
            subtype=Valence.SUPPORTIVE,
            sector=Sector.NEIGHBOURS,
            ring=ring_els,
        ),
    ]
    return CaseData(case=Case(id="c", code="T", title="t"), entities=people, relations=rels)


def test_no_change_no_differences():
    assert diff_cases(make_network(), make_network()).differences == []


def test_ring_move_and_relation_change_in_words():
    old = make_network()
    new = make_network(ring_els=Ring.CLOSE, conflict=EmotionalKind.DISTANT)
    texts = diff_cases(old, new).texts("nl")
    # the rings named as the netwerkkaart and its legend name them
    assert "Els in de netwerkkaart van Sanne: van ring 'verder weg' naar ring 'dichtbij'" in texts
    assert "emotionele relatie Rick – Daan: van conflict naar afstandelijk" in texts
    english = diff_cases(old, new).texts("en")
    assert "emotional relation Rick – Daan: from conflict to distant" in english


def test_added_and_removed_entities_and_relations():
    old = make_network()
    new = make_network(with_karin=True)
    new.relations = [r for r in new.relations if r.id != "e1"]
    diff = diff_cases(old, new)
    assert diff.added == {"karin"}
    assert diff.removed == {"e1"}
    assert "Nieuw in beeld: Karin" in diff.texts()
    assert "Vervallen emotionele relatie: Rick – Daan" in diff.texts()


def test_entities_match_by_name_when_ids_differ():
    model_answer = make_network()
    student = make_network()
    for entity in student.entities:
        entity.id = "s-" + entity.id
    for rel in student.relations:
        rel.source, rel.target = "s-" + rel.source, "s-" + rel.target
    assert match_entities(model_answer, student)["els"] == "s-els"
    assert diff_cases(model_answer, student).differences == []


def test_balance_and_goal_changes():
    old = make_network()
    old.factors = [Factor("f1", FactorSide.DRAAGLAST, "Schulden", weight=5)]
    old.goals = [Goal("g1", "Rust in de financiën")]
    new = make_network()
    new.factors = [
        Factor("f1", FactorSide.DRAAGLAST, "Schulden", weight=2),
        Factor("f2", FactorSide.DRAAGKRACHT, "Buurvrouw helpt", weight=3),
    ]
    new.goals = [Goal("g1", "Rust in de financiën", status=GoalStatus.REACHED)]
    texts = diff_cases(old, new).texts()
    assert "draaglast 'Schulden': gewicht van 5 naar 2" in texts
    assert "Nieuwe draagkracht: Buurvrouw helpt (3)" in texts
    assert "Doel 'Rust in de financiën': van open naar bereikt" in texts


def test_death_and_moving_out():
    old = make_network()
    new = make_network()
    new.entity("vader").household = False
    old.entity("vader").household = True
    new.entity("els").death = "2026"
    texts = diff_cases(old, new).texts()
    assert "Els is overleden" in texts
    assert "Rick woont niet meer in het huishouden" in texts


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE Lab of a '#rrggbb' colour (D65), to measure how far apart two colours look."""

    def linear(u: float) -> float:
        return ((u + 0.055) / 1.055) ** 2.4 if u > 0.04045 else u / 12.92

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_changed_has_a_colour_no_relation_kind_uses():
    """'veranderd' must not read as a relation (orange was the ambivalent tie's colour)."""
    import math

    from mapping.core.vocabulary import TERMS
    from mapping.services.compare import ADDED_COLOUR, CHANGED_COLOUR, REMOVED_COLOUR

    used = {str(term.style["color"]).lower() for term in TERMS.values() if term.style.get("color")}
    assert len(used) > 20
    for colour in used | {ADDED_COLOUR, REMOVED_COLOUR}:
        assert math.dist(_lab(CHANGED_COLOUR), _lab(colour)) > 25, colour
