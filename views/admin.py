"""Beheer: users, teams and roles (team mode), and the access log for the privacy officer.

A beheerder manages who may come in and reads the log; case content stays
closed to them unless a case is shared with them. Every action here is
logged by the access module.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from mapping.access import log, users
from mapping.access.users import ROLES, Role, TeamPolicy
from mapping.core.errors import CasemapError
from views import gate, state
from views.i18n import _
from views.shell import md_escape, show_error, show_log

st.title(_("Beheer"))
who = state.principal()
lang = state.current_lang()

if not who.is_admin:
    st.error(_("Deze pagina is voor de beheerder."))
    st.stop()


tabs = st.tabs([_("Toegangslog"), *([_("Gebruikers"), _("Teams")] if gate.team_mode() else [])])

with tabs[0]:
    cols = st.columns([2, 2, 3])
    since = cols[0].date_input(
        _("Van"), value=date.today() - timedelta(days=30), key="admin_since", format="DD-MM-YYYY"
    )
    until = cols[1].date_input(
        _("Tot en met"), value=date.today(), key="admin_until", format="DD-MM-YYYY"
    )
    subject = (
        cols[2]
        .text_input(
            _("Gebruiker (e-mailadres) of casuscode"), key="admin_log_subject", max_chars=200
        )
        .strip()
    )
    try:
        with state.store() as store:
            if subject and "@" in subject:
                lines = store.user_log(subject, since.isoformat(), until.isoformat())
            elif subject:
                lines = store.case_log(subject, since.isoformat(), until.isoformat())
            else:
                with store.administering("toegangslog lezen (alle regels)") as db:
                    lines = log.lines(
                        db, since=since.isoformat(), until=until.isoformat(), limit=2000
                    )
        st.caption(_("{n} regels.").format(n=len(lines)))
        show_log(lines, with_case=True)
        st.download_button(
            _("Exporteren (CSV)"),
            log.to_csv(lines).encode("utf-8-sig"),
            file_name=f"toegangslog-{since.isoformat()}-{until.isoformat()}.csv",
            mime="text/csv",
            key="admin_log_csv",
        )
    except CasemapError as err:
        show_error(err)
    if st.button(_("Keten controleren"), key="admin_verify"):
        with state.store() as store, store.administering("toegangslog controleren") as db:
            result = log.verify(db)
            last_id, last_hash = log.head(db)
        if result.ok:
            st.success(
                _("Het toegangslog is ongeschonden: {n} regels gecontroleerd.").format(
                    n=result.checked
                )
            )
            st.caption(
                _("Laatste regel {id}, hash {hash}: bewaar deze buiten casemap.").format(
                    id=last_id, hash=last_hash
                )
            )
        else:
            st.error(
                _("Het toegangslog is aangetast bij regel {id}: {reason}.").format(
                    id=result.bad_id, reason=result.reason
                )
            )

if gate.team_mode():
    with tabs[1]:
        try:
            with state.store() as store, store.administering("gebruikers bekijken") as db:
                found = users.users(db)
                memberships = {
                    user.id: ", ".join(team.name for team in users.teams_of(db, user.id))
                    for user in found
                }
                team_names = [team.name for team in users.teams(db)]
        except CasemapError as err:
            show_error(err)
            st.stop()
        st.dataframe(
            [
                {
                    _("E-mailadres"): user.email,
                    _("Naam"): user.name,
                    _("Rol"): ROLES[user.role][lang if lang in ("nl", "en") else "nl"],
                    _("Teams"): memberships[user.id],
                    _("Uitgeschakeld"): user.disabled,
                }
                for user in found
            ],
            hide_index=True,
            width="stretch",
        )
        with st.form("admin_add_user", clear_on_submit=False):
            st.markdown("**" + _("Gebruiker toevoegen") + "**")
            cols = st.columns(2)
            email = cols[0].text_input(_("E-mailadres (zoals bij de inlogdienst)"), max_chars=200)
            name = cols[1].text_input(_("Naam"), max_chars=200)
            role = cols[0].selectbox(
                _("Rol"), list(Role), format_func=lambda r: ROLES[r]["nl" if lang == "nl" else "en"]
            )
            team = cols[1].selectbox(_("Team"), ["", *team_names])
            if st.form_submit_button(_("Toevoegen")):
                try:
                    with (
                        state.store() as store,
                        store.administering(f"gebruiker toegevoegd: {email}") as db,
                    ):
                        users.add_user(
                            db, email, name=name, role=role, teams=[team] if team else []
                        )
                    st.success(_("Gebruiker {email} toegevoegd.").format(email=md_escape(email)))
                    st.rerun()
                except CasemapError as err:
                    show_error(err)
        for user in found:
            if user.id == who.user_id:
                continue
            left, right = st.columns([4, 1])
            left.markdown(md_escape(user.display))
            label = _("Inschakelen") if user.disabled else _("Uitschakelen")
            if right.button(label, key=f"admin_toggle_{user.id}"):
                try:
                    what = "ingeschakeld" if user.disabled else "uitgeschakeld"
                    with (
                        state.store() as store,
                        store.administering(f"gebruiker {what}: {user.email}") as db,
                    ):
                        users.set_disabled(db, user.id, not user.disabled)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)

    with tabs[2]:
        with state.store() as store, store.administering("teams bekijken") as db:
            all_teams = users.teams(db)
            rows = [
                {
                    _("Team"): team.name,
                    _("Beleid"): _("hele team")
                    if team.policy == TeamPolicy.TEAM
                    else _("alleen eigenaar en gedeeld"),
                    _("Leden"): ", ".join(u.email for u in users.members(db, team.id)),
                }
                for team in all_teams
            ]
        st.dataframe(rows, hide_index=True, width="stretch")
        with st.form("admin_add_team"):
            st.markdown("**" + _("Team toevoegen") + "**")
            name = st.text_input(_("Naam van het team"), max_chars=200)
            policy = st.radio(
                _("Wie in het team opent de casussen?"),
                list(TeamPolicy),
                format_func=lambda p: (
                    _("het hele team")
                    if p == TeamPolicy.TEAM
                    else _("alleen de eigenaar, wie gedeeld is en de teamleider")
                ),
            )
            if st.form_submit_button(_("Toevoegen")):
                try:
                    with (
                        state.store() as store,
                        store.administering(f"team toegevoegd: {name}") as db,
                    ):
                        users.add_team(db, name, policy)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)
        with st.form("admin_add_member"):
            st.markdown("**" + _("Lid toevoegen aan een team") + "**")
            cols = st.columns(2)
            team = cols[0].selectbox(_("Team"), [t.name for t in all_teams])
            email = cols[1].text_input(_("E-mailadres"), max_chars=200)
            if st.form_submit_button(_("Toevoegen")) and team:
                try:
                    with (
                        state.store() as store,
                        store.administering(f"teamlid: {email} in {team}") as db,
                    ):
                        users.add_member(db, team, email)
                    st.rerun()
                except CasemapError as err:
                    show_error(err)
