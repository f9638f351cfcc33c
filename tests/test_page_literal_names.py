"""Names with markdown in them are shown literally on every page: no link, no bold, no formula.

Streamlit renders markdown in st.markdown, st.success/info/warning/caption,
st.subheader and radio options; a name like ``[klik](http://evil)`` must
reach the browser escaped (``\\[klik\\]...``), and a bare address must not
become a link (Streamlit links ``http://`` in text even when escaped).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from mapping.storage.store import Store
from views.shell import md_escape
from views.state import MEETING, SELECTED

HOSTILE = "**vet** [klik](http://evil.example) $x$ ![i](http://evil.example/i.png)"


def with_hostile_names(at) -> None:
    """Every person and system of the demo case gets the hostile text in its name."""
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        renamed = [replace(e, name=f"{e.name[:5]} {HOSTILE}") for e in data.entities]
        store.save_many(at.case_id, renamed)
        store.snapshot(at.case_id, f"intake {HOSTILE}")


def shown_markdown(at) -> list[str]:
    """The markdown source of every element that Streamlit renders as markdown."""
    texts = [
        e.value for kind in ("markdown", "caption", "subheader", "title") for e in at.get(kind)
    ]
    texts += [e.value for kind in ("success", "info", "warning", "error") for e in at.get(kind)]
    for radio in at.radio:
        texts += [str(o) for o in radio.options]
    return texts


def unescaped(texts: list[str]) -> list[str]:
    """Texts where the hostile markup would be rendered: raw bold, link, formula or address."""
    raw = ("**vet**", "[klik](", "$x$", "![i]", "http://evil", "http\\://evil")
    return [t for t in texts if any(part in t for part in raw)]


def test_md_escape_breaks_bare_addresses():
    escaped = md_escape("zie http://evil.example, www.evil.example of jan@evil.example")
    assert "http\\://" not in escaped and "\\:\u2060//" in escaped
    assert "www\u2060\\." in escaped and "@\u2060" in escaped
    # the joiner is invisible: without it and the escapes the text is the same
    assert escaped.replace("\u2060", "").replace("\\", "") == (
        "zie http://evil.example, www.evil.example of jan@evil.example"
    )


@pytest.mark.parametrize(
    "page", ["cases", "genogram", "sociogram", "snapshots", "meeting", "balance", "plan"]
)
def test_hostile_names_are_escaped(page_app, page):
    at = page_app(page)
    with_hostile_names(at)
    at.session_state[SELECTED] = {"kind": "entity", "id": "sanne"}  # radio options name her
    at.session_state[MEETING] = {"pseudonymise": False}
    if page == "snapshots":
        with Store(at.db_path) as store:
            at.session_state["snapshot_view"] = store.snapshots(at.case_id)[0].id
    if page == "meeting":
        at.session_state["meeting_step"] = 2  # the netwerkkaart step, named after its ego
    at.run()
    assert not at.exception, at.exception
    texts = shown_markdown(at)
    assert any("evil" in t for t in texts), "the hostile names are not on the page at all"
    assert unescaped(texts) == []


def test_a_flash_with_a_hostile_name_is_escaped(page_app):
    at = page_app("genogram")
    at.session_state["geno_flash"] = f"{HOSTILE} toegevoegd."
    at.run()
    assert not at.exception
    [success] = at.success
    assert unescaped([success.value]) == []


def test_an_error_quoting_what_was_typed_shows_it_literally(page_app):
    """'Geboortedatum: '[klik](http://...)' is geen geldige datum' must not render a link."""
    at = page_app("genogram")
    at.run()
    at.text_input(key="geno_add_name").input("Oma")
    at.text_input(key="geno_add_birth").input("[klik](http://evil.example) **vet**")
    next(b for b in at.button if b.label == "Persoon toevoegen").click().run()
    assert not at.exception, at.exception
    [error] = at.error
    assert "klik" in error.value and unescaped([error.value]) == []


def test_the_meeting_plan_table_shows_goals_literally(page_app):
    """st.table renders markdown in its cells (an image there was fetched from outside)."""
    at = page_app("meeting")
    with Store(at.db_path) as store:
        data = store.load(at.case_id)
        store.save(at.case_id, replace(data.goals[0], title=HOSTILE))
    at.session_state[MEETING] = {"pseudonymise": False}
    at.run()
    while not at.table:  # step on to the plan
        next(b for b in at.button if b.key == "meeting_next").click().run()
        assert not at.exception, at.exception
    cells = [str(v) for v in at.table[0].value.to_numpy().ravel()]
    assert any("vet" in c for c in cells)
    assert unescaped(cells) == []
