"""The floor for the click benchmark: a Streamlit page that does nothing but count a click.

From a click on its button until the count shows and the script is idle is
what any Streamlit page costs on this machine (websocket, script run, the
browser drawing the answer); a casemap page cannot settle faster.
"""

import streamlit as st

st.session_state.setdefault("clicks", 0)
if st.button("Klik", key="floor_click"):
    st.session_state.clicks += 1
st.markdown(f"Geklikt: {st.session_state.clicks}")
