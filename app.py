"""Gradient Practice: the Streamlit entry point (placeholder until the pages land)."""

import streamlit as st

st.set_page_config(page_title="Gradient Practice", page_icon="∇")
st.title("∇ Gradient Practice")
st.write(
    "Active-recall drills on partial derivatives, gradients and gradient descent. "
    "Practice, review, progress, the gradient explorer and the instructor page are coming."
)
