"""Bank text is shown, never fetched: no images and no raw HTML in any Markdown field.

A Markdown image (``![plot](https://…)``) in a hint, a solution or a choice makes every
learner's browser that draws it request that address: a bank author (or whoever edited
the file) would learn who practises when, from where. Raw HTML is not drawn by the app
(Streamlit escapes it) and would only show as tags. Both are refused where the bank is
read, so ``validate`` reports them as ``FILE:LINE: PROBLEM_ID: message`` and the problem
never loads. LaTeX between ``$`` signs is left alone: ``$a < b$`` is no tag.
"""

from __future__ import annotations

import re

_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.S)
# ![alt](address), ![alt][reference], ![alt] [reference]
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
# <tag …>, </tag>, <tag/>, <!-- … -->, <!DOCTYPE …>
_HTML = re.compile(r"<!--|<!\w|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

IMAGE = (
    "a Markdown image would make each learner's browser fetch it from wherever it points; "
    "describe the figure in words or LaTeX instead"
)


def refused_markdown(text: str) -> str | None:
    """Why ``text`` may not be bank Markdown, or None when it may."""
    plain = _MATH.sub(" ", text)
    if _IMAGE.search(plain):
        return IMAGE
    tag = _HTML.search(plain)
    if tag:
        return f"raw HTML (`{tag.group(0)[:40]}`) is not drawn by the app; write Markdown"
    return None


def shown_not_fetched(text: str) -> str:
    """A pydantic validator for every Markdown field of a bank."""
    reason = refused_markdown(text)
    if reason is not None:
        raise ValueError(reason)
    return text
