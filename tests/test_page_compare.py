"""The compare page: a moment against now, changes in words and figures; model answers only for exercises."""

from __future__ import annotations

from dataclasses import replace

from mapping.core.vocabulary import Ring
from mapping.services.training import load_training_case
from mapping.storage.store import Store


def options(at, label: str) -> list[str]:
    box = next(s for s in at.selectbox if s.label == label)
    return list(box.options)


def test_a_real_case_without_moments_asks_for_a_snapshot(page_app):
    at = page_app("compare")
    at.run()
    assert not at.exception, at.exception
    assert options(at, "Eerder (A)") == ["Nu (werkversie)"]
    assert any("Momentopnamen" in i.value for i in at.info)


def test_snapshot_against_now_lists_the_changes_in_words(page_app):
    at = page_app("compare")
    with Store(at.db_path) as store:
        store.snapshot(at.case_id, "intake", taken="2026-03-01")
        data = store.load(at.case_id)
        tie = next(
            r for r in data.relations if r.ring in (Ring.MIDDLE, Ring.FAR) and r.source == "sanne"
        )
        store.save(at.case_id, replace(tie, ring=Ring.CLOSE))
        member = next(e for e in data.entities if e.id == tie.target).name
    at.run()
    assert not at.exception, at.exception
    assert options(at, "Eerder (A)")[1].startswith("intake (2026-03-01)")
    words = " ".join(m.value for m in at.markdown)
    assert member.split()[0] in words and "ring" in words.lower()
    assert not at.success or "Geen verschillen." not in [s.value for s in at.success]
    assert not any("Modelantwoord" in o for o in options(at, "Eerder (A)"))


def test_an_exercise_is_compared_with_its_own_model_answer_first(page_app):
    at = page_app("compare", with_demo=False, open_demo=False)
    with Store(at.db_path) as store:
        case = store.create_case("OEF-DEMENTIE-ab12", "Oefening")
        store.save(case.id, load_training_case("dementie").entities[0])
    from views.state import OPEN_CASE

    at.session_state[OPEN_CASE] = case.id
    at.run()
    assert not at.exception, at.exception
    choices = options(at, "Eerder (A)")
    assert choices[0] == "Nu (werkversie)"
    assert choices[1].startswith("Modelantwoord: Meneer Hoekstra")
    assert sum("Modelantwoord" in c for c in choices) == 3
    # the default compares the model answer (A) with the student's map (B)
    box = next(s for s in at.selectbox if s.label == "Eerder (A)")
    assert box.value.startswith("training:dementie")
    words = " ".join(m.value for m in at.markdown)
    assert "➖" in words  # what the student has not drawn yet shows as missing


def test_the_page_opens_on_the_last_two_snapshots(page_app):
    at = page_app("compare")
    with Store(at.db_path) as store:
        store.snapshot(at.case_id, "intake", taken="2026-03-01")
        store.snapshot(at.case_id, "evaluatie 1", taken="2026-06-01")
        store.snapshot(at.case_id, "evaluatie 2", taken="2026-09-01")
        ids = [s.id for s in store.snapshots(at.case_id)]
    at.run()
    assert not at.exception, at.exception
    assert (at.selectbox(key="cmp_old").value, at.selectbox(key="cmp_new").value) == (
        ids[1],
        ids[2],
    )


def test_one_snapshot_is_compared_with_now(page_app):
    at = page_app("compare")
    with Store(at.db_path) as store:
        snap = store.snapshot(at.case_id, "intake", taken="2026-03-01")
    at.run()
    assert (at.selectbox(key="cmp_old").value, at.selectbox(key="cmp_new").value) == (
        snap.id,
        "__now__",
    )


def test_figures_with_a_decimal_comma_and_changed_in_its_own_colour(page_app):
    at = page_app("compare")
    with Store(at.db_path) as store:
        store.snapshot(at.case_id, "intake", taken="2026-03-01")
    at.run()
    table = at.dataframe[0].value
    density = table[table["Kenmerk"] == "Dichtheid"]
    assert "," in density["A"].iloc[0] and "." not in density["A"].iloc[0]
    legend = " ".join(m.value for m in at.markdown)
    from mapping.services.compare import CHANGED_COLOUR

    assert f"color:{CHANGED_COLOUR}'>■</span> veranderd" in legend
