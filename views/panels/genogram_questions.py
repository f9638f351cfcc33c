"""The family questions several genogram forms ask: whose child, whose parent, whose partner.

The add-person tab, the quick add beside the map and the form for a line
drawn on the canvas ask the same things; the logic behind the questions
lives in :mod:`mapping.core.family`.
"""

from __future__ import annotations

import streamlit as st

from mapping.core import family
from mapping.core.vocabulary import PartnershipStatus, label, options
from views.i18n import _
from views.panels.genogram_family import Family
from views.shell import md_escape


def parents_select(fam: Family, key: str, anchor: str | None, container=st) -> str | None:
    """Who a new child's parents are: a couple or one parent.

    Starts at the selected person's current couple, or that person alone
    (:func:`mapping.core.family.default_parents`); with nobody selected nothing
    is chosen and the save asks for it. The key follows the selection, so
    choosing another person on the map moves the default along.
    """
    choices = family.parent_choices(fam.data)
    by_id = {r.id: r for r in fam.couples}

    def parent_label(value: str) -> str:
        kind, ref = value.split(":", 1)
        return fam.couple_label(by_id[ref]) if kind == "couple" else fam.name(ref)

    default = family.default_parents(fam.data, anchor)
    return container.selectbox(
        _("Ouders (stel of één ouder)"),
        choices,
        index=choices.index(default) if default in choices else None,
        format_func=parent_label,
        placeholder=_("Kies de ouders"),
        key=f"{key}_{anchor or 'none'}",
    )


def child_questions(
    fam: Family, person_id: str | None, key: str, partner_id: str = ""
) -> dict[str, str]:
    """Ask, for each child of ``person_id``, whether the new partner is also a parent.

    Returns {child id: :data:`mapping.core.family.PARENT_ROLES` key}; 'step'
    (the default) stores no parent-child line.
    """
    if not person_id:
        return {}
    asked = family.children_to_ask(fam.data, person_id, partner_id)
    if not asked:
        return {}
    roles = list(family.PARENT_ROLES)
    if partner_id:
        question = _("Is {partner} ook ouder van de kinderen van {name}?").format(
            partner=md_escape(fam.name(partner_id)), name=md_escape(fam.name(person_id))
        )
    else:
        question = _("Is de nieuwe partner ook ouder van de kinderen van {name}?").format(
            name=md_escape(fam.name(person_id))
        )
    st.markdown(question)
    return {
        child: st.radio(
            md_escape(fam.name(child)),
            roles,
            format_func=lambda r: family.role_label(r, fam.lang),
            horizontal=True,
            key=f"{key}_{child}",
        )
        for child in asked
    }


def couple_question(fam: Family, child_id: str | None, key: str) -> str:
    """For a new parent of ``child_id``: a couple with the child's one other parent?

    Returns a PartnershipStatus value, or '' for no couple. Starts at 'status
    unknown' (the child then hangs from the couple, and nothing is claimed
    about a marriage); asked only when the child has exactly one parent.
    """
    other = family.single_parent(fam.data, child_id) if child_id else None
    if not other:
        return ""
    choices = ["", *options(PartnershipStatus, fam.lang)]
    return st.selectbox(
        _("Relatie met {name}").format(name=md_escape(fam.name(other))),
        choices,
        index=choices.index(PartnershipStatus.UNKNOWN.value),
        format_func=lambda v: (
            label(PartnershipStatus(v), fam.lang) if v else _("geen partnerrelatie")
        ),
        key=key,
    )
