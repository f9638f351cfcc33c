"""New-item forms that start empty: their defaults live in the session, not in ``value=``.

Every add form (a goal, an action, a factor, a system) starts at its
documented defaults, also right after a save: nothing of the last record is
carried into the next one. The page gives the form its blanks once
(:func:`new_form`); after a save :func:`views.state.forget_form` with the same
blanks empties it for the next run. An edit form instead takes its values
from the record it edits (:func:`given`).
"""

from __future__ import annotations

import streamlit as st


def new_form(prefix: str, blanks: dict[str, object]) -> None:
    """Give a new-item form its documented defaults, unless its fields already hold input.

    The widgets of a new-item form take their value from the session only
    (no ``index=``/``value=`` of their own), so the first draw and the draw
    after a save (:func:`views.state.forget_form` with the same ``blanks``)
    start from the same defaults: no kind, quality or label of the previous
    record is carried into the next one.
    """
    for name, blank in blanks.items():
        st.session_state.setdefault(f"{prefix}_{name}", blank)


def given(fresh: bool, **initial) -> dict:
    """``initial`` (``index=``, ``value=``...) for an edit form; nothing for a new-item form.

    A new-item form's fields get their defaults from the session (:func:`new_form`);
    an edit form's from the record it edits.

    >>> given(False, value="Sanne"), given(True, value="Sanne")
    ({'value': 'Sanne'}, {})
    """
    return {} if fresh else initial
