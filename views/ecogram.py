"""Ecogram: the family (or the client) among its systems, with connections and flow.

Draw a line on the canvas ("Verbinden", then two symbols) and the page asks
for the quality, the flow and a short label right under the map; a system
can be added with its first connection, and a connection can go into the
balance as a factor at once. What one click saves is one revision.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import CaseData, Entity, Relation, new_id, replace
from mapping.core.vocabulary import (
    ConnectionStrength,
    EntityKind,
    FactorSide,
    Flow,
    Lens,
    RelationKind,
    SystemKind,
    label,
)
from mapping.lenses.ecogram import connection_between, layout_ecogram, make_connection
from mapping.render.svg import RenderOptions
from mapping.services.balance import relation_factor
from mapping.services.export import export_lens
from views import case_cache, state
from views.canvas import lens_canvas
from views.entity_actions import details, remove_entity
from views.exports import export_panel
from views.i18n import _
from views.plan import given, new_form
from views.shell import md_escape, require_case, show_error

PENDING_LINK = "eco_pending_link"  # (person id, other id) drawn on the canvas, to be saved
EDITING_SYSTEM = "eco_editing_system"  # the key of the "Systeem bewerken" expander
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
#: The add-system form after a save: empty, its kind back at the first one, no person
#: to connect, the connection at its defaults (nothing of the last system carried over).
NEW_SYSTEM = {
    "new_kind": next(iter(SystemKind)).value,
    "custom": "",
    "new_name": "",
    "new_note": "",
    "new_link_person": "",
    **{f"new_link_{name}": blank for name, blank in NEW_CONNECTION.items()},
}
#: The quick add under the map ("Toevoegen bij {name}"): no system picked, no name,
#: no kind (a new system without one is 'overig'), the connection 'gewoon' and
#: without direction, as :data:`NEW_CONNECTION`. Emptied after each save.
QUICK_BLANKS = {
    "system": None,
    "name": "",
    "kind": None,
    "strength": ConnectionStrength.MODERATE.value,
    "flow": Flow.NONE.value,
}
#: The link form after a save: no person or system chosen, connection and factor at defaults.
NEW_LINK = {
    "person": None,
    "system": None,
    **NEW_CONNECTION,
    **NEW_FACTOR,
}

lang = state.current_lang()
st.title(_("Ecogram"))
state.apply_form_resets()  # a system added in the last run: its form starts empty
data = require_case()
store = state.store()
case = data.case
entities = data.entity_map()


def save(
    records: list,
    success: str,
    *,
    forget: tuple[str, ...] = (),
    empty_form: tuple[str, dict] | None = None,
    flash: bool = True,
) -> None:
    """Save what one click made as one revision (all or nothing), then redraw.

    ``forget`` names session keys that only held the unsaved input (a table's
    edits, a line drawn on the canvas): dropped once the save succeeded.
    ``empty_form`` is a new-item form to empty on the next run.
    """
    try:
        store.save_many(case.id, records, expected_revision=case.revision, author=state.author())
    except CasemapError as err:
        show_error(err)
        return
    for key in forget:
        st.session_state.pop(key, None)
    if empty_form:  # (prefix, blanks) of a new-item form: see state.forget_form
        state.forget_form(*empty_form)
    if flash:
        st.session_state["eco_flash"] = success
    st.rerun()


def entity_name(entity_id: str) -> str:
    entity = entities.get(entity_id)
    return entity.name if entity else "?"


def system_text(entity: Entity) -> str:
    if entity.kind is EntityKind.SYSTEM:
        kind = entity.custom_kind or label(entity.system_kind or SystemKind.OTHER, lang)
        return f"{entity.name} ({kind})"
    return entity.name


def connection_fields(
    key: str, link: Relation | None = None, *, fresh: bool = False
) -> tuple[str, str, str]:
    """Quality, flow and short label of a connection: the same fields in every form.

    ``fresh``: a new-item form whose fields hold :data:`NEW_CONNECTION` in the
    session (set with :func:`views.plan.new_form`, emptied after a save).
    """
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

    Its fields start at :data:`NEW_FACTOR`, held in the session (:func:`views.plan.new_form`).
    """
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


def new_system(name: str, kind: str | None, custom: str = "", note: str = "") -> Entity:
    """A new system entity as both add forms store it; a Dutch refusal without a name.

    Without a kind the system is 'overig' (other): nothing is claimed about it.
    """
    if not name.strip():
        raise InvalidInput("Geef het systeem een naam.", "Give the system a name.")
    system_kind = SystemKind(kind) if kind else SystemKind.OTHER
    return Entity(
        id=new_id(),
        name=name.strip(),
        kind=EntityKind.SYSTEM,
        system_kind=system_kind,
        custom_kind=custom.strip() if system_kind is SystemKind.OTHER else "",
        role=name.strip(),
        note=note.strip(),
    )


def save_connection(
    person_id: str,
    other_id: str,
    fields: tuple[str, str, str],
    factor: tuple[str, str, int],
    *,
    forget: tuple[str, ...] = (),
    empty_form: tuple[str, dict] | None = None,
) -> None:
    """Save the connection (new or changed) and, when described, its balance factor."""
    strength, flow, text = fields
    description, side, weight = factor
    try:
        link = make_connection(data, person_id, other_id, strength=strength, flow=flow, label=text)
        records = [link]
        if description.strip():
            records.append(relation_factor(data, link, description, side, weight=weight))
    except CasemapError as err:
        show_error(err)
        return
    message = _("Verbinding {a} – {b} opgeslagen.")
    save(
        records,
        message.format(a=entity_name(person_id), b=entity_name(other_id)),
        forget=forget,
        empty_form=empty_form,
    )


if flash := st.session_state.pop("eco_flash", ""):
    st.success(md_escape(flash))

# ----------------------------------------------------------------- the map
aids = state.meeting_aids()
bar = st.columns([3, 1], vertical_alignment="bottom")
focus = bar[0].radio(
    _("In het midden"),
    ["household", "client"],
    format_func=lambda f: {"household": _("het huishouden"), "client": _("alleen de cliënt")}[f],
    horizontal=True,
    key="eco_focus",
)
# this page's own switch: pseudonyms turned on in meeting mode stay there
pseudo_view = bar[1].toggle(_("Pseudoniemen"), value=False, key="eco_pseudo_view")


def lay_out(fresh: CaseData) -> Drawing:
    """The ecogram of ``fresh`` with this page's focus and pseudonym switch, laid out once per revision.

    Large type (read when called: the canvas's button changes it between runs)
    is part of the cache's key too.
    """
    scale = state.text_scale()

    def make() -> Drawing:
        shown = fresh
        if pseudo_view:
            from mapping.services.pseudonym import pseudonymise

            # same ids: drags and selections still apply
            shown = pseudonymise(fresh, code=state.pseudonym_code(case.id))
        return layout_ecogram(shown, focus=focus, lang=lang, text_scale=scale)

    return case_cache.drawing(fresh, Lens.ECOGRAM.value, (focus, lang, pseudo_view, scale), make)


try:
    drawing = lay_out(data)
except CasemapError as err:
    show_error(err)
    drawing = Drawing(lens=Lens.ECOGRAM.value)

systems = [e for e in data.entities if e.kind is EntityKind.SYSTEM]
people = [e for e in data.entities if e.is_person]
people.sort(key=lambda e: (not e.index_person, not e.household, e.name.lower()))
# a connection runs from a person to a system, or to someone outside the household
targets = systems + [e for e in people if not e.household and not e.index_person]
family_first = {e.id: n for n, e in enumerate(people)}

options = RenderOptions(lang=lang, hide_notes=aids.get("hide_notes", False))
event = lens_canvas(
    data, drawing, Lens.ECOGRAM, key="eco", options=options, height=780, redraw=lay_out
)
if isinstance(event, dict) and event.get("type") == "connect":
    # Drawn from one symbol to another: the family end is the person nearest the centre.
    ends = [e for e in (event.get("source"), event.get("target")) if e in entities]
    persons = sorted((e for e in ends if e in family_first), key=family_first.get)
    person = persons[0] if persons else None
    other = next((e for e in ends if e != person), None)
    if person and other in {t.id for t in targets}:
        st.session_state[PENDING_LINK] = (person, other)
    else:
        st.warning(_("Een verbinding loopt van een persoon naar een systeem."))
elif isinstance(event, dict) and event.get("type") == "select":
    picked = entities.get(event.get("id") or "")
    if event.get("kind") == "entity" and picked and picked.kind is EntityKind.SYSTEM:
        st.session_state["eco_edit_system"] = picked.id

pending = st.session_state.get(PENDING_LINK)
if pending and all(end in entities for end in pending):
    person_id, other_id = pending
    existing = connection_between(data, person_id, other_id)
    with st.container(border=True):
        title = _("Verbinding {a} – {b} wijzigen") if existing else _("Nieuwe verbinding {a} – {b}")
        st.markdown(
            "**"
            + title.format(a=md_escape(entity_name(person_id)), b=md_escape(entity_name(other_id)))
            + "**"
        )
        # keys of their own for this pair (and this version of its line): a line drawn
        # next starts at its own values, not at what was chosen for the last one
        pair = f"eco_pending_{person_id}_{other_id}" + (
            state.form_version(existing, "eco_pending") if existing else ""
        )
        with st.form("eco_pending_form"):
            fields = connection_fields(pair, existing)
            factor = factor_fields(pair)
            save_col, cancel_col = st.columns([1, 1])
            confirmed = save_col.form_submit_button(
                _("Verbinding opslaan"), type="primary", key="eco_pending_save"
            )
            cancelled = cancel_col.form_submit_button(_("Annuleren"), key="eco_pending_cancel")
        if cancelled:
            st.session_state.pop(PENDING_LINK, None)
            st.rerun()
        if confirmed:
            save_connection(person_id, other_id, fields, factor, forget=(PENDING_LINK,))
elif pending:
    st.session_state.pop(PENDING_LINK, None)  # an end was removed meanwhile


def quick_edit(link: Relation) -> None:
    """Quality, direction and label of one connection, right under the map.

    Shown for the line selected on the map, or for each line of the selected
    system: the common edits where the eye is, without the table below.
    """
    prefix = f"eco_quick_{link.id}" + state.form_version(link, "eco_quick")
    with st.form(prefix, border=False):
        st.markdown(
            "**" + md_escape(f"{entity_name(link.source)} – {entity_name(link.target)}") + "**"
        )
        strength, flow, text = connection_fields(prefix, link)
        if st.form_submit_button(_("Verbinding opslaan"), key=f"{prefix}_save"):
            try:
                changed = make_connection(
                    data, link.source, link.target, strength=strength, flow=flow, label=text
                )
            except CasemapError as err:
                show_error(err)
            else:
                save(
                    [
                        replace(
                            link, subtype=changed.subtype, flow=changed.flow, label=changed.label
                        )
                    ],
                    _("Verbinding {a} – {b} opgeslagen.").format(
                        a=entity_name(link.source), b=entity_name(link.target)
                    ),
                )


connections = [r for r in data.relations if r.kind is RelationKind.CONNECTION]
selected = state.selection() or {}
chosen_links = [
    r
    for r in connections
    if (selected.get("kind") == "relation" and r.id == selected.get("id"))
    or (
        selected.get("kind") == "entity"
        and selected.get("id") in {r.source, r.target}
        and entities.get(selected.get("id") or "") is not None
        and entities[selected["id"]].kind is EntityKind.SYSTEM
    )
]
if chosen_links and not pending:
    with st.container(border=True, key="eco_selected_links"):
        st.markdown(f"**{_('Gekozen op de kaart: kwaliteit en richting')}**")
        for link in chosen_links:
            quick_edit(link)


def quick_system(person_id: str) -> None:
    """Connect the person selected on the map to a system: an existing one or a new one.

    At most four actions: select the person on the map, click an existing
    system (or type a new one's name), optionally click its kind, press
    'Toevoegen' (or Enter in the name). Quality and direction are optional
    and start at 'gewoon' and 'geen richting' (:data:`QUICK_BLANKS`); a new
    system without a kind is 'overig'. The connection runs from the person
    (source) to the system (target), as every connection on this page. After
    a save the form starts empty and the person stays selected.
    """
    if st.session_state.get("eco_qa_for") != person_id:  # another person: start empty
        for name, blank in QUICK_BLANKS.items():
            st.session_state[f"eco_qa_{name}"] = blank
        st.session_state["eco_qa_for"] = person_id
    new_form("eco_qa", QUICK_BLANKS)
    linked = {r.target for r in connections if r.source == person_id} | {
        r.source for r in connections if r.target == person_id
    }
    free = [e for e in systems if e.id not in linked]
    with st.container(border=True, key="eco_quick_add"):
        st.markdown(
            "**"
            + _("Toevoegen bij {name}").format(name=md_escape(entity_name(person_id)))
            + "**: "
            + _("een verbinding met een systeem")
        )
        with st.form("eco_qa_form", border=False):
            system_id = None
            if free:
                system_id = st.pills(
                    _("Bestaand systeem"),
                    [e.id for e in free],
                    format_func=lambda i: entity_name(i),
                    key="eco_qa_system",
                )
            name = st.text_input(
                _("Of een nieuw systeem"),
                placeholder=_("Naam, bijvoorbeeld 'Wijkteam Zuid'"),
                key="eco_qa_name",
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
        made, system_id = quick_system_choice(person_id, system_id, name, kind)
        link = make_connection(
            replace(data, entities=[*data.entities, *made]),
            person_id,
            system_id,
            strength=strength or NEW_CONNECTION["strength"],
            flow=flow or NEW_CONNECTION["flow"],
            relation_id=new_id(),
        )
    except CasemapError as err:
        show_error(err)
        return
    system_name = made[0].name if made else entity_name(system_id)
    save(
        [*made, link],
        _("Verbinding {a} – {b} opgeslagen.").format(a=entity_name(person_id), b=system_name),
        empty_form=("eco_qa", QUICK_BLANKS),
    )


def quick_system_choice(
    person_id: str, system_id: str | None, name: str, kind: str | None
) -> tuple[list[Entity], str]:
    """The system :func:`quick_system` connects to: ([the new system], its id); Dutch refusals.

    A typed name that is already a system of the case connects to that one
    (no second 'Wijkteam Zuid'); a system already connected to the person is
    refused (its line is changed on the map, not overwritten with defaults).
    """
    typed = name.strip()
    if system_id and typed:
        raise InvalidInput(
            "Kies een bestaand systeem óf typ een nieuwe naam, niet allebei.",
            "Choose an existing system or type a new name, not both.",
        )
    if not system_id and not typed:
        raise InvalidInput(
            "Kies een bestaand systeem of typ de naam van een nieuw systeem.",
            "Choose an existing system or type the name of a new one.",
        )
    made: list[Entity] = []
    if typed:
        same = [e for e in systems if e.name.casefold() == typed.casefold()]
        if same:
            system_id = same[0].id
        else:
            made.append(new_system(typed, kind))
            system_id = made[0].id
    if connection_between(data, person_id, system_id):
        raise InvalidInput(
            f"{entity_name(person_id)} is al verbonden met {entity_name(system_id)}: "
            "kies de lijn op de kaart om haar te wijzigen.",
            f"{entity_name(person_id)} is already connected to {entity_name(system_id)}: "
            "choose the line on the map to change it.",
        )
    return made, system_id


chosen_person = (
    selected.get("id")
    if selected.get("kind") == "entity"
    and selected.get("id") in entities
    and entities[selected["id"]].is_person
    else None
)
if chosen_person and not pending:
    quick_system(chosen_person)
if selected.get("kind") == "entity" and selected.get("id") in entities:
    details(data, selected["id"])  # what the chosen person or system means for balance and plan

if data.positions_for(Lens.ECOGRAM) and st.button(_("Automatische indeling herstellen")):
    try:
        store.clear_positions(case.id, Lens.ECOGRAM)
        st.rerun()
    except CasemapError as err:
        show_error(err)

# ----------------------------------------------------------------- add a system

add_col, link_col = st.columns(2)
new_form("eco", NEW_SYSTEM)  # its fields start at (and return to) NEW_SYSTEM
with add_col, st.form("eco_add_system"):  # emptied after the save, not on a refusal
    st.subheader(_("Systeem toevoegen"))
    kind = st.selectbox(
        _("Soort"),
        [k.value for k in SystemKind],
        format_func=lambda v: label(SystemKind(v), lang),
        key="eco_new_kind",
    )
    custom = st.text_input(
        _("Eigen soort"),
        help=_("Alleen bij 'overig', bijvoorbeeld 'taalcafé'"),
        key="eco_custom",
    )
    name = st.text_input(_("Naam"), key="eco_new_name")
    note = st.text_input(_("Notitie"), key="eco_new_note")
    linked_person = st.selectbox(
        _("Meteen verbinden met (optioneel)"),
        [""] + [e.id for e in people],
        format_func=lambda i: entity_name(i) if i else "—",
        key="eco_new_link_person",
    )
    new_link = connection_fields("eco_new_link", fresh=True)
    if st.form_submit_button(_("Systeem toevoegen"), type="primary", key="eco_add"):
        try:
            record = new_system(name, kind, custom, note)
            records: list = [record]
            if linked_person:
                with_system = replace(data, entities=[*data.entities, record])
                strength, flow, text = new_link
                records.append(
                    make_connection(
                        with_system,
                        linked_person,
                        record.id,
                        strength=strength,
                        flow=flow,
                        label=text,
                    )
                )
        except CasemapError as err:
            show_error(err)
        else:
            save(
                records,
                _("Systeem '{name}' toegevoegd.").format(name=record.name),
                empty_form=("eco", NEW_SYSTEM),
            )

# ----------------------------------------------------------------- edit a system
if systems:
    # keyed, so a save's flash above does not close it; open while a system is chosen on the map
    chosen_system = selected.get("kind") == "entity" and any(
        e.id == selected.get("id") for e in systems
    )
    # (a new key for each system chosen: an expander takes ``expanded`` only when it is new)
    with st.expander(
        _("Systeem bewerken"),
        key=EDITING_SYSTEM + (f"_{selected['id']}" if chosen_system else ""),
        expanded=chosen_system,
    ):
        editing_id = st.selectbox(
            _("Systeem"),
            [e.id for e in systems],
            format_func=lambda i: system_text(entities[i]),
            key="eco_edit_system",
        )
        editing = entities[editing_id]
        with st.form(f"eco_edit_{editing.id}"):
            kinds = [k.value for k in SystemKind]
            current = (editing.system_kind or SystemKind.OTHER).value
            new_kind = st.selectbox(
                _("Soort"),
                kinds,
                index=kinds.index(current),
                format_func=lambda v: label(SystemKind(v), lang),
            )
            new_custom = st.text_input(_("Eigen soort"), value=editing.custom_kind)
            new_name = st.text_input(_("Naam"), value=editing.name)
            new_note = st.text_input(_("Notitie"), value=editing.note)
            if st.form_submit_button(_("Wijzigingen opslaan"), key="eco_edit_save"):
                if not new_name.strip():
                    show_error(
                        InvalidInput("Geef het systeem een naam.", "Give the system a name.")
                    )
                else:
                    kind_value = SystemKind(new_kind)
                    save(
                        [
                            replace(
                                editing,
                                name=new_name.strip(),
                                system_kind=kind_value,
                                custom_kind=new_custom.strip()
                                if kind_value is SystemKind.OTHER
                                else "",
                                note=new_note.strip(),
                            )
                        ],
                        _("Systeem '{name}' bijgewerkt.").format(name=new_name.strip()),
                    )

# ----------------------------------------------------------------- link a person
# Persons in the person list, systems in the system list (a tie to someone outside the
# household is drawn on the map: "Verbinden", then the two symbols).
new_form("eco_link", NEW_LINK)  # emptied after a save, kept after a refusal
with link_col, st.form("eco_link"):
    st.subheader(_("Verbinding leggen"))
    if not people or not systems:
        st.caption(_("Voeg eerst personen en systemen toe."))
    person_id = st.selectbox(
        _("Persoon"),
        [e.id for e in people],
        format_func=entity_name,
        placeholder=_("Kies een persoon"),
        key="eco_link_person",
    )
    target_id = st.selectbox(
        _("Systeem"),
        [e.id for e in systems],
        format_func=lambda i: system_text(entities[i]),
        placeholder=_("Kies een systeem"),
        key="eco_link_system",
    )
    link_fields = connection_fields("eco_link", fresh=True)
    link_factor = factor_fields("eco_link")
    if st.form_submit_button(_("Verbinding opslaan"), type="primary", key="eco_connect"):
        save_connection(
            person_id or "",
            target_id or "",
            link_fields,
            link_factor,
            empty_form=("eco_link", NEW_LINK),
        )

# ----------------------------------------------------------------- all connections
st.subheader(_("Alle verbindingen"))
strength_labels = {s.value: label(s, lang) for s in ConnectionStrength}
flow_labels = {f.value: label(f, lang) for f in Flow}
if not connections:
    st.caption(_("Nog geen verbindingen."))
else:
    table = pd.DataFrame(
        [
            {
                "id": r.id,
                "from": entity_name(r.source),
                "to": entity_name(r.target),
                "strength": strength_labels.get(r.subtype, strength_labels["moderate"]),
                "flow": flow_labels.get(str(r.flow), flow_labels["none"]),
                "label": r.label,
                "note": r.note,
            }
            for r in connections
        ]
    )
    edited = st.data_editor(
        table,
        key="eco_table",
        hide_index=True,
        num_rows="fixed",
        disabled=["id", "from", "to"],
        column_order=["from", "to", "strength", "flow", "label", "note"],
        column_config={
            "from": st.column_config.TextColumn(_("Van")),
            "to": st.column_config.TextColumn(_("Naar")),
            "strength": st.column_config.SelectboxColumn(
                _("Kwaliteit"), options=list(strength_labels.values()), required=True
            ),
            "flow": st.column_config.SelectboxColumn(
                _("Richting"), options=list(flow_labels.values()), required=True
            ),
            "label": st.column_config.TextColumn(_("Label"), max_chars=40),
            "note": st.column_config.TextColumn(_("Notitie")),
        },
        width="stretch",
    )
    by_id = {r.id: r for r in connections}
    strength_of = {v: k for k, v in strength_labels.items()}
    flow_of = {v: k for k, v in flow_labels.items()}
    changed: list[Relation] = []
    for row in edited.to_dict("records"):
        old = by_id.get(row["id"])
        if old is None:
            continue
        new = Relation(**{**old.__dict__})
        new.subtype = strength_of.get(row["strength"], old.subtype)
        new.flow = Flow(flow_of.get(row["flow"], str(old.flow)))
        new.label = str(row["label"] or "").strip()
        new.note = str(row["note"] or "").strip()
        if (new.subtype, new.flow, new.label, new.note) != (
            old.subtype,
            old.flow,
            old.label,
            old.note,
        ):
            changed.append(new)
    if st.button(
        _("Wijzigingen opslaan ({n})").format(n=len(changed)),
        disabled=not changed,
        type="primary",
        key="eco_table_save",
    ):
        save(
            changed,
            _("{n} verbinding(en) bijgewerkt.").format(n=len(changed)),
            forget=("eco_table",),
        )

# ----------------------------------------------------------------- remove
st.subheader(_("Verwijderen"))
remove_system, remove_connection = st.columns(2)
with remove_system:
    doomed = st.selectbox(
        _("Systeem"),
        [""] + [e.id for e in systems],
        format_func=lambda i: system_text(entities[i]) if i else "—",
        key="eco_remove_system",
    )
    if doomed and remove_entity(data, entities[doomed], key="eco_remove_system"):
        st.session_state["eco_flash"] = _("Systeem verwijderd.")
        st.session_state.pop("eco_remove_system", None)
        st.rerun()
by_link = {r.id: r for r in connections}
with remove_connection:
    doomed_link = st.selectbox(
        _("Verbinding"),
        [""] + [r.id for r in connections],
        format_func=lambda i: (
            f"{entity_name(by_link[i].source)} – {entity_name(by_link[i].target)}" if i else "—"
        ),
        key="eco_remove_link",
    )
    with st.popover(_("Verbinding verwijderen"), disabled=not doomed_link):
        st.warning(_("Deze verbinding definitief verwijderen?"))
        if st.button(_("Ja, verbinding verwijderen"), type="primary", key="eco_remove_link_yes"):
            try:
                store.delete(
                    case.id,
                    Relation,
                    doomed_link,
                    expected_revision=case.revision,
                    author=state.author(),
                )
            except CasemapError as err:
                show_error(err)
            else:
                st.session_state["eco_flash"] = _("Verbinding verwijderd.")
                st.session_state.pop("eco_remove_link", None)
                st.rerun()

# ----------------------------------------------------------------- export
st.subheader(_("Exporteren"))
export_panel(
    "eco",
    "ecogram",
    lambda fmt, dpi, switches: export_lens(
        data, Lens.ECOGRAM, fmt, dpi=dpi, lang=lang, author=state.author(), focus=focus, **switches
    ),
    context=(focus,),
    case_code=case.code,
)
