"""What one page run may reuse from the last: the open case and its drawings (#20).

Streamlit runs a whole page script on every click. Loading the case and laying
a lens out again each time cost more than the click itself (a netwerkkaart's
layout alone about a quarter of a second), while most clicks change neither:
a selection, a toggle, a tab. So a page asks here:

- :func:`load` gives the open case. The store still checks access and writes
  the access-log line on every call (:meth:`mapping.access.GuardedStore.load_reusing`);
  it reads the case's revision and loads the case again only when the
  revision moved, which any save does, in this session or a colleague's.
- :func:`drawing` gives a lens's Drawing for that case, revision and the
  page's switches, laid out once.

Both caches live in the browser session's own state, under the signed-in
user's identity: one user's copy is never shown to another, not even after a
sign-out and a sign-in in the same browser. A drawing from the cache is read
only: pages and the canvas render it, they do not change it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.model import CaseData

CASES = "casemap_cache_cases"  # {user key: {case_id: (revision, CaseData)}}
DRAWINGS = "casemap_cache_drawings"  # OrderedDict {(user, case, revision, lens, switches): Drawing}
DRAWINGS_KEPT = 12  # three lenses, a few switches each: enough to switch back and forth
_LOADED = "_casemap_loaded_revision"  # set on the CaseData this module hands out


_USER = "_casemap_loaded_for"  # whose access check the CaseData passed (its drawings are theirs)


def _user(store) -> str:
    """Whose cache: the identity of the store's principal (one per person in team mode)."""
    who = getattr(store, "principal", None)
    if who is None:  # a bare Store (tests, the command line): no access check, no one's cache
        return "(store)"
    return f"{who.user_id}|{who.user}|{who.role}"


def _mine(user: str) -> dict:
    """This session's cached cases, for the identity signed in now (others' copies dropped)."""
    caches = st.session_state.setdefault(CASES, {})
    for other in [key for key in caches if key != user]:
        del caches[other]  # another identity in this browser: its copies go
    return caches.setdefault(user, {})


def load(store, case_id: str) -> CaseData:
    """The case as stored now, through ``store``'s access check and log; reused while unchanged."""
    user = _user(store)
    mine = _mine(user)
    data = store.load_reusing(case_id, mine)
    for other in [cid for cid in mine if cid != data.case.id]:
        del mine[other]  # one open case at a time
    # the revision the content is at: a page may set data.case.revision back to the one
    # the user saw (to let the store refuse a save over a colleague's), the content is newer
    data.__dict__[_LOADED] = data.case.revision
    data.__dict__[_USER] = user
    return data


def drawing(data: CaseData, lens: str, switches: Hashable, make: Callable[[], Drawing]) -> Drawing:
    """``make()``'s Drawing of ``data`` through ``lens``, laid out once per revision and ``switches``.

    ``switches`` holds everything else the layout depends on (ego, language,
    pseudonyms, emotional lines, text scale, ...).
    """
    user = data.__dict__.get(_USER)
    if user is None:  # not loaded through :func:`load`: nobody's access check to key it by
        return make()
    revision = data.__dict__.get(_LOADED, data.case.revision)
    key = (user, data.case.id, revision, lens, switches)
    kept: OrderedDict = st.session_state.setdefault(DRAWINGS, OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    made = make()
    kept[key] = made
    while len(kept) > DRAWINGS_KEPT:
        kept.popitem(last=False)
    return made


def forget() -> None:
    """Drop every cached case and drawing of this session (sign-out, a restored database)."""
    st.session_state.pop(CASES, None)
    st.session_state.pop(DRAWINGS, None)


__all__ = ["drawing", "forget", "load"]
