"""Small fields every form uses: a choice from one of casemap's vocabularies."""

from __future__ import annotations

import streamlit as st

from mapping.core.vocabulary import label, options
from views import state


def vocab_select(title: str, enum, *, key: str, value=None, container=st, **kw):
    """A selectbox over ``enum``'s terms in the user's language; returns the chosen member.

    ``value`` is preselected when it is one of the terms; ``kw`` goes to ``selectbox``.
    """
    lang = state.current_lang()
    choices = list(options(enum, lang))
    index = choices.index(str(value)) if value is not None and str(value) in choices else 0
    chosen = container.selectbox(
        title, choices, index=index, format_func=lambda v: label(enum(v), lang), key=key, **kw
    )
    return enum(chosen)
