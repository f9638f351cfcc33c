"""Dossier report: one PDF with every map, the balance and the plan."""

from __future__ import annotations

import streamlit as st

from mapping.access import Action
from mapping.core.errors import CasemapError
from views import state
from views.i18n import _
from views.shell import require_case, show_error

lang = state.current_lang()
st.title(_("Dossierrapport"))
data = require_case()
store = state.store()
snapshots = store.snapshots(data.case.id)

st.markdown(
    _(
        "Eén PDF voor het cliëntdossier: voorblad, genogram, ecogram, netwerkkaart(en), balans en "
        "plan, met paginanummers. Vectorafbeeldingen op A4."
    )
)
NOW = "__now__"
names = {NOW: _("Nu (werkversie)")} | {s.id: f"{s.label} ({s.taken[:10]})" for s in snapshots}
source = st.selectbox(_("Welke stand"), list(names), format_func=names.get, key="report_source")
compare_choices = {"": _("geen vergelijking")} | {
    s.id: names[s.id] for s in snapshots if s.id != source
}
compare = st.selectbox(
    _("Vergelijken met"),
    list(compare_choices),
    format_func=compare_choices.get,
    key="report_compare",
)
cols = st.columns(2)
pseudonymise = cols[0].toggle(_("Pseudonimiseren (geen echte namen)"), key="report_pseudo")
report_lang = cols[1].radio(
    _("Taal van het rapport"),
    ["nl", "en"],
    index=0 if lang == "nl" else 1,
    horizontal=True,
    key="report_lang",
)

# What the PDF is made of: a PDF built for another case, moment or choice is
# never offered (it could carry real names while the switch now says pseudonyms).
wanted = (data.case.id, data.case.revision, source, compare, report_lang, pseudonymise)
if st.button(_("Rapport maken"), type="primary", key="report_build"):
    from mapping.services.report import build_report
    from mapping.services.sociale_kaart import names as kaart_names

    try:
        # a pseudonymised report carries a code made for it alone, in the PDF and its name;
        # only the access log, kept apart, says whose it was
        code = ""
        if pseudonymise:
            from mapping.services.pseudonym import export_code

            code = export_code()
        store.grant(
            data.case.id, Action.REPORT, part="rapport", detail=f"pseudoniem: {code or False}"
        )
        chosen = data if source == NOW else store.snapshot_data(source)
        label_text = "" if source == NOW else store.get_snapshot(source).label
        earlier = store.snapshot_data(compare) if compare else None
        earlier_label = store.get_snapshot(compare).label if compare else ""
        with st.spinner(_("Rapport wordt gemaakt…")):
            pdf = build_report(
                chosen,
                lang=report_lang,
                pseudonymise=pseudonymise,
                snapshot_label=label_text,
                compare_with=earlier,
                compare_label=earlier_label,
                author=state.author(),
                export_code=code,
                # a referral names its organisation as the kaart does, on the ecogram or not
                kaart_names=kaart_names(store),
            )
        name = f"{code}-rapport-pseudo.pdf" if code else f"{data.case.code}-rapport.pdf"
        st.session_state["report_pdf"] = (wanted, pdf, name)
    except CasemapError as err:
        show_error(err)

made = st.session_state.get("report_pdf")
if made and made[0] == wanted:
    st.download_button(
        _("Download PDF"),
        made[1],
        file_name=made[2],
        mime="application/pdf",
        key="report_download",
        type="primary",
    )
