"""The genogram page's family: who is in it, how they are related, and saving a click.

Every genogram panel gets one :class:`Family`, made by the page once per run
from the loaded case. It answers the questions the forms ask (whose parents,
which partners, who descends from whom) and saves what one click made as one
revision.

    fam = Family.of(data, lang, store)
    fam.name(person_id); fam.partners_of(person_id); fam.save([person], "Ahmed toegevoegd.")
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData, Entity, Relation, new_id, qualifier_parts
from mapping.core.vocabulary import (
    ChildLink,
    DateQualifier,
    PartnershipStatus,
    RelationKind,
    Sex,
    label,
)
from views import state
from views.forms.person import PERSON_BLANKS
from views.i18n import _
from views.shell import show_error

PENDING_LINK = "geno_pending_link"  # (first id, second id) drawn on the canvas, to be saved
FLASH = "geno_flash"  # the message a save leaves for the next run
TAB = "geno_tab"  # the open tab's label, kept across the rerun after a save
TAB_AT = "geno_tab_at"  # the open tab's place: it stays open when the language changes
#: the fields of the add-person form emptied once the person is saved (widget key suffix: blank)
ADD_BLANKS = {
    **PERSON_BLANKS,
    "start": "",
    "connect": "none",
    "link": ChildLink.BIOLOGICAL.value,
    "plink": ChildLink.BIOLOGICAL.value,
    "status": PartnershipStatus.MARRIED.value,
}
#: the quick-add form beside the map, emptied after each person (the kind is asked again)
QUICK_BLANKS = {"kind": None, "name": "", "sex": Sex.UNKNOWN.value, "year": ""}


@dataclass
class Family:
    """The people of one loaded case as the genogram's forms need them."""

    data: CaseData
    lang: str
    store: object  # the session's GuardedStore
    people: list[Entity] = field(default_factory=list)  # sorted by name
    names: dict[str, str] = field(default_factory=dict)  # person id -> name
    couples: list[Relation] = field(default_factory=list)

    @classmethod
    def of(cls, data: CaseData, lang: str, store) -> Family:
        people = sorted((e for e in data.entities if e.is_person), key=lambda e: e.name.lower())
        couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
        return cls(data, lang, store, people, {e.id: e.name for e in people}, couples)

    # ------------------------------------------------------------ who is who
    def name(self, person_id: str) -> str:
        return self.names.get(person_id, "?")

    def couple_label(self, r: Relation) -> str:
        return f"{self.name(r.source)} & {self.name(r.target)}"

    def ancestors(self, person_id: str) -> set[str]:
        """Everyone ``person_id`` descends from (a parent of a parent ...)."""
        parents: dict[str, set[str]] = {}
        for r in self.data.relations:
            if r.kind is RelationKind.PARENT_CHILD:
                parents.setdefault(r.target, set()).add(r.source)
        seen: set[str] = set()
        todo = [person_id]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def between(self, kind: RelationKind, a: str, b: str) -> Relation | None:
        """The first ``kind`` relation between ``a`` and ``b``, in either direction."""
        return next(
            (r for r in self.data.relations if r.kind is kind and {r.source, r.target} == {a, b}),
            None,
        )

    def partners_of(self, person_id: str) -> list[str]:
        return [
            r.target if r.source == person_id else r.source
            for r in self.couples
            if person_id in (r.source, r.target)
        ]

    def parents_of(self, person_id: str) -> set[str]:
        return {
            r.source
            for r in self.data.relations
            if r.kind is RelationKind.PARENT_CHILD and r.target == person_id
        }

    # ------------------------------------------------------------ words for dates and lines
    def inexact(self, text: str, qualifier: str) -> str:
        """A stored date with the words that say how exact it is ('vóór 1828-03')."""
        kind, until = qualifier_parts(qualifier)
        if not text or kind is None:
            return text
        if kind is DateQualifier.BETWEEN:
            return _("tussen {a} en {b}").format(a=text, b=until) if until else text
        return f"{label(kind, self.lang)} {text}"

    def facts(self, person: Entity) -> str:
        """One line about a person: sex, born, died or age, occupation, role."""
        parts = [label(person.sex, self.lang)]
        if person.birth:
            born = self.inexact(person.birth, person.birth_qualifier)
            parts.append(_("geboren {date}").format(date=born))
        if person.death or person.deceased:
            when = self.inexact(person.death, person.death_qualifier)
            parts.append(_("overleden {date}").format(date=when).strip())
        elif age := person.age_text():
            parts.append(_("{n} jaar").format(n=age))
        parts += [p for p in (person.occupation, person.role) if p]
        return " · ".join(parts)

    # ------------------------------------------------------------ saving
    def save(
        self,
        records: list,
        success: str = "",
        *,
        forget: tuple[str, ...] = (),
        select: str = "",
        forget_form: str = "",
        blanks: dict | None = None,
    ) -> bool:
        """Save what one click made as one revision (all or nothing), then run again.

        ``forget`` names session keys that only held the unsaved input,
        ``forget_form`` the form to empty (its key prefix; ``blanks`` its
        fields, the add-person form's by default); ``select`` a person to
        select once saved. Returns False (with the message shown) when the
        store refused.
        """
        case = self.data.case
        try:
            self.store.save_many(
                case.id, records, expected_revision=case.revision, author=state.author()
            )
        except CasemapError as err:
            show_error(err)
            return False
        for key in forget:
            st.session_state.pop(key, None)
        if forget_form:
            state.forget_form(forget_form, ADD_BLANKS if blanks is None else blanks)
        if select:
            state.select("entity", select)
        if success:
            st.session_state[FLASH] = success
        st.rerun()
        return True  # pragma: no cover - st.rerun() does not return

    def delete(self, record_type: str, record_id: str) -> None:
        case = self.data.case
        self.store.delete(
            case.id, record_type, record_id, expected_revision=case.revision, author=state.author()
        )


def save_in_callback(data: CaseData, make, refused: str) -> list | None:
    """A form's save in its submit button's callback: ``make()``'s records as one revision.

    Checked against the revision the screen showed (the page's own run reads
    one revision behind it). A refusal, from ``make()`` or the store, is kept
    under the session key ``refused`` for the form to show, and gives None.
    """
    shown = state.shown_revision(data.case.id)
    try:
        records = make()
        with state.store() as store:
            store.save_many(
                data.case.id,
                records,
                expected_revision=data.case.revision if shown is None else shown,
                author=state.author(),
            )
    except CasemapError as err:
        st.session_state[refused] = err  # shown in the form; what was typed stays
        return None
    return records


def parent_child(parent: str, child: str, link: ChildLink) -> Relation:
    return Relation(
        id=new_id(), kind=RelationKind.PARENT_CHILD, source=parent, target=child, subtype=link
    )


def shown_subtype(r: Relation) -> str:
    """A couple stored without a status (an older family tree import) shows as unknown."""
    if r.kind is RelationKind.PARTNERSHIP and not r.subtype:
        return PartnershipStatus.UNKNOWN.value
    return r.subtype


def dated(r: Relation, **fields) -> Relation:
    """``r`` with new fields; a start or end typed anew loses its old qualifier."""
    for name in ("start", "end"):
        if name in fields and fields[name] != getattr(r, name):
            fields[f"{name}_qualifier"] = ""
    return replace(r, **fields)
