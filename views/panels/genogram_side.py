"""The column beside the genogram: the selected person, the selected line, the legend.

- a line just drawn on the canvas: its form (:mod:`views.panels.genogram_link`);
- the selected person: facts, the quick add of a partner, child, parent or
  sibling in four actions, their factors, goals and actions, remove;
- the selected line: a couple's status and years, a child's link, an
  emotional relation's kind and note, a twin's kind; or remove it;
- the legend, built only while its expander is open.
"""

from __future__ import annotations

import streamlit as st

from mapping.core import family
from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Relation
from mapping.core.vocabulary import (
    ChildLink,
    EmotionalKind,
    PartnershipStatus,
    RelationKind,
    Sex,
    TwinKind,
    label,
    options,
)
from views import state
from views.entity_actions import details, remove_entity
from views.forms.fields import vocab_select
from views.forms.person import read_period
from views.i18n import _
from views.panels.genogram_family import (
    FLASH,
    PENDING_LINK,
    QUICK_BLANKS,
    Family,
    dated,
    shown_subtype,
)
from views.panels.genogram_link import link_form
from views.panels.genogram_questions import child_questions, couple_question, parents_select
from views.shell import md_escape, show_error


def side_column(
    fam: Family, selected_id: str | None, selected_line: Relation | None, drawing: Drawing
) -> None:
    """Everything beside the map, top to bottom."""
    pending = st.session_state.get(PENDING_LINK)
    if pending and all(end in fam.names for end in pending):
        link_form(fam, *pending)
    elif pending:
        st.session_state.pop(PENDING_LINK, None)  # an end was removed meanwhile
    if st.session_state.get("geno_selected_seen") != selected_id:
        st.session_state["geno_selected"] = selected_id or ""  # chosen on the map
        st.session_state["geno_selected_seen"] = selected_id
        st.session_state["geno_quick_kind"] = None  # another person: ask what to add again
    st.selectbox(
        _("Geselecteerde persoon"),
        [""] + [e.id for e in fam.people],
        format_func=lambda pid: fam.name(pid) if pid else _("— niemand —"),
        key="geno_selected",
        on_change=pick,
    )
    if selected_id:
        person_panel(fam, selected_id)
    elif selected_line:
        line_panel(fam, selected_line)
    elif not pending:
        st.caption(
            _(
                "Kies een persoon op de kaart of hierboven. Met 'Verbinden' op de kaart "
                "trekt u een lijn tussen twee personen."
            )
        )
    if drawing.legend:
        legend = st.expander(_("Legenda"), key="geno_legend", on_change="rerun")
        if legend.open:  # closed, its dozens of lines are not sent at all
            with legend:
                for entry in drawing.legend:
                    st.markdown(f"- {md_escape(entry.text)}")


def pick(choice_key: str = "geno_selected") -> None:
    """The person chosen in the selectbox becomes the selection (a drawn line is let go)."""
    chosen = st.session_state.get(choice_key) or None
    state.select("entity" if chosen else None, chosen)
    st.session_state.pop(PENDING_LINK, None)


def person_panel(fam: Family, person_id: str) -> None:
    """The selected person: name, facts, quick add, balance and plan, remove."""
    person = fam.data.entity(person_id)
    st.markdown(f"### {md_escape(person.name)}")
    st.caption(md_escape(fam.facts(person)))
    if person.annotation or person.note:
        st.markdown(md_escape(" — ".join(t for t in (person.annotation, person.note) if t)))
    quick_add(fam, person_id)
    details(fam.data, person_id, key="geno_details")
    if remove_entity(fam.data, person, key=f"geno_remove_{person_id}"):
        st.session_state[FLASH] = _("{name} verwijderd.").format(name=person.name)
        st.session_state.pop("geno_selected", None)
        st.rerun()


def quick_add(fam: Family, anchor: str) -> None:
    """Add a partner, child, parent or sibling of ``anchor`` with the facts that matter.

    Four actions from the map: select the symbol, choose what the new person
    is, type the name, press Enter or 'Toevoegen'. Sex and year of birth are
    optional; a partner of someone with children is asked about each child
    in the same form. The anchor stays selected (the next child of the same
    couple costs three actions); the form starts empty again.
    """
    lang = fam.lang
    with st.container(border=True, key="geno_quick"):
        kind = st.segmented_control(
            _("Toevoegen bij {name}").format(name=md_escape(fam.name(anchor))),
            list(family.QUICK_KINDS),
            format_func=lambda k: family.QUICK_KINDS[k][1 if lang == "en" else 0],
            key="geno_quick_kind",
        )
        if not kind:
            return
        answers: dict[str, str] = {}
        parents, status, couple = None, PartnershipStatus.UNKNOWN.value, ""
        with st.form("geno_quick_form", border=False):
            name = st.text_input(_("Naam"), key="geno_quick_name")
            sex = st.radio(
                _("Geslacht"),
                list(options(Sex, lang)),
                index=list(Sex).index(Sex.UNKNOWN),
                format_func=lambda v: label(Sex(v), lang),
                horizontal=True,
                key="geno_quick_sex",
            )
            year = st.text_input(
                _("Geboortejaar (optioneel)"), placeholder=_("bijv. 1984"), key="geno_quick_year"
            )
            if kind == "child":
                parents = parents_select(fam, "geno_quick_parents", anchor)
            elif kind == "partner":
                status = vocab_select(
                    _("Relatie"),
                    PartnershipStatus,
                    key="geno_quick_status",
                    value=PartnershipStatus.UNKNOWN,
                )
                answers = child_questions(fam, anchor, "geno_quick_kid")
            elif kind == "parent":
                couple = couple_question(fam, anchor, "geno_quick_couple")
            added = st.form_submit_button(_("Toevoegen"), type="primary")
        if added:
            try:
                records = family.quick_records(
                    fam.data,
                    anchor,
                    kind,
                    name,
                    sex=sex,
                    birth=year,
                    parents=parents if kind == "child" else None,
                    status=str(status),
                    children=answers,
                    couple=couple,
                )
                if kind == "child" and not parents:
                    raise InvalidInput(
                        "Kies de ouders (een stel of één ouder).",
                    )
            except CasemapError as err:
                show_error(err)
                return
            what = family.QUICK_KINDS[kind][1 if lang == "en" else 0].lower()
            fam.save(
                records,
                _("{name} toegevoegd ({kind} bij {anchor}).").format(
                    name=records[0].name, kind=what, anchor=fam.name(anchor)
                ),
                forget_form="geno_quick",
                blanks={
                    **QUICK_BLANKS,
                    "status": PartnershipStatus.UNKNOWN.value,
                    "couple": PartnershipStatus.UNKNOWN.value,
                    **{f"kid_{c}": "step" for c in answers},
                },
            )


def line_panel(fam: Family, r: Relation) -> None:
    """Edit the line selected on the map: a couple's status and years, a child's link,
    an emotional relation's kind and note, a twin's kind; or remove it."""
    enum = {
        RelationKind.PARTNERSHIP: PartnershipStatus,
        RelationKind.PARENT_CHILD: ChildLink,
        RelationKind.EMOTIONAL: EmotionalKind,
        RelationKind.TWIN: TwinKind,
    }.get(r.kind)
    with st.container(border=True, key="geno_line"):
        joiner = " & " if r.kind is RelationKind.PARTNERSHIP else " → "
        st.markdown(f"**{md_escape(fam.name(r.source))}{joiner}{md_escape(fam.name(r.target))}**")
        if enum is None:
            return
        v = state.form_version(r, "geno_line")
        titles = {
            RelationKind.PARTNERSHIP: _("Relatie"),
            RelationKind.PARENT_CHILD: _("Soort kind"),
            RelationKind.EMOTIONAL: _("Soort emotionele relatie"),
            RelationKind.TWIN: _("Soort tweeling"),
        }
        with st.form(f"geno_line_{r.id}{v}", border=False):
            subtype = vocab_select(
                titles[r.kind], enum, key=f"geno_line_sub_{r.id}{v}", value=shown_subtype(r)
            )
            fields: dict = {"subtype": subtype.value}
            if r.kind is RelationKind.PARTNERSHIP:
                years = st.columns(2)
                start = years[0].text_input(
                    _("Begin (jaar of datum)"), value=r.start, key=f"geno_line_start_{r.id}{v}"
                )
                end = years[1].text_input(
                    _("Einde (jaar of datum)"),
                    value=r.end,
                    help=_("Bij een scheiding: het jaar van de scheiding."),
                    key=f"geno_line_end_{r.id}{v}",
                )
            elif r.kind is RelationKind.EMOTIONAL:
                fields["note"] = st.text_input(
                    _("Notitie"), value=r.note, key=f"geno_line_note_{r.id}{v}"
                ).strip()
            saved = st.form_submit_button(_("Opslaan"), type="primary")
        if saved:
            try:
                if r.kind is RelationKind.PARTNERSHIP:
                    fields["start"], fields["end"] = read_period(start, end, ("start", "end"))
            except CasemapError as err:
                show_error(err)
            else:
                fam.save([dated(r, **fields)], _("Lijn opgeslagen."))
        if st.button(_("Lijn verwijderen"), key=f"geno_line_del_{r.id}"):
            try:
                fam.delete("relation", r.id)
            except CasemapError as err:
                show_error(err)
            else:
                state.select(None)
                st.rerun()
