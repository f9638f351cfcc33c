"""Compare two moments of a case (or a student's map with the model answer)."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.vocabulary import Lens, label
from mapping.lenses import draw
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.compare import (
    ADDED_COLOUR,
    CHANGED_COLOUR,
    REMOVED_COLOUR,
    diff_cases,
    figures,
    mark_changes,
)
from mapping.services.training import TRAINING_CASES
from views import state
from views.i18n import _
from views.shell import md_escape, require_case, show_error, show_svg

lang = state.current_lang()
st.title(_("Vergelijken"))
current = require_case()
store = state.store()

NOW = "__now__"
choices: dict[str, str] = {NOW: _("Nu (werkversie)")}
# An exercise case (made on the training page, code OEF-<KEY>-...) is compared
# with the model answers, its own first; a real case only with its own moments.
code = current.case.code.upper()
if code.startswith("OEF-"):
    for training in sorted(
        TRAINING_CASES, key=lambda t: not code.startswith(f"OEF-{t.key.upper()}-")
    ):
        choices[f"training:{training.key}"] = _("Modelantwoord: {title}").format(
            title=training.title(lang)
        )
snapshots = store.snapshots(current.case.id)  # oldest first
for snap in snapshots:
    choices[snap.id] = f"{snap.label} ({snap.taken[:10]})"


def default_pair(keys: list[str], snapshots) -> tuple[str, str]:
    """What the page opens on: the last two snapshots (the last one and now, with one).

    An exercise case opens on its model answer against now.
    """
    if code.startswith("OEF-") and len(keys) > 1:
        return keys[1], NOW
    if len(snapshots) >= 2:
        return snapshots[-2].id, snapshots[-1].id
    if snapshots:
        return snapshots[-1].id, NOW
    return NOW, NOW


def load_state(key: str):
    if key == NOW:
        return current
    if key.startswith("training:"):
        from mapping.services.training import load_training_case

        return load_training_case(key.split(":", 1)[1])
    return store.snapshot_data(key)


keys = list(choices)
cols = st.columns(2)
old_key = cols[0].selectbox(
    _("Eerder (A)"),
    keys,
    index=keys.index(default_pair(keys, snapshots)[0]),
    format_func=choices.get,
    key="cmp_old",
)
new_key = cols[1].selectbox(
    _("Later (B)"),
    keys,
    index=keys.index(default_pair(keys, snapshots)[1]),
    format_func=choices.get,
    key="cmp_new",
)
if old_key == new_key:
    st.info(
        _(
            "Kies twee verschillende momenten om te vergelijken. Maak momentopnamen op de pagina Momentopnamen."
        )
    )
    st.stop()

try:
    old, new = load_state(old_key), load_state(new_key)
except CasemapError as err:
    show_error(err)
    st.stop()
diff = diff_cases(old, new)

st.markdown(
    f"<span style='color:{ADDED_COLOUR}'>■</span> {_('toegevoegd')} &nbsp; "
    f"<span style='color:{REMOVED_COLOUR}'>■</span> {_('verdwenen')} &nbsp; "
    f"<span style='color:{CHANGED_COLOUR}'>■</span> {_('veranderd')}",
    unsafe_allow_html=True,
)
lens = st.radio(
    _("Kaart"), list(Lens), format_func=lambda v: label(v, lang), horizontal=True, key="cmp_lens"
)
left, right = st.columns(2)
for column, data, marked, colour, title in (
    (left, old, diff.removed, REMOVED_COLOUR, choices[old_key]),
    (right, new, diff.added, ADDED_COLOUR, choices[new_key]),
):
    with column:
        st.markdown(f"**{md_escape(title)}**")
        try:
            drawing = draw(data, lens, lang=lang)
            changed = diff.changed if data is new else set()
            mark_changes(drawing, marked, colour, changed)
            show_svg(render_svg(drawing, RenderOptions(lang=lang, legend=False)))
        except CasemapError as err:
            show_error(err)

st.subheader(_("Wat is er veranderd"))
if not diff.differences:
    st.success(_("Geen verschillen."))
for difference in diff.differences:
    sign = {"added": "➕", "removed": "➖", "changed": "✏️"}[difference.change]
    st.markdown(f"{sign} {md_escape(difference.text(lang))}")

st.subheader(_("In cijfers"))
try:
    rows = figures(old, new, lang=lang)  # "0,45" in Dutch
    st.dataframe(
        [
            {_("Kenmerk"): nl if lang == "nl" else en, "A": before, "B": after}
            for nl, en, before, after in rows
        ],
        hide_index=True,
    )
except CasemapError as err:
    show_error(err)
