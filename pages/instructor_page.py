"""Instructor (placeholder until the page lands: navigation works and the page says so)."""

from __future__ import annotations

import streamlit as st

st.title("Instructor")
st.caption(
    "The problem banks and their validation errors, a preview of any problem, and class statistics."
)
st.info(
    "This page is being built. Meanwhile, try the Explore page.", icon=":material/construction:"
)
