"""The door of casemap: which mode it runs in, and who comes in.

``app.py`` calls :func:`gate` before any page runs. Personal mode lets in the
one user of this machine (when the app listens on this machine only); team
mode lets in registered users signed in at the organisation's provider. The
decisions and their log lines are made in :mod:`mapping.access`; this module
shows the screens.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from mapping.access.config import (
    ConfigError,
    Deployment,
    check_encryption,
    deployment,
    provider_reachable,
)
from mapping.access.guard import Principal
from mapping.access.signin import SignInRefused, refuse, sign_in, sign_out
from mapping.core.errors import CasemapError, StoreUnavailable
from mapping.storage.backends import is_postgres
from mapping.storage.store import key_for
from views import state
from views.i18n import _
from views.shell import md_escape, show_error

_PROVIDER_CHECK: dict[str, tuple[float, bool]] = {}  # metadata url -> (when, reachable)
_SIGN_IN = "casemap_sign_in"  # the "Aanmelden" button's key: True in the run its click starts


def secrets() -> dict:
    """Streamlit's secrets as a dict; {} without a file; ConfigError for a broken one."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError as err:
        files = st.get_option("secrets.files") or []
        if any(Path(f).expanduser().is_file() for f in files):
            raise ConfigError(
                "Het instellingenbestand secrets.toml kan niet worden gelezen ({err}). casemap "
                "start niet tot het klopt.",
                err=err,
            ) from err
        return {}


def current() -> Deployment:
    """The deployment of this run; stops the page with a message when it may not start."""
    try:
        found = deployment(secrets(), str(st.get_option("server.address") or ""))
        where = str(state.db_path())
        check_encryption(found, encrypted=key_for(where) is not None, postgres=is_postgres(where))
    except (ConfigError, StoreUnavailable) as err:
        st.title("casemap")
        show_error(err)
        st.stop()
    st.session_state[state.DEPLOYMENT] = found
    return found


def team_mode() -> bool:
    found = st.session_state.get(state.DEPLOYMENT)
    return bool(found and found.team)


def gate() -> Principal:
    """Let the user in, or show why not and stop."""
    found = current()
    if not found.team:
        who = state.principal()
        return who
    return _team_gate(found)


def _reachable(url: str, fresh: bool = False) -> bool:
    when, ok = _PROVIDER_CHECK.get(url, (0.0, False))
    if fresh or time.monotonic() - when > (60 if ok else 5):
        ok = provider_reachable(url)
        _PROVIDER_CHECK[url] = (time.monotonic(), ok)
    return ok


def _stop_without_menu() -> None:
    """Stop this run with no way into the pages: not even the menu of an earlier run stays."""
    st.navigation([st.Page(_nothing, title="casemap", default=True)], position="hidden")
    st.stop()


def _nothing() -> None:
    """The only page someone who may not come in has."""


def _team_gate(found: Deployment) -> Principal:
    session = state.session_id()
    seen = state.logged_views()
    if not st.user.get("is_logged_in", False):  # absent when Streamlit sees no [auth]
        state.set_principal(None)
        state.open_case(None)
        st.title("casemap")
        if any(name.startswith("_streamlit_user") for name in st.context.cookies):
            refuse(state.db_path(), session, seen, "ongeldige of verlopen sessie")
            st.warning(_("Uw sessie is verlopen of ongeldig. Meld u opnieuw aan."))
        # asked afresh in the run a click on "Aanmelden" starts: a provider that went down
        # since the last check would otherwise end on Streamlit's bare "Authentication error"
        if not _reachable(found.metadata_url, fresh=bool(st.session_state.get(_SIGN_IN))):
            refuse(state.db_path(), session, seen, "inlogdienst niet bereikbaar")
            st.error(
                _(
                    "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het over "
                    "een paar minuten opnieuw; blijft het zo, neem dan contact op met de beheerder."
                )
            )
            _stop_without_menu()
        st.markdown(
            _(
                "casemap bevat vertrouwelijke gegevens van cliënten. Meld u aan met het account "
                "van uw organisatie."
            )
        )
        if st.button(_("Aanmelden"), type="primary", key=_SIGN_IN):
            st.login(found.provider or None)
        _stop_without_menu()
    claims = st.user.to_dict()
    try:
        who = sign_in(state.db_path(), claims, session, seen)
    except SignInRefused as err:
        state.set_principal(None)
        state.open_case(None)
        st.title("casemap")
        show_error(err)
        if st.button(_("Afmelden"), key="casemap_sign_out_refused"):
            st.logout()
        _stop_without_menu()
    except CasemapError as err:
        st.title("casemap")
        show_error(err)
        _stop_without_menu()
    state.set_principal(who)
    return who


def account_sidebar(who: Principal) -> None:
    """Who is signed in, and the way out (team mode)."""
    if not who.signed_in:
        return
    with st.sidebar:
        st.caption(
            _("Aangemeld als {name} ({role})").format(name=md_escape(who.name), role=who.role)
        )
        if st.button(_("Afmelden"), key="casemap_sign_out"):
            sign_out(state.db_path(), who, state.logged_views())
            state.set_principal(None)
            state.open_case(None)
            st.logout()
