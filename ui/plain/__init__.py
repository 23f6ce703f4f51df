"""What the pages show, built without Streamlit: plotly figures, the store's numbers
reshaped for drawing, the words for identifiers and numbers, the page list.

Nothing here imports Streamlit (``tests/test_layers.py`` checks it), so every figure and
table is tested as plain data, without a page.
"""
