"""Streamlit helpers shared by ``app.py`` and the pages.

The app's layer: Streamlit is imported here and in ``pages/``, never in ``practice/``
or ``db/``. What can be computed without Streamlit is computed in ``practice/``;
what draws without Streamlit (plotly figures) lives in modules here that do not
import it, so tests can check figures directly.
"""
