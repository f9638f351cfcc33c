"""'Toevoegen bij {name}': the person selected on the map connected to a system in a few clicks."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Entity, new_id, replace
from mapping.core.vocabulary import ConnectionStrength, Flow, SystemKind, label
from mapping.lenses.ecogram import connection_between, make_connection
from views.forms.blanks import new_form
from views.forms.connection import FLOWS, NEW_CONNECTION, STRENGTHS
from views.i18n import _
from views.panels.ecogram_case import Ecomap, new_system
from views.panels.ecogram_kaart import choices, linked, org_label
from views.shell import md_escape, show_error

#: The quick add under the map ("Toevoegen bij {name}"): no system picked, no name,
#: no kind (a new system without one is 'overig'), the connection 'gewoon' and
#: without direction, as :data:`NEW_CONNECTION`. Emptied after each save.
QUICK_BLANKS = {
    "system": None,
    "kaart": "",
    "name": "",
    "to_kaart": False,
    "kind": None,
    "strength": ConnectionStrength.MODERATE.value,
    "flow": Flow.NONE.value,
}


def quick_system(eco: Ecomap, person_id: str) -> None:
    """Connect the person selected on the map to a system: an existing one or a new one.

    At most four actions: select the person on the map, click an existing
    system (or type a new one's name), optionally click its kind, press
    'Toevoegen' (or Enter in the name). Quality and direction are optional
    and start at 'gewoon' and 'geen richting' (:data:`QUICK_BLANKS`); a new
    system without a kind is 'overig'. The connection runs from the person
    (source) to the system (target), as every connection on this page. After
    a save the form starts empty and the person stays selected.
    """
    lang = eco.lang
    if st.session_state.get("eco_qa_for") != person_id:  # another person: start empty
        for name, blank in QUICK_BLANKS.items():
            st.session_state[f"eco_qa_{name}"] = blank
        st.session_state["eco_qa_for"] = person_id
    new_form("eco_qa", QUICK_BLANKS)
    linked = {r.target for r in eco.connections if r.source == person_id} | {
        r.source for r in eco.connections if r.target == person_id
    }
    free = [e for e in eco.systems if e.id not in linked]
    with st.container(border=True, key="eco_quick_add"):
        st.markdown(
            "**"
            + _("Toevoegen bij {name}").format(name=md_escape(eco.name(person_id)))
            + "**: "
            + _("een verbinding met een systeem")
        )
        with st.form("eco_qa_form", border=False):
            system_id = None
            if free:
                system_id = st.pills(
                    _("Bestaand systeem"),
                    [e.id for e in free],
                    format_func=eco.name,
                    key="eco_qa_system",
                )
            org_id = ""
            if eco.kaart:
                on_map = {e.kaart_id for e in eco.systems if e.kaart_id}
                offered = [""] + choices(eco.kaart, leave_out=on_map)
                if st.session_state.get("eco_qa_kaart") not in offered:
                    st.session_state["eco_qa_kaart"] = ""
                org_id = st.selectbox(
                    _("Of van de sociale kaart"),
                    offered,
                    format_func=lambda o: org_label(eco.kaart[o], lang) if o else "—",
                    help=_("Typ om te zoeken; naam en soort komen van de sociale kaart."),
                    key="eco_qa_kaart",
                )
            name = st.text_input(
                _("Of een nieuw systeem"),
                placeholder=_("Naam, bijvoorbeeld 'Wijkteam Zuid'"),
                key="eco_qa_name",
            )
            to_kaart = False
            if eco.kaart and eco.may_edit_kaart:
                to_kaart = st.checkbox(
                    _("Ook op de sociale kaart zetten"),
                    help=_("Voor een nieuwe naam die nog niet op de sociale kaart staat."),
                    key="eco_qa_to_kaart",
                )
            kind = st.pills(
                _("Soort van het nieuwe systeem (optioneel, anders 'overig')"),
                [k.value for k in SystemKind],
                format_func=lambda v: label(SystemKind(v), lang),
                key="eco_qa_kind",
            )
            left, right = st.columns([2, 3])  # the directions' texts are longer
            strength = left.segmented_control(
                _("Kwaliteit (optioneel)"),
                STRENGTHS,
                format_func=lambda v: label(ConnectionStrength(v), lang),
                key="eco_qa_strength",
            )
            flow = right.segmented_control(
                _("Richting (optioneel)"),
                FLOWS,
                format_func=lambda v: label(Flow(v), lang),
                key="eco_qa_flow",
            )
            added = st.form_submit_button(_("Toevoegen"), type="primary", key="eco_qa_add")
    if not added:
        return
    try:
        made, system_id = quick_system_choice(
            eco, person_id, system_id, name, kind, org_id=org_id or "", to_kaart=to_kaart
        )
        link = make_connection(
            replace(eco.data, entities=[*eco.data.entities, *made]),
            person_id,
            system_id,
            strength=strength or NEW_CONNECTION["strength"],
            flow=flow or NEW_CONNECTION["flow"],
            relation_id=new_id(),
        )
    except CasemapError as err:
        show_error(err)
        return
    system_name = made[0].name if made else eco.name(system_id)
    eco.save(
        [*made, link],
        _("Verbinding {a} – {b} opgeslagen.").format(a=eco.name(person_id), b=system_name),
        empty_form=("eco_qa", QUICK_BLANKS),
    )


def quick_system_choice(
    eco: Ecomap,
    person_id: str,
    system_id: str | None,
    name: str,
    kind: str | None,
    *,
    org_id: str = "",
    to_kaart: bool = False,
) -> tuple[list[Entity], str]:
    """The system :func:`quick_system` connects to: ([the new system], its id); Dutch refusals.

    A typed name that is already a system of the case connects to that one
    (no second 'Wijkteam Zuid'); a system already connected to the person is
    refused (its line is changed on the map, not overwritten with defaults).
    An organisation of the sociale kaart (``org_id``) becomes a new system
    linked to it, with its name and kind; a typed name on the kaart is
    linked too, and one that is not is put on it when ``to_kaart`` (and the
    role may).
    """
    typed = name.strip()
    if sum(bool(x) for x in (system_id, typed, org_id)) > 1:
        raise InvalidInput(
            "Kies een bestaand systeem óf typ een nieuwe naam, niet allebei.",
        )
    if not system_id and not typed and not org_id:
        raise InvalidInput(
            "Kies een bestaand systeem of typ de naam van een nieuw systeem.",
        )
    made: list[Entity] = []
    org = eco.kaart.get(org_id) if org_id else None
    if org is not None:
        on_map = [e for e in eco.systems if e.kaart_id == org.id]
        if on_map:
            system_id = on_map[0].id
        else:
            made.append(new_system(org.name, org.kind, kaart_id=org.id))
            system_id = made[0].id
    elif typed:
        same = [e for e in eco.systems if e.name.casefold() == typed.casefold()]
        if same:
            system_id = same[0].id
        else:
            made.append(linked(eco, new_system(typed, kind), None, to_kaart)[0])
            system_id = made[0].id
    if connection_between(eco.data, person_id, system_id):
        raise InvalidInput(
            "{name} is al verbonden met {name2}: kies de lijn op de kaart om haar te wijzigen.",
            name=eco.name(person_id),
            name2=eco.name(system_id),
        )
    return made, system_id
