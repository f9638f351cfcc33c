"""Verkennen: the whole case network, free and physics-based (pyvis), for a first look.

The lenses show a part in a fixed order; here every person, system and tie
moves freely, so clusters and loose ends stand out. The page is built by
:func:`mapping.lenses.explore.explore_html` as one self-contained HTML document
(vis-network inline, nothing from the internet, only its own scripts allowed
by a Content-Security-Policy) and shown in a sandboxed iframe without the
app's origin (:func:`mapping.lenses.explore.sandboxed`), inside ``st.iframe``
(``st.components.v1.html`` is deprecated: Streamlit removes it after 2026-06-01).
"""

from __future__ import annotations

import streamlit as st

from mapping.lenses.explore import EXPLORE_MAX, around, explore_html, most_tied, sandboxed
from views import state
from views.i18n import _
from views.shell import require_case

lang = state.current_lang()
st.title(_("Verkennen"))
st.caption(
    _(
        "Het hele netwerk van de casus: alle personen, systemen en relaties. Sleep een punt om "
        "het netwerk te laten bewegen; scroll om in en uit te zoomen."
    )
)
data = require_case()

if not data.entities:
    st.info(_("Nog niemand in deze casus: voeg personen toe in het genogram of de netwerkkaart."))
else:
    shown = data
    # this page's own switch: pseudonyms turned on in meeting mode stay there
    if st.toggle(_("Pseudoniemen"), value=False, key="explore_pseudo"):
        from mapping.services.pseudonym import pseudonymise

        # the whole case, so the roles match the other pages'
        shown = pseudonymise(data, code=state.pseudonym_code(data.case.id))
    if len(shown.entities) > EXPLORE_MAX:
        # thousands of points (an imported network) make a hairball the browser cannot move
        st.info(
            _(
                "Dit netwerk is groot ({n} personen en organisaties). Verkennen toont het deel "
                "rond één persoon: hoogstens {most}, de naasten eerst."
            ).format(n=len(shown.entities), most=EXPLORE_MAX)
        )
        names = {e.id: e.name for e in shown.entities}
        ids = sorted(names, key=lambda i: (names[i].lower(), i))
        start = most_tied(shown)
        cols = st.columns([3, 1])
        centre = cols[0].selectbox(
            _("Rond wie"),
            ids,
            index=ids.index(start) if start in ids else 0,
            format_func=names.get,
            key="explore_centre",
        )
        steps = cols[1].number_input(
            _("Stappen"), min_value=1, max_value=4, value=2, key="explore_steps"
        )
        shown = around(shown, centre, int(steps))
    height = st.slider(_("Hoogte"), 400, 1200, 700, step=50, key="explore_height")
    # the network runs in a frame of its own: scripts yes, the app's origin no
    st.iframe(sandboxed(explore_html(shown, lang=lang)), height=height)
    st.caption(
        _("{people} personen, {systems} systemen, {relations} relaties").format(
            people=sum(1 for e in shown.entities if e.is_person),
            systems=sum(1 for e in shown.entities if not e.is_person),
            relations=len(shown.relations),
        )
    )
