"""The team's sociale kaart on the ecogram: picking an organisation, linking a system to it,
and what the kaart says about a chosen system.

The kaart is read once per run (:func:`kaart_of`) and handed to the lens as
plain data (tooltips) and to the forms (pickers). A system linked to an
organisation carries its id (``Entity.kaart_id``); an organisation removed
from the kaart keeps its name in the case and is shown as "niet meer op de
sociale kaart".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Entity
from mapping.core.vocabulary import SystemKind, label
from mapping.lenses.ecogram import kaart_lines
from mapping.services import sociale_kaart
from mapping.services.plan import open_referrals, waiting_text
from mapping.services.sociale_kaart import Organisation
from views import state
from views.i18n import _
from views.shell import md_escape

#: The page's :class:`views.panels.ecogram_case.Ecomap` (its ``kaart``, ``may_edit_kaart``,
#: ``store``, ``lang``); not imported here: the Ecomap reads the kaart through this module.
Ecomap = Any


def kaart_of(store) -> dict[str, Organisation]:
    """The sociale kaart by id, removed organisations included; empty when it cannot be read."""
    try:
        return {o.id: o for o in sociale_kaart.organisations(store, include_removed=True)}
    except CasemapError:
        return {}


def may_edit_kaart(store) -> bool:
    """Whether this user may put an organisation on the kaart (the roles decide)."""
    try:
        return sociale_kaart.may_edit(store)
    except CasemapError:
        return False


def kaart_key(kaart: dict[str, Organisation]) -> int:
    """A fingerprint of the kaart, for the drawing cache: a changed kaart redraws the tooltips."""
    return hash(tuple(sorted(kaart.items())))


def org_label(org: Organisation, lang: str) -> str:
    """An organisation in a picker: name, kind and waiting time ('GGZ Midden (GGZ) · 8 wk')."""
    text = f"{org.name} ({org.kind_label(lang)})"
    if org.waiting_weeks:
        text += " · " + _("{n} wk wachttijd").format(n=org.waiting_weeks)
    return text


def choices(
    kaart: dict[str, Organisation], kind: str | None = None, leave_out: set[str] | None = None
) -> list[str]:
    """The organisations to pick from: those of ``kind`` first, then the others, each by name.

    Removed organisations and those in ``leave_out`` (already on this ecogram) are not offered.
    """
    leave_out = leave_out or set()
    offered = [o for o in kaart.values() if not o.removed and o.id not in leave_out]
    offered.sort(key=lambda o: (o.kind != kind, o.name.casefold()))
    return [o.id for o in offered]


def fill_from_kaart(kaart: dict[str, Organisation], pick: str, name: str, kind: str) -> None:
    """A picker's callback: the chosen organisation's name and kind go into the form's fields."""
    org = kaart.get(st.session_state.get(pick) or "")
    if org is None:
        return
    st.session_state[name] = org.name
    if org.kind in {k.value for k in SystemKind}:
        st.session_state[kind] = org.kind


def same_name(kaart: dict[str, Organisation], name: str) -> Organisation | None:
    """The organisation on the kaart with this name (case and spacing aside), if any."""
    wanted = " ".join(name.casefold().split())
    return next(
        (
            o
            for o in kaart.values()
            if not o.removed and " ".join(o.name.casefold().split()) == wanted
        ),
        None,
    )


def linked(
    eco: Ecomap, record: Entity, org: Organisation | None, to_kaart: bool
) -> tuple[Entity, str]:
    """``record`` linked to the kaart, and a word for the message ('' when not linked).

    The organisation picked wins; else one of the same name; else, when the
    user asked and may, the system is put on the kaart first (its name and
    kind; the rest is filled in on the kaart's page). Raises the kaart's
    refusals (a role that may not edit it, a name it refuses).
    """
    if org is None:
        org = same_name(eco.kaart, record.name)
    if org is None and to_kaart and eco.may_edit_kaart:
        kind = (record.system_kind or SystemKind.OTHER).value
        org = sociale_kaart.save_org(
            eco.store, Organisation(name=record.name, kind=kind), author=state.author()
        )
        eco.kaart[org.id] = org
        return replace(record, kaart_id=org.id), _("ook op de sociale kaart gezet")
    if org is None:
        return record, ""
    return replace(record, kaart_id=org.id), _("gekoppeld aan de sociale kaart")


def kaart_details(eco: Ecomap, system: Entity) -> None:
    """What the sociale kaart says about the system chosen on the map (under the map)."""
    if not system.kaart_id:
        if eco.kaart:
            st.caption(
                _(
                    "{name} is niet gekoppeld aan de sociale kaart (koppelen: Systeem bewerken)."
                ).format(name=md_escape(system.name))
            )
        return
    org = eco.kaart.get(system.kaart_id)
    with st.container(border=True, key="eco_kaart_details"):
        if org is None or org.removed:
            st.markdown(f"**{md_escape(system.name)}**")
            st.warning(_("niet meer op de sociale kaart"))
            return
        st.markdown(
            "**"
            + _("Op de sociale kaart")
            + f"**: {md_escape(org.name)} ({md_escape(org.kind_label(eco.lang))})"
        )
        st.markdown("  \n".join(md_escape(line) for line in kaart_lines(org, eco.lang)))
        for waiting in open_referrals(eco.data, {org.id: org.name}, lang=eco.lang):
            if waiting.org_id == org.id:
                st.markdown(
                    _("Verwijzing: {status}, wacht {waiting}").format(
                        status=label(waiting.status, eco.lang),
                        waiting=waiting_text(waiting.days, eco.lang),
                    )
                )
        if org.is_stale():
            st.caption(
                _(
                    "Deze gegevens zijn langer dan een half jaar niet gecontroleerd: de wachttijd kan anders zijn."
                )
            )
