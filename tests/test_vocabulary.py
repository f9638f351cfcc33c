"""Every vocabulary value has a Dutch and an English label (and a style where drawn)."""

from __future__ import annotations

import pytest

from mapping.core.vocabulary import (
    SUBTYPES,
    TERMS,
    VOCABULARIES,
    ConnectionStrength,
    EmotionalKind,
    PartnershipStatus,
    RelationKind,
    Sector,
    SystemKind,
    default_subtype,
    label,
    options,
    sector_for_system,
)


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_member_has_both_labels(name):
    for member in VOCABULARIES[name]:
        term = TERMS[member]
        assert term.nl.strip() and term.en.strip(), member
        assert term.legend("nl") and term.legend("en")


def test_drawn_values_have_a_line_style():
    for enum in (EmotionalKind, ConnectionStrength, PartnershipStatus):
        for member in enum:
            assert TERMS[member].style.get("line"), member


def test_systems_have_colour_icon_and_sector():
    for kind in SystemKind:
        style = TERMS[kind].style
        assert style["color"].startswith("#") and style["icon"]
        assert isinstance(sector_for_system(kind), Sector)


def test_subtypes_cover_every_relation_kind():
    assert set(SUBTYPES) == set(RelationKind)
    assert default_subtype(RelationKind.PARTNERSHIP) == "married"
    assert default_subtype(RelationKind.ACQUAINTANCE) == ""


def test_labels_and_options():
    assert label(EmotionalKind.CUTOFF) == "verbroken contact"
    assert label(EmotionalKind.CUTOFF, "en") == "cut-off"
    assert label(None) == ""
    assert options(Sector, "en")["neighbours"] == "Neighbours"
    divorced = TERMS[PartnershipStatus.DIVORCED].style
    assert divorced["slashes"] == 2


def test_same_values_in_different_vocabularies_do_not_collide():
    from mapping.core.vocabulary import LifeDomain

    assert len(TERMS) == sum(len(list(enum)) for enum in VOCABULARIES.values())
    assert label(SystemKind.POLICE_JUSTICE) == "politie en justitie"
    assert label(LifeDomain.JUSTICE) == "justitie"
    assert SystemKind.POLICE_JUSTICE != LifeDomain.JUSTICE
    assert LifeDomain("justice") == "justice"
