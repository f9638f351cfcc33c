"""The balansmodel: weighed sums, tilt, breakdown, validation, the drawing and badges."""

from __future__ import annotations

import pytest

from mapping.core.drawing import Drawing, Symbol
from mapping.core.errors import InvalidInput
from mapping.core.model import Case, CaseData, Entity, Factor, Relation
from mapping.core.vocabulary import EmotionalKind, FactorLevel, FactorSide, LifeDomain, RelationKind
from mapping.services.balance import (
    MAX_TILT,
    apply_badges,
    balance,
    balance_drawing,
    block_height,
    export_balance,
    factor_badges,
    move,
    next_order,
    ordered,
    relation_factor,
    validate_factor,
)

K, L = FactorSide.DRAAGKRACHT, FactorSide.DRAAGLAST


def make_case(*factors: Factor) -> CaseData:
    """Three people, a conflict between two of them, and the given factors."""
    return CaseData(
        case=Case(id="c1", code="T-1", title="Test"),
        entities=[
            Entity(id="vader", name="Vader"),
            Entity(id="zoon", name="Zoon"),
            Entity(id="els", name="Els", role="buurvrouw"),
        ],
        relations=[
            Relation(
                id="r-conflict",
                kind=RelationKind.EMOTIONAL,
                source="vader",
                target="zoon",
                subtype=EmotionalKind.CONFLICT.value,
            )
        ],
        factors=list(factors),
    )


def factor(fid, side, weight, level=FactorLevel.MICRO, domain=None, **kw) -> Factor:
    return Factor(fid, side, f"factor {fid}", level, domain, weight, **kw)


@pytest.fixture
def mixed():
    return make_case(
        factor("k1", K, 4, FactorLevel.MICRO, LifeDomain.CHILDREN),
        factor("k2", K, 3, FactorLevel.MESO, LifeDomain.NETWORK),
        factor("k3", K, 1, FactorLevel.MESO, LifeDomain.NETWORK),
        factor("l1", L, 5, FactorLevel.MACRO, LifeDomain.FINANCES),
        factor("l2", L, 2, FactorLevel.MICRO, LifeDomain.CHILDREN),
        factor("l3", L, 4, FactorLevel.MACRO, None),
    )


# ----------------------------------------------------------------- arithmetic
def test_weighted_sums_by_hand(mixed):
    b = balance(mixed)
    assert (b.draagkracht, b.draaglast) == (4 + 3 + 1, 5 + 2 + 4)
    assert b.difference == 8 - 11
    assert (b.count_draagkracht, b.count_draaglast) == (3, 3)
    assert b.heavier is L


def test_breakdown_per_level_and_domain(mixed):
    b = balance(mixed)
    levels = {lvl: (w.draagkracht, w.draaglast) for lvl, w in b.by_level.items()}
    assert levels == {
        FactorLevel.MICRO: (4, 2),
        FactorLevel.MESO: (4, 0),
        FactorLevel.MACRO: (0, 9),
    }
    domains = {d: (w.draagkracht, w.draaglast) for d, w in b.by_domain.items()}
    assert domains == {
        LifeDomain.FINANCES: (0, 5),
        LifeDomain.NETWORK: (4, 0),
        LifeDomain.CHILDREN: (4, 2),
        None: (0, 4),
    }
    # vocabulary order, no domain last
    assert list(b.by_domain) == [
        LifeDomain.FINANCES,
        LifeDomain.NETWORK,
        LifeDomain.CHILDREN,
        None,
    ]
    # the slices add up to the whole
    assert sum(w.draagkracht for w in b.by_level.values()) == b.draagkracht
    assert sum(w.draaglast for w in b.by_domain.values()) == b.draaglast


def test_tilt_sign_follows_the_heavier_side():
    heavy_load = balance(make_case(factor("k", K, 2), factor("l", L, 5)))
    assert heavy_load.tilt == pytest.approx(6.0)  # 3 points * 2 degrees, draaglast down
    heavy_capacity = balance(make_case(factor("k", K, 5), factor("l", L, 4)))
    assert heavy_capacity.tilt == pytest.approx(-2.0)
    assert heavy_capacity.heavier is K
    level = balance(make_case(factor("k", K, 3), factor("l", L, 3)))
    assert level.tilt == 0 and level.heavier is None and level.difference == 0


def test_tilt_is_clamped():
    many = [factor(f"l{i}", L, 5) for i in range(10)]
    assert balance(make_case(*many)).tilt == MAX_TILT
    many = [factor(f"k{i}", K, 5) for i in range(10)]
    assert balance(make_case(*many)).tilt == -MAX_TILT


def test_empty_case_is_level():
    b = balance(make_case())
    assert (b.draagkracht, b.draaglast, b.tilt) == (0, 0, 0.0)
    assert set(b.by_level) == set(FactorLevel)
    assert b.by_domain == {}


def test_demo_balance(demo_data):
    b = balance(demo_data)
    assert (b.draagkracht, b.draaglast) == (4 + 4 + 3 + 3 + 2, 5 + 4 + 4 + 3 + 3 + 3 + 2)
    assert b.tilt == pytest.approx(16.0)


# ----------------------------------------------------------------- validation
@pytest.mark.parametrize("weight", [0, 6, -1, True])
def test_weight_outside_one_to_five_is_refused(weight):
    data = make_case()
    with pytest.raises(InvalidInput) as err:
        validate_factor(factor("x", K, weight), data)
    assert "gewicht" in err.value.message("nl") and "weight" in err.value.message("en")


def test_empty_description_is_refused():
    with pytest.raises(InvalidInput):
        validate_factor(Factor("x", K, "   "), make_case())


def test_links_must_exist():
    data = make_case()
    validate_factor(factor("ok", K, 3, entity_ids=("els",), relation_ids=("r-conflict",)), data)
    with pytest.raises(InvalidInput, match="spook"):
        validate_factor(factor("x", K, 3, entity_ids=("spook",)), data)
    with pytest.raises(InvalidInput, match="r-weg"):
        validate_factor(factor("x", L, 3, relation_ids=("r-weg",)), data)


# ----------------------------------------------------------------- order
def test_move_up_and_down_renumbers_one_side():
    data = make_case(
        factor("a", K, 1, order=1),
        factor("b", K, 1, order=2),
        factor("c", K, 1, order=3),
        factor("z", L, 1, order=1),
    )
    changed = move(data.factors, "c", -1)
    assert {f.id: f.order for f in changed} == {"b": 3, "c": 2}
    assert all(f.side is K for f in changed)
    # moving the top one up changes nothing
    assert move(data.factors, "a", -1) == []
    assert next_order(data.factors, K) == 4 and next_order(data.factors, L) == 2


def test_ties_are_resolved_by_a_move():
    data = make_case(factor("a", K, 1), factor("b", K, 1))  # both order 0
    changed = {f.id: f.order for f in move(data.factors, "b", -1)}
    data.factors = [
        f if f.id not in changed else Factor(**{**f.__dict__, "order": changed[f.id]})
        for f in data.factors
    ]
    assert [f.id for f in ordered(data.factors, K)] == ["b", "a"]


# ----------------------------------------------------------------- badges
def test_badges_from_entities_and_relation_ends():
    data = make_case(
        factor("k1", K, 3, entity_ids=("els",)),
        factor("k2", K, 2, entity_ids=("els", "vader")),
        factor("l1", L, 4, relation_ids=("r-conflict",)),
        # linked directly and through the relation: still one minus
        factor("l2", L, 4, entity_ids=("zoon",), relation_ids=("r-conflict",)),
    )
    badges = factor_badges(data)
    assert badges == {
        "els": ("+", "+"),
        "vader": ("+", "-", "-"),
        "zoon": ("-", "-"),
    }


def test_badges_ignore_unknown_links():
    data = make_case(factor("k1", K, 3, entity_ids=("weg",), relation_ids=("r-weg",)))
    assert factor_badges(data) == {}


def test_apply_badges_sets_symbols_without_touching_the_original():
    data = make_case(factor("k1", K, 3, entity_ids=("els",)))
    drawing = Drawing(
        lens="ecogram",
        symbols=[
            Symbol(id="s-els", x=0, y=0, entity_id="els"),
            Symbol(id="vader", x=50, y=0),
        ],
    )
    badged = apply_badges(drawing, data)
    assert badged.symbol("s-els").badges == ("+",)
    assert badged.symbol("vader").badges == ()
    assert drawing.symbol("s-els").badges == ()


def test_badges_show_in_rendered_lens(demo_data):
    from mapping.lenses import draw
    from mapping.render.svg import render_svg

    drawing = apply_badges(draw(demo_data, "ecogram"), demo_data)
    debt = next(s for s in drawing.symbols if (s.entity_id or s.id) == "schuldhulp")
    assert debt.badges == ("+", "-")  # involved (draagkracht) and the debts (draaglast)
    svg = render_svg(drawing)
    assert svg.count('class="badge"') == sum(len(s.badges) for s in drawing.symbols) > 0
    assert 'class="badge"' not in render_svg(draw(demo_data, "ecogram"))


# ----------------------------------------------------------------- the drawing
def test_drawing_has_a_block_per_factor_on_its_side(mixed):
    drawing = balance_drawing(mixed)
    assert drawing.lens == "balance"
    blocks = {a.id.split(":")[-1]: a for a in drawing.areas if a.id.startswith("balance:factor:")}
    assert set(blocks) == {f.id for f in mixed.factors}
    pivot_x = 0
    for f in mixed.factors:
        block = blocks[f.id]
        centre = block.x + block.w / 2
        assert (centre < pivot_x) == (f.side is K)
        assert block.h == block_height(f.weight)
        assert block.fill == ("#2e7d32" if f.side is K else "#c62828")


def test_drawing_beam_tips_towards_the_heavier_side(mixed):
    drawing = balance_drawing(mixed)  # draaglast heavier
    beam = next(line for line in drawing.lines if line.id == "balance:beam")
    (lx, ly), (rx, ry) = beam.points
    assert lx < 0 < rx
    assert ry > ly  # y grows downwards: the right (draaglast) end hangs lower
    pans = {a.id: a for a in drawing.areas if a.id.endswith(":pan")}
    assert pans["balance:draaglast:pan"].points[0][1] > pans["balance:draagkracht:pan"].points[0][1]

    light = balance_drawing(make_case(factor("k", K, 5)))
    beam = next(line for line in light.lines if line.id == "balance:beam")
    assert beam.points[0][1] > beam.points[1][1]


def test_drawing_shows_totals_and_levels(mixed):
    texts = [t.text for t in balance_drawing(mixed).texts]
    assert "Draagkracht: 8" in texts and "Draaglast: 11" in texts
    assert any(t.startswith("Draaglast weegt zwaarder") for t in texts)
    english = [t.text for t in balance_drawing(mixed, lang="en").texts]
    assert "Capacity: 8" in english and "micro" in english


def test_empty_drawing_says_so():
    drawing = balance_drawing(make_case())
    assert any("Nog geen factoren" in t.text for t in drawing.texts)


def test_rendered_svg_escapes_descriptions():
    data = make_case(Factor("x", K, "<script>alert(1)</script> & zo", weight=2))
    from mapping.render.svg import render_svg

    svg = render_svg(balance_drawing(data))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_large_font_grows_the_blocks_so_text_still_fits(mixed):
    normal = balance_drawing(mixed)
    large = balance_drawing(mixed, large_font=True)

    def block(drawing, fid):
        return next(a for a in drawing.areas if a.id == f"balance:factor:{fid}")

    assert block(large, "l1").h == pytest.approx(1.5 * block(normal, "l1").h)
    long = make_case(Factor("x", K, "Een heel lange omschrijving van een factor " * 3, weight=5))
    for drawing, scale in (
        (balance_drawing(long), 1.0),
        (balance_drawing(long, large_font=True), 1.5),
    ):
        lines = [t for t in drawing.texts if t.anchor == "start" and t.color == "#ffffff"]
        assert len(lines) == 2
        # 0.6 em per character, the renderer's estimate, stays inside the block
        assert all(len(t.text) * t.size * scale * 0.6 < 226 - 24 * scale for t in lines)


# ----------------------------------------------------------------- the dossier file
def named_case() -> CaseData:
    return CaseData(
        case=Case(id="c", code="T-9", title="Gezin Jansen", casemanager="M. de Wit"),
        entities=[
            Entity(id="s", name="Sanne Jansen", index_person=True),
            Entity(id="els", name="Els Visser", role="buurvrouw"),
        ],
        factors=[
            Factor("f1", K, "Els Visser helpt Sanne met de post", weight=3, entity_ids=("els",)),
            Factor("f2", L, "Sanne heeft schulden; M. de Wit belt", weight=4, entity_ids=("s",)),
        ],
    )


def test_export_balance_svg_carries_the_caption_and_the_names():
    svg = export_balance(named_case(), "svg", author="K. Jansma").decode("utf-8")
    assert svg.startswith("<?xml") and "lens-balance" in svg
    assert "Gezin Jansen" in svg and "T-9" in svg and "K. Jansma" in svg
    assert "Els Visser helpt Sanne" in svg


@pytest.mark.parametrize("mode", [True, "roles", "initials"])
def test_pseudonymised_balance_export_holds_no_name(mode):
    svg = export_balance(named_case(), "svg", pseudonymise=mode).decode("utf-8")
    for name in ("Sanne", "Jansen", "Els", "Visser", "Wit"):
        assert name not in svg, name
    # a code made for the export, not the case's (issue 14.6: it led back to the dossier)
    assert "gepseudonimiseerd" in svg and "T-9" not in svg and "Casus PS-" in svg
    assert svg.count('data-area-id="balance:factor:') == 2  # both factors still drawn


def test_export_balance_png_pdf_and_a_bad_format():
    data = named_case()
    png = export_balance(data, "png", dpi=96)
    big = export_balance(data, "png", dpi=300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert int.from_bytes(big[16:20], "big") == pytest.approx(width * 300 / 96, rel=0.01)
    assert export_balance(data, "pdf").startswith(b"%PDF")
    with pytest.raises(InvalidInput):
        export_balance(data, "gif")


def test_relation_factor_links_a_new_relation_and_goes_to_the_bottom(mixed):
    link = Relation(id="k-new", kind=RelationKind.CONNECTION, source="vader", target="els")
    factor = relation_factor(mixed, link, "  Buurvrouw   helpt ", L, weight=5)
    assert factor.relation_ids == ("k-new",) and factor.entity_ids == ()
    assert factor.description == "Buurvrouw helpt" and factor.level is FactorLevel.MESO
    assert factor.order == next_order(mixed.factors, L) and factor.weight == 5
    with pytest.raises(InvalidInput):
        relation_factor(mixed, link, "  ", L)
    with pytest.raises(InvalidInput):
        relation_factor(mixed, link, "Te zwaar", L, weight=9)
