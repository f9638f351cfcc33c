"""A line drawn on the genogram's canvas ("Verbinden", then two symbols): what is it?

:func:`start_link` remembers the two people and fills the form with what the
family suggests (:func:`suggest`); :func:`link_form` beside the map asks
whether the line is a partnership, a parent and child, an emotional relation
or twins, and saves it as one revision (an existing relation is changed, not
doubled).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from mapping.core import family
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Relation, new_id
from mapping.core.network import generations
from mapping.core.vocabulary import (
    ChildLink,
    EmotionalKind,
    PartnershipStatus,
    RelationKind,
    TwinKind,
    label,
)
from views import state
from views.forms.person import read_period
from views.i18n import _
from views.panels.genogram_family import PENDING_LINK, Family, dated, parent_child
from views.panels.genogram_questions import child_questions
from views.shell import md_escape, show_error

LINK_KINDS = ("partnership", "child", "emotional", "twin")


def suggest(fam: Family, a: str, b: str) -> dict:
    """The form's starting values for a line drawn from ``a`` to ``b``.

    Partners already: an emotional relation. Born 15 years or more apart
    (without birth years: a generation apart): parent and child, the elder
    the parent, with the parent's partner as second parent when the child has
    no parents yet. Siblings: an emotional relation. Otherwise a partnership.
    A relation that exists already gives its own values (it is changed, not
    doubled).
    """
    data = fam.data
    rows = generations(data)
    entity = data.entity_map()
    years = {p: int(entity[p].birth[:4]) if entity[p].birth[:4].isdigit() else None for p in (a, b)}
    if None not in years.values():  # birth years say who is older and how much
        older = a if years[a] <= years[b] else b
        apart = abs(years[a] - years[b]) >= 15
    elif a in rows and b in rows:  # else the generation rows of the family
        older = a if rows[a] <= rows[b] else b
        apart = rows[a] != rows[b]
    else:
        older, apart = a, False
    younger = b if older == a else a
    existing_child = next(
        (
            r
            for r in data.relations
            if r.kind is RelationKind.PARENT_CHILD and {r.source, r.target} == {a, b}
        ),
        None,
    )
    values = {
        "kind": "partnership",
        "status": PartnershipStatus.MARRIED.value,
        "start": "",
        "end": "",
        "parent": older,
        "link": ChildLink.BIOLOGICAL.value,
        "other": "",
        "emotional": EmotionalKind.CLOSE.value,
        "note": "",
        "twin": TwinKind.FRATERNAL.value,
    }
    couple = fam.between(RelationKind.PARTNERSHIP, a, b)
    emotional = fam.between(RelationKind.EMOTIONAL, a, b)
    twin = fam.between(RelationKind.TWIN, a, b)
    if couple:
        values.update(
            status=couple.subtype or PartnershipStatus.UNKNOWN.value,
            start=couple.start,
            end=couple.end,
        )
    if emotional:
        values.update(emotional=emotional.subtype or values["emotional"], note=emotional.note)
    if twin:
        values.update(twin=twin.subtype or values["twin"])
    if existing_child:
        values.update(
            kind="child", parent=existing_child.source, link=existing_child.subtype or "biological"
        )
    elif twin:
        values["kind"] = "twin"
    elif couple or emotional or (fam.parents_of(a) & fam.parents_of(b)):
        values["kind"] = "emotional"
    elif apart:
        values["kind"] = "child"
        partners = [p for p in fam.partners_of(older) if p != younger]
        if not fam.parents_of(younger) and len(partners) == 1:
            values["other"] = partners[0]
    return values


def start_link(fam: Family, a: str, b: str) -> None:
    """Remember the drawn line and put the suggested values in the form's widgets."""
    st.session_state[PENDING_LINK] = (a, b)
    for name, value in suggest(fam, a, b).items():
        st.session_state[f"geno_link_{name}"] = value


def link_records(fam: Family, a: str, b: str, values: dict) -> list:
    """The relation(s) the connect form describes; an existing one is changed, not doubled."""
    kind = values["kind"]
    if kind == "partnership":
        start, end = read_period(values["start"], values["end"], ("start", "end"))
        fields = {"subtype": values["status"], "start": start, "end": end}
        existing = fam.between(RelationKind.PARTNERSHIP, a, b)
        if existing:
            return [dated(existing, **fields)]
        records = [
            Relation(id=new_id(), kind=RelationKind.PARTNERSHIP, source=a, target=b, **fields)
        ]
        for partner, answers in values.get("children", ()):
            records += family.partner_child_records(fam.data, partner, answers)
        return records
    if kind == "child":
        parent = values["parent"]
        child = b if parent == a else a
        if child in fam.ancestors(parent):
            p_name, c_name = fam.name(parent), fam.name(child)
            raise InvalidInput(
                "{p_name} kan geen ouder zijn van {c_name}: {c_name} is al een voorouder van "
                "{p_name}.",
                p_name=p_name,
                c_name=c_name,
            )
        records = []
        for p in (parent, values.get("other") or ""):
            if not p or p == child:
                continue
            existing = next(
                (
                    r
                    for r in fam.data.relations
                    if r.kind is RelationKind.PARENT_CHILD and (r.source, r.target) == (p, child)
                ),
                None,
            )
            if existing:
                records.append(replace(existing, subtype=values["link"]))
            else:
                records.append(parent_child(p, child, ChildLink(values["link"])))
        return records
    relation_kind = RelationKind.EMOTIONAL if kind == "emotional" else RelationKind.TWIN
    fields = (
        {"subtype": values["emotional"], "note": values["note"].strip()}
        if kind == "emotional"
        else {"subtype": values["twin"]}
    )
    existing = fam.between(relation_kind, a, b)
    if existing:
        return [replace(existing, **fields)]
    return [Relation(id=new_id(), kind=relation_kind, source=a, target=b, **fields)]


def _link_fields(fam: Family, a: str, b: str, kind: str) -> dict:
    """The fields of the connect form for one kind of line; returns their values."""
    lang = fam.lang
    values: dict = {"kind": kind}
    if kind == "partnership":
        values["status"] = st.selectbox(
            _("Relatie"),
            [s.value for s in PartnershipStatus],
            format_func=lambda v: label(PartnershipStatus(v), lang),
            key="geno_link_status",
        )
        years = st.columns(2)
        values["start"] = years[0].text_input(_("Begin (jaar of datum)"), key="geno_link_start")
        values["end"] = years[1].text_input(_("Einde (jaar of datum)"), key="geno_link_end")
        if not fam.between(RelationKind.PARTNERSHIP, a, b):  # a new couple: ask about children
            values["children"] = [
                (b, child_questions(fam, a, "geno_link_kid", b)),
                (a, child_questions(fam, b, "geno_link_kid", a)),
            ]
    elif kind == "child":
        values["parent"] = st.radio(
            _("Wie is de ouder?"),
            [a, b],
            format_func=lambda p: _("{name} is de ouder").format(name=md_escape(fam.name(p))),
            key="geno_link_parent",
        )
        child = b if values["parent"] == a else a
        values["link"] = st.selectbox(
            _("Soort kind"),
            [c.value for c in ChildLink],
            format_func=lambda v: label(ChildLink(v), lang),
            key="geno_link_link",
        )
        others = [""] + [p for p in fam.partners_of(values["parent"]) if p != child]
        if st.session_state.get("geno_link_other") not in others:
            st.session_state["geno_link_other"] = ""
        values["other"] = st.selectbox(
            _("Tweede ouder (optioneel)"),
            others,
            format_func=lambda p: fam.name(p) if p else "—",
            key="geno_link_other",
        )
    elif kind == "emotional":
        values["emotional"] = st.selectbox(
            _("Soort emotionele relatie"),
            [k.value for k in EmotionalKind],
            format_func=lambda v: label(EmotionalKind(v), lang),
            key="geno_link_emotional",
        )
        values["note"] = st.text_input(_("Notitie"), key="geno_link_note")
    else:
        values["twin"] = st.selectbox(
            _("Soort tweeling"),
            [t.value for t in TwinKind],
            format_func=lambda v: label(TwinKind(v), lang),
            key="geno_link_twin",
        )
    return values


def link_form(fam: Family, a: str, b: str) -> None:
    """The connect form beside the map: what the drawn line is, Save or Cancel."""
    with st.container(border=True):
        st.markdown(
            "**"
            + _("Nieuwe lijn {a} – {b}").format(a=md_escape(fam.name(a)), b=md_escape(fam.name(b)))
            + "**"
        )
        kinds = {
            "partnership": _("Partners"),
            "child": _("Ouder en kind"),
            "emotional": _("Emotionele relatie"),
            "twin": _("Tweeling"),
        }
        kind = st.radio(
            _("Soort lijn"),
            LINK_KINDS,
            format_func=kinds.get,
            horizontal=True,
            key="geno_link_kind",
        )
        values = _link_fields(fam, a, b, kind)
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.button(_("Opslaan"), type="primary", key="geno_link_save")
        cancelled = cancel_col.button(_("Annuleren"), key="geno_link_cancel")
    if cancelled:
        st.session_state.pop(PENDING_LINK, None)
        st.rerun()
    if confirmed:
        try:
            records = link_records(fam, a, b, values)
        except CasemapError as err:
            show_error(err)
        else:
            fam.save(
                records,
                _("Lijn {a} – {b} opgeslagen.").format(a=fam.name(a), b=fam.name(b)),
                forget=(PENDING_LINK,),
            )


def handle_canvas_event(fam: Family, event: object) -> None:
    """What a connect or select on the map asks: open the connect form, or select."""
    if isinstance(event, dict) and event.get("type") == "connect":
        ends = (str(event.get("source") or ""), str(event.get("target") or ""))
        if not all(end in fam.names for end in ends):
            st.warning(_("Een lijn in het genogram loopt van een persoon naar een persoon."))
        elif ends[0] == ends[1]:
            st.warning(_("Kies twee verschillende personen."))
        else:
            start_link(fam, *ends)
    elif isinstance(event, dict) and event.get("type") == "select":
        state.select(event.get("kind"), event.get("id"))
        if event.get("kind") == "entity":
            st.session_state.pop(PENDING_LINK, None)  # a new choice on the map closes the form
