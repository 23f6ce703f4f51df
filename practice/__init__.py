"""Gradient Practice: the pure core.

Banks, variants, the safe math reader, grading, worked solutions and scheduling
rules live here. Nothing in this package imports Streamlit or SQLAlchemy, so every
rule can be tested in milliseconds without a browser or a database
(``tests/test_layers.py`` holds us to that).
"""

__version__ = "0.1.0"
