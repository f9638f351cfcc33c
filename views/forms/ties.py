"""The fields of a support tie (netwerkkaart): sector, ring, quality, contact, support, note.

One set of widgets for every form that makes or changes a tie: a line drawn
on the map, 'Lid toevoegen' and 'Relatie bewerken'.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.model import Relation
from mapping.core.vocabulary import Frequency, Ring, Sector, SupportType, Valence, label, options
from mapping.lenses.sociogram import valence_of
from views import state
from views.forms.fields import vocab_select
from views.i18n import _


def tie_fields(prefix: str, tie: Relation | None, sector: Sector, ring: Ring) -> dict:
    """The widgets of a support tie, keyed ``{prefix}_...``; returns the chosen values.

    The values are the tie's fields (``sector``, ``ring``, ``subtype``,
    ``frequency``, ``support``, ``reciprocal``, ``label``), ready for
    ``replace(tie, **values)``. A new tie (``tie=None``) starts supportive,
    with unknown frequency and no support types.
    """
    lang = state.current_lang()
    left, right = st.columns(2)
    values = {
        "sector": vocab_select(_("Sector"), Sector, key=f"{prefix}_sector", value=sector, container=left),
        "ring": vocab_select(_("Ring (nabijheid)"), Ring, key=f"{prefix}_ring", value=ring, container=right),
        "subtype": vocab_select(
            _("Kwaliteit van de relatie"),
            Valence,
            key=f"{prefix}_valence",
            value=valence_of(tie) if tie else Valence.SUPPORTIVE,
            container=left,
        ),
    }  # fmt: skip
    freq_choices = [""] + list(options(Frequency, lang))
    current = str(tie.frequency) if tie and tie.frequency else ""
    unknown = _("onbekend")  # looked up now: a format_func may run outside the page run
    frequency = right.selectbox(
        _("Hoe vaak contact"),
        freq_choices,
        index=freq_choices.index(current) if current in freq_choices else 0,
        format_func=lambda v: label(Frequency(v), lang) if v else unknown,
        key=f"{prefix}_freq",
    )
    values["frequency"] = Frequency(frequency) if frequency else None
    values["support"] = tuple(
        SupportType(v)
        for v in st.multiselect(
            _("Soorten steun"),
            [s.value for s in SupportType],
            default=[str(s) for s in (tie.support if tie else ())],
            format_func=lambda v: label(SupportType(v), lang),
            key=f"{prefix}_support",
        )
    )
    values["reciprocal"] = st.checkbox(
        _("Wederkerig (ego geeft ook iets terug)"),
        value=bool(tie and tie.reciprocal),
        key=f"{prefix}_recip",
    )
    values["label"] = st.text_input(
        _("Korte notitie bij de lijn"), value=tie.label if tie else "", key=f"{prefix}_label"
    )
    return values
