"""The genogram's tabs "Persoon toevoegen" and "Persoon bewerken".

A new person is added loose, as a child of a couple or one parent, or (with
someone selected) as their partner or parent, in one revision with the
lines that connect them; the form starts at its defaults again after a
save, not when the input was refused.
"""

from __future__ import annotations

import streamlit as st

from mapping.core import family
from mapping.core.errors import InvalidInput
from mapping.core.model import Relation, new_id
from mapping.core.vocabulary import ChildLink, PartnershipStatus, RelationKind
from views import state
from views.forms.fields import vocab_select
from views.forms.person import entity_from, person_fields, person_values, read_date
from views.i18n import _
from views.panels.genogram_family import ADD_BLANKS, FLASH, Family, parent_child, save_in_callback
from views.panels.genogram_questions import child_questions, couple_question, parents_select
from views.shell import md_escape, show_error

ADD_REFUSED = "geno_add_refused"  # the error the add form's save met, shown in the form
EDIT_REFUSED = "geno_edit_refused"  # the same for the edit form


def add_person(fam: Family, selected_id: str | None) -> None:
    """The add form: the person's facts and how they join the family."""
    connect_options = {"none": _("los"), "child": _("als kind van")}
    if selected_id:
        name = md_escape(fam.name(selected_id))
        connect_options["partner"] = _("als partner van {name}").format(name=name)
        connect_options["parent"] = _("als ouder van {name}").format(name=name)
    connect = st.radio(
        _("Verbinden"),
        list(connect_options),
        format_func=connect_options.get,
        horizontal=True,
        key="geno_add_connect",
    )
    with st.form("geno_add"):  # emptied after the save, not when the input is refused
        person_fields("geno_add")
        kids: list[str] = []
        if connect == "child":
            parents_select(fam, "geno_add_parents", selected_id)
            vocab_select(_("Soort kind"), ChildLink, key="geno_add_link")
        elif connect == "partner":
            vocab_select(_("Relatie"), PartnershipStatus, key="geno_add_status")
            st.text_input(_("Begin (jaar of datum)"), key="geno_add_start")
            kids = list(child_questions(fam, selected_id, "geno_add_kid"))
        elif connect == "parent":
            vocab_select(_("Soort kind"), ChildLink, key="geno_add_plink")
            couple_question(fam, selected_id, "geno_add_couple")
        refused = st.session_state.pop(ADD_REFUSED, None)
        if refused is not None:
            show_error(refused)
        # saved in the callback, before the page runs: the map shows the new person at once
        st.form_submit_button(
            _("Persoon toevoegen"),
            type="primary",
            on_click=_save_add,
            args=(fam.data, selected_id, connect, kids),
        )


def _new_person_records(data, selected_id: str | None, connect: str, kids: list[str]) -> list:
    """The new person of the add form and the lines that join them, from the session."""
    ss = st.session_state
    person = entity_from(person_values("geno_add"))
    records: list = [person]
    if connect == "child":
        parents_choice = ss.get(f"geno_add_parents_{selected_id or 'none'}")
        if not parents_choice:
            raise InvalidInput("Kies de ouders (een stel of één ouder).")
        link = ChildLink(ss.get("geno_add_link", ChildLink.BIOLOGICAL.value))
        parents = family.parents_from_choice(data, parents_choice)
        records += [parent_child(p, person.id, link) for p in parents]
    elif connect == "partner" and selected_id:
        records.append(
            Relation(
                id=new_id(),
                kind=RelationKind.PARTNERSHIP,
                source=selected_id,
                target=person.id,
                subtype=PartnershipStatus(ss["geno_add_status"]),
                start=read_date(ss.get("geno_add_start", ""), "start"),
            )
        )
        answers = {child: ss.get(f"geno_add_kid_{child}", "step") for child in kids}
        records += family.partner_child_records(data, person.id, answers)
    elif connect == "parent" and selected_id:
        link = ChildLink(ss.get("geno_add_plink", ChildLink.BIOLOGICAL.value))
        records.append(parent_child(person.id, selected_id, link))
        other = family.single_parent(data, selected_id)
        couple_status = ss.get("geno_add_couple", "") if other else ""
        if other and couple_status:
            records.append(
                Relation(
                    id=new_id(),
                    kind=RelationKind.PARTNERSHIP,
                    source=other,
                    target=person.id,
                    subtype=couple_status,
                )
            )
    return records


def _save_add(data, selected_id: str | None, connect: str, kids: list[str]) -> None:
    """The add form's save, as its submit button's callback (one revision)."""
    records = save_in_callback(
        data, lambda: _new_person_records(data, selected_id, connect, kids), ADD_REFUSED
    )
    if records is None:
        return
    person = records[0]
    state.forget_form(
        "geno_add",
        {
            **ADD_BLANKS,
            "couple": PartnershipStatus.UNKNOWN.value,
            **{f"kid_{c}": "step" for c in kids},
        },
    )
    state.select("entity", person.id)
    st.session_state[FLASH] = _("{name} toegevoegd.").format(name=person.name)


def edit_person(fam: Family, selected_id: str | None) -> None:
    """The selected person's facts in the person form, saved as one revision."""
    if not selected_id:
        st.info(_("Kies eerst een persoon (in de tekening of naast de kaart)."))
        return
    person = fam.data.entity(selected_id)
    # new widgets when the stored person changed (a colleague's change shows)
    prefix = f"geno_edit_{selected_id}" + state.form_version(person, "geno_edit")
    with st.form(f"geno_edit_{selected_id}"):
        person_fields(prefix, person)
        refused = st.session_state.pop(EDIT_REFUSED, None)
        if refused is not None:
            show_error(refused)
        # saved in the callback, before the page runs: the map shows it in the same run
        st.form_submit_button(
            _("Opslaan"),
            type="primary",
            on_click=_save_edit,
            args=(fam.data, person, prefix),
        )


def _save_edit(data, person, prefix: str) -> None:
    """The edit form's save, as its submit button's callback (one revision)."""
    saved = save_in_callback(
        data, lambda: [entity_from(person_values(prefix), person)], EDIT_REFUSED
    )
    if saved is not None:
        st.session_state[FLASH] = _("Opgeslagen.")
