"""The genogram's tab "Relaties": add a relation by form, list the selected person's relations.

The form adds a partnership (with years), a parent and child (with an
optional second parent), twins or an emotional relation; the list shows
the relations of the selected person (or all of them), a couple's status and
years editable in a popover, each one removable.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import Relation, new_id
from mapping.core.vocabulary import (
    FAMILY_KINDS,
    ChildLink,
    EmotionalKind,
    PartnershipStatus,
    RelationKind,
    TwinKind,
    label,
)
from views import state
from views.forms.fields import vocab_select
from views.forms.person import read_period
from views.i18n import _
from views.panels.genogram_family import (
    FLASH,
    Family,
    dated,
    parent_child,
    save_in_callback,
    shown_subtype,
)
from views.shell import md_escape, show_error

#: the form's kinds of relation -> the stored kind
RELATION_KINDS = {
    "partnership": RelationKind.PARTNERSHIP,
    "child": RelationKind.PARENT_CHILD,
    "twin": RelationKind.TWIN,
    "emotional": RelationKind.EMOTIONAL,
}


REFUSED = "geno_rel_refused"  # the error the relation form's save met, shown in the form
#: the widget key of each extra field, per kind of relation
EXTRA_KEYS = {
    "partnership": {"subtype": "geno_rel_status", "start": "geno_rel_start", "end": "geno_rel_end"},
    "child": {"subtype": "geno_rel_link"},
    "twin": {"subtype": "geno_rel_twin"},
    "emotional": {"subtype": "geno_rel_emo", "note": "geno_rel_note"},
}
SUBTYPES_OF = {
    "partnership": PartnershipStatus,
    "child": ChildLink,
    "twin": TwinKind,
    "emotional": EmotionalKind,
}


def relations_tab(fam: Family, selected_id: str | None) -> None:
    """The form, then the list of relations."""
    if len(fam.people) < 2:
        st.info(_("Voeg eerst minstens twee personen toe."))
        return
    relation_form(fam, selected_id)
    relation_list(fam, selected_id)


def relation_form(fam: Family, selected_id: str | None) -> None:
    """Two people and what binds them; saved as one revision."""
    ids = [e.id for e in fam.people]
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
        a_col.selectbox(
            _("Ouder") if kind == "child" else _("Persoon"),
            ids,
            index=default,
            format_func=fam.name,
            key=f"geno_rel_a_{selected_id or 'none'}",  # follows the selection
        )
        b_col.selectbox(
            _("Kind") if kind == "child" else _("Met"),
            ids,
            index=min(1, len(ids) - 1) if default == 0 else 0,
            format_func=fam.name,
            key=f"geno_rel_b_{selected_id or 'none'}",  # follows the selection
        )
        extra: dict = {}  # the fields this kind adds (their values are read when saved)
        if kind == "partnership":
            extra["subtype"] = vocab_select(_("Relatie"), PartnershipStatus, key="geno_rel_status")
            years = st.columns(2)
            extra["start"] = years[0].text_input(_("Begin (jaar of datum)"), key="geno_rel_start")
            extra["end"] = years[1].text_input(_("Einde (jaar of datum)"), key="geno_rel_end")
        elif kind == "child":
            extra["subtype"] = vocab_select(_("Soort kind"), ChildLink, key="geno_rel_link")
            st.selectbox(
                _("Tweede ouder (optioneel)"),
                [""] + ids,
                format_func=lambda pid: fam.name(pid) if pid else "—",
                key="geno_rel_other",
            )
        elif kind == "twin":
            extra["subtype"] = vocab_select(_("Soort tweeling"), TwinKind, key="geno_rel_twin")
        else:
            extra["subtype"] = vocab_select(
                _("Soort emotionele relatie"), EmotionalKind, key="geno_rel_emo"
            )
            extra["note"] = st.text_input(_("Notitie"), key="geno_rel_note")
        refused = st.session_state.pop(REFUSED, None)
        if refused is not None:
            show_error(refused)
        # saved in the callback, before the page runs: the map shows the line at once
        st.form_submit_button(
            _("Relatie toevoegen"),
            type="primary",
            on_click=_save_relation,
            args=(fam, kind, f"geno_rel_a_{selected_id or 'none'}", list(extra)),
        )


def _save_relation(fam: Family, kind: str, first_key: str, shown: list[str]) -> None:
    """The relation form's save, as its submit button's callback (one revision).

    The values are read from the session, as submitted: the two people under
    ``first_key`` (and its ``_b_`` twin), the extra fields ``shown`` by the
    form for this ``kind``; ``fam`` is the family the form was drawn from.
    """
    ss = st.session_state
    first, second = ss.get(first_key), ss.get(first_key.replace("geno_rel_a_", "geno_rel_b_"))
    extra = {name: ss.get(EXTRA_KEYS[kind][name], "") for name in shown}
    other = ss.get("geno_rel_other", "") if kind == "child" else ""

    def records() -> list:
        if first == second:
            raise InvalidInput("Kies twee verschillende personen.")
        if kind == "partnership":
            extra["start"], extra["end"] = read_period(
                extra["start"], extra["end"], ("start", "end")
            )
        if kind == "child" and second in fam.ancestors(first) | {first}:
            raise InvalidInput(
                "{name} kan geen ouder zijn van {name2}.",
                name=fam.name(first),
                name2=fam.name(second),
            )
        fields = {k: v.strip() if isinstance(v, str) else v for k, v in extra.items()}
        if "subtype" in fields:
            fields["subtype"] = SUBTYPES_OF[kind](fields["subtype"])
        made = [
            Relation(id=new_id(), kind=RELATION_KINDS[kind], source=first, target=second, **fields)
        ]
        if kind == "child" and other and other not in (first, second):
            made.append(parent_child(other, second, fields["subtype"]))
        return made

    if save_in_callback(fam.data, records, REFUSED) is None:
        return
    ss[FLASH] = _("Relatie opgeslagen.")


def relation_list(fam: Family, focus: str | None) -> None:
    """The family relations of ``focus`` (everyone's without one): edit a couple, remove any."""
    listed = [
        r
        for r in fam.data.relations
        if r.kind in (*FAMILY_KINDS, RelationKind.EMOTIONAL)
        and (focus is None or focus in (r.source, r.target))
        and r.source in fam.names
        and r.target in fam.names
    ]
    if listed:
        title = (
            _("Relaties van {name}").format(name=md_escape(fam.name(focus)))
            if focus
            else _("Alle relaties")
        )
        st.markdown(f"**{title}**")
    for r in listed:
        row = st.columns([5, 2, 1])
        years = " – ".join(y for y in (r.start, r.end) if y)
        subtype = r.subtype
        for enum in (PartnershipStatus, ChildLink, TwinKind, EmotionalKind):
            if subtype in enum._value2member_map_:
                subtype = label(enum(subtype), fam.lang)
                break
        row[0].markdown(
            f"{md_escape(fam.name(r.source))} → {md_escape(fam.name(r.target))} · "
            f"{md_escape(subtype)} {md_escape(years)}"
        )
        if r.kind is RelationKind.PARTNERSHIP:
            edit = row[1].popover(_("Wijzigen"), key=f"geno_pedit_open_{r.id}", on_change="rerun")
            if edit.open:  # its form is sent only once opened
                with edit:
                    couple_form(fam, r)
        if row[2].button("✕", key=f"geno_rdel_{r.id}", help=_("Relatie verwijderen")):
            try:
                fam.delete("relation", r.id)
                st.rerun()
            except CasemapError as err:
                show_error(err)


def couple_form(fam: Family, r: Relation) -> None:
    """A couple's status, start and end (in the list's popover)."""
    v = state.form_version(r, "geno_pedit")
    with st.form(f"geno_pedit_{r.id}"):
        status = vocab_select(
            _("Relatie"), PartnershipStatus, key=f"geno_ps_{r.id}{v}", value=shown_subtype(r)
        )
        start = st.text_input(_("Begin (jaar of datum)"), value=r.start, key=f"geno_s_{r.id}{v}")
        end = st.text_input(_("Einde (jaar of datum)"), value=r.end, key=f"geno_e_{r.id}{v}")
        if st.form_submit_button(_("Opslaan")):
            try:
                start, end = read_period(start, end, ("start", "end"))
            except CasemapError as err:
                show_error(err)
            else:
                fam.save([dated(r, subtype=status, start=start, end=end)])
