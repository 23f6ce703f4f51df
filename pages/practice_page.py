"""Practice (placeholder until the page lands: navigation works and the page says so)."""

from __future__ import annotations

import streamlit as st

st.title("Practice")
st.caption(
    "Choose a topic and level (or let the app recommend one), answer, and get feedback that names your mistake."
)
st.info(
    "This page is being built. Meanwhile, try the Explore page.", icon=":material/construction:"
)
