"""casemap: genogram, ecogram and netwerkkaart for case management.

This file only wires the door (mode and sign-in), the navigation and the
shared header; every page lives in ``views/`` and every computation in
``mapping/``.
"""

from pathlib import Path

import streamlit as st

from mapping.core.errors import StoreUnavailable
from views import dutch, gate, shell, state
from views.i18n import _
from views.pages import available_pages, page_title

st.set_page_config(
    page_title="casemap",
    page_icon=str(Path(__file__).resolve().parent / "views" / "assets" / "casemap.png"),
    layout="wide",
)

deployment = gate.current()  # a configuration that may not start stops here
shell.sidebar(team=deployment.team)
with st.sidebar:
    dutch.widgets(state.current_lang())  # Streamlit's own widget texts in Dutch, on every page
who = gate.gate()  # nobody passes without the right to come in
gate.account_sidebar(who)

groups: dict[str, list] = {}
for file, title, icon, group in available_pages(who):
    groups.setdefault(_(group), []).append(
        st.Page(f"views/{file}", title=_(title), icon=icon, default=file == "cases.py")
    )
navigation = st.navigation(groups, expanded=True)  # every page one click away
state.set_part(page_title(navigation.url_path or "cases"))  # the Dutch page name in the log
if not shell.database_ready():
    st.stop()
try:
    shell.case_from_url()
    with st.container(key="case_header"):  # meeting mode hides it on the projector
        shell.case_header()
    navigation.run()
except StoreUnavailable as err:
    # the database went away or stayed busy in the middle of the run (a read, or the
    # access-log line a view must leave): the message, never a traceback; nothing was saved
    shell.show_error(err)
