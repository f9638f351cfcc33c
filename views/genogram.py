"""Genogram page: the family across generations, built and edited in a few clicks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from mapping.errors import CasemapError, InvalidInput
from mapping.genogram import layout_genogram
from mapping.model import Entity, Relation, is_partial_date, new_id
from mapping.vocabulary import (
    BirthStatus,
    ChildLink,
    Condition,
    EmotionalKind,
    Lens,
    PartnershipStatus,
    RelationKind,
    Sex,
    TwinKind,
    label,
    options,
)
from views import state
from views.i18n import _
from views.shell import md_escape, require_case, show_error

lang = state.current_lang()
st.title(_("Genogram"))
data = require_case()
case = data.case
store = state.store()
aids = state.meeting_aids()

FAMILY_KINDS = (RelationKind.PARTNERSHIP, RelationKind.PARENT_CHILD, RelationKind.TWIN)


def vocab_select(title: str, enum, *, key: str, value=None, container=st):
    choices = list(options(enum, lang))
    index = choices.index(str(value)) if value is not None and str(value) in choices else 0
    chosen = container.selectbox(
        title, choices, index=index, format_func=lambda v: label(enum(v), lang), key=key
    )
    return enum(chosen)


def check_dates(*values: str) -> None:
    for value in values:
        if not is_partial_date(value.strip()):
            raise InvalidInput(
                f"'{value}' is geen datum: gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD.",
                f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.",
            )


def save_all(records: list) -> None:
    """Save records one after the other, each on the revision the previous one left."""
    revision = case.revision
    for record in records:
        revision = store.save(case.id, record, expected_revision=revision, author=state.author())
        state.remember_revision(case.id, revision)  # our own save is not a colleague's change


def delete(record_type: str, record_id: str) -> None:
    revision = store.delete(
        case.id, record_type, record_id, expected_revision=case.revision, author=state.author()
    )
    state.remember_revision(case.id, revision)


people = sorted((e for e in data.entities if e.is_person), key=lambda e: e.name.lower())
names = {e.id: e.name for e in people}


def person_name(pid: str) -> str:
    return names.get(pid, "?")


couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]

# ---------------------------------------------------------------- the drawing
bar = st.columns(4)
show_emotional = bar[0].toggle(_("Emotionele relaties"), value=True, key="geno_emotional")
show_notes = bar[1].toggle(
    _("Notities tonen"), value=not aids.get("hide_notes", False), key="geno_notes"
)
large = bar[2].toggle(_("Grote letters"), value=aids.get("large_font", False), key="geno_large")
pseudo = bar[3].toggle(_("Pseudoniemen"), value=aids.get("pseudonymise", False), key="geno_pseudo")

shown = data
if pseudo:
    try:
        from mapping.pseudonym import pseudonymise

        shown = pseudonymise(data)
    except ImportError:
        st.info(_("Pseudoniemen zijn nog niet beschikbaar."))

drawing = None
try:
    drawing = layout_genogram(shown, lang=lang, show_emotional=show_emotional)
except CasemapError as err:
    show_error(err)

if drawing is not None:
    try:
        from mapping.render.svg import RenderOptions, render_svg

        render_options = RenderOptions(
            lang=lang, hide_notes=not show_notes, large_font=large, legend=True, caption=True
        )
    except ImportError:
        render_svg = render_options = None
    try:
        from views.canvas import lens_canvas
    except ImportError:
        lens_canvas = None
    event = None
    if lens_canvas is not None and render_options is not None:
        event = lens_canvas(
            data, drawing, Lens.GENOGRAM, key="geno_canvas", options=render_options, height=640
        )
    elif render_svg is not None:
        # st.html drops inline SVG; st.image shows it (sanitised) at the page width
        st.image(render_svg(drawing, render_options), width="stretch")
    else:
        st.info(_("De tekening wordt geladen zodra de weergave beschikbaar is."))
    if event and event.get("type") == "select":
        state.select(event.get("kind"), event.get("id"))
    if drawing.legend:
        with st.expander(_("Legenda")):
            for entry in drawing.legend:
                st.markdown(f"- {md_escape(entry.text)}")

# ---------------------------------------------------------------- selection
selected = state.selection()
selected_id = selected["id"] if selected and selected.get("kind") == "entity" else None
if selected_id not in names:
    selected_id = None
choice = st.selectbox(
    _("Geselecteerde persoon"),
    [""] + [e.id for e in people],
    index=([""] + [e.id for e in people]).index(selected_id or ""),
    format_func=lambda pid: person_name(pid) if pid else _("— niemand —"),
    key="geno_selected",
)
if (choice or None) != selected_id:
    state.select("entity" if choice else None, choice or None)
    selected_id = choice or None


def couple_label(r: Relation) -> str:
    return f"{person_name(r.source)} & {person_name(r.target)}"


def person_fields(prefix: str, person: Entity | None = None) -> dict:
    """The person form's widgets; returns the entered values."""
    p = person or Entity(id="", name="")
    left, right = st.columns(2)
    values = {
        "name": left.text_input(_("Naam"), value=p.name, key=f"{prefix}_name"),
        "role": right.text_input(
            _("Rol in het gezin (bijv. moeder, opa)"), value=p.role, key=f"{prefix}_role"
        ),
        "sex": vocab_select(_("Geslacht"), Sex, key=f"{prefix}_sex", value=p.sex, container=left),
        "birth_status": vocab_select(
            _("Geboortestatus"),
            BirthStatus,
            key=f"{prefix}_birth_status",
            value=p.birth_status,
            container=right,
        ),
        "birth": left.text_input(
            _("Geboren (JJJJ of JJJJ-MM-DD)"), value=p.birth, key=f"{prefix}_birth"
        ),
        "death": right.text_input(_("Overleden (JJJJ)"), value=p.death, key=f"{prefix}_death"),
        "occupation": left.text_input(_("Beroep"), value=p.occupation, key=f"{prefix}_job"),
        "conditions": right.multiselect(
            _("Aandoeningen"),
            [c.value for c in Condition],
            default=[c.value for c in p.conditions],
            format_func=lambda v: label(Condition(v), lang),
            placeholder=_("Kies een of meer"),
            key=f"{prefix}_conditions",
        ),
        "annotation": st.text_input(
            _("Notitie bij het symbool"), value=p.annotation, key=f"{prefix}_annotation"
        ),
    }
    flags = st.columns(3)
    values["deceased"] = flags[0].checkbox(_("Overleden"), value=p.deceased, key=f"{prefix}_dec")
    values["household"] = flags[1].checkbox(
        _("Woont in het huishouden"), value=p.household, key=f"{prefix}_hh"
    )
    values["index_person"] = flags[2].checkbox(
        _("Cliënt (indexpersoon)"), value=p.index_person, key=f"{prefix}_index"
    )
    return values


def entity_from(values: dict, base: Entity | None = None) -> Entity:
    name = values["name"].strip()
    if not name:
        raise InvalidInput("Vul een naam in.", "Fill in a name.")
    check_dates(values["birth"], values["death"])
    fields = {
        **values,
        "name": name,
        "birth": values["birth"].strip(),
        "death": values["death"].strip(),
        "conditions": tuple(Condition(c) for c in values["conditions"]),
    }
    if base is None:
        return Entity(id=new_id(), **fields)
    from dataclasses import replace

    return replace(base, **fields)


def parent_child(parent: str, child: str, link: ChildLink) -> Relation:
    return Relation(
        id=new_id(), kind=RelationKind.PARENT_CHILD, source=parent, target=child, subtype=link
    )


add_tab, edit_tab, rel_tab, io_tab = st.tabs(
    [_("Persoon toevoegen"), _("Persoon bewerken"), _("Relaties"), _("Importeren en exporteren")]
)

# ---------------------------------------------------------------- add a person
with add_tab:
    connect_options = {"none": _("los"), "child": _("als kind van")}
    if selected_id:
        connect_options["partner"] = _("als partner van {name}").format(
            name=person_name(selected_id)
        )
        connect_options["parent"] = _("als ouder van {name}").format(name=person_name(selected_id))
    connect = st.radio(
        _("Verbinden"),
        list(connect_options),
        format_func=connect_options.get,
        horizontal=True,
        key="geno_add_connect",
    )
    with st.form("geno_add", clear_on_submit=True):
        values = person_fields("geno_add")
        parents_choice, link, status, start = None, ChildLink.BIOLOGICAL, None, ""
        if connect == "child":
            parent_options = [f"couple:{r.id}" for r in couples] + [
                f"person:{e.id}" for e in people
            ]
            relations_by_id = {r.id: r for r in couples}

            def parent_label(value: str) -> str:
                kind, ref = value.split(":", 1)
                return couple_label(relations_by_id[ref]) if kind == "couple" else names[ref]

            if parent_options:
                parents_choice = st.selectbox(
                    _("Ouders (stel of één ouder)"),
                    parent_options,
                    format_func=parent_label,
                    key="geno_add_parents",
                )
            link = vocab_select(_("Soort kind"), ChildLink, key="geno_add_link")
        elif connect == "partner":
            status = vocab_select(_("Relatie"), PartnershipStatus, key="geno_add_status")
            start = st.text_input(_("Sinds (jaar)"), key="geno_add_start")
        elif connect == "parent":
            link = vocab_select(_("Soort kind"), ChildLink, key="geno_add_plink")
        if st.form_submit_button(_("Persoon toevoegen"), type="primary"):
            try:
                person = entity_from(values)
                records: list = [person]
                if connect == "child" and parents_choice:
                    kind, ref = parents_choice.split(":", 1)
                    if kind == "couple":
                        couple = next(r for r in couples if r.id == ref)
                        parents = [couple.source, couple.target]
                    else:
                        parents = [ref]
                    records += [parent_child(p, person.id, link) for p in parents]
                elif connect == "partner" and selected_id:
                    check_dates(start)
                    records.append(
                        Relation(
                            id=new_id(),
                            kind=RelationKind.PARTNERSHIP,
                            source=selected_id,
                            target=person.id,
                            subtype=status,
                            start=start.strip(),
                        )
                    )
                elif connect == "parent" and selected_id:
                    records.append(parent_child(person.id, selected_id, link))
                save_all(records)
                state.select("entity", person.id)
                st.success(_("{name} toegevoegd.").format(name=person.name))
                st.rerun()
            except CasemapError as err:
                show_error(err)

# ---------------------------------------------------------------- edit / remove
with edit_tab:
    if not selected_id:
        st.info(_("Kies eerst een persoon (in de tekening of hierboven)."))
    else:
        person = data.entity(selected_id)
        with st.form(f"geno_edit_{selected_id}"):
            values = person_fields(f"geno_edit_{selected_id}", person)
            if st.form_submit_button(_("Opslaan"), type="primary"):
                try:
                    save_all([entity_from(values, person)])
                    st.success(_("Opgeslagen."))
                    st.rerun()
                except CasemapError as err:
                    show_error(err)
        with st.popover(_("Persoon verwijderen")):
            st.warning(
                _("{name} en alle relaties van deze persoon worden verwijderd.").format(
                    name=person.name
                )
            )
            sure = st.checkbox(_("Ja, verwijderen"), key=f"geno_del_sure_{selected_id}")
            if st.button(
                _("Definitief verwijderen"),
                type="primary",
                disabled=not sure,
                key=f"geno_del_{selected_id}",
            ):
                try:
                    delete("entity", selected_id)
                    state.select(None)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)

# ---------------------------------------------------------------- relations
with rel_tab:
    if len(people) < 2:
        st.info(_("Voeg eerst minstens twee personen toe."))
    else:
        ids = [e.id for e in people]
        default = ids.index(selected_id) if selected_id in ids else 0
        kinds = {
            "partnership": _("Partnerrelatie"),
            "child": _("Ouder en kind"),
            "twin": _("Tweeling"),
            "emotional": _("Emotionele relatie"),
        }
        kind = st.radio(
            _("Soort relatie"), list(kinds), format_func=kinds.get, horizontal=True, key="geno_rk"
        )
        with st.form("geno_relation", clear_on_submit=True):
            a_col, b_col = st.columns(2)
            first = a_col.selectbox(
                _("Ouder") if kind == "child" else _("Persoon"),
                ids,
                index=default,
                format_func=person_name,
                key="geno_rel_a",
            )
            second = b_col.selectbox(
                _("Kind") if kind == "child" else _("Met"),
                ids,
                index=min(1, len(ids) - 1) if default == 0 else 0,
                format_func=person_name,
                key="geno_rel_b",
            )
            extra: dict = {}
            if kind == "partnership":
                extra["subtype"] = vocab_select(
                    _("Relatie"), PartnershipStatus, key="geno_rel_status"
                )
                years = st.columns(2)
                extra["start"] = years[0].text_input(_("Van (jaar)"), key="geno_rel_start")
                extra["end"] = years[1].text_input(_("Tot (jaar)"), key="geno_rel_end")
            elif kind == "child":
                extra["subtype"] = vocab_select(_("Soort kind"), ChildLink, key="geno_rel_link")
                other_parent = st.selectbox(
                    _("Tweede ouder (optioneel)"),
                    [""] + ids,
                    format_func=lambda pid: person_name(pid) if pid else "—",
                    key="geno_rel_other",
                )
            elif kind == "twin":
                extra["subtype"] = vocab_select(_("Soort tweeling"), TwinKind, key="geno_rel_twin")
            else:
                extra["subtype"] = vocab_select(
                    _("Soort emotionele relatie"), EmotionalKind, key="geno_rel_emo"
                )
                extra["note"] = st.text_input(_("Notitie"), key="geno_rel_note")
            if st.form_submit_button(_("Relatie toevoegen"), type="primary"):
                try:
                    if first == second:
                        raise InvalidInput(
                            "Kies twee verschillende personen.", "Choose two different people."
                        )
                    check_dates(extra.get("start", ""), extra.get("end", ""))
                    relation_kind = {
                        "partnership": RelationKind.PARTNERSHIP,
                        "child": RelationKind.PARENT_CHILD,
                        "twin": RelationKind.TWIN,
                        "emotional": RelationKind.EMOTIONAL,
                    }[kind]
                    fields = {k: v.strip() if isinstance(v, str) else v for k, v in extra.items()}
                    records = [
                        Relation(
                            id=new_id(),
                            kind=relation_kind,
                            source=first,
                            target=second,
                            **fields,
                        )
                    ]
                    if kind == "child" and other_parent and other_parent not in (first, second):
                        records.append(parent_child(other_parent, second, extra["subtype"]))
                    save_all(records)
                    st.success(_("Relatie opgeslagen."))
                    st.rerun()
                except CasemapError as err:
                    show_error(err)

        focus = selected_id
        listed = [
            r
            for r in data.relations
            if r.kind in (*FAMILY_KINDS, RelationKind.EMOTIONAL)
            and (focus is None or focus in (r.source, r.target))
            and r.source in names
            and r.target in names
        ]
        if listed:
            st.markdown(
                "**"
                + (
                    _("Relaties van {name}").format(name=md_escape(person_name(focus)))
                    if focus
                    else _("Alle relaties")
                )
                + "**"
            )
        for r in listed:
            row = st.columns([5, 2, 1])
            years = " – ".join(y for y in (r.start, r.end) if y)
            subtype = r.subtype
            for enum in (PartnershipStatus, ChildLink, TwinKind, EmotionalKind):
                if subtype in enum._value2member_map_:
                    subtype = label(enum(subtype), lang)
                    break
            row[0].markdown(
                f"{md_escape(person_name(r.source))} → {md_escape(person_name(r.target))} · "
                f"{md_escape(subtype)} {md_escape(years)}"
            )
            if r.kind is RelationKind.PARTNERSHIP:
                with row[1].popover(_("Wijzigen")):
                    with st.form(f"geno_pedit_{r.id}"):
                        status = vocab_select(
                            _("Relatie"),
                            PartnershipStatus,
                            key=f"geno_ps_{r.id}",
                            value=r.subtype,
                        )
                        start = st.text_input(_("Van (jaar)"), value=r.start, key=f"geno_s_{r.id}")
                        end = st.text_input(_("Tot (jaar)"), value=r.end, key=f"geno_e_{r.id}")
                        if st.form_submit_button(_("Opslaan")):
                            try:
                                check_dates(start, end)
                                from dataclasses import replace

                                save_all(
                                    [
                                        replace(
                                            r, subtype=status, start=start.strip(), end=end.strip()
                                        )
                                    ]
                                )
                                st.rerun()
                            except CasemapError as err:
                                show_error(err)
            if row[2].button("✕", key=f"geno_rdel_{r.id}", help=_("Relatie verwijderen")):
                try:
                    delete("relation", r.id)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)

# ---------------------------------------------------------------- import / export
with io_tab:
    st.subheader(_("GEDCOM importeren"))
    upload = st.file_uploader(_("Stamboombestand (.ged)"), type=["ged"], key="geno_gedcom")
    if upload is not None:
        try:
            from mapping import gedcom

            imported = gedcom.read_gedcom(upload.getvalue(), title=Path(upload.name).stem)
            counts = gedcom.summary(imported)
            persons = [e for e in imported.entities if e.is_person]
            st.caption(
                _("{people} personen en {families} gezinnen in het bestand.").format(
                    people=counts["people"], families=counts["families"]
                )
            )
            if counts["large"]:  # more than gedcom.LARGE people: ask which part to keep
                st.warning(
                    _(
                        "Dit is een grote stamboom. Kies rond wie u importeert en hoeveel generaties."
                    )
                )
                pick = st.columns(2)
                around = pick[0].selectbox(
                    _("Rond persoon"),
                    [e.id for e in sorted(persons, key=lambda e: e.name.lower())],
                    format_func=lambda pid: next(e.name for e in persons if e.id == pid),
                    key="geno_ged_around",
                )
                generations = pick[1].number_input(
                    _("Generaties"), min_value=1, max_value=6, value=2, key="geno_ged_gen"
                )
                imported = gedcom.select_around(imported, around, int(generations))
                # The person chosen as the centre is the one the help is for.
                imported = replace(
                    imported,
                    entities=[
                        replace(e, index_person=e.id == around) if e.is_person else e
                        for e in imported.entities
                    ],
                )
            actions = st.columns(2)
            if actions[0].button(_("Als nieuwe casus importeren"), key="geno_ged_new"):
                created = store.import_case(imported, author=state.author())
                state.open_case(created.id)
                st.rerun()
            if actions[1].button(_("Toevoegen aan deze casus"), key="geno_ged_add"):
                save_all(
                    [e for e in imported.entities if e.is_person]
                    + [r for r in imported.relations if r.kind in FAMILY_KINDS]
                )
                st.rerun()
        except ImportError:
            st.info(_("GEDCOM-import is nog niet beschikbaar."))
        except CasemapError as err:
            show_error(err)

    st.subheader(_("Downloaden"))
    formats = {
        "svg": "SVG",
        "png96": _("PNG (scherm)"),
        "png300": _("PNG (300 dpi, afdrukken)"),
        "pdf": "PDF",
    }
    cols = st.columns(3)
    fmt = cols[0].selectbox(_("Formaat"), list(formats), format_func=formats.get, key="geno_fmt")
    anonymous = cols[1].checkbox(_("Pseudonimiseren"), value=pseudo, key="geno_export_pseudo")
    if cols[2].button(_("Bestand maken"), key="geno_export"):
        try:
            from mapping.export import export_lens

            kind = "png" if fmt.startswith("png") else fmt
            payload = export_lens(
                data,
                Lens.GENOGRAM,
                kind,
                pseudonymise=anonymous,
                lang=lang,
                author=state.author(),
                dpi=300 if fmt == "png300" else 96,
                hide_notes=not show_notes,
                show_emotional=show_emotional,
            )
            mime = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}[kind]
            st.download_button(
                _("Download {fmt}").format(fmt=formats[fmt]),
                payload,
                file_name=f"{case.code}-genogram.{kind}",
                mime=mime,
                key="geno_download",
            )
        except ImportError:
            st.info(_("Exporteren is nog niet beschikbaar."))
        except CasemapError as err:
            show_error(err)
