"""Netwerkkaart (sociogram): one person's network in sectors and rings, with its analysis.

Anyone's map comes from the whole case: the members ego's casemanager
placed (SUPPORT ties) and, marked as not placed yet, ego's other ties
(family, acquaintances, connections to systems; :mod:`mapping.lenses.sociogram_ties`).

The map answers to the hand (views.canvas): a drag stays in the member's
cell and reruns only the canvas; selecting a member (or its line) shows its
ring and sector right under the map, to change or, for a tie not placed
yet, to place it; its full tie form and plan details open below.
Connecting ego and someone opens the tie form, connecting two members
records that they know each other. A case that has family (genogram,
GEDCOM) and systems (ecogram) is offered those people and organisations as
candidates, in two lists, several at once, saved as one revision. Every
add form starts empty (or at its default) again after a save.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Entity, Relation, new_id, replace
from mapping.core.vocabulary import (
    BirthStatus,
    EntityKind,
    Frequency,
    Lens,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    Valence,
    label,
    options,
    sector_for_system,
)
from mapping.formats.graphml import members_csv, ties_csv, write_graphml
from mapping.formats.importers import tidy
from mapping.formats.netfiles import FORMAT_NAMES, NETWORK_SUFFIXES, read_network_report
from mapping.lenses.sociogram import (
    acquaintances,
    candidates,
    default_sector,
    egos,
    layout_sociogram,
    members,
    people_with_ties,
    place_member,
    unplaced_members,
    valence_of,
)
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.export import export_lens
from mapping.services.metrics import explain, network_metrics
from mapping.services.pseudonym import pseudonymise
from views import case_cache, state
from views.canvas import fitting_height, lens_canvas
from views.entity_actions import details, remove_entity
from views.exports import export_panel, granted
from views.forms.fields import vocab_select
from views.i18n import _
from views.shell import md_escape, require_case, show_error

PENDING = "socio_pending"  # (source, target) connected on the canvas, waiting for the form
TAB = "socio_tab"  # the open tab (stateful tabs: a selection on the map opens its form)

lang = state.current_lang()
st.title(_("Netwerkkaart"))
data = require_case()
store = state.store()
case = data.case
entities = data.entity_map()
aids = state.meeting_aids()


def save_all(records: list, success: str, *, bump: str = "", forget: tuple[str, ...] = ()) -> None:
    """Save what one click made as ONE revision (all or nothing), then redraw.

    ``bump`` names a counter in the session that is raised after a successful
    save, so the form built with it starts empty again; ``forget`` names
    session keys that only held unsaved input (a line drawn on the map).
    """
    try:
        store.save_many(case.id, records, expected_revision=case.revision, author=state.author())
    except CasemapError as err:
        show_error(err)
        return
    st.session_state["socio_flash"] = success
    if bump:
        st.session_state[bump] = st.session_state.get(bump, 0) + 1
    for key in forget:
        st.session_state.pop(key, None)
    st.rerun()


def delete_relation(relation_id: str, success: str, *, forget: tuple[str, ...] = ()) -> None:
    try:
        store.delete(
            case.id,
            "relation",
            relation_id,
            expected_revision=case.revision,
            author=state.author(),
        )
    except CasemapError as err:
        show_error(err)
        return
    st.session_state["socio_flash"] = success
    for key in forget:
        st.session_state.pop(key, None)
    st.rerun()


def plain(text: str) -> str:
    """Text (names included) shown literally in markdown: see :func:`views.shell.md_escape`."""
    return md_escape(text)


def name_of(entity_id: str) -> str:
    entity = entities.get(entity_id)
    return entity.name if entity else "?"


def tie_fields(prefix: str, tie: Relation | None, sector: Sector, ring: Ring) -> dict:
    """The widgets of a support tie; returns the chosen values."""
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


if flash := st.session_state.pop("socio_flash", ""):
    st.success(plain(flash))

# ----------------------------------------------------------------- whose map
with_map, with_ties = set(egos(data)), people_with_ties(data)
# the client, then everyone with a netwerkkaart, then everyone with ties, then the others
people = sorted(
    (e for e in data.entities if e.is_person),
    key=lambda e: (
        not e.index_person,
        e.id not in with_map,
        e.id not in with_ties,
        not e.household,
        e.name.lower(),
    ),
)
if not people:
    st.info(_("Voeg eerst personen toe (bijvoorbeeld op de pagina Genogram)."))
    st.stop()
ego_ids = [e.id for e in people]
if st.session_state.get("socio_ego") not in ego_ids:
    st.session_state["socio_ego"] = ego_ids[0]
no_ties = _("geen banden")  # looked up now: a format_func may run outside the page run
ego_id = st.selectbox(
    _("Wiens netwerkkaart (ego)"),
    ego_ids,
    format_func=lambda i: name_of(i) if i in with_ties else f"{name_of(i)} ({no_ties})",
    key="socio_ego",
    help=_(
        "Iedere persoon van de casus heeft een netwerkkaart: de banden die u plaatste, en "
        "gestippeld de banden uit de casus (familie, bekenden, organisaties) die nog niet "
        "geplaatst zijn."
    ),
)
ego = entities[ego_id]
the_members = members(data, ego_id)
member_ids = [m.entity.id for m in the_members]
waiting = unplaced_members(data, ego_id)  # ties from the case, not placed yet
waiting_ids = [m.entity.id for m in waiting]

# ----------------------------------------------------------------- map + analysis
TABS = {
    "cand": _("Uit de casus"),
    "add": _("Lid toevoegen"),
    "edit": _("Relatie bewerken"),
    "knows": _("Kennen elkaar"),
    "exchange": _("Importeren en exporteren"),
}
offered = candidates(data, ego_id)
relations_by_id = {r.id: r for r in data.relations}


def open_member(member_id: str) -> None:
    """Show this member's tie form (and its plan details) in the edit tab."""
    st.session_state["socio_edit_member"] = member_id
    st.session_state[TAB] = TABS["edit"]


def keys_of(prefix: str) -> tuple[str, ...]:
    """The session keys of one form's widgets, to forget them once it is saved or cancelled."""
    return tuple(k for k in st.session_state if isinstance(k, str) and k.startswith(prefix))


def pending_tie(other_id: str) -> None:
    """Ego and someone connected on the map: the tie form, prefilled, to save or cancel."""
    member = next((m for m in the_members if m.entity.id == other_id), None)
    if member is not None:
        tie, sector, ring = member.tie, member.sector, member.ring
        title = _("Relatie {ego} – {name} wijzigen")
    else:
        found = next((c for c in offered if c.entity.id == other_id), None)
        tie = None
        sector = found.sector if found else default_sector(data, ego_id, entities[other_id])
        ring = found.ring if found else Ring.MIDDLE
        title = _("{name} opnemen in de netwerkkaart van {ego}")
    st.markdown("**" + plain(title.format(ego=ego.name, name=name_of(other_id))) + "**")
    with st.form("socio_pending_form"):
        values = tie_fields(f"socio_pending_{other_id}", tie, sector, ring)
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.form_submit_button(
            _("Relatie opslaan"), type="primary", key="socio_pending_save"
        )
        cancelled = cancel_col.form_submit_button(_("Annuleren"), key="socio_pending_cancel")
    typed = keys_of(f"socio_pending_{other_id}_")  # the next line drawn starts afresh
    if cancelled:
        for key in (PENDING, *typed):
            st.session_state.pop(key, None)
        st.rerun()
    if confirmed:
        try:
            placed = place_member(data, ego_id, other_id, values["sector"], values["ring"])
        except CasemapError as err:
            show_error(err)
        else:
            save_all(
                [replace(placed, **values)],
                _("Relatie met {name} opgeslagen.").format(name=name_of(other_id)),
                forget=(PENDING, *typed),
            )


def pending_knows(a: str, b: str) -> None:
    """Two members connected on the map: record (or change, or remove) that they know each other."""
    existing = next(
        (r for r in acquaintances(data, ego_id) if {r.source, r.target} == {a, b}), None
    )
    title = _("{a} en {b} kennen elkaar") if existing else _("Kennen {a} en {b} elkaar?")
    st.markdown("**" + plain(title.format(a=name_of(a), b=name_of(b))) + "**")
    with st.form("socio_pending_knows_form"):
        note = st.text_input(
            _("Korte notitie bij de lijn (bijv. 'oud-collega's')"),
            value=existing.label if existing else "",
            key=f"socio_pending_knows_{a}_{b}",
        )
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.form_submit_button(
            _("Opslaan: ze kennen elkaar"), type="primary", key="socio_pending_knows_save"
        )
        cancelled = cancel_col.form_submit_button(_("Annuleren"), key="socio_pending_knows_cancel")
    typed = (f"socio_pending_knows_{a}_{b}",)  # the next line drawn starts afresh
    if existing and st.button(_("Lijn verwijderen"), key="socio_pending_knows_remove"):
        delete_relation(existing.id, _("Lijn verwijderd."), forget=(PENDING, *typed))
    if cancelled:
        for key in (PENDING, *typed):
            st.session_state.pop(key, None)
        st.rerun()
    if confirmed:
        record = (
            replace(existing, label=note.strip())
            if existing
            else Relation(new_id(), RelationKind.ACQUAINTANCE, a, b, label=note.strip())
        )
        save_all(
            [record],
            _("Vastgelegd: {a} en {b} kennen elkaar.").format(a=name_of(a), b=name_of(b)),
            forget=(PENDING, *typed),
        )


def handle(event) -> None:
    """What the map handed over: a selection opens the member, a connection its form."""
    if isinstance(event, dict) and event.get("type") == "select":
        state.select(event.get("kind"), event.get("id"))
        picked_id = event.get("id")
        if event.get("kind") == "entity" and picked_id in member_ids:
            open_member(picked_id)
        elif event.get("kind") == "entity" and picked_id in waiting_ids:
            st.session_state.pop(PENDING, None)  # the panel under the map places it
        elif event.get("kind") == "relation" and picked_id in relations_by_id:
            rel = relations_by_id[picked_id]
            if (
                rel.kind is RelationKind.SUPPORT
                and rel.source == ego_id
                and rel.target in member_ids
            ):
                open_member(rel.target)
            elif rel.kind is RelationKind.ACQUAINTANCE:
                st.session_state[PENDING] = (rel.source, rel.target)
    elif isinstance(event, dict) and event.get("type") == "connect":
        ends = (event.get("source"), event.get("target"))
        if all(end in entities for end in ends) and ends[0] != ends[1]:
            st.session_state[PENDING] = ends
            if all(end in member_ids for end in ends):
                st.session_state["socio_knows_pick"] = list(ends)  # the tab shows the pair too


def selected_on_map() -> str:
    """The member (placed or not yet) selected on the map, by its symbol or its line; or ''."""
    picked = state.selection() or {}
    picked_id = picked.get("id")
    if picked.get("kind") == "entity" and picked_id in (*member_ids, *waiting_ids):
        return picked_id
    if picked.get("kind") == "relation" and picked_id in relations_by_id:
        rel = relations_by_id[picked_id]
        if rel.kind is RelationKind.SUPPORT and rel.source == ego_id and rel.target in member_ids:
            return rel.target
    return ""


def ring_panel(member_id: str) -> None:
    """Ring and sector of the member selected on the map, editable where the eye is (#23.7).

    A placed member's tie is changed; a tie not placed yet is placed with
    :func:`place_member` (a new SUPPORT tie). The full form stays in 'Relatie bewerken'.
    """
    placed = next((m for m in the_members if m.entity.id == member_id), None)
    member = placed or next(m for m in waiting if m.entity.id == member_id)
    name = member.entity.name
    with st.container(border=True, key="socio_ring_panel"):
        if placed:
            st.markdown("**" + plain(name) + "**")
        else:
            why = ", ".join(en if lang == "en" else nl for nl, en in member.reasons)
            st.markdown("**" + plain(name) + "** · " + _("nog niet geplaatst") + f" ({plain(why)})")
        version = state.form_version(member.tie, "socio_ring") if placed else ""
        prefix = f"socio_ring_{member_id}{version}"
        with st.form(prefix, border=False):
            ring_col, sector_col, go_col = st.columns([3, 2, 1], vertical_alignment="bottom")
            rings = list(options(Ring, lang))
            ring = ring_col.radio(
                _("Ring"),
                rings,
                index=rings.index(member.ring.value),
                format_func=lambda v: label(Ring(v), lang),
                horizontal=True,
                key=f"{prefix}_ring",
            )
            sector = vocab_select(
                _("Sector"),
                Sector,
                key=f"{prefix}_sector",
                value=member.sector,
                container=sector_col,
            )
            go = go_col.form_submit_button(
                _("Opslaan") if placed else _("Plaatsen"), type="primary", key=f"{prefix}_go"
            )
    if go:
        try:
            record = (
                replace(placed.tie, sector=sector, ring=Ring(ring))
                if placed
                else place_member(data, ego_id, member_id, sector, ring)
            )
        except CasemapError as err:
            show_error(err)
        else:
            done = (
                _("Ring en sector van {name} opgeslagen.")
                if placed
                else _("{name} geplaatst in de netwerkkaart.")
            )
            save_all([record], done.format(name=name))


def pending_panel() -> None:
    """The form for a line drawn on the map, until it is saved or cancelled."""
    pending = st.session_state.get(PENDING)
    if pending and all(end in entities for end in pending) and pending[0] != pending[1]:
        first, second = pending
        if ego_id in pending:
            with st.container(border=True):
                pending_tie(second if first == ego_id else first)
        elif first in member_ids and second in member_ids:
            with st.container(border=True):
                pending_knows(first, second)
        else:
            outsider = first if first not in member_ids else second
            st.warning(
                _(
                    "{name} staat nog niet in de netwerkkaart van {ego}. Verbind eerst {ego} met "
                    "{name}; daarna kunt u aangeven wie elkaar kennen."
                ).format(name=plain(name_of(outsider)), ego=plain(ego.name))
            )
            st.session_state.pop(PENDING, None)
    elif pending:
        st.session_state.pop(PENDING, None)  # an end was removed meanwhile


# the map gets the page's whole width (names readable without zooming); the analysis follows
map_col, panel_col = st.container(), st.container()
with map_col:
    # notes and large letters are switched on the canvas itself (shared meeting aids)
    # this page's own switch: pseudonyms turned on in meeting mode stay there
    pseudo_view = st.toggle(_("Pseudoniemen"), value=False, key="socio_pseudo_view")

    def redraw(fresh):
        """The netwerkkaart of this ego for ``fresh``, laid out once per revision and switches.

        Used by this run and by the canvas fragment; large type is read when
        called (the canvas's button changes it between page runs).
        """
        scale = state.text_scale()

        def make() -> Drawing:
            shown = (
                pseudonymise(fresh, code=state.pseudonym_code(case.id)) if pseudo_view else fresh
            )
            return layout_sociogram(shown, ego_id, lang=lang, text_scale=scale)

        return case_cache.drawing(
            fresh, Lens.SOCIOGRAM.value, (ego_id, lang, pseudo_view, scale), make
        )

    try:
        drawing = redraw(data)
    except CasemapError as err:
        show_error(err)
        drawing = Drawing(lens=Lens.SOCIOGRAM.value, view=ego_id)
    # on screen the legend sits in the expander below, so the map gets the whole column
    render_options = RenderOptions(
        lang=lang,
        hide_notes=aids.get("hide_notes", False),
        large_font=aids.get("large_font", False),
        legend=False,
        caption=False,
    )
    if not the_members and waiting:
        st.info(
            _(
                "{name} heeft nog geen geplaatste banden. De kaart toont {n} banden uit de casus "
                "(familie, bekenden, organisaties) met een stippellijn en een gestippelde rand: "
                "nog niet geplaatst, op een voorgestelde ring. Klik op iemand om de ring en "
                "sector te kiezen en te plaatsen, of kies er meer tegelijk onder 'Uit de casus'."
            ).format(name=plain(ego.name), n=len(waiting))
        )
    elif not the_members and offered:
        st.info(
            _(
                "De netwerkkaart van {name} is nog leeg. Onder 'Uit de casus' staan {n} mensen "
                "en organisaties uit het genogram en ecogram klaar om op te nemen."
            ).format(name=plain(ego.name), n=len(offered))
        )
    event = lens_canvas(
        data,
        drawing,
        Lens.SOCIOGRAM,
        view=ego_id,
        key="socio",
        options=render_options,
        redraw=redraw,
        height=fitting_height(drawing),
    )
    handle(event)
    if on_map := selected_on_map():
        ring_panel(on_map)
    pending_panel()
    with st.expander(_("Legenda")):
        if drawing.legend:
            legend_only = Drawing(lens=drawing.lens, legend=drawing.legend)
            st.image(render_svg(legend_only, RenderOptions(lang=lang, caption=False)))
        st.caption(
            _(
                "Een lid verslepen kan binnen de eigen sector en ring; naar een andere sector of "
                "ring verplaatst u iemand met 'Relatie bewerken'. Met 'Verbinden' op de kaart "
                "koppelt u ego aan iemand (steun) of twee leden (kennen elkaar)."
            )
        )
    if data.positions_for(Lens.SOCIOGRAM, view=ego_id) and st.button(
        _("Automatische indeling herstellen"), key="socio_reset"
    ):
        try:
            store.clear_positions(case.id, Lens.SOCIOGRAM, view=ego_id)
            st.rerun()
        except CasemapError as err:
            show_error(err)

with panel_col:
    st.subheader(_("Netwerkanalyse"))
    metrics = network_metrics(data, ego_id)
    if not the_members:
        st.caption(_("Nog geen leden: de analyse verschijnt als er mensen in de kaart staan."))
    for measure, value, text in explain(metrics, lang):
        st.markdown(f"**{plain(measure)}**: {plain(value)}  \n{plain(text)}")

selected = state.selection() or {}
if selected.get("kind") == "entity" and selected.get("id") == ego_id:
    details(data, ego_id)

# ----------------------------------------------------------------- editing
if st.session_state.get(TAB) not in TABS.values():
    st.session_state.pop(TAB, None)  # e.g. the language changed
if TAB not in st.session_state and offered and not the_members:
    st.session_state[TAB] = TABS["cand"]  # an empty map opens on the candidates, once
tab_cand, tab_add, tab_edit, tab_knows, tab_exchange = st.tabs(
    list(TABS.values()), default=TABS["add"], key=TAB, on_change="rerun"
)

SOURCES = ["existing", "person", "system"]
SOURCE_TEXT = {
    "existing": _("iemand uit de casus"),
    "person": _("nieuwe persoon (vriend, buur, collega...)"),
    "system": _("nieuwe organisatie of groep"),
}


WHY = {
    "system": _("organisatie"),
    "household": _("huisgenoot"),
    "family": _("familie"),
    "other": _("uit de casus"),
    "deceased": _("overleden"),
}  # looked up now: a format_func may run outside the page run
PICK_PEOPLE, PICK_SYSTEMS = "socio_cand_pick", "socio_cand_pick_sys"


def at_home(entity: Entity) -> bool:
    """A fellow member of ego's household."""
    return bool(ego.household and entity.household and entity.is_person)


def candidate_texts() -> dict[str, str]:
    """A label per candidate, unique: the multiselect tells options apart by their text."""
    texts: dict[str, str] = {}
    for found in offered:
        if found.entity.kind is EntityKind.SYSTEM:
            kind = found.entity.system_kind
            why = label(kind, lang) if kind else WHY["system"]
        elif at_home(found.entity):
            why = WHY["household"]
        elif found.family is not None:
            why = WHY["family"]
        else:
            why = found.entity.role or WHY["other"]
        if found.entity.is_person and found.entity.is_deceased:
            why += ", " + WHY["deceased"]
        texts[found.entity.id] = f"{found.entity.name} ({why})"
    seen: dict[str, int] = {}
    counts = Counter(texts.values())  # once, not once a candidate (thousands in a network)
    for entity_id, text in texts.items():
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1 or counts[text] > 1:
            born = (entities[entity_id].birth or "")[:4]
            texts[entity_id] = f"{text[:-1]}, {born or '#' + str(seen[text])})"
    return texts


with tab_cand:
    if not offered:
        st.caption(_("Iedereen uit de casus staat al in deze netwerkkaart."))
    else:
        st.caption(
            _(
                "Iedereen uit de casus (genogram, ecogram, eerdere netwerkkaarten) die nog niet "
                "in deze netwerkkaart geplaatst is: personen en organisaties elk in een eigen "
                "lijst. Kies er één of meer; sector en ring zijn een voorstel (familie in het vak "
                "huisgenoten en familie, huisgenoten in de ring 'dichtbij') dat u per persoon "
                "kunt aanpassen. Alles wordt in één keer opgeslagen."
            )
        )
        by_id = {c.entity.id: c for c in offered}
        person_ids = [c.entity.id for c in offered if c.entity.is_person]
        system_ids = [c.entity.id for c in offered if c.entity.kind is EntityKind.SYSTEM]
        alive = [c for c in offered if not (c.entity.is_person and c.entity.is_deceased)]
        groups = {  # the quick picks leave the deceased out: they are offered, not suggested
            "household": [c.entity.id for c in alive if at_home(c.entity)],
            "family": [c.entity.id for c in alive if c.family is not None and c.family <= 2],
            "systems": system_ids,
        }
        quick = st.columns(4)
        for col, (group, title) in zip(
            quick,
            [
                ("household", _("Huisgenoten kiezen")),
                ("family", _("Naaste familie kiezen")),
                ("systems", _("Organisaties kiezen")),
            ],
            strict=False,
        ):
            if col.button(title, key=f"socio_cand_{group}", disabled=not groups[group]):
                key = PICK_SYSTEMS if group == "systems" else PICK_PEOPLE
                chosen = st.session_state.get(key, [])
                st.session_state[key] = chosen + [i for i in groups[group] if i not in chosen]
        if quick[3].button(_("Keuze wissen"), key="socio_cand_clear"):
            st.session_state[PICK_PEOPLE] = []
            st.session_state[PICK_SYSTEMS] = []
        # a choice made for another ego (or someone added meanwhile) is no candidate now
        for key, allowed in ((PICK_PEOPLE, person_ids), (PICK_SYSTEMS, system_ids)):
            st.session_state[key] = [i for i in st.session_state.get(key, []) if i in allowed]
        shown_as = candidate_texts()
        pick_cols = st.columns(2)
        picked = pick_cols[0].multiselect(
            _("Personen ({n})").format(n=len(person_ids)),
            person_ids,
            format_func=shown_as.get,
            key=PICK_PEOPLE,
            placeholder=_("Kies personen"),
            disabled=not person_ids,
        ) + pick_cols[1].multiselect(
            _("Organisaties ({n})").format(n=len(system_ids)),
            system_ids,
            format_func=shown_as.get,
            key=PICK_SYSTEMS,
            placeholder=_("Kies organisaties"),
            disabled=not system_ids,
        )
        cells: dict[str, tuple[Sector, Ring]] = {}
        for entity_id in dict.fromkeys(picked):
            found = by_id[entity_id]
            row = st.columns([3, 2, 2], vertical_alignment="center")
            row[0].markdown(plain(found.entity.name))
            cells[entity_id] = (
                vocab_select(
                    _("Sector"),
                    Sector,
                    key=f"socio_cand_{entity_id}_sector",
                    value=found.sector,
                    container=row[1],
                    label_visibility="collapsed",
                ),
                vocab_select(
                    _("Ring (nabijheid)"),
                    Ring,
                    key=f"socio_cand_{entity_id}_ring",
                    value=found.ring,
                    container=row[2],
                    label_visibility="collapsed",
                ),
            )
        if st.button(
            _("{n} opnemen in de netwerkkaart").format(n=len(picked)),
            type="primary",
            key="socio_cand_go",
            disabled=not picked,
        ):
            try:
                records = [
                    place_member(data, ego_id, entity_id, sector, ring)
                    for entity_id, (sector, ring) in cells.items()
                ]
            except CasemapError as err:
                show_error(err)
            else:
                save_all(
                    records,
                    _("{n} opgenomen in de netwerkkaart van {ego}.").format(
                        n=len(records), ego=ego.name
                    ),
                    # the next pick starts from its suggestion again, not from these values
                    forget=(
                        PICK_PEOPLE,
                        PICK_SYSTEMS,
                        *(f"socio_cand_{i}_{part}" for i in cells for part in ("sector", "ring")),
                    ),
                )

with tab_add:
    n = st.session_state.setdefault("socio_add_n", 0)  # fresh widgets after each addition
    source = st.radio(
        _("Wie voegt u toe?"),
        SOURCES,
        format_func=SOURCE_TEXT.get,
        horizontal=True,
        key="socio_add_source",
    )
    # the same people and organisations as 'Uit de casus' (the unborn give no support)
    others = [
        e
        for e in data.entities
        if e.id != ego_id
        and e.id not in member_ids
        and (not e.is_person or e.birth_status is BirthStatus.BORN)
    ]
    others.sort(key=lambda e: (e.kind is EntityKind.SYSTEM, e.name.lower()))
    new_entity = None
    chosen_id = ""
    if source == "existing":
        if others:
            chosen_id = st.selectbox(
                _("Persoon of organisatie"),
                [e.id for e in others],
                format_func=name_of,
                key=f"socio_add{n}_existing",
            )
        else:
            st.caption(_("Iedereen uit de casus staat al in deze netwerkkaart."))
        suggested = (
            default_sector(data, ego_id, entities[chosen_id]) if chosen_id else Sector.FRIENDS
        )
        variant = chosen_id
    else:
        cols = st.columns(2)
        name = cols[0].text_input(_("Naam"), key=f"socio_add{n}_name")
        if source == "person":
            role = cols[1].text_input(
                _("Rol (bijv. vriendin, buurman, collega)"), key=f"socio_add{n}_role"
            )
            sex = vocab_select(_("Geslacht"), Sex, key=f"socio_add{n}_sex", value=Sex.UNKNOWN)
            new_entity = Entity(id=new_id(), name=name.strip(), sex=sex, role=role.strip())
            suggested = Sector.FRIENDS
            variant = "person"
        else:
            kind = vocab_select(
                _("Soort organisatie"),
                SystemKind,
                key=f"socio_add{n}_kind",
                value=SystemKind.OTHER,
                container=cols[1],
            )
            new_entity = Entity(
                id=new_id(), name=name.strip(), kind=EntityKind.SYSTEM, system_kind=kind
            )
            suggested = sector_for_system(kind)
            variant = kind.value
    values = tie_fields(f"socio_add{n}_{variant}", None, suggested, Ring.MIDDLE)
    if st.button(_("Toevoegen aan de netwerkkaart"), type="primary", key=f"socio_add{n}_go"):
        try:
            records: list = []
            if new_entity is not None:
                if not new_entity.name:
                    raise InvalidInput("Vul een naam in.", "Fill in a name.")
                records.append(new_entity)
                probe = replace(data, entities=[*data.entities, new_entity])
                member_id = new_entity.id
            else:
                if not chosen_id:
                    raise InvalidInput("Kies wie u toevoegt.", "Choose whom to add.")
                probe, member_id = data, chosen_id
            tie = place_member(probe, ego_id, member_id, values["sector"], values["ring"])
            records.append(replace(tie, **values))
        except CasemapError as err:
            show_error(err)
        else:
            save_all(records, _("Toegevoegd aan de netwerkkaart."), bump="socio_add_n")

with tab_edit:
    if not the_members:
        st.caption(_("Nog geen leden om te bewerken."))
    else:
        if st.session_state.get("socio_edit_member") not in member_ids:
            st.session_state["socio_edit_member"] = member_ids[0]
        picked = st.selectbox(_("Lid"), member_ids, format_func=name_of, key="socio_edit_member")
        member = next(m for m in the_members if m.entity.id == picked)
        form_col, side_col = st.columns([3, 2])
        prefix = f"socio_edit_{picked}" + state.form_version(member.tie, "socio_edit")
        with form_col, st.form(f"socio_edit_{picked}"):
            values = tie_fields(prefix, member.tie, member.sector, member.ring)
            if st.form_submit_button(_("Opslaan"), type="primary"):
                save_all(
                    [replace(member.tie, **values)],
                    _("Relatie met {name} opgeslagen.").format(name=member.entity.name),
                )
        with side_col:
            role = member.entity.role or (
                label(member.entity.system_kind, lang) if member.entity.system_kind else ""
            )
            st.markdown(f"**{plain(member.entity.name)}**" + (f"  \n{plain(role)}" if role else ""))
            details(data, picked)
            st.caption(
                _(
                    "Uit de netwerkkaart halen: alleen de relatie met {ego} verdwijnt, {name} "
                    "blijft in de casus. Verwijderen: {name} verdwijnt uit de hele casus (alle "
                    "kaarten)."
                ).format(ego=plain(ego.name), name=plain(member.entity.name))
            )
            leave_col, delete_col = st.columns(2)
            with leave_col, st.popover(_("Uit de netwerkkaart halen")):
                st.warning(
                    _(
                        "Alleen de relatie met ego verdwijnt uit deze netwerkkaart; de persoon "
                        "of organisatie blijft in de casus."
                    )
                )
                if st.button(_("Ja, uit de netwerkkaart halen"), key=f"socio_remove_{picked}"):
                    delete_relation(
                        member.tie.id,
                        _("{name} staat niet meer in de netwerkkaart.").format(
                            name=member.entity.name
                        ),
                    )
            with delete_col:
                if remove_entity(data, member.entity, key=f"socio_delete_{picked}"):
                    st.session_state["socio_flash"] = _(
                        "{name} is uit de casus verwijderd."
                    ).format(name=member.entity.name)
                    st.session_state.pop("socio_edit_member", None)
                    st.rerun()

with tab_knows:
    st.caption(
        _(
            "Wie kent wie? Een dunne grijze lijn tussen twee leden; zo ziet u groepjes en losse leden."
        )
    )
    if len(member_ids) < 2:
        st.caption(_("Er zijn minstens twee leden nodig."))
    else:
        pair = st.multiselect(
            _("Twee leden die elkaar kennen"),
            member_ids,
            format_func=name_of,
            max_selections=2,
            key="socio_knows_pick",
        )
        if st.button(_("Kennen elkaar toevoegen"), key="socio_knows_add"):
            existing = {frozenset((r.source, r.target)) for r in acquaintances(data, ego_id)}
            if len(pair) != 2:
                show_error(InvalidInput("Kies twee leden.", "Choose two members."))
            elif frozenset(pair) in existing:
                show_error(
                    InvalidInput(
                        "Deze twee kennen elkaar al.", "These two already know each other."
                    )
                )
            else:
                save_all(
                    [Relation(new_id(), RelationKind.ACQUAINTANCE, pair[0], pair[1])],
                    _("Vastgelegd: {a} en {b} kennen elkaar.").format(
                        a=name_of(pair[0]), b=name_of(pair[1])
                    ),
                    forget=("socio_knows_pick",),  # the next pair starts empty
                )
    for rel in acquaintances(data, ego_id):
        cols = st.columns([5, 1])
        cols[0].markdown(f"{plain(name_of(rel.source))} – {plain(name_of(rel.target))}")
        if cols[1].button(_("Verwijderen"), key=f"socio_knows_del_{rel.id}"):
            delete_relation(rel.id, _("Lijn verwijderd."))

with tab_exchange:
    st.markdown("**" + _("Exporteren") + "**")
    cols = st.columns(3)
    cols[0].download_button(
        _("Netwerk als GraphML"),
        # made when clicked, not on every rerun (an imported network: seconds)
        granted(lambda _store: write_graphml(data).encode("utf-8"), "GraphML"),
        file_name=f"{case.code}.graphml",
        mime="application/graphml+xml",
        key="socio_graphml",
        help=_("Voor Gephi, yEd, Network Canvas-analyse of NetworkX."),
    )
    cols[1].download_button(
        _("Leden (CSV)"),
        granted(
            lambda _store: members_csv(data, ego_id, lang=lang).encode("utf-8-sig"), "leden CSV"
        ),
        file_name=f"{case.code}-netwerkkaart-leden.csv",
        mime="text/csv",
        key="socio_members_csv",
    )
    cols[2].download_button(
        _("Relaties (CSV)"),
        granted(
            lambda _store: ties_csv(data, ego_id, lang=lang).encode("utf-8-sig"), "relaties CSV"
        ),
        file_name=f"{case.code}-netwerkkaart-relaties.csv",
        mime="text/csv",
        key="socio_ties_csv",
    )

    st.markdown("**" + _("Afbeelding voor het dossier") + "**")
    export_panel(
        "socio",
        "netwerkkaart",
        lambda fmt, dpi, switches: export_lens(
            data,
            Lens.SOCIOGRAM,
            fmt,
            ego=ego_id,
            lang=lang,
            author=state.author(),
            dpi=dpi,
            **switches,
        ),
        context=(ego_id,),
        case_code=case.code,
    )

    st.markdown("**" + _("Netwerk importeren") + "**")
    st.caption(
        _(
            "Maakt een nieuwe casus van een netwerkbestand, bijvoorbeeld een ego-netwerk uit "
            "Network Canvas, Gephi, yEd, Pajek, igraph of NetworkX, of een lijst van relaties "
            "uit Excel (van;naar;gewicht). Elke knoop wordt een persoon; sector en ring komen uit "
            "de kenmerken van het bestand of uit de sterkte van de relaties. De open casus "
            "verandert niet."
        )
        + " "
        + _("Bestandsvormen: {formats}.").format(formats=FORMAT_NAMES)
    )
    upload = st.file_uploader(
        _("Netwerkbestand"),
        type=[suffix.lstrip(".") for suffix in NETWORK_SUFFIXES],
        key="socio_upload",
        help=_("Bestandsvormen: {formats}.").format(formats=FORMAT_NAMES),
    )
    cols = st.columns(3)
    ego_text = cols[0].text_input(
        _("Ego (id of naam; leeg = de meest centrale)"), key="socio_import_ego"
    )
    sector_attr = cols[1].text_input(
        _("Kenmerk voor de sector (leeg = automatisch)"), key="socio_import_sector"
    )
    ring_attr = cols[2].text_input(
        _("Kenmerk voor de ring (leeg = automatisch)"), key="socio_import_ring"
    )
    default_ring = vocab_select(
        _("Ring als het bestand niets zegt"),
        Ring,
        key="socio_import_ring_default",
        value=Ring.MIDDLE,
    )
    if st.button(_("Nieuwe casus maken"), key="socio_import", disabled=upload is None):
        mapping = {
            "sector_attribute": sector_attr.strip(),
            "ring_attribute": ring_attr.strip(),
            "default_ring": default_ring.value,
        }
        try:
            imported, notices = read_network_report(
                upload.getvalue(), name=upload.name, ego=ego_text.strip() or None, mapping=mapping
            )
            # control characters, over-long names, impossible dates: as the CLI does
            imported = tidy(imported, notices)
            new_case = store.import_case(imported, author=state.author())
        except CasemapError as err:
            show_error(err)
        else:
            st.session_state["socio_imported"] = (
                new_case.id,
                new_case.code,
                len(imported.entities),
                notices,
            )
    imported_info = st.session_state.get("socio_imported")
    if imported_info:
        new_case_id, code, count, notices = imported_info
        st.success(
            _("Nieuwe casus {code} gemaakt met {count} personen en organisaties.").format(
                code=plain(code), count=count
            )
        )
        if notices:
            st.warning(
                _("Niet alles uit het bestand kon worden overgenomen:")
                + "\n\n"
                + "\n".join(f"- {plain(n.message(lang))}" for n in notices)
            )
        if st.button(_("Deze casus openen"), key="socio_open_imported"):
            state.open_case(new_case_id)
            st.session_state.pop("socio_imported", None)
            st.session_state.pop("socio_ego", None)
            st.rerun()
