"""Gradient Practice: the Streamlit entry point (``streamlit run app.py``).

Every page runs through here: the page config, the navigation and the sidebar
learner picker are set up once, then the chosen page runs inside a guard that turns
an unexpected error into a message instead of a traceback.
"""

import streamlit as st

from ui.guard import run_page
from ui.learner import sidebar_picker
from ui.plain import navigation

st.set_page_config(page_title="Gradient Practice", page_icon="∇", layout="wide")
page = st.navigation(
    [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
        )
        for spec in navigation.PAGES
    ]
)
sidebar_picker()
run_page(page)
