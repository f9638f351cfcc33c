"""What a hurried or mischievous user types into the forms: a Dutch message, nothing lost.

Each test fills a page's form the way the browser QA round did and checks
the message and the database, not only that no exception was raised.
"""

from __future__ import annotations

from mapping.store import Store


def test_a_5000_character_snapshot_label_is_refused_with_a_message(page_app):
    at = page_app("snapshots")
    at.run()
    at.selectbox[0].select_index(len(at.selectbox[0].options) - 1)  # 'anders…'
    at.text_input[0].input("L" * 5000)
    next(b for b in at.button if "Momentopname maken" in b.label).click().run()
    assert not at.exception, at.exception
    [error] = at.error
    assert "te lang" in error.value and "5000" in error.value
    with Store(at.db_path) as store:
        assert store.snapshots(at.case_id) == []
