"""The model: partial dates, ages, lookups on a CaseData."""

from __future__ import annotations

from datetime import date

import pytest

from mapping.core.model import Entity, is_partial_date, year_of
from mapping.core.vocabulary import Lens


@pytest.mark.parametrize(
    "text,ok",
    [
        ("", True),
        ("1984", True),
        ("1984-05", True),
        ("1984-05-12", True),
        ("12-05-1984", False),
        ("abt 1850", False),
    ],
)
def test_partial_dates(text, ok):
    assert is_partial_date(text) is ok


def test_age_of_living_and_deceased():
    assert Entity(id="a", name="A", birth="2000").age(on=date(2026, 1, 1)) == 26
    assert Entity(id="b", name="B", birth="1948", death="2019").age() == 71
    assert Entity(id="c", name="C").age() is None
    assert year_of("1961-03") == 1961


def test_casedata_lookups(demo_data):
    assert demo_data.entity("sanne").index_person
    with pytest.raises(KeyError):
        demo_data.entity("nobody")
    assert {r.id for r in demo_data.relations_of("lotte")} >= {"t-lotte-noor", "c-sanne-lotte"}
    assert demo_data.positions_for(Lens.GENOGRAM) == {}


def test_demo_case_is_rich_enough(demo_data):
    people = [e for e in demo_data.entities if e.is_person]
    systems = [e for e in demo_data.entities if not e.is_person]
    assert 18 <= len(people) <= 25 and 8 <= len(systems) <= 12
    kinds = {r.kind.value for r in demo_data.relations}
    assert kinds == {
        "partnership",
        "parent_child",
        "twin",
        "emotional",
        "connection",
        "support",
        "acquaintance",
    }
    subtypes = {r.subtype for r in demo_data.relations}
    assert {"divorced", "cohabiting", "foster", "identical"} <= subtypes
    assert any(e.is_deceased for e in people)
    ids = [e.id for e in demo_data.entities] + [r.id for r in demo_data.relations]
    assert len(ids) == len(set(ids))
    known = {e.id for e in demo_data.entities}
    assert all(r.source in known and r.target in known for r in demo_data.relations)
    assert demo_data.factors and demo_data.goals and demo_data.actions and demo_data.monitoring
