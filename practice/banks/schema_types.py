"""The field types every part of the bank format shares: expressions, text, names."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from practice.banks.markdown import shown_not_fetched

IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
MAX_TEXT = 20_000
MAX_EXPRESSION = 500


def _number_to_text(value: Any) -> Any:
    """YAML reads ``3`` and ``0.5`` as numbers; expression fields take them as text."""
    if isinstance(value, bool):
        return value  # let the str check reject it: ``true`` is not an expression
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return value


ExpressionText = Annotated[
    str,
    BeforeValidator(_number_to_text),
    Field(min_length=1, max_length=MAX_EXPRESSION),
]
"""An expression read later by ``practice.mathread`` (never by ``sympify``)."""

Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(shown_not_fetched)]
"""Markdown + LaTeX a learner sees: no images, no raw HTML (``practice.banks.markdown``)."""
Name = Annotated[str, Field(pattern=IDENTIFIER.pattern, max_length=30)]
