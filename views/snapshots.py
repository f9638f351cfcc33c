"""Snapshots: freeze the case with a date and a label, view, restore, delete."""

from __future__ import annotations

from datetime import date

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.vocabulary import Lens, label
from views import state
from views.i18n import _
from views.shell import md_escape, require_case, show_error, show_svg

lang = state.current_lang()
st.title(_("Momentopnamen"))
state.apply_form_resets()  # a snapshot taken in the last run: its form starts empty
data = require_case()
store = state.store()
case = data.case

PRESETS = ["intake", "tussenevaluatie", "eindevaluatie"]
FLASH = "snap_flash"  # the success message of the last run's snapshot


def next_preset(labels: list[str]) -> str:
    """The label the next snapshot most likely gets: the first preset not taken yet.

    After "intake" comes "tussenevaluatie" (not "intake" again); once all three
    are taken, another "tussenevaluatie".
    """
    return next((p for p in PRESETS if p not in labels), PRESETS[1])


if flash := st.session_state.pop(FLASH, ""):
    st.success(flash)

# not clear_on_submit: a refused label (too long, a control character) stays to be
# corrected; the own label is emptied only after the snapshot was taken (forget_form)
# the form's fields start (and, after a snapshot, start again) at the next preset and today:
# the last snapshot's label and date are not carried over
taken_labels = [s.label for s in store.snapshots(case.id)]
st.session_state.setdefault("snap_new_preset", next_preset(taken_labels))
st.session_state.setdefault("snap_new_taken", date.today())
with st.form("take_snapshot"):
    st.markdown(_("Leg de casus vast zoals hij nu is: netwerk, posities, balans en plan."))
    cols = st.columns([2, 2, 1])
    preset = cols[0].selectbox(_("Label"), PRESETS + [_("anders…")], key="snap_new_preset")
    free = cols[1].text_input(_("Eigen label"), help=_("Alleen bij 'anders…'"), key="snap_new_free")
    taken = cols[2].date_input(_("Datum"), format="DD-MM-YYYY", key="snap_new_taken")
    if st.form_submit_button(_("Momentopname maken"), type="primary"):
        name = free.strip() if preset not in PRESETS else preset
        try:
            if not name:
                raise InvalidInput("Geef de momentopname een label.")
            snap = store.snapshot(case.id, name, taken=taken.isoformat(), author=state.author())
        except CasemapError as err:
            show_error(err)
        else:
            st.session_state[FLASH] = _("Momentopname '{label}' gemaakt.").format(
                label=md_escape(snap.label)
            )
            state.forget_form(
                "snap_new",
                {
                    "free": "",
                    "preset": next_preset([*taken_labels, snap.label]),
                    "taken": date.today(),
                },
            )
            st.rerun()

snapshots = store.snapshots(case.id)
if not snapshots:
    st.info(_("Nog geen momentopnamen. Maak er een bij de intake en bij elke evaluatie."))
    st.stop()

st.subheader(_("Vastgelegde momenten"))
for snap in snapshots:
    with st.container(border=True):
        left, view_col, restore_col, delete_col = st.columns([4, 1, 1, 1])
        left.markdown(f"**{md_escape(snap.label)}** · {md_escape(snap.taken[:10])}")
        if view_col.button(_("Bekijken"), key=f"view_{snap.id}"):
            st.session_state["snapshot_view"] = snap.id
        with restore_col.popover(_("Terugzetten")):
            st.warning(
                _(
                    "De huidige stand wordt vervangen door deze momentopname. Maak eerst een momentopname van nu als u die wilt bewaren."
                )
            )
            if st.button(_("Terugzetten als werkversie"), key=f"restore_{snap.id}", type="primary"):
                try:
                    store.replace_case(
                        case.id,
                        store.snapshot_data(snap.id),
                        expected_revision=case.revision,
                        author=state.author(),
                    )
                    st.success(_("Teruggezet."))
                    st.rerun()
                except CasemapError as err:
                    show_error(err)
        with delete_col.popover(_("Verwijderen")):
            st.warning(_("Deze momentopname definitief verwijderen?"))
            if st.button(_("Ja, verwijderen"), key=f"delete_{snap.id}", type="primary"):
                try:
                    store.delete_snapshot(snap.id, author=state.author())
                except CasemapError as err:  # deleted in another tab meanwhile
                    show_error(err)
                else:
                    st.session_state.pop("snapshot_view", None)
                    st.rerun()

viewing = st.session_state.get("snapshot_view")
if viewing and any(s.id == viewing for s in snapshots):
    from mapping.lenses import draw
    from mapping.render.svg import RenderOptions, render_svg

    snap = store.get_snapshot(viewing)
    frozen = store.snapshot_data(viewing)
    st.subheader(_("Momentopname '{label}' (alleen lezen)").format(label=md_escape(snap.label)))
    # keyed: the chosen map stays chosen over a rerun; only the open one is drawn
    tabs = st.tabs([label(lens, lang) for lens in Lens], key="snap_view_lens", on_change="rerun")
    for tab, lens in zip(tabs, Lens, strict=True):
        if tab.open is False:
            continue
        with tab:
            try:
                drawing = draw(frozen, lens, lang=lang)
                drawing.caption.note = snap.label
                show_svg(render_svg(drawing, RenderOptions(lang=lang)))
            except CasemapError as err:
                show_error(err)
