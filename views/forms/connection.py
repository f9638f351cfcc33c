"""The fields of an ecogram connection (quality, flow, label) and of its optional balance factor.

The same widgets in every form that makes or changes a connection: a line
drawn on the map, a line chosen on the map, a new system with its first
connection, and 'Verbinding leggen'.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.model import Relation
from mapping.core.vocabulary import ConnectionStrength, FactorSide, Flow, label
from views import state
from views.forms.blanks import given, new_form
from views.i18n import _

STRENGTHS = [s.value for s in ConnectionStrength]
FLOWS = [f.value for f in Flow]
SIDES = [s.value for s in FactorSide]
#: A new connection's documented defaults: quality 'gewoon', no direction, no label.
NEW_CONNECTION = {
    "strength": ConnectionStrength.MODERATE.value,
    "flow": Flow.NONE.value,
    "label": "",
}
#: ... and of its optional balance factor.
NEW_FACTOR = {"factor": "", "factor_side": FactorSide.DRAAGKRACHT.value, "factor_weight": 3}


def connection_fields(
    key: str, link: Relation | None = None, *, fresh: bool = False
) -> tuple[str, str, str]:
    """Quality, flow and short label of a connection: the same fields in every form.

    ``fresh``: a new-item form whose fields hold :data:`NEW_CONNECTION` in the
    session (set with :func:`views.forms.blanks.new_form`, emptied after a save).
    """
    lang = state.current_lang()
    left, right = st.columns(2)
    current = link.subtype if link and link.subtype in STRENGTHS else "moderate"
    strength = left.selectbox(
        _("Kwaliteit"),
        STRENGTHS,
        format_func=lambda v: label(ConnectionStrength(v), lang),
        key=f"{key}_strength",
        **given(fresh, index=STRENGTHS.index(current)),
    )
    flow = right.selectbox(
        _("Richting van energie en hulpbronnen"),
        FLOWS,
        format_func=lambda v: label(Flow(v), lang),
        key=f"{key}_flow",
        **given(
            fresh, index=FLOWS.index(str(link.flow)) if link and str(link.flow) in FLOWS else 0
        ),
    )
    text = st.text_input(
        _("Kort label"),
        max_chars=40,
        help=_("Bijvoorbeeld 'wekelijks' of 'schuld € 4.000'"),
        key=f"{key}_label",
        **given(fresh, value=link.label if link else ""),
    )
    return strength, flow, text


def factor_fields(key: str) -> tuple[str, str, int]:
    """An optional balance factor about the connection: description, side, weight.

    Its fields start at :data:`NEW_FACTOR`, held in the session (:func:`views.forms.blanks.new_form`).
    """
    lang = state.current_lang()
    new_form(key, NEW_FACTOR)
    text = st.text_input(
        _("Ook als factor in de balans (optioneel)"),
        placeholder=_("Bijvoorbeeld 'Schuldhulp helpt met een budgetplan'"),
        help=_("Niveau meso; niveau en leefgebied zijn op de balanspagina aan te passen."),
        key=f"{key}_factor",
    )
    left, right = st.columns(2)
    side = left.radio(
        _("Kant"),
        SIDES,
        format_func=lambda v: label(FactorSide(v), lang),
        horizontal=True,
        key=f"{key}_factor_side",
    )
    weight = right.slider(_("Gewicht"), 1, 5, key=f"{key}_factor_weight")
    return text, side, int(weight)
