"""Streamlit helpers shared by ``app.py`` and the pages (``app_pages/``).

The app's layer: Streamlit is imported by the modules here and by the pages, never in
``practice/`` or ``db/``. The modules directly in ``ui/`` draw widgets and keep
Session State; ``ui.plain`` holds what the pages show but can be built without
Streamlit (plotly figures, numbers reshaped for a chart, words for identifiers), so
tests check it directly. What can be computed without any page is in ``practice/``.
"""
