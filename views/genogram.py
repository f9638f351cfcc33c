"""Genogram page: the family across generations, built and edited in a few clicks.

The map sits on the interactive canvas with a panel beside it: the selected
person (facts, quick add of a partner, child, parent or sibling in four
actions, their factors, goals and actions, remove); the selected line (a
couple's status and years, a child's link, an emotional relation's kind);
or, after a line was drawn on the canvas ("Verbinden", then two symbols), a
short form asking what the line is: a partnership, a parent and child, an
emotional relation or twins. Everything one click saves is one revision
(``Store.save_many``).

The family logic that asks lives in :mod:`mapping.core.family`: a new partner of
someone with children is asked, in the same form, whether they are also a
parent of each child; "als kind van" starts at the selected person's couple.
Every add form starts at its defaults again after a save, and the open tab
(keyed) and the selection survive the rerun.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import streamlit as st

from mapping.core import family
from mapping.core.drawing import Drawing
from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import CaseData, Entity, Relation, new_id, qualifier_parts
from mapping.core.network import generations
from mapping.core.vocabulary import (
    FAMILY_KINDS,
    BirthStatus,
    ChildLink,
    Condition,
    DateQualifier,
    EmotionalKind,
    Lens,
    PartnershipStatus,
    RelationKind,
    Sex,
    TwinKind,
    label,
    options,
)
from mapping.lenses.genogram import layout_genogram
from mapping.render.svg import RenderOptions
from mapping.services.export import export_lens
from views import case_cache, state
from views.canvas import lens_canvas
from views.entity_actions import details, remove_entity
from views.exports import export_panel
from views.forms.fields import vocab_select
from views.i18n import _
from views.shell import md_escape, require_case, show_error

PENDING_LINK = "geno_pending_link"  # (first id, second id) drawn on the canvas, to be saved
FLASH = "geno_flash"
#: the fields of the add-person form emptied once the person is saved (widget key suffix: blank)
ADD_BLANKS = {
    **dict.fromkeys(("name", "role", "birth", "death", "job", "annotation", "start"), ""),
    **dict.fromkeys(("dec", "hh", "index"), False),
    "conditions": [],
    # choices start at their default again: the next person is not a man because Ahmed was
    "sex": Sex.UNKNOWN.value,
    "birth_status": BirthStatus.BORN.value,
    "connect": "none",
    "link": ChildLink.BIOLOGICAL.value,
    "plink": ChildLink.BIOLOGICAL.value,
    "status": PartnershipStatus.MARRIED.value,
}
#: the quick-add form beside the map, emptied after each person (the kind is asked again)
QUICK_BLANKS = {"kind": None, "name": "", "sex": Sex.UNKNOWN.value, "year": ""}
TAB = "geno_tab"  # the open tab, kept across the rerun after a save
LINK_KINDS = ("partnership", "child", "emotional", "twin")

#: field -> (Dutch label, English label) as named in a date error
DATE_FIELDS = {
    "birth": ("Geboortedatum", "Date of birth"),
    "death": ("Overlijdensdatum", "Date of death"),
    "start": ("Begin van de relatie", "Start of the relationship"),
    "end": ("Einde van de relatie", "End of the relationship"),
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DUTCH = re.compile(r"^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$")


def read_date(value: str, field: str) -> str:
    """What a Dutch user typed as a date, as a partial ISO date ('' stays '').

    Accepts 1980, 1980-05, 1980-05-03, 3-5-1980, 03-05-1980 (also with / or
    .) and 5-1980; refuses what is no date in the calendar (31-02-1980) with
    a message naming the field by its label.

    >>> read_date("3-5-1980", "birth"), read_date("1980-5", "birth"), read_date(" 1980 ", "birth")
    ('1980-05-03', '1980-05', '1980')
    """
    text = (value or "").strip()
    if not text:
        return ""
    day = month = None
    if match := _ISO.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH.match(text):
        day, month, year = match.groups()
    else:
        year = None
    try:
        if year is None or int(year) < 1000:
            raise ValueError(text)
        if month is None:
            return year
        if day is None:
            if not 1 <= int(month) <= 12:
                raise ValueError(text)
            return f"{year}-{int(month):02d}"
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        nl, en = DATE_FIELDS[field]
        raise InvalidInput(
            f"{nl}: '{text}' is geen geldige datum; schrijf jjjj of jjjj-mm-dd.",
            f"{en}: '{text}' is not a valid date; write yyyy or yyyy-mm-dd.",
        ) from None


def read_period(first: str, last: str, fields: tuple[str, str]) -> tuple[str, str]:
    """Two dates of which the second may not come before the first."""
    begin, end = read_date(first, fields[0]), read_date(last, fields[1])
    n = min(len(begin), len(end))
    if begin and end and end[:n] < begin[:n]:
        (nl_a, en_a), (nl_b, en_b) = DATE_FIELDS[fields[0]], DATE_FIELDS[fields[1]]
        raise InvalidInput(
            f"{nl_b} ({end}) ligt vóór {nl_a.lower()} ({begin}).",
            f"{en_b} ({end}) is before {en_a.lower()} ({begin}).",
        )
    return begin, end


lang = state.current_lang()
st.title(_("Genogram"))
state.apply_form_resets()  # a form saved in the last run starts empty
data = require_case()
case = data.case
store = state.store()
aids = state.meeting_aids()


def save(
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
    ``forget_form`` the form to empty (its key prefix; ``blanks`` its fields,
    the add-person form's by default); ``select`` a person to select once saved. Returns False (with the message shown)
    when the store refused.
    """
    try:
        store.save_many(case.id, records, expected_revision=case.revision, author=state.author())
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


def parent_child(parent: str, child: str, link: ChildLink) -> Relation:
    return Relation(
        id=new_id(), kind=RelationKind.PARENT_CHILD, source=parent, target=child, subtype=link
    )


def delete(record_type: str, record_id: str) -> None:
    store.delete(
        case.id, record_type, record_id, expected_revision=case.revision, author=state.author()
    )


people = sorted((e for e in data.entities if e.is_person), key=lambda e: e.name.lower())
names = {e.id: e.name for e in people}


def person_name(pid: str) -> str:
    return names.get(pid, "?")


couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]

if flash := st.session_state.pop(FLASH, ""):
    st.success(md_escape(flash))

# ---------------------------------------------------------------- the drawing
# Large letters, hiding notes and marking a person are the canvas's own buttons;
# the page adds only what the canvas does not have.
bar = st.columns(2)
show_emotional = bar[0].toggle(_("Emotionele relaties"), value=True, key="geno_emotional")
# this page's own switch: pseudonyms turned on in meeting mode stay there
pseudo = bar[1].toggle(_("Pseudoniemen"), value=False, key="geno_pseudo")


def lay_out(fresh: CaseData) -> Drawing:
    """The genogram of ``fresh`` with this page's switches, laid out once per revision.

    Pseudonyms, emotional lines and large type (read when called: the canvas's
    button changes it between page runs) are part of the cache's key.
    """
    scale = state.text_scale()

    def make() -> Drawing:
        shown = fresh
        if pseudo:
            from mapping.services.pseudonym import pseudonymise

            # same ids: drags and selections still apply
            shown = pseudonymise(fresh, code=state.pseudonym_code(case.id))
        return layout_genogram(shown, lang=lang, show_emotional=show_emotional, text_scale=scale)

    return case_cache.drawing(
        fresh, Lens.GENOGRAM.value, (lang, show_emotional, pseudo, scale), make
    )


try:
    drawing = lay_out(data)
except CasemapError as err:
    show_error(err)
    drawing = Drawing(lens=Lens.GENOGRAM.value)

map_col, side_col = st.columns([5, 2])
with map_col:
    render_options = RenderOptions(
        lang=lang,
        hide_notes=bool(aids.get("hide_notes")),
        large_font=bool(aids.get("large_font")),
        legend=True,
        caption=True,
    )
    event = lens_canvas(
        data,
        drawing,
        Lens.GENOGRAM,
        key="geno_canvas",
        options=render_options,
        height=560,
        redraw=lay_out,
    )
    if data.positions_for(Lens.GENOGRAM) and st.button(
        _("Automatische indeling herstellen"), key="geno_reset_layout"
    ):
        try:
            store.clear_positions(case.id, Lens.GENOGRAM)
            st.rerun()
        except CasemapError as err:
            show_error(err)


# ---------------------------------------------------------------- a line drawn on the canvas
def ancestors(person_id: str) -> set[str]:
    parents: dict[str, set[str]] = {}
    for r in data.relations:
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


def between(kind: RelationKind, a: str, b: str) -> Relation | None:
    """The first ``kind`` relation between ``a`` and ``b``, in either direction."""
    return next(
        (r for r in data.relations if r.kind is kind and {r.source, r.target} == {a, b}), None
    )


def partners_of(person_id: str) -> list[str]:
    return [
        r.target if r.source == person_id else r.source
        for r in couples
        if person_id in (r.source, r.target)
    ]


def parents_of(person_id: str) -> set[str]:
    return {
        r.source
        for r in data.relations
        if r.kind is RelationKind.PARENT_CHILD and r.target == person_id
    }


def suggest(a: str, b: str) -> dict:
    """The form's starting values for a line drawn from ``a`` to ``b``.

    Partners already: an emotional relation. Born 15 years or more apart
    (without birth years: a generation apart): parent and child, the elder the parent, with the parent's partner
    as second parent when the child has no parents yet. Siblings: an
    emotional relation. Otherwise a partnership. A relation that exists
    already gives its own values (it is changed, not doubled).
    """
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
    couple = between(RelationKind.PARTNERSHIP, a, b)
    emotional = between(RelationKind.EMOTIONAL, a, b)
    twin = between(RelationKind.TWIN, a, b)
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
    elif couple or emotional or (parents_of(a) & parents_of(b)):
        values["kind"] = "emotional"
    elif apart:
        values["kind"] = "child"
        partners = [p for p in partners_of(older) if p != younger]
        if not parents_of(younger) and len(partners) == 1:
            values["other"] = partners[0]
    return values


def start_link(a: str, b: str) -> None:
    """Remember the drawn line and put the suggested values in the form's widgets."""
    st.session_state[PENDING_LINK] = (a, b)
    for name, value in suggest(a, b).items():
        st.session_state[f"geno_link_{name}"] = value


def link_records(a: str, b: str, values: dict) -> list:
    """The relation(s) the connect form describes; an existing one is changed, not doubled."""
    kind = values["kind"]
    if kind == "partnership":
        start, end = read_period(values["start"], values["end"], ("start", "end"))
        fields = {"subtype": values["status"], "start": start, "end": end}
        existing = between(RelationKind.PARTNERSHIP, a, b)
        if existing:
            return [dated(existing, **fields)]
        records = [
            Relation(id=new_id(), kind=RelationKind.PARTNERSHIP, source=a, target=b, **fields)
        ]
        for partner, answers in values.get("children", ()):
            records += family.partner_child_records(data, partner, answers)
        return records
    if kind == "child":
        parent = values["parent"]
        child = b if parent == a else a
        if child in ancestors(parent):
            raise InvalidInput(
                f"{person_name(parent)} kan geen ouder zijn van {person_name(child)}: "
                f"{person_name(child)} is al een voorouder van {person_name(parent)}.",
                f"{person_name(parent)} cannot be a parent of {person_name(child)}: "
                f"{person_name(child)} is already an ancestor of {person_name(parent)}.",
            )
        records = []
        for p in (parent, values.get("other") or ""):
            if not p or p == child:
                continue
            existing = next(
                (
                    r
                    for r in data.relations
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
    existing = between(relation_kind, a, b)
    if existing:
        return [replace(existing, **fields)]
    return [Relation(id=new_id(), kind=relation_kind, source=a, target=b, **fields)]


def link_form(a: str, b: str) -> None:
    """The connect form beside the map: what the drawn line is, Save or Cancel."""
    with st.container(border=True):
        st.markdown(
            "**"
            + _("Nieuwe lijn {a} – {b}").format(
                a=md_escape(person_name(a)), b=md_escape(person_name(b))
            )
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
            if not between(RelationKind.PARTNERSHIP, a, b):  # a new couple: ask about children
                values["children"] = [
                    (b, child_questions(a, "geno_link_kid", b)),
                    (a, child_questions(b, "geno_link_kid", a)),
                ]
        elif kind == "child":
            values["parent"] = st.radio(
                _("Wie is de ouder?"),
                [a, b],
                format_func=lambda p: _("{name} is de ouder").format(
                    name=md_escape(person_name(p))
                ),
                key="geno_link_parent",
            )
            child = b if values["parent"] == a else a
            values["link"] = st.selectbox(
                _("Soort kind"),
                [c.value for c in ChildLink],
                format_func=lambda v: label(ChildLink(v), lang),
                key="geno_link_link",
            )
            others = [""] + [p for p in partners_of(values["parent"]) if p != child]
            if st.session_state.get("geno_link_other") not in others:
                st.session_state["geno_link_other"] = ""
            values["other"] = st.selectbox(
                _("Tweede ouder (optioneel)"),
                others,
                format_func=lambda p: person_name(p) if p else "—",
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
        save_col, cancel_col = st.columns(2)
        confirmed = save_col.button(_("Opslaan"), type="primary", key="geno_link_save")
        cancelled = cancel_col.button(_("Annuleren"), key="geno_link_cancel")
    if cancelled:
        st.session_state.pop(PENDING_LINK, None)
        st.rerun()
    if confirmed:
        try:
            records = link_records(a, b, values)
        except CasemapError as err:
            show_error(err)
        else:
            save(
                records,
                _("Lijn {a} – {b} opgeslagen.").format(a=person_name(a), b=person_name(b)),
                forget=(PENDING_LINK,),
            )


if isinstance(event, dict) and event.get("type") == "connect":
    ends = (str(event.get("source") or ""), str(event.get("target") or ""))
    if not all(end in names for end in ends):
        st.warning(_("Een lijn in het genogram loopt van een persoon naar een persoon."))
    elif ends[0] == ends[1]:
        st.warning(_("Kies twee verschillende personen."))
    else:
        start_link(*ends)
elif isinstance(event, dict) and event.get("type") == "select":
    state.select(event.get("kind"), event.get("id"))
    if event.get("kind") == "entity":
        st.session_state.pop(PENDING_LINK, None)  # a new choice on the map closes the form

# ---------------------------------------------------------------- the panel beside the map
selected = state.selection()
selected_id = selected["id"] if selected and selected.get("kind") == "entity" else None
if selected_id not in names:
    selected_id = None
selected_line = (
    next((r for r in data.relations if r.id == selected.get("id")), None)
    if selected and selected.get("kind") == "relation"
    else None
)
if selected_line and not {selected_line.source, selected_line.target} <= set(names):
    selected_line = None


def pick(choice_key: str = "geno_selected") -> None:
    chosen = st.session_state.get(choice_key) or None
    state.select("entity" if chosen else None, chosen)
    st.session_state.pop(PENDING_LINK, None)


def inexact(text: str, qualifier: str) -> str:
    """A stored date with the words that say how exact it is ('vóór 1828-03')."""
    kind, until = qualifier_parts(qualifier)
    if not text or kind is None:
        return text
    if kind is DateQualifier.BETWEEN:
        return _("tussen {a} en {b}").format(a=text, b=until) if until else text
    return f"{label(kind, lang)} {text}"


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


def facts(person: Entity) -> str:
    """One line about a person: sex, born, died or age, occupation, role."""
    parts = [label(person.sex, lang)]
    if person.birth:
        parts.append(_("geboren {date}").format(date=inexact(person.birth, person.birth_qualifier)))
    if person.death or person.deceased:
        when = inexact(person.death, person.death_qualifier)
        parts.append(_("overleden {date}").format(date=when).strip())
    elif age := person.age_text():
        parts.append(_("{n} jaar").format(n=age))
    parts += [p for p in (person.occupation, person.role) if p]
    return " · ".join(parts)


def couple_label(r: Relation) -> str:
    return f"{person_name(r.source)} & {person_name(r.target)}"


def parents_select(key: str, anchor: str | None, container=st) -> str | None:
    """Who a new child's parents are: a couple or one parent.

    Starts at the selected person's current couple, or that person alone
    (:func:`mapping.core.family.default_parents`); with nobody selected nothing
    is chosen and the save asks for it. The key follows the selection, so
    choosing another person on the map moves the default along.
    """
    choices = family.parent_choices(data)
    by_id = {r.id: r for r in couples}

    def parent_label(value: str) -> str:
        kind, ref = value.split(":", 1)
        return couple_label(by_id[ref]) if kind == "couple" else person_name(ref)

    default = family.default_parents(data, anchor)
    return container.selectbox(
        _("Ouders (stel of één ouder)"),
        choices,
        index=choices.index(default) if default in choices else None,
        format_func=parent_label,
        placeholder=_("Kies de ouders"),
        key=f"{key}_{anchor or 'none'}",
    )


def child_questions(person_id: str | None, key: str, partner_id: str = "") -> dict[str, str]:
    """Ask, for each child of ``person_id``, whether the new partner is also a parent.

    Returns {child id: :data:`mapping.core.family.PARENT_ROLES` key}; 'step'
    (the default) stores no parent-child line.
    """
    if not person_id:
        return {}
    asked = family.children_to_ask(data, person_id, partner_id)
    if not asked:
        return {}
    roles = list(family.PARENT_ROLES)
    if partner_id:
        question = _("Is {partner} ook ouder van de kinderen van {name}?").format(
            partner=md_escape(person_name(partner_id)), name=md_escape(person_name(person_id))
        )
    else:
        question = _("Is de nieuwe partner ook ouder van de kinderen van {name}?").format(
            name=md_escape(person_name(person_id))
        )
    st.markdown(question)
    return {
        child: st.radio(
            md_escape(person_name(child)),
            roles,
            format_func=lambda r: family.role_label(r, lang),
            horizontal=True,
            key=f"{key}_{child}",
        )
        for child in asked
    }


def quick_add(anchor: str) -> None:
    """Add a partner, child, parent or sibling of ``anchor`` with the facts that matter.

    Four actions from the map: select the symbol, choose what the new person
    is, type the name, press Enter or 'Toevoegen'. Sex and year of birth are
    optional; a partner of someone with children is asked about each child
    in the same form. The anchor stays selected (the next child of the same
    couple costs three actions); the form starts empty again.
    """
    with st.container(border=True, key="geno_quick"):
        kind = st.segmented_control(
            _("Toevoegen bij {name}").format(name=md_escape(person_name(anchor))),
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
                parents = parents_select("geno_quick_parents", anchor)
            elif kind == "partner":
                status = vocab_select(
                    _("Relatie"),
                    PartnershipStatus,
                    key="geno_quick_status",
                    value=PartnershipStatus.UNKNOWN,
                )
                answers = child_questions(anchor, "geno_quick_kid")
            elif kind == "parent":
                couple = couple_question(anchor, "geno_quick_couple")
            added = st.form_submit_button(_("Toevoegen"), type="primary")
        if added:
            try:
                records = family.quick_records(
                    data,
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
                        "Choose the parents (a couple or one parent).",
                    )
            except CasemapError as err:
                show_error(err)
                return
            what = family.QUICK_KINDS[kind][1 if lang == "en" else 0].lower()
            save(
                records,
                _("{name} toegevoegd ({kind} bij {anchor}).").format(
                    name=records[0].name, kind=what, anchor=person_name(anchor)
                ),
                forget_form="geno_quick",
                blanks={
                    **QUICK_BLANKS,
                    "status": PartnershipStatus.UNKNOWN.value,
                    "couple": PartnershipStatus.UNKNOWN.value,
                    **{f"kid_{c}": "step" for c in answers},
                },
            )


def line_panel(r: Relation) -> None:
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
        st.markdown(
            f"**{md_escape(person_name(r.source))}{joiner}{md_escape(person_name(r.target))}**"
        )
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
                save([dated(r, **fields)], _("Lijn opgeslagen."))
        if st.button(_("Lijn verwijderen"), key=f"geno_line_del_{r.id}"):
            try:
                delete("relation", r.id)
            except CasemapError as err:
                show_error(err)
            else:
                state.select(None)
                st.rerun()


def couple_question(child_id: str | None, key: str) -> str:
    """For a new parent of ``child_id``: a couple with the child's one other parent?

    Returns a PartnershipStatus value, or '' for no couple. Starts at 'status
    unknown' (the child then hangs from the couple, and nothing is claimed
    about a marriage); asked only when the child has exactly one parent.
    """
    other = family.single_parent(data, child_id) if child_id else None
    if not other:
        return ""
    choices = ["", *options(PartnershipStatus, lang)]
    return st.selectbox(
        _("Relatie met {name}").format(name=md_escape(person_name(other))),
        choices,
        index=choices.index(PartnershipStatus.UNKNOWN.value),
        format_func=lambda v: label(PartnershipStatus(v), lang) if v else _("geen partnerrelatie"),
        key=key,
    )


with side_col:
    pending = st.session_state.get(PENDING_LINK)
    if pending and all(end in names for end in pending):
        link_form(*pending)
    elif pending:
        st.session_state.pop(PENDING_LINK, None)  # an end was removed meanwhile
    if st.session_state.get("geno_selected_seen") != selected_id:
        st.session_state["geno_selected"] = selected_id or ""  # chosen on the map
        st.session_state["geno_selected_seen"] = selected_id
        st.session_state["geno_quick_kind"] = None  # another person: ask what to add again
    st.selectbox(
        _("Geselecteerde persoon"),
        [""] + [e.id for e in people],
        format_func=lambda pid: person_name(pid) if pid else _("— niemand —"),
        key="geno_selected",
        on_change=pick,
    )
    if selected_id:
        person = data.entity(selected_id)
        st.markdown(f"### {md_escape(person.name)}")
        st.caption(md_escape(facts(person)))
        if person.annotation or person.note:
            st.markdown(md_escape(" — ".join(t for t in (person.annotation, person.note) if t)))
        quick_add(selected_id)
        details(data, selected_id, key="geno_details")
        if remove_entity(data, person, key=f"geno_remove_{selected_id}"):
            st.session_state[FLASH] = _("{name} verwijderd.").format(name=person.name)
            st.session_state.pop("geno_selected", None)
            st.rerun()
    elif selected_line:
        line_panel(selected_line)
    elif not pending:
        st.caption(
            _(
                "Kies een persoon op de kaart of hierboven. Met 'Verbinden' op de kaart "
                "trekt u een lijn tussen twee personen."
            )
        )
    if drawing.legend:
        with st.expander(_("Legenda"), key="geno_legend", on_change="rerun"):
            for entry in drawing.legend:
                st.markdown(f"- {md_escape(entry.text)}")


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
            _("Geboortedatum"),
            value=p.birth,
            placeholder=_("1980, 1980-05-03 of 3-5-1980"),
            key=f"{prefix}_birth",
        ),
        "death": right.text_input(
            _("Overlijdensdatum"),
            value=p.death,
            placeholder=_("jaar of datum"),
            key=f"{prefix}_death",
        ),
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
    birth, death = read_period(values["birth"], values["death"], ("birth", "death"))
    fields = {
        **values,
        "name": name,
        "birth": birth,
        "death": death,
        "deceased": values["deceased"] or bool(death),
        "conditions": tuple(Condition(c) for c in values["conditions"]),
    }
    if base is None:
        return Entity(id=new_id(), **fields)
    # a date typed anew says nothing of how inexact the old one was
    for name in ("birth", "death"):
        if fields[name] != getattr(base, name):
            fields[f"{name}_qualifier"] = ""
    return replace(base, **fields)


# keyed and tracked: the open tab survives the rerun after a save or a radio click
add_tab, edit_tab, rel_tab, io_tab = st.tabs(
    [_("Persoon toevoegen"), _("Persoon bewerken"), _("Relaties"), _("Importeren en exporteren")],
    key=TAB,
    on_change="rerun",
)

# ---------------------------------------------------------------- add a person
with add_tab:
    connect_options = {"none": _("los"), "child": _("als kind van")}
    if selected_id:
        connect_options["partner"] = _("als partner van {name}").format(
            name=md_escape(person_name(selected_id))
        )
        connect_options["parent"] = _("als ouder van {name}").format(
            name=md_escape(person_name(selected_id))
        )
    connect = st.radio(
        _("Verbinden"),
        list(connect_options),
        format_func=connect_options.get,
        horizontal=True,
        key="geno_add_connect",
    )
    with st.form("geno_add"):  # emptied after the save, not when the input is refused
        values = person_fields("geno_add")
        parents_choice, link, status, start = None, ChildLink.BIOLOGICAL, None, ""
        couple_status = ""
        answers: dict[str, str] = {}
        if connect == "child":
            parents_choice = parents_select("geno_add_parents", selected_id)
            link = vocab_select(_("Soort kind"), ChildLink, key="geno_add_link")
        elif connect == "partner":
            status = vocab_select(_("Relatie"), PartnershipStatus, key="geno_add_status")
            start = st.text_input(_("Begin (jaar of datum)"), key="geno_add_start")
            answers = child_questions(selected_id, "geno_add_kid")
        elif connect == "parent":
            link = vocab_select(_("Soort kind"), ChildLink, key="geno_add_plink")
            couple_status = couple_question(selected_id, "geno_add_couple")
        if st.form_submit_button(_("Persoon toevoegen"), type="primary"):
            try:
                person = entity_from(values)
                records: list = [person]
                if connect == "child":
                    if not parents_choice:
                        raise InvalidInput(
                            "Kies de ouders (een stel of één ouder).",
                            "Choose the parents (a couple or one parent).",
                        )
                    parents = family.parents_from_choice(data, parents_choice)
                    records += [parent_child(p, person.id, link) for p in parents]
                elif connect == "partner" and selected_id:
                    records.append(
                        Relation(
                            id=new_id(),
                            kind=RelationKind.PARTNERSHIP,
                            source=selected_id,
                            target=person.id,
                            subtype=status,
                            start=read_date(start, "start"),
                        )
                    )
                    records += family.partner_child_records(data, person.id, answers)
                elif connect == "parent" and selected_id:
                    records.append(parent_child(person.id, selected_id, link))
                    other = family.single_parent(data, selected_id)
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
            except CasemapError as err:
                show_error(err)
            else:
                save(
                    records,
                    _("{name} toegevoegd.").format(name=person.name),
                    select=person.id,
                    forget_form="geno_add",
                    blanks={
                        **ADD_BLANKS,
                        "couple": PartnershipStatus.UNKNOWN.value,
                        **{f"kid_{c}": "step" for c in answers},
                    },
                )

# ---------------------------------------------------------------- edit
with edit_tab:
    if not selected_id:
        st.info(_("Kies eerst een persoon (in de tekening of naast de kaart)."))
    else:
        person = data.entity(selected_id)
        # new widgets when the stored person changed (a colleague's change shows)
        prefix = f"geno_edit_{selected_id}" + state.form_version(person, "geno_edit")
        with st.form(f"geno_edit_{selected_id}"):
            values = person_fields(prefix, person)
            if st.form_submit_button(_("Opslaan"), type="primary"):
                try:
                    changed = entity_from(values, person)
                except CasemapError as err:
                    show_error(err)
                else:
                    save([changed], _("Opgeslagen."))

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
                key=f"geno_rel_a_{selected_id or 'none'}",  # follows the selection
            )
            second = b_col.selectbox(
                _("Kind") if kind == "child" else _("Met"),
                ids,
                index=min(1, len(ids) - 1) if default == 0 else 0,
                format_func=person_name,
                key=f"geno_rel_b_{selected_id or 'none'}",  # follows the selection
            )
            extra: dict = {}
            other_parent = ""
            if kind == "partnership":
                extra["subtype"] = vocab_select(
                    _("Relatie"), PartnershipStatus, key="geno_rel_status"
                )
                years = st.columns(2)
                extra["start"] = years[0].text_input(
                    _("Begin (jaar of datum)"), key="geno_rel_start"
                )
                extra["end"] = years[1].text_input(_("Einde (jaar of datum)"), key="geno_rel_end")
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
                    if kind == "partnership":
                        extra["start"], extra["end"] = read_period(
                            extra["start"], extra["end"], ("start", "end")
                        )
                    if kind == "child" and second in ancestors(first) | {first}:
                        raise InvalidInput(
                            f"{person_name(first)} kan geen ouder zijn van {person_name(second)}.",
                            f"{person_name(first)} cannot be a parent of {person_name(second)}.",
                        )
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
                except CasemapError as err:
                    show_error(err)
                else:
                    save(records, _("Relatie opgeslagen."))

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
                    v = state.form_version(r, "geno_pedit")
                    with st.form(f"geno_pedit_{r.id}"):
                        status = vocab_select(
                            _("Relatie"),
                            PartnershipStatus,
                            key=f"geno_ps_{r.id}{v}",
                            value=shown_subtype(r),
                        )
                        start = st.text_input(
                            _("Begin (jaar of datum)"), value=r.start, key=f"geno_s_{r.id}{v}"
                        )
                        end = st.text_input(
                            _("Einde (jaar of datum)"), value=r.end, key=f"geno_e_{r.id}{v}"
                        )
                        if st.form_submit_button(_("Opslaan")):
                            try:
                                start, end = read_period(start, end, ("start", "end"))
                            except CasemapError as err:
                                show_error(err)
                            else:
                                save([dated(r, subtype=status, start=start, end=end)])
            if row[2].button("✕", key=f"geno_rdel_{r.id}", help=_("Relatie verwijderen")):
                try:
                    delete("relation", r.id)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)

# ---------------------------------------------------------------- import / export
with io_tab:
    st.subheader(_("GEDCOM importeren"))
    upload = st.file_uploader(
        _("Stamboombestand (.ged of GEDZIP .gdz)"), type=["ged", "gedcom", "gdz"], key="geno_gedcom"
    )
    if upload is not None:
        try:
            from mapping.formats.importers import family_to_add
            from views.family_tree import choose_part, read_uploaded_tree

            notices: list = []
            imported = choose_part(read_uploaded_tree(upload, notices), key="geno")
            for notice in notices:  # what the file held that does not come along
                st.warning(md_escape(notice.message(lang)))
            actions = st.columns(2)
            if actions[0].button(_("Als nieuwe casus importeren"), key="geno_ged_new"):
                created = store.import_case(imported, author=state.author())
                state.open_case(created.id)
                st.rerun()
            if actions[1].button(_("Toevoegen aan deze casus"), key="geno_ged_add"):
                records = family_to_add(imported, data)
                added = sum(1 for r in records if isinstance(r, Entity))
                save(records, _("{n} personen toegevoegd.").format(n=added))
        except CasemapError as err:
            show_error(err)

    st.subheader(_("Downloaden"))
    export_panel(
        "geno",
        "genogram",
        lambda fmt, dpi, switches: export_lens(
            data,
            Lens.GENOGRAM,
            fmt,
            dpi=dpi,
            lang=lang,
            author=state.author(),
            show_emotional=show_emotional,
            **switches,
        ),
        context=(show_emotional,),
        case_code=case.code,
    )
