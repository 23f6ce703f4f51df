"""Put text a user or a bank author chose into Markdown without it becoming markup.

A learner's name goes into ``st.markdown`` on several pages; unescaped, a name like
``![x](http://host/pixel.png)`` would load an image from elsewhere and ``$x$``
would turn into maths. Streamlit has no escaping helper, so we escape the
characters Markdown, its extensions and KaTeX give meaning to.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown/LaTeX-active character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
