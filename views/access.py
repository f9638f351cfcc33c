"""Toegang en inzage: who saw this dossier, who may open it, and noodtoegang.

The access module decides and logs; this page only asks and shows.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from mapping.access import log
from mapping.core.errors import CasemapError
from views import gate, state
from views.i18n import _
from views.shell import md_escape, show_error, show_log

st.title(_("Toegang en inzage"))
case_id = state.open_case_id()


if case_id:
    st.subheader(_("Wie heeft dit dossier ingezien"))
    st.caption(
        _(
            "Elke keer dat iemand deze casus opent, bekijkt, wijzigt of exporteert, staat hier. "
            "Zo kunt u een cliënt antwoorden die vraagt wie zijn of haar dossier heeft gezien."
        )
    )
    cols = st.columns(2)
    since = cols[0].date_input(
        _("Van"), value=date.today() - timedelta(days=365), key="access_since", format="DD-MM-YYYY"
    )
    until = cols[1].date_input(
        _("Tot en met"), value=date.today(), key="access_until", format="DD-MM-YYYY"
    )
    try:
        with state.store() as store:
            case = store.get_case(case_id)
            lines = store.case_log(case_id, since=since.isoformat(), until=until.isoformat())
        st.markdown(
            _("{n} regels voor {code} in deze periode.").format(
                n=len(lines), code=md_escape(case.code)
            )
        )
        show_log(lines)
        st.download_button(
            _("Exporteren (CSV) voor het verzoek van de cliënt"),
            log.to_csv(lines).encode("utf-8-sig"),
            file_name=f"{case.code}-inzage-{since.isoformat()}-{until.isoformat()}.csv",
            mime="text/csv",
            key="access_log_csv",
        )
    except CasemapError as err:
        show_error(err)

    if gate.team_mode():
        st.subheader(_("Wie mag deze casus openen"))
        try:
            with state.store() as store:
                access = store.case_access(case_id)
            owner = access["owner"]
            st.markdown(
                _("Eigenaar: {owner} · team: {team}").format(
                    owner=md_escape(owner.display if owner else "—"),
                    team=md_escape(access["team"] or "—"),
                )
            )
            for row in access["shared"]:
                left, right = st.columns([4, 1])
                left.markdown(_("Gedeeld met {user}").format(user=md_escape(row["email"])))
                if right.button(_("Niet meer delen"), key=f"access_unshare_{row['email']}"):
                    try:
                        with state.store() as store:
                            store.share(case_id, row["email"], shared=False)
                        st.rerun()
                    except CasemapError as err:
                        show_error(err)
            with st.form("access_share", clear_on_submit=True):
                email = st.text_input(_("Delen met collega (e-mailadres)"), max_chars=200)
                if st.form_submit_button(_("Delen")) and email.strip():
                    try:
                        with state.store() as store:
                            store.share(case_id, email.strip())
                        st.success(_("Gedeeld met {user}.").format(user=md_escape(email.strip())))
                    except CasemapError as err:
                        show_error(err)
        except CasemapError as err:
            show_error(err)
else:
    st.info(_("Open een casus om te zien wie het dossier heeft ingezien."))

if gate.team_mode():
    st.subheader(_("Noodtoegang"))
    st.caption(
        _(
            "Alleen als het echt niet anders kan (crisis, afwezige collega): open een casus "
            "waartoe u geen toegang heeft. Uw reden wordt vastgelegd en de eigenaar en de "
            "teamleider zien dat u de casus hebt geopend."
        )
    )
    with st.form("break_glass"):
        code = st.text_input(_("Casuscode"), max_chars=200)
        reason = st.text_area(_("Reden"), max_chars=1000)
        if st.form_submit_button(_("Noodtoegang gebruiken"), type="primary"):
            try:
                with state.store() as store:
                    opened = store.break_glass(code, reason)
                state.open_case(opened.id)
                st.warning(
                    _("Noodtoegang vastgelegd. Casus {code} is geopend.").format(
                        code=md_escape(opened.code)
                    )
                )
            except CasemapError as err:
                show_error(err)

    try:
        with state.store() as store:
            events = store.break_glass_events()
    except CasemapError as err:
        events = []
        show_error(err)
    if events:
        st.subheader(_("Noodtoegang tot uw casussen en uw team"))
        st.dataframe(
            [
                {
                    _("Tijdstip (UTC)"): event["at"][:19].replace("T", " "),
                    _("Gebruiker"): event["user"] or "—",
                    _("Casus"): event["code"],
                    _("Reden"): event["reason"],
                }
                for event in events
            ],
            hide_index=True,
            width="stretch",
        )
