"""Netwerkkaart (sociogram): one person's network in sectors and rings, with its analysis."""

from __future__ import annotations

import importlib.util
import re

import streamlit as st

from mapping.drawing import Drawing
from mapping.errors import CasemapError, InvalidInput
from mapping.graphml import members_csv, read_graphml, ties_csv, write_graphml
from mapping.metrics import explain, network_metrics
from mapping.model import Entity, Relation, new_id, replace
from mapping.sociogram import (
    acquaintances,
    default_sector,
    layout_sociogram,
    members,
    place_member,
    valence_of,
)
from mapping.vocabulary import (
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
from views import state
from views.i18n import _
from views.shell import require_case, show_error

lang = state.current_lang()
st.title(_("Netwerkkaart"))
data = require_case()
store = state.store()
case = data.case
entities = data.entity_map()
aids = state.meeting_aids()


def has_module(name: str) -> bool:
    """Whether an optional part of casemap (renderer, canvas, export) is installed yet."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def save_all(records: list, success: str, *, bump: str = "") -> None:
    """Save records one after the other on the revision this page was drawn from, then redraw.

    ``bump`` names a counter in the session that is raised after a successful
    save, so the form built with it starts empty again.
    """
    revision = case.revision
    try:
        for record in records:
            revision = store.save(
                case.id, record, expected_revision=revision, author=state.author()
            )
    except CasemapError as err:
        show_error(err)
        return
    st.session_state["socio_flash"] = success
    if bump:
        st.session_state[bump] = st.session_state.get(bump, 0) + 1
    st.rerun()


def delete_relation(relation_id: str, success: str) -> None:
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
    st.rerun()


def plain(text: str) -> str:
    """Text (names included) shown literally in markdown: no formatting, no HTML.

    Markdown characters are escaped first and only then ``&<>``, so an
    apostrophe stays an apostrophe (``md_escape`` turns it into ``&#x27;``
    and then breaks the entity by escaping its ``#``).
    """
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~<&])", r"\\\1", str(text))
    return escaped.replace("\\&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;")


def name_of(entity_id: str) -> str:
    entity = entities.get(entity_id)
    return entity.name if entity else "?"


def vocab_select(title: str, enum, *, key: str, value=None, container=st):
    choices = list(options(enum, lang))
    index = choices.index(str(value)) if value is not None and str(value) in choices else 0
    chosen = container.selectbox(
        title, choices, index=index, format_func=lambda v: label(enum(v), lang), key=key
    )
    return enum(chosen)


if flash := st.session_state.pop("socio_flash", ""):
    st.success(flash)

# ----------------------------------------------------------------- whose map
people = sorted(
    (e for e in data.entities if e.is_person),
    key=lambda e: (not e.index_person, not e.household, e.name.lower()),
)
if not people:
    st.info(_("Voeg eerst personen toe (bijvoorbeeld op de pagina Genogram)."))
    st.stop()
ego_ids = [e.id for e in people]
if st.session_state.get("socio_ego") not in ego_ids:
    st.session_state["socio_ego"] = ego_ids[0]
ego_id = st.selectbox(
    _("Wiens netwerkkaart (ego)"),
    ego_ids,
    format_func=name_of,
    key="socio_ego",
    help=_("Iedere persoon van de casus kan een eigen netwerkkaart hebben."),
)
ego = entities[ego_id]
the_members = members(data, ego_id)
member_ids = [m.entity.id for m in the_members]

# ----------------------------------------------------------------- map + analysis
map_col, panel_col = st.columns([2, 1])
with map_col:
    bar = st.columns(3)
    hide_notes = bar[0].toggle(
        _("Notities verbergen"), value=aids.get("hide_notes", False), key="socio_hide_notes"
    )
    large = bar[1].toggle(
        _("Grote letters"), value=aids.get("large_font", False), key="socio_large"
    )
    pseudo_view = bar[2].toggle(
        _("Pseudoniemen"), value=aids.get("pseudonymise", False), key="socio_pseudo_view"
    )
    shown = data
    if pseudo_view and has_module("mapping.pseudonym"):
        from mapping.pseudonym import pseudonymise

        shown = pseudonymise(data)
    try:
        drawing = layout_sociogram(shown, ego_id, lang=lang)
    except CasemapError as err:
        show_error(err)
        drawing = Drawing(lens=Lens.SOCIOGRAM.value, view=ego_id)
    event = None
    if has_module("mapping.render.svg"):
        from mapping.render.svg import RenderOptions, render_svg

        # on screen the legend sits in the expander below, so the map gets the whole column
        render_options = RenderOptions(
            lang=lang, hide_notes=hide_notes, large_font=large, legend=False, caption=False
        )
        if has_module("views.canvas"):
            from views.canvas import lens_canvas

            event = lens_canvas(
                data, drawing, Lens.SOCIOGRAM, view=ego_id, key="socio", options=render_options
            )
        else:
            # st.html drops inline SVG; st.image shows it (sanitised) at the column's width
            st.image(render_svg(drawing, render_options), width="stretch")
    else:
        st.info(_("De tekening verschijnt hier zodra de tekenmodule beschikbaar is."))
    if isinstance(event, dict) and event.get("type") == "select":
        state.select(event.get("kind"), event.get("id"))
        if event.get("kind") == "entity" and event.get("id") in member_ids:
            st.session_state["socio_edit_member"] = event["id"]
    elif isinstance(event, dict) and event.get("type") == "connect":
        ends = [event.get("source"), event.get("target")]
        if all(e in member_ids for e in ends) and ends[0] != ends[1]:
            st.session_state["socio_knows"] = ends
    with st.expander(_("Legenda")):
        if drawing.legend and has_module("mapping.render.svg"):
            legend_only = Drawing(lens=drawing.lens, legend=drawing.legend)
            st.image(render_svg(legend_only, RenderOptions(lang=lang, caption=False)))
        else:
            for entry in drawing.legend:
                st.markdown(f"- {plain(entry.text)}")
        st.caption(
            _(
                "Een lid verslepen kan binnen de eigen sector en ring; naar een andere sector of "
                "ring verplaatst u iemand met 'Relatie bewerken'."
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

# ----------------------------------------------------------------- editing
tab_add, tab_edit, tab_knows, tab_exchange = st.tabs(
    [_("Lid toevoegen"), _("Relatie bewerken"), _("Kennen elkaar"), _("Importeren en exporteren")]
)

SOURCES = ["existing", "person", "system"]
SOURCE_TEXT = {
    "existing": _("iemand uit de casus"),
    "person": _("nieuwe persoon (vriend, buur, collega...)"),
    "system": _("nieuwe organisatie of groep"),
}


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
    frequency = right.selectbox(
        _("Hoe vaak contact"),
        freq_choices,
        index=freq_choices.index(current) if current in freq_choices else 0,
        format_func=lambda v: label(Frequency(v), lang) if v else _("onbekend"),
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


with tab_add:
    n = st.session_state.setdefault("socio_add_n", 0)  # fresh widgets after each addition
    source = st.radio(
        _("Wie voegt u toe?"),
        SOURCES,
        format_func=SOURCE_TEXT.get,
        horizontal=True,
        key="socio_add_source",
    )
    candidates = [e for e in data.entities if e.id != ego_id and e.id not in member_ids]
    candidates.sort(key=lambda e: (e.kind is EntityKind.SYSTEM, e.name.lower()))
    new_entity = None
    chosen_id = ""
    if source == "existing":
        if candidates:
            chosen_id = st.selectbox(
                _("Persoon of organisatie"),
                [e.id for e in candidates],
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
        with st.form(f"socio_edit_{picked}"):
            values = tie_fields(f"socio_edit_{picked}", member.tie, member.sector, member.ring)
            if st.form_submit_button(_("Opslaan"), type="primary"):
                save_all(
                    [replace(member.tie, **values)],
                    _("Relatie met {name} opgeslagen.").format(name=member.entity.name),
                )
        with st.popover(_("Uit de netwerkkaart halen")):
            st.warning(
                _(
                    "Alleen de relatie met ego verdwijnt uit deze netwerkkaart; de persoon of "
                    "organisatie blijft in de casus."
                )
            )
            if st.button(_("Ja, uit de netwerkkaart halen"), key=f"socio_remove_{picked}"):
                delete_relation(
                    member.tie.id,
                    _("{name} staat niet meer in de netwerkkaart.").format(name=member.entity.name),
                )

with tab_knows:
    st.caption(
        _(
            "Wie kent wie? Een dunne grijze lijn tussen twee leden; zo ziet u groepjes en losse leden."
        )
    )
    if len(member_ids) < 2:
        st.caption(_("Er zijn minstens twee leden nodig."))
    else:
        preset = st.session_state.pop("socio_knows", None)
        if preset:
            st.session_state["socio_knows_pick"] = preset
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
        write_graphml(data).encode("utf-8"),
        file_name=f"{case.code}.graphml",
        mime="application/graphml+xml",
        key="socio_graphml",
        help=_("Voor Gephi, yEd, Network Canvas-analyse of NetworkX."),
    )
    cols[1].download_button(
        _("Leden (CSV)"),
        members_csv(data, ego_id, lang=lang).encode("utf-8-sig"),
        file_name=f"{case.code}-netwerkkaart-leden.csv",
        mime="text/csv",
        key="socio_members_csv",
    )
    cols[2].download_button(
        _("Relaties (CSV)"),
        ties_csv(data, ego_id, lang=lang).encode("utf-8-sig"),
        file_name=f"{case.code}-netwerkkaart-relaties.csv",
        mime="text/csv",
        key="socio_ties_csv",
    )

    FORMATS = {
        "svg": ("SVG", "svg", 96, "image/svg+xml"),
        "png": (_("PNG (scherm)"), "png", 96, "image/png"),
        "png300": (_("PNG (afdrukken, 300 dpi)"), "png", 300, "image/png"),
        "pdf": ("PDF", "pdf", 96, "application/pdf"),
    }
    st.markdown("**" + _("Afbeelding voor het dossier") + "**")
    if not has_module("mapping.export"):
        st.caption(_("Exporteren kan zodra de exportmodule beschikbaar is."))
    else:
        from mapping.export import export_lens

        cols = st.columns([2, 2, 1])
        choice = cols[0].selectbox(
            _("Formaat"), list(FORMATS), format_func=lambda k: FORMATS[k][0], key="socio_format"
        )
        pseudo = cols[1].toggle(
            _("Pseudoniemen in plaats van namen"),
            value=aids.get("pseudonymise", False),
            key="socio_export_pseudo",
        )
        if cols[2].button(_("Maken"), key="socio_export"):
            _label, fmt, dpi, _mime = FORMATS[choice]
            try:
                st.session_state["socio_export_blob"] = (
                    (choice, ego_id, pseudo),
                    export_lens(
                        data,
                        Lens.SOCIOGRAM.value,
                        fmt,
                        ego=ego_id,
                        pseudonymise=pseudo,
                        lang=lang,
                        author=state.author(),
                        dpi=dpi,
                    ),
                )
            except CasemapError as err:
                show_error(err)
        ready = st.session_state.get("socio_export_blob")
        if ready and ready[0] == (choice, ego_id, pseudo):
            _label, fmt, dpi, mime = FORMATS[choice]
            suffix = "-300dpi" if dpi == 300 else ""
            st.download_button(
                _("Download"),
                ready[1],
                file_name=f"{case.code}-netwerkkaart{suffix}.{fmt}",
                mime=mime,
                key="socio_download",
            )

    st.markdown("**" + _("Netwerk importeren (GraphML)") + "**")
    st.caption(
        _(
            "Maakt een nieuwe casus van een GraphML-bestand, bijvoorbeeld een ego-netwerk uit "
            "Network Canvas. Elke knoop wordt een persoon; sector en ring komen uit de "
            "kenmerken van het bestand. De open casus verandert niet."
        )
    )
    upload = st.file_uploader(_("GraphML-bestand"), type=["graphml", "xml"], key="socio_upload")
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
            imported = read_graphml(
                upload.getvalue(), ego=ego_text.strip() or None, mapping=mapping
            )
            new_case = store.import_case(imported, author=state.author())
        except CasemapError as err:
            show_error(err)
        else:
            st.session_state["socio_imported"] = (
                new_case.id,
                new_case.code,
                len(imported.entities),
            )
    imported_info = st.session_state.get("socio_imported")
    if imported_info:
        new_case_id, code, count = imported_info
        st.success(
            _("Nieuwe casus {code} gemaakt met {count} personen en organisaties.").format(
                code=code, count=count
            )
        )
        if st.button(_("Deze casus openen"), key="socio_open_imported"):
            state.open_case(new_case_id)
            st.session_state.pop("socio_imported", None)
            st.session_state.pop("socio_ego", None)
            st.rerun()
