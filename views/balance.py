"""Balans: draagkracht against draaglast as a scale, with the factors in two columns."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Factor, new_id
from mapping.core.vocabulary import (
    FactorLevel,
    FactorSide,
    FactorSource,
    LifeDomain,
    label,
    options,
)
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.balance import (
    balance,
    balance_drawing,
    export_balance,
    factor_badges,
    move,
    next_order,
    ordered,
    validate_factor,
)
from mapping.services.plan import entity_label, relation_label
from views import state
from views.exports import export_panel
from views.forms.blanks import given, new_form
from views.forms.display import show_figure, show_table
from views.forms.plan_fields import domain_select, enum_radio
from views.i18n import _
from views.shell import md_escape, require_case, show_error

#: Whether the lenses show a '+'/'-' badge on entities linked to factors.
#: Page-local for now; the lens pages read ``st.session_state.get(BADGES, True)``.
BADGES = "casemap_badges"
EDITING = "bal_editing"  # id of the factor whose form is open
ADDING = "bal_adding"  # the key of the "Factor toevoegen" expander (open stays open)
#: The new-factor form's documented defaults: it starts with these and returns to them
#: after every save, so no side, level or weight of the last factor is carried over.
NEW_FACTOR = {
    "description": "",
    "side": FactorSide.DRAAGKRACHT.value,
    "level": FactorLevel.MICRO.value,
    "domain": "",
    "weight": 3,
    "source": FactorSource.FAMILY.value,
    "entities": [],
    "relations": [],
}

lang = state.current_lang()
st.title(_("Balans: draagkracht en draaglast"))
state.apply_form_resets()  # a new factor saved in the last run: its form starts empty
data = require_case()
case = data.case
store = state.store()
entities = data.entity_map()
relations = {r.id: r for r in data.relations}
entity_names = {e.id: e.name for e in data.entities}  # for relation labels


def save_all(records: list, success: str, *, empty_new_form: bool = False) -> None:
    """Save what one click changed (a moved factor shifts its neighbours too) as one revision.

    ``empty_new_form``: the new-factor form starts empty on the next run (only
    after a save that went through: a refused one keeps what was typed).
    """
    try:
        store.save_many(case.id, records, expected_revision=case.revision, author=state.author())
    except CasemapError as err:
        show_error(err)
        return
    if empty_new_form:
        state.forget_form("bal_new", NEW_FACTOR)
    st.session_state["bal_flash"] = success
    st.rerun()


def side_word(side: FactorSide) -> str:
    return _("Draagkracht") if side is FactorSide.DRAAGKRACHT else _("Draaglast")


def link_text(factor: Factor) -> str:
    names = [entity_label(entities[i], lang) for i in factor.entity_ids if i in entities]
    names += [
        relation_label(data, relations[i], lang, entity_names)
        for i in factor.relation_ids
        if i in relations
    ]
    return ", ".join(names)


def factor_form(key: str, factor: Factor | None, side: FactorSide) -> Factor | None:
    """The fields of one factor; returns the new or changed factor when submitted.

    A new factor (``factor`` None) starts at :data:`NEW_FACTOR`, kept in the
    session, and returns to it after its save; an edit form starts at the factor.
    """
    fresh = factor is None
    if fresh:
        new_form(key, NEW_FACTOR)
    with st.form(key):  # a new factor's form is emptied after its save, not on a refusal
        description = st.text_input(
            _("Omschrijving"),
            placeholder=_("Bijvoorbeeld 'Buurvrouw Els helpt met de post'"),
            key=f"{key}_description",
            **given(fresh, value=factor.description if factor else ""),
        )
        sides = [s.value for s in FactorSide]
        chosen_side = st.radio(
            _("Kant"),
            sides,
            format_func=lambda v: side_word(FactorSide(v)),
            horizontal=True,
            key=f"{key}_side",
            **given(fresh, index=sides.index((factor.side if factor else side).value)),
        )
        left, right = st.columns(2)
        levels = list(options(FactorLevel, lang))
        level = left.selectbox(
            _("Niveau"),
            levels,
            format_func=lambda v: label(FactorLevel(v), lang),
            key=f"{key}_level",
            **given(fresh, index=levels.index(factor.level.value if factor else levels[0])),
        )
        domain = domain_select(
            right, factor.domain if factor else None, key=f"{key}_domain", fresh=fresh
        )
        weight = left.slider(
            _("Gewicht"),
            1,
            5,
            help=_("1 = licht, 5 = zwaar"),
            key=f"{key}_weight",
            **given(fresh, value=factor.weight if factor else 3),
        )
        source = enum_radio(
            right,
            _("Ingebracht door"),
            FactorSource,
            factor.source if factor else FactorSource.FAMILY,
            key=f"{key}_source",
            fresh=fresh,
        )
        linked = st.multiselect(
            _("Hoort bij personen of systemen"),
            list(entities),
            format_func=lambda i: entity_label(entities[i], lang),
            placeholder=_("Kies personen of systemen"),
            key=f"{key}_entities",
            **given(
                fresh, default=[i for i in (factor.entity_ids if factor else ()) if i in entities]
            ),
        )
        linked_relations = st.multiselect(
            _("Hoort bij relaties"),
            list(relations),
            format_func=lambda i: relation_label(data, relations[i], lang, entity_names),
            placeholder=_("Kies relaties"),
            key=f"{key}_relations",
            **given(
                fresh,
                default=[i for i in (factor.relation_ids if factor else ()) if i in relations],
            ),
        )
        submitted = st.form_submit_button(
            _("Opslaan") if factor else _("Factor toevoegen"),
            type="primary",
            key=f"{key}_submit",
        )
    if not submitted:
        return None
    new_side = FactorSide(chosen_side)
    keep_order = factor is not None and factor.side is new_side
    return Factor(
        id=factor.id if factor else new_id(),
        side=new_side,
        description=description.strip(),
        level=FactorLevel(level),
        domain=LifeDomain(domain) if domain else None,
        weight=int(weight),
        source=FactorSource(source),
        entity_ids=tuple(linked),
        relation_ids=tuple(linked_relations),
        order=factor.order if keep_order else next_order(data.factors, new_side),
    )


def submit(record: Factor | None, success: str, *, new: bool = False) -> None:
    if record is None:
        return
    try:
        validate_factor(record, data)
    except CasemapError as err:
        show_error(err)
        return
    st.session_state.pop(EDITING, None)
    save_all([record], success, empty_new_form=new)


if flash := st.session_state.pop("bal_flash", ""):
    st.success(md_escape(flash))

# ----------------------------------------------------------------- the scale
weighed = balance(data)
m1, m2, m3 = st.columns(3)
m1.metric(_("Draagkracht (gewogen)"), weighed.draagkracht, help=_("Som van de gewichten"))
m2.metric(_("Draaglast (gewogen)"), weighed.draaglast, help=_("Som van de gewichten"))
m3.metric(_("Verschil"), weighed.difference)

large = bool(state.meeting_aids().get("large_font", False))
drawing = balance_drawing(data, lang=lang, large_font=large)
show_figure(render_svg(drawing, RenderOptions(lang=lang, large_font=large)))


def weights_table(heading: str, rows: dict) -> None:
    """One breakdown of the balance: a row per level or domain with both sums."""
    show_table(
        [
            {
                heading: name,
                _("Draagkracht"): w.draagkracht,
                _("Draaglast"): w.draaglast,
                _("Verschil"): w.difference,
            }
            for name, w in rows.items()
        ]
    )


by_level, by_domain = st.columns(2)
with by_level:
    st.markdown(f"**{_('Per niveau')}**")
    weights_table(_("Niveau"), {label(k, lang): w for k, w in weighed.by_level.items()})
with by_domain:
    st.markdown(f"**{_('Per leefgebied')}**")
    if weighed.by_domain:
        weights_table(
            _("Leefgebied"),
            {label(k, lang) if k else _("(geen)"): w for k, w in weighed.by_domain.items()},
        )
    else:
        st.caption(_("Nog geen factoren."))

# ----------------------------------------------------------------- badges on the maps
st.session_state.setdefault(BADGES, True)
shown = st.toggle(
    _("Plus- en mintekens op de kaarten tonen"),
    value=st.session_state[BADGES],
    help=_("Een factor die bij een persoon of systeem hoort, staat als + of − op dat symbool."),
    key="bal_badges_toggle",
)
st.session_state[BADGES] = shown
badges = factor_badges(data)
if shown and badges:
    st.caption(
        " · ".join(
            f"{md_escape(entities[i].name)} {''.join(b)}"
            for i, b in sorted(badges.items(), key=lambda kv: entities[kv[0]].name.lower())
        )
    )

# ----------------------------------------------------------------- the factors
st.subheader(_("Factoren"))
editing = st.session_state.get(EDITING)
columns = dict(zip(FactorSide, st.columns(2), strict=True))
for side, column in columns.items():
    with column:
        colour = "green" if side is FactorSide.DRAAGKRACHT else "red"
        st.markdown(f"#### :{colour}[{side_word(side)}]")
        factors = ordered(data.factors, side)
        if not factors:
            st.caption(_("Nog geen factoren."))
        for n, factor in enumerate(factors):
            with st.container(border=True):
                st.markdown(f"**{factor.weight}** · {md_escape(factor.description)}")
                details = [label(factor.level, lang).split(" (")[0], label(factor.source, lang)]
                if factor.domain:
                    details.insert(1, label(factor.domain, lang))
                if links := link_text(factor):
                    details.append("→ " + links)
                st.caption(md_escape(" · ".join(details)))
                up, down, edit, remove = st.columns([1, 1, 2, 2])
                if up.button("↑", key=f"bal_up_{factor.id}", disabled=n == 0, help=_("Omhoog")):
                    save_all(move(data.factors, factor.id, -1), _("Volgorde aangepast."))
                if down.button(
                    "↓",
                    key=f"bal_down_{factor.id}",
                    disabled=n == len(factors) - 1,
                    help=_("Omlaag"),
                ):
                    save_all(move(data.factors, factor.id, 1), _("Volgorde aangepast."))
                if edit.button(_("Wijzigen"), key=f"bal_edit_{factor.id}"):
                    st.session_state[EDITING] = None if editing == factor.id else factor.id
                    st.rerun()
                with remove.popover(_("Verwijderen")):
                    st.warning(
                        _("Deze factor verwijderen? Doelen die hem noemen verliezen de koppeling.")
                    )
                    if st.button(
                        _("Ja, verwijderen"), type="primary", key=f"bal_delete_{factor.id}"
                    ):
                        try:
                            store.delete(
                                case.id,
                                Factor,
                                factor.id,
                                expected_revision=case.revision,
                                author=state.author(),
                            )
                        except CasemapError as err:
                            show_error(err)
                        else:
                            st.session_state["bal_flash"] = _("Factor verwijderd.")
                            st.rerun()
                if editing == factor.id:
                    form = f"bal_form_{factor.id}" + state.form_version(factor, "bal_form")
                    submit(
                        factor_form(form, factor, side),
                        _("Factor bijgewerkt."),
                    )

# keyed: the flash message of a save above it does not make it a new (closed) one, so it
# stays as the user left it; open on a first visit to an empty balance
with st.expander(_("Factor toevoegen"), key=ADDING, expanded=not data.factors):
    submit(factor_form("bal_new", None, FactorSide.DRAAGKRACHT), _("Factor toegevoegd."), new=True)

# ----------------------------------------------------------------- export
st.subheader(_("Exporteren"))
export_panel(
    "bal",
    "balans",
    lambda fmt, dpi, switches: export_balance(
        data, fmt, dpi=dpi, lang=lang, author=state.author(), **switches
    ),
    switches=("pseudonymise",),
    case_code=case.code,
)
