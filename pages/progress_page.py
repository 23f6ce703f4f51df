"""Progress (placeholder until the page lands: navigation works and the page says so)."""

from __future__ import annotations

import streamlit as st

st.title("Progress")
st.caption("Your accuracy, activity, upcoming reviews and mastery per topic.")
st.info(
    "This page is being built. Meanwhile, try the Explore page.", icon=":material/construction:"
)
