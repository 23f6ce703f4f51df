"""A load generator for the app that speaks Streamlit's websocket protocol (no browser).

``protocol`` is one browser tab, ``learner`` the practice loop a simulated learner runs
on it, ``answers`` what learners type, ``server`` the ``streamlit run`` under load and its
usage from ``/proc``, ``runs`` a load level and a soak, ``store`` the check that every
submission was stored exactly once, ``report`` the figures and tables.
``bench/capacity.py`` is the command line.
"""
