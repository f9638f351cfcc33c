"""A page run reuses the open case and its drawings while nothing changed (#20).

The store side (``Store.load_reusing``, through the access guard) and the
page side (``views.case_cache`` on the Genogram page, in AppTest): a reused
case is the same as a loaded one, a save anywhere makes the next run load
again, a cache entry made for one user is never given to another, every
reuse still passes the access check and leaves its log line, and a lens is
laid out once per revision and switches.
"""

from __future__ import annotations

import pytest

from mapping.access import log, users
from mapping.access.guard import AccessDenied, GuardedStore, Principal
from mapping.services.demo import demo_case
from mapping.storage.store import Store


def test_a_reused_case_equals_a_loaded_one_and_is_the_callers_own(tmp_path, monkeypatch):
    with Store(tmp_path / "c.db") as store:
        case_id = store.import_case(demo_case()).id
        cache: dict = {}
        first = store.load_reusing(case_id, cache)
        assert repr(first) == repr(store.load(case_id))
        loads = []
        monkeypatch.setattr(Store, "load", lambda self, ref: loads.append(ref))
        again = store.load_reusing("DEMO-001", cache)  # by code too
        assert loads == []  # not loaded again: the revision did not move
        assert repr(again) == repr(first)
        again.entities.clear()  # the caller's copy: the cache keeps its own
        again.case.revision = -1
        third = store.load_reusing(case_id, cache)
        assert len(third.entities) == len(first.entities)
        assert third.case.revision == first.case.revision


def test_a_save_in_another_session_is_loaded_on_the_next_call(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as mine:
        case_id = mine.import_case(demo_case()).id
        cache: dict = {}
        before = mine.load_reusing(case_id, cache)
        sanne = before.entity("sanne")
        with Store(path) as colleague:  # another process or browser session
            colleague.save(
                case_id,
                type(sanne)(**{**sanne.__dict__, "name": "Sanne Veranderd"}),
                author="collega",
                expected_revision=before.case.revision,
            )
        after = mine.load_reusing(case_id, cache)
        assert after.entity("sanne").name == "Sanne Veranderd"
        assert after.case.revision == before.case.revision + 1
        assert cache[case_id][0] == after.case.revision


@pytest.fixture
def team(tmp_path):
    """Anna owns the demo case in team Noord ('eigen'); Zoë of team Zuid may not open it."""
    path = tmp_path / "team.db"
    with GuardedStore(path, Principal.command_line()) as store:
        users.add_team(store.db, "Noord", policy="eigen")
        users.add_team(store.db, "Zuid", policy="team")
        users.add_user(store.db, "anna@org.nl", name="Anna", teams=["Noord"])
        users.add_user(store.db, "zoe@org.nl", name="Zoë", teams=["Zuid"])

    def as_(email: str) -> GuardedStore:
        store = GuardedStore(path, Principal.command_line(), part="Genogram")
        store.principal = Principal.of(store.db, users.get_user(store.db, email), session=email)
        return store

    with as_("anna@org.nl") as anna:
        case_id = anna.import_case(demo_case()).id
    return path, as_, case_id


def _views(path, who: str) -> list:
    with GuardedStore(path, Principal.command_line()) as store:
        return [line for line in log.lines(store.db) if line.user == who]


def test_a_reuse_is_checked_and_logged_and_never_given_to_another_user(team):
    path, as_, case_id = team
    cache: dict = {}
    with as_("anna@org.nl") as anna:
        anna.load_reusing(case_id, cache)
    assert case_id in cache
    seen_before = len(_views(path, "anna@org.nl"))
    with as_("anna@org.nl") as anna:  # a new page run: the cache answers, the log still hears it
        data = anna.load_reusing(case_id, cache)
    assert data.case.id == case_id
    assert len(_views(path, "anna@org.nl")) == seen_before + 1
    # the same cache handed to someone without access: refused, as if it did not exist
    with as_("zoe@org.nl") as zoe:
        with pytest.raises(AccessDenied):
            zoe.load_reusing(case_id, cache)
    assert any("geweigerd" in line.outcome for line in _views(path, "zoe@org.nl"))


# ------------------------------------------------------------------ the page
def _count_layouts(monkeypatch) -> list:
    import mapping.lenses.genogram

    real = mapping.lenses.genogram.layout_genogram
    calls: list = []

    def counting(data, **kwargs):
        calls.append(kwargs.get("text_scale", 1.0))
        return real(data, **kwargs)

    monkeypatch.setattr(mapping.lenses.genogram, "layout_genogram", counting)
    return calls


def _in_words(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_genogram_is_laid_out_once_per_revision_and_switch(page_app, monkeypatch):
    calls = _count_layouts(monkeypatch)
    at = page_app("genogram")
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1
    at.run()  # a click that changes nothing drawn (a tab, a selection)
    at.run()
    assert len(calls) == 1
    # large type: laid out again with room for the larger text, once
    at.session_state["casemap_meeting"] = {
        **at.session_state["casemap_meeting"],
        "large_font": True,
    }
    at.run()
    at.run()
    assert calls == [1.0, 1.5]
    # a colleague renames someone: the next run loads the case and lays it out again
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        sanne = data.entity("sanne")
        store.save(
            at.case_id,
            type(sanne)(**{**sanne.__dict__, "name": "Sanne Collega"}),
            author="collega",
            expected_revision=data.case.revision,
        )
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 3
    assert "Sanne Collega" in _in_words(at)


def test_a_sign_in_as_someone_else_drops_the_cached_case(page_app):
    from views import case_cache

    at = page_app("genogram")
    at.run()
    cached = at.session_state[case_cache.CASES]
    assert any(at.case_id in mine for mine in cached.values())
    drawings = at.session_state[case_cache.DRAWINGS]
    assert drawings and all(key[0] in cached for key in drawings)
    # the identity the cache was made under is part of every key
    (user_key,) = cached
    at.session_state["casemap_author"] = "Iemand Anders"
    at.run()
    assert not at.exception, at.exception
    now = at.session_state[case_cache.CASES]
    assert user_key not in now and len(now) == 1
