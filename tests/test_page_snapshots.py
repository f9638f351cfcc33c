"""Snapshots, compare, report, meeting and training pages (AppTest)."""

from __future__ import annotations

from mapping.core.vocabulary import Ring
from mapping.storage.store import Store
from views.state import OPEN_CASE


def test_take_view_and_delete_a_snapshot(page_app):
    at = page_app("snapshots")
    at.run()
    assert not at.exception
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        snaps = store.snapshots(at.case_id)
    assert [s.label for s in snaps] == ["intake"]
    next(b for b in at.button if b.key == f"view_{snaps[0].id}").click().run()
    assert not at.exception
    assert any("alleen lezen" in h.value for h in at.subheader)
    # the open map only (the genogram) is drawn
    assert [len(tab.children) for tab in at.tabs] == [1, 0, 0]
    at.session_state["snap_view_lens"] = "Ecogram"  # another tab: it stays chosen
    at.run()
    assert not at.exception and at.session_state["snap_view_lens"] == "Ecogram"
    assert [len(tab.children) for tab in at.tabs] == [0, 1, 0]
    next(b for b in at.button if b.key == f"delete_{snaps[0].id}").click().run()
    with Store(at.db_path) as store:
        assert store.snapshots(at.case_id) == []


def test_restore_a_snapshot_as_working_state(page_app):
    at = page_app("snapshots")
    with Store(at.db_path) as store:
        snap = store.snapshot(at.case_id, "intake")
        data = store.load(at.case_id)
        els = next(e for e in data.entities if e.id == "els")
        store.delete(at.case_id, type(els), "els", on_actions="unassign")
    at.run()
    next(b for b in at.button if b.key == f"restore_{snap.id}").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert any(e.id == "els" for e in store.load(at.case_id).entities)


def test_compare_now_with_intake_in_words(page_app):
    at = page_app("compare")
    with Store(at.db_path) as store:
        store.snapshot(at.case_id, "intake")
        data = store.load(at.case_id)
        tie = next(r for r in data.relations if r.id == "s-sanne-els")
        tie.ring = Ring.CLOSE
        store.save(at.case_id, tie)
    at.run()
    assert not at.exception
    texts = " ".join(m.value for m in at.markdown).replace("\\", "")
    # the rings named with the words of the map and its legend
    assert (
        "Els Visser in de netwerkkaart van Sanne Jansen: van ring 'middel' naar ring 'dichtbij'"
        in texts
    )


def test_report_page_builds_a_pdf(page_app):
    at = page_app("report")
    at.run()
    next(b for b in at.button if b.key == "report_build").click().run()
    assert not at.exception
    assert at.session_state["report_pdf"][1].startswith(b"%PDF")


def test_meeting_steps_through_lenses(page_app):
    at = page_app("meeting")
    at.run()
    assert not at.exception
    assert any("Genogram" in m.value for m in at.markdown)
    next(b for b in at.button if b.key == "meeting_next").click().run()
    assert any("Ecogram" in m.value for m in at.markdown)
    for _ in range(3):
        next(b for b in at.button if b.key == "meeting_next").click().run()
        assert not at.exception


def test_training_starts_an_empty_exercise_case(page_app):
    at = page_app("training", open_demo=False)
    at.run()
    assert not at.exception
    next(b for b in at.button if b.key == "start_dementie").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        opened = store.load(at.session_state[OPEN_CASE])
    assert opened.case.code.startswith("OEF-DEMENTIE")
    assert opened.entities == []


def test_deleting_a_snapshot_is_recorded_with_the_authors_name(page_app):
    from views.state import AUTHOR

    at = page_app("snapshots")
    with Store(at.db_path) as store:
        snap = store.snapshot(at.case_id, "intake", author="Anna de Vries")
        gone = store.snapshot(at.case_id, "evaluatie 1")
    at.session_state[AUTHOR] = "Bram Kok"
    at.run()
    with Store(at.db_path) as store:  # meanwhile, in another tab
        store.delete_snapshot(gone.id, author="Anna de Vries")
    # the one a colleague deleted already: no traceback, and no second line in the history
    next(b for b in at.button if b.key == f"delete_{gone.id}").click().run()
    assert not at.exception, at.exception
    next(b for b in at.button if b.key == f"delete_{snap.id}").click().run()
    assert not at.exception, at.exception
    with Store(at.db_path) as store:
        assert store.snapshots(at.case_id) == []
        history = [(c.summary, c.author) for c in store.history(at.case_id)]
    assert history[0] == ("momentopname verwijderd: intake", "Bram Kok")
    assert [h for h in history if "evaluatie 1" in h[0]] == [
        ("momentopname verwijderd: evaluatie 1", "Anna de Vries"),
        ("momentopname gemaakt: evaluatie 1", ""),
    ]


def test_the_next_snapshot_starts_at_the_next_label_and_today(page_app):
    from datetime import date

    at = page_app("snapshots")
    at.run()
    assert at.selectbox(key="snap_new_preset").value == "intake"
    at.date_input(key="snap_new_taken").set_value(date(2026, 3, 1))
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception, at.exception
    # not "intake" of 1 March again: the next label, today
    assert at.selectbox(key="snap_new_preset").value == "tussenevaluatie"
    assert at.date_input(key="snap_new_taken").value == date.today()
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    with Store(at.db_path) as store:
        snaps = store.snapshots(at.case_id)
    assert [(s.label, s.taken[:10]) for s in snaps] == [
        ("intake", "2026-03-01"),
        ("tussenevaluatie", date.today().isoformat()),
    ]
