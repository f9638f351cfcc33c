"""casemap: genogram, ecogram and netwerkkaart for case management.

This file only wires the navigation and the shared header; every page lives
in ``views/`` and every computation in ``mapping/``.
"""

from pathlib import Path

import streamlit as st

from views import shell
from views.i18n import _
from views.pages import available_pages

st.set_page_config(
    page_title="casemap",
    page_icon=str(Path(__file__).resolve().parent / "views" / "assets" / "casemap.png"),
    layout="wide",
)

groups: dict[str, list] = {}
for file, title, icon, group in available_pages():
    groups.setdefault(_(group), []).append(
        st.Page(f"views/{file}", title=_(title), icon=icon, default=file == "cases.py")
    )
navigation = st.navigation(groups)
shell.sidebar()
if not shell.database_ready():
    st.stop()
with st.container(key="case_header"):  # meeting mode hides it on the projector
    shell.case_header()
navigation.run()
