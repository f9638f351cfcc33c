"""Training: example cases with a written description, exercises, and the full legend."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import new_id
from mapping.core.vocabulary import Lens, label
from mapping.lenses.legend import legend_drawing
from mapping.render.svg import RenderOptions, render_svg
from mapping.services.training import TRAINING_CASES, load_training_case
from views import state
from views.i18n import _
from views.shell import show_error, show_svg

lang = state.current_lang()
st.title(_("Oefenen en legenda"))
store = state.store()

cases_tab, legend_tab = st.tabs([_("Oefencasussen"), _("Legenda")])

with cases_tab:
    st.markdown(
        _(
            "Lees de beschrijving, teken de kaarten in een lege oefencasus en vergelijk uw kaart "
            "daarna met het modelantwoord op de pagina Vergelijken."
        )
    )
    for training in TRAINING_CASES:
        with st.container(border=True):
            st.markdown(f"### {training.title(lang)}")
            st.write(training.description(lang))
            questions = training.questions(lang)
            if questions:
                st.markdown("**" + _("Vragen bij deze casus") + "**")
                st.markdown("\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1)))
            left, right = st.columns(2)
            if left.button(_("Oefening starten (lege casus)"), key=f"start_{training.key}"):
                try:
                    model = load_training_case(training.key)
                    code = f"OEF-{training.key.upper()}-{new_id()[:4]}"
                    created = store.create_case(
                        code,
                        f"{model.case.title} – {_('oefening')}",
                        author=state.author(),
                        consent=True,
                        scope_note=training.description(lang),
                        training=True,
                    )
                    state.open_case(created.id)
                    st.success(_("Oefencasus {code} aangemaakt en geopend.").format(code=code))
                except CasemapError as err:
                    show_error(err)
            if right.button(_("Modelantwoord openen"), key=f"model_{training.key}"):
                created = store.import_case(
                    load_training_case(training.key), author=state.author(), training=True
                )
                state.open_case(created.id)
                st.success(_("Modelantwoord geopend als {code}.").format(code=created.code))

with legend_tab:
    st.markdown(_("Alle symbolen en lijnen van de drie kaarten, volgens de gangbare conventies."))
    for lens in Lens:
        st.markdown(f"#### {label(lens, lang)}")
        show_svg(render_svg(legend_drawing(lens, lang), RenderOptions(lang=lang, caption=False)))
