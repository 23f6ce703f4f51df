"""Review (placeholder until the page lands: navigation works and the page says so)."""

from __future__ import annotations

import streamlit as st

st.title("Review")
st.caption("The problems spaced repetition says are due today, each with fresh numbers.")
st.info(
    "This page is being built. Meanwhile, try the Explore page.", icon=":material/construction:"
)
