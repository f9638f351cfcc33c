"""Fields the plan and the balance share: a life domain, and a term or side as a radio.

Both take ``fresh``: a new-item form's field takes its value from the session
(:mod:`views.forms.blanks`), an edit form's from the record.
"""

from __future__ import annotations

from mapping.core.vocabulary import LifeDomain, label, options
from views import state
from views.forms.blanks import given
from views.i18n import _


def domain_select(container, current: LifeDomain | None, *, key: str, fresh: bool = False) -> str:
    """The life domain of a factor or goal ('' for none), in ``container`` (a column)."""
    lang = state.current_lang()
    domains = [""] + list(options(LifeDomain, lang))
    return container.selectbox(
        _("Leefgebied"),
        domains,
        format_func=lambda v: label(LifeDomain(v), lang) if v else "—",
        key=key,
        **given(fresh, index=domains.index(current.value if current else "")),
    )


def enum_radio(container, title: str, enum, current, *, key: str, fresh: bool = False) -> str:
    """A horizontal radio over a vocabulary enum, labelled in the user's language."""
    lang = state.current_lang()
    values = [v.value for v in enum]
    return container.radio(
        title,
        values,
        format_func=lambda v: label(enum(v), lang),
        horizontal=True,
        key=key,
        **given(fresh, index=values.index(enum(current).value)),
    )
